"""Tests for the BIS DPL, DoD 1260H, special_leg (DoD 1286, INKSNA) and Cuba Restricted List
parsers: fixtures of real rows plus malformed ones, stable ids, and the real snapshots counted
independently with the csv module."""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.lists.base import ParseResult
from tradewarden.lists.load import load_folder, parse_files


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _rows(path: Path, delimiter: str = ",") -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh, delimiter=delimiter))


def _listed(result: ParseResult, schema: str | None = None) -> dict[str, EntityProxy]:
    return {e.id or "": e for e in result.listed() if schema is None or e.schema.name == schema}


def _ownerships(result: ParseResult) -> set[tuple[str, str]]:
    return {
        (e.first("owner") or "", e.first("asset") or "")
        for e in result.entities.values()
        if e.schema.name == "Ownership"
    }


# --- BIS Denied Persons List -----------------------------------------------------------------


@pytest.fixture(scope="module")
def dpl(fixtures_dir: Path) -> ParseResult:
    return parse_files("us_bis_dpl", [fixtures_dir / "us" / "dpl_sample.txt"])


def test_dpl_rows_merge_by_name(dpl: ParseResult) -> None:
    # 14 rows, 6 spellings of 5 names (" I. ASH"/"I. ASH", "AL NASER"/"AL-NASER  AIRLINES").
    assert sorted(dpl.entities) == [
        "us-bis-dpl-aaron-abraham-villa",
        "us-bis-dpl-abdulah-al-nasser",
        "us-bis-dpl-al-naser-airlines",
        "us-bis-dpl-i-ash",
        "us-bis-dpl-jose-ernesto-garcia",
    ]
    airline = dpl.entities["us-bis-dpl-al-naser-airlines"]
    assert sorted(airline.get("country")) == ["ae", "iq", "jo"]
    assert len(airline.get("address")) == 4
    assert "P.O. BOX 911399, AMMAN, 11191, JO" in airline.get("address")
    assert airline.get("programId") == ["DPL"]
    assert airline.get("topics") == ["export.control"]


def test_dpl_problems_have_line_numbers(dpl: ParseResult) -> None:
    assert [(p.line, p.reason) for p in dpl.problems] == [
        (8, "Last update '1023-11-01' is not a date; kept in notes"),
        (15, "Last update '3033-09-30' is not a date; kept in notes"),
        (16, "expected 12 cells, found 3; row skipped"),
    ]
    garcia = dpl.entities["us-bis-dpl-jose-ernesto-garcia"]
    assert "Last update (as published): 3033-09-30" in garcia.get("notes")
    assert garcia.get("modifiedAt") == []


def test_dpl_us_dates_and_inferred_country(dpl: ParseResult) -> None:
    villa = dpl.entities["us-bis-dpl-aaron-abraham-villa"]
    assert villa.get("createdAt") == ["2022-08-24"]  # 08/24/2022, month first
    assert villa.get("modifiedAt") == ["2022-08-29"]
    assert villa.get("country") == ["us"]  # Country blank, State TX
    assert villa.get("address") == ["3415 RIVERA AVENUE, EL PASO, TX, 79905, US"]
    assert "Denial expires: 2026-01-14" in villa.get("notes")
    assert "Federal Register: 87 F.R. 52741 8/29/2022" in villa.get("notes")
    assert villa.context["source_id"] == "AARON ABRAHAM VILLA"


def test_dpl_ids_do_not_depend_on_row_order(fixtures_dir: Path, tmp_path: Path) -> None:
    lines = (fixtures_dir / "us" / "dpl_sample.txt").read_text().splitlines()
    reordered = tmp_path / "dpl.txt"
    reordered.write_text("\n".join([lines[0], *reversed(lines[1:-1])]) + "\n")
    first = parse_files("us_bis_dpl", [fixtures_dir / "us" / "dpl_sample.txt"])
    second = parse_files("us_bis_dpl", [reordered])
    assert set(first.entities) == set(second.entities)
    for key, entity in first.entities.items():
        assert sorted(entity.get("address")) == sorted(second.entities[key].get("address"))


@pytest.mark.shared
def test_dpl_real_snapshot(shared_lists: Path) -> None:
    rows = _rows(shared_lists / "us_bis_dpl" / "dpl.txt", delimiter="\t")
    assert len(rows) == 665
    result = load_folder(shared_lists, sources=["us_bis_dpl"])["us_bis_dpl"]
    assert len(result.entities) == len({_slug(row["Name"]) for row in rows})
    bad_years = [row for row in rows if not 1800 <= int(row["Last_Update"][:4]) <= 2100]
    assert len(bad_years) == 3  # 1023-11-01 twice, 3033-09-30 (PROVENANCE.md)
    assert len(result.problems) == len(bad_years)
    addresses = sum(len(e.get("address")) for e in result.entities.values())
    assert addresses >= len({(row["Name"], row["Street_Address"], row["City"]) for row in rows}) - 10


# --- DoD Section 1260H --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def milcorps(fixtures_dir: Path) -> ParseResult:
    return parse_files("us_dod_1260h", [fixtures_dir / "us" / "1260h_sample.csv"])


def test_1260h_merges_yearly_rows_and_spellings(milcorps: ParseResult) -> None:
    companies = _listed(milcorps, "Company")
    assert len(companies) == 6
    jonhon = milcorps.entities["us-dod-1260h-avic-jonhon-optronic-technology-co-ltd"]
    assert sorted(jonhon.get("name")) == [
        "AVIC JONHON Optronic Technology Co., Ltd.",
        "AVIC Jonhon Optronic Technology Co., Ltd.",
    ]
    avic = milcorps.entities["us-dod-1260h-aviation-industry-corporation-of-china-ltd"]
    assert sorted(avic.get("createdAt")) == ["2021-06-03", "2025-01-07", "2026-06-08"]
    assert avic.get("alias") == ["AVIC"]
    assert avic.get("programId") == ["DOD-1260H"]
    assert [(p.line, p.reason) for p in milcorps.problems] == [(16, "expected 9 cells, found 2; row skipped")]


def test_1260h_parent_becomes_ownership(milcorps: ParseResult) -> None:
    owner = "us-dod-1260h-aviation-industry-corporation-of-china-ltd"
    assert _ownerships(milcorps) == {
        (owner, "us-dod-1260h-avic-heavy-machinery-company-limited"),
        (owner, "us-dod-1260h-avic-jonhon-optronic-technology-co-ltd"),
    }
    dahua = milcorps.entities["us-dod-1260h-chengdu-dahua-wisdom-information-technology-co-ltd"]
    assert "Parent: Zhejiang Dahua Technology Co., Ltd" in dahua.get("notes")  # not in the fixture


def test_1260h_aliases_and_end_date(milcorps: ParseResult) -> None:
    knownsec = milcorps.entities["us-dod-1260h-beijing-zhidao-chuangyu-information-technology-co-ltd"]
    assert sorted(knownsec.get("alias")) == ["Beijing Kownsec", "Knownsec"]
    megvii = milcorps.entities["us-dod-1260h-beijing-megvii-technology-co-ltd"]
    assert "Listed until: 2025-01-07 (listed from 2024-01-31)" in megvii.get("notes")


@pytest.mark.shared
def test_1260h_real_snapshot(shared_lists: Path) -> None:
    rows = _rows(shared_lists / "us_dod_1260h" / "sanctions.csv")
    assert len(rows) == 397
    result = load_folder(shared_lists, sources=["us_dod_1260h"])["us_dod_1260h"]
    assert result.problems == []
    assert len(_listed(result)) == len({_slug(row["Clean Name"]) for row in rows})
    spellings = {_slug(row["Clean Name"]) for row in rows}
    spellings |= {_slug(row["Name"].rstrip("*")) for row in rows}
    resolvable = {row["Parent Name"] for row in rows if row["Parent Name"] and _slug(row["Parent Name"]) in spellings}
    assert len(resolvable) >= 27  # PROVENANCE count of parents spelled like a clean name
    links = _ownerships(result)
    assert links and all(owner in result.entities and asset in result.entities for owner, asset in links)


# --- special_leg: DoD 1286 and State INKSNA ------------------------------------------------------


def test_special_leg_folder_decides_source(fixtures_dir: Path, tmp_path: Path) -> None:
    (tmp_path / "us_state_isn").mkdir()
    shutil.copy(fixtures_dir / "us" / "inksna_sample.csv", tmp_path / "us_state_isn" / "inksna.csv")
    shutil.copy(fixtures_dir / "us" / "section_1286_sample.csv", tmp_path / "section_1286.csv")
    results = load_folder(tmp_path)
    assert sorted(results) == ["us_dod_1286", "us_state_isn"]  # loose file: the format's default source
    isn = results["us_state_isn"]
    person = isn.entities["us-state-isn-ch-oe-ch-o-l-min"]
    assert person.schema.name == "Person"
    assert person.get("country") == ["kp"]
    assert person.get("programId") == ["ISN"]
    assert person.get("createdAt") == ["2026-01-22"]
    assert "End date: 2028-01-22" in person.get("notes")
    assert isn.entities["us-state-isn-js-research-inc"].get("country") == ["kr"]  # "ROK"
    assert [(p.line, p.reason) for p in isn.problems] == [
        (5, "unknown schema 'Vessel'; loaded as LegalEntity"),
        (6, "expected 13 cells, found 2; row skipped"),
    ]


def test_special_leg_merges_report_years(fixtures_dir: Path) -> None:
    result = parse_files("us_dod_1286", [fixtures_dir / "us" / "section_1286_sample.csv"])
    assert result.problems == []
    npu = result.entities["us-dod-1286-northwestern-polytechnical-university"]  # one row has a trailing space
    assert sorted(npu.get("createdAt")) == ["2022", "2023", "2024", "2025"]
    assert len(npu.get("alias")) == 3
    assert npu.get("topics") == ["debarment"]
    assert len(result.entities) == 2


@pytest.mark.shared
@pytest.mark.parametrize(("source", "path", "count"), [
    ("us_dod_1286", "us_dod_1286/section_1286.csv", 443),
    ("us_state_isn", "us_state_isn/inksna.csv", 28),
])
def test_special_leg_real_snapshots(shared_lists: Path, source: str, path: str, count: int) -> None:
    rows = _rows(shared_lists / path)
    assert len(rows) == count
    result = load_folder(shared_lists, sources=[source])[source]
    assert result.problems == []
    assert len(result.entities) == len({_slug(row["name"]) for row in rows})
    assert {e.context["source"] for e in result.entities.values()} == {source}


# --- State Department Cuba Restricted List ----------------------------------------------------------


def test_cuba_fixture(fixtures_dir: Path) -> None:
    result = parse_files("us_state_cuba_restricted", [fixtures_dir / "us" / "cuba_sample.csv"])
    assert [(p.line, p.reason) for p in result.problems] == [(7, "expected 9 cells, found 2; row skipped")]
    minint = result.entities["us-state-cuba-restricted-ministerio-del-interior"]
    assert minint.schema.name == "PublicBody"
    assert minint.get("abbreviation") == ["MININT"]
    assert minint.get("country") == ["cu"]
    assert minint.context["source_id"] == "ministerio-del-interior"
    ais = result.entities["us-state-cuba-restricted-american-international-services"]
    assert ais.get("alias") == ["AIS Remesas"]
    assert ais.get("sector") == ["Remittances"]
    assert ais.get("createdAt") == ["2025-02-06"]
    assert _ownerships(result) == {
        ("us-state-cuba-restricted-corporacion-cimex-s-a", "us-state-cuba-restricted-american-international-services")
    }
    orphan = result.entities["us-state-cuba-restricted-hotel-orphan"]
    assert "Parent: no-such-parent" in orphan.get("notes")


@pytest.mark.shared
def test_cuba_real_snapshot(shared_lists: Path) -> None:
    rows = _rows(shared_lists / "us_state_cuba_restricted" / "restricted_entities.csv")
    assert len(rows) == 239
    result = load_folder(shared_lists, sources=["us_state_cuba_restricted"])["us_state_cuba_restricted"]
    assert result.problems == []
    assert {e.context["source_id"] for e in result.listed()} == {row["Id"] for row in rows}
    assert len(_ownerships(result)) == sum(1 for row in rows if row["Parent"])

"""Tests for the PRC countermeasures parser: a fixture of real rows (one malformed), merging of
repeated announcements, both name scripts, and the real snapshot counted with the csv module."""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest

from tradewarden.lists.base import ParseResult
from tradewarden.lists.cn_sanctions import CN_HEADER, program_title
from tradewarden.lists.load import load_folder, parse_files, sniff

_CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture(scope="module")
def sample(fixtures_dir: Path) -> ParseResult:
    return parse_files("cn_countermeasures", [fixtures_dir / "us" / "cn_sample.csv"])


def test_sniffs_the_header() -> None:
    header = ",".join(CN_HEADER).encode("utf-8")
    assert sniff("sanctions.csv", header + b"\n").name == "cn_sanctions_csv"  # type: ignore[union-attr]
    fmt = sniff("sanctions.csv", b"Name,Clean Name,Alias,Previous Name\n")
    assert fmt is None or fmt.name != "cn_sanctions_csv"


def test_rows_merge_by_type_and_name(sample: ParseResult) -> None:
    # 9 good rows: NED, Rubio twice, Skydio four times (two spellings), Teal Drones twice.
    assert sorted(sample.entities) == [
        "cn-countermeasures-company-skydio-inc",
        "cn-countermeasures-company-teal-drones-inc",
        "cn-countermeasures-organization-national-endowment-for-democracy",
        "cn-countermeasures-person-marco-rubio",
    ]
    assert [(p.line, p.reason) for p in sample.problems] == [(11, "expected 15 cells, found 5; row skipped")]


def test_every_list_is_kept_in_program(sample: ParseResult) -> None:
    skydio = sample.entities["cn-countermeasures-company-skydio-inc"]
    assert sorted(skydio.get("program")) == [
        "Decision on Countermeasures against U.S. military-industry enterprises and senior managers"
        " - Ministry of Foreign Affairs",
        "List of Export Controls - Ministry of Commerce",
        "List of Targets of Countermeasures - Ministry of Foreign Affairs",
        "Unreliable Entity List (UEL) - Ministry of Commerce",
    ]
    assert sorted(skydio.get("topics")) == ["export.control", "sanction.counter"]
    assert sorted(skydio.get("createdAt")) == ["2024-10-10", "2025-03-04", "2025-04-04"]
    assert sorted(skydio.get("name")) == ["Skydio Inc.", "Skydio, Inc.", "斯凯迪奥公司"]


def test_person_names_in_both_scripts_and_two_digit_years(sample: ParseResult) -> None:
    rubio = sample.entities["cn-countermeasures-person-marco-rubio"]
    assert rubio.schema.name == "Person"
    assert sorted(rubio.get("name")) == ["Marco Rubio", "鲁比欧"]
    assert sorted(rubio.get("createdAt")) == ["2020-07-13", "2020-08-10"]  # 13.07.20, 10.08.20
    assert rubio.get("position") == ["US Senator"]
    assert rubio.get("wikidataId") == ["Q324546"]
    assert rubio.get("country") == ["us"]
    assert rubio.context["source_id"] == "Person:Marco Rubio"
    ned = sample.entities["cn-countermeasures-organization-national-endowment-for-democracy"]
    assert ned.get("createdAt") == ["2019-12-02"]  # 02.12.2019
    assert ned.get("program") == ["Ministry of Foreign Affairs"]


def test_aliases_and_address(sample: ParseResult) -> None:
    teal = sample.entities["cn-countermeasures-company-teal-drones-inc"]
    assert sorted(teal.get("alias")) == ["Teal Drones", "iDrone"]
    assert teal.get("address") == ["2800 S West Temple St., Unite 2, South Salt Lake, UT, USA, 84115"]


def test_program_title() -> None:
    assert program_title("UEL", "Ministry of Commerce") == "Unreliable Entity List (UEL) - Ministry of Commerce"
    assert program_title("AFSL", "") == "Countermeasures under the Anti-Foreign Sanctions Law (AFSL)"
    tao = "Taiwan Affairs Office of the State Council"
    assert program_title("", tao) == tao
    assert program_title("", "") == "PRC countermeasures"


def test_unknown_type_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / "sanctions.csv"
    path.write_text(",".join(CN_HEADER) + "\nVessel,,Some Ship,,,,,,,,,01.01.2024,,,\n", encoding="utf-8")
    result = parse_files("cn_countermeasures", [path])
    assert result.entities == {}
    assert [(p.line, p.reason) for p in result.problems] == [(2, "unknown type 'Vessel'; skipped")]


@pytest.mark.shared
def test_real_snapshot(shared_lists: Path) -> None:
    with (shared_lists / "cn_countermeasures" / "sanctions.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 610
    assert sum(1 for row in rows if row["Chinese name"].strip()) == 512  # PROVENANCE.md
    result = load_folder(shared_lists, sources=["cn_countermeasures"])["cn_countermeasures"]
    assert result.problems == []
    keys = {(row["Type"], re.sub(r"[^a-z0-9]+", "-", f"{row['Type']}:{row['Name']}".lower())) for row in rows}
    assert len(result.entities) == len(keys)
    chinese = {row["Chinese name"].strip() for row in rows if row["Chinese name"].strip()}
    parsed = {n for e in result.entities.values() for n in e.get("name") if _CJK.search(n)}
    assert parsed == chinese
    lists = {row["List"] for row in rows if row["List"]}
    programs = " | ".join(p for e in result.entities.values() for p in e.get("program"))
    assert all(name in programs for name in lists)
    assert all(e.get("createdAt") for e in result.entities.values() if e.get("program") != ["PRC countermeasures"])

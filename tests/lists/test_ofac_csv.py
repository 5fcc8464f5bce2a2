"""OFAC legacy CSV: real fixture rows (tests/fixtures/ofac), malformed rows, and the shared snapshots."""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from tradewarden.lists.base import ParseResult, make_entity_id
from tradewarden.lists.load import load_folder, parse_files, sniff
from tradewarden.lists.ofac_csv import split_programs

EOF_LINE = b"\r\n\x1a"


def _entity(result: ParseResult, ent_num: str) -> EntityProxy:
    return result.entities[make_entity_id(result.source, ent_num)]


def _rows(path: Path, columns: int) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [row for row in csv.reader(handle) if len(row) == columns]


def _write(folder: Path, name: str, lines: list[bytes], eof: bool = True) -> Path:
    path = folder / name
    path.write_bytes(b"\r\n".join(lines) + (EOF_LINE if eof else b"\r\n"))
    return path


@pytest.fixture(scope="module")
def fixture_set(fixtures_dir: Path) -> ParseResult:
    folder = fixtures_dir / "ofac"
    return parse_files("us_ofac_sdn", [folder / n for n in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv")])


@pytest.mark.parametrize(
    ("name", "head", "fmt", "source"),
    [
        ("sdn.csv", b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"', "ofac_sdn_primary_csv", "us_ofac_sdn"),
        ("sdn_2021-08-18.csv", b'36,"X",-0- ', "ofac_sdn_primary_csv", "us_ofac_sdn"),
        ("alt.csv", b'36,12,"aka","AERO-CARIBBEAN",-0- ', "ofac_sdn_alt_csv", "us_ofac_sdn"),
        ("add.csv", b'36,25,-0- ,"Havana","Cuba",-0- ', "ofac_sdn_add_csv", "us_ofac_sdn"),
        ("sdn_comments.csv", b'28263,"hn\'; Linked To: X."', "ofac_sdn_comments_csv", "us_ofac_sdn"),
        ("cons_prim.csv", b'9639,"HANIYA, Ismail","individual"', "ofac_cons_primary_csv", "us_ofac_cons"),
        ("cons_alt.csv", b'9639,9150,"aka","HANIYA, Ismail",-0- ', "ofac_cons_alt_csv", "us_ofac_cons"),
        ("cons_add.csv", b'9641,12128,-0- ,"Gaza","Palestinian",-0- ', "ofac_cons_add_csv", "us_ofac_cons"),
        ("cons_comments.csv", b'17014,"r 1027700342890"', "ofac_cons_comments_csv", "us_ofac_cons"),
        ("SDN.CSV", b"", "ofac_sdn_primary_csv", "us_ofac_sdn"),  # an empty download is still sdn.csv
    ],
)
def test_sniff_by_name_and_content(name: str, head: bytes, fmt: str, source: str) -> None:
    found = sniff(name, head)
    assert found is not None
    assert (found.name, found.default_source) == (fmt, source)


@pytest.mark.parametrize(
    ("name", "head"),
    [
        ("sdn.csv", b"<html><body>Service unavailable</body></html>"),
        ("sdn.csv", b"ent_num,name,type\r\n"),
        ("names.csv", b'36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA"'),
    ],
)
def test_sniff_rejects_other_content(name: str, head: bytes) -> None:
    found = sniff(name, head)
    assert found is None or not found.name.startswith("ofac_")


def test_fixture_rows_load(fixture_set: ParseResult) -> None:
    assert fixture_set.problems == []
    listed = {e.context["source_id"]: e.schema.name for e in fixture_set.listed()}
    assert listed == {
        "306": "Organization", "2686": "Person", "4243": "Vessel",
        "4697": "Organization", "15431": "Airplane", "28263": "Person",
    }
    assert all(not key.startswith("ofac_") for e in fixture_set.entities.values() for key in e.context)


def test_primary_columns(fixture_set: ParseResult) -> None:
    person = _entity(fixture_set, "2686")
    assert person.get("name") == ["NASRALLAH, Hasan"]
    assert person.get("program") == ["SDGT", "SYRIA"]
    assert person.get("position") == ["Secretary General of Hizballah"]
    assert person.get("topics") == ["sanction"]
    vessel = _entity(fixture_set, "4243")
    assert vessel.get("callSign") == ["P3QG3"]
    assert vessel.get("type") == ["General Cargo"]
    assert vessel.get("tonnage") == ["2595"]
    assert vessel.get("grossRegisteredTonnage") == ["1116"]
    assert vessel.get("flag") == ["cy"]
    # The owner is not a listed entry of the fixture: the name stays readable in notes.
    assert "Owner: Sand & Swan Navigation Co. Ltd." in vessel.get("notes")
    assert vessel.get("previousName") == ["ANA I"]


def test_remarks_become_properties(fixture_set: ParseResult) -> None:
    person = _entity(fixture_set, "2686")
    assert sorted(person.get("birthDate")) == ["1953-08-31", "1955-08-31", "1958-08-31", "1960-08-31"]
    assert person.get("birthPlace") == ["Al Basuriyah, Lebanon"]
    assert person.get("gender") == ["male"]
    assert person.get("passportNumber") == ["042833"]
    passports = [e for e in fixture_set.entities.values() if e.schema.name == "Passport"]
    assert [(p.get("holder"), p.get("number"), p.get("country")) for p in passports] == [
        ([person.id], ["042833"], ["lb"])
    ]
    aircraft = _entity(fixture_set, "15431")
    assert aircraft.get("model") == ["IL76-TD"]
    assert aircraft.get("buildDate") == ["1992"]
    assert set(aircraft.get("serialNumber")) == {"8401", "1023409321"}
    assert "Aircraft Operator YAS AIR" in aircraft.get("notes")
    assert "Linked To: POUYA AIR." in aircraft.get("notes")  # not in the fixture: unresolved
    bank = _entity(fixture_set, "306")
    assert bank.get("weakAlias") == ["BNC"]


def test_linked_to_becomes_a_link(fixture_set: ParseResult) -> None:
    links = [e for e in fixture_set.entities.values() if e.schema.name == "UnknownLink"]
    assert [(link.get("subject"), link.get("object"), link.get("role")) for link in links] == [
        (["us-ofac-sdn-2686"], ["us-ofac-sdn-4697"], ["Linked To"])
    ]
    assert not any(note.startswith("Linked To") for note in _entity(fixture_set, "2686").get("notes"))


def test_alt_and_add_join_their_entry(fixtures_dir: Path, fixture_set: ParseResult) -> None:
    alt_rows = _rows(fixtures_dir / "ofac" / "alt.csv", 5)
    hizballah = _entity(fixture_set, "4697")
    expected = {row[3] for row in alt_rows if row[0] == "4697"}
    assert set(hizballah.get("alias")) == expected and len(expected) == 14
    assert len(hizballah.get("weakAlias")) == 8
    bank = _entity(fixture_set, "306")
    assert bank.get("alias") == ["NATIONAL BANK OF CUBA"]
    assert "Zweierstrasse 35, Zurich CH-8022, Switzerland" in bank.get("address")
    assert len(bank.get("address")) == 4
    assert set(bank.get("country")) == {"ch", "es", "jp", "pa"}
    assert _entity(fixture_set, "28263").get("address") == ["Nanjing, Jiangsu, China"]
    assert _entity(fixture_set, "4243").get("address") == []  # an all -0- address row adds nothing


def test_comments_continue_the_remarks(fixtures_dir: Path, fixture_set: ParseResult) -> None:
    tian = _entity(fixture_set, "28263")
    assert set(tian.get("weakAlias")) == {"tianyinyin0404", "snowsjohn"}
    assert "Linked To: LAZARUS GROUP." in tian.get("notes")
    assert tian.get("email") == ["417136259@qq.com"]
    assert tian.get("phone") == ["+8613621583465"]
    assert tian.get("idNumber") == ["321284198607120616"]
    # Without the comments file the cut is reported and the half name stays a note.
    alone = parse_files("us_ofac_sdn", [fixtures_dir / "ofac" / "sdn.csv"])
    assert [p.reason for p in alone.problems] == [
        "ent_num 28263: remarks cut at 1000 characters and no comments file continues them"
    ]
    assert alone.problems[0].line == 6
    assert "a.k.a. 'snowsjo" in _entity(alone, "28263").get("notes")


def test_malformed_rows_are_reported_and_the_rest_loads(tmp_path: Path, fixtures_dir: Path) -> None:
    good = (fixtures_dir / "ofac" / "sdn.csv").read_bytes().split(b"\r\n")[:2]
    lines = [
        good[0],
        b'12,"MULTI LINE",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"first line\r\nsecond line."',
        b'13,"TOO FEW","individual","SDGT"',
        b'X14,"BAD NUMBER","individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        b'15,-0- ,"individual","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        b'16,"ODD TYPE","spaceship","SDGT",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
        good[1],
    ]
    result = parse_files("us_ofac_sdn", [_write(tmp_path, "sdn.csv", lines)])
    assert [(p.line, p.reason) for p in result.problems] == [
        (4, "expected 12 columns, found 4; row skipped"),
        (5, "ent_num 'X14' is not a number; row skipped"),
        (6, "ent_num 15 has no name; row skipped"),
        (7, "ent_num 16: unknown type 'spaceship'; loaded as LegalEntity"),
    ]
    assert sorted(e.context["source_id"] for e in result.listed()) == ["12", "16", "2686", "306"]
    assert _entity(result, "16").schema.name == "LegalEntity"
    assert _entity(result, "12").get("notes") == ["first line\r\nsecond line."]


def test_companion_rows_for_unknown_entries_are_reported(tmp_path: Path, fixtures_dir: Path) -> None:
    sdn = fixtures_dir / "ofac" / "sdn.csv"
    alt = _write(tmp_path, "alt.csv", [b'306,1,"aka","KNOWN",-0- ', b'999999,2,"aka","ORPHAN",-0- '])
    add = _write(tmp_path, "add.csv", [b'999998,3,-0- ,"Havana","Cuba",-0- '])
    comments = _write(tmp_path, "sdn_comments.csv", [b'999997,"tail."'], eof=False)
    result = parse_files("us_ofac_sdn", [sdn, alt, add, comments])
    assert sorted((p.file, p.line, p.reason) for p in result.problems if "unknown ent_num" in p.reason) == [
        ("add.csv", 1, "address for unknown ent_num 999998; row skipped"),
        ("alt.csv", 2, "alias for unknown ent_num 999999; row skipped"),
        ("sdn_comments.csv", 1, "remarks continuation for unknown ent_num 999997; row skipped"),
    ]
    assert "KNOWN" in _entity(result, "306").get("alias")


def test_duplicate_and_non_utf8_rows(tmp_path: Path) -> None:
    row = '7,"CAF\xc9 NUEVO",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- '.encode("cp1252")
    result = parse_files("us_ofac_sdn", [_write(tmp_path, "sdn.csv", [row, row])])
    assert [p.reason for p in result.problems][0].startswith("not UTF-8")
    assert result.problems[1].reason == "ent_num 7 appears twice; the rows are merged"
    assert _entity(result, "7").get("name") == ["CAFÉ NUEVO"]


def test_split_programs() -> None:
    assert split_programs("SDGT] [IRGC] [IFSR") == ["SDGT", "IRGC", "IFSR"]
    assert split_programs("[CUBA]") == ["CUBA"]
    assert split_programs(None) == []


# --- Real snapshots in ../shared/data ------------------------------------------------------------


@pytest.fixture(scope="module")
def current_sdn(shared_lists: Path) -> tuple[ParseResult, float]:
    started = time.process_time()
    result = load_folder(shared_lists / "us_ofac_sdn")["us_ofac_sdn"]
    return result, time.process_time() - started


@pytest.mark.shared
def test_current_sdn_counts(current_sdn: tuple[ParseResult, float], shared_lists: Path) -> None:
    result, seconds = current_sdn
    rows = _rows(shared_lists / "us_ofac_sdn" / "sdn.csv", 12)
    assert len(rows) == 14_965  # PROVENANCE.md
    listed = result.listed()
    assert len(listed) == len(rows)
    types = Counter(row[2].strip() for row in rows)
    schemas = Counter(e.schema.name for e in listed)
    assert schemas == {
        "Person": types["individual"], "Organization": types["-0-"],
        "Vessel": types["vessel"], "Airplane": types["aircraft"],
    }
    weak = sum(len(e.get("weakAlias")) for e in listed)
    quoted = sum(len(re.findall(r"a\.k\.a\. '[^']+'", row[11])) for row in rows)
    assert weak > 3000 and weak >= quoted - 5  # a few sit in remarks cut at 1,000 characters
    programs = Counter(p for e in listed for p in e.get("program"))
    assert programs["RUSSIA-EO14024"] == 4439 and programs["SDGT"] == 2386
    # Only sdn.csv is in the snapshot: the remarks cut at 1,000 characters are reported.
    assert {p.reason.split(": ", 1)[1] for p in result.problems} == {
        "remarks cut at 1000 characters and no comments file continues them"
    }
    assert seconds < 30  # a few seconds on a quiet machine


@pytest.mark.shared
def test_current_sdn_links_resolve(current_sdn: tuple[ParseResult, float], shared_lists: Path) -> None:
    result, _ = current_sdn
    rows = _rows(shared_lists / "us_ofac_sdn" / "sdn.csv", 12)
    linked = sum(len(re.findall(r"Linked To: ", row[11])) for row in rows)
    links = [e for e in result.entities.values() if e.schema.name == "UnknownLink"]
    unresolved = sum(1 for e in result.listed() for n in e.get("notes") if n.startswith("Linked To: "))
    assert len(links) + unresolved == linked
    assert unresolved < 30
    assert all(link.get("object")[0] in result.entities for link in links)


@pytest.mark.shared
def test_full_2021_set_joins_alt_and_add(shared_data: Path) -> None:
    folder = shared_data / "lists-history" / "us_ofac_sdn_2021_full"
    result = parse_files("us_ofac_sdn", sorted(folder.iterdir()))
    assert result.problems == []
    sdn_rows = _rows(folder / "sdn.csv", 12)
    assert len(result.listed()) == len(sdn_rows)
    alt_rows = _rows(folder / "alt.csv", 5)
    by_ent: dict[str, set[str]] = {}
    for row in alt_rows:
        by_ent.setdefault(row[0], set()).add(registry.name.clean_text(row[3]) or "")  # as FtM stores names
    for ent_num, names in by_ent.items():
        entity = _entity(result, ent_num)
        assert names <= set(entity.get("alias")) | set(entity.get("previousName")), ent_num
    fka = sum(1 for row in alt_rows if row[2] == "fka")
    assert sum(len(e.get("previousName")) for e in result.listed()) >= fka
    add_rows = _rows(folder / "add.csv", 6)
    with_address = {row[0] for row in add_rows if any(c.strip() != "-0-" for c in row[2:5])}
    assert {e.context["source_id"] for e in result.listed() if e.get("address")} == with_address
    # 12300's remarks are cut inside "PROMO RAIZ S.A.S." and continue in sdn_comments.csv.
    linked = {
        tuple(result.entities[link.get("object")[0]].get("name"))
        for link in result.entities.values()
        if link.schema.name == "UnknownLink" and link.get("subject") == ["us-ofac-sdn-12300"]
    }
    assert ("PROMO RAIZ S.A.S.",) in linked and ("R D I S.A.",) in linked
    assert len(linked) == len(re.findall(r"Linked To: ", _sdn_remarks(folder, "12300")))


def _sdn_remarks(folder: Path, ent_num: str) -> str:
    remarks = next(row[11] for row in _rows(folder / "sdn.csv", 12) if row[0] == ent_num)
    return remarks + "".join(row[1] for row in _rows(folder / "sdn_comments.csv", 2) if row[0] == ent_num)


@pytest.mark.shared
def test_consolidated_set(shared_lists: Path) -> None:
    result = load_folder(shared_lists / "us_ofac_cons")["us_ofac_cons"]
    assert result.problems == []
    prim = _rows(shared_lists / "us_ofac_cons" / "cons_prim.csv", 12)
    assert len(result.listed()) == len(prim) == 442
    assert all(e.id.startswith("us-ofac-cons-") for e in result.listed())
    alt_rows = _rows(shared_lists / "us_ofac_cons" / "cons_alt.csv", 5)
    names = {n for e in result.listed() for n in (*e.get("alias"), *e.get("previousName"))}
    assert {row[3].strip() for row in alt_rows} <= names


@pytest.mark.shared
def test_companions_without_their_sdn_are_all_reported(shared_data: Path) -> None:
    folder = shared_data / "lists-extra" / "us_ofac_sdn_2025-12_alt_add"
    result = parse_files("us_ofac_sdn", sorted(folder.iterdir()))
    assert result.listed() == []
    expected = len(_rows(folder / "alt.csv", 5)) + len(_rows(folder / "add.csv", 6))
    expected += len(_rows(folder / "sdn_comments.csv", 2))
    assert len(result.problems) == expected
    assert all("unknown ent_num" in p.reason and p.line is not None for p in result.problems)


def test_read_rows_line_numbers_follow_multiline_records(tmp_path: Path) -> None:
    text = '1,"A\r\nB"\r\nX,"bad"\r\n'
    result = parse_files("us_ofac_sdn", [_write(tmp_path, "sdn_comments.csv", [text.encode()], eof=False)])
    assert [(p.line, p.reason) for p in result.problems] == [
        (1, "remarks continuation for unknown ent_num 1; row skipped"),
        (3, "ent_num 'X' is not a number; row skipped"),
    ]

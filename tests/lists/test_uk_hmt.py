"""Tests for the OFSI ConList parser: a tiny xlsx (built with openpyxl) and csv, and the real snapshot."""

from __future__ import annotations

import csv
import io
import re
import zipfile
from html import unescape
from pathlib import Path

import openpyxl
import pytest
from followthemoney.types import registry

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.load import parse_files, sniff
from tradewarden.lists.sheets import read_xlsx
from tradewarden.lists.uk_hmt import enumerated, other_information, parse, uk_date

HEADER = [
    "Name 6", "Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Title", "Name Non-Latin Script",
    "Non-Latin Script Type", "Non-Latin Script Language", "DOB", "Town of Birth", "Country of Birth",
    "Nationality", "Passport Number", "Passport Details", "National Identification Number",
    "National Identification Details", "Position", "Address 1", "Address 2", "Address 3", "Address 4",
    "Address 5", "Address 6", "Post/Zip Code", "Country", "Other Information", "Group Type", "Alias Type",
    "Alias Quality", "Regime", "Listed On", "UK Sanctions List Date Designated", "Last Updated", "Group ID",
]
_PERSON = {
    "Name 1": "Ivan", "Name 2": "Petrovich", "Title": "Mr", "Town of Birth": "Tula", "Country of Birth": "Russia",
    "Nationality": "(1) Russia. (2) Ukraine", "Passport Number": "(1) 7101234 (2) -",
    "National Identification Number": "123456789", "Position": "Director of Sample Bank",
    "Address 1": "Sample Street 1", "Address 6": "Moscow", "Post/Zip Code": "101000", "Country": "Russia",
    "Other Information": "(UK Sanctions List Ref):RUS9001. (UK Statement of Reasons):Invented. (Gender):Male",
    "Group Type": "Individual", "Regime": "Russia", "Listed On": "15/03/2022", "Last Updated": "16/03/2022",
    "Group ID": "90001",
}
_BANK = {
    "Address 1": "Bank Square 2", "Address 6": "Moscow", "Country": "Russia", "Group Type": "Entity",
    "Other Information": "(UK Sanctions List Ref):RUS9002. (Type of entity):Joint Stock Company "
    "(Business Reg No):1027700000000 (Website):https://sample-bank.example",
    "Regime": "Russia", "Listed On": "24/02/2022", "Last Updated": "24/02/2022", "Group ID": "90002",
}
# Data rows start at row 3 (row 1: Last Updated, row 2: header).
ROWS: list[dict[str, str]] = [
    {**_PERSON, "Name 6": "SAMPLOV", "Alias Type": "Primary name", "DOB": "00/00/1961",
     "Name Non-Latin Script": "Иван Петрович Самплов", "Non-Latin Script Type": "Cyrillic"},
    {**_PERSON, "Name 6": "SAMPLOFF", "Name 1": "Vanya", "Name 2": "", "Alias Type": "AKA",
     "Alias Quality": "Low quality", "DOB": "00/05/1962", "Regime": "Belarus", "Listed On": "01/06/2023",
     "Last Updated": "01/02/2024"},
    {**_PERSON, "Name 6": "SAMPLOV", "Name 1": "Ivan P.", "Name 2": "", "Alias Type": "AKA",
     "Alias Quality": "Good quality", "DOB": "00/00/1961"},
    {**_BANK, "Name 6": "SAMPLE BANK JSC", "Alias Type": "Primary name"},
    {**_BANK, "Name 6": "OLD SAMPLE BANK", "Alias Type": "FKA"},
    {"Name 6": "SAMPLE STAR", "Group Type": "Ship", "Alias Type": "Primary name", "Country": "Russia",
     "Other Information": "(UK Sanctions List Ref):DPR9003. (IMO number):9126819 (Flag of ship):North Korea "
     "(Previous flags):(1) Russia (2) Panama (Type of ship):Oil tanker (Tonnage of ship):1676 (Year built):1975",
     "Regime": "Democratic People's Republic of Korea", "Listed On": "03/04/2018", "Group ID": "90003"},
    {"Name 6": "NO GROUP", "Group Type": "Entity", "Alias Type": "Primary name"},  # row 9
    {"Name 6": "SAMPLE AIR", "Group Type": "Aircraft", "Alias Type": "Primary name", "Group ID": "90004"},  # row 10
    {"Name 1": "", "Group Type": "Individual", "Alias Type": "Primary name", "Group ID": "90005"},  # row 11
]


def _table(rows: list[dict[str, str]]) -> list[list[str]]:
    return [["Last Updated", "16/03/2022"], HEADER] + [[row.get(name, "") for name in HEADER] for row in rows]


def _xlsx(rows: list[dict[str, str]]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    assert sheet is not None
    for cells in _table(rows):
        sheet.append([cell or None for cell in cells])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv(rows: list[dict[str, str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(_table(rows))
    return buffer.getvalue().encode("utf-8-sig")


def _parse(content: bytes, name: str = "ConList.xlsx") -> ParseResult:
    result = ParseResult(source="gb_hmt_sanctions")
    parse(content, ParseContext("gb_hmt_sanctions", Path(name), result))
    return result


@pytest.fixture(scope="module", params=["xlsx", "csv"])
def sample(request: pytest.FixtureRequest) -> ParseResult:
    if request.param == "xlsx":
        return _parse(_xlsx(ROWS))
    return _parse(_csv(ROWS), "ConList.csv")


def test_sniff() -> None:
    xlsx, text = _xlsx(ROWS[:1]), _csv(ROWS[:1])
    for name, content in (("ConList.xlsx", xlsx), ("ConList.csv", text), ("conlist_2025.csv", text)):
        fmt = sniff(name, content)
        assert fmt is not None and fmt.name == "gb_hmt_conlist" and fmt.default_source == "gb_hmt_sanctions"
    fmt = sniff("other.xlsx", xlsx)
    assert fmt is None or fmt.name != "gb_hmt_conlist"


def test_one_entity_per_group_and_problems_with_row_numbers(sample: ParseResult) -> None:
    assert {e.id: e.schema.name for e in sample.entities.values()} == {
        "gb-hmt-sanctions-90001": "Person",
        "gb-hmt-sanctions-90002": "Organization",
        "gb-hmt-sanctions-90003": "Vessel",
    }
    assert [(p.line, p.reason) for p in sample.problems] == [
        (9, "row without a Group ID; skipped"),
        (10, "Group ID 90004: unknown Group Type 'Aircraft'; skipped"),
        (11, "Group ID 90005: row without a name; skipped"),
        (11, "Group ID 90005: no name in any row; skipped"),
    ]
    assert sample.published_at == "2022-03-16"


def test_person_names_by_alias_type_and_quality(sample: ParseResult) -> None:
    person = sample.entities["gb-hmt-sanctions-90001"]
    assert person.get("name") == ["Ivan Petrovich SAMPLOV", "Иван Петрович Самплов"]
    assert person.get("alias") == ["Ivan P. SAMPLOV"]
    assert person.get("weakAlias") == ["Vanya SAMPLOFF"]
    assert person.get("firstName") == ["Ivan"] and person.get("lastName") == ["SAMPLOV"]
    assert person.context["source_id"] == "90001"


def test_person_facts(sample: ParseResult) -> None:
    person = sample.entities["gb-hmt-sanctions-90001"]
    assert sorted(person.get("birthDate")) == ["1961", "1962-05"]
    assert person.get("birthPlace") == ["Tula, Russia"] and person.get("birthCountry") == ["ru"]
    assert sorted(person.get("nationality")) == ["ru", "ua"]
    assert person.get("passportNumber") == ["7101234"]
    assert person.get("idNumber") == ["123456789"]
    assert person.get("position") == ["Director of Sample Bank"]
    assert person.get("title") == ["Mr"]
    assert person.get("address") == ["Sample Street 1, Moscow, 101000, Russia"]
    assert person.get("country") == ["ru"]
    assert person.get("gender") == ["male"]
    assert person.get("programId") == ["RUS9001"]
    assert sorted(person.get("program")) == ["Belarus", "Russia"]
    assert person.get("createdAt") == ["2022-03-15"]  # the earliest Listed On of the group
    assert person.get("modifiedAt") == ["2024-02-01"]  # the latest Last Updated
    assert person.get("topics") == ["sanction"]
    assert person.get("notes") == [_PERSON["Other Information"]]


def test_entity_and_ship(sample: ParseResult) -> None:
    bank = sample.entities["gb-hmt-sanctions-90002"]
    assert bank.get("name") == ["SAMPLE BANK JSC"]
    assert bank.get("previousName") == ["OLD SAMPLE BANK"]
    assert bank.get("legalForm") == ["Joint Stock Company"]
    assert bank.get("registrationNumber") == ["1027700000000"]
    assert bank.get("website") == ["https://sample-bank.example/"]
    assert bank.get("programId") == ["RUS9002"]
    ship = sample.entities["gb-hmt-sanctions-90003"]
    assert ship.get("imoNumber") == ["IMO9126819"]
    assert ship.get("flag") == ["kp"] and sorted(ship.get("pastFlags")) == ["pa", "ru"]
    assert ship.get("type") == ["Oil tanker"] and ship.get("buildDate") == ["1975"]
    assert ship.get("country") == ["ru"] and not ship.has("address")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("25/03/1970", "1970-03-25"), ("00/03/1970", "1970-03"), ("00/00/1970", "1970"), ("03/1970", "1970-03"),
     ("1970", "1970"), ("31/02/1970", None), ("25711", "1970-05-23"), ("", None), ("unknown", None)],
)
def test_uk_date(text: str, expected: str | None) -> None:
    assert uk_date(text) == expected


def test_enumerated_and_other_information() -> None:
    assert enumerated("(1) Germany. (2) Morocco") == ["Germany", "Morocco"]
    assert enumerated("(1) 20645897 (2) -") == ["20645897"]
    assert enumerated("Minister (2014-2018)") == ["Minister (2014-2018)"]
    info = (
        "(UK Sanctions List Ref):RUS2127. Name (non-Latin script): ОБРАЗЕЦ НАМИ. "
        "(Phone number):(1) +7 495 (2) +7 496"
    )
    assert other_information(info) == [
        ("name", "ОБРАЗЕЦ НАМИ"), ("programId", "RUS2127"), ("phone", "+7 495"), ("phone", "+7 496")
    ]


def test_unreadable_files_raise_list_format_error() -> None:
    with pytest.raises(ListFormatError):
        _parse(b"PK\x03\x04 not really a zip")
    with pytest.raises(ListFormatError, match="Group ID"):
        _parse(b"Last Updated,01/01/2024\nName 6,Group Type\nX,Entity\n", "ConList.csv")


@pytest.fixture(scope="module")
def hmt_path(shared_lists: Path) -> Path:
    return shared_lists / "gb_hmt_sanctions" / "ConList.xlsx"


@pytest.fixture(scope="module")
def hmt(hmt_path: Path) -> ParseResult:
    return parse_files("gb_hmt_sanctions", [hmt_path])


def _column_strings(path: Path, column: str) -> list[str]:
    """The shared strings used in one column, found with regular expressions (not our reader)."""
    with zipfile.ZipFile(path) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
        items = re.findall(rb"<si(?:/>|>(.*?)</si>)", archive.read("xl/sharedStrings.xml"), re.S)
    strings = [unescape(b"".join(re.findall(rb"<t[^>]*>([^<]*)</t>", item)).decode()) for item in items]
    indices = re.findall(rb'<c r="' + column.encode() + rb'(\d+)"[^>]*t="s"><v>(\d+)</v>', sheet)
    return [strings[int(index)] for row, index in indices if int(row) > 2]


@pytest.mark.shared
def test_snapshot_one_entity_per_group_id(hmt: ParseResult, hmt_path: Path) -> None:
    group_ids = set(_column_strings(hmt_path, "AJ"))
    assert len(group_ids) == 4686  # PROVENANCE.md
    assert {e.context["source_id"] for e in hmt.entities.values()} == group_ids
    schemas = [e.schema.name for e in hmt.entities.values()]
    assert (schemas.count("Person"), schemas.count("Organization"), schemas.count("Vessel")) == (3662, 1009, 15)
    assert hmt.problems == []
    assert hmt.published_at == "2025-04-10"


@pytest.mark.shared
def test_snapshot_keeps_every_non_latin_name(hmt: ParseResult, hmt_path: Path) -> None:
    # Compared as FtM cleans names: it drops format characters such as U+200E and U+200C.
    originals = {registry.name.clean(text) for text in _column_strings(hmt_path, "H")}
    assert len(originals) > 1000
    names = {name for entity in hmt.entities.values() for name in entity.get("name")}
    assert originals - names == set()


@pytest.mark.shared
def test_reader_agrees_with_openpyxl(hmt_path: Path) -> None:
    content = hmt_path.read_bytes()
    ours = dict(read_xlsx(content, hmt_path.name)[:400])
    workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True)
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(max_row=400, values_only=True), start=1):
            expected = {column: str(value) for column, value in enumerate(values) if value not in (None, "")}
            assert ours.get(number, {}) == expected, number
    finally:
        workbook.close()

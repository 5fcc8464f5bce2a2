"""Tests for the FCDO UK Sanctions List (ODS) parser and the ODS reader: tiny ODS files
(hand-written XML and one written by odfpy), and the real snapshot."""

from __future__ import annotations

import io
import re
import zipfile
from html import unescape
from pathlib import Path

import pytest
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.load import parse_files, sniff
from tradewarden.lists.sheets import read_ods
from tradewarden.lists.uk_fcdo import parse

_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)
_HEADER = ["Unique ID", "OFSI Group ID", "Name", "Regime Name", "Type", "Designation source", "Date Designated",
           "Sanctions Imposed"]
_PAD = '<table:table-cell table:number-columns-repeated="16376"/>'


def _cell(text: str) -> str:
    return f'<table:table-cell office:value-type="string"><text:p>{text}</text:p></table:table-cell>'


def _row(*cells: str) -> str:
    return f"<table:table-row>{''.join(_cell(text) for text in cells)}{_PAD}</table:table-row>"


# Row numbers as a spreadsheet shows them: 1 is the header.
CONTENT = f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content {_NS}><office:body><office:spreadsheet>
<table:table table:name="UK_Sanction_List">
<table:table-column table:number-columns-repeated="16384"/>
{_row(*_HEADER)}
{_row("AFG9001", "90011", "SAMPLE MONEY EXCHANGE", "Afghanistan", "Entity", "UN", "29-06-2012", "Asset freeze")}
<table:table-row>{_cell("RUS9001")}{_cell("90001")}{_cell('Ivan<text:s/>Petrovich<text:s text:c="2"/>SAMPLOV')}
{_cell("Russia")}<table:table-cell office:value-type="string"><office:annotation><text:p>reviewer note</text:p>
</office:annotation><text:p>Individual</text:p></table:table-cell>{_cell("UK")}
<table:table-cell office:value-type="date" office:date-value="2022-03-15"><text:p>15/03/22</text:p></table:table-cell>
<table:table-cell office:value-type="string"><text:p>Asset freeze,</text:p><text:p>Travel Ban</text:p>
</table:table-cell>
{_PAD}</table:table-row>
{_row("DPR9003", "90003", "SAMPLE STAR", "Democratic People's Republic of Korea", "Ship", "UK|UN", "03-04-2018", "")}
{_row("RUS9002", "90002", '''
            ''', "Russia", "Individual", "UK", "27-01-2025", "Asset freeze")}
{_row("XXX9999", "90004", "SAMPLE AIR", "Russia", "Aircraft", "UK", "01-01-2024", "")}
{_row("", "90005", "ORPHAN ROW", "Russia", "Entity", "UK", "01-01-2024", "")}
<table:table-row table:number-rows-repeated="3"><table:table-cell table:number-columns-repeated="16384"/>
</table:table-row>
{_row("SYR9001", "90006", "SAMPLE TRADING &amp; CO", "Syria", "Entity", "UK", "31-02-2024", "")}
<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/>
</table:table-row>
</table:table>
<table:table table:name="Notes">{_row("Unique ID", "Name", "Type")}{_row("NOT0001", "IGNORED", "Entity")}</table:table>
</office:spreadsheet></office:body></office:document-content>
"""


def _ods(content_xml: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet", zipfile.ZIP_STORED)
        archive.writestr("content.xml", content_xml, zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _parse(content: bytes) -> ParseResult:
    result = ParseResult(source="gb_fcdo_sanctions")
    parse(content, ParseContext("gb_fcdo_sanctions", Path("UK_Sanctions_List.ods"), result))
    return result


@pytest.fixture(scope="module")
def sample() -> ParseResult:
    return _parse(_ods(CONTENT))


def test_sniff() -> None:
    fmt = sniff("uk_sanctions_list.ods", _ods(CONTENT))
    assert fmt is not None and fmt.name == "gb_fcdo_ods" and fmt.default_source == "gb_fcdo_sanctions"


def test_reader_minds_repeats_spaces_annotations_and_typed_cells() -> None:
    rows = dict(read_ods(_ods(CONTENT), "x.ods"))
    assert sorted(rows) == [1, 2, 3, 4, 5, 6, 7, 11]  # rows 8-10 are empty, and so is the padding
    assert rows[3] == {0: "RUS9001", 1: "90001", 2: "Ivan Petrovich  SAMPLOV", 3: "Russia", 4: "Individual",
                       5: "UK", 6: "2022-03-15", 7: "Asset freeze,\nTravel Ban"}
    assert rows[11][2] == "SAMPLE TRADING & CO"


def test_entities_and_problems_with_row_numbers(sample: ParseResult) -> None:
    assert {e.id: e.schema.name for e in sample.entities.values()} == {
        "gb-fcdo-sanctions-afg9001": "Organization",
        "gb-fcdo-sanctions-rus9001": "Person",
        "gb-fcdo-sanctions-dpr9003": "Vessel",
        "gb-fcdo-sanctions-syr9001": "Organization",
    }
    assert [(p.line, p.reason) for p in sample.problems] == [
        (5, "RUS9002: no Name; skipped"),
        (6, "XXX9999: unknown Type 'Aircraft'; skipped"),
        (7, "row without a Unique ID; skipped"),
        (11, "SYR9001: unreadable Date Designated '31-02-2024'"),
    ]
    assert sample.published_at is None


def test_entity_fields_and_cross_walk_keys(sample: ParseResult) -> None:
    person = sample.entities["gb-fcdo-sanctions-rus9001"]
    assert person.get("name") == ["Ivan Petrovich SAMPLOV"]
    assert person.context["source_id"] == "RUS9001"
    assert person.get("programId") == ["RUS9001"]
    assert person.get("program") == ["Russia"]
    assert person.get("createdAt") == ["2022-03-15"]
    assert person.get("topics") == ["sanction"]
    assert person.get("notes") == [
        "OFSI Group ID: 90001", "Designation source: UK", "Sanctions Imposed: Asset freeze,\nTravel Ban"
    ]
    exchange = sample.entities["gb-fcdo-sanctions-afg9001"]
    assert exchange.get("createdAt") == ["2012-06-29"]
    assert sample.entities["gb-fcdo-sanctions-dpr9003"].get("notes") == [
        "OFSI Group ID: 90003", "Designation source: UK|UN"
    ]


def test_file_written_by_odfpy() -> None:
    document = OpenDocumentSpreadsheet()
    table = Table(name="UK_Sanction_List")
    for cells in (_HEADER, ["GHR9001", "90021", "Sample Person", "Global Human Rights", "Individual", "UK",
                            "09-12-2022", "Asset freeze"]):
        row = TableRow()
        for text in cells:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text=text))
            row.addElement(cell)
        table.addElement(row)
    document.spreadsheet.addElement(table)
    buffer = io.BytesIO()
    document.write(buffer)
    result = _parse(buffer.getvalue())
    assert [e.get("name") for e in result.entities.values()] == [["Sample Person"]]
    assert result.problems == []


def test_unreadable_files_raise_list_format_error() -> None:
    with pytest.raises(ListFormatError):
        _parse(b"PK\x03\x04 broken")
    with pytest.raises(ListFormatError, match="Type"):
        _parse(_ods(f'<office:document-content {_NS}><office:body><office:spreadsheet><table:table>'
                    f'{_row("Unique ID", "Name")}</table:table></office:spreadsheet></office:body>'
                    "</office:document-content>"))
    with pytest.raises(ListFormatError):
        _parse(_ods('<!DOCTYPE x [<!ENTITY a "aaaa">]><office:document-content>&a;</office:document-content>'))


def _regex_rows(content_xml: str) -> list[list[str]]:
    """Rows of the first table as cell texts, read with regular expressions (not our reader)."""
    table = content_xml.split("</table:table>", 1)[0]
    rows = []
    for body in re.findall(r"<table:table-row[^>]*?>(.*?)</table:table-row>", table, re.S):
        cells = re.findall(r"<table:table-cell[^>]*?(?:/>|>(.*?)</table:table-cell>)", body, re.S)
        rows.append([unescape(" ".join(re.findall(r"<text:p>(.*?)</text:p>", cell, re.S))).strip() for cell in cells])
    return rows


@pytest.fixture(scope="module")
def fcdo_path(shared_lists: Path) -> Path:
    return shared_lists / "gb_fcdo_sanctions" / "UK_Sanctions_List_summary.ods"


@pytest.fixture(scope="module")
def fcdo(fcdo_path: Path) -> ParseResult:
    return parse_files("gb_fcdo_sanctions", [fcdo_path])


@pytest.mark.shared
def test_snapshot_counts(fcdo: ParseResult, fcdo_path: Path) -> None:
    with zipfile.ZipFile(fcdo_path) as archive:
        rows = _regex_rows(archive.read("content.xml").decode("utf-8"))
    header, data = rows[0], [row for row in rows[1:] if any(row)]
    assert header[:8] == _HEADER and len(data) == 5302  # PROVENANCE.md
    types = [row[4] for row in data]
    assert (types.count("Individual"), types.count("Entity"), types.count("Ship")) == (3754, 1087, 461)
    named = {row[0]: row[4] for row in data if row[2]}
    result = fcdo
    assert {e.context["source_id"] for e in result.entities.values()} == set(named)
    schemas = [e.schema.name for e in result.entities.values()]
    assert schemas.count("Person") == list(named.values()).count("Individual")
    assert schemas.count("Vessel") == 461
    assert [p.reason for p in result.problems] == [f"{row[0]}: no Name; skipped" for row in data if not row[2]]


@pytest.mark.shared
def test_snapshot_cross_walks_to_hmt_group_ids(fcdo: ParseResult, shared_lists: Path) -> None:
    """The OFSI Group ID kept in FCDO notes is the Group ID of the HMT row with that UK ref."""
    with zipfile.ZipFile(shared_lists / "gb_hmt_sanctions" / "ConList.xlsx") as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml").decode("utf-8")
        items = re.findall(r"<si(?:/>|>(.*?)</si>)", archive.read("xl/sharedStrings.xml").decode("utf-8"), re.S)
    strings = ["".join(re.findall(r"<t[^>]*>([^<]*)</t>", item)) for item in items]
    cells = dict(re.findall(r'<c r="([A-Z]+\d+)"[^>]*t="s"><v>(\d+)</v>', sheet))
    hmt_groups: dict[str, str] = {}
    for number in range(3, 18799):
        info, group = cells.get(f"AB{number}"), cells.get(f"AJ{number}")
        ref = re.search(r"\(UK Sanctions List Ref\):(\w+)", strings[int(info)]) if info else None
        if ref and group:
            hmt_groups[ref.group(1)] = strings[int(group)]
    shared = [e for e in fcdo.entities.values() if e.context["source_id"] in hmt_groups]
    assert len(shared) > 4500
    for entity in shared:
        assert f"OFSI Group ID: {hmt_groups[entity.context['source_id']]}" in entity.get("notes")

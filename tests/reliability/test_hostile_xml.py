"""Hostile XML at every XML entry point: XXE, billion laughs, external DTDs and parameter entities.

Entry points: OFAC Enhanced XML (:mod:`tradewarden.lists.ofac_xml`), UN SC XML
(:mod:`tradewarden.lists.un_xml`), EU FSF XML (:mod:`tradewarden.lists.eu_fsf`), and the XML
parts of spreadsheets (:mod:`tradewarden.lists.sheets`: the OFSI xlsx workbook, relationships,
shared strings and worksheet, the FCDO ods ``content.xml``). Each payload must be refused with a
``ListFormatError`` naming the file and the DTD, with no file opened (a Python audit hook watches
``open``) and nothing emitted. The payloads are small and would expand to gigabytes or read a
local file if a parser resolved them, so a refusal is the only way these tests finish quickly
and pass. Through :func:`load_into_store` the hostile file is rejected and the previous version
stays current.
"""

from __future__ import annotations

import io
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from listfiles import LIST_FILES

from tradewarden.errors import ListFormatError
from tradewarden.lists import eu_fsf, ofac_xml, uk_fcdo, uk_hmt, un_xml
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.update import UpdateStatus, load_into_store
from tradewarden.store import Store

SECRET = "TOP-SECRET-MARKER-7f3a"
_opened: list[str] = []
_watching: list[bool] = [False]


def _audit(event: str, args: tuple[object, ...]) -> None:
    if event == "open" and _watching[0] and args and isinstance(args[0], str):
        _opened.append(args[0])


sys.addaudithook(_audit)


@pytest.fixture
def secret_files(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """A secret file and a DTD that declares an entity reading it; file opens are recorded."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    dtd = tmp_path / "evil.dtd"
    dtd.write_text(f'<!ENTITY xxe SYSTEM "{secret.as_uri()}">\n')
    _opened.clear()
    yield secret, dtd
    _watching[0] = False


def payloads(root: str, secret: Path, dtd: Path) -> dict[str, tuple[str, str]]:
    """``{kind: (doctype, entity reference)}`` for a document whose root element is ``root``."""
    lol = "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    return {
        "xxe": (f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>', "&xxe;"),
        "billion_laughs": (f'<!DOCTYPE {root} [<!ENTITY lol0 "lol">{lol}]>', "&lol9;"),
        "external_dtd": (f'<!DOCTYPE {root} SYSTEM "{dtd.as_uri()}">', "&xxe;"),
        "parameter_entity": (f'<!DOCTYPE {root} [<!ENTITY % ext SYSTEM "{dtd.as_uri()}"> %ext;]>', "&xxe;"),
        "internal_entity": (f'<!DOCTYPE {root} [<!ENTITY x "harmless">]>', "&x;"),
    }


KINDS = ["xxe", "billion_laughs", "external_dtd", "parameter_entity", "internal_entity"]
_XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n'
_OFAC_NS = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
_XLSX_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)

# (root element, document with {ref} where the entity goes)
DOCUMENTS = {
    "ofac_xml": ("sanctionsData", f'<sanctionsData xmlns="{_OFAC_NS}"><entities><entity id="1"><names><name>'
                                  "{ref}</name></names></entity></entities></sanctionsData>"),
    "un_xml": ("CONSOLIDATED_LIST", "<CONSOLIDATED_LIST><ENTITIES><ENTITY><FIRST_NAME>{ref}</FIRST_NAME>"
                                    "<REFERENCE_NUMBER>KPe.001</REFERENCE_NUMBER></ENTITY></ENTITIES></CONSOLIDATED_LIST>"),
    "eu_fsf": ("export", '<export xmlns="http://eu.europa.ec/fpi/fsd/export"><sanctionEntity logicalId="1">'
                         '<subjectType code="enterprise"/><nameAlias wholeName="{ref}"/></sanctionEntity></export>'),
}
XLSX_PARTS = {
    "xl/workbook.xml": ("workbook", f'<workbook xmlns="{_XLSX_NS}" xmlns:r="http://schemas.openxmlformats.org/'
                                    'officeDocument/2006/relationships"><sheets><sheet name="{ref}" sheetId="1" '
                                    'r:id="rId1"/></sheets></workbook>'),
    "xl/_rels/workbook.xml.rels": ("Relationships", f'<Relationships xmlns="{_REL_NS}"><Relationship Id="rId1" '
                                   'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                   'worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
                                   'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
                                   'sharedStrings" Target="sharedStrings.xml"/><!--{ref}--></Relationships>'),
    "xl/sharedStrings.xml": ("sst", f'<sst xmlns="{_XLSX_NS}"><si><t>Group ID</t></si><si><t>{{ref}}</t></si></sst>'),
    "xl/worksheets/sheet1.xml": ("worksheet", f'<worksheet xmlns="{_XLSX_NS}"><sheetData><row r="1">'
                                 '<c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>{ref}</t></is></c>'
                                 "</row></sheetData></worksheet>"),
}
ODS_CONTENT = ("office:document-content", f"<office:document-content {_ODS_NS}><office:body><office:spreadsheet>"
               "<table:table><table:table-row><table:table-cell><text:p>{ref}</text:p></table:table-cell>"
               "</table:table-row></table:table></office:spreadsheet></office:body></office:document-content>")


def _document(root_and_body: tuple[str, str], kind: str, secret: Path, dtd: Path, hostile: bool = True) -> bytes:
    root, body = root_and_body
    doctype, ref = payloads(root, secret, dtd)[kind]
    if not hostile:
        return (_XML_DECL + body.format(ref="ACME")).encode()
    return (_XML_DECL + doctype + "\n" + body.format(ref=ref)).encode()


def xlsx(hostile_part: str | None, kind: str, secret: Path, dtd: Path) -> bytes:
    """A minimal xlsx whose ``hostile_part`` (if any) carries the payload."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, document in XLSX_PARTS.items():
            archive.writestr(name, _document(document, kind, secret, dtd, hostile=name == hostile_part))
    return buffer.getvalue()


def ods(hostile: bool, kind: str, secret: Path, dtd: Path) -> bytes:
    """A minimal ods whose ``content.xml`` carries the payload if ``hostile``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", _document(ODS_CONTENT, kind, secret, dtd, hostile=hostile))
    return buffer.getvalue()


Parser = Callable[[bytes, ParseContext], None]
ENTRY_POINTS: dict[str, tuple[Parser, str]] = {
    "ofac_xml": (ofac_xml.parse, "cons_enhanced.xml"),
    "un_xml": (un_xml.parse, "consolidated.xml"),
    "eu_fsf": (eu_fsf.parse_fsf_xml, "eu_fsf.xml"),
}


def _refused(parser: Parser, content: bytes, file_name: str) -> ListFormatError:
    result = ParseResult(source="test_list")
    ctx = ParseContext("test_list", Path(file_name), result)
    _watching[0] = True
    try:
        with pytest.raises(ListFormatError) as caught:
            parser(content, ctx)
    finally:
        _watching[0] = False
    assert result.entities == {}
    return caught.value


def _assert_clear_refusal(error: ListFormatError, file_name: str, secret: Path, dtd: Path) -> None:
    message = str(error)
    assert message.startswith(f"{file_name}:"), message
    assert "DTD" in message or "entit" in message.lower(), message
    assert SECRET not in message
    assert not [p for p in _opened if p in (str(secret), str(dtd))], _opened


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("entry", list(ENTRY_POINTS))
def test_list_xml_refuses_hostile_documents(entry: str, kind: str, secret_files: tuple[Path, Path]) -> None:
    secret, dtd = secret_files
    parser, file_name = ENTRY_POINTS[entry]
    error = _refused(parser, _document(DOCUMENTS[entry], kind, secret, dtd), file_name)
    _assert_clear_refusal(error, file_name, secret, dtd)


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("part", list(XLSX_PARTS))
def test_xlsx_parts_refuse_hostile_documents(part: str, kind: str, secret_files: tuple[Path, Path]) -> None:
    secret, dtd = secret_files
    error = _refused(uk_hmt.parse, xlsx(part, kind, secret, dtd), "ConList.xlsx")
    _assert_clear_refusal(error, "ConList.xlsx", secret, dtd)


@pytest.mark.parametrize("kind", KINDS)
def test_ods_content_refuses_hostile_documents(kind: str, secret_files: tuple[Path, Path]) -> None:
    secret, dtd = secret_files
    error = _refused(uk_fcdo.parse, ods(True, kind, secret, dtd), "UK_Sanctions_List_summary.ods")
    _assert_clear_refusal(error, "UK_Sanctions_List_summary.ods", secret, dtd)


def test_the_clean_spreadsheets_are_read(secret_files: tuple[Path, Path]) -> None:
    """The hostile tests fail on the payload, not on a broken container: the clean ones parse."""
    from tradewarden.lists.sheets import read_ods, read_xlsx

    secret, dtd = secret_files
    assert read_xlsx(xlsx(None, "xxe", secret, dtd), "ConList.xlsx") == [(1, {0: "Group ID", 1: "ACME"})]
    assert read_ods(ods(False, "xxe", secret, dtd), "list.ods") == [(1, {0: "ACME"})]
    for entry, (parser, file_name) in ENTRY_POINTS.items():
        result = ParseResult(source="test_list")
        parser(_document(DOCUMENTS[entry], "xxe", secret, dtd, hostile=False), ParseContext("test_list", Path(file_name), result))


@pytest.mark.parametrize("kind", ["xxe", "billion_laughs", "external_dtd"])
@pytest.mark.parametrize("key", ["un", "eu"])
def test_hostile_list_file_is_rejected_and_previous_version_kept(
    tmp_path: Path, key: str, kind: str, secret_files: tuple[Path, Path]
) -> None:
    secret, dtd = secret_files
    fmt = LIST_FILES[key]
    root = tmp_path / "mirror"
    with Store.from_url(f"sqlite:///{tmp_path / 'store.db'}") as store:
        fmt.write(root, fmt.content())
        [good] = load_into_store(store, root)
        text = fmt.content().decode()
        root_tag = "CONSOLIDATED_LIST" if key == "un" else "export"
        doctype, ref = payloads(root_tag, secret, dtd)[kind]
        declaration, _, rest = text.partition("\n")
        hostile = declaration + "\n" + doctype + "\n" + rest.replace("TRADING 1<", f"TRADING 1 {ref}<").replace(
            'TRADING 1"', f'TRADING 1 {ref}"')
        fmt.write(root, hostile.encode())
        [outcome] = load_into_store(store, root)
        assert outcome.status is UpdateStatus.REJECTED
        assert outcome.reasons[0].startswith(f"{fmt.file_name}:") and "DTD" in outcome.reasons[0]
        assert store.current(fmt.source) == good.version
        assert SECRET not in str(outcome.version)

"""Small, clean list files in five official formats, written from code, and the faults that break them.

Each :class:`ListFile` writes ``count`` well-formed records (no problem rows, so a fault is the only
thing wrong) in one official layout: OFAC's header-less ``sdn.csv``, trade.gov's CSL CSV, the UN SC
XML, the EU FSF XML and an OpenSanctions FtM export. ``schema_drift`` is the same file after the
publisher renamed a column or element. Used by ``tests/reliability/test_list_faults.py`` and
``tests/reliability/test_hostile_xml.py`` (``from listfiles import LIST_FILES``).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from tradewarden.lists.csl import CSL_HEADER

# Names that look like real listed parties, so that FtM's cleaning keeps them.
_WORDS = ["AERO", "BALTIC", "CASPIAN", "DELTA", "ELBRUS", "FAR EAST", "GRANIT", "HORIZON", "IRTYSH", "KAMA"]


def company_name(number: int) -> str:
    """The name of the ``number``-th generated party (``AERO TRADING 0``)."""
    return f"{_WORDS[number % len(_WORDS)]} TRADING {number}"


def _sdn(count: int, drift: bool = False) -> bytes:
    # 12 columns, `-0- ` for empty, CRLF, DOS EOF; drift: a thirteenth column appears.
    extra = ',"NEW"' if drift else ""
    rows = [
        f'{1000 + i},"{company_name(i)}",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- {extra}'
        for i in range(count)
    ]
    return ("\r\n".join(rows) + "\r\n\x1a").encode()


def _csl(count: int, drift: bool = False) -> bytes:
    header = [("entity_name" if drift and c == "name" else c) for c in CSL_HEADER]
    lines = [",".join(header)]
    for i in range(count):
        cells = dict.fromkeys(CSL_HEADER, "")
        cells.update(_id=f"csl{i:04d}", source="Entity List (EL) - Bureau of Industry and Security",
                     type="Entity", name=company_name(i))
        lines.append(",".join(f'"{cells[c]}"' for c in CSL_HEADER))
    return ("\n".join(lines) + "\n").encode()


def _un(count: int, drift: bool = False) -> bytes:
    first = "GIVEN_NAME" if drift else "FIRST_NAME"
    records = "".join(
        f"<ENTITY><DATAID>{500 + i}</DATAID><{first}>{company_name(i)}</{first}>"
        f"<UN_LIST_TYPE>DPRK</UN_LIST_TYPE><REFERENCE_NUMBER>KPe.{i:03d}</REFERENCE_NUMBER></ENTITY>\n"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">\n'
        f"<INDIVIDUALS/>\n<ENTITIES>\n{records}</ENTITIES>\n</CONSOLIDATED_LIST>\n"
    ).encode()


def _eu(count: int, drift: bool = False) -> bytes:
    alias = "alias" if drift else "nameAlias"
    records = "".join(
        f'<sanctionEntity logicalId="{9000 + i}" euReferenceNumber="EU.{i}.1">'
        f'<subjectType code="enterprise"/><{alias} wholeName="{company_name(i)}" nameLanguage="EN"/>'
        "</sanctionEntity>\n"
        for i in range(count)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-02-27">\n{records}</export>\n'
    ).encode()


def _ftm(count: int, drift: bool = False) -> bytes:
    key = "props" if drift else "properties"
    rows = [
        {"id": f"os-{i}", "schema": "Company", key: {"name": [company_name(i)], "country": ["ru"]}, "target": True}
        for i in range(count)
    ]
    return "".join(json.dumps(row) + "\n" for row in rows).encode()


def _duplicate_ids(fmt: str, content: bytes) -> bytes:
    """Every record of ``content`` once more, with the same id but another name."""
    text = content.decode()
    if fmt == "sdn":
        body, eof = text.removesuffix("\x1a"), "\x1a"
        return (body + body.replace("TRADING", "SHIPPING") + eof).encode()
    if fmt == "csl":
        header, _, rows = text.partition("\n")
        return (header + "\n" + rows + rows.replace("TRADING", "SHIPPING")).encode()
    if fmt == "ftm":
        return (text + text.replace("TRADING", "SHIPPING")).encode()
    start, end = ("<ENTITIES>\n", "</ENTITIES>") if fmt == "un" else ('generationDate="2026-02-27">\n', "</export>")
    head, _, rest = text.partition(start)
    records, _, tail = rest.partition(end)
    return (head + start + records + records.replace("TRADING", "SHIPPING") + end + tail).encode()


@dataclass(frozen=True, slots=True)
class ListFile:
    """One list format: where its file lives in a mirror folder and how to write it."""

    key: str
    source: str
    folder: str
    file_name: str
    writer: Callable[..., bytes]

    def content(self, count: int = 20) -> bytes:
        """A clean file with ``count`` records."""
        return self.writer(count)

    def schema_drift(self, count: int = 20) -> bytes:
        """The same file after the publisher renamed a column or element."""
        return self.writer(count, drift=True)

    def duplicate_ids(self, count: int = 20) -> bytes:
        """The file with every record repeated under the same id and another name."""
        return _duplicate_ids(self.key, self.content(count))

    def write(self, root: Path, content: bytes) -> Path:
        """Write ``content`` as this format's file below the mirror folder ``root``."""
        path = root / self.folder / self.file_name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        return path


LIST_FILES: dict[str, ListFile] = {
    f.key: f
    for f in (
        ListFile("sdn", "us_ofac_sdn", "us_ofac_sdn", "sdn.csv", _sdn),
        ListFile("csl", "us_trade_csl", "us_trade_csl", "consolidated.csv", _csl),
        ListFile("un", "un_sc_sanctions", "un_sc_sanctions", "consolidated.xml", _un),
        ListFile("eu", "eu_fsf", "eu_fsf", "eu_fsf.xml", _eu),
        ListFile("ftm", "opensanctions", "opensanctions_ftm", "entities.ftm.json", _ftm),
    )
}

"""Parser for the FCDO UK Sanctions List, summary export in ODS form.

Data comes from the FCDO's ``https://sanctionslist.fcdo.gov.uk/docs/UK-Sanctions-List.ods``
(snapshot: ``shared/data/lists/gb_fcdo_sanctions/UK_Sanctions_List_summary.ods``, one sheet
with the 8 columns ``Unique ID, OFSI Group ID, Name, Regime Name, Type, Designation source,
Date Designated, Sanctions Imposed``, dates ``dd-mm-yyyy``). One row is one designation and
becomes one entity keyed by ``Unique ID`` (Individual -> Person, Entity -> Organization,
Ship -> Vessel).

Field mapping (FtM property in brackets): Name [name]; Regime Name [program]; Date
Designated [createdAt]; Unique ID [programId] as well as the source id -- the HMT OFSI
ConList entity of the same designation carries this reference in programId too (from its
``(UK Sanctions List Ref)``), which is the cross-walk between the two sources; OFSI Group ID,
Designation source and Sanctions Imposed [notes, as ``OFSI Group ID: 12703``,
``Designation source: UN``, ``Sanctions Imposed: Asset freeze``] (the OFSI Group ID is the
``source_id`` of the ``gb_hmt_sanctions`` entity).

The ODS is read with :func:`tradewarden.lists.sheets.read_ods`, a streaming reader that
minds ``table:number-columns-repeated`` / ``number-rows-repeated`` (the snapshot pads each
row to 16,384 columns and ends with a million empty rows).
"""

from __future__ import annotations

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext
from tradewarden.lists.formats import Format
from tradewarden.lists.sheets import read_ods
from tradewarden.lists.values import parse_date

_SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_REQUIRED_COLUMNS = ("Unique ID", "Name", "Type")
# Columns kept as "<column>: <value>" notes.
_NOTE_COLUMNS = ("OFSI Group ID", "Designation source", "Sanctions Imposed")


def sniff(file_name: str, head: bytes) -> bool:
    """True for an ODS file (a zip named ``*.ods``): the FCDO UK Sanctions List."""
    return head.startswith(b"PK\x03\x04") and file_name.endswith(".ods")


def parse(content: bytes, ctx: ParseContext) -> None:
    """Read the FCDO UK Sanctions List summary ODS into ``ctx``: one entity per row.

    Args:
        content: the ODS bytes.
        ctx: receives the entities and a problem (with the row number) for each row
            without a Unique ID, a name or a known Type.
    Raises:
        ListFormatError: not a readable ODS file, or no header with the required columns.
    """
    header: dict[int, str] | None = None
    for line, cells in read_ods(content, ctx.path.name):
        if header is None:
            if "Unique ID" in (text.strip() for text in cells.values()):
                header = {column: text.strip() for column, text in cells.items()}
                missing = [name for name in _REQUIRED_COLUMNS if name not in header.values()]
                if missing:
                    raise ListFormatError(f"{ctx.path.name}: header lacks {', '.join(missing)}", file=str(ctx.path))
            elif line > 10:
                break
            continue
        row = {header[column]: text for column, value in cells.items() if column in header and (text := value.strip())}
        if row:
            _parse_row(row, line, ctx)
    if header is None:
        raise ListFormatError(f"{ctx.path.name}: no header row with a Unique ID column", file=str(ctx.path))


def _parse_row(row: dict[str, str], line: int, ctx: ParseContext) -> None:
    unique_id = row.get("Unique ID")
    if not unique_id:
        ctx.problem(line, "row without a Unique ID; skipped")
        return
    kind = row.get("Type", "")
    schema = _SCHEMAS.get(kind.lower())
    if schema is None:
        ctx.problem(line, f"{unique_id}: unknown Type {kind!r}; skipped")
        return
    name = row.get("Name")
    if not name:
        ctx.problem(line, f"{unique_id}: no Name; skipped")
        return
    entity = ctx.make(schema, unique_id)
    ctx.add(entity, "name", name, line)
    ctx.add(entity, "programId", unique_id, line)
    ctx.add(entity, "program", row.get("Regime Name"), line)
    ctx.add(entity, "topics", "sanction", line)
    designated = row.get("Date Designated", "")
    created = parse_date(designated)
    if designated and created is None:
        ctx.problem(line, f"{unique_id}: unreadable Date Designated {designated!r}")
    ctx.add(entity, "createdAt", created, line)
    notes = [f"{column}: {row[column]}" for column in _NOTE_COLUMNS if column in row]
    ctx.add(entity, "notes", notes, line)
    ctx.emit(entity)


FORMATS: list[Format] = [
    Format(name="gb_fcdo_ods", default_source="gb_fcdo_sanctions", sniff=sniff, parse=parse),
]

"""Parser for OpenSanctions' transcription of EU Official Journal sanctions annexes.

Data comes from ``datasets/eu/journal_sanctions/data/{consolidated,amendments}/*.csv`` of
the OpenSanctions repository (source ``eu_journal_sanctions``; the columns are described
in ``FORMAT.md`` beside the snapshots). One row is one designated party in one legal
context: a framework act (CELEX), an annex, a programme and a measure.

Mapping choices:

* ``source_id`` is ``{celex}-{annex}-{recordId}``. ``recordId`` is the entry number
  printed in one annex section, so ``{celex}-{recordId}`` alone is not unique (in
  ``32001R2580`` entry 1 of Annex II.A is a person and entry 1 of II.B an organisation);
  with the annex it is unique in every file. Rows without a ``recordId`` use the name
  in its place, so a party printed twice in one annex merges into one entity.
  Amendment files use ``amendedCelex``, which makes their ids those of the consolidated
  snapshot that later supersedes them.
* ``programKey`` goes to ``program``, ``reason`` to ``summary``, ``startDate`` to
  ``createdAt``, the measure to ``topics`` and one ``notes`` line names act, annex and measure.
* The entity columns are FtM property names. Cells keep the printed wording, so a value
  FtM cannot clean (``Myanmar/Burma``, ``Between 1968 and 1973``) is first split on the
  list markers it contains; if a piece still does not clean, the whole value goes to
  ``notes`` as ``column: value`` instead of being lost.
"""

from __future__ import annotations

import csv
import io
import re

from followthemoney.proxy import EntityProxy
from followthemoney.util import sanitize_text

from tradewarden.lists.base import ParseContext
from tradewarden.lists.formats import Format
from tradewarden.lists.values import parse_date

_ENTITY_COLUMNS = (
    "schema,name,alias,weakAlias,previousName,country,nationality,jurisdiction,birthDate,"
    "birthPlace,position,passportNumber,gender,appearance,ethnicity,fatherName,motherName,"
    "incorporationDate,legalForm,sector,registrationNumber,taxNumber,idNumber,innCode,ogrnCode,"
    "kppCode,okpoCode,leiCode,swiftBic,ticker,imoNumber,mmsi,flag,address,phone,email,website,notes"
)
_SANCTION_COLUMNS = "recordId,programKey,annex,measure,startDate,reason"
CONSOLIDATED_HEADER = f"celex,{_SANCTION_COLUMNS},{_ENTITY_COLUMNS}"
AMENDMENT_HEADER = f"amendedCelex,amendmentCelex,{_SANCTION_COLUMNS},{_ENTITY_COLUMNS}"
_HEADERS = {CONSOLIDATED_HEADER.encode(), AMENDMENT_HEADER.encode()}

# Multi-valued entity columns: every entity column except the scalar ``schema`` and ``name``.
_VALUE_COLUMNS = tuple(_ENTITY_COLUMNS.split(",")[2:])
_SCHEMAS = frozenset({"Person", "LegalEntity", "Organization", "Company", "Vessel", "Asset"})
# Sanctions measures (zavod's Measure vocabulary) -> FtM topics.
_MEASURE_TOPICS = {
    "Asset freeze": ("sanction",),
    "Export control": ("export.control",),
    "Transportation restrictions": ("sanction",),
    "Financial restrictions": ("sanction",),
    "Services ban": ("sanction",),
    "Investment ban": ("sanction", "invest.ban"),
}
_EURLEX = "https://eur-lex.europa.eu/legal-content/EN/TXT/?uri=CELEX:{celex}"
# Printed list markers inside one value: "(a) X, (b) Y", "X and Y", "X or Y", "X/Y".
_LIST_MARKERS = re.compile(r"\s*(?:\([a-z]\)|;|,|/|\band\b|\bor\b)\s*")
_SPACE = re.compile(r"\s+")


def sniff_journal_csv(name: str, head: bytes) -> bool:
    """True for a consolidated or amendment file, recognised by its exact header line."""
    first = head.removeprefix(b"\xef\xbb\xbf").split(b"\n", 1)[0].rstrip(b"\r")
    return first in _HEADERS


def split_cell(cell: str) -> list[str]:
    """The values of a multi-valued cell: ``;``-separated, CSV-quoted where a value holds ``;``.

    Args:
        cell: the raw cell, e.g. ``'"Foo; Bar"; Baz'``.
    Returns:
        The trimmed, non-empty values (``['Foo; Bar', 'Baz']``).
    """
    if not cell.strip():
        return []
    try:
        parts = next(csv.reader([cell], delimiter=";", skipinitialspace=True))
    except (csv.Error, StopIteration):
        parts = cell.split(";")
    return [" ".join(part.split()) for part in parts if part.strip()]


def parse_journal_csv(content: bytes, ctx: ParseContext) -> None:
    """Read one EU journal CSV (consolidated or amendment) into ``ctx``.

    Args:
        content: the CSV bytes (UTF-8).
        ctx: the parse context; each usable row is emitted, each malformed row becomes a
            problem carrying its line number.
    """
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ctx.problem(None, f"not valid UTF-8 ({exc.reason} at byte {exc.start}); bad bytes replaced")
        text = content.decode("utf-8-sig", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header is None:
        return
    amendment = header[:2] == ["amendedCelex", "amendmentCelex"]
    while True:
        line = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            ctx.problem(line, f"unreadable CSV row: {exc}")
            continue
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            ctx.problem(line, f"row has {len(cells)} cells, header has {len(header)}; skipped")
            continue
        row = dict(zip(header, (cell.strip() for cell in cells)))
        _parse_row(row, amendment, line, ctx)


def _parse_row(row: dict[str, str], amendment: bool, line: int, ctx: ParseContext) -> None:
    celex = row["amendedCelex"] if amendment else row["celex"]
    schema, name, annex = row["schema"], row["name"], row["annex"]
    if schema not in _SCHEMAS:
        ctx.problem(line, f"unknown schema {schema!r}; row skipped")
        return
    if not name:
        ctx.problem(line, "row without a name; skipped")
        return
    if not celex:
        ctx.problem(line, "row without a CELEX number; skipped")
        return
    entity = ctx.make(schema, f"{celex}-{annex}-{row['recordId'] or name}")
    ctx.add(entity, "name", name, line)
    ctx.add(entity, "program", row["programKey"], line)
    ctx.add(entity, "topics", _MEASURE_TOPICS.get(row["measure"], ("sanction",)), line)
    ctx.add(entity, "summary", row["reason"], line)
    ctx.add(entity, "sourceUrl", _EURLEX.format(celex=celex), line)
    context = f"{celex} Annex {annex}" if annex else celex
    ctx.add(entity, "notes", f"{context}: {row['measure'] or 'measure not stated'} ({row['programKey']})", line)
    if amendment and row["amendmentCelex"]:
        ctx.add(entity, "notes", f"Transcribed from amending act {row['amendmentCelex']}", line)
    _add_or_note(entity, "createdAt", "startDate", [row["startDate"]], line, ctx)
    for column in _VALUE_COLUMNS:
        _add_or_note(entity, column, column, split_cell(row[column]), line, ctx)
    ctx.emit(entity)


def _clean(entity: EntityProxy, prop_name: str, value: str) -> str | None:
    """Add ``value`` to ``prop_name`` if FtM accepts it; the cleaned value, else None."""
    prop = entity.schema.get(prop_name)
    text = sanitize_text(value)
    if prop is None or text is None:
        return None
    value = text
    if prop.type.name == "date":
        iso = parse_date(value)
        return entity.unsafe_add(prop, iso) if iso is not None else None
    return entity.unsafe_add(prop, value)


def _pieces(prop_type: str, value: str) -> list[str]:
    pieces = [part for part in _LIST_MARKERS.split(value) if part and part.strip()]
    if prop_type in ("email", "url"):
        pieces = [word for piece in pieces for word in _SPACE.split(piece) if word]
    return pieces


def _add_or_note(
    entity: EntityProxy, prop_name: str, column: str, values: list[str], line: int, ctx: ParseContext
) -> None:
    prop = entity.schema.get(prop_name)
    for value in values:
        if not value:
            continue
        if prop is None:
            # The validator forbids this, but a value must never be dropped silently.
            ctx.add(entity, "notes", f"{column}: {value}", line)
            continue
        if _clean(entity, prop_name, value) is not None:
            continue
        pieces = _pieces(prop.type.name, value)
        if len(pieces) > 1 and all(_cleans(entity, prop_name, piece) for piece in pieces):
            for piece in pieces:
                _clean(entity, prop_name, piece)
            continue
        ctx.add(entity, "notes", f"{column}: {value}", line)


def _cleans(entity: EntityProxy, prop_name: str, value: str) -> bool:
    prop = entity.schema.get(prop_name)
    assert prop is not None
    if prop.type.name == "date":
        return parse_date(value) is not None
    return prop.type.clean(value, proxy=entity) is not None


FORMATS: list[Format] = [
    Format(
        name="eu_journal_csv",
        default_source="eu_journal_sanctions",
        sniff=sniff_journal_csv,
        parse=parse_journal_csv,
    ),
]

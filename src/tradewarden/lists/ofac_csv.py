"""Parse OFAC's legacy CSV set: ``sdn.csv`` / ``cons_prim.csv`` and their companion files.

Data: US Treasury OFAC, ``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/``
(``SDN.CSV``, ``ALT.CSV``, ``ADD.CSV``, ``SDN_COMMENTS.CSV`` and the ``CONS_*`` files of the
consolidated non-SDN list). No header, ``-0- `` for empty, CRLF line ends and a final line
holding only the DOS end-of-file byte ``0x1A``. Columns:

* primary: ent_num, name, type (``individual``/``vessel``/``aircraft``/``-0-`` = entity),
  programs (``] [``-joined), title, call_sign, vessel_type, tonnage, GRT, flag, owner, remarks;
* alt: ent_num, alt_num, type (``aka``/``fka``/``nka``), name, remarks;
* add: ent_num, add_num, address, city/state/postal code, country, remarks;
* comments: ent_num, remarks continuation (remarks longer than 1,000 characters go on here).

Remarks are read only in :func:`finalize`, once every file of the source has been parsed, so
that the continuation is appended first and ``Linked To:`` names can be resolved.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.util import sanitize_text

from tradewarden.lists.base import ParseContext, ParseResult, make_entity_id
from tradewarden.lists.formats import Format
from tradewarden.lists.ofac_remarks import LINKED_TO, Identifier, Remarks, parse_remarks

EMPTY = "-0-"
DOS_EOF = "\x1a"
# OFAC cuts remarks at this length and continues them in the comments file.
REMARKS_LIMIT = 1000

SCHEMAS: dict[str, str] = {"individual": "Person", "vessel": "Vessel", "aircraft": "Airplane", "": "Organization"}
ALIAS_PROPS: dict[str, str] = {"aka": "alias", "fka": "previousName", "nka": "alias"}

# Context keys holding parse state until finalize() (removed there).
_REMARKS = "ofac_remarks"
_ORIGIN = "ofac_origin"
_OWNER = "ofac_owner"
_CONTINUED = "ofac_continued"

_PRIMARY, _ALT, _ADD, _COMMENTS = "primary", "alt", "add", "comments"
_COLUMNS = {_PRIMARY: 12, _ALT: 5, _ADD: 6, _COMMENTS: 2}
_NAME_RES = {
    "us_ofac_sdn": {
        _COMMENTS: re.compile(r"^sdn_comments([_.-].*)?\.csv$"),
        _ALT: re.compile(r"^alt([_.-].*)?\.csv$"),
        _ADD: re.compile(r"^add([_.-].*)?\.csv$"),
        _PRIMARY: re.compile(r"^sdn([_.-].*)?\.csv$"),
    },
    "us_ofac_cons": {
        _COMMENTS: re.compile(r"^cons_comments([_.-].*)?\.csv$"),
        _ALT: re.compile(r"^cons_alt([_.-].*)?\.csv$"),
        _ADD: re.compile(r"^cons_add([_.-].*)?\.csv$"),
        _PRIMARY: re.compile(r"^cons_prim([_.-].*)?\.csv$"),
    },
}


def decode(content: bytes, ctx: ParseContext) -> str:
    """The text of an OFAC file: UTF-8, else Windows-1252 (older files) with a problem noted."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        ctx.problem(None, f"not UTF-8 ({exc.reason} at byte {exc.start}); read as Windows-1252")
        return content.decode("cp1252", errors="replace")


def _cell(value: str) -> str | None:
    text = value.strip()
    return None if not text or text == EMPTY else text


def read_rows(content: bytes, ctx: ParseContext, columns: int) -> Iterator[tuple[int, str, list[str | None]]]:
    """The usable records of one headerless OFAC CSV file.

    Args:
        content: the file's bytes.
        ctx: receives a problem for each record with the wrong column count or ent_num.
        columns: the number of columns a record must have.
    Yields:
        ``(line, ent_num, cells)``: the record's first line number, its ent_num and its other
        cells, ``-0-`` and blanks as None, every cell stripped except the last (remarks keep
        their spaces: a continuation may resume mid-word).
    """
    reader = csv.reader(io.StringIO(decode(content, ctx), newline=""))
    line = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.problem(line, f"unreadable CSV record: {exc}; skipped")
            line = reader.line_num + 1
            continue
        start, line = line, reader.line_num + 1
        if not record or all(not cell.strip() or cell.strip() == DOS_EOF for cell in record):
            continue
        if len(record) != columns:
            ctx.problem(start, f"expected {columns} columns, found {len(record)}; row skipped")
            continue
        ent_num = record[0].strip()
        if not ent_num.isdigit():
            ctx.problem(start, f"ent_num {ent_num!r} is not a number; row skipped")
            continue
        cells = [_cell(cell) for cell in record[1:-1]]
        last = record[-1]
        cells.append(None if last.strip() in ("", EMPTY) else last)
        yield start, str(int(ent_num)), cells


def split_programs(text: str | None) -> list[str]:
    """``[SDGT] [IRGC]`` / ``SDGT] [IRGC`` -> ``["SDGT", "IRGC"]``."""
    if text is None:
        return []
    return [part.strip() for part in text.strip().strip("[]").split("] [") if part.strip()]


def parse_primary(content: bytes, ctx: ParseContext) -> None:
    """Read ``sdn.csv`` / ``cons_prim.csv``: one listed entity per row; remarks wait for finalize."""
    for line, ent_num, row in read_rows(content, ctx, _COLUMNS[_PRIMARY]):
        name, sdn_type, programs, title, call_sign, vessel_type, tonnage, grt, flag, owner, remarks = row
        if name is None:
            ctx.problem(line, f"ent_num {ent_num} has no name; row skipped")
            continue
        kind = (sdn_type or "").lower()
        schema = SCHEMAS.get(kind)
        if schema is None:
            ctx.problem(line, f"ent_num {ent_num}: unknown type {sdn_type!r}; loaded as LegalEntity")
            schema = "LegalEntity"
        entity_id = make_entity_id(ctx.source, ent_num)
        if entity_id in ctx.result.entities:
            ctx.problem(line, f"ent_num {ent_num} appears twice; the rows are merged")
        entity = ctx.make(schema, ent_num)
        put(entity, "name", name)
        put(entity, "topics", "sanction")
        for program in split_programs(programs):
            put(entity, "program", program)
        if title is not None and not put(entity, "position", title):
            put(entity, "notes", f"Title: {title}")
        vessel_values = {
            "callSign": call_sign, "type": vessel_type, "tonnage": tonnage,
            "grossRegisteredTonnage": grt, "flag": flag,
        }
        for prop, value in vessel_values.items():
            if value is not None and not put(entity, prop, value):
                put(entity, "notes", f"{prop}: {value}")
        ctx.emit(entity)
        stored = ctx.result.entities.get(entity.id or "", entity)  # a repeated ent_num merges
        stored.context.setdefault(_ORIGIN, [ctx.path.name, str(line)])
        if remarks is not None:
            stored.context[_REMARKS] = [*stored.context.get(_REMARKS, []), remarks]
        if owner is not None:
            stored.context[_OWNER] = [*stored.context.get(_OWNER, []), owner]


def _target(ctx: ParseContext, ent_num: str, line: int, what: str) -> EntityProxy | None:
    entity = ctx.result.entities.get(make_entity_id(ctx.source, ent_num))
    if entity is None:
        ctx.problem(line, f"{what} for unknown ent_num {ent_num}; row skipped")
    return entity


def parse_alt(content: bytes, ctx: ParseContext) -> None:
    """Read ``alt.csv`` / ``cons_alt.csv``: aka -> alias, fka -> previousName, nka -> alias."""
    for line, ent_num, (_alt_num, alt_type, alt_name, alt_remarks) in read_rows(content, ctx, _COLUMNS[_ALT]):
        entity = _target(ctx, ent_num, line, "alias")
        if entity is None:
            continue
        if alt_name is None:
            ctx.problem(line, f"alias row for ent_num {ent_num} has no name; row skipped")
            continue
        prop = ALIAS_PROPS.get((alt_type or "").lower().replace(".", ""))
        if prop is None:
            ctx.problem(line, f"unknown alias type {alt_type!r} for ent_num {ent_num}; read as aka")
            prop = "alias"
        put(entity, prop, alt_name)
        if alt_remarks is not None:
            put(entity, "notes", f"{alt_name}: {alt_remarks.strip()}")


def parse_add(content: bytes, ctx: ParseContext) -> None:
    """Read ``add.csv`` / ``cons_add.csv``: each row becomes one ``address`` string plus ``country``."""
    for line, ent_num, (_add_num, street, city, country, add_remarks) in read_rows(content, ctx, _COLUMNS[_ADD]):
        entity = _target(ctx, ent_num, line, "address")
        if entity is None:
            continue
        full = ", ".join(part for part in (street, city, country) if part is not None)
        if full:
            put(entity, "address", full)
        if country is not None:
            put(entity, "country", country)  # unknown regions stay in the address text only
        if add_remarks is not None:
            put(entity, "notes", f"Address {full}: {add_remarks.strip()}" if full else add_remarks.strip())


def parse_comments(content: bytes, ctx: ParseContext) -> None:
    """Read ``sdn_comments.csv`` / ``cons_comments.csv``: append each continuation to its remarks."""
    for line, ent_num, (text,) in read_rows(content, ctx, _COLUMNS[_COMMENTS]):
        entity = _target(ctx, ent_num, line, "remarks continuation")
        if entity is None or text is None:
            continue
        if _ORIGIN not in entity.context:
            ctx.problem(line, f"remarks continuation for ent_num {ent_num} arrived after its remarks were read")
            continue
        entity.context[_REMARKS] = [*entity.context.get(_REMARKS, []), text]
        entity.context[_CONTINUED] = ["yes"]


def finalize(result: ParseResult) -> None:
    """Read the remarks of every entity the CSV parsers made, then resolve links and owners.

    Runs after all files of the source; later calls find nothing left to do.
    """
    pending = [entity for entity in result.entities.values() if _ORIGIN in entity.context]
    if not pending:
        return
    links: list[tuple[ParseContext, EntityProxy, str, str]] = []
    contexts: dict[str, ParseContext] = {}
    for entity in pending:
        file_name, line_text = entity.context.pop(_ORIGIN)
        line = int(line_text)
        if file_name not in contexts:
            contexts[file_name] = ParseContext(result.source, Path(file_name), result)
        ctx = contexts[file_name]
        raw = "".join(entity.context.pop(_REMARKS, []))
        continued = bool(entity.context.pop(_CONTINUED, None))
        if len(raw) >= REMARKS_LIMIT and not continued and not raw.rstrip().endswith("."):
            ctx.problem(line, f"ent_num {entity.context['source_id']}: remarks cut at {REMARKS_LIMIT} "
                        "characters and no comments file continues them")
        remarks = parse_remarks(raw or None)
        apply_remarks(ctx, entity, remarks)
        links.extend((ctx, entity, name, LINKED_TO) for name in remarks.linked_to)
        links.extend((ctx, entity, owner, "Owner") for owner in entity.context.pop(_OWNER, []))
    index = NameIndex(result)
    for ctx, entity, name, role in links:
        target = index.resolve(name, exclude=entity.id)
        if target is None:
            put(entity, "notes", f"{role}: {name}")
        elif role == "Owner" and entity.schema.is_a("Asset"):
            emit_link(ctx, "Ownership", target, entity.id or "", role)
        else:
            emit_link(ctx, "UnknownLink", entity.id or "", target, role)


# --- Putting parsed values on FtM entities (shared with ofac_xml) ---------------------------

_RUSSIA = {"russia", "russian federation"}
_INN_RE = re.compile(r"^(\d{10}|\d{12})$")
_OGRN_RE = re.compile(r"^(\d{13}|\d{15})$")


def put(entity: EntityProxy, prop: str, value: str | None) -> bool:
    """Add ``value`` to ``prop`` if the schema has it and FtM accepts the value.

    Args:
        entity: the entity to change.
        prop: an FtM property name.
        value: the raw value.
    Returns:
        True if the value is on the entity now; False if the schema lacks the property or the
        value does not clean (callers then keep the text in ``notes``).
    """
    prop_obj = entity.schema.get(prop)
    if prop_obj is None or prop_obj.stub or value is None:
        return False
    text = value.strip() if value.isprintable() else (sanitize_text(value) or "").strip()
    if not text:
        return False
    if prop_obj.type == registry.entity:
        # Ids are already valid FtM ids (make_entity_id); add them without re-cleaning.
        return entity.unsafe_add(prop_obj, text, cleaned=True) is not None
    cleaned = _clean(prop_obj.type.name, text)
    if cleaned is None and prop == "phone":  # OFAC writes numbers without "+": 982188526300
        digits = re.sub(r"\D", "", text)
        cleaned = _clean("phone", f"+{digits}") if 7 <= len(digits) <= 15 else None
    return cleaned is not None and entity.unsafe_add(prop_obj, cleaned, cleaned=True) is not None


_CLEANED: dict[tuple[str, str], str | None] = {}


def _clean(type_name: str, text: str) -> str | None:
    """FtM's cleaning of ``text`` as ``type_name``, remembered (country names are slow to read)."""
    key = (type_name, text)
    if key not in _CLEANED:
        if len(_CLEANED) > 200_000:
            _CLEANED.clear()
        _CLEANED[key] = registry.get(type_name).clean_text(text)
    return _CLEANED[key]


def apply_identifier(ctx: ParseContext, entity: EntityProxy, ident: Identifier) -> None:
    """Put an identity document or registry number on ``entity``.

    The number goes to its property (``idNumber`` if the schema lacks that one, else to
    ``notes``); Russian tax and registry numbers also to ``innCode`` / ``ogrnCode``. If the
    document names a country or dates, an ``Identification`` (or ``Passport``) entity keeps them.
    """
    placed = put(entity, ident.prop, ident.number) or put(entity, "idNumber", ident.number)
    if not placed:
        put(entity, "notes", ident.text or f"{ident.label} {ident.number}")
    if ident.country is not None and ident.country.lower() in _RUSSIA:
        if ident.prop == "taxNumber" and _INN_RE.match(ident.number):
            put(entity, "innCode", ident.number)
        if ident.prop == "registrationNumber" and _OGRN_RE.match(ident.number):
            put(entity, "ogrnCode", ident.number)
    if not entity.schema.is_a("LegalEntity") or (ident.country, ident.issued, ident.expires) == (None, None, None):
        return
    schema = "Passport" if ident.prop == "passportNumber" else "Identification"
    doc = ctx.make(schema, key=[entity.id or "", ident.label, ident.number])
    put(doc, "holder", entity.id)
    put(doc, "number", ident.number)
    put(doc, "type", ident.label)
    put(doc, "startDate", ident.issued)
    put(doc, "endDate", ident.expires)
    if ident.country is not None and not put(doc, "country", ident.country):
        put(doc, "summary", f"issued by {ident.country}")
    ctx.emit(doc)


def apply_remarks(ctx: ParseContext, entity: EntityProxy, remarks: Remarks) -> None:
    """Put parsed remarks on ``entity``: facts, identifiers and notes (links are the caller's).

    A fact the schema cannot hold (a ``DOB`` on an organisation) is kept as its remark text in
    ``notes``.
    """
    for fact in remarks.facts:
        if not put(entity, fact.prop, fact.value):
            put(entity, "notes", fact.text)
    for ident in remarks.identifiers:
        apply_identifier(ctx, entity, ident)
    for note in remarks.notes:
        put(entity, "notes", note)


def emit_link(ctx: ParseContext, schema: str, first: str, second: str, role: str) -> None:
    """Emit a relation: ``UnknownLink`` (subject, object) or ``Ownership`` (owner, asset)."""
    ends = {"UnknownLink": ("subject", "object"), "Ownership": ("owner", "asset")}[schema]
    link = ctx.make(schema, key=[first, second, role])
    put(link, ends[0], first)
    put(link, ends[1], second)
    put(link, "role", role)
    ctx.emit(link)


class NameIndex:
    """Listed entities of one parse result by exact name, then by exact alias."""

    def __init__(self, result: ParseResult) -> None:
        self.names: dict[str, set[str]] = {}
        self.aliases: dict[str, set[str]] = {}
        for entity in result.listed():
            for name in entity.get("name", quiet=True):
                self.names.setdefault(name, set()).add(entity.id or "")
            for name in (*entity.get("alias", quiet=True), *entity.get("previousName", quiet=True)):
                self.aliases.setdefault(name, set()).add(entity.id or "")

    def resolve(self, name: str, exclude: str | None = None) -> str | None:
        """The id of the one entity called ``name`` (a trailing ``.`` may differ), or None."""
        text = name.strip()
        variants = [text, text.rstrip("."), f"{text}."] if text.endswith(".") else [text, f"{text}."]
        for table in (self.names, self.aliases):
            for variant in variants:
                found = table.get(variant, set()) - {exclude}
                if len(found) == 1:
                    return next(iter(found))
                if found:
                    return None  # ambiguous: keep the name in notes
        return None


def _sniffer(source: str, kind: str) -> Callable[[str, bytes], bool]:
    pattern = _NAME_RES[source][kind]

    def sniff(file_name: str, head: bytes) -> bool:
        if not pattern.match(file_name):
            return False
        text = head[:4096].decode("utf-8", errors="replace")
        if not text.strip() or text.strip() == DOS_EOF:
            return True  # an empty download is still this file; the parse finds no rows
        first_line = text.splitlines()[0]
        try:
            record = next(csv.reader([first_line]))
        except (csv.Error, StopIteration):
            return False
        return bool(record) and record[0].strip().isdigit()

    return sniff


_PARSERS = {_PRIMARY: parse_primary, _ALT: parse_alt, _ADD: parse_add, _COMMENTS: parse_comments}
_ORDERS = {_PRIMARY: 0, _COMMENTS: 5, _ALT: 10, _ADD: 10}

FORMATS: list[Format] = [
    Format(
        name=f"ofac_{'sdn' if source == 'us_ofac_sdn' else 'cons'}_{kind}_csv",
        default_source=source,
        sniff=_sniffer(source, kind),
        parse=_PARSERS[kind],
        order=_ORDERS[kind],
        finalize=finalize,
    )
    for source in ("us_ofac_sdn", "us_ofac_cons")
    for kind in (_COMMENTS, _ALT, _ADD, _PRIMARY)
]

"""Smaller US lists: BIS Denied Persons, DoD 1260H, special-legislation CSVs, Cuba Restricted List.

Data:

* ``us_bis_dpl/dpl.txt``: BIS Denied Persons List (https://www.bis.doc.gov/dpl/dpl.txt),
  tab-separated, one row per (denied party, address). The file has no id of its own. Rows
  with the same name are one entity: BIS repeats a party once per address, and renewals of a
  temporary denial order change the effective date and append FR citations, so only the name
  survives from one list version to the next. ``source_id`` is the name (whitespace collapsed);
  spellings that differ only in punctuation or spacing (``AL-NASER  AIRLINES``) share the id.
  Dates are US month/day/year; impossible years (``1023-11-01``) are problems kept raw in notes.
* ``us_dod_1260h/sanctions.csv``: DoD Section 1260H Chinese military companies (OpenSanctions
  transcription), one row per company per yearly list. ``source_id`` is the slug of the clean
  name, which also resolves ``Parent Name`` (spelled with or without acronym or full stop) to an
  ``Ownership``.
* ``us_dod_1286/section_1286.csv``, ``us_state_isn/inksna.csv``: OpenSanctions "special_leg"
  source files (``schema,name,aliases,...``), one row per name per report; ``source_id`` is the
  name. The folder decides the source.
* ``us_state_cuba_restricted/restricted_entities.csv``: State Department Cuba Restricted List;
  ``source_id`` is the file's ``Id`` slug, ``Parent`` another row's ``Id``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from tradewarden.lists.base import ParseContext, make_entity_id, slug
from tradewarden.lists.csl import add_date, csv_records, put
from tradewarden.lists.formats import Format
from tradewarden.lists.values import parse_date, split_values

__all__ = ["FORMATS", "parse_cuba_restricted", "parse_dod_1260h", "parse_dpl", "parse_special_leg"]

DPL_HEADER = (
    "Name Street_Address City State Country Postal_Code Effective_Date Expiration_Date "
    "Standard_Order Last_Update Action FR_Citation"
).split()
DOD_1260H_HEADER = "Name,Clean Name,Alias,Previous Name,Parent Name,Note,Start date,End date,Source Url".split(",")
SPECIAL_LEG_HEADER = (
    "schema,name,aliases,topics,program,authority,reason,report-date,start-date,end-date,country,notes,source_url"
).split(",")
CUBA_HEADER = ["Id", "Company", "Acronym", "Alias", "Sector", "Category", "Parent", "EffectiveDate", "SourceURL"]

# US state codes: a DPL row with one of these and no country is in the US.
_US_STATES = set(
    "AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM "
    "NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY PR GU VI AS MP".split()
)
# Country spellings in the special_leg files that FtM does not read.
_COUNTRY_FIXES = {"ROK": "kr"}
# Program ids for special_leg sources, whose files carry only the program's title.
_SPECIAL_LEG_IDS = {"us_dod_1286": "DOD-1286", "us_state_isn": "ISN"}
_ALIAS_COMMA_RE = re.compile(r",(?=\S)")
_TRAILING_MARK_RE = re.compile(r"\s*\*+$")


def _name_key(name: str) -> str:
    return " ".join(name.split())


# --- BIS Denied Persons List -------------------------------------------------------------


def parse_dpl(content: bytes, ctx: ParseContext) -> None:
    """Parse the BIS ``dpl.txt``: one ``LegalEntity`` per denied name, every address kept.

    Args:
        content: the tab-separated file.
        ctx: the parse context; rows without a name and unreadable dates become problems.
    """
    for line, row in csv_records(content, ctx, DPL_HEADER, delimiter="\t"):
        name = _name_key(row["Name"])
        if not name:
            ctx.problem(line, "row without a name; skipped")
            continue
        entity = ctx.make("LegalEntity", name)
        put(ctx, entity, "name", name, line)
        put(ctx, entity, "program", "Denied Persons List (DPL) - Bureau of Industry and Security", line)
        put(ctx, entity, "programId", "DPL", line)
        put(ctx, entity, "topics", "export.control", line)
        state, country = _dpl_state_country(row["State"], row["Country"])
        put(ctx, entity, "country", country, line)
        parts = [row["Street_Address"], row["City"], state, row["Postal_Code"], country.upper()]
        put(ctx, entity, "address", ", ".join(part for part in parts if part), line)
        add_date(ctx, entity, "createdAt", row["Effective_Date"], "Effective date", line, month_first=True)
        add_date(ctx, entity, "modifiedAt", row["Last_Update"], "Last update", line)
        _notes(ctx, entity, line, (
            ("Denial expires", parse_date(row["Expiration_Date"], month_first=True) or row["Expiration_Date"]),
            ("Standard order", row["Standard_Order"].upper()),
            ("BIS action", row["Action"]),
            ("Federal Register", row["FR_Citation"]),
        ))
        put(ctx, entity, "sourceUrl", "https://www.bis.doc.gov/dpl/dpl.txt", line)
        ctx.emit(entity)


def _dpl_state_country(state: str, country: str) -> tuple[str, str]:
    """``(state, ISO country)`` of a DPL row: a blank Country beside a US state is the US, and a
    US state in the Country cell (``"" / "NM"``, a real BIS slip) is moved to State."""
    if country.lower() not in registry.country.names and country.upper() in _US_STATES and not state:
        state, country = country, ""
    if not country and state.upper() in _US_STATES:
        country = "us"
    return state, country


def _notes(ctx: ParseContext, entity: EntityProxy, line: int, pairs: Iterable[tuple[str, str]]) -> None:
    put(ctx, entity, "notes", [f"{label}: {value}" for label, value in pairs if value], line)


# --- DoD Section 1260H -------------------------------------------------------------------


def parse_dod_1260h(content: bytes, ctx: ParseContext) -> None:
    """Parse the DoD 1260H CSV: one ``Company`` per clean name, ``Ownership`` to listed parents.

    Args:
        content: the CSV file.
        ctx: the parse context; a parent not in the file is kept as a note.
    """
    rows = list(csv_records(content, ctx, DOD_1260H_HEADER))
    keys: dict[str, str] = {}  # slug of every spelling of a listed name -> entity key
    for _, row in rows:
        key = slug(row["Clean Name"] or _TRAILING_MARK_RE.sub("", row["Name"]))
        if key:
            keys.setdefault(key, key)
            keys.setdefault(slug(_TRAILING_MARK_RE.sub("", row["Name"])), key)
    for line, row in rows:
        name = row["Clean Name"] or _TRAILING_MARK_RE.sub("", row["Name"])
        key = slug(name)
        if not key:
            ctx.problem(line, "row without a name; skipped")
            continue
        entity = ctx.make("Company", key)
        put(ctx, entity, "name", name, line)
        put(ctx, entity, "alias", _split_aliases(row["Alias"]), line)
        put(ctx, entity, "previousName", split_values(row["Previous Name"]), line)
        put(ctx, entity, "program", "DoD Section 1260H Chinese military companies", line)
        put(ctx, entity, "programId", "DOD-1260H", line)
        put(ctx, entity, "topics", "debarment", line)
        put(ctx, entity, "notes", row["Note"], line)
        add_date(ctx, entity, "createdAt", row["Start date"], "Start date", line)
        if row["End date"]:
            _notes(ctx, entity, line, [("Listed until", f"{row['End date']} (listed from {row['Start date']})")])
        put(ctx, entity, "sourceUrl", row["Source Url"], line)
        parent = row["Parent Name"]
        parent_key = keys.get(slug(parent)) if parent else None
        if parent_key is not None and parent_key != key:
            _ownership(ctx, make_entity_id(ctx.source, parent_key), entity.id or "")
        elif parent:
            _notes(ctx, entity, line, [("Parent", parent)])
        ctx.emit(entity)


def _split_aliases(text: str) -> list[str]:
    """``Knownsec,Beijing Kownsec`` -> two names; ``Co., Ltd.`` stays whole (comma then space)."""
    return [part.strip() for value in split_values(text) for part in _ALIAS_COMMA_RE.split(value) if part.strip()]


def _ownership(ctx: ParseContext, owner_id: str, asset_id: str) -> None:
    link = ctx.make("Ownership", key=[owner_id, asset_id])
    # Added as already clean: FtM's entity-id pattern rejects the ``_`` in source names.
    link.unsafe_add(link.schema.properties["owner"], owner_id, cleaned=True)
    link.unsafe_add(link.schema.properties["asset"], asset_id, cleaned=True)
    ctx.emit(link)


# --- OpenSanctions special_leg source files (DoD 1286, State INKSNA) ---------------------


def parse_special_leg(content: bytes, ctx: ParseContext) -> None:
    """Parse a special_leg CSV: one entity per name, repeated report years merged.

    Args:
        content: the CSV file.
        ctx: the parse context; an unknown ``schema`` is a problem (the row loads as
            ``LegalEntity``).
    """
    for line, row in csv_records(content, ctx, SPECIAL_LEG_HEADER):
        name = _name_key(row["name"])
        if not name:
            ctx.problem(line, "row without a name; skipped")
            continue
        schema = row["schema"] or "LegalEntity"
        found = model.get(schema)
        if found is None or not found.is_a("LegalEntity"):
            ctx.problem(line, f"unknown schema {schema!r}; loaded as LegalEntity")
            schema = "LegalEntity"
        entity = ctx.make(schema, name)
        put(ctx, entity, "name", name, line)
        put(ctx, entity, "alias", split_values(row["aliases"]), line)
        put(ctx, entity, "topics", split_values(row["topics"]), line)
        put(ctx, entity, "program", row["program"], line)
        put(ctx, entity, "programId", _SPECIAL_LEG_IDS.get(ctx.source, ""), line)
        for country in split_values(row["country"]):
            put(ctx, entity, "country", _COUNTRY_FIXES.get(country, country), line)
        add_date(ctx, entity, "createdAt", row["start-date"] or row["report-date"], "Start date", line)
        _notes(ctx, entity, line, (
            ("Authority", row["authority"]),
            ("Reason", row["reason"]),
            ("Reported", row["report-date"]),
            ("End date", parse_date(row["end-date"]) or row["end-date"]),
        ))
        put(ctx, entity, "notes", row["notes"], line)
        put(ctx, entity, "sourceUrl", row["source_url"], line)
        ctx.emit(entity)


# --- State Department Cuba Restricted List -----------------------------------------------


def parse_cuba_restricted(content: bytes, ctx: ParseContext) -> None:
    """Parse the Cuba Restricted List: ministries as ``PublicBody``, the rest as ``Company``.

    Args:
        content: the CSV file.
        ctx: the parse context; a ``Parent`` id not in the file is kept as a note.
    """
    rows = list(csv_records(content, ctx, CUBA_HEADER))
    known = {row["Id"] for _, row in rows}
    for line, row in rows:
        if not row["Id"] or not row["Company"]:
            ctx.problem(line, "row without Id or Company; skipped")
            continue
        schema = "PublicBody" if row["Category"].lower() == "ministries" else "Company"
        entity = ctx.make(schema, row["Id"])
        put(ctx, entity, "name", row["Company"], line)
        put(ctx, entity, "abbreviation", row["Acronym"], line)
        put(ctx, entity, "alias", split_values(row["Alias"]), line)
        put(ctx, entity, "sector", row["Sector"], line)
        put(ctx, entity, "classification", row["Category"], line)
        put(ctx, entity, "country", "cu", line)
        put(ctx, entity, "program", "Cuba Restricted List - State Department", line)
        put(ctx, entity, "programId", "CRL", line)
        put(ctx, entity, "topics", "sanction", line)
        add_date(ctx, entity, "createdAt", row["EffectiveDate"], "Effective date", line)
        put(ctx, entity, "sourceUrl", row["SourceURL"], line)
        if row["Parent"] in known and row["Parent"] != row["Id"]:
            _ownership(ctx, make_entity_id(ctx.source, row["Parent"]), entity.id or "")
        elif row["Parent"]:
            _notes(ctx, entity, line, [("Parent", row["Parent"])])
        ctx.emit(entity)


# --- Formats -----------------------------------------------------------------------------


def _header(head: bytes) -> str:
    return head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", "replace").replace('"', "").strip()


def _sniff_dpl(name: str, head: bytes) -> bool:
    return _header(head).startswith("Name\tStreet_Address\tCity")


def _sniff_1260h(name: str, head: bytes) -> bool:
    return _header(head).startswith("Name,Clean Name,Alias")


def _sniff_special_leg(name: str, head: bytes) -> bool:
    return _header(head).startswith("schema,name,aliases,topics,program")


def _sniff_cuba(name: str, head: bytes) -> bool:
    return _header(head).startswith("Id,Company,Acronym")


FORMATS: list[Format] = [
    Format(name="us_bis_dpl_txt", default_source="us_bis_dpl", sniff=_sniff_dpl, parse=parse_dpl),
    Format(name="us_dod_1260h_csv", default_source="us_dod_1260h", sniff=_sniff_1260h, parse=parse_dod_1260h),
    Format(name="us_special_leg_csv", default_source="us_dod_1286", sniff=_sniff_special_leg, parse=parse_special_leg),
    Format(
        name="us_state_cuba_csv", default_source="us_state_cuba_restricted", sniff=_sniff_cuba,
        parse=parse_cuba_restricted,
    ),
]

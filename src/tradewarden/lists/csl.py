"""The trade.gov Consolidated Screening List (CSL) CSV, and the CSV reading the US/CN parsers share.

Data: ITA's ``consolidated.csv`` (https://data.trade.gov/downloadable_consolidated_screening_list/v1/),
one row per listing on one of 13 sub-lists (OFAC SDN/SSI/PLC/CAPTA/CMIC/NS-MBS/FSE, BIS Entity
List/DPL/UVL/MEU, State DTC/ISN), 29 columns with ``;``-separated multi-values. The ``_id`` is
the CSL's own id: OFAC entries keep their entity number, so an OFAC entity on several
Treasury sub-lists (SDN and SSI, say) has several rows with one ``_id`` and becomes one
entity whose ``program`` holds every sub-list. ``ids`` entries read ``[CC, ]value, label``
(label last); labels that name an FtM property fill it, the rest become notes.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator, Sequence

from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, clean_value
from tradewarden.lists.formats import Format
from tradewarden.lists.values import parse_date, split_values

__all__ = [
    "FORMATS", "add_date", "add_id", "add_or_note", "csv_records", "decode_text", "parse_csl", "put", "sublist_code"
]

CSL_HEADER = (
    "_id,source,entity_number,type,programs,name,title,addresses,federal_register_notice,start_date,"
    "end_date,standard_order,license_requirement,license_policy,call_sign,vessel_type,gross_tonnage,"
    "gross_registered_tonnage,vessel_flag,vessel_owner,remarks,source_list_url,alt_names,citizenships,"
    "dates_of_birth,nationalities,places_of_birth,source_information_url,ids"
).split(",")

# DPL, Entity List, UVL, MEU, DTC and ISN rows have no type: persons and companies alike.
_SCHEMAS = {
    "individual": "Person", "entity": "Organization", "vessel": "Vessel", "aircraft": "Airplane", "": "LegalEntity",
}
# Sub-list codes the CSL spells differently from the names users know them by.
_CODE_FIXES = {"CAP": "CAPTA", "NS-MBS List": "NS-MBS"}
_TOPICS = {
    "EL": "export.control", "DPL": "export.control", "UVL": "export.control", "MEU": "export.control",
    "DTC": "debarment",
}
# ``ids`` labels -> FtM property. A value whose property the schema lacks, or which FtM
# rejects, falls back to idNumber (identifiers) or notes.
_ID_LABELS: dict[str, tuple[str, ...]] = {
    "gender": ("Gender",),
    "website": ("Website",),
    "email": ("Email Address",),
    "phone": ("Phone Number",),
    "imoNumber": ("Vessel Registration Identification",),
    "mmsi": ("MMSI",),
    "swiftBic": ("SWIFT/BIC",),
    "leiCode": ("Legal Entity Number",),
    "dunsCode": ("D-U-N-S Number",),
    "isinCode": ("ISIN",),
    "ticker": ("Equity Ticker",),
    "bikCode": ("BIK (RU)",),
    "uscCode": ("Unified Social Credit Code (USCC)", "United Social Credit Code Certificate (USCCC)"),
    "vatCode": ("V.A.T. Number",),
    "passportNumber": ("Passport", "Diplomatic Passport"),
    "taxNumber": (
        "Tax ID No.", "US FEIN", "Italian Fiscal Code", "R.F.C.", "RUC #", "RIF #", "NIT #", "RTN", "C.I.F.",
    ),
    "registrationNumber": (
        "Registration ID", "Registration Number", "Company Number", "UK Company Number",
        "Business Registration Number", "Public Registration Number", "Government Gazette Number",
        "Trade License No.", "C.R. No.", "Business Registration Document #", "Matricula Mercantil No",
        "Folio Mercantil No.", "Registered Charity No.", "Commercial Registry Number", "Enterprise Number",
        "Chamber of Commerce Number", "Certificate of Incorporation Number", "Business Number",
        "Dubai Chamber of Commerce Membership No.", "Aircraft Tail Number",
    ),
    "idNumber": (
        "Identification Number", "National ID No.", "Personal ID Card", "D.N.I.", "Kenyan ID No.",
        "Birth Certificate Number", "Cedula No.", "C.U.I.T.", "C.U.R.P.", "C.U.I.", "C.U.I.P.", "I.F.E.",
        "Credencial electoral", "Electoral Registry No.", "Cartilla de Servicio Militar Nacional",
        "Turkish Identification Number", "Citizen's Card Number", "Numero de Identidad",
        "Tazkira National ID Card", "Travel Document Number", "SSN", "Driver's License No.",
        "National Foreign ID Number", "Residency Number",
    ),
    "model": ("Aircraft Model",),
    "serialNumber": ("Aircraft Manufacturer's Serial Number (MSN)", "Aircraft Serial Identification"),
    "pastFlags": ("Former Vessel Flag",),
    "type": ("Other Vessel Type",),
    "country": ("Nationality of Registration",),
    "sector": ("Organization Type:",),
    "incorporationDate": ("Organization Established Date",),
    "buildDate": ("Aircraft Manufacture Date",),
}
_ID_PROPS = {label: prop for prop, labels in _ID_LABELS.items() for label in labels}
_ID_DATES = {"incorporationDate", "buildDate"}
_ID_LIKE = {
    "passportNumber", "taxNumber", "vatCode", "registrationNumber", "leiCode", "dunsCode", "isinCode", "bikCode",
    "uscCode",
}
_CC_RE = re.compile(r"^([A-Z]{2}), (.+)$")
_CODE_RE = re.compile(r"\(([^()]+)\)")
_RANGE_RE = re.compile(r"^(.+?)\s+to\s+(.+)$")


def decode_text(content: bytes, ctx: ParseContext | None = None) -> str:
    """Bytes of a text list file as str: UTF-8 (BOM dropped), else Latin-1, which never fails.

    With ``ctx``, falling back to Latin-1 is recorded as a problem naming the first bad byte.
    """
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if ctx is not None:
            ctx.problem(None, f"not UTF-8 ({exc.reason} at byte {exc.start}); read as Latin-1")
        return content.decode("latin-1")


def csv_records(
    content: bytes, ctx: ParseContext, required: Sequence[str], delimiter: str = ","
) -> Iterator[tuple[int, dict[str, str]]]:
    """Rows of a CSV file with a header, each with the line on which its record starts.

    A record with the wrong number of cells is reported as a problem and skipped; blank
    lines are skipped silently; cells are stripped.

    Args:
        content: the file's bytes.
        ctx: receives problems.
        required: header columns the file must have.
        delimiter: the cell separator.
    Returns:
        An iterator of ``(line_number, {column: cell})``.
    Raises:
        ListFormatError: the file is empty or lacks a required column.
    """
    reader = csv.reader(io.StringIO(decode_text(content, ctx), newline=""), delimiter=delimiter)
    try:
        header = [cell.strip() for cell in next(reader)]
    except (StopIteration, csv.Error) as exc:
        raise ListFormatError(f"{ctx.path.name}: no header row", file=ctx.path.name) from exc
    missing = [column for column in required if column not in header]
    if missing:
        raise ListFormatError(
            f"{ctx.path.name}: header lacks {', '.join(missing)}", file=ctx.path.name, line=1
        )
    start = reader.line_num + 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            ctx.problem(start, f"unreadable CSV record: {exc}; skipped")
            start = reader.line_num + 1
            continue
        line, start = start, reader.line_num + 1
        if not any(cell.strip() for cell in cells):
            continue
        if len(cells) != len(header):
            ctx.problem(line, f"expected {len(header)} cells, found {len(cells)}; row skipped")
            continue
        yield line, {column: cell.strip() for column, cell in zip(header, cells)}


def put(
    ctx: ParseContext, entity: EntityProxy, prop: str, values: str | Iterable[str], line: int | None = None
) -> None:
    """Add values to ``prop``: ``ctx.add``, which caches FtM's cleaning of repeated values."""
    ctx.add(entity, prop, values, line)


def add_or_note(
    ctx: ParseContext, entity: EntityProxy, prop: str, values: str | Sequence[str], label: str, line: int
) -> None:
    """Add ``values`` to ``prop``, or to ``notes`` as ``label: value`` where the schema lacks ``prop``.

    Args:
        ctx: the parse context.
        entity: the entity to add to.
        prop: the property wanted (``position``, ``flag`` ...).
        values: one value or several.
        label: names the field in the note.
        line: the row's line.
    """
    if entity.schema.get(prop) is not None:
        put(ctx, entity, prop, values, line)
        return
    for value in [values] if isinstance(values, str) else values:
        if value.strip():
            put(ctx, entity, "notes", f"{label}: {value}", line)


def add_date(
    ctx: ParseContext, entity: EntityProxy, prop: str, text: str, label: str, line: int, month_first: bool = False
) -> None:
    """Add a date to ``prop``; an unreadable one is a problem and kept raw in ``notes``.

    ``A to B`` ranges (CSL dates of birth ``1958 to 1960``) add both ends.

    Args:
        ctx: receives the problem.
        entity: the entity to add to.
        prop: a date property; where the schema lacks it the date becomes a note.
        text: the date as published.
        label: names the field in problems and notes.
        line: the row's line.
        month_first: read ``03/04/2002`` as month/day/year (US files).
    """
    text = text.strip()
    if not text:
        return
    if m := _RANGE_RE.match(text):
        parts = [m.group(1), m.group(2)]
    else:
        parts = [text]
    for part in parts:
        value = parse_date(part, month_first=month_first)
        if value is None:
            ctx.problem(line, f"{label} {part!r} is not a date; kept in notes")
            put(ctx, entity, "notes", f"{label} (as published): {part}", line)
        else:
            add_or_note(ctx, entity, prop, value, label, line)


def sublist_code(source: str) -> str:
    """The short code of a CSL sub-list: ``Entity List (EL) - Bureau ...`` -> ``EL``."""
    m = _CODE_RE.search(source)
    if m is None:
        return source.split(" - ")[0].strip()
    code = m.group(1).strip()
    return _CODE_FIXES.get(code, code)


def _address(ctx: ParseContext, entity: EntityProxy, text: str, line: int) -> None:
    """An address whose last part may be an ISO country code (``..., Moscow, 105005, RU``)."""
    last = text.rsplit(",", 1)[-1].strip()
    country = registry.country.clean(last) if len(last) == 2 and last.isupper() else None
    if country is not None:
        add_or_note(ctx, entity, "country", country, "Country", line)
        if last == text.strip():
            return
    add_or_note(ctx, entity, "address", text, "Address", line)


def parse_csl(content: bytes, ctx: ParseContext) -> None:
    """Parse a CSL ``consolidated.csv`` into one entity per ``_id``.

    Args:
        content: the CSV bytes (already decompressed).
        ctx: the parse context; rows without ``_id`` or name, or with a type the
            parser does not know, become problems.
    """
    for line, row in csv_records(content, ctx, CSL_HEADER):
        source_id, name = row["_id"], row["name"]
        if not source_id or not name:
            ctx.problem(line, "row without _id or name; skipped")
            continue
        schema = _SCHEMAS.get(row["type"].lower())
        if schema is None:
            ctx.problem(line, f"unknown type {row['type']!r}; skipped")
            continue
        entity = ctx.make(schema, source_id)
        _fill(ctx, entity, row, line)
        ctx.emit(entity)


def _fill(ctx: ParseContext, entity: EntityProxy, row: dict[str, str], line: int) -> None:
    code = sublist_code(row["source"])
    put(ctx, entity, "name", row["name"], line)
    put(ctx, entity, "alias", split_values(row["alt_names"]), line)
    put(ctx, entity, "program", row["source"], line)
    put(ctx, entity, "programId", [code, *split_values(row["programs"])], line)
    put(ctx, entity, "topics", _TOPICS.get(code, "sanction"), line)
    add_or_note(ctx, entity, "position", row["title"], "Title", line)
    for address in split_values(row["addresses"]):
        _address(ctx, entity, address, line)
    for value in split_values(row["dates_of_birth"]):
        add_date(ctx, entity, "birthDate", value, "Date of birth", line)
    add_or_note(ctx, entity, "birthPlace", split_values(row["places_of_birth"]), "Place of birth", line)
    nationality = "nationality" if entity.schema.get("nationality") else "country"
    put(ctx, entity, nationality, split_values(row["nationalities"]), line)
    citizenship = "citizenship" if entity.schema.get("citizenship") else "country"
    put(ctx, entity, citizenship, split_values(row["citizenships"]), line)
    add_date(ctx, entity, "createdAt", row["start_date"], "Start date", line)
    add_or_note(ctx, entity, "callSign", row["call_sign"], "Call sign", line)
    add_or_note(ctx, entity, "type", row["vessel_type"], "Vessel type", line)
    add_or_note(ctx, entity, "tonnage", row["gross_tonnage"], "Gross tonnage", line)
    add_or_note(ctx, entity, "grossRegisteredTonnage", row["gross_registered_tonnage"], "GRT", line)
    add_or_note(ctx, entity, "flag", row["vessel_flag"], "Flag", line)
    for column, label in (
        ("end_date", "End date"),
        ("federal_register_notice", "Federal Register"),
        ("standard_order", "Standard order"),
        ("license_requirement", "License requirement"),
        ("license_policy", "License policy"),
        ("vessel_owner", "Vessel owner"),
    ):
        if row[column]:
            put(ctx, entity, "notes", f"{label}: {row[column]}", line)
    put(ctx, entity, "notes", split_values(row["remarks"]), line)
    put(ctx, entity, "sourceUrl", [row["source_list_url"], row["source_information_url"]], line)
    for entry in split_values(row["ids"]):
        add_id(ctx, entity, entry, line)


def add_id(ctx: ParseContext, entity: EntityProxy, entry: str, line: int) -> None:
    """Add one CSL ``ids`` entry (``RU, 1027700256297, Registration ID``) to its property.

    Args:
        ctx: the parse context.
        entity: the listed entity.
        entry: ``[CC, ]value, label``; an entry without a known label becomes a note.
        line: the row's line, for problems.
    """
    value, _, label = entry.rpartition(", ")
    value, label = value.strip(), label.strip()
    prop = _ID_PROPS.get(label)
    label = label.rstrip(":- ")
    if not value or prop is None:
        put(ctx, entity, "notes", f"{label}: {value}" if value else label, line)
        return
    country = None
    if (m := _CC_RE.match(value)) and prop != "country":
        country, value = m.group(1).lower(), m.group(2)
    if prop in _ID_DATES:
        add_date(ctx, entity, prop, value, label, line)
        return
    if prop == "phone" and value.isdigit():
        value = f"+{value}"
    if entity.schema.get(prop) is None and prop in _ID_LIKE:
        prop = "idNumber"
    schema_prop = entity.schema.get(prop)
    if schema_prop is None or clean_value(schema_prop.type, schema_prop.format, value) is None:
        put(ctx, entity, "notes", f"{label}: {value}", line)
        return
    put(ctx, entity, prop, value, line)
    if country == "ru" and prop == "taxNumber" and entity.schema.get("innCode"):
        put(ctx, entity, "innCode", value, line)
    if country == "ru" and prop == "registrationNumber" and len(value) in (13, 15) and entity.schema.get("ogrnCode"):
        put(ctx, entity, "ogrnCode", value, line)


def _sniff_csl(name: str, head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"_id,source,entity_number")


FORMATS: list[Format] = [
    Format(name="us_trade_csl_csv", default_source="us_trade_csl", sniff=_sniff_csl, parse=parse_csl),
]

"""Parser for HM Treasury OFSI's Consolidated List of Financial Sanctions Targets (ConList).

Data comes from ``https://ofsistorage.blob.core.windows.net/publishlive/2022format/ConList.xlsx``
(snapshot: ``shared/data/lists/gb_hmt_sanctions/ConList.xlsx``) or its CSV twin ``ConList.csv``.
Row 1 is ``Last Updated`` (the publication date), row 2 the header, then one row per name
variant; rows sharing a ``Group ID`` are one designation and become one entity
(Individual -> Person, Entity -> Organization, Ship -> Vessel), keyed by the Group ID.

Field mapping (FtM property in brackets): Name 1..5 + Name 6 (the surname) [name for
"Primary name", alias for "Primary name variation"/"AKA", weakAlias when Alias Quality is
"Low quality", previousName for "FKA"]; Name Non-Latin Script, kept in its script [name];
DOB with 00 for unknown parts [birthDate]; towns and countries of birth [birthPlace,
birthCountry]; Nationality [nationality]; passport and national ID numbers
[passportNumber, idNumber]; Position [position]; Title [title]; address lines, post code
and country [address, country]; Regime [program]; Listed On [createdAt]; Last Updated
[modifiedAt]; Other Information [notes]. Tagged parts of Other Information are read too:
``(UK Sanctions List Ref):RUS1655`` [programId] -- the FCDO UK Sanctions List's Unique ID,
which the ``gb_fcdo_sanctions`` entity of the same designation carries in programId as
well; (Gender) [gender], (Email address) [email], (Website) [website], (Phone number)
[phone], (Type of entity) [legalForm], (Business Reg No) [registrationNumber], and for
ships (IMO number) [imoNumber], (Flag of ship) [flag], (Previous flags) [pastFlags],
(Type of ship) [type], (Tonnage of ship) [tonnage], (Year built) [buildDate].

The xlsx is read with :func:`tradewarden.lists.sheets.read_xlsx` (a streaming reader:
openpyxl's read-only mode took about 7 s for the snapshot).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Iterable, Iterator
from datetime import date, timedelta
from functools import lru_cache

from followthemoney.proxy import EntityProxy

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext
from tradewarden.lists.formats import Format
from tradewarden.lists.sheets import SheetRow, read_xlsx
from tradewarden.lists.values import parse_date

_SCHEMAS = {"individual": "Person", "entity": "Organization", "ship": "Vessel"}
_NAME_COLUMNS = ("Name 1", "Name 2", "Name 3", "Name 4", "Name 5", "Name 6")
_ADDRESS_COLUMNS = ("Address 1", "Address 2", "Address 3", "Address 4", "Address 5", "Address 6", "Post/Zip Code")
_REQUIRED_COLUMNS = ("Group ID", "Group Type", "Name 6")
_ENUM_RE = re.compile(r"\(\d{1,2}\)\s*")
_PAREN_RE = re.compile(r"\s*\([^)]*\)")
_UK_DATE_RE = re.compile(r"^(?:(?:(\d{1,2})/)?(\d{1,2})/)?(\d{4})$")
_SERIAL_RE = re.compile(r"^\d{5}(?:\.0+)?$")
# Tags inside "Other Information" and the FtM property each one feeds.
_INFO_PROPS = {
    "UK Sanctions List Ref": "programId",
    "Gender": "gender",
    "Email address": "email",
    "Website": "website",
    "Phone number": "phone",
    "Type of entity": "legalForm",
    "Business Reg No": "registrationNumber",
    "IMO number": "imoNumber",
    "Flag of ship": "flag",
    "Previous flags": "pastFlags",
    "Type of ship": "type",
    "Tonnage of ship": "tonnage",
    "Year built": "buildDate",
}
# Tags that are only kept in the notes; they end the value of the tag before them.
_INFO_OTHER_TAGS = ("UK Statement of Reasons", "UN Ref", "Subsidiaries", "Parent company", "Current owners",
                    "Length of ship", "Fax")
_INFO_TAG_RE = re.compile(r"\((" + "|".join(map(re.escape, [*_INFO_PROPS, *_INFO_OTHER_TAGS])) + r")\):")
# A few entities give their original-script name only inside Other Information.
_INFO_SCRIPT_NAME_RE = re.compile(r"Name \(non-Latin script\):\s*(.+?)\.(?:\s|$)")

Row = dict[str, str]
_Put = Callable[[str, str | None, int], None]


def sniff(file_name: str, head: bytes) -> bool:
    """True for an OFSI ConList: ``conlist*.xlsx`` (a zip), or a CSV starting ``Last Updated``
    whose header has a ``Group ID`` column."""
    if head.startswith(b"PK\x03\x04"):
        return file_name.endswith(".xlsx") and "conlist" in file_name
    text = head.removeprefix(b"\xef\xbb\xbf")
    return text.startswith(b"Last Updated") and b"Group ID" in text[:4096]


def parse(content: bytes, ctx: ParseContext) -> None:
    """Read an OFSI ConList (xlsx or csv) into ``ctx``: one entity per Group ID.

    Args:
        content: the file bytes.
        ctx: receives the entities, ``published_at`` from the "Last Updated" row, and a
            problem (with the row number) for each row it cannot use.
    Raises:
        ListFormatError: not a readable spreadsheet, or no header with a Group ID column.
    """
    if content.startswith(b"PK\x03\x04"):
        rows: Iterable[SheetRow] = read_xlsx(content, ctx.path.name)
    else:
        rows = _csv_rows(content)
    groups = _read_groups(rows, ctx)
    for group_id, group_rows in groups.items():
        entity = _build_entity(group_id, group_rows, ctx)
        if entity is not None:
            ctx.emit(entity)


def _csv_rows(content: bytes) -> Iterator[SheetRow]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp1252", errors="replace")
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    for cells in reader:
        yield start, {column: value for column, value in enumerate(cells) if value}
        start = reader.line_num + 1


def _read_groups(rows: Iterable[SheetRow], ctx: ParseContext) -> dict[str, list[tuple[int, Row]]]:
    """Rows after the header, as ``{column name: text}``, grouped by Group ID."""
    header: dict[int, str] | None = None
    groups: dict[str, list[tuple[int, Row]]] = {}
    for line, cells in rows:
        if header is None:
            first = cells.get(0, "").strip()
            if first == "Last Updated" and 1 in cells:
                ctx.result.published_at = uk_date(cells[1]) or ctx.result.published_at
            elif "Group ID" in (cell.strip() for cell in cells.values()):
                header = {column: cell.strip() for column, cell in cells.items()}
                missing = [name for name in _REQUIRED_COLUMNS if name not in header.values()]
                if missing:
                    raise ListFormatError(f"{ctx.path.name}: header lacks {', '.join(missing)}", file=str(ctx.path))
            elif line > 10:
                break
            continue
        row = {header[column]: text for column, value in cells.items() if column in header and (text := value.strip())}
        if not row:
            continue
        group_id = row.get("Group ID", "")
        if not group_id:
            ctx.problem(line, "row without a Group ID; skipped")
            continue
        groups.setdefault(group_id, []).append((line, row))
    if header is None:
        raise ListFormatError(f"{ctx.path.name}: no header row with a Group ID column", file=str(ctx.path))
    return groups


@lru_cache(maxsize=8192)
def uk_date(text: str | None) -> str | None:
    """An OFSI date as an ISO prefix: ``25/03/1970``, ``00/03/1970`` -> ``1970-03``, ``1970``.

    Args:
        text: ``dd/mm/yyyy`` with ``00`` for unknown parts, ``mm/yyyy``, ``yyyy``, or an
            Excel serial day number.
    Returns:
        The ISO prefix, or None if unreadable.
    """
    if text is None:
        return None
    value = text.strip()
    if _SERIAL_RE.match(value):
        return (date(1899, 12, 30) + timedelta(days=int(float(value)))).isoformat()
    match = _UK_DATE_RE.match(value)
    if match is None:
        return parse_date(value)
    day, month, year = (int(part) if part else 0 for part in match.groups())
    return parse_date(f"{year:04d}-{month:02d}-{day:02d}")


def enumerated(text: str | None) -> list[str]:
    """Split an OFSI enumeration ``(1) Syria. (2) Lebanon`` into ``["Syria", "Lebanon"]``.

    Args:
        text: a cell value, enumerated or not.
    Returns:
        The parts without numbering, trailing dots or ``-`` placeholders.
    """
    if not text:
        return []
    parts = (part.strip().rstrip(".,;").strip() for part in _ENUM_RE.split(text))
    return [part for part in parts if part and part != "-"]


def other_information(text: str) -> list[tuple[str, str]]:
    """The ``(Tag):value`` parts of an Other Information cell that map to FtM properties,
    and any ``Name (non-Latin script): ...`` given there.

    Args:
        text: the cell, e.g. ``(UK Sanctions List Ref):RUS1655 (Gender):Male``.
    Returns:
        ``(property, value)`` pairs, e.g. ``[("programId", "RUS1655"), ("gender", "Male")]``.
    """
    pieces = _INFO_TAG_RE.split(text)
    found = [("name", match.group(1).strip()) for match in _INFO_SCRIPT_NAME_RE.finditer(text)]
    for tag, value in zip(pieces[1::2], pieces[2::2]):
        prop = _INFO_PROPS.get(tag)
        if prop is None:
            continue
        value = value.strip()
        if prop == "programId":
            value = value.split(".", 1)[0].split()[0] if value else ""
        for part in enumerated(value):
            found.append((prop, part))
    return found


def _build_entity(group_id: str, rows: list[tuple[int, Row]], ctx: ParseContext) -> EntityProxy | None:
    first_line, first = rows[0]
    kind = first.get("Group Type", "")
    schema = _SCHEMAS.get(kind.lower())
    if schema is None:
        ctx.problem(first_line, f"Group ID {group_id}: unknown Group Type {kind!r}; skipped")
        return None
    entity = ctx.make(schema, group_id)
    values: dict[str, dict[str, int]] = {}

    def put(prop: str, value: str | None, line: int) -> None:
        if value and prop in entity.schema.properties:
            values.setdefault(prop, {}).setdefault(value, line)

    for line, row in rows:
        if row.get("Group Type", kind) != kind:
            ctx.problem(line, f"Group ID {group_id}: Group Type {row.get('Group Type')!r} differs from {kind!r}")
        _collect_row(row, line, put, ctx)
    if "name" not in values:
        fallback = next(iter(values.get("alias", values.get("weakAlias", values.get("previousName", {})))), None)
        if fallback is None:
            ctx.problem(first_line, f"Group ID {group_id}: no name in any row; skipped")
            return None
        values["name"] = {fallback: first_line}
    if dates := values.pop("createdAt", None):
        values["createdAt"] = {min(dates): 0}
    if dates := values.pop("modifiedAt", None):
        values["modifiedAt"] = {max(dates): 0}
    for prop, found in values.items():
        for value, line in found.items():
            ctx.add(entity, prop, value, line or None)
    ctx.add(entity, "topics", "sanction")
    return entity


def _collect_row(row: Row, line: int, put: _Put, ctx: ParseContext) -> None:
    name = " ".join(row[column] for column in _NAME_COLUMNS if column in row)
    alias_type = row.get("Alias Type", "").lower()
    if alias_type == "primary name":
        prop = "name"
        put("firstName", row.get("Name 1"), line)
        put("lastName", row.get("Name 6"), line)
    elif alias_type == "fka":
        prop = "previousName"
    elif "low" in row.get("Alias Quality", "").lower():
        prop = "weakAlias"
    else:
        prop = "alias"
    if name:
        put(prop, name, line)
    elif "Name Non-Latin Script" not in row:
        ctx.problem(line, f"Group ID {row['Group ID']}: row without a name; skipped")
        return
    put("name", row.get("Name Non-Latin Script"), line)
    for title in enumerated(row.get("Title")):
        put("title", title, line)
    put("birthDate", uk_date(row.get("DOB")), line)
    towns, countries = enumerated(row.get("Town of Birth")), enumerated(row.get("Country of Birth"))
    for town in towns:
        put("birthPlace", f"{town}, {countries[0]}" if len(countries) == 1 else town, line)
    if not towns:
        for country in countries:
            put("birthPlace", country, line)
    for country in countries:
        put("birthCountry", country, line)
    for prop, column in (("nationality", "Nationality"), ("passportNumber", "Passport Number"),
                         ("idNumber", "National Identification Number"), ("position", "Position")):
        for value in enumerated(row.get(column)):
            put(prop, value, line)
    country = _PAREN_RE.sub("", row.get("Country", "")).strip()
    put("country", country, line)
    address = ", ".join(row[column] for column in _ADDRESS_COLUMNS if column in row)
    if address:
        put("address", f"{address}, {row['Country']}" if "Country" in row else address, line)
    info = row.get("Other Information", "")
    put("notes", info, line)
    for prop, value in other_information(info):
        put(prop, value, line)
    put("program", row.get("Regime"), line)
    put("createdAt", uk_date(row.get("Listed On")), line)
    put("modifiedAt", uk_date(row.get("Last Updated")), line)


FORMATS: list[Format] = [
    Format(name="gb_hmt_conlist", default_source="gb_hmt_sanctions", sniff=sniff, parse=parse),
]

"""Parser for the UN Security Council Consolidated List in its XML form.

Data comes from ``https://scsanctions.un.org/resources/xml/en/consolidated.xml`` (schema
``https://www.un.org/sc/resources/sc-sanctions.xsd``; snapshot in
``shared/data/lists/un_sc_sanctions/consolidated.xml``). Each ``INDIVIDUAL`` becomes a
``Person`` and each ``ENTITY`` an ``Organization``, keyed by ``REFERENCE_NUMBER``
(``QDi.006``). The file is read with :mod:`defusedxml` only.

Field mapping (FtM property in brackets): FIRST..FOURTH_NAME joined [name, firstName,
secondName]; NAME_ORIGINAL_SCRIPT kept exactly [name]; ``*_ALIAS`` by QUALITY: Good,
a.k.a. or blank [alias], Low [weakAlias], f.k.a. [previousName]; DESIGNATION [position];
TITLE, an honorific such as "Maulavi" [title]; NATIONALITY [nationality]; date and place
of birth [birthDate, birthPlace, birthCountry]; documents [passportNumber, idNumber];
addresses [address, country]; UN_LIST_TYPE [program]; LISTED_ON [createdAt];
LAST_DAY_UPDATED [modifiedAt]; COMMENTS1 [notes]. ``dateGenerated`` becomes
``ParseResult.published_at``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as DefusedET
from defusedxml import DefusedXmlException
from followthemoney.proxy import EntityProxy

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext
from tradewarden.lists.formats import Format
from tradewarden.lists.values import parse_date, split_values

_RECORD_TAGS = {"INDIVIDUAL": "Person", "ENTITY": "Organization"}
_RECORD_START_RE = re.compile(rb"<(INDIVIDUAL|ENTITY)(?=[\s>/])")
_NAME_TAGS = ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
# Alias QUALITY values seen in the list and the FtM property each one feeds.
_ALIAS_PROPS = {"": "alias", "good": "alias", "a.k.a.": "alias", "low": "weakAlias", "f.k.a.": "previousName"}
_PASSPORT_RE = re.compile(r"passport|passeport|pasaporte", re.IGNORECASE)
# Placeholders the UN writes where a value is unknown.
_UNKNOWN_VALUES = {"na", "n/a", "unknown"}
# BETWEEN ranges longer than this keep only their two end years.
_MAX_YEAR_SPAN = 10


def sniff(file_name: str, head: bytes) -> bool:
    """True for a UN SC consolidated XML file (its root element is ``CONSOLIDATED_LIST``)."""
    return b"<CONSOLIDATED_LIST" in head


def parse(content: bytes, ctx: ParseContext) -> None:
    """Read a UN SC consolidated XML file into ``ctx``.

    Args:
        content: the XML bytes.
        ctx: receives one entity per record, and a problem for each record without a
            reference number or a name (with the line of its start tag).
    Raises:
        ListFormatError: the file is not well-formed XML or its root is not
            ``CONSOLIDATED_LIST``.
    """
    try:
        root = DefusedET.fromstring(content, forbid_dtd=True)  # the UN file has no DTD; refusing one refuses XXE
    except (ParseError, DefusedXmlException) as exc:
        raise ListFormatError(f"{ctx.path.name}: not a readable UN XML file: {exc}", file=str(ctx.path)) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(f"{ctx.path.name}: root element is {root.tag}, not CONSOLIDATED_LIST", file=str(ctx.path))
    generated = (root.get("dateGenerated") or "").strip()
    if generated:
        ctx.result.published_at = generated
    records = [el for el in root.iter() if el.tag in _RECORD_TAGS]
    lines = _record_lines(content, len(records))
    for number, (record, line) in enumerate(zip(records, lines, strict=True), start=1):
        _parse_record(record, number, line, ctx)


def _record_lines(content: bytes, count: int) -> list[int | None]:
    """The line of each record's start tag, or None for all if the tags cannot be lined up."""
    lines: list[int | None] = []
    line, pos = 1, 0
    for match in _RECORD_START_RE.finditer(content):
        line += content.count(b"\n", pos, match.start())
        pos = match.start()
        lines.append(line)
    if len(lines) != count:  # a start tag inside a comment or CDATA: give up on lines
        return [None] * count
    return lines


def _text(element: Element | None) -> str:
    if element is None or element.text is None:
        return ""
    return element.text.strip()


def _child_text(element: Element, tag: str) -> str:
    return _text(element.find(tag))


def _values(record: Element, tag: str) -> list[str]:
    """The texts of ``<tag><VALUE>..</VALUE>...</tag>`` blocks."""
    found: list[str] = []
    for block in record.findall(tag):
        found.extend(text for value in block.findall("VALUE") if (text := _text(value)))
    return found


def _parse_record(record: Element, number: int, line: int | None, ctx: ParseContext) -> None:
    kind = record.tag
    where = f"{kind} record {number}"
    reference = _child_text(record, "REFERENCE_NUMBER")
    if not reference:
        ctx.problem(line, f"{where}: no REFERENCE_NUMBER; skipped")
        return
    parts = [_child_text(record, tag) for tag in _NAME_TAGS]
    full_name = " ".join(part for part in parts if part)
    if not full_name:
        ctx.problem(line, f"{where} ({reference}): no name; skipped")
        return
    entity = ctx.make(_RECORD_TAGS[kind], reference)
    if kind == "INDIVIDUAL":
        ctx.add(entity, "name", full_name, line)
        ctx.add(entity, "firstName", parts[0], line)
        ctx.add(entity, "secondName", parts[1], line)
    else:
        # Entities sometimes list two names in one field: "CAGL ; GREAT LAKES BUSINESS COMPANY".
        ctx.add(entity, "name", split_values(full_name), line)
    for script_name in record.findall("NAME_ORIGINAL_SCRIPT"):
        ctx.add(entity, "name", _text(script_name), line)
    _add_aliases(entity, record, f"{kind}_ALIAS", line, ctx)
    ctx.add(entity, "program", _child_text(record, "UN_LIST_TYPE"), line)
    ctx.add(entity, "topics", "sanction", line)
    ctx.add(entity, "createdAt", parse_date(_child_text(record, "LISTED_ON")[:10]), line)
    updated = [date for text in _values(record, "LAST_DAY_UPDATED") if (date := parse_date(text[:10]))]
    if updated:
        ctx.add(entity, "modifiedAt", max(updated), line)
    ctx.add(entity, "notes", [_child_text(record, tag) for tag in ("COMMENTS1", "COMMENTS2", "COMMENTS3")], line)
    for address in record.findall(f"{kind}_ADDRESS"):
        _add_address(entity, address, line, ctx)
    if kind == "INDIVIDUAL":
        _add_person_facts(entity, record, line, ctx)
    ctx.emit(entity)


def _add_aliases(entity: EntityProxy, record: Element, tag: str, line: int | None, ctx: ParseContext) -> None:
    for alias in record.findall(tag):
        names = split_values(_child_text(alias, "ALIAS_NAME"))
        if not names:
            continue
        quality = _child_text(alias, "QUALITY").lower()
        prop = _ALIAS_PROPS.get(quality)
        if prop is None:
            ctx.problem(line, f"{entity.context['source_id']}: unknown alias quality {quality!r}; kept as alias")
            prop = "alias"
        ctx.add(entity, prop, names, line)
        # Alternative identities of a person sometimes carry their own birth details.
        if entity.schema.is_a("Person"):
            ctx.add(entity, "birthDate", parse_date(_child_text(alias, "DATE_OF_BIRTH")), line)
            place = _join(_child_text(alias, "CITY_OF_BIRTH"), _child_text(alias, "COUNTRY_OF_BIRTH"))
            ctx.add(entity, "birthPlace", place, line)


def _add_person_facts(entity: EntityProxy, record: Element, line: int | None, ctx: ParseContext) -> None:
    ctx.add(entity, "position", _values(record, "DESIGNATION"), line)
    ctx.add(entity, "title", _values(record, "TITLE"), line)
    ctx.add(entity, "gender", _child_text(record, "GENDER"), line)
    nationalities = [value for value in _values(record, "NATIONALITY") if value.lower() not in _UNKNOWN_VALUES]
    ctx.add(entity, "nationality", nationalities, line)
    for birth in record.findall("INDIVIDUAL_DATE_OF_BIRTH"):
        ctx.add(entity, "birthDate", list(_birth_dates(birth)), line)
    for place in record.findall("INDIVIDUAL_PLACE_OF_BIRTH"):
        parts = [_child_text(place, tag) for tag in ("STREET", "CITY", "STATE_PROVINCE", "COUNTRY")]
        ctx.add(entity, "birthPlace", _join(*parts), line)
        country = _child_text(place, "COUNTRY")
        if country.lower() not in _UNKNOWN_VALUES:
            ctx.add(entity, "birthCountry", country, line)
    for document in record.findall("INDIVIDUAL_DOCUMENT"):
        _add_document(entity, document, line, ctx)


def _birth_dates(birth: Element) -> Iterator[str]:
    """Dates of one INDIVIDUAL_DATE_OF_BIRTH block (EXACT, APPROXIMATELY or BETWEEN)."""
    found = False
    for tag in ("DATE", "YEAR"):
        if date := parse_date(_child_text(birth, tag)[:10]):
            found = True
            yield date
    start, end = _child_text(birth, "FROM_YEAR"), _child_text(birth, "TO_YEAR")
    if start.isdigit() and end.isdigit() and int(start) <= int(end):
        found = True
        years = list(range(int(start), int(end) + 1))
        if len(years) > _MAX_YEAR_SPAN:
            years = [years[0], years[-1]]
        for year in years:
            if date := parse_date(str(year)):
                yield date
    if not found:
        # Some records give the date only as a note: "Nov. 1973", "August 1961".
        if date := parse_date(_child_text(birth, "NOTE")):
            yield date


def _add_document(entity: EntityProxy, document: Element, line: int | None, ctx: ParseContext) -> None:
    number = _child_text(document, "NUMBER")
    if not number:
        return
    kind = " ".join(_child_text(document, tag) for tag in ("TYPE_OF_DOCUMENT", "TYPE_OF_DOCUMENT2"))
    prop = "passportNumber" if _PASSPORT_RE.search(kind) else "idNumber"
    ctx.add(entity, prop, number, line)


def _add_address(entity: EntityProxy, address: Element, line: int | None, ctx: ParseContext) -> None:
    parts = [_child_text(address, tag) for tag in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")]
    full = _join(*parts)
    country = _child_text(address, "COUNTRY")
    # An address that is only a country adds nothing beyond the country itself.
    if full and full != country:
        ctx.add(entity, "address", full, line)
    if country.lower() not in _UNKNOWN_VALUES:
        ctx.add(entity, "country", country, line)


def _join(*parts: str) -> str:
    return ", ".join(part for part in parts if part)


FORMATS: list[Format] = [
    Format(name="un_sc_xml", default_source="un_sc_sanctions", sniff=sniff, parse=parse, unique_ids=True),
]

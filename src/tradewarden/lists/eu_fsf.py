"""Parser for the EU Financial Sanctions Files (FSF) consolidated list, XML format 1.1.

Data comes from the European Commission's ``xmlFullSanctionsList_1_1`` export
(namespace ``http://eu.europa.ec/fpi/fsd/export``; see :mod:`tradewarden.lists.sources`).
One ``<sanctionEntity>`` is one listed party; its children carry the names
(``nameAlias``), citizenships, birth dates, addresses, identity documents, the
regulations that list it and free-text remarks.

Mapping choices:

* ``source_id`` is the entity's ``logicalId`` (stable across EU releases).
* ``euReferenceNumber`` (``EU.27.28``) and ``unitedNationId`` (``QDi.006``) go to
  ``programId``: they are the list's own reference numbers for the designation, not
  identity documents, so they must not land in ``idNumber`` where matching would
  compare them with passport numbers.
* The regulation ``programme`` (``IRN``) goes to ``program``; the earliest regulation
  ``publicationDate`` (or ``designationDate`` when given) is the listing date, ``createdAt``.
* The first strong name is ``name``, other strong names are ``alias``, and
  ``strong="false"`` names are ``weakAlias``.
* ``export/@generationDate`` is the publication date of the file.
"""

from __future__ import annotations

from xml.etree.ElementTree import Element, ParseError, TreeBuilder

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from followthemoney.proxy import EntityProxy

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext
from tradewarden.lists.formats import Format
from tradewarden.lists.values import parse_date

NAMESPACE = "http://eu.europa.ec/fpi/fsd/export"

_SCHEMAS = {"person": "Person", "enterprise": "Organization"}
_GENDERS = {"M": "male", "F": "female"}
# identificationTypeCode -> FtM property; codes not listed here become idNumber plus a note.
_ID_PROPS = {
    "passport": "passportNumber",
    "id": "idNumber",
    "nationalid": "idNumber",
    "regnumber": "registrationNumber",
    "fiscalcode": "taxNumber",
    "tax": "taxNumber",
    "swiftbic": "swiftBic",
    "imo": "imoNumber",
}
_CONTACT_PROPS = {"PHONE": "phone", "FAX": "phone", "EMAIL": "email", "WEB": "website", "WEBSITE": "website"}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: Element, name: str) -> list[Element]:
    return [child for child in elem if _local(child.tag) == name]


def _attr(elem: Element, name: str) -> str | None:
    value = elem.get(name)
    if value is None:
        return None
    value = " ".join(value.split())
    return value or None


def _country(elem: Element) -> str | None:
    code = _attr(elem, "countryIso2Code")
    # "00" is the EU file's code for an unknown country.
    if code is None or code == "00":
        return None
    return code.lower()


def _join(*parts: str | None) -> str | None:
    text = ", ".join(part for part in parts if part)
    return text or None


class _LineTreeBuilder(TreeBuilder):
    """A tree builder that remembers the source line of every ``sanctionEntity``."""

    def __init__(self) -> None:
        super().__init__()
        self.parser: DefusedXMLParser | None = None
        self.entity_lines: list[int] = []

    def start(self, tag: str, attrs: dict[str, str]) -> Element:
        if _local(tag) == "sanctionEntity" and self.parser is not None:
            self.entity_lines.append(int(self.parser.parser.CurrentLineNumber))
        return super().start(tag, attrs)


def _read_tree(content: bytes, file_name: str) -> tuple[Element, list[int]]:
    builder = _LineTreeBuilder()
    # No DTD at all: the FSF export never has one, and refusing it refuses XXE and entity bombs.
    parser = DefusedXMLParser(target=builder, forbid_dtd=True)
    builder.parser = parser
    try:
        parser.feed(content)
        root: Element = parser.close()
    except (ParseError, DefusedXmlException) as exc:
        raise ListFormatError(f"{file_name}: EU FSF XML cannot be read: {exc}", file=file_name) from exc
    return root, builder.entity_lines


def parse_fsf_xml(content: bytes, ctx: ParseContext) -> None:
    """Read one EU FSF XML 1.1 file into ``ctx``.

    Args:
        content: the XML bytes.
        ctx: the parse context; each ``sanctionEntity`` becomes one emitted entity,
            a malformed one becomes a problem with its line number.
    Raises:
        ListFormatError: the file is not well-formed XML or not an FSF export.
    """
    root, lines = _read_tree(content, ctx.path.name)
    if _local(root.tag) != "export":
        raise ListFormatError(
            f"{ctx.path.name}: EU FSF XML root element is <{_local(root.tag)}>, expected <export>", file=ctx.path.name
        )
    published = parse_date(root.get("generationDate"))
    if published is not None:
        ctx.result.published_at = published
    for index, elem in enumerate(_children(root, "sanctionEntity")):
        line = lines[index] if index < len(lines) else None
        _parse_entity(elem, line, ctx)


def _parse_entity(elem: Element, line: int | None, ctx: ParseContext) -> None:
    logical_id = _attr(elem, "logicalId")
    if logical_id is None:
        ctx.problem(line, "sanctionEntity without logicalId; skipped")
        return
    code = None
    for subject in _children(elem, "subjectType"):
        code = _attr(subject, "code") or code
    schema = _SCHEMAS.get((code or "").lower())
    if schema is None:
        ctx.problem(line, f"entity {logical_id}: unknown subjectType {code!r}; read as LegalEntity")
        schema = "LegalEntity"
    entity = ctx.make(schema, logical_id)
    if not _add_names(entity, elem, line, ctx):
        ctx.problem(line, f"entity {logical_id}: no name; skipped")
        return
    ctx.add(entity, "topics", "sanction", line)
    ctx.add(entity, "programId", [_attr(elem, "euReferenceNumber"), _attr(elem, "unitedNationId")], line)
    ctx.add(entity, "notes", _attr(elem, "designationDetails"), line)
    _add_regulations(entity, elem, line, ctx)
    _add_citizenships(entity, elem, line, ctx)
    _add_birthdates(entity, elem, line, ctx)
    _add_addresses(entity, elem, line, ctx)
    _add_identifications(entity, elem, line, ctx)
    for remark in _children(elem, "remark"):
        ctx.add(entity, "notes", " ".join((remark.text or "").split()), line)
    ctx.emit(entity)


def _has(entity: EntityProxy, prop: str) -> bool:
    return prop in entity.schema.properties


def _add_names(entity: EntityProxy, elem: Element, line: int | None, ctx: ParseContext) -> bool:
    found = False
    for alias in _children(elem, "nameAlias"):
        first, middle, last = _attr(alias, "firstName"), _attr(alias, "middleName"), _attr(alias, "lastName")
        whole = _attr(alias, "wholeName") or " ".join(p for p in (first, middle, last) if p) or None
        if whole is None:
            continue
        if (_attr(alias, "strong") or "true").lower() == "false":
            prop = "weakAlias"
        else:
            prop = "alias" if entity.has("name") else "name"
        ctx.add(entity, prop, whole, line)
        found = found or prop == "name"
        if _has(entity, "firstName"):
            ctx.add(entity, "firstName", first, line)
            ctx.add(entity, "middleName", middle, line)
            ctx.add(entity, "lastName", last, line)
            ctx.add(entity, "title", _attr(alias, "title"), line)
            ctx.add(entity, "position", _attr(alias, "function"), line)
            ctx.add(entity, "gender", _GENDERS.get(_attr(alias, "gender") or ""), line)
    if not found and entity.has("weakAlias"):
        # Only weak names: the best we have still has to be the name.
        weak = entity.get("weakAlias")
        ctx.add(entity, "name", weak[0], line)
        found = True
    return found


def _add_regulations(entity: EntityProxy, elem: Element, line: int | None, ctx: ParseContext) -> None:
    listed = [parse_date(_attr(elem, "designationDate"))]
    for regulation in _children(elem, "regulation"):
        ctx.add(entity, "program", _attr(regulation, "programme"), line)
        listed.append(parse_date(_attr(regulation, "publicationDate")))
        urls = [_attr(regulation, "publicationUrl")]
        urls.extend(" ".join((url.text or "").split()) for url in _children(regulation, "publicationUrl"))
        ctx.add(entity, "sourceUrl", urls, line)
    dates = sorted(d for d in listed if d is not None)
    if dates:
        ctx.add(entity, "createdAt", dates[0], line)


def _add_citizenships(entity: EntityProxy, elem: Element, line: int | None, ctx: ParseContext) -> None:
    prop = "nationality" if _has(entity, "nationality") else "country"
    for citizenship in _children(elem, "citizenship"):
        ctx.add(entity, prop, _country(citizenship), line)


def _add_birthdates(entity: EntityProxy, elem: Element, line: int | None, ctx: ParseContext) -> None:
    if not _has(entity, "birthDate"):
        return
    for birth in _children(elem, "birthdate"):
        when = parse_date(_attr(birth, "birthdate")) or parse_date(_attr(birth, "year"))
        ctx.add(entity, "birthDate", when, line)
        place = _join(_attr(birth, "city"), _attr(birth, "place"), _attr(birth, "region"))
        ctx.add(entity, "birthPlace", _join(place, _attr(birth, "countryDescription")) if place else None, line)
        ctx.add(entity, "birthCountry", _country(birth), line)


def _add_addresses(entity: EntityProxy, elem: Element, line: int | None, ctx: ParseContext) -> None:
    for address in _children(elem, "address"):
        text = _join(
            _attr(address, "street"),
            _attr(address, "poBox"),
            _attr(address, "zipCode"),
            _attr(address, "city"),
            _attr(address, "region"),
            _attr(address, "place"),
            _attr(address, "countryDescription"),
        )
        ctx.add(entity, "address", text, line)
        ctx.add(entity, "country", _country(address), line)
        for contact in _children(address, "contactInfo"):
            prop = _CONTACT_PROPS.get((_attr(contact, "key") or "").upper())
            if prop is not None:
                ctx.add(entity, prop, _attr(contact, "value"), line)


def _add_identifications(entity: EntityProxy, elem: Element, line: int | None, ctx: ParseContext) -> None:
    for ident in _children(elem, "identification"):
        number = _attr(ident, "number") or _attr(ident, "latinNumber")
        if number is None:
            continue
        code = (_attr(ident, "identificationTypeCode") or "").lower()
        prop = _ID_PROPS.get(code)
        if prop is None or not _has(entity, prop):
            prop = "idNumber" if _has(entity, "idNumber") else "registrationNumber"
            label = _attr(ident, "identificationTypeDescription") or code or "identification"
            ctx.add(entity, "notes", f"{label}: {number}", line)
        ctx.add(entity, prop, number, line)


def sniff_fsf_xml(name: str, head: bytes) -> bool:
    """True for an EU FSF XML export (by its namespace, or its root and entity tags)."""
    if NAMESPACE.encode() in head:
        return True
    return b"<export" in head and b"<sanctionEntity" in head


FORMATS: list[Format] = [
    Format(name="eu_fsf_xml", default_source="eu_fsf", sniff=sniff_fsf_xml, parse=parse_fsf_xml, unique_ids=True),
]

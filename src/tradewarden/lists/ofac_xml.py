"""Parse OFAC's Enhanced XML export (``SDN_ENHANCED.XML``, ``CONS_ENHANCED.XML``).

Data: US Treasury OFAC Sanctions List Service,
``https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/SDN_ENHANCED.ZIP``
(and ``CONS_ENHANCED.ZIP``), namespace ``.../exports/ENHANCED_XML``. One ``<entity id=…>`` per
listed party with names (strong and low-quality aliases, translations into other scripts),
addresses, features (birth date, nationality, e-mail, vessel details …), identity documents,
relationships and sanctions programmes; ``<publicationInfo><dataAsOf>`` is the publication date.

The file is read with ``defusedxml``: a document that declares entities or a DTD is refused.
Feature and document labels are the remark labels of the legacy CSV and go through the same
tables (:mod:`tradewarden.lists.ofac_remarks`).
"""

from __future__ import annotations

from collections.abc import Callable
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_tree
from defusedxml import DefusedXmlException
from followthemoney.proxy import EntityProxy

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, make_entity_id
from tradewarden.lists.formats import Format
from tradewarden.lists.ofac_csv import apply_identifier, apply_remarks, emit_link, put
from tradewarden.lists.ofac_remarks import Identifier, identifier_prop, parse_feature, parse_remarks
from tradewarden.lists.values import parse_date

NAMESPACE = "https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ENHANCED_XML"
_NS = {"o": NAMESPACE}
SCHEMAS: dict[str, str] = {"individual": "Person", "entity": "Organization", "vessel": "Vessel", "aircraft": "Airplane"}
ALIAS_PROPS: dict[str, str] = {"A.K.A.": "alias", "F.K.A.": "previousName", "N.K.A.": "alias"}
# Relationship types in which the related entity owns this one, or this one owns it.
OWNED_BY = {"owned or controlled by"}
OWNS = {"owns, controls, or operates"}

_Relation = tuple[EntityProxy, str, str, str]  # (entity, relationship type, related id, related name)


def _text(node: Element | None, path: str) -> str | None:
    if node is None:
        return None
    found = node.find(path, _NS)
    if found is None or found.text is None:
        return None
    return found.text.strip() or None


def _is_true(node: Element, path: str) -> bool:
    return (_text(node, path) or "").lower() == "true"


def read_document(content: bytes, file_name: str) -> Element:
    """Parse the XML safely.

    Raises:
        ListFormatError: the document is not well-formed, or declares entities or a DTD.
    """
    try:
        root: Element = safe_tree.fromstring(content, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise ListFormatError(f"{file_name}: refused unsafe XML ({exc})", file=file_name) from exc
    except ParseError as exc:
        raise ListFormatError(f"{file_name}: not well-formed XML ({exc})", file=file_name) from exc
    return root


def parse(content: bytes, ctx: ParseContext) -> None:
    """Read one Enhanced XML document into ``ctx``.

    Args:
        content: the XML bytes.
        ctx: the parse context; ``ctx.result.published_at`` gets ``dataAsOf``.
    Raises:
        ListFormatError: unsafe or broken XML, or not an Enhanced XML document.
    """
    root = read_document(content, ctx.path.name)
    if root.tag != f"{{{NAMESPACE}}}sanctionsData":
        raise ListFormatError(f"{ctx.path.name}: not an OFAC Enhanced XML document ({root.tag})")
    published = _text(root, "o:publicationInfo/o:dataAsOf")
    if published is not None:
        ctx.result.published_at = published
    relations: list[_Relation] = []
    for record, node in enumerate(root.iterfind("o:entities/o:entity", _NS), start=1):
        relations.extend(_parse_entity(node, record, ctx))
    _resolve(relations, ctx)


def _parse_entity(node: Element, record: int, ctx: ParseContext) -> list[_Relation]:
    entity_id = (node.get("id") or "").strip()
    if not entity_id:
        ctx.problem(record, f"entity record #{record} has no id; skipped")
        return []
    kind = (_text(node, "o:generalInfo/o:entityType") or "").lower()
    schema = SCHEMAS.get(kind)
    if schema is None:
        ctx.problem(record, f"entity {entity_id}: unknown entity type {kind!r}; loaded as LegalEntity")
        schema = "LegalEntity"
    entity = ctx.make(schema, entity_id)
    _names(node, entity)
    if not entity.has("name"):
        ctx.problem(record, f"entity {entity_id} has no primary name; skipped")
        return []
    put(entity, "topics", "sanction")
    _sanctions(node, entity)
    _addresses(node, entity)
    for feature in node.iterfind("o:features/o:feature", _NS):
        _feature(feature, entity, ctx)
    for document in node.iterfind("o:identityDocuments/o:identityDocument", _NS):
        _document(document, entity, ctx)
    remarks = _text(node, "o:generalInfo/o:remarks")
    if remarks is not None:
        parsed = parse_remarks(remarks)
        apply_remarks(ctx, entity, parsed)
        for name in parsed.linked_to:
            put(entity, "notes", f"Linked To: {name}")
    ctx.emit(entity)
    relations: list[_Relation] = []
    for relation in node.iterfind("o:relationships/o:relationship", _NS):
        related = relation.find("o:relatedEntity", _NS)
        if related is None or not related.get("entityId"):
            ctx.problem(record, f"entity {entity_id}: relationship without a related entity; skipped")
            continue
        rel_type = _text(relation, "o:type") or "Related to"
        relations.append((entity, rel_type, str(related.get("entityId")), (related.text or "").strip()))
    return relations


def _names(node: Element, entity: EntityProxy) -> None:
    for name in node.iterfind("o:names/o:name", _NS):
        primary = _is_true(name, "o:isPrimary")
        weak = _is_true(name, "o:isLowQuality")
        alias_prop = ALIAS_PROPS.get(_text(name, "o:aliasType") or "", "alias")
        for translation in name.iterfind("o:translations/o:translation", _NS):
            full = _text(translation, "o:formattedFullName") or " ".join(
                part.text.strip() for part in translation.iterfind("o:nameParts/o:namePart/o:value", _NS)
                if part.text and part.text.strip()
            )
            main = _is_true(translation, "o:isPrimary")
            if primary and main:
                put(entity, "name", full)
                put(entity, "firstName", _text(translation, "o:formattedFirstName"))  # Person only
                put(entity, "lastName", _text(translation, "o:formattedLastName"))
            elif primary:
                put(entity, "alias", full)  # the primary name in another script
            else:
                put(entity, "weakAlias" if weak else alias_prop, full)


def _sanctions(node: Element, entity: EntityProxy) -> None:
    listed_on: list[str] = []
    for item in node.iterfind("o:sanctionsLists/o:sanctionsList", _NS):
        put(entity, "program", item.text)
        date = parse_date(item.get("datePublished"))
        if date is not None:
            listed_on.append(date)
    if listed_on:
        put(entity, "createdAt", min(listed_on))
    for item in node.iterfind("o:sanctionsPrograms/o:sanctionsProgram", _NS):
        put(entity, "program", item.text)
    for path, label in (("o:sanctionsTypes/o:sanctionsType", "Sanctions type"),
                        ("o:legalAuthorities/o:legalAuthority", "Legal authority")):
        values = [item.text.strip() for item in node.iterfind(path, _NS) if item.text and item.text.strip()]
        if values:
            put(entity, "notes", f"{label}: {'; '.join(values)}")


def _addresses(node: Element, entity: EntityProxy) -> None:
    for address in node.iterfind("o:addresses/o:address", _NS):
        country = _text(address, "o:country")
        for translation in address.iterfind("o:translations/o:translation", _NS):
            parts = [
                part.text.strip() for part in translation.iterfind("o:addressParts/o:addressPart/o:value", _NS)
                if part.text and part.text.strip()
            ]
            full = ", ".join([*parts, country] if country else parts)
            put(entity, "address", full)
        if country is not None:
            if not address.findall("o:translations/o:translation", _NS):
                put(entity, "address", country)
            put(entity, "country", country)


def _feature(feature: Element, entity: EntityProxy, ctx: ParseContext) -> None:
    label = _text(feature, "o:type") or ""
    value = _text(feature, "o:value")
    if value is None:
        value = _date_text(feature.find("o:valueDate", _NS))
    if not label or value is None:
        return
    remarks = parse_feature(label, value)
    apply_remarks(ctx, entity, remarks)
    for name in remarks.linked_to:
        put(entity, "notes", f"Linked To: {name}")
    comments = _text(feature, "o:comments")
    if comments is not None:
        put(entity, "notes", f"{label} {value}: {comments}")


def _date_text(value_date: Element | None) -> str | None:
    """``fromDateBegin`` (``to`` ``toDateEnd`` for a range) when a feature has no value text."""
    begin = _text(value_date, "o:fromDateBegin")
    if value_date is None or begin is None:
        return None
    end = _text(value_date, "o:toDateEnd")
    if _is_true(value_date, "o:isDateRange") and end is not None and end != begin:
        return f"{begin[:10]} to {end[:10]}"
    return begin[:10]


def _document(document: Element, entity: EntityProxy, ctx: ParseContext) -> None:
    label = _text(document, "o:type") or "Identification"
    number = _text(document, "o:documentNumber")
    if number is None:
        return
    country = _text(document, "o:issuingCountry") or _text(document, "o:issuingLocation")
    issued = parse_date(_text(document, "o:issueDate"))
    expires = parse_date(_text(document, "o:expirationDate"))
    text = f"{label} {number}" + (f" ({country})" if country else "")
    apply_identifier(ctx, entity, Identifier(label, number, identifier_prop(label), country, issued, expires, text))
    authority = (_text(document, "o:issuingAuthority") or "").upper()
    if authority == "INN":
        put(entity, "innCode", number)
    elif authority == "OGRN":
        put(entity, "ogrnCode", number)
    if (_text(document, "o:isValid") or "true").lower() == "false":
        put(entity, "notes", f"{text}: marked not valid")


def _resolve(relations: list[_Relation], ctx: ParseContext) -> None:
    """Emit relations whose related entity is in this file; keep the others as notes."""
    for entity, rel_type, related_id, related_name in relations:
        target = ctx.result.entities.get(make_entity_id(ctx.source, related_id))
        kind = rel_type.lower()
        if target is None:
            put(entity, "notes", f"{rel_type}: {related_name} (OFAC entity {related_id})")
        elif kind in OWNED_BY and entity.schema.is_a("Asset") and target.schema.is_a("LegalEntity"):
            emit_link(ctx, "Ownership", target.id or "", entity.id or "", rel_type)
        elif kind in OWNS and target.schema.is_a("Asset") and entity.schema.is_a("LegalEntity"):
            emit_link(ctx, "Ownership", entity.id or "", target.id or "", rel_type)
        else:
            emit_link(ctx, "UnknownLink", entity.id or "", target.id or "", rel_type)


def _sniffer(sdn_only: bool) -> Callable[[str, bytes], bool]:
    def sniff(file_name: str, head: bytes) -> bool:
        if sdn_only and not file_name.startswith("sdn_enhanced"):
            return False
        return b"<sanctionsData" in head and b"ENHANCED_XML" in head

    return sniff


FORMATS: list[Format] = [
    Format(name="ofac_sdn_enhanced_xml", default_source="us_ofac_sdn", sniff=_sniffer(True), parse=parse, unique_ids=True),
    Format(name="ofac_enhanced_xml", default_source="us_ofac_cons", sniff=_sniffer(False), parse=parse, unique_ids=True),
]

"""Which listed records of the loaded lists are the same party: the benchmark's set of acceptable hits.

The same party is often listed by several sources (OFAC, UN, UK, EU ...) under slightly different
names. An engine that returns another list's record of the party a query was made from is right,
so a case's ``expected`` ids are its origin records plus every record linked to one of them here.
Two records of the same kind (person, vessel, aircraft, organisation) are linked when they

* share an exact normalised name (:func:`name_key`, non-Latin names romanised by ICU) of two or
  more words, or of one word of six letters or more for organisations, and, for persons dated on
  both sides, a birth year; or
* share a normalised identifier (registration, tax, INN/OGRN, passport, IMO, MMSI, SWIFT ... of six
  characters or more with a digit, held by no more than :data:`MAX_HOLDERS` records).

This only decides what counts as a correct answer; the engine never sees it. All data comes from
the lists loaded at run time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from _names import latin_key, name_key, script_of
from followthemoney.proxy import EntityProxy

LINK_NAME_PROPS = ("name", "alias", "previousName")
IDENTIFIER_PROPS = (
    "idNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "okpoCode", "passportNumber",
    "swiftBic", "bic", "imoNumber", "mmsi", "leiCode", "vatCode", "dunsCode", "socialSecurityNumber",
    "personalNumber", "cageCode", "uniqueEntityId", "serialNumber", "cryptoAddress", "iban", "wikidataId",
)
MAX_HOLDERS = 10  # an identifier shared by more records than this is a placeholder, not evidence
_NOT_ALNUM = re.compile(r"[^0-9A-Z]+")


def kind_of(entity: EntityProxy) -> str:
    """The party kind two linked records must share: a person, vessel, aircraft or organisation."""
    name = entity.schema.name
    return name if name in ("Person", "Vessel", "Airplane") else "org"


def name_links(entity: EntityProxy) -> set[str]:
    """The name keys that link ``entity`` to other lists' records (too short or generic ones left out)."""
    keys: set[str] = set()
    is_org = kind_of(entity) == "org"
    for prop in LINK_NAME_PROPS:
        if prop not in entity.schema.properties:
            continue
        for value in entity.get(prop):
            key = name_key(value) if script_of(value) == "latin" else latin_key(value)
            words = key.split()
            if (len(words) >= 2 and len(key) >= 8) or (is_org and len(words) == 1 and len(key) >= 6):
                keys.add(key)
    return keys


def identifier_links(entity: EntityProxy) -> set[str]:
    """``entity``'s identifiers, upper-cased without punctuation (``"IMO 9126819"`` -> ``"IMO9126819"``).

    The property name is not part of the key: one list files a number as ``idNumber`` that
    another files as ``registrationNumber``.
    """
    keys: set[str] = set()
    for prop in IDENTIFIER_PROPS:
        if prop not in entity.schema.properties:
            continue
        for value in entity.get(prop):
            key = _NOT_ALNUM.sub("", value.upper())
            key = key.removeprefix("IMO") if prop == "imoNumber" else key
            if len(key) >= 6 and any(c.isdigit() for c in key):
                keys.add(key)
    return keys


def _birth_years(entity: EntityProxy) -> set[str]:
    return {value[:4] for value in entity.get("birthDate", quiet=True)}


class PartyLinks:
    """The records of the loaded lists linked to each other as the same party."""

    def __init__(self, entities: Iterable[EntityProxy]) -> None:
        self.entities = {entity.id or "": entity for entity in entities}
        self.names = {entity_id: name_links(entity) for entity_id, entity in self.entities.items()}
        self.identifiers = {entity_id: identifier_links(entity) for entity_id, entity in self.entities.items()}
        self.by_name = _invert(self.names)
        self.by_identifier = {
            key: holders for key, holders in _invert(self.identifiers).items() if len(holders) <= MAX_HOLDERS
        }

    def linked(self, entity_id: str) -> list[str]:
        """Other records of the same party as ``entity_id`` (one hop, in a stable order)."""
        entity = self.entities.get(entity_id)
        if entity is None:
            return []
        kind = kind_of(entity)
        years = _birth_years(entity)
        found: list[str] = []
        for key in sorted(self.names[entity_id]):
            for other_id in self.by_name[key]:
                other = self.entities[other_id]
                if other_id == entity_id or other_id in found or kind_of(other) != kind:
                    continue
                other_years = _birth_years(other)
                if years and other_years and not years & other_years:
                    continue  # namesakes born in different years
                found.append(other_id)
        for key in sorted(self.identifiers[entity_id]):
            for other_id in self.by_identifier.get(key, ()):
                if other_id != entity_id and other_id not in found and kind_of(self.entities[other_id]) == kind:
                    found.append(other_id)
        return found

    def accepted(self, origin_ids: Sequence[str]) -> frozenset[str]:
        """The origin records and every record linked to one of them."""
        accepted = set(origin_ids)
        for entity_id in origin_ids:
            accepted.update(self.linked(entity_id))
        return frozenset(accepted)


def _invert(keys_by_id: dict[str, set[str]]) -> dict[str, list[str]]:
    holders: dict[str, list[str]] = {}
    for entity_id, keys in keys_by_id.items():
        for key in keys:
            holders.setdefault(key, []).append(entity_id)
    return holders

"""What the index keeps of each listed entity: a small record, its names and its shared keys.

Built from FtM ``EntityProxy`` objects (the store's current versions, or a parser's result);
relations, addresses, sanctions and other non-party schemata are skipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

from followthemoney import registry
from followthemoney.proxy import EntityProxy

from tradewarden.match.identifiers import PROPERTIES, IdentifierKind, shared_keys

#: Schemata that are parties or assets worth screening against.
PARTY_SCHEMATA = frozenset(
    {"Person", "Organization", "Company", "PublicBody", "LegalEntity", "Vessel", "Airplane", "Asset", "Security"}
)
_GROUPS = {
    "Person": "person",
    "Organization": "org",
    "Company": "org",
    "PublicBody": "org",
    "LegalEntity": "party",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}


def schema_group(schema: str) -> str:
    """The comparison group of a schema: person, org, party (either), vessel, aircraft, other."""
    return _GROUPS.get(schema, "other")


def schemata_compatible(query_schema: str | None, listed_schema: str) -> bool:
    """Whether a query of one schema may match a listed entity of another (a person never a vessel).

    Args:
        query_schema: the query's FtM schema, or None when unknown (compatible with all).
        listed_schema: the listed entity's schema.
    Returns:
        True when the two could be the same thing.
    """
    if query_schema is None or query_schema == "Thing":
        return True
    q, c = schema_group(query_schema), schema_group(listed_schema)
    if q == c:
        return True
    if "party" in (q, c):
        return {q, c} <= {"party", "person", "org"}
    return False


@lru_cache(maxsize=4096)
def country_code(value: str) -> str | None:
    """ISO code of a country name or code (FtM's country type), or None if unknown."""
    return registry.country.clean(value)


@dataclass(frozen=True, slots=True)
class ListedRecord:
    """The facts of one listed entity the scorer needs."""

    entity_id: str
    source: str
    source_id: str
    caption: str
    schema: str
    countries: tuple[str, ...]
    birth_dates: tuple[str, ...]
    identifier_keys: tuple[str, ...]

    def dump(self) -> str:
        """One line of text for persisting, read back by ``parse``."""
        return "\x1e".join((
            self.entity_id, self.source, self.source_id, self.caption, self.schema,
            " ".join(self.countries), " ".join(self.birth_dates), "\x1f".join(self.identifier_keys),
        ))

    @classmethod
    def parse(cls, row: str) -> ListedRecord:
        """Rebuild a record written by ``dump``."""
        eid, source, source_id, caption, schema, countries, dates, ids = row.split("\x1e")
        return cls(
            eid, source, source_id, caption, schema, tuple(countries.split()), tuple(dates.split()),
            tuple(k for k in ids.split("\x1f") if k),
        )

    @staticmethod
    def dumped_schema(row: str) -> str:
        """The schema of a record written by ``dump`` (its fifth field), without parsing the rest."""
        return row.split("\x1e", 5)[4]


@dataclass(frozen=True, slots=True)
class ListedName:
    """One name of a listed entity; weak aliases (low-quality a.k.a.s) are discounted."""

    text: str
    weak: bool


def is_party(entity: EntityProxy) -> bool:
    """Whether ``entity`` is a listed party (has a source id and a party schema)."""
    return entity.schema.name in PARTY_SCHEMATA and not entity.schema.edge


def entity_names(entity: EntityProxy) -> list[ListedName]:
    """The distinct names of an entity: name, alias and previousName strong, weakAlias weak."""
    names: list[ListedName] = []
    seen: set[str] = set()
    for prop, weak in (("name", False), ("alias", False), ("previousName", False), ("weakAlias", True)):
        for value in entity.get(prop, quiet=True):
            key = value.strip().casefold()
            if key and key not in seen:
                seen.add(key)
                names.append(ListedName(value.strip(), weak))
    return names


def entity_shared_keys(entity: EntityProxy) -> Iterator[str]:
    """Keys of every identifier, e-mail, phone, website and address of ``entity``."""
    for kind, props in PROPERTIES.items():
        values: list[str] = []
        for prop in props:
            values.extend(entity.get(prop, quiet=True))
        yield from shared_keys(kind, values)


def make_record(entity: EntityProxy) -> ListedRecord:
    """The ``ListedRecord`` of one listed entity."""
    countries: list[str] = []
    for prop in ("country", "nationality", "citizenship", "jurisdiction", "flag", "mainCountry"):
        for value in entity.get(prop, quiet=True):
            if value not in countries:
                countries.append(value)
    id_keys: list[str] = []
    for prop in PROPERTIES[IdentifierKind.IDENTIFIER]:
        for key in shared_keys(IdentifierKind.IDENTIFIER, entity.get(prop, quiet=True)):
            if key not in id_keys:
                id_keys.append(key)
    return ListedRecord(
        entity_id=entity.id or "",
        source=str(entity.context.get("source", "")),
        source_id=str(entity.context.get("source_id", "")),
        caption=entity.caption,
        schema=entity.schema.name,
        countries=tuple(countries),
        birth_dates=tuple(sorted(set(entity.get("birthDate", quiet=True)))),
        identifier_keys=tuple(id_keys),
    )

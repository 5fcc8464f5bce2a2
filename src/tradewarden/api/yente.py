"""Conversions between yente's wire shapes and tradewarden's matching vocabulary (pure).

An FtM entity fragment (``{"schema", "properties"}``) becomes a
:class:`~tradewarden.match.model.Query` (names, countries, dates, identifiers, contacts); a
:class:`~tradewarden.match.model.Match` and its listed entity become a
:class:`~tradewarden.api.schemas.ScoredEntityResponse`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.api.schemas import EntityExample, EntityResponse, Explanation, ScoredEntityResponse
from tradewarden.errors import InputError
from tradewarden.match.model import Match, Query

NAME_PROPS = ("name", "alias", "previousName", "weakAlias", "firstName", "lastName", "middleName")
COUNTRY_PROPS = ("country", "nationality", "citizenship", "jurisdiction", "mainCountry", "flag", "birthCountry")
DATE_PROPS = ("birthDate", "incorporationDate")
ID_PROPS = (
    "idNumber", "registrationNumber", "taxNumber", "innCode", "ogrnCode", "passportNumber", "swiftBic",
    "imoNumber", "mmsi", "leiCode", "dunsCode", "vatCode", "okpoCode", "uniqueEntityId", "npiCode",
    "registrationNumber", "callSign", "serialNumber",
)
ADDRESS_PROPS = ("address", "addressEntity")

#: Algorithms a yente client may name; all run tradewarden's one matcher.
ALGORITHMS = ("tradewarden-v1", "best", "default", "logic-v1", "logic-v2", "name-based", "name-qualified", "regression-v1")


def _values(props: dict[str, str | list[Any]], names: Iterable[str]) -> list[str]:
    found: list[str] = []
    for name in names:
        raw = props.get(name)
        for value in [raw] if isinstance(raw, str) else (raw or []):
            if isinstance(value, str | int | float) and str(value).strip():
                found.append(str(value).strip())
    return found


def example_to_query(example: EntityExample, field: str) -> Query:
    """The match query an FtM entity fragment describes.

    Args:
        example: the fragment (schema and properties).
        field: where it is in the request, for errors (``queries.q1``).
    Returns:
        A :class:`Query`; ``firstName``/``lastName`` parts are joined into one name.
    Raises:
        InputError: an unknown schema, or no name and no identifier to match on.
    """
    schema = model.get(example.schema_)
    if schema is None:
        raise InputError(f"unknown FtM schema {example.schema_!r}", field=f"{field}.schema")
    props = example.properties
    names = _values(props, ("name", "alias", "previousName", "weakAlias"))
    parts = _values(props, ("firstName", "middleName", "lastName"))
    if parts:
        names.append(" ".join(parts))
    query = Query(
        names=names,
        schema=schema.name,
        countries=_values(props, COUNTRY_PROPS),
        birth_dates=_values(props, DATE_PROPS),
        identifiers=list(dict.fromkeys(_values(props, ID_PROPS))),
        addresses=_values(props, ADDRESS_PROPS),
        emails=_values(props, ("email",)),
        phones=_values(props, ("phone",)),
        websites=_values(props, ("website",)),
    )
    if not (query.names or query.identifiers or query.emails or query.phones or query.websites):
        raise InputError("needs a name or an identifier to match on", field=f"{field}.properties.name")
    return query


def entity_response(entity: EntityProxy) -> EntityResponse:
    """A listed entity in yente's ``EntityResponse`` shape."""
    data = entity.to_dict()
    source = entity.context.get("source")
    return EntityResponse.model_construct(
        id=str(entity.id),
        caption=entity.caption,
        schema_=entity.schema.name,
        properties={k: list(v) for k, v in data.get("properties", {}).items()},
        datasets=[str(source)] if source else [],
        referents=[],
        target=bool(entity.context.get("source_id")),
        first_seen=None,
        last_seen=None,
        last_change=None,
    )


def scored_response(match: Match, entity: EntityProxy | None, threshold: float) -> ScoredEntityResponse:
    """A match in yente's ``ScoredEntityResponse`` shape.

    Args:
        match: the match.
        entity: the listed entity (its properties), or None if it could not be read.
        threshold: the score at or above which ``match`` is true.
    """
    base = entity_response(entity) if entity is not None else None
    explanations = {
        f.name: Explanation.model_construct(detail=f.detail, score=round(f.value, 4), query=None, candidate=None)
        for f in match.features
    }
    if "name" not in explanations:
        explanations["name"] = Explanation.model_construct(
            detail=f"{match.query_name!r} ~ {match.matched_name!r}", score=round(match.score, 4),
            query=match.query_name, candidate=match.matched_name,
        )
    return ScoredEntityResponse.model_construct(
        id=match.entity_id,
        caption=match.caption,
        schema_=match.schema,
        properties=base.properties if base is not None else {"name": [match.caption]},
        datasets=[match.source],
        referents=[],
        target=True,
        first_seen=None,
        last_seen=None,
        last_change=None,
        score=match.score,
        match=match.score >= threshold,
        features={f.name: round(f.contribution, 4) for f in match.features},
        explanations=explanations,
        explanation=match.explanation,
    )

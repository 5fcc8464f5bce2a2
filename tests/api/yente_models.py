"""yente's response models, transcribed from yente 5.5's ``yente/data/common.py``.

The ``yente`` package pins older followthemoney, nomenklatura, rigour and FastAPI releases than
tradewarden uses, so it cannot share the test environment; per the brief nothing of it is
vendored, and these models restate its documented wire shapes (field names, types and
required fields) for the tests to validate our responses against. ``extra="forbid"`` is off,
as in yente: clients ignore members they do not know.
"""

from __future__ import annotations

from typing import Any, Union

from pydantic import BaseModel, Field


class FeatureResult(BaseModel):
    """nomenklatura.matching.types.FeatureResult (an explanation)."""

    detail: str | None
    score: float
    query: str | None = None
    candidate: str | None = None


class EntityResponse(BaseModel):
    id: str
    caption: str
    schema_: str = Field(alias="schema")
    properties: dict[str, list[Union[str, "EntityResponse"]]]
    datasets: list[str] = []
    referents: list[str] = []
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None


class ScoredEntityResponse(EntityResponse):
    score: float = 0.99
    explanations: dict[str, FeatureResult]
    match: bool


class EntityExample(BaseModel):
    id: str | None = None
    schema_: str = Field(alias="schema")
    properties: dict[str, Union[str, list[Any]]]


class TotalSpec(BaseModel):
    value: int
    relation: str = "eq"


class EntityMatches(BaseModel):
    status: int = 200
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class EntityMatchResponse(BaseModel):
    responses: dict[str, EntityMatches]
    limit: int


class SearchResponse(BaseModel):
    limit: int
    offset: int = 0
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, Any]


class DatasetModel(BaseModel):
    """followthemoney's DatasetModel as yente extends it (the fields clients read)."""

    name: str
    title: str
    version: str | None = None
    entity_count: int | None = None
    load: bool | None = None
    index_version: str | None = None
    index_current: bool = False
    children: list[str] = []


class DataCatalogModel(BaseModel):
    datasets: list[DatasetModel]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False

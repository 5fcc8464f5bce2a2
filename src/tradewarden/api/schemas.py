"""Request and response models of the API, with examples for the OpenAPI page.

The matching, search, entity and catalogue shapes follow yente's (``yente.data.common``,
5.x: ``EntityMatchQuery``, ``EntityMatchResponse``, ``SearchResponse``, ``EntityResponse``,
``DataCatalogModel``) so that yente clients work unchanged; the rest are tradewarden's own.
Orders, decisions and cases reuse the library's pydantic models
(:class:`~tradewarden.models.Order`, :class:`~tradewarden.decide.Decision`,
:mod:`tradewarden.cases.model`).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from tradewarden.cases.model import CaseStatus, DecisionAction
from tradewarden.decide import Decision

# -- yente-compatible --------------------------------------------------------------------------


class EntityExample(BaseModel):
    """One party to match, as an FtM entity fragment."""

    model_config = ConfigDict(populate_by_name=True)

    id: str | None = Field(default=None, examples=["my-entity-id"])
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, str | list[Any]] = Field(examples=[{"name": ["Hasan Nasrallah"], "birthDate": ["1960"]}])


class EntityMatchQuery(BaseModel):
    """A batch of parties to match, keyed by names the client chooses."""

    weights: dict[str, float] = Field(default_factory=dict, description="Accepted for yente compatibility; ignored.")
    config: dict[str, str | int | float | bool | None] = Field(
        default_factory=dict, description="Accepted for yente compatibility; ignored."
    )
    queries: dict[str, EntityExample] = Field(
        examples=[{
            "q1": {"schema": "Person", "properties": {"name": ["Hasan Nasrallah"], "nationality": ["lb"]}},
            "q2": {"schema": "Company", "properties": {"name": ["Banco Nacional de Cuba"], "jurisdiction": ["cu"]}},
        }]
    )


class TotalSpec(BaseModel):
    """How many results there are."""

    value: int = Field(examples=[1])
    relation: str = Field(default="eq", examples=["eq"])


class Explanation(BaseModel):
    """One feature of a match score (yente's ``FeatureResult``)."""

    detail: str | None = Field(examples=["'Hasan Nasrallah' ~ 'NASRALLAH, Hasan': same tokens"])
    score: float = Field(examples=[0.95])
    query: str | None = None
    candidate: str | None = None


class EntityResponse(BaseModel):
    """A listed entity (yente's ``EntityResponse``)."""

    model_config = ConfigDict(populate_by_name=True)

    id: str = Field(examples=["us-ofac-sdn-2686"])
    caption: str = Field(examples=["NASRALLAH, Hasan"])
    schema_: str = Field(alias="schema", examples=["Person"])
    properties: dict[str, list[Any]] = Field(examples=[{"name": ["NASRALLAH, Hasan"], "birthDate": ["1960-08-31"]}])
    datasets: list[str] = Field(default_factory=list, examples=[["us_ofac_sdn"]])
    referents: list[str] = Field(default_factory=list)
    target: bool = False
    first_seen: str | None = None
    last_seen: str | None = None
    last_change: str | None = None


class ScoredEntityResponse(EntityResponse):
    """A listed entity with its match score and the features behind it."""

    score: float = Field(examples=[0.97])
    match: bool = Field(description="Whether the score is at or above the threshold.")
    features: dict[str, float] = Field(
        default_factory=dict, description="Each feature's contribution to the score.", examples=[{"name_match": 0.9}]
    )
    explanations: dict[str, Explanation] = Field(default_factory=dict)
    explanation: str = Field(default="", description="The whole explanation in one sentence.")


class EntityMatches(BaseModel):
    """The matches of one query."""

    status: int = Field(default=200, examples=[200])
    results: list[ScoredEntityResponse]
    total: TotalSpec
    query: EntityExample


class EntityMatchResponse(BaseModel):
    """The matches of each query of a batch."""

    responses: dict[str, EntityMatches]
    limit: int = Field(examples=[5])
    matcher: str = Field(default="tradewarden-v1", examples=["tradewarden-v1"])
    stale_lists: list[str] = Field(
        default_factory=list, examples=[["us_ofac_sdn"]],
        description="Lists older than the configured maximum age, or required and never loaded: a result "
        "without a match does not show the party is clear (also in the `X-Tradewarden-Stale-Lists` header).",
    )


class SearchResponse(BaseModel):
    """Listed entities found for a name."""

    limit: int = Field(examples=[10])
    offset: int = Field(default=0, examples=[0])
    total: TotalSpec
    results: list[EntityResponse]
    facets: dict[str, Any] = Field(default_factory=dict)


class DatasetInfo(BaseModel):
    """One list (yente's dataset): a source and its current version."""

    name: str = Field(examples=["us_ofac_sdn"])
    title: str = Field(examples=["OFAC Specially Designated Nationals (SDN) List"])
    version: str | None = Field(default=None, examples=["12"])
    updated_at: str | None = Field(default=None, examples=["2024-05-03T12:00:00+00:00"])
    entity_count: int | None = Field(default=None, examples=[17412])
    load: bool = True
    index_version: str | None = None
    index_current: bool = True
    children: list[str] = Field(default_factory=list)
    publisher: dict[str, Any] | None = None


class DataCatalog(BaseModel):
    """Every list and whether it is current (yente's ``DataCatalogModel``)."""

    datasets: list[DatasetInfo]
    current: list[str]
    outdated: list[str]
    index_stale: bool = False


# -- tradewarden's own -------------------------------------------------------------------------


class ScreenResponse(BaseModel):
    """A screened order: the decision, and the stored screening and case it made."""

    screening_id: int = Field(examples=[42])
    case_id: int | None = Field(default=None, examples=[7], description="The review case opened, if not clear.")
    decision: Decision


class PartyRequest(BaseModel):
    """One party to screen and record (a name, and whatever else is known)."""

    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=500, examples=["Banco Nacional de Cuba"])
    schema_hint: str | None = Field(default=None, examples=["Organization"])
    country: str | None = Field(default=None, examples=["CU"])
    birth_date: str | None = Field(default=None, examples=["1960"])
    identifier: str | None = Field(default=None, examples=["IMO 9126819"])
    address: str | None = None
    email: str | None = None
    phone: str | None = None
    website: str | None = None
    reference: str | None = Field(default=None, max_length=255, examples=["CUST-0042"])


class DecisionRequest(BaseModel):
    """A reviewer's decision on a case."""

    model_config = ConfigDict(extra="forbid")

    action: DecisionAction = Field(examples=["release"])
    rationale: str = Field(min_length=1, max_length=20000, examples=["Different person: date of birth differs by 20 years."])
    expected_version: int | None = Field(
        default=None, description="The case version you saw; a case changed since is a 409 conflict.", examples=[1]
    )


class CaseList(BaseModel):
    """A page of the review queue."""

    statuses: list[CaseStatus]
    counts: dict[str, int]
    cases: list[dict[str, Any]]


class ListsUpdateRequest(BaseModel):
    """Which lists to update, and from where."""

    model_config = ConfigDict(extra="forbid")

    sources: list[str] | None = Field(default=None, examples=[["us_ofac_sdn"]])
    mirror: str | None = Field(default=None, description="A folder laid out as DIR/<source>/<file>, or an http(s) base URL.")
    force: bool = False


class AuditVerifyResponse(BaseModel):
    """The outcome of checking the audit hash chain."""

    ok: bool
    checked: int
    head_seq: int
    problems: list[str]

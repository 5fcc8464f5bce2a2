"""``POST /match/{dataset}``: yente-compatible query-by-example matching against the current lists.

Each query (an FtM entity fragment) becomes a :class:`~tradewarden.match.model.Query`
(:mod:`tradewarden.api.yente`), is matched against the cached index of the current list
versions, and comes back as yente's ``EntityMatches`` with each listed entity's properties.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query as QueryParam
from fastapi.responses import Response

from tradewarden.api.deps import State, Viewer, check_limit, parse_sources
from tradewarden.api.schemas import EntityMatches, EntityMatchQuery, EntityMatchResponse, TotalSpec
from tradewarden.api.yente import ALGORITHMS, example_to_query, scored_response
from tradewarden.errors import InputError, NotFound
from tradewarden.match.model import DEFAULT_THRESHOLD

router = APIRouter(tags=["Matching"])

#: The response header naming the stale (or required and missing) lists, when there are any.
STALE_HEADER = "X-Tradewarden-Stale-Lists"
#: The most queries one request may carry, and the most results per query.
MAX_BATCH = 100
MAX_LIMIT = 100

_EXAMPLE = {
    "queries": {
        "q1": {"schema": "Person", "properties": {"name": ["Hasan Nasrallah"], "birthDate": ["1960-08-31"]}},
        "q2": {"schema": "Company", "properties": {"name": ["Banco Nacional de Cuba"], "country": ["cu"]}},
    }
}


@router.post(
    "/match/{dataset}",
    summary="Match parties by example (yente-compatible)",
    response_model=EntityMatchResponse,
    responses={401: {"description": "No or invalid API key"}, 404: {"description": "Unknown dataset"},
               422: {"description": "Invalid query; `field` names it"}},
    openapi_extra={"requestBody": {"content": {"application/json": {"example": _EXAMPLE}}}},
)
async def match(
    body: EntityMatchQuery,
    user: Viewer,
    state: State,
    dataset: str,
    limit: Annotated[int, QueryParam(description="Results per query.", examples=[5])] = 5,
    threshold: Annotated[float, QueryParam(ge=0, le=1, description="A result scoring at least this has `match: true`.")] = DEFAULT_THRESHOLD,
    cutoff: Annotated[float | None, QueryParam(ge=0, le=1, description="Results below this are left out (default: the threshold).")] = None,
    algorithm: Annotated[str, QueryParam(description="Accepted for yente compatibility: every name runs tradewarden-v1.")] = "best",
) -> Response:
    """Match each query of the batch against the current versions of the lists.

    `dataset` is `default` (every list) or one source name (`us_ofac_sdn`, see `GET /catalog`).
    Each result carries the listed entity's properties, its `score` in [0, 1], `match`
    (score ≥ `threshold`), `features` (each feature's contribution) and `explanations`.
    When lists are stale (older than `TRADEWARDEN_MAX_LIST_AGE_HOURS`) or required lists were
    never loaded, `stale_lists` and the `X-Tradewarden-Stale-Lists` header name them: no match
    then does not mean clear.
    """
    check_limit(limit, MAX_LIMIT)
    if algorithm not in ALGORITHMS:
        raise InputError(f"unknown algorithm {algorithm!r}; use one of {', '.join(ALGORITHMS)}", field="algorithm")
    if len(body.queries) > MAX_BATCH:
        raise InputError(f"at most {MAX_BATCH} queries per request", field="queries")
    sources = parse_sources(dataset, state.known_sources())
    index, _ = state.index(sources)
    min_score = threshold if cutoff is None else min(cutoff, threshold)
    responses: dict[str, EntityMatches] = {}
    for key, example in body.queries.items():
        query = example_to_query(example, f"body.queries.{key}")
        results = []
        for found in index.match(query, limit, min_score):
            try:
                entity = state.entity(found.entity_id)
            except NotFound:
                entity = None
            results.append(scored_response(found, entity, threshold))
        responses[key] = EntityMatches.model_construct(
            status=200, results=results, total=TotalSpec(value=len(results), relation="eq"), query=example
        )
    assert state.metrics is not None
    state.metrics.match_queries.inc(len(body.queries))
    stale = list(state.policy().stale_sources)
    payload = EntityMatchResponse.model_construct(responses=responses, limit=limit, matcher="tradewarden-v1", stale_lists=stale)
    headers = {STALE_HEADER: ",".join(stale)} if stale else None
    # Serialised by pydantic-core straight to JSON bytes: no intermediate dicts, no json.dumps.
    return Response(payload.model_dump_json(by_alias=True), media_type="application/json", headers=headers)


"""``GET /search/{dataset}?q=``: find listed entities by name (yente's search shape).

The name goes through the same matcher as ``/match`` with a lower floor, so spelling
variants, transliterations and word order still find the entry.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query as QueryParam
from fastapi.responses import JSONResponse

from tradewarden.api.deps import State, Viewer, check_limit, parse_sources
from tradewarden.api.schemas import SearchResponse, TotalSpec
from tradewarden.api.yente import entity_response
from tradewarden.errors import InputError, NotFound
from tradewarden.match.model import Query

router = APIRouter(tags=["Search"])

#: The lowest score a search result may have.
SEARCH_FLOOR = 0.5
MAX_LIMIT = 100


@router.get("/search/{dataset}", summary="Search listed entities by name", response_model=SearchResponse)
async def search(
    user: Viewer,
    state: State,
    dataset: str,
    q: Annotated[str, QueryParam(min_length=1, max_length=500, description="A name, in any script.", examples=["nasrallah"])],
    schema: Annotated[str | None, QueryParam(description="Only this FtM schema (Person, Company ...).", examples=["Person"])] = None,
    limit: Annotated[int, QueryParam(description="At most this many results.")] = 10,
) -> JSONResponse:
    """Listed entities whose names resemble `q`, best first."""
    check_limit(limit, MAX_LIMIT)
    if not q.strip():
        raise InputError("must not be blank", field="q")
    sources = parse_sources(dataset, state.known_sources())
    index, _ = state.index(sources)
    found = index.match(Query(names=[q], schema=schema), limit, SEARCH_FLOOR)
    results = []
    for hit in found:
        try:
            results.append(entity_response(state.entity(hit.entity_id)))
        except NotFound:
            continue
    payload = SearchResponse.model_construct(
        limit=limit, offset=0, total=TotalSpec(value=len(results), relation="eq"), results=results, facets={}
    )
    return JSONResponse(payload.model_dump(mode="json", by_alias=True))

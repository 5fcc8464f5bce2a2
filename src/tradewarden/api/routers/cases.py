"""``/cases``: the review queue, one case with its evidence, party screenings and reviewer decisions.

Thin over :mod:`tradewarden.cases`: ``list_queue``/``queue_counts``, ``case_detail``,
``screen_party`` (a party screening that opens a case on any match) and ``decide_case``
(four eyes and optimistic concurrency are enforced there: a second decision on a stale
``expected_version`` is a 409).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query as QueryParam
from fastapi.responses import JSONResponse

from tradewarden.api.deps import Reviewer, Screener, State, Viewer, check_limit
from tradewarden.api.schemas import CaseList, DecisionRequest, PartyRequest
from tradewarden.cases import (
    CaseDetail,
    CaseStatus,
    ReviewDecision,
    Screening,
    case_detail,
    decide_case,
    list_queue,
    queue_counts,
    screen_party,
)
from tradewarden.cases.queue import OPEN_STATUSES
from tradewarden.match.model import Query

router = APIRouter(tags=["Cases"])


def party_query(party: PartyRequest) -> Query:
    """The match query of a party request."""
    return Query(
        names=[party.name],
        schema=party.schema_hint,
        countries=[party.country] if party.country else [],
        birth_dates=[party.birth_date] if party.birth_date else [],
        identifiers=[party.identifier] if party.identifier else [],
        addresses=[party.address] if party.address else [],
        emails=[party.email] if party.email else [],
        phones=[party.phone] if party.phone else [],
        websites=[party.website] if party.website else [],
    )


@router.get("/cases", summary="The review queue", response_model=CaseList)
def cases(
    user: Viewer,
    state: State,
    status: Annotated[list[CaseStatus] | None, QueryParam(description="Only these statuses (default: the open ones).")] = None,
    limit: Annotated[int, QueryParam(description="At most this many cases.")] = 100,
    offset: Annotated[int, QueryParam(ge=0)] = 0,
) -> CaseList:
    """Cases needing review, highest risk first (or those in the given statuses)."""
    check_limit(limit, 1000)
    statuses = list(status) if status else list(OPEN_STATUSES)
    found = list_queue(state.store, statuses, limit=limit, offset=offset)
    return CaseList(statuses=statuses, counts=queue_counts(state.store), cases=[c.model_dump(mode="json") for c in found])


@router.post("/cases", summary="Screen a party and record it", response_model=Screening, status_code=201)
def screen_party_case(party: PartyRequest, user: Screener, state: State) -> JSONResponse:
    """Match one party against the current lists and store the screening; any match opens a case (`case_id`).

    Stale lists (or required lists never loaded) make the decision at least `review`.
    """
    index, versions = state.index()
    with state.writing():
        screening = screen_party(state.store, party_query(party), index, actor=user, versions=versions,
                                 reference=party.reference, policy=state.policy())
    assert state.metrics is not None
    state.metrics.screenings.labels(screening.decision.outcome.value).inc()
    return JSONResponse(screening.model_dump(mode="json"), status_code=201)


@router.get("/cases/{case_id}", summary="One case with its screening, decisions and notes", response_model=CaseDetail)
def get_case(case_id: int, user: Viewer, state: State) -> CaseDetail:
    """The case, the screening that opened it (with every finding and its evidence), decisions and notes."""
    return case_detail(state.store, case_id)


@router.post(
    "/cases/{case_id}/decision",
    summary="Release, escalate or block a case",
    response_model=ReviewDecision,
    status_code=201,
    responses={403: {"description": "Not a reviewer, or the same reviewer approving a four-eyes release"},
               409: {"description": "The case changed since `expected_version`"}},
)
def decide(case_id: int, body: DecisionRequest, user: Reviewer, state: State) -> JSONResponse:
    """Record a reviewer's decision; a high-risk or blocked case needs a second, different reviewer to release it."""
    with state.writing():
        decision = decide_case(
            state.store, case_id, user, body.action, body.rationale,
            expected_version=body.expected_version,
            four_eyes_min_score=state.settings.four_eyes_min_score,
            max_attachment_bytes=state.settings.max_attachment_bytes,
        )
    return JSONResponse(decision.model_dump(mode="json"), status_code=201)

"""``POST /screen``: screen an order, record the screening (a case opens if it is not clear), return the decision.

Thin: :func:`~tradewarden.models.parse_order` validates the body (errors name the field,
``order.items[3].hs_code``), :func:`~tradewarden.screen.screen_order` decides against the
cached index and list data of the current versions (stale lists make it never clear), and
:func:`~tradewarden.cases.record_screening` stores it with who asked.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from tradewarden.api.deps import AppState, Screener, State
from tradewarden.api.schemas import ScreenResponse
from tradewarden.cases import Screening, record_screening
from tradewarden.models import parse_order
from tradewarden.screen import screen_order
from tradewarden.store.users import User

router = APIRouter(tags=["Screening"])

_EXAMPLE = {
    "reference": "SO-2024-00417",
    "parties": [
        {"roles": ["buyer", "consignee"], "name": "Orion Trading FZE", "country": "AE"},
        {"roles": ["end_user"], "name": "Banco Nacional de Cuba", "country": "CU"},
    ],
    "items": [{"description": "GNSS receiver module", "hs_code": "8526.91", "quantity": 200}],
    "route": {"origin_country": "DE", "destination_country": "AE"},
}


def screen_and_record(state: AppState, raw: Any, user: User) -> Screening:
    """Validate, screen and record one order for ``user`` (shared by the API and the web UI).

    Raises:
        InputError: the order is invalid (the field is named).
    """
    order = parse_order(raw)
    payload = raw if isinstance(raw, dict) else json.loads(raw)
    index, _ = state.index()
    decision = screen_order(order, index, policy=state.policy(), lists=state.list_data())
    with state.writing():
        screening = record_screening(state.store, "order", payload, decision, user, reference=order.reference)
    assert state.metrics is not None
    state.metrics.screenings.labels(decision.outcome.value).inc()
    return screening


@router.post(
    "/screen",
    summary="Screen an order",
    response_model=ScreenResponse,
    responses={422: {"description": "Invalid order; `field` names it (`order.items[0].hs_code`)"}},
    openapi_extra={"requestBody": {"required": True, "content": {"application/json": {
        "schema": {"$ref": "#/components/schemas/Order"}, "example": _EXAMPLE}}}},
)
async def screen(request: Request, user: Screener, state: State) -> JSONResponse:
    """Screen an order (parties, ownership, items, destination, route, red flags) and decide.

    The screening is stored with the list and data versions used; a `review` or `block`
    decision opens a case in the review queue (`case_id`).
    """
    raw = await request.body()
    screening = await run_in_threadpool(screen_and_record, state, raw, user)
    body = ScreenResponse(screening_id=screening.id, case_id=screening.case_id, decision=screening.decision)
    return JSONResponse(body.model_dump(mode="json"))


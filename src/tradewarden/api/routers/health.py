"""``/healthz`` (the process is up), ``/readyz`` (required lists loaded, none stale) and ``/metrics`` (Prometheus).

The probes need no credentials (load balancers and orchestrators call them); metrics need
any role's API key.
"""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import JSONResponse, Response

from tradewarden.api.deps import State, Viewer
from tradewarden.api.metrics import CONTENT_TYPE
from tradewarden.errors import TradewardenError

router = APIRouter(tags=["Health"])


@router.get("/healthz", summary="Liveness")
def healthz() -> dict[str, str]:
    """Always `ok` while the process serves requests."""
    return {"status": "ok"}


@router.get("/readyz", summary="Readiness: lists loaded and fresh", responses={503: {"description": "Not ready"}})
def readyz(state: State) -> JSONResponse:
    """200 when the store answers, the required lists are loaded and none is stale; 503 otherwise, with the reasons."""
    try:
        statuses = state.list_statuses()
    except TradewardenError as exc:
        return JSONResponse({"status": "unavailable", "reasons": [exc.message]}, status_code=503)
    loaded = [s for s in statuses if s.version is not None]
    stale = [s.source for s in loaded if s.stale]
    reasons = []
    if not loaded:
        reasons.append("no list is loaded; run `tradewarden lists update`")
    if stale:
        reasons.append("stale lists: " + ", ".join(stale))
    missing = sorted(set(state.settings.required_sources) - {s.source for s in loaded})
    if loaded and missing:
        reasons.append("required lists never loaded: " + ", ".join(missing))
    body = {"status": "ready" if not reasons else "not ready", "reasons": reasons,
            "lists": {s.source: s.state for s in loaded}}
    return JSONResponse(body, status_code=200 if not reasons else 503)


@router.get("/metrics", summary="Prometheus metrics", response_class=Response)
def metrics(user: Viewer, state: State) -> Response:
    """Request counts and latencies per route, screenings by outcome, list entities and ages."""
    assert state.metrics is not None
    return Response(state.metrics.render(), media_type=CONTENT_TYPE)

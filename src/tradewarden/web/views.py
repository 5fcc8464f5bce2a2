"""The reviewer UI's pages: dashboard, screening, review queue, case, lists and audit.

Each view parses the form, calls the same library functions as the API
(:mod:`tradewarden.cases`, :func:`tradewarden.api.routers.screen.screen_and_record`,
:mod:`tradewarden.store.audit`) and renders a template; forms post back and redirect
(post/redirect/get), so the UI works without JavaScript.
"""

from __future__ import annotations

from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, File, Form, Query as QueryParam, Request, UploadFile
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from tradewarden.api.deps import State, check_csrf
from tradewarden.api.routers.cases import party_query
from tradewarden.api.routers.screen import screen_and_record
from tradewarden.api.schemas import PartyRequest
from tradewarden.cases import Attachment, CaseStatus, case_detail, decide_case, get_screening, list_queue, queue_counts, screen_party
from tradewarden.cases.queue import OPEN_STATUSES
from tradewarden.errors import ConflictError, InputError, NotFound, PermissionDenied
from tradewarden.store.audit import audit_log, verify_audit
from tradewarden.store.users import Permission
from tradewarden.web.auth import UiUser, allow
from tradewarden.web.dashboard import dashboard
from tradewarden.web.render import render

router = APIRouter()


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
def home(request: Request, user: UiUser, state: State) -> Response:
    """The dashboard: queue counts, decisions per day, risk distribution, top findings."""
    allow(user, Permission.VIEW)
    return render(request, "dashboard.html", {"board": dashboard(state.store)})


@router.get("/screen", response_class=HTMLResponse, include_in_schema=False)
def screen_page(request: Request, user: UiUser) -> Response:
    """The screening forms: an order (JSON text or file) or a single party."""
    allow(user, Permission.SCREEN)
    return render(request, "screen.html", {})


def _after_screening(screening_id: int, case_id: int | None) -> Response:
    target = f"/ui/cases/{case_id}" if case_id is not None else f"/ui/screenings/{screening_id}"
    return RedirectResponse(target, status_code=303)


@router.post("/screen/order", include_in_schema=False)
async def screen_order_form(
    request: Request,
    user: UiUser,
    state: State,
    csrf_token: Annotated[str, Form()] = "",
    order_json: Annotated[str, Form()] = "",
    order_file: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Screen the pasted or uploaded order and show its case (or its clear decision)."""
    check_csrf(request, state, csrf_token)
    allow(user, Permission.SCREEN)
    raw: bytes | str = order_json
    if order_file is not None and order_file.filename:
        raw = await order_file.read()
    if not (raw.strip() if isinstance(raw, str) else raw.strip()):
        return render(request, "screen.html", {"error": "paste an order's JSON or choose a file", "order_json": order_json}, 422)
    try:
        screening = await run_in_threadpool(screen_and_record, state, raw, user)
    except InputError as exc:
        return render(request, "screen.html", {"error": str(exc), "order_json": order_json}, 422)
    return _after_screening(screening.id, screening.case_id)


@router.post("/screen/party", include_in_schema=False)
def screen_party_form(
    request: Request,
    user: UiUser,
    state: State,
    name: Annotated[str, Form(max_length=500)],
    csrf_token: Annotated[str, Form()] = "",
    schema_hint: Annotated[str, Form()] = "",
    country: Annotated[str, Form(max_length=100)] = "",
    birth_date: Annotated[str, Form(max_length=10)] = "",
) -> Response:
    """Screen one party and show its case (or its clear decision)."""
    check_csrf(request, state, csrf_token)
    allow(user, Permission.SCREEN)
    if not name.strip():
        return render(request, "screen.html", {"party_error": "a name is required"}, 422)
    party = PartyRequest(name=name.strip(), schema_hint=schema_hint or None, country=country.strip() or None,
                         birth_date=birth_date.strip() or None)
    index, versions = state.index()
    with state.writing():
        screening = screen_party(state.store, party_query(party), index, actor=user, versions=versions, policy=state.policy())
    return _after_screening(screening.id, screening.case_id)


@router.get("/screenings/{screening_id}", response_class=HTMLResponse, include_in_schema=False)
def screening_page(request: Request, screening_id: int, user: UiUser, state: State) -> Response:
    """One stored screening's decision and findings."""
    allow(user, Permission.VIEW)
    screening = get_screening(state.store, screening_id)
    return render(request, "screening.html", {
        "screening": screening, "entries": _entries(state, screening.decision.findings),
        "screened_name": _screened_name(screening.input),
    })


@router.get("/cases", response_class=HTMLResponse, include_in_schema=False)
def queue_page(
    request: Request,
    user: UiUser,
    state: State,
    status: Annotated[list[str] | None, QueryParam()] = None,
    min_risk: Annotated[float, QueryParam(ge=0, le=100)] = 0.0,
    q: Annotated[str, QueryParam(max_length=200)] = "",
) -> Response:
    """The review queue with filters: statuses, least risk score, words in the title."""
    allow(user, Permission.VIEW)
    chosen = [s for s in (status or []) if s] or [s.value for s in OPEN_STATUSES]
    found = list_queue(state.store, chosen, limit=500)
    words = q.casefold().split()
    shown = [c for c in found if c.risk_score >= min_risk and all(w in c.title.casefold() for w in words)]
    return render(request, "queue.html", {
        "cases": shown, "counts": queue_counts(state.store), "chosen": chosen, "min_risk": min_risk, "q": q,
        "statuses": [s.value for s in CaseStatus],
    })


def _screened_name(payload: dict[str, Any]) -> str:
    """The party name a party screening asked about (order screenings name it in each finding)."""
    names = payload.get("names")
    if isinstance(names, list) and names:
        return str(names[0])
    return str(payload.get("name") or "")


def _entries(state: Any, findings: Any) -> dict[str, dict[str, list[Any]]]:
    """The listed entities the findings' evidence names, by entity id (their properties)."""
    entries: dict[str, dict[str, list[Any]]] = {}
    for finding in findings:
        for evidence in finding.evidence:
            entity_id = evidence.detail.get("entity_id") if evidence.kind == "list_entry" else None
            if not isinstance(entity_id, str) or entity_id in entries:
                continue
            try:
                entity = state.entity(entity_id)
            except NotFound:
                continue
            entries[entity_id] = {k: list(v) for k, v in entity.to_dict().get("properties", {}).items()}
    return entries


@router.get("/cases/{case_id}", response_class=HTMLResponse, include_in_schema=False)
def case_page(request: Request, case_id: int, user: UiUser, state: State) -> Response:
    """A case: each finding beside its evidence, the decisions so far and the decision form."""
    allow(user, Permission.VIEW)
    detail = case_detail(state.store, case_id)
    first_release = next((d for d in reversed(detail.decisions) if d.to_status == CaseStatus.PENDING_SECOND_REVIEW), None)
    return render(request, "case.html", {
        "detail": detail, "case": detail.case, "screening": detail.screening,
        "entries": _entries(state, detail.screening.decision.findings),
        "screened_name": _screened_name(detail.screening.input),
        "can_decide": user.can(Permission.DECIDE), "first_release": first_release,
        "error": request.query_params.get("error"),
    })


@router.post("/cases/{case_id}/decision", include_in_schema=False)
async def decide_form(
    request: Request,
    case_id: int,
    user: UiUser,
    state: State,
    action: Annotated[str, Form()],
    rationale: Annotated[str, Form(max_length=20000)] = "",
    expected_version: Annotated[int | None, Form()] = None,
    csrf_token: Annotated[str, Form()] = "",
    attachment: Annotated[UploadFile | None, File()] = None,
) -> Response:
    """Record the reviewer's decision and show the case again (an error is shown on the case page)."""
    check_csrf(request, state, csrf_token)
    allow(user, Permission.DECIDE)
    files: list[Attachment] = []
    if attachment is not None and attachment.filename:
        content = await attachment.read()
        files.append(Attachment(name=attachment.filename[:255], content_type=(attachment.content_type or "application/octet-stream")[:100], content=content))
    try:
        await run_in_threadpool(
            decide_case, state.store, case_id, user, action, rationale, attachments=files, expected_version=expected_version,
            four_eyes_min_score=state.settings.four_eyes_min_score, max_attachment_bytes=state.settings.max_attachment_bytes,
        )
    except (InputError, PermissionDenied, ConflictError) as exc:
        # Shown on the case page: the same reviewer approving twice, a stale form, an empty rationale.
        return RedirectResponse(f"/ui/cases/{case_id}?{urlencode({'error': str(exc)})}", status_code=303)
    return RedirectResponse(f"/ui/cases/{case_id}", status_code=303)


@router.get("/lists", response_class=HTMLResponse, include_in_schema=False)
def lists_page(request: Request, user: UiUser, state: State) -> Response:
    """Each list's version, age and state, with the change in entities from the previous version."""
    allow(user, Permission.VIEW)
    rows = []
    for status in state.list_statuses():
        previous = None
        if status.version is not None:
            older = [v for v in state.store.versions(status.source) if v.id < status.version.id and v.status in ("superseded", "current")]
            previous = older[0] if older else None
        delta = None if status.version is None or previous is None else status.version.entity_count - previous.entity_count
        rows.append({"status": status, "previous": previous, "delta": delta})
    return render(request, "lists.html", {"rows": rows, "can_update": user.can(Permission.MANAGE_LISTS)})


@router.get("/audit", response_class=HTMLResponse, include_in_schema=False)
def audit_page(
    request: Request, user: UiUser, state: State, subject: Annotated[str | None, QueryParam(max_length=255)] = None,
) -> Response:
    """The audit trail, newest first, and whether its hash chain verifies."""
    allow(user, Permission.DECIDE)
    report = verify_audit(state.store)
    entries = audit_log(state.store, limit=200, subject=subject or None)
    return render(request, "audit.html", {"report": report, "entries": entries, "subject": subject or ""})

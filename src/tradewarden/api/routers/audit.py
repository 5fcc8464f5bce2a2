"""``GET /audit/verify`` (check the hash chain) and ``GET /audit`` (the newest entries); reviewers and admins."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query as QueryParam

from tradewarden.api.deps import Reviewer, State, check_limit
from tradewarden.api.schemas import AuditVerifyResponse
from tradewarden.store.audit import audit_log, verify_audit

router = APIRouter(tags=["Audit"])


@router.get("/audit/verify", summary="Verify the audit trail's hash chain", response_model=AuditVerifyResponse)
def verify(user: Reviewer, state: State) -> AuditVerifyResponse:
    """Recompute every entry's hash and link; `problems` names the seq of each edited, deleted or reordered entry."""
    report = verify_audit(state.store)
    return AuditVerifyResponse(ok=report.ok, checked=report.checked, head_seq=report.end.head_seq,
                               problems=[str(p) for p in report.problems])


@router.get("/audit", summary="The newest audit entries")
def entries(
    user: Reviewer,
    state: State,
    limit: Annotated[int, QueryParam(description="At most this many entries.")] = 50,
    subject: Annotated[str | None, QueryParam(description="Only entries about this subject (`case:7`).")] = None,
) -> list[dict[str, Any]]:
    """Entries of the audit trail, newest first."""
    check_limit(limit, 1000)
    return [e.to_dict() for e in audit_log(state.store, limit=limit, subject=subject)]

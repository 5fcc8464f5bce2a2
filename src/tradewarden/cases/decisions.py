"""Reviewer decisions on cases: release, escalate or block, with four eyes and optimistic concurrency.

A reviewer (role ``reviewer`` or ``admin``; analysts may only view) decides with a written
rationale and optional attachments. Releasing a blocked case, a case whose screening asked for
a block, or one whose risk score is at least ``four_eyes_min_score`` needs two different
reviewers: the first release moves it to ``pending_second_review``, a release by someone else
then to ``released``. Each decision is an append-only row; the case changes only with
``UPDATE ... WHERE version = :seen``, so of two concurrent decisions one wins and the other gets
a :class:`~tradewarden.errors.ConflictError`. The decision and its audit entry (``case.decide``,
carrying the decision's SHA-256) commit in one transaction.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from tradewarden.cases.model import Actor, Attachment, CaseStatus, DecisionAction, ReviewDecision
from tradewarden.cases.queue import decision_from_record, sha256_json
from tradewarden.errors import ConflictError, InputError, PermissionDenied
from tradewarden.settings import get_settings
from tradewarden.store import Store
from tradewarden.store import cases as rows
from tradewarden.store.audit import append_entry, database_errors
from tradewarden.store.audit_chain import format_timestamp
from tradewarden.store.engine import write_transaction

#: Roles that may decide cases (analysts may only view).
DECIDING_ROLES = frozenset({"reviewer", "admin"})
MAX_RATIONALE = 20_000
MAX_ATTACHMENTS = 20

_OPEN = {CaseStatus.OPEN, CaseStatus.ESCALATED}


def needs_four_eyes(status: CaseStatus, outcome: str, risk_score: float, min_score: float) -> bool:
    """Whether releasing a case needs a second, different reviewer.

    Args:
        status: the case's status now.
        outcome: the screening's outcome (``block`` always needs four eyes).
        risk_score: the screening's risk score.
        min_score: the four-eyes threshold (``TRADEWARDEN_FOUR_EYES_MIN_SCORE``).
    """
    return status is CaseStatus.BLOCKED or outcome == "block" or risk_score >= min_score


def next_status(
    status: CaseStatus, action: DecisionAction, *, four_eyes: bool, first_releaser: str | None, actor: str
) -> CaseStatus:
    """The status a decision moves a case to (the review state machine, pure).

    Args:
        status: the case's status now.
        action: release, escalate or block.
        four_eyes: whether a release needs two reviewers.
        first_releaser: who made the first release of a case pending second review.
        actor: who decides now.
    Returns:
        The new status.
    Raises:
        InputError: the action makes no sense in this status (a released case is closed).
        PermissionDenied: the second release of a four-eyes case by the first releaser.
    """
    if status is CaseStatus.RELEASED:
        raise InputError("the case is released and closed; nothing more can be decided", field="action")
    if action is DecisionAction.BLOCK:
        if status is CaseStatus.BLOCKED:
            raise InputError("the case is blocked already", field="action")
        return CaseStatus.BLOCKED
    if action is DecisionAction.ESCALATE:
        if status is CaseStatus.ESCALATED:
            raise InputError("the case is escalated already", field="action")
        return CaseStatus.ESCALATED
    if status is CaseStatus.PENDING_SECOND_REVIEW:
        if first_releaser is not None and first_releaser == actor:
            raise PermissionDenied(
                f"four eyes: {actor} made the first release; a different reviewer must approve it",
                user=actor,
            )
        return CaseStatus.RELEASED
    if four_eyes:
        return CaseStatus.PENDING_SECOND_REVIEW
    return CaseStatus.RELEASED


def check_reviewer(user: Actor) -> tuple[str, str]:
    """The name and role of a user allowed to decide.

    Raises:
        PermissionDenied: an analyst, an unknown role or a disabled user.
    """
    name, role = str(getattr(user, "name", "") or ""), str(getattr(user, "role", "") or "")
    if not name.strip():
        raise InputError("must name who decides", field="user")
    if getattr(user, "disabled", False):
        raise PermissionDenied(f"{name} is disabled and may not decide cases", user=name)
    if role not in DECIDING_ROLES:
        raise PermissionDenied(
            f"{name} ({role or 'no role'}) may view cases but not decide them; a reviewer must", user=name, role=role
        )
    return name.strip(), role


def _check_attachments(attachments: Sequence[Attachment], max_bytes: int) -> None:
    if len(attachments) > MAX_ATTACHMENTS:
        raise InputError(f"at most {MAX_ATTACHMENTS} attachments per decision", field="attachments")
    for number, attachment in enumerate(attachments):
        if len(attachment.content) > max_bytes:
            raise InputError(
                f"{attachment.name} is {len(attachment.content):,} bytes; the limit is {max_bytes:,}",
                field=f"attachments[{number}]",
            )


def decision_content(record: dict[str, Any], attachment_sha256: Sequence[str]) -> dict[str, Any]:
    """The fields of a decision that its ``content_sha256`` covers."""
    return {
        "case_id": record["case_id"],
        "case_version": record["case_version"],
        "actor": record["actor"],
        "role": record["role"],
        "action": record["action"],
        "rationale": record["rationale"],
        "from_status": record["from_status"],
        "to_status": record["to_status"],
        "created_at": format_timestamp(record["created_at"]),
        "attachments": list(attachment_sha256),
    }


def decide_case(
    store: Store,
    case_id: int,
    user: Actor,
    action: DecisionAction | str,
    rationale: str,
    *,
    attachments: Sequence[Attachment] = (),
    expected_version: int | None = None,
    four_eyes_min_score: float | None = None,
    max_attachment_bytes: int | None = None,
) -> ReviewDecision:
    """Release, escalate or block a case.

    Args:
        store: the open store.
        case_id: the case.
        user: who decides (``name`` and ``role``; a :class:`~tradewarden.store.users.User`).
        action: ``release``, ``escalate`` or ``block``.
        rationale: why, in words (required).
        attachments: supporting files (each at most ``max_attachment_bytes``).
        expected_version: the case version the reviewer saw; a case changed since then is a
            conflict (default: the version read now, so only truly concurrent writers conflict).
        four_eyes_min_score: releases of cases scoring at least this need two reviewers
            (default: the setting).
        max_attachment_bytes: the largest attachment accepted (default: the setting).
    Returns:
        The stored decision.
    Raises:
        PermissionDenied: an analyst, or the first releaser approving a four-eyes release.
        InputError: an empty rationale, an unknown action, an oversized attachment, or an
            action the case's status does not allow.
        ConflictError: the case changed since ``expected_version`` (or concurrently).
        NotFound: no such case.
    """
    who, role = check_reviewer(user)
    try:
        action = DecisionAction(action)
    except ValueError:
        raise InputError(f"unknown action {action!r}; use release, escalate or block", field="action") from None
    text = (rationale or "").strip()
    if not text:
        raise InputError("a written rationale is required", field="rationale")
    if len(text) > MAX_RATIONALE:
        raise InputError(f"at most {MAX_RATIONALE:,} characters", field="rationale")
    settings = get_settings()
    min_score = settings.four_eyes_min_score if four_eyes_min_score is None else four_eyes_min_score
    max_bytes = settings.max_attachment_bytes if max_attachment_bytes is None else max_attachment_bytes
    _check_attachments(attachments, max_bytes)
    digests = [hashlib.sha256(a.content).hexdigest() for a in attachments]
    with database_errors(f"deciding case {case_id}"):
        stored, record, decision_id = _write_decision(
            store, case_id, who, role, action, text, attachments, digests, expected_version, min_score
        )
    return decision_from_record({**record, "id": decision_id, "attachments": stored})


def _write_decision(
    store: Store,
    case_id: int,
    who: str,
    role: str,
    action: DecisionAction,
    text: str,
    attachments: Sequence[Attachment],
    digests: Sequence[str],
    expected_version: int | None,
    min_score: float,
) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
    with write_transaction(store.engine) as conn:
        case = rows.get_case(conn, case_id)
        seen = int(case["version"])
        if expected_version is not None and expected_version != seen:
            raise ConflictError(
                f"case {case_id} changed since you read it (version {expected_version}, now {seen}); "
                "reload it and decide again",
                case_id=case_id, expected_version=expected_version, version=seen,
            )
        status = CaseStatus(case["status"])
        previous = rows.decisions_of(conn, case_id)
        first = next(
            (d["actor"] for d in reversed(previous) if d["to_status"] == CaseStatus.PENDING_SECOND_REVIEW.value),
            None,
        )
        four_eyes = needs_four_eyes(status, case["outcome"], float(case["risk_score"]), min_score)
        target = next_status(status, action, four_eyes=four_eyes, first_releaser=first, actor=who)
        now = datetime.now(UTC)
        if not rows.update_case_status(conn, case_id, seen_version=seen, status=target.value, now=now):
            raise _conflict(case_id)
        record: dict[str, Any] = {
            "case_id": case_id, "case_version": seen, "actor": who, "role": role, "action": action.value,
            "rationale": text, "from_status": status.value, "to_status": target.value, "created_at": now,
        }
        record["content_sha256"] = sha256_json(decision_content(record, digests))
        decision_id = rows.insert_decision(conn, record)
        stored = []
        for attachment, digest in zip(attachments, digests):
            attachment_id = rows.insert_attachment(
                conn, decision_id=decision_id, name=attachment.name, content_type=attachment.content_type,
                sha256=digest, content=attachment.content,
            )
            stored.append({"id": attachment_id, "name": attachment.name, "content_type": attachment.content_type,
                           "sha256": digest, "size": len(attachment.content)})
        append_entry(conn, who, "case.decide", f"case:{case_id}", {
            "decision_id": decision_id,
            "action": action.value,
            "from_status": status.value,
            "to_status": target.value,
            "case_version": seen,
            "content_sha256": record["content_sha256"],
            "attachments": [{"name": a["name"], "sha256": a["sha256"], "size": a["size"]} for a in stored],
        })
    return stored, record, decision_id


def _conflict(case_id: int) -> ConflictError:
    return ConflictError(
        f"case {case_id} was decided by someone else at the same time; nothing was overwritten. "
        "Reload it and decide again",
        case_id=case_id,
    )

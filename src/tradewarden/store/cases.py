"""Table access for screenings, review cases, decisions, attachments and notes.

Each function takes a connection in the caller's transaction (the orchestration in
:mod:`tradewarden.cases` opens it, so that a case change and its audit entry commit together)
and returns plain dicts of column values; the tables are in :mod:`tradewarden.store.tables_cases`.
Case changes are optimistic: :func:`update_case_status` only writes when the case still has
the version the caller read, and decisions are append-only rows.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from tradewarden.errors import ConflictError, NotFound
from tradewarden.store.tables_cases import case_attachment, case_decision, case_note, review_case, screening

Record = dict[str, Any]

# The attachment columns that describe it (the bytes are read only on request).
_ATTACHMENT_INFO = (
    case_attachment.c.id,
    case_attachment.c.decision_id,
    case_attachment.c.name,
    case_attachment.c.content_type,
    case_attachment.c.sha256,
    case_attachment.c.size,
)


def _record(row: Any) -> Record:
    return dict(row._mapping)


# -- screenings ------------------------------------------------------------------------------


def insert_screening(
    conn: Connection,
    *,
    kind: str,
    reference: str | None,
    actor: str,
    created_at: datetime,
    outcome: str,
    risk_score: float,
    input_json: dict[str, Any],
    decision_json: dict[str, Any],
) -> int:
    """Insert one screening; returns its id."""
    result = conn.execute(
        insert(screening)
        .values(
            kind=kind,
            reference=reference,
            actor=actor,
            created_at=created_at,
            outcome=outcome,
            risk_score=risk_score,
            input=input_json,
            decision=decision_json,
        )
        .returning(screening.c.id)
    )
    return int(result.scalar_one())


def get_screening(conn: Connection, screening_id: int) -> Record:
    """The screening ``screening_id`` with ``case_id`` (its case, or None).

    Raises:
        NotFound: no such screening.
    """
    case_id = (
        select(func.min(review_case.c.id)).where(review_case.c.screening_id == screening.c.id).scalar_subquery()
    )
    row = conn.execute(select(screening, case_id.label("case_id")).where(screening.c.id == screening_id)).one_or_none()
    if row is None:
        raise NotFound(f"no screening {screening_id}", screening_id=screening_id)
    return _record(row)


def list_screenings(conn: Connection, *, reference: str | None = None, limit: int = 50) -> list[Record]:
    """The newest screenings (of ``reference``, if given), newest first, without case ids."""
    query = select(screening).order_by(screening.c.id.desc()).limit(limit)
    if reference is not None:
        query = query.where(screening.c.reference == reference)
    return [_record(row) for row in conn.execute(query)]


# -- cases -----------------------------------------------------------------------------------


def insert_case(
    conn: Connection,
    *,
    screening_id: int,
    status: str,
    outcome: str,
    risk_score: float,
    title: str,
    origin: str,
    party_id: int | None,
    now: datetime,
) -> int:
    """Insert a case at version 1; returns its id."""
    result = conn.execute(
        insert(review_case)
        .values(
            screening_id=screening_id,
            status=status,
            outcome=outcome,
            risk_score=risk_score,
            title=title,
            origin=origin,
            party_id=party_id,
            version=1,
            created_at=now,
            updated_at=now,
        )
        .returning(review_case.c.id)
    )
    return int(result.scalar_one())


def get_case(conn: Connection, case_id: int) -> Record:
    """The case ``case_id``.

    Raises:
        NotFound: no such case.
    """
    row = conn.execute(select(review_case).where(review_case.c.id == case_id)).one_or_none()
    if row is None:
        raise NotFound(f"no case {case_id}", case_id=case_id)
    return _record(row)


def list_cases(
    conn: Connection, *, statuses: Sequence[str] | None = None, limit: int = 100, offset: int = 0
) -> list[Record]:
    """Cases in queue order: highest risk first, then oldest first.

    Args:
        conn: a connection.
        statuses: only cases in these statuses (default: every case).
        limit: at most this many.
        offset: skip this many first.
    """
    query = select(review_case).order_by(review_case.c.risk_score.desc(), review_case.c.id).limit(limit).offset(offset)
    if statuses is not None:
        query = query.where(review_case.c.status.in_(list(statuses)))
    return [_record(row) for row in conn.execute(query)]


def count_cases(conn: Connection) -> dict[str, int]:
    """How many cases each status holds."""
    query = select(review_case.c.status, func.count().label("cases")).group_by(review_case.c.status)
    return {str(row.status): int(row.cases) for row in conn.execute(query)}


def update_case_status(conn: Connection, case_id: int, *, seen_version: int, status: str, now: datetime) -> bool:
    """Set a case's status and bump its version, only if it still has ``seen_version``.

    Returns:
        False when another writer changed the case first (nothing was written).
    """
    result = conn.execute(
        update(review_case)
        .where(review_case.c.id == case_id, review_case.c.version == seen_version)
        .values(status=status, version=review_case.c.version + 1, updated_at=now)
    )
    return result.rowcount == 1


# -- decisions and attachments ---------------------------------------------------------------


def insert_decision(conn: Connection, values: Record) -> int:
    """Append one decision row (the ``case_decision`` columns but ``id``); returns its id.

    Raises:
        ConflictError: a decision on the same case version exists already.
    """
    try:
        result = conn.execute(insert(case_decision).values(**values).returning(case_decision.c.id))
    except IntegrityError:
        raise ConflictError(
            f"case {values['case_id']} was decided by someone else at the same time; nothing was overwritten",
            case_id=values["case_id"],
        ) from None
    return int(result.scalar_one())


def insert_attachment(
    conn: Connection, *, decision_id: int, name: str, content_type: str, sha256: str, content: bytes
) -> int:
    """Store one attachment of a decision; returns its id."""
    result = conn.execute(
        insert(case_attachment)
        .values(
            decision_id=decision_id,
            name=name,
            content_type=content_type,
            sha256=sha256,
            size=len(content),
            content=content,
        )
        .returning(case_attachment.c.id)
    )
    return int(result.scalar_one())


def decisions_of(conn: Connection, case_id: int) -> list[Record]:
    """The decisions on a case, oldest first, each with ``attachments`` (records without bytes)."""
    rows = [_record(row) for row in conn.execute(
        select(case_decision).where(case_decision.c.case_id == case_id).order_by(case_decision.c.id)
    )]
    by_decision = attachments_of(conn, [row["id"] for row in rows])
    for row in rows:
        row["attachments"] = by_decision.get(row["id"], [])
    return rows


def all_decisions(conn: Connection) -> list[Record]:
    """Every decision row, by id (for verification against the audit trail)."""
    return [_record(row) for row in conn.execute(select(case_decision).order_by(case_decision.c.id))]


def attachments_of(conn: Connection, decision_ids: Iterable[int]) -> dict[int, list[Record]]:
    """The attachments (without bytes) of the given decisions, by decision id."""
    ids = list(decision_ids)
    found: dict[int, list[Record]] = {}
    if not ids:
        return found
    query = select(*_ATTACHMENT_INFO).where(case_attachment.c.decision_id.in_(ids)).order_by(case_attachment.c.id)
    for row in conn.execute(query):
        found.setdefault(row.decision_id, []).append(_record(row))
    return found


def attachment_content(conn: Connection, attachment_id: int) -> Record:
    """One attachment with its ``content`` bytes.

    Raises:
        NotFound: no such attachment.
    """
    row = conn.execute(select(case_attachment).where(case_attachment.c.id == attachment_id)).one_or_none()
    if row is None:
        raise NotFound(f"no attachment {attachment_id}", attachment_id=attachment_id)
    return _record(row)


# -- notes -----------------------------------------------------------------------------------


def insert_note(
    conn: Connection,
    *,
    case_id: int | None,
    party_id: int | None,
    kind: str,
    body: str,
    detail: dict[str, Any],
    actor: str,
    now: datetime,
) -> int:
    """Add a note to a case and/or a monitored party; returns its id."""
    result = conn.execute(
        insert(case_note)
        .values(case_id=case_id, party_id=party_id, kind=kind, body=body, detail=detail, actor=actor, created_at=now)
        .returning(case_note.c.id)
    )
    return int(result.scalar_one())


def notes_of(conn: Connection, *, case_id: int | None = None, party_id: int | None = None) -> list[Record]:
    """Notes of a case or of a party, oldest first."""
    query = select(case_note).order_by(case_note.c.id)
    if case_id is not None:
        query = query.where(case_note.c.case_id == case_id)
    if party_id is not None:
        query = query.where(case_note.c.party_id == party_id)
    return [_record(row) for row in conn.execute(query)]


# -- verification ----------------------------------------------------------------------------


def all_attachments(conn: Connection) -> list[Record]:
    """Every attachment with its bytes, by id (for verification)."""
    return [_record(row) for row in conn.execute(select(case_attachment).order_by(case_attachment.c.id))]


def case_states(conn: Connection) -> list[Record]:
    """``id``, ``status`` and ``version`` of every case, by id."""
    query = select(review_case.c.id, review_case.c.status, review_case.c.version).order_by(review_case.c.id)
    return [_record(row) for row in conn.execute(query)]


def screening_contents(conn: Connection) -> list[Record]:
    """``id``, ``created_at``, ``input`` and ``decision`` of every screening, by id."""
    query = select(screening.c.id, screening.c.created_at, screening.c.input, screening.c.decision).order_by(
        screening.c.id
    )
    return [_record(row) for row in conn.execute(query)]

"""The audit trail in the store: append (serialised), read, verify and prune the hash chain.

Entries live in ``audit_entry`` and the chain head in the single ``audit_head`` row
(:mod:`tradewarden.store.tables_audit`); the hashing rules are in
:mod:`tradewarden.store.audit_chain`. An append locks the head row (``SELECT ... FOR UPDATE``
on PostgreSQL; on SQLite the write transaction holds the database's write lock), so
concurrent appends from threads, processes or hosts form one unbroken chain. Screenings,
decisions, list updates, rule and user changes all call :func:`append_audit`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, delete, func, insert, select, update
from sqlalchemy.exc import SQLAlchemyError

from tradewarden.errors import InputError, StoreError
from tradewarden.store.audit_chain import (
    PRUNE_ACTION,
    AuditEntry,
    ChainEnd,
    ChainReport,
    canonical_json,
    check_chain,
    entry_hash,
    format_timestamp,
)
from tradewarden.store.engine import read_transaction, write_transaction
from tradewarden.store.store import Store
from tradewarden.store.tables_audit import HEAD_ID, audit_entry, audit_head

# The actor of what tradewarden does by itself (list updates, pruning by schedule).
SYSTEM_ACTOR = "system"
_STREAM_BATCH = 1000
_LIMITS = {"actor": 200, "action": 64, "subject": 255}


@contextmanager
def database_errors(action: str) -> Iterator[None]:
    """Turn driver errors into :class:`StoreError` naming what was being done."""
    try:
        yield
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        raise StoreError(f"{action} failed: {reason[0] if reason else type(exc).__name__}", action=action) from exc


def _check_text(name: str, value: str, *, allow_empty: bool = False) -> None:
    if not isinstance(value, str) or (not value and not allow_empty):
        raise InputError("must be a non-empty string", field=name)
    if len(value) > _LIMITS[name]:
        raise InputError(f"longer than {_LIMITS[name]} characters", field=name)


def _entry_from_row(row: Any) -> AuditEntry:
    return AuditEntry(
        seq=int(row.seq),
        timestamp=format_timestamp(row.created_at),
        actor=row.actor,
        action=row.action,
        subject=row.subject,
        payload=_payload_from_text(row.payload),
        prev_hash=row.prev_hash,
        entry_hash=row.entry_hash,
    )


def _payload_from_text(text: str) -> dict[str, Any]:
    try:
        payload = json.loads(text)
    except ValueError:
        return {"$unreadable": text}  # tampered text; the hash check reports the entry
    return payload if isinstance(payload, dict) else {"$not_an_object": payload}


def _locked_head(conn: Connection) -> ChainEnd:
    row = conn.execute(select(audit_head).where(audit_head.c.id == HEAD_ID).with_for_update()).one_or_none()
    if row is None:
        raise StoreError("the audit chain head row is missing: the store was damaged; restore it from a backup")
    return ChainEnd(int(row.anchor_seq), row.anchor_hash, int(row.seq), row.entry_hash)


def append_entry(
    conn: Connection, actor: str, action: str, subject: str, payload: Mapping[str, Any] | None = None
) -> AuditEntry:
    """Append one entry within ``conn``'s write transaction (see :func:`append_audit`)."""
    _check_text("actor", actor)
    _check_text("action", action)
    _check_text("subject", subject, allow_empty=True)
    if payload is not None and not isinstance(payload, Mapping):
        raise InputError("must be a JSON object (a mapping)", field="payload")
    payload_text = canonical_json(dict(payload or {}))
    head = _locked_head(conn)
    seq = head.head_seq + 1
    # Taken under the lock, so timestamps follow seq order (unless the clock steps back).
    now = datetime.now(UTC)
    timestamp = format_timestamp(now)
    payload_value = _payload_from_text(payload_text)
    digest = entry_hash(seq, timestamp, actor, action, subject, payload_value, head.head_hash)
    conn.execute(
        insert(audit_entry).values(
            seq=seq,
            created_at=now,
            actor=actor,
            action=action,
            subject=subject,
            payload=payload_text,
            prev_hash=head.head_hash,
            entry_hash=digest,
        )
    )
    conn.execute(update(audit_head).where(audit_head.c.id == HEAD_ID).values(seq=seq, entry_hash=digest))
    return AuditEntry(seq, timestamp, actor, action, subject, payload_value, head.head_hash, digest)


def append_audit(
    store_or_conn: Store | Connection,
    actor: str,
    action: str,
    subject: str,
    payload: Mapping[str, Any] | None = None,
) -> AuditEntry:
    """Append an entry to the audit trail; concurrent appends are serialised.

    Args:
        store_or_conn: a store (the entry is committed in its own transaction) or a
            connection in a write transaction (the entry commits or rolls back with it; on
            SQLite, take it from :func:`~tradewarden.store.engine.write_transaction`).
        actor: who acted: a user name, ``system``, ``cli:<os user>`` (at most 200 characters).
        action: what was done, dotted: ``user.add``, ``list.promote``, ``case.decide``.
        subject: what it was done to: ``user:alice``, ``list:us_ofac_sdn`` (at most 255).
        payload: details as a JSON object; datetimes, enums and sets are converted.
    Returns:
        The appended entry with its seq and hash.
    Raises:
        InputError: an empty or too long field, or a payload JSON cannot express.
        StoreError: the database refused the write.
    """
    if isinstance(store_or_conn, Connection):
        return append_entry(store_or_conn, actor, action, subject, payload)
    with database_errors(f"auditing {action}"), write_transaction(store_or_conn.engine) as conn:
        return append_entry(conn, actor, action, subject, payload)


def chain_end(store: Store) -> ChainEnd:
    """The chain's anchor (seq 0 and the genesis hash if never pruned) and head."""
    with database_errors("reading the audit chain head"), read_transaction(store.engine) as conn:
        return chain_end_of(conn)


def audit_log(
    store: Store, *, limit: int | None = None, since: datetime | None = None, subject: str | None = None
) -> list[AuditEntry]:
    """Entries of the trail, newest first.

    Args:
        store: the open store.
        limit: at most this many (the newest).
        since: only entries written at or after this moment (timezone-aware).
        subject: only entries about this subject.
    Returns:
        The entries, descending by seq.
    """
    query = select(audit_entry).order_by(audit_entry.c.seq.desc())
    if since is not None:
        query = query.where(audit_entry.c.created_at >= since)
    if subject is not None:
        query = query.where(audit_entry.c.subject == subject)
    if limit is not None:
        query = query.limit(limit)
    with database_errors("reading the audit trail"), read_transaction(store.engine) as conn:
        return [_entry_from_row(row) for row in conn.execute(query)]


def stream_entries(conn: Connection, *, from_seq: int = 0) -> Iterator[AuditEntry]:
    """Entries with ``seq >= from_seq`` in ascending order, fetched in batches within ``conn``."""
    query = select(audit_entry).where(audit_entry.c.seq >= from_seq).order_by(audit_entry.c.seq)
    for row in conn.execute(query.execution_options(yield_per=_STREAM_BATCH)):
        yield _entry_from_row(row)


def chain_end_of(conn: Connection) -> ChainEnd:
    """The anchor and head as ``conn`` sees them (no lock)."""
    row = conn.execute(select(audit_head).where(audit_head.c.id == HEAD_ID)).one_or_none()
    if row is None:
        raise StoreError("the audit chain head row is missing: the store was damaged; restore it from a backup")
    return ChainEnd(int(row.anchor_seq), row.anchor_hash, int(row.seq), row.entry_hash)


def verify_audit(store: Store) -> ChainReport:
    """Check the whole trail: every entry's hash, the links between them, the anchor and the head.

    Returns:
        The report: ``ok``, entries ``checked`` and each problem with its seq (an edited,
        deleted or reordered entry is named by the seq where it shows).
    """
    with database_errors("verifying the audit trail"), read_transaction(store.engine) as conn:
        end = chain_end_of(conn)
        return check_chain(stream_entries(conn), end, anchor_recorded=True)


@dataclass(frozen=True, slots=True)
class PruneOutcome:
    """What pruning did: entries deleted, the new anchor, and the ``audit.prune`` entry recording it."""

    deleted: int
    anchor_seq: int
    anchor_hash: str
    entry: AuditEntry | None


def prune_audit(
    store: Store, *, retention_days: int, actor: str = SYSTEM_ACTOR, now: datetime | None = None, dry_run: bool = False
) -> PruneOutcome:
    """Delete entries older than the retention period, keeping the rest verifiable.

    The hash of the newest pruned entry becomes the chain's anchor (``audit_head``), and an
    ``audit.prune`` entry records the anchor, so ``audit verify`` still checks every kept
    entry. A broken chain is never pruned (that would destroy the evidence).

    Args:
        store: the open store.
        retention_days: keep entries younger than this many days (``audit_retention_days``).
        actor: who prunes.
        now: the current time (for tests); default the clock.
        dry_run: only count what would be deleted.
    Returns:
        The outcome (``entry`` is None when nothing was, or would be, deleted).
    Raises:
        InputError: retention shorter than one day.
        StoreError: the chain is broken (run ``audit verify``) or the database refused.
    """
    if retention_days < 1:
        raise InputError("must be at least 1", field="audit_retention_days")
    cutoff = (now or datetime.now(UTC)) - timedelta(days=retention_days)
    with database_errors("pruning the audit trail"), write_transaction(store.engine) as conn:
        end = _locked_head(conn)
        last_old = conn.execute(select(func.max(audit_entry.c.seq)).where(audit_entry.c.created_at < cutoff)).scalar()
        if last_old is None:
            return PruneOutcome(0, end.anchor_seq, end.anchor_hash, None)
        report = check_chain(stream_entries(conn), end, anchor_recorded=True)
        if not report.ok:
            raise StoreError(
                f"the audit chain is broken ({report.problems[0]}); not pruning. Run `tradewarden audit verify`"
            )
        anchor_hash = conn.execute(select(audit_entry.c.entry_hash).where(audit_entry.c.seq == last_old)).scalar_one()
        counted = select(func.count()).select_from(audit_entry).where(audit_entry.c.seq <= last_old)
        deleted = int(conn.execute(counted).scalar_one())
        if dry_run:
            return PruneOutcome(deleted, int(last_old), anchor_hash, None)
        conn.execute(delete(audit_entry).where(audit_entry.c.seq <= last_old))
        conn.execute(
            update(audit_head).where(audit_head.c.id == HEAD_ID).values(anchor_seq=last_old, anchor_hash=anchor_hash)
        )
        payload = {
            "anchor_seq": int(last_old),
            "anchor_hash": anchor_hash,
            "deleted": deleted,
            "cutoff": format_timestamp(cutoff),
            "retention_days": retention_days,
        }
        entry = append_entry(conn, actor, PRUNE_ACTION, "audit", payload)
    return PruneOutcome(deleted, int(last_old), anchor_hash, entry)

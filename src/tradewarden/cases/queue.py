"""Recording screenings and reading the review queue.

:func:`record_screening` stores every screened order or party (input, decision with findings,
list and data versions, who asked) and opens a case for anything not clear; each is audited in
the same transaction (``screening.record``, ``case.open``). The parties of a recorded screening
join the monitored parties (:mod:`tradewarden.cases.rescreen`), with the listed entities their
findings name as known hits. The queue is read with :func:`list_queue` and :func:`case_detail`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from pydantic_core import to_jsonable_python

from tradewarden.cases.alerts import finding_hits
from tradewarden.cases.model import (
    Actor,
    AttachmentInfo,
    Case,
    CaseDetail,
    CaseNote,
    CaseOrigin,
    CaseStatus,
    ReviewDecision,
    Screening,
    ScreeningKind,
)
from tradewarden.cases.parties import (
    KEYS_VERSION,
    order_party_key,
    order_party_query,
    order_queries,
    party_keys,
    query_from_json,
    query_to_json,
)
from tradewarden.decide import Decision
from tradewarden.errors import InputError
from tradewarden.findings import Outcome
from tradewarden.match.model import Query
from tradewarden.store import Store
from tradewarden.store import cases as rows
from tradewarden.store import cases_monitor as monitor_rows
from tradewarden.store.audit import append_entry, database_errors
from tradewarden.store.audit_chain import canonical_json
from tradewarden.store.engine import read_transaction, write_transaction

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: The statuses that still need a reviewer.
OPEN_STATUSES = (CaseStatus.OPEN, CaseStatus.ESCALATED, CaseStatus.PENDING_SECOND_REVIEW)


def actor_name(actor: str | Actor) -> str:
    """The audit name of whoever acts: a user's name, or the string given (``system``)."""
    name = actor if isinstance(actor, str) else actor.name
    if not isinstance(name, str) or not name.strip():
        raise InputError("must name who acts", field="actor")
    return name.strip()


def sha256_json(value: Any) -> str:
    """The SHA-256 of the canonical JSON of ``value`` (what the audit payloads record)."""
    return hashlib.sha256(canonical_json(value).encode("utf-8")).hexdigest()


def _input_json(value: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(value, Mapping):
        raise InputError("must be a JSON object", field="input")
    try:
        converted = to_jsonable_python(dict(value))
    except Exception as exc:  # pydantic raises its own serialisation errors
        raise InputError(f"not expressible as JSON: {exc}", field="input") from None
    return dict(converted)


def _party_queries(kind: ScreeningKind, input_json: Mapping[str, Any]) -> list[tuple[str, Query]]:
    if kind is ScreeningKind.ORDER:
        return order_queries(input_json)
    if "names" in input_json:
        query = query_from_json(input_json)
    else:
        query = order_party_query(input_json)
    return [("party", query)] if query.names else []


def record_screening(
    store: Store,
    kind: ScreeningKind | str,
    input: Mapping[str, Any],
    decision: Decision,
    actor: str | Actor,
    *,
    reference: str | None = None,
    monitor: bool = True,
    party_key: str | None = None,
) -> Screening:
    """Store a screening; open a case when the decision is not clear.

    Args:
        store: the open store.
        kind: ``order`` (an order's input JSON with its ``parties``) or ``party`` (one party:
            order-party fields such as ``name`` and ``country``, or a match query's fields).
        input: what was screened, exactly as received.
        decision: the decision, with its findings and the list and data versions used.
        actor: who or what asked (a user, or a name such as ``system``).
        reference: the order id or customer id, if any.
        monitor: also register the screened parties for re-screening on list changes.
        party_key: the monitored-party key of a party screening (default: derived from it).
    Returns:
        The stored screening, with ``case_id`` when a case was opened.
    Raises:
        InputError: an unknown kind, an input that is not a JSON object, or no actor.
        StoreError: the database refused the write.
    """
    try:
        kind = ScreeningKind(kind)
    except ValueError:
        raise InputError(f"unknown screening kind {kind!r}; use order or party", field="kind") from None
    who = actor_name(actor)
    input_json = _input_json(input)
    parties = _party_queries(kind, input_json) if monitor else []
    keyed = [(subject, query, party_keys(query)) for subject, query in parties]
    now = datetime.now(UTC)
    with database_errors("recording a screening"), write_transaction(store.engine) as conn:
        party_ids = {
            subject: _register(conn, subject, query, keys, kind, reference, now, party_key)
            for subject, query, keys in keyed
        }
        screening_id, case_id = store_screening(
            conn, kind=kind, reference=reference, actor=who, input_json=input_json, decision=decision, now=now,
            origin=CaseOrigin.SCREENING, party_ids=party_ids,
        )
    return Screening(
        id=screening_id, kind=kind, reference=reference, actor=who, created_at=now,
        input=input_json, decision=decision, case_id=case_id,
    )


def store_screening(
    conn: Connection,
    *,
    kind: ScreeningKind,
    reference: str | None,
    actor: str,
    input_json: dict[str, Any],
    decision: Decision,
    now: datetime,
    origin: CaseOrigin,
    party_ids: Mapping[str, int],
) -> tuple[int, int | None]:
    """Write a screening (and its case, when not clear) within ``conn``'s transaction.

    Args:
        conn: a connection in a write transaction.
        kind: order or party.
        reference: the order or customer id, if any.
        actor: who or what asked.
        input_json: what was screened.
        decision: the decision.
        now: the time of recording.
        origin: why a case would be opened (a screening, or a re-screening alert).
        party_ids: the monitored party of each screened subject (``party``,
            ``order.parties[0]``), to link the findings' listed entities to them as hits.
    Returns:
        The screening id and the case id (None when clear).
    """
    decision_json = decision.model_dump(mode="json")
    screening_id = rows.insert_screening(
        conn, kind=kind.value, reference=reference, actor=actor, created_at=now,
        outcome=decision.outcome.value, risk_score=decision.risk_score,
        input_json=input_json, decision_json=decision_json,
    )
    append_entry(conn, actor, "screening.record", f"screening:{screening_id}", {
        "kind": kind.value,
        "reference": reference,
        "outcome": decision.outcome.value,
        "risk_score": decision.risk_score,
        "list_versions": [{"source": v.source, "version_id": v.version_id} for v in decision.list_versions],
        "data_versions": dict(decision.data_versions),
        "input_sha256": sha256_json(input_json),
        "decision_sha256": sha256_json(decision_json),
    })
    for party_id in party_ids.values():
        monitor_rows.set_party_screening(conn, party_id, screening_id)
    case_id = None
    if decision.outcome is not Outcome.CLEAR:
        case_id = open_case(conn, screening_id, decision, actor, now, origin=origin, party_id=party_ids.get("party"))
    _save_finding_hits(conn, decision, party_ids, case_id, now)
    for ref in decision.list_versions:
        monitor_rows.ensure_watermark(conn, ref.source, ref.version_id, now)
    return screening_id, case_id


def _register(
    conn: Connection,
    subject: str,
    query: Query,
    keys: set[str],
    kind: ScreeningKind,
    reference: str | None,
    now: datetime,
    party_key: str | None,
) -> int:
    key = party_key if (party_key and kind is ScreeningKind.PARTY) else order_party_key(query)
    origin = "customer" if key.startswith("customer:") else "order"
    party_id, _ = monitor_rows.upsert_party(
        conn, key=key, origin=origin, external_id=reference, name=query.names[0], schema=query.schema,
        query=query_to_json(query), keys=keys, keys_version=KEYS_VERSION, now=now,
    )
    return party_id


def _save_finding_hits(
    conn: Connection, decision: Decision, party_ids: Mapping[str, int], case_id: int | None, now: datetime
) -> None:
    for subject, detail in finding_hits(decision.findings):
        party_id = party_ids.get(subject) or (party_ids.get("party") if len(party_ids) == 1 else None)
        if party_id is None:
            continue
        monitor_rows.save_hit(conn, {
            "party_id": party_id,
            "entity_id": detail["entity_id"],
            "source": str(detail.get("source") or ""),
            "source_id": None if detail.get("source_id") is None else str(detail["source_id"]),
            "caption": str(detail.get("caption") or detail["entity_id"]),
            "score": float(detail.get("score") or 0.0),
            "case_id": case_id,
            "version_id": int(detail.get("version_id") or detail.get("list_version") or 0),
            "created_at": now,
        })


def open_case(
    conn: Connection,
    screening_id: int,
    decision: Decision,
    actor: str,
    now: datetime,
    *,
    origin: CaseOrigin,
    party_id: int | None,
) -> int:
    """Open a case for a stored screening within ``conn``'s transaction; audited as ``case.open``."""
    title = decision.reasons[0] if decision.reasons else f"screening {screening_id}: {decision.outcome.value}"
    case_id = rows.insert_case(
        conn, screening_id=screening_id, status=CaseStatus.OPEN.value, outcome=decision.outcome.value,
        risk_score=decision.risk_score, title=title, origin=origin.value, party_id=party_id, now=now,
    )
    append_entry(conn, actor, "case.open", f"case:{case_id}", {
        "screening_id": screening_id,
        "outcome": decision.outcome.value,
        "risk_score": decision.risk_score,
        "origin": origin.value,
        "party_id": party_id,
        "title": title,
    })
    return case_id


# -- reading ---------------------------------------------------------------------------------


def screening_from_record(record: Mapping[str, Any]) -> Screening:
    """A :class:`Screening` from its stored columns."""
    return Screening(
        id=record["id"], kind=record["kind"], reference=record["reference"], actor=record["actor"],
        created_at=record["created_at"], input=record["input"],
        decision=Decision.model_validate(record["decision"]), case_id=record.get("case_id"),
    )


def decision_from_record(record: Mapping[str, Any]) -> ReviewDecision:
    """A :class:`ReviewDecision` from its stored columns and attachment records."""
    attachments = tuple(
        AttachmentInfo(id=a["id"], name=a["name"], content_type=a["content_type"], sha256=a["sha256"], size=a["size"])
        for a in record.get("attachments", [])
    )
    fields = {k: v for k, v in record.items() if k != "attachments"}
    return ReviewDecision(**fields, attachments=attachments)


def get_screening(store: Store, screening_id: int) -> Screening:
    """The stored screening ``screening_id``.

    Raises:
        NotFound: no such screening.
    """
    with database_errors(f"reading screening {screening_id}"), read_transaction(store.engine) as conn:
        return screening_from_record(rows.get_screening(conn, screening_id))


def get_case(store: Store, case_id: int) -> Case:
    """The case ``case_id``.

    Raises:
        NotFound: no such case.
    """
    with database_errors(f"reading case {case_id}"), read_transaction(store.engine) as conn:
        return Case(**rows.get_case(conn, case_id))


def list_queue(
    store: Store, statuses: Sequence[CaseStatus | str] | None = OPEN_STATUSES, *, limit: int = 100, offset: int = 0
) -> list[Case]:
    """The review queue: cases in the given statuses, highest risk first, then oldest first.

    Args:
        store: the open store.
        statuses: which statuses (default: open, escalated and pending second review);
            None for every case.
        limit: at most this many cases.
        offset: skip this many first.
    Returns:
        The cases.
    Raises:
        InputError: an unknown status.
    """
    wanted = None
    if statuses is not None:
        try:
            wanted = [CaseStatus(status).value for status in statuses]
        except ValueError as exc:
            raise InputError(f"unknown case status: {exc}", field="status") from None
    with database_errors("reading the review queue"), read_transaction(store.engine) as conn:
        return [Case(**record) for record in rows.list_cases(conn, statuses=wanted, limit=limit, offset=offset)]


def queue_counts(store: Store) -> dict[str, int]:
    """How many cases each status holds (every status present, zero if none)."""
    with database_errors("counting cases"), read_transaction(store.engine) as conn:
        counts = rows.count_cases(conn)
    return {status.value: counts.get(status.value, 0) for status in CaseStatus}


def case_detail(store: Store, case_id: int) -> CaseDetail:
    """A case with its screening, its decisions (with attachment records) and its notes.

    Raises:
        NotFound: no such case.
    """
    with database_errors(f"reading case {case_id}"), read_transaction(store.engine) as conn:
        case = Case(**rows.get_case(conn, case_id))
        screening = screening_from_record(rows.get_screening(conn, case.screening_id))
        decisions = tuple(decision_from_record(r) for r in rows.decisions_of(conn, case_id))
        notes = tuple(CaseNote(**r) for r in rows.notes_of(conn, case_id=case_id))
    return CaseDetail(case=case, screening=screening, decisions=decisions, notes=notes)


def get_attachment(store: Store, attachment_id: int) -> tuple[AttachmentInfo, bytes]:
    """An attachment's description and bytes.

    Raises:
        NotFound: no such attachment.
    """
    with database_errors(f"reading attachment {attachment_id}"), read_transaction(store.engine) as conn:
        record = rows.attachment_content(conn, attachment_id)
    info = AttachmentInfo(
        id=record["id"], name=record["name"], content_type=record["content_type"], sha256=record["sha256"],
        size=record["size"],
    )
    return info, bytes(record["content"])

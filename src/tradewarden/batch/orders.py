"""Batch screening of orders: one JSONL line per order through :func:`tradewarden.screen.screen_order`.

The order path of the per-chunk function. Each line is an order as in ``docs/order.schema.json``
(its ``reference`` becomes the output id), or ``{"id": ..., "order": {...}}`` to name it. An
order that fails validation is rejected with the field ``parse_order`` names. Besides the match
index, ``screen_order`` reads the list side tables and the decision policy, carried in an
``OrderContext`` (from :func:`tradewarden.screen_service.load_screening` at the CLI).

Output row: ``{"id", "decision", "risk_score", "reasons": [...], "findings": [{"code",
"category", "severity", "outcome", "title", "detail", "subject", "evidence": [{"kind",
"reference", "citation"}]}]}``; the evidence's free-form ``detail`` is left out (``tradewarden
screen`` shows it for one order).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tradewarden.batch.records import RawRecord, Reject
from tradewarden.batch.screening import Chunk, ChunkResult
from tradewarden.decide import Decision, DecisionPolicy
from tradewarden.errors import InputError
from tradewarden.listed import ListData
from tradewarden.match.index import MatchIndex
from tradewarden.models import Order, parse_order
from tradewarden.party_check import ConfirmPolicy


@dataclass(frozen=True)
class OrderContext:
    """What ``screen_order`` reads besides the order and the index.

    Attributes:
        lists: programmes, ownership links and versions of the current lists.
        policy: the decision policy (stale and missing sources).
        confirm: what counts as a confirmed match.
    """

    lists: ListData = field(default_factory=ListData)
    policy: DecisionPolicy = field(default_factory=DecisionPolicy)
    confirm: ConfirmPolicy = field(default_factory=ConfirmPolicy)

    def identity(self) -> dict[str, Any]:
        """The parts that change decisions, for the resume fingerprint (list versions, policies)."""
        return {
            "versions": {source: ref.model_dump(mode="json") for source, ref in sorted(self.lists.versions.items())},
            "stale": list(self.policy.stale_sources),
            "min_block_score": self.policy.min_block_score,
            "confirm": repr(self.confirm),
        }


def check_order(raw: RawRecord) -> tuple[str, Order] | Reject:
    """Validate one order line.

    Args:
        raw: a JSONL record whose ``order`` field holds the parsed JSON object.
    Returns:
        ``(id, order)``, or a ``Reject`` naming the first invalid field.
    """
    if raw.problem is not None:
        return Reject(raw.line, "", raw.problem)
    value = raw.fields.get("order")
    if not isinstance(value, dict):
        return Reject(raw.line, "", "expected a JSON object (an order)")
    record_id: object = None
    if set(value) == {"id", "order"}:
        record_id = value["id"]
        inner = value["order"]
        if not isinstance(inner, dict):
            return Reject(raw.line, str(record_id), "order: expected a JSON object")
        value = inner
    if record_id is None and isinstance(value.get("reference"), str):
        record_id = value["reference"]
    try:
        order = parse_order(value)
    except InputError as exc:
        return Reject(raw.line, "" if record_id is None else str(record_id), str(exc))
    if record_id is None:
        record_id = f"line-{raw.line}"
    return str(record_id), order


def order_row(record_id: str, decision: Decision) -> dict[str, Any]:
    """The output row of one screened order."""
    return {
        "id": record_id,
        "decision": decision.outcome.value,
        "risk_score": decision.risk_score,
        "reasons": list(decision.reasons),
        "findings": [
            {
                "code": f.code, "category": f.category.value, "severity": f.severity.name.lower(),
                "outcome": f.outcome.value, "title": f.title, "detail": f.detail, "subject": f.subject,
                "evidence": [{"kind": e.kind, "reference": e.reference, "citation": e.citation} for e in f.evidence],
            }
            for f in decision.findings
        ],
    }


def screen_order_chunk(index: MatchIndex, chunk: Chunk, context: OrderContext) -> ChunkResult:
    """Validate and screen every order of a chunk; a bad order becomes a reject and the rest go on.

    Args:
        index: the match index.
        chunk: the order lines.
        context: list side tables and policies.
    Returns:
        The rows (input order), rejects and statistics.
    """
    from tradewarden.screen import screen_order

    result = ChunkResult(chunk.chunk_id)
    for raw in chunk.records:
        checked = check_order(raw)
        if isinstance(checked, Reject):
            result.rejects.append(checked)
            result.stats.add_reject()
            continue
        record_id, order = checked
        try:
            decision = screen_order(order, index, policy=context.policy, lists=context.lists, confirm=context.confirm)
        except Exception as exc:  # one order must not stop the batch; the reject names the cause
            result.rejects.append(Reject(raw.line, record_id, f"screening failed: {type(exc).__name__}: {exc}"))
            result.stats.add_reject()
            continue
        result.rows.append(order_row(record_id, decision))
        reason = decision.reasons[0] if decision.reasons else ""
        result.stats.add_order(record_id, order.parties[0].name, decision.outcome, decision.risk_score, reason)
    return result

"""The audit hash chain as pure functions: canonical JSON, entry hashes and chain checking.

An entry's hash is the SHA-256 (hex) of the canonical JSON (sorted keys, no spaces, UTF-8,
no NaN) of the array ``[seq, timestamp, actor, action, subject, payload, prev_hash]``, where
``timestamp`` is ``YYYY-MM-DDTHH:MM:SS.ffffffZ`` (UTC) and ``prev_hash`` is the hash of the
entry before it (the genesis hash, 64 zeros, for the first entry; the pruning anchor after
old entries were pruned). Used by the store (:mod:`tradewarden.store.audit`) and, offline,
by the bundle check (:mod:`tradewarden.store.audit_bundle`); no I/O here.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from enum import Enum
from pathlib import PurePath
from typing import Any

from tradewarden.errors import InputError

GENESIS_HASH = "0" * 64
PRUNE_ACTION = "audit.prune"
# How far (in seq) a moved entry is looked for when telling "moved" from "edited".
_MOVE_WINDOW = 8


def _jsonable(value: Any) -> Any:
    if isinstance(value, datetime):
        return format_timestamp(value) if value.tzinfo is not None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def canonical_json(value: Any) -> str:
    """``value`` as canonical JSON: sorted keys, no whitespace, UTF-8 text, no NaN.

    Datetimes, dates, enums, paths and sets are converted (to ISO text, values, text, sorted
    lists) so that callers may pass them in payloads.

    Raises:
        InputError: the value holds something JSON cannot express (NaN, an object).
    """
    try:
        # Plain JSON values first: non-string keys become strings, so sorting them cannot fail.
        plain = json.loads(json.dumps(value, allow_nan=False, default=_jsonable))
        return json.dumps(plain, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise InputError(f"not expressible as JSON: {exc}", field="payload") from None


def format_timestamp(moment: datetime) -> str:
    """The hashed form of a timestamp: UTC, microseconds, ``Z`` suffix.

    Raises:
        InputError: a naive datetime (the audit trail keeps UTC only).
    """
    if moment.tzinfo is None:
        raise InputError("must be timezone-aware", field="timestamp")
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_timestamp(text: str) -> datetime:
    """The datetime of a :func:`format_timestamp` text (UTC)."""
    return datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)


def entry_hash(
    seq: int, timestamp: str, actor: str, action: str, subject: str, payload: Any, prev_hash: str
) -> str:
    """The SHA-256 (hex) of an entry: canonical JSON of its fields and the previous hash."""
    canonical = canonical_json([seq, timestamp, actor, action, subject, payload, prev_hash])
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class AuditEntry:
    """One entry of the audit trail.

    Attributes:
        seq: its position in the chain (1, 2, ...; never reused).
        timestamp: when it was written, as :func:`format_timestamp` text.
        actor: who did it (a user name, ``system``, ``cli:<os user>``).
        action: what was done (``user.add``, ``list.promote``, ``case.decide``, ...).
        subject: what it was done to (``user:alice``, ``list:us_ofac_sdn``).
        payload: the details (a JSON object).
        prev_hash: the hash of the entry before it.
        entry_hash: this entry's hash, as stored.
    """

    seq: int
    timestamp: str
    actor: str
    action: str
    subject: str
    payload: dict[str, Any]
    prev_hash: str
    entry_hash: str

    @property
    def created_at(self) -> datetime:
        """The timestamp as a UTC datetime."""
        return parse_timestamp(self.timestamp)

    def expected_hash(self, seq: int | None = None) -> str:
        """The hash its fields give (at ``seq``, default its own)."""
        return entry_hash(
            self.seq if seq is None else seq,
            self.timestamp,
            self.actor,
            self.action,
            self.subject,
            self.payload,
            self.prev_hash,
        )

    def to_dict(self) -> dict[str, Any]:
        """The entry as a JSON object (the export and ``audit log --json`` form)."""
        return {
            "seq": self.seq,
            "timestamp": self.timestamp,
            "actor": self.actor,
            "action": self.action,
            "subject": self.subject,
            "payload": self.payload,
            "prev_hash": self.prev_hash,
            "entry_hash": self.entry_hash,
        }

    @classmethod
    def from_dict(cls, record: Mapping[str, Any]) -> AuditEntry:
        """An entry from :meth:`to_dict` output.

        Raises:
            InputError: a field is missing or has the wrong type.
        """
        try:
            entry = cls(
                seq=int(record["seq"]),
                timestamp=str(record["timestamp"]),
                actor=str(record["actor"]),
                action=str(record["action"]),
                subject=str(record["subject"]),
                payload=dict(record["payload"]),
                prev_hash=str(record["prev_hash"]),
                entry_hash=str(record["entry_hash"]),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(f"not an audit entry: {exc!r}", field="entry") from None
        return entry


@dataclass(frozen=True, slots=True)
class AuditProblem:
    """Where the chain is broken (``seq``) and what is wrong there."""

    seq: int
    reason: str

    def __str__(self) -> str:
        return f"seq {self.seq}: {self.reason}"


@dataclass(frozen=True, slots=True)
class ChainEnd:
    """Where a chain must start and end: the anchor before its first entry and its head."""

    anchor_seq: int
    anchor_hash: str
    head_seq: int
    head_hash: str


@dataclass(slots=True)
class ChainReport:
    """The outcome of checking a chain: entries checked and problems found (none: intact)."""

    end: ChainEnd
    checked: int = 0
    problems: list[AuditProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether the chain is intact."""
        return not self.problems


def _content_problem(entry: AuditEntry) -> AuditProblem:
    for delta in range(1, _MOVE_WINDOW + 1):
        for seq in (entry.seq - delta, entry.seq + delta):
            if seq > 0 and entry.expected_hash(seq) == entry.entry_hash:
                return AuditProblem(
                    entry.seq, f"holds the entry written as seq {seq}: entries were reordered"
                )
    return AuditProblem(entry.seq, "its content does not match its hash: the entry was edited")


def check_chain(entries: Iterable[AuditEntry], end: ChainEnd, *, anchor_recorded: bool = False) -> ChainReport:
    """Check entries (in ascending ``seq``) against each other and the chain's two ends.

    Each entry must follow the one before it without a gap, name its hash as ``prev_hash``
    and hash to its own ``entry_hash``; the first must follow the anchor and the last must be
    the head. A problem is reported at the first seq where it shows.

    Args:
        entries: the entries, ascending by seq (streamed; not held in memory).
        end: the anchor (seq 0 and the genesis hash if never pruned) and the head.
        anchor_recorded: also require that the newest ``audit.prune`` entry names the anchor
            (true for a whole store; a bundle cut with ``--since`` may not contain it).
    Returns:
        The report; ``report.ok`` when nothing is wrong.
    """
    report = ChainReport(end)
    expected_seq, prev_hash, prev_sound = end.anchor_seq + 1, end.anchor_hash, True
    last_prune: AuditEntry | None = None
    for entry in entries:
        report.checked += 1
        if entry.seq < expected_seq:
            reason = f"is at or before seq {expected_seq - 1} (duplicate or below the anchor)"
            report.problems.append(AuditProblem(entry.seq, reason))
            continue
        gap = entry.seq > expected_seq
        if gap:
            missing = str(expected_seq) if entry.seq == expected_seq + 1 else f"{expected_seq}-{entry.seq - 1}"
            report.problems.append(AuditProblem(expected_seq, f"missing (seq {missing} deleted)"))
        content_sound = entry.expected_hash() == entry.entry_hash
        if not content_sound:
            report.problems.append(_content_problem(entry))
        elif not gap and prev_sound and entry.prev_hash != prev_hash:
            before = "the anchor" if entry.seq == end.anchor_seq + 1 else f"seq {entry.seq - 1}"
            reason = f"does not follow {before} (prev_hash differs): {before} was replaced or removed"
            report.problems.append(AuditProblem(entry.seq, reason))
        if entry.action == PRUNE_ACTION:
            last_prune = entry
        expected_seq, prev_hash, prev_sound = entry.seq + 1, entry.entry_hash, content_sound
    last_seq = expected_seq - 1
    if last_seq < end.head_seq:
        missing = str(end.head_seq) if last_seq + 1 == end.head_seq else f"{last_seq + 1}-{end.head_seq}"
        reason = f"missing (seq {missing} deleted; the chain head is seq {end.head_seq})"
        report.problems.append(AuditProblem(last_seq + 1, reason))
    elif last_seq > end.head_seq:
        report.problems.append(AuditProblem(end.head_seq + 1, f"written past the chain head (seq {end.head_seq})"))
    elif prev_hash != end.head_hash:
        reason = "its hash differs from the chain head: the newest entry was replaced"
        report.problems.append(AuditProblem(last_seq, reason))
    if anchor_recorded and end.anchor_seq > 0:
        recorded = {} if last_prune is None else last_prune.payload
        named = (recorded.get("anchor_seq"), recorded.get("anchor_hash"))
        if named != (end.anchor_seq, end.anchor_hash):
            report.problems.append(
                AuditProblem(end.anchor_seq, "the pruning anchor is not the one the newest audit.prune entry records")
            )
    return report

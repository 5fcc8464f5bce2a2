"""Checking the case records against themselves and against the audit trail.

The audit trail (:mod:`tradewarden.store.audit`) proves its own entries unaltered; this module
proves the case rows they describe unaltered. Every decision row carries the SHA-256 of its
content, written also to its ``case.decide`` audit entry; every screening's input and decision
hashes are in its ``screening.record`` entry; attachments carry the SHA-256 of their bytes; and a
case's status must be where its decisions left it. Each problem names the row.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from dataclasses import dataclass, field
from typing import Any

from tradewarden.cases.decisions import decision_content
from tradewarden.cases.model import CaseStatus
from tradewarden.cases.queue import sha256_json
from tradewarden.store import Store
from tradewarden.store import cases as rows
from tradewarden.store.audit import chain_end_of, database_errors, stream_entries
from tradewarden.store.engine import read_transaction


@dataclass(slots=True)
class CaseVerification:
    """The outcome of :func:`verify_cases`: rows checked per table and the problems found."""

    checked: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """Whether every case record matches its hashes and its audit entries."""
        return not self.problems


def verify_cases(store: Store) -> CaseVerification:
    """Check every screening, case, decision and attachment against its hashes and audit entries.

    Returns:
        The verification; each problem names a row, e.g. ``case_decision 3 (case 2): ...``.
    """
    report = CaseVerification()
    with database_errors("verifying the case records"), read_transaction(store.engine) as conn:
        audited_decisions: dict[int, tuple[int, dict[str, Any]]] = {}
        audited_screenings: dict[int, tuple[int, dict[str, Any]]] = {}
        # Entries older than the anchor were pruned: rows older than the oldest kept entry
        # cannot be checked against the trail (only against their own hashes).
        pruned = chain_end_of(conn).anchor_seq > 0
        oldest_kept: datetime | None = None
        for entry in stream_entries(conn):
            oldest_kept = oldest_kept or entry.created_at
            if entry.action == "case.decide" and isinstance(entry.payload.get("decision_id"), int):
                audited_decisions[entry.payload["decision_id"]] = (entry.seq, entry.payload)
            elif entry.action == "screening.record" and entry.subject.startswith("screening:"):
                audited_screenings[int(entry.subject.split(":", 1)[1])] = (entry.seq, entry.payload)
        attachments: dict[int, list[str]] = {}
        for row in rows.all_attachments(conn):
            attachments.setdefault(row["decision_id"], []).append(row["sha256"])
            if hashlib.sha256(row["content"]).hexdigest() != row["sha256"]:
                report.problems.append(f"case_attachment {row['id']}: its bytes do not match its sha256")
        report.checked["case_attachment"] = sum(len(v) for v in attachments.values())
        decisions = rows.all_decisions(conn)
        report.checked["case_decision"] = len(decisions)
        last_status: dict[int, tuple[str, int]] = {}
        for decision in decisions:
            name = f"case_decision {decision['id']} (case {decision['case_id']})"
            digest = sha256_json(decision_content(decision, attachments.get(decision["id"], [])))
            if digest != decision["content_sha256"]:
                report.problems.append(f"{name}: its content does not match its sha256 (edited after it was written)")
            audited = audited_decisions.pop(decision["id"], None)
            if audited is None and not _maybe_pruned(pruned, oldest_kept, decision["created_at"]):
                report.problems.append(f"{name}: no case.decide audit entry records it")
            elif audited is not None and audited[1].get("content_sha256") != digest:
                report.problems.append(f"{name}: differs from its audit entry (seq {audited[0]})")
            count = last_status.get(decision["case_id"], ("", 0))[1]
            last_status[decision["case_id"]] = (decision["to_status"], count + 1)
        for decision_id, (seq, _) in sorted(audited_decisions.items()):
            report.problems.append(f"case_decision {decision_id}: recorded by audit entry seq {seq} but missing")
        cases = rows.case_states(conn)
        report.checked["review_case"] = len(cases)
        for case in cases:
            status, count = last_status.get(case["id"], (CaseStatus.OPEN.value, 0))
            name = f"review_case {case['id']}"
            if case["status"] != status:
                report.problems.append(f"{name}: status {case['status']} but its decisions leave it {status}")
            if case["version"] != count + 1:
                report.problems.append(f"{name}: version {case['version']} after {count} decision(s)")
        screenings = rows.screening_contents(conn)
        report.checked["screening"] = len(screenings)
        for row in screenings:
            audited = audited_screenings.get(row["id"])
            if audited is None:
                if not _maybe_pruned(pruned, oldest_kept, row["created_at"]):
                    report.problems.append(f"screening {row['id']}: no screening.record audit entry records it")
                continue
            seq, payload = audited
            if payload.get("input_sha256") != sha256_json(row["input"]):
                report.problems.append(f"screening {row['id']}: its input differs from audit entry seq {seq}")
            if payload.get("decision_sha256") != sha256_json(row["decision"]):
                report.problems.append(f"screening {row['id']}: its decision differs from audit entry seq {seq}")
    return report


def _maybe_pruned(pruned: bool, oldest_kept: datetime | None, created_at: datetime) -> bool:
    return pruned and (oldest_kept is None or created_at <= oldest_kept)

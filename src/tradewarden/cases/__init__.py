"""Cases: stored screenings, the review queue, four-eyes decisions, re-screening and time travel.

Store plus matcher, orchestrated: screenings and decisions are written through
:mod:`tradewarden.store.cases` and audited with :func:`tradewarden.store.audit.append_audit`'s
machinery in the same transaction; re-screening reads list deltas from the version store.
"""

from __future__ import annotations

from tradewarden.cases.asof import AsOfAnswer, SourceAsOf, listed_asof, versions_asof
from tradewarden.cases.decisions import decide_case, needs_four_eyes, next_status
from tradewarden.cases.model import (
    Attachment,
    AttachmentInfo,
    Case,
    CaseDetail,
    CaseNote,
    CaseOrigin,
    CaseStatus,
    DecisionAction,
    ReviewDecision,
    Screening,
    ScreeningKind,
)
from tradewarden.cases.parties import read_customers
from tradewarden.cases.party_screening import import_customers, screen_imported, screen_party
from tradewarden.cases.queue import case_detail, get_case, get_screening, list_queue, queue_counts, record_screening
from tradewarden.cases.rescreen import RescreenReport, monitor, rescreen_full, rescreen_version
from tradewarden.cases.verify import CaseVerification, verify_cases

__all__ = [
    "AsOfAnswer",
    "Attachment",
    "AttachmentInfo",
    "Case",
    "CaseDetail",
    "CaseNote",
    "CaseOrigin",
    "CaseStatus",
    "CaseVerification",
    "DecisionAction",
    "RescreenReport",
    "ReviewDecision",
    "Screening",
    "ScreeningKind",
    "SourceAsOf",
    "case_detail",
    "decide_case",
    "get_case",
    "get_screening",
    "import_customers",
    "list_queue",
    "listed_asof",
    "monitor",
    "needs_four_eyes",
    "next_status",
    "queue_counts",
    "read_customers",
    "record_screening",
    "rescreen_full",
    "rescreen_version",
    "screen_imported",
    "screen_party",
    "verify_cases",
    "versions_asof",
]

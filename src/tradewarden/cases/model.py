"""The case vocabulary: screenings, cases, reviewer decisions, attachments and notes.

Pydantic models, because they cross into the API, the web views and reports; they are read
from the case tables (:mod:`tradewarden.store.tables_cases`) by :mod:`tradewarden.store.cases`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict, Field

from tradewarden.decide import Decision


class ScreeningKind(StrEnum):
    """What was screened: a whole order or a single party."""

    ORDER = "order"
    PARTY = "party"


class CaseStatus(StrEnum):
    """Where a case is in review; ``released`` and ``blocked`` close it (a block may be released)."""

    OPEN = "open"
    ESCALATED = "escalated"
    PENDING_SECOND_REVIEW = "pending_second_review"
    RELEASED = "released"
    BLOCKED = "blocked"


class DecisionAction(StrEnum):
    """What a reviewer does with a case."""

    RELEASE = "release"
    ESCALATE = "escalate"
    BLOCK = "block"


class CaseOrigin(StrEnum):
    """Why a case exists: a screening that was not clear, or a re-screening alert."""

    SCREENING = "screening"
    MONITOR = "monitor"


class Actor(Protocol):
    """Anyone who acts on cases: a :class:`~tradewarden.store.users.User` or any object with these."""

    @property
    def name(self) -> str: ...

    @property
    def role(self) -> str: ...


class Screening(BaseModel):
    """One stored screening of an order or a party, exactly as it was decided."""

    model_config = ConfigDict(frozen=True)

    id: int = Field(examples=[42])
    kind: ScreeningKind = Field(examples=["order"])
    reference: str | None = Field(default=None, examples=["PO-2024-0117"])
    actor: str = Field(examples=["alice"])
    created_at: datetime
    input: dict[str, Any]
    decision: Decision
    case_id: int | None = Field(default=None, description="The review case it opened, if it was not clear.")


class AttachmentInfo(BaseModel):
    """A stored attachment, without its bytes."""

    model_config = ConfigDict(frozen=True)

    id: int
    name: str = Field(examples=["end-user-statement.pdf"])
    content_type: str = Field(examples=["application/pdf"])
    sha256: str
    size: int = Field(examples=[48213])


class Attachment(BaseModel):
    """An attachment handed in with a decision (name, content type and bytes)."""

    model_config = ConfigDict(frozen=True)

    name: str = Field(min_length=1, max_length=255, examples=["end-user-statement.pdf"])
    content_type: str = Field(default="application/octet-stream", max_length=100, examples=["application/pdf"])
    content: bytes


class ReviewDecision(BaseModel):
    """One reviewer decision on a case (append-only)."""

    model_config = ConfigDict(frozen=True)

    id: int
    case_id: int
    case_version: int = Field(description="The case version the decision was made on.")
    actor: str = Field(examples=["bob"])
    role: str = Field(examples=["reviewer"])
    action: DecisionAction
    rationale: str = Field(examples=["Name match on a common surname; date of birth differs by 20 years."])
    from_status: CaseStatus
    to_status: CaseStatus
    created_at: datetime
    content_sha256: str
    attachments: tuple[AttachmentInfo, ...] = ()


class CaseNote(BaseModel):
    """A note on a case or a monitored party (a delisting, a hit that no longer matches)."""

    model_config = ConfigDict(frozen=True)

    id: int
    case_id: int | None
    party_id: int | None
    kind: str = Field(examples=["delisted"])
    body: str
    detail: dict[str, Any] = Field(default_factory=dict)
    actor: str
    created_at: datetime


class Case(BaseModel):
    """A case in the review queue."""

    model_config = ConfigDict(frozen=True)

    id: int = Field(examples=[7])
    screening_id: int
    status: CaseStatus = Field(examples=["open"])
    outcome: str = Field(examples=["review"])
    risk_score: float = Field(examples=[72.5])
    title: str = Field(examples=["Party name matches us_ofac_sdn 36 (AEROCARIBBEAN AIRLINES), score 0.97"])
    origin: CaseOrigin
    party_id: int | None = None
    version: int = Field(description="Changes with every decision; pass it back to detect conflicts.")
    created_at: datetime
    updated_at: datetime


class CaseDetail(BaseModel):
    """A case with its screening, its decisions and its notes."""

    model_config = ConfigDict(frozen=True)

    case: Case
    screening: Screening
    decisions: tuple[ReviewDecision, ...] = ()
    notes: tuple[CaseNote, ...] = ()

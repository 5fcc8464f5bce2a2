"""Findings: what screening found, each with its evidence; the common output of every check.

Items, destination/route, red-flag rules and party matching all return ``Finding`` values;
``decide.py`` combines them into a decision. Pydantic models, because findings cross the
boundary into reports, the API and the case store.
"""

from __future__ import annotations

from enum import Enum, IntEnum

from pydantic import BaseModel, ConfigDict, Field


class Outcome(str, Enum):
    """What a finding (or a whole decision) asks for; ordered clear < review < block."""

    CLEAR = "clear"
    REVIEW = "review"
    BLOCK = "block"

    @property
    def rank(self) -> int:
        """0 for clear, 1 for review, 2 for block."""
        return {"clear": 0, "review": 1, "block": 2}[self.value]


class Severity(IntEnum):
    """How much a finding weighs in the risk score."""

    INFO = 0
    LOW = 1
    MEDIUM = 2
    HIGH = 3
    CRITICAL = 4


class Category(str, Enum):
    """Which part of the order a finding is about."""

    PARTY = "party"
    OWNERSHIP = "ownership"
    ITEM = "item"
    DESTINATION = "destination"
    ROUTE = "route"
    RED_FLAG = "red_flag"
    DATA = "data"


class Evidence(BaseModel):
    """One piece of evidence behind a finding: a list entry, an HS list row, a rule, a jurisdiction."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(examples=["list_entry", "hs_list", "jurisdiction", "rule", "port"])
    reference: str = Field(examples=["us_ofac_sdn:36 (version 12)", "chpl.csv 854231"])
    citation: str = Field(default="", examples=["15 CFR part 746, Supplement No. 7"])
    detail: dict[str, object] = Field(default_factory=dict)


class Finding(BaseModel):
    """One reason for concern (or a note), with its evidence.

    Attributes:
        code: stable machine code (``ITEM_CHPL_TIER1``, ``DEST_EMBARGO``, ``RF-EU-01``).
        category: which part of the order it concerns.
        severity: weight in the risk score.
        outcome: what this finding alone asks for (review or block; clear for notes).
        title: one line for a reviewer.
        detail: the explanation, in a sentence or two.
        subject: the order field it concerns (``order.items[2]``, ``order.parties[0]``).
        evidence: what it rests on.
    """

    model_config = ConfigDict(frozen=True)

    code: str
    category: Category
    severity: Severity
    outcome: Outcome
    title: str
    detail: str = ""
    subject: str = ""
    evidence: tuple[Evidence, ...] = ()

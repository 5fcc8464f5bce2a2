"""Findings in, a decision out: clear, review or block, with a risk score and the reasons.

Deterministic and pure. Thresholds arrive as arguments (``DecisionPolicy``); nothing is read
from the environment here.

Rules, in order:
1. Any finding whose outcome is BLOCK → block (a confirmed-strength list match, an embargoed
   destination or region, a licence requirement to a prohibited destination).
2. Otherwise any finding whose outcome is REVIEW → review (needs a human).
3. Otherwise, if the lists used are stale or missing → review, with that reason: stale lists
   never yield "clear".
4. Otherwise → clear.
The risk score (0-100) is a saturating sum of the findings' severities, so that it orders cases
in a review queue; it never overrides the outcome rules above.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field

from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity

#: Points each severity adds to the risk score before saturation.
SEVERITY_POINTS: dict[Severity, float] = {
    Severity.INFO: 0.0,
    Severity.LOW: 5.0,
    Severity.MEDIUM: 15.0,
    Severity.HIGH: 35.0,
    Severity.CRITICAL: 70.0,
}


@dataclass(frozen=True, slots=True)
class DecisionPolicy:
    """Knobs of the decision.

    Attributes:
        stale_sources: names of list sources that are stale or missing; non-empty → never clear.
        min_block_score: a risk score at or above this turns review into block (100 = never).
    """

    stale_sources: tuple[str, ...] = ()
    min_block_score: float = 101.0


class ListVersionRef(BaseModel):
    """Which version of a list a screening used."""

    model_config = ConfigDict(frozen=True)

    source: str = Field(examples=["us_ofac_sdn"])
    version_id: int = Field(examples=[11])
    published_at: str | None = Field(default=None, examples=["2024-05-03"])
    sha256: str = ""


class Decision(BaseModel):
    """The outcome of screening an order or a party, with every reason spelled out."""

    model_config = ConfigDict(frozen=True)

    outcome: Outcome = Field(examples=["review"])
    risk_score: float = Field(ge=0, le=100, examples=[42.0])
    reasons: tuple[str, ...] = Field(default=(), examples=[["GNSS receiver (HS 852691) on the Common High Priority List, tier 2"]])
    findings: tuple[Finding, ...] = ()
    list_versions: tuple[ListVersionRef, ...] = ()
    data_versions: dict[str, str] = Field(default_factory=dict, examples=[{"rules": "sha256:…", "items": "sha256:…"}])


def risk_score(findings: Iterable[Finding]) -> float:
    """A 0-100 score: ``100 * (1 - prod(1 - points/100))`` over the findings' severities."""
    remaining = 1.0
    for finding in findings:
        remaining *= 1.0 - SEVERITY_POINTS[finding.severity] / 100.0
    return round(100.0 * (1.0 - remaining), 1)


def stale_finding(sources: Sequence[str]) -> Finding:
    """The DATA finding that says which lists were stale or missing when screening ran."""
    return Finding(
        code="DATA_LISTS_STALE",
        category=Category.DATA,
        severity=Severity.MEDIUM,
        outcome=Outcome.REVIEW,
        title="Sanctions lists are stale or missing: screening cannot clear this",
        detail="Lists older than the configured maximum age or never loaded: " + ", ".join(sources),
        evidence=tuple(Evidence(kind="list_status", reference=source) for source in sources),
    )


def decide(
    findings: Sequence[Finding],
    policy: DecisionPolicy = DecisionPolicy(),
    list_versions: Sequence[ListVersionRef] = (),
    data_versions: dict[str, str] | None = None,
) -> Decision:
    """Combine findings into a decision.

    Args:
        findings: everything screening found.
        policy: stale sources and the score threshold.
        list_versions: the list versions screening used (recorded in the decision).
        data_versions: versions of the rule, HS and jurisdiction data used.
    Returns:
        The decision, its reasons ordered from most to least serious.
    """
    all_findings = list(findings)
    if policy.stale_sources and not any(f.code == "DATA_LISTS_STALE" for f in all_findings):
        all_findings.append(stale_finding(policy.stale_sources))
    score = risk_score(all_findings)
    outcome = Outcome.CLEAR
    for finding in all_findings:
        if finding.outcome.rank > outcome.rank:
            outcome = finding.outcome
    if outcome is Outcome.REVIEW and score >= policy.min_block_score:
        outcome = Outcome.BLOCK
    ordered = sorted(all_findings, key=lambda f: (-f.outcome.rank, -int(f.severity), f.code))
    reasons = tuple(f.title for f in ordered if f.outcome is not Outcome.CLEAR)
    return Decision(
        outcome=outcome,
        risk_score=score,
        reasons=reasons,
        findings=tuple(ordered),
        list_versions=tuple(list_versions),
        data_versions=dict(data_versions or {}),
    )

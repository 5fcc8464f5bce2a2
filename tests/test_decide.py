from __future__ import annotations

from tradewarden.decide import DecisionPolicy, decide, risk_score
from tradewarden.findings import Category, Finding, Outcome, Severity


def f(code: str, outcome: Outcome, severity: Severity = Severity.MEDIUM) -> Finding:
    return Finding(code=code, category=Category.ITEM, severity=severity, outcome=outcome, title=code)


def test_no_findings_is_clear() -> None:
    decision = decide([])
    assert decision.outcome is Outcome.CLEAR and decision.risk_score == 0 and decision.reasons == ()


def test_block_wins_over_review_and_reasons_are_ordered() -> None:
    decision = decide([f("R", Outcome.REVIEW, Severity.HIGH), f("B", Outcome.BLOCK, Severity.CRITICAL)])
    assert decision.outcome is Outcome.BLOCK
    assert decision.reasons == ("B", "R")


def test_info_notes_do_not_raise_the_outcome() -> None:
    assert decide([f("N", Outcome.CLEAR, Severity.INFO)]).outcome is Outcome.CLEAR


def test_stale_lists_never_clear() -> None:
    decision = decide([], DecisionPolicy(stale_sources=("us_ofac_sdn",)))
    assert decision.outcome is Outcome.REVIEW
    assert any("stale" in reason for reason in decision.reasons)
    assert decision.findings[0].code == "DATA_LISTS_STALE"


def test_risk_score_saturates_and_orders() -> None:
    one = risk_score([f("a", Outcome.REVIEW, Severity.HIGH)])
    two = risk_score([f("a", Outcome.REVIEW, Severity.HIGH)] * 2)
    many = risk_score([f("a", Outcome.BLOCK, Severity.CRITICAL)] * 10)
    assert 0 < one < two < many <= 100


def test_score_threshold_can_escalate_review_to_block() -> None:
    findings = [f("a", Outcome.REVIEW, Severity.CRITICAL)] * 3
    assert decide(findings).outcome is Outcome.REVIEW
    assert decide(findings, DecisionPolicy(min_block_score=95)).outcome is Outcome.BLOCK

"""Evaluate red-flag rules over an order's facts; pure, no I/O.

Logic is three-valued: a leaf whose fact is unknown (missing or ``None``) is *unknown*, never
false. ``all`` is false if any part is false, else unknown if any part is unknown; ``any`` is
true if any part is true, else unknown if any part is unknown; ``not`` keeps unknown. Only
``exists`` always answers true or false.

Leaf semantics: ``is`` (a boolean), ``eq``/``ne`` (equality), ``in``/``not_in`` (membership; a
list-valued fact is *in* when any element is, *not_in* when none is), ``lt``/``gt``/``lte``/``gte``
(numbers or dates), ``contains`` (a list holds the value; a string holds it as a case-insensitive
substring), ``matches`` (``re.search``, case-insensitive; any element of a list), ``within_days_of``
(two dates at most ``days`` apart).

A rule that is true yields a :class:`~tradewarden.findings.Finding` with the rule's severity and
outcome. A rule that is unknown yields, when ``report_unknown`` is set (the default), one INFO note
``RULE_UNKNOWN`` (outcome clear) listing the missing facts, so the reviewer knows what to ask: the
KYC guidance makes an unanswered red flag a duty to inquire, so silence would read as "clean".
A rule without a condition (``not_evaluable``) yields nothing.

Item-scope rules run once per entry of ``facts["items"]`` (that item's facts over the order's).
Rules that read ``red_flag_count`` run last, with the number of flags that fired before them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from tradewarden.errors import InputError
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.rules.model import All, AnyOf, Condition, FactRef, Leaf, Not, Op, Rule, SetRef, referenced_facts

RED_FLAG_COUNT = "red_flag_count"
UNKNOWN_CODE = "RULE_UNKNOWN"

Truth = bool | None


@dataclass(frozen=True, slots=True)
class Verdict:
    """The value of a condition, the leaves that decided it, and the facts that were missing."""

    truth: Truth
    reasons: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def _show(value: Any) -> str:
    if isinstance(value, SetRef):
        return f"set {value.name}"
    if isinstance(value, FactRef):
        return f"fact {value.fact}"
    if isinstance(value, tuple | list):
        return "[" + ", ".join(_show(part) for part in value) + "]"
    if isinstance(value, date):
        return value.isoformat()
    return repr(value) if isinstance(value, str) else str(value)


def _members(operand: Any) -> frozenset[Any] | tuple[Any, ...]:
    return operand.values if isinstance(operand, SetRef) else tuple(operand)


def _compare(leaf: Leaf, value: Any, other: Any) -> bool:
    op = leaf.op
    many = isinstance(value, list | tuple)
    if op is Op.IS:
        if not isinstance(value, bool):
            raise InputError(f"fact is {value!r}, expected true or false", field=f"facts.{leaf.fact}")
        return value is other
    if op is Op.EQ:
        return bool(value == other)
    if op is Op.NE:
        return bool(value != other)
    if op in (Op.IN, Op.NOT_IN):
        members = _members(other)
        hit = any(part in members for part in value) if many else value in members
        return hit if op is Op.IN else not hit
    if op is Op.CONTAINS:
        if isinstance(value, str) and isinstance(other, str):
            return other.casefold() in value.casefold()
        return many and other in value
    if op is Op.MATCHES:
        texts = value if many else [value]
        return any(re.search(str(other), str(text), re.IGNORECASE) for text in texts)
    try:
        if op is Op.WITHIN_DAYS_OF:
            return bool(abs((value - other).days) <= (leaf.days or 0))
        if op is Op.LT:
            return bool(value < other)
        if op is Op.GT:
            return bool(value > other)
        if op is Op.LTE:
            return bool(value <= other)
        return bool(value >= other)
    except (TypeError, AttributeError):
        raise InputError(f"cannot compare {value!r} with {other!r} ({op.value})", field=f"facts.{leaf.fact}") from None


def _leaf(leaf: Leaf, facts: Mapping[str, Any]) -> Verdict:
    value = facts.get(leaf.fact)
    if leaf.op is Op.EXISTS:
        truth = (value is not None) is leaf.operand
        return Verdict(truth, (f"{leaf.fact} {'is known' if value is not None else 'is unknown'}",))
    other = leaf.operand
    missing = [leaf.fact] if value is None else []
    if isinstance(other, FactRef):
        other = facts.get(other.fact)
        if other is None:
            missing.append(leaf.operand.fact)
    if missing:
        return Verdict(None, missing=tuple(missing))
    truth = _compare(leaf, value, other)
    reason = f"{leaf.fact} = {_show(value)} ({leaf.op.value} {_show(leaf.operand)}"
    reason += f", {leaf.days} days)" if leaf.op is Op.WITHIN_DAYS_OF else ")"
    return Verdict(truth, (reason,))


def _combine(parts: list[Verdict], decisive: bool) -> Verdict:
    """``decisive`` is the truth value that settles the combination (False for all, True for any)."""
    settled = [part for part in parts if part.truth is decisive]
    if settled:
        return Verdict(decisive, tuple(reason for part in settled for reason in part.reasons))
    unknown = [part for part in parts if part.truth is None]
    if unknown:
        missing = dict.fromkeys(name for part in unknown for name in part.missing)
        return Verdict(None, missing=tuple(missing))
    return Verdict(not decisive, tuple(reason for part in parts for reason in part.reasons))


def evaluate_condition(condition: Condition, facts: Mapping[str, Any]) -> Verdict:
    """Evaluate one condition over facts, three-valued.

    Args:
        condition: a validated condition (from a loaded rule).
        facts: fact name to value; missing names and ``None`` are unknown.

    Returns:
        The :class:`Verdict`: true, false or unknown (``None``), with reasons or missing facts.
    """
    if isinstance(condition, All):
        return _combine([evaluate_condition(part, facts) for part in condition.all], decisive=False)
    if isinstance(condition, AnyOf):
        return _combine([evaluate_condition(part, facts) for part in condition.any], decisive=True)
    if isinstance(condition, Not):
        inner = evaluate_condition(condition.not_, facts)
        truth = None if inner.truth is None else not inner.truth
        return Verdict(truth, tuple(f"not: {reason}" for reason in inner.reasons), inner.missing)
    return _leaf(condition, facts)


def _fired(rule: Rule, verdict: Verdict, subject: str) -> Finding:
    evidence = Evidence(
        kind="rule",
        reference=rule.id,
        citation=rule.citation,
        detail={
            "rule_kind": rule.kind,
            "reasons": list(verdict.reasons),
            "verification": {source.id: source.verification for source in rule.sources},
        },
    )
    return Finding(
        code=rule.id,
        category=rule.category,
        severity=rule.severity,
        outcome=rule.outcome,
        title=rule.statement,
        detail="Because " + "; ".join(verdict.reasons) + ".",
        subject=subject,
        evidence=(evidence,),
    )


def _unknown(rule: Rule, missing: Iterable[str], subject: str) -> Finding:
    names = list(dict.fromkeys(missing))
    return Finding(
        code=UNKNOWN_CODE,
        category=Category.DATA,
        severity=Severity.INFO,
        outcome=Outcome.CLEAR,
        title=f"{rule.id} could not be evaluated: unknown {', '.join(names)}",
        detail=f"{rule.statement} Establish {', '.join(names)} to evaluate this red flag.",
        subject=subject,
        evidence=(Evidence(kind="rule", reference=rule.id, citation=rule.citation, detail={"missing_facts": names}),),
    )


def _evaluate_rule(rule: Rule, facts: Mapping[str, Any], report_unknown: bool) -> list[Finding]:
    assert rule.when is not None
    if rule.scope == "order":
        scopes: list[tuple[str, Mapping[str, Any]]] = [("order", facts)]
    else:
        items = facts.get("items")
        if items is None:
            scopes = [("order.items", facts)]
        else:
            scopes = [(f"order.items[{index}]", {**facts, **item}) for index, item in enumerate(items)]
    fired: list[Finding] = []
    missing: list[str] = []
    for subject, scoped in scopes:
        verdict = evaluate_condition(rule.when, scoped)
        if verdict.truth:
            fired.append(_fired(rule, verdict, subject))
        elif verdict.truth is None:
            missing.extend(verdict.missing)
    if fired or not missing or not report_unknown:
        return fired
    return [_unknown(rule, missing, "order" if rule.scope == "order" else "order.items")]


def evaluate(rules: Iterable[Rule], facts: Mapping[str, Any], *, report_unknown: bool = True) -> list[Finding]:
    """Evaluate rules over an order's facts.

    Args:
        rules: loaded rules (a :class:`~tradewarden.rules.load.RuleSet` or any iterable of rules).
        facts: the order's facts (``derive_facts``), plus any that screening computed.
        report_unknown: add a ``RULE_UNKNOWN`` INFO note for each rule that could not be decided.

    Returns:
        One finding per rule (and per item, for item-scope rules) that fired, in rule order,
        then the notes of rules that could not be evaluated.

    Raises:
        InputError: a fact has a type its comparison cannot use (``field`` is ``facts.NAME``).
    """
    runnable = [rule for rule in rules if rule.when is not None]
    # One pass: rules that count other flags run last. (A `rule not in first` test compared
    # whole pydantic rule trees for every pair of rules on every order.)
    first: list[Rule] = []
    last: list[Rule] = []
    for rule in runnable:
        assert rule.when is not None
        (last if RED_FLAG_COUNT in referenced_facts(rule.when) else first).append(rule)
    results = {rule.id: _evaluate_rule(rule, facts, report_unknown) for rule in first}
    count = sum(1 for rule in first if rule.kind == "flag" and any(f.code == rule.id for f in results[rule.id]))
    with_count = {**facts, RED_FLAG_COUNT: count}
    results.update({rule.id: _evaluate_rule(rule, with_count, report_unknown) for rule in last})
    ordered = [finding for rule in runnable for finding in results[rule.id]]
    return [f for f in ordered if f.code != UNKNOWN_CODE] + [f for f in ordered if f.code == UNKNOWN_CODE]

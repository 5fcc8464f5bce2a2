"""The condition engine: three-valued logic, each operator, item scope, unknown notes, red_flag_count."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradewarden.errors import InputError
from tradewarden.findings import Category, Outcome, Severity
from tradewarden.rules import UNKNOWN_CODE, evaluate, evaluate_condition, load_rules_text
from tradewarden.rules.model import FactSpec, Leaf, SourceRef, ValueSet

FACTS = {
    "flag": FactSpec(type="bool"),
    "other_flag": FactSpec(type="bool"),
    "country": FactSpec(type="iso2"),
    "home": FactSpec(type="iso2"),
    "countries": FactSpec(type="list_iso2"),
    "amount": FactSpec(type="number"),
    "text": FactSpec(type="string"),
    "day": FactSpec(type="date"),
    "ref_day": FactSpec(type="date"),
    "method": FactSpec(type="enum", values=("cash", "wire")),
}
SETS_YAML = """
sets:
  hubs: {values: [AE, KZ], sources: [{id: X, ref: y, verification: primary}]}
"""


SETS = {"hubs": ValueSet(values=("AE", "KZ"), sources=(SourceRef(id="X", ref="y", verification="primary"),))}


def leaf(raw: dict[str, Any]) -> Leaf:
    return Leaf.model_validate(raw, context={"facts": FACTS, "sets": SETS})


@pytest.mark.parametrize(
    ("raw", "facts", "truth"),
    [
        ({"fact": "flag", "is": True}, {"flag": True}, True),
        ({"fact": "flag", "is": True}, {"flag": False}, False),
        ({"fact": "flag", "is": False}, {}, None),
        ({"fact": "flag", "is": True}, {"flag": None}, None),
        ({"fact": "country", "eq": "RU"}, {"country": "RU"}, True),
        ({"fact": "country", "ne": "RU"}, {"country": "RU"}, False),
        ({"fact": "country", "ne": {"fact": "home"}}, {"country": "RU", "home": "AE"}, True),
        ({"fact": "country", "ne": {"fact": "home"}}, {"country": "RU"}, None),
        ({"fact": "country", "in": ["RU", "BY"]}, {"country": "BY"}, True),
        ({"fact": "country", "in": {"set": "hubs"}}, {"country": "KZ"}, True),
        ({"fact": "country", "not_in": {"set": "hubs"}}, {"country": "KZ"}, False),
        ({"fact": "countries", "in": {"set": "hubs"}}, {"countries": ["DE", "AE"]}, True),
        ({"fact": "countries", "in": {"set": "hubs"}}, {"countries": []}, False),
        ({"fact": "countries", "not_in": {"set": "hubs"}}, {"countries": ["DE", "PL"]}, True),
        ({"fact": "countries", "contains": "AE"}, {"countries": ["DE", "AE"]}, True),
        ({"fact": "text", "contains": "SERIAL"}, {"text": "no serial numbers"}, True),
        ({"fact": "text", "matches": "^no\\b"}, {"text": "No serial"}, True),
        ({"fact": "text", "matches": "^serial"}, {"text": "No serial"}, False),
        ({"fact": "amount", "lt": 10}, {"amount": 9.5}, True),
        ({"fact": "amount", "gt": 10}, {"amount": 10}, False),
        ({"fact": "amount", "lte": 10}, {"amount": 10}, True),
        ({"fact": "amount", "gte": 10}, {"amount": 9}, False),
        ({"fact": "day", "gte": date(2022, 2, 24)}, {"day": date(2022, 2, 24)}, True),
        ({"fact": "day", "within_days_of": {"fact": "ref_day"}, "days": 30}, {"day": date(2024, 1, 1), "ref_day": date(2024, 1, 31)}, True),
        ({"fact": "day", "within_days_of": {"fact": "ref_day"}, "days": 29}, {"day": date(2024, 1, 1), "ref_day": date(2024, 1, 31)}, False),
        ({"fact": "day", "within_days_of": date(2024, 1, 1), "days": 0}, {"day": date(2024, 1, 1)}, True),
        ({"fact": "amount", "exists": True}, {}, False),
        ({"fact": "amount", "exists": False}, {}, True),
        ({"fact": "amount", "exists": True}, {"amount": 0}, True),
    ],
)
def test_leaf_operators(raw: dict[str, Any], facts: dict[str, Any], truth: bool | None) -> None:
    assert evaluate_condition(leaf(raw), facts).truth is truth


def _condition(when: str) -> Any:
    text = SETS_YAML + f"""
facts:
  flag: {{type: bool}}
  other_flag: {{type: bool}}
flags:
  - id: T-01
    statement: test
    severity: low
    sources: [{{id: X, ref: y, verification: primary}}]
    when: {when}
"""
    rule = load_rules_text(text, include_package=False).rules[0]
    assert rule.when is not None
    return rule.when


@pytest.mark.parametrize(
    ("flag", "other", "all_truth", "any_truth"),
    [
        (True, True, True, True),
        (True, False, False, True),
        (False, None, False, None),
        (True, None, None, True),
        (None, None, None, None),
        (False, False, False, False),
    ],
)
def test_three_valued_all_any(flag: bool | None, other: bool | None, all_truth: bool | None, any_truth: bool | None) -> None:
    facts = {"flag": flag, "other_flag": other}
    both = "[{fact: flag, is: true}, {fact: other_flag, is: true}]"
    assert evaluate_condition(_condition(f"{{all: {both}}}"), facts).truth is all_truth
    assert evaluate_condition(_condition(f"{{any: {both}}}"), facts).truth is any_truth


def test_not_keeps_unknown_and_flips_known() -> None:
    condition = _condition("{not: {fact: flag, is: true}}")
    assert evaluate_condition(condition, {"flag": False}).truth is True
    assert evaluate_condition(condition, {"flag": True}).truth is False
    verdict = evaluate_condition(condition, {})
    assert verdict.truth is None and verdict.missing == ("flag",)


def test_unknown_lists_only_the_facts_that_mattered() -> None:
    condition = _condition("{any: [{fact: flag, is: true}, {all: [{fact: other_flag, is: true}, {fact: flag, is: false}]}]}")
    verdict = evaluate_condition(condition, {"other_flag": True})
    assert verdict.truth is None and verdict.missing == ("flag",)


def test_wrong_fact_type_is_an_input_error() -> None:
    with pytest.raises(InputError) as caught:
        evaluate_condition(leaf({"fact": "amount", "gt": 10}), {"amount": "ten"})
    assert caught.value.field == "facts.amount"
    with pytest.raises(InputError):
        evaluate_condition(leaf({"fact": "flag", "is": True}), {"flag": "yes"})


RULES_YAML = """
facts:
  flag: {type: bool}
  price: {type: number}
  items: {type: list}
  red_flag_count: {type: number}
prohibitions:
  - id: T-PR-01
    statement: a prohibition
    severity: critical
    category: destination
    sources: [{id: X, ref: "p 1", verification: primary}]
    when: {fact: flag, is: true}
flags:
  - id: T-01
    statement: the flag is set
    severity: medium
    sources: [{id: X, ref: "p 2", verification: primary}, {id: Y, ref: "p 3", verification: secondary}]
    when: {fact: flag, is: true}
  - id: T-02
    statement: an item is expensive
    scope: item
    severity: high
    sources: [{id: X, ref: "p 4", verification: primary}]
    when: {fact: price, gt: 100}
  - id: T-03
    statement: escalate when another flag fired
    severity: high
    sources: [{id: X, ref: "p 5", verification: primary}]
    when: {fact: red_flag_count, gte: 2}
  - id: T-04
    statement: not machine-checkable
    severity: low
    sources: [{id: X, ref: "p 6", verification: primary}]
    not_evaluable: a person must judge it
"""


@pytest.fixture(scope="module")
def test_rules() -> Any:
    return load_rules_text(RULES_YAML, include_package=False)


def test_fired_finding_carries_rule_and_evidence(test_rules: Any) -> None:
    findings = evaluate(test_rules, {"flag": True, "items": []})
    assert [f.code for f in findings] == ["T-PR-01", "T-01"]
    prohibition, flag = findings
    assert prohibition.outcome is Outcome.BLOCK and prohibition.category is Category.DESTINATION
    assert flag.outcome is Outcome.REVIEW and flag.severity is Severity.MEDIUM and flag.category is Category.RED_FLAG
    assert flag.subject == "order" and flag.title == "the flag is set"
    assert flag.detail == "Because flag = True (is True)."
    (evidence,) = flag.evidence
    assert (evidence.kind, evidence.reference, evidence.citation) == ("rule", "T-01", "X p 2; Y p 3")
    assert evidence.detail["verification"] == {"X": "primary", "Y": "secondary"}


def test_item_scope_names_each_item(test_rules: Any) -> None:
    facts = {"flag": False, "items": [{"price": 500}, {"price": 50}, {"price": 101}]}
    findings = evaluate(test_rules, facts)
    assert [(f.code, f.subject) for f in findings] == [("T-02", "order.items[0]"), ("T-02", "order.items[2]")]


def test_item_scope_unknown_is_one_note(test_rules: Any) -> None:
    findings = evaluate(test_rules, {"flag": False, "items": [{"price": 50}, {}, {}]})
    notes = [f for f in findings if f.code == UNKNOWN_CODE]
    assert [(n.evidence[0].reference, n.subject) for n in notes] == [("T-02", "order.items")]
    assert notes[0].evidence[0].detail["missing_facts"] == ["price"]


def test_unknown_notes_come_last_and_can_be_switched_off(test_rules: Any) -> None:
    findings = evaluate(test_rules, {"items": [{"price": 500}]})
    assert [f.code for f in findings] == ["T-02", UNKNOWN_CODE, UNKNOWN_CODE]
    note = findings[1]
    assert (note.severity, note.outcome, note.category) == (Severity.INFO, Outcome.CLEAR, Category.DATA)
    assert note.title == "T-PR-01 could not be evaluated: unknown flag"
    assert [f.code for f in evaluate(test_rules, {"items": [{"price": 500}]}, report_unknown=False)] == ["T-02"]


def test_red_flag_count_rules_run_last(test_rules: Any) -> None:
    one = evaluate(test_rules, {"flag": True, "items": []})
    assert "T-03" not in [f.code for f in one]
    two = evaluate(test_rules, {"flag": True, "items": [{"price": 500}]})
    assert [f.code for f in two] == ["T-PR-01", "T-01", "T-02", "T-03"]
    assert "red_flag_count = 2" in two[-1].detail

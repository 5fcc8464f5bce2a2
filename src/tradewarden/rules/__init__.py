"""The red-flag engine: a rule model, the loader for ``data/red_flags.yaml``, order -> facts, evaluate.

Typical use::

    rules = package_rules()                       # or load_rules(paths=[...]) with user files
    findings = evaluate(rules, derive_facts(order))
"""

from __future__ import annotations

from tradewarden.rules.engine import UNKNOWN_CODE, Verdict, evaluate, evaluate_condition
from tradewarden.rules.facts import derive_facts, item_facts
from tradewarden.rules.load import RuleSet, load_rules, load_rules_text, package_rules
from tradewarden.rules.model import Rule

__all__ = [
    "UNKNOWN_CODE",
    "Rule",
    "RuleSet",
    "Verdict",
    "derive_facts",
    "evaluate",
    "evaluate_condition",
    "item_facts",
    "load_rules",
    "load_rules_text",
    "package_rules",
]

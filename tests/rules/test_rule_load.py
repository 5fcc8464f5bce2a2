"""Loading rule files: the package file validates, user files merge, and a bad rule is a ConfigError naming it."""

from __future__ import annotations

from pathlib import Path

import pytest

from tradewarden.errors import ConfigError
from tradewarden.findings import Outcome, Severity
from tradewarden.rules import evaluate, load_rules, load_rules_text, package_rules

SOURCE = "sources: [{id: ACME-POLICY, ref: 'sec. 4.2', verification: primary}]"


def user_rule(rule_id: str = "ACME-01", when: str = "{fact: payment_method, eq: barter}", extra: str = "") -> str:
    return f"""
flags:
  - id: {rule_id}
    statement: Customer proposes barter.
    severity: high
    {SOURCE}
    when: {when}
{extra}"""


def test_package_file_loads_all_shared_rules() -> None:
    rules = package_rules()
    assert len(rules) == 46
    assert sum(rule.kind == "prohibition" for rule in rules) == 5
    assert all(rule.outcome is Outcome.REVIEW for rule in rules if rule.kind == "flag")
    assert all(rule.outcome is Outcome.BLOCK for rule in rules if rule.kind == "prohibition")
    assert package_rules() is rules


def test_user_file_merges_with_package(tmp_path: Path) -> None:
    path = tmp_path / "acme.yaml"
    path.write_text(user_rule(), encoding="utf-8")
    rules = load_rules([path])
    assert len(rules) == 47 and rules.files[-1] == str(path)
    acme = rules.get("ACME-01")
    assert acme is not None and acme.severity is Severity.HIGH and acme.outcome is Outcome.REVIEW
    assert [f.code for f in evaluate([acme], {"payment_method": "barter"})] == ["ACME-01"]


def test_user_file_may_use_package_sets_and_add_facts() -> None:
    text = user_rule(
        when="{all: [{fact: ship_to_country, in: {set: transshipment_countries}}, {fact: broker_involved, is: true}]}",
        extra="facts:\n  broker_involved: {type: bool, doc: 'a broker arranged the sale'}\n",
    )
    rules = load_rules_text(text)
    (finding,) = [f for f in evaluate(rules, {"ship_to_country": "AM", "broker_involved": True}) if f.code == "ACME-01"]
    assert finding.evidence[0].citation == "ACME-POLICY sec. 4.2"


def test_user_default_outcome_and_prohibitions() -> None:
    text = f"""
meta: {{default_outcome: block}}
prohibitions:
  - {{id: ACME-PR-01, statement: No barter., severity: critical, {SOURCE}, when: {{fact: payment_method, eq: barter}}}}
flags:
  - {{id: ACME-02, statement: No cash., severity: low, {SOURCE}, when: {{fact: payment_method, eq: cash}}}}
"""
    rules = load_rules_text(text)
    assert [(r.id, r.kind, r.outcome) for r in rules if r.id.startswith("ACME")] == [
        ("ACME-PR-01", "prohibition", Outcome.BLOCK),
        ("ACME-02", "flag", Outcome.BLOCK),
    ]


def test_exclude_drops_rules_and_checks_ids(tmp_path: Path) -> None:
    rules = load_rules(exclude=["RF-RT-01"])
    assert rules.get("RF-RT-01") is None and len(rules) == 45
    with pytest.raises(ConfigError, match="RF-RT-99"):
        load_rules(exclude=["RF-RT-99"])


@pytest.mark.parametrize(
    ("text", "rule_id", "field", "message"),
    [
        (user_rule(when="{fact: payment_metod, eq: cash}"), "ACME-01", "when.fact", "unknown fact 'payment_metod'"),
        (user_rule(when="{all: [{fact: payment_method, eq: cassh}]}"), "ACME-01", "when.all[0]", "['cassh'] not among"),
        (user_rule(when="{any: [{fact: payment_method, equals: cash}]}"), "ACME-01", "when.any[0]", "unknown operator 'equals'"),
        (user_rule(when="{not: {fact: quantity, gt: many}}"), "ACME-01", "when.not", "`gt` compares with a number"),
        (user_rule(when="{fact: route_countries, in: {set: hubs}}"), "ACME-01", "when", "unknown value set 'hubs'"),
        (user_rule(when="{fact: item_description, matches: '(unclosed'}"), "ACME-01", "when", "bad regular expression"),
        (user_rule(when="{fact: order_date, within_days_of: 2024-01-01}"), "ACME-01", "when", "needs `days: N`"),
        (user_rule(when="{fact: payment_method, in: cash}"), "ACME-01", "when", "takes a list or {set: NAME}"),
        (user_rule(when="{fact: payment_method, eq: cash, ne: wire}"), "ACME-01", "when", "exactly one operator"),
        (user_rule(when="{fact: customer_is_new, is: maybe}"), "ACME-01", "when", "`is` compares with true or false"),
        (user_rule(rule_id="acme one"), "acme one", "id", "should match pattern"),
        (user_rule().replace("severity: high", "severity: severe"), "ACME-01", "severity", "unknown severity 'severe'"),
        (user_rule().replace("Customer proposes barter.", "''"), "ACME-01", "statement", "at least 1 character"),
        (user_rule().replace("verification: primary", "verification: vibes"), "ACME-01", "sources[0].verification", ""),
        (user_rule() + "    colour: red\n", "ACME-01", "colour", "Extra inputs are not permitted"),
        (user_rule(when="null"), "ACME-01", "", "must say why in `not_evaluable`"),
        (user_rule(rule_id="RF-PY-01"), "RF-PY-01", "id", "duplicate id (first defined in tradewarden/rules/data"),
    ],
)
def test_bad_rule_names_rule_and_field(text: str, rule_id: str, field: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_rules_text(text, source="acme.yaml")
    error = caught.value
    assert error.details["file"] == "acme.yaml"
    assert error.details["rule_id"] == rule_id
    assert error.details["field"] == field
    assert message in str(error)
    assert str(error).startswith(f"acme.yaml: rule {rule_id}")


def test_duplicate_id_within_one_file() -> None:
    text = user_rule() + user_rule().replace("flags:\n", "")
    with pytest.raises(ConfigError, match="ACME-01: duplicate id"):
        load_rules_text(text)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("flags: [1, 2", "not valid YAML"),
        ("- just a list", "a rule file is a mapping"),
        ("rulez: []", "unknown section 'rulez'"),
        ("flags: {id: X}", "`flags` must be a list"),
        ("facts:\n  payment_method: {type: string}", "fact 'payment_method' is already defined differently"),
        ("facts:\n  weird: {type: colour}", "fact weird: type"),
        ("sets:\n  empty: {values: [], sources: [{id: a, ref: b, verification: primary}]}", "set empty: values"),
    ],
)
def test_bad_file_structure(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        load_rules_text(text, source="acme.yaml")
    assert message in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read rule file"):
        load_rules([tmp_path / "absent.yaml"])


def test_empty_user_file_adds_nothing(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("# nothing yet\n", encoding="utf-8")
    assert len(load_rules([path])) == len(package_rules())

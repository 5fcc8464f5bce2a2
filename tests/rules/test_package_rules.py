"""Every rule of the package file fires on facts that show its red flag, and stays quiet on facts that rule it out.

The case table is written by hand, independently of the rule file: a rule without a case, or a
rule that no longer fires on its case, fails. The second half checks the package file against
the shared reference it was built from (ids, statements, citations, facts, value sets).
"""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from tradewarden.findings import Outcome
from tradewarden.rules import UNKNOWN_CODE, Rule, evaluate, package_rules

RULES = package_rules()

Facts = dict[str, Any]


def _flag(name: str) -> tuple[Facts, Facts]:
    return {name: True}, {name: False}


CASES: dict[str, tuple[Facts, Facts]] = {
    "PR-04": ({"listed_ownership_percent": 50.0}, {"listed_ownership_percent": 49.9}),
    "RF-EU-01": (
        {"end_use_statement_provided": False},
        {"end_user_certificate_refused": False, "end_use_statement_provided": True},
    ),
    "RF-EU-02": ({"ownership_opaque": True}, {"end_use_statement_provided": True, "ownership_opaque": False}),
    "RF-EU-03": ({"item_fits_business_line": False}, {"item_fits_business_line": True}),
    "RF-EU-04": ({"item_fits_destination_tech_level": False}, {"item_fits_destination_tech_level": True}),
    "RF-EU-05": _flag("customer_unfamiliar_with_product"),
    "RF-EU-06": ({"requests_no_warranty": True}, {"requests_no_installation": False, "requests_no_warranty": False}),
    "RF-EU-07": _flag("evasive_about_reexport"),
    "RF-EU-08": (
        {"item_installed_at_end_user": True, "end_user_type": "distributor"},
        {"item_installed_at_end_user": True, "end_user_type": "manufacturer", "consignee_type": "end_user"},
    ),
    "RF-EU-09": ({"consignee_type": "mail_center"}, {"consignee_type": "end_user", "end_user_type": "manufacturer"}),
    "RF-PA-01": ({"customer_is_new": True, "customer_age_days": 90}, {"customer_is_new": False}),
    "RF-PA-02": (
        {"customer_web_presence": "minimal", "customer_email_domain": "mail.ru"},
        {"customer_web_presence": "minimal", "customer_email_domain": "orion.ae"},
    ),
    "RF-PA-03": (
        {"customer_incorporation_date": date(2022, 5, 17), "order_date": date(2024, 6, 1), "customer_country": "AE"},
        {"customer_incorporation_date": date(2010, 1, 4), "order_date": date(2024, 6, 1), "customer_country": "AE"},
    ),
    "RF-PA-04": ({"customer_address_type": "virtual_office"}, {"customer_address_type": "industrial"}),
    "RF-PA-05": _flag("address_shared_with_listed_party"),
    "RF-PA-06": _flag("name_similar_to_listed_party"),
    "RF-PA-07": ({"ownership_depth": 3}, {"ownership_opaque": False, "ownership_depth": 2}),
    "RF-PA-08": (
        {"customer_is_new": True, "management_overlaps_listed_party": True},
        {"customer_is_new": True, "management_overlaps_listed_party": False},
    ),
    "RF-PA-09": (
        {"customer_is_new": True, "item_designed_for_listed_customer": True},
        {"customer_is_new": False, "item_designed_for_listed_customer": True},
    ),
    "RF-PA-10": _flag("listed_owner_present"),
    "RF-PA-11": (
        {"customer_country": "AE", "phone_country": "RU"},
        {"customer_country": "AE", "phone_country": "AE", "ip_country": "AE"},
    ),
    "RF-IT-01": (
        {"items": [{"hs6": "854231"}], "ship_to_country": "KZ"},
        {
            "items": [{"hs6": "854231"}],
            "ship_to_country": "DE",
            "route_countries": ["DE"],
            "end_user_country": "DE",
            "customer_country": "DE",
        },
    ),
    "RF-IT-02": ({"items": [{"hs6": "880730"}], "delivery_dates_vague": True}, {"items": [{"hs6": "880730"}]}),
    "RF-IT-03": _flag("quantity_exceeds_need"),
    "RF-IT-04": ({"items": [{"price_vs_market": 0.4}]}, {"items": [{"price_vs_market": 1.1}]}),
    "RF-IT-05": _flag("item_modified_after_export"),
    "RF-IT-06": _flag("license_history_uncertain"),
    "RF-IT-07": (
        {"items": [{"item_description": "STM32F405 MCUs, serial numbers removed"}]},
        {"items": [{"item_description": "STM32F405 MCU, tray of 96"}], "requests_unmarked_parts": False},
    ),
    "RF-RT-01": (
        {"payment_origin_country": "KG"},
        {"ship_to_country": "DE", "route_countries": ["DE"], "payment_origin_country": "DE", "end_user_country": "DE"},
    ),
    "RF-RT-02": ({"port_locodes": ["KZAAU"]}, {"routing_abnormal": False, "port_locodes": ["DEHAM"]}),
    "RF-RT-03": (
        {"freight_forwarder_as_consignee": True},
        {"freight_forwarder_as_consignee": False, "consignee_type": "end_user"},
    ),
    "RF-RT-04": _flag("delivery_dates_vague"),
    "RF-RT-05": _flag("packaging_inconsistent"),
    "RF-RT-06": _flag("shipping_instructions_changed_late"),
    "RF-RT-07": (
        {"previously_destined_to": "RU", "ship_to_country": "KZ"},
        {"previously_destined_to": "DE", "ship_to_country": "KZ"},
    ),
    "RF-RT-08": (
        {"ship_to_address": "Alabuga SEZ, Yelabuga district, Tatarstan"},
        {"port_locodes": ["DEHAM"], "ship_to_address": "Hamburg", "ship_to_region": "DE-HH"},
    ),
    "RF-PY-01": (
        {"payment_method": "crypto", "financing_expected": True},
        {"payment_method": "wire", "financing_expected": True},
    ),
    "RF-PY-02": ({"payer_in_documents": False, "third_party_payment": True}, {"payer_in_documents": True}),
    "RF-PY-03": (
        {"payment_method": "letter_of_credit", "lc_consignee_is_issuing_bank": True},
        {"payment_method": "wire"},
    ),
    "RF-PY-04": (
        {"payment_method": "wire", "payment_origin_country": "KG", "customer_country": "AE"},
        {"payment_method": "wire", "payment_origin_country": "AE", "customer_country": "AE", "third_party_payment": False},
    ),
    "RF-SP-01": ({"items": [{"eccn": "9A515.x"}], "end_user_country": "CN"}, {"items": [{"eccn": "3A001.a.7"}]}),
}

NOT_EVALUABLE = {"PR-01", "PR-02", "PR-03", "PR-05", "RF-SP-02"}


def _codes_for(rule_id: str, facts: Facts) -> tuple[list[str], list[str]]:
    findings = evaluate(RULES, facts)
    fired = [f.subject for f in findings if f.code == rule_id]
    unknown = [f.subject for f in findings if f.code == UNKNOWN_CODE and f.evidence[0].reference == rule_id]
    return fired, unknown


def test_every_rule_has_a_case_or_is_declared_not_evaluable() -> None:
    ids = {rule.id for rule in RULES}
    assert set(CASES) | NOT_EVALUABLE == ids
    assert not set(CASES) & NOT_EVALUABLE
    assert {rule.id for rule in RULES if rule.when is None} == NOT_EVALUABLE


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.when is not None], ids=lambda rule: rule.id)
def test_rule_fires(rule: Rule) -> None:
    fired, _ = _codes_for(rule.id, CASES[rule.id][0])
    assert fired, f"{rule.id} did not fire"
    finding = next(f for f in evaluate(RULES, CASES[rule.id][0]) if f.code == rule.id)
    assert finding.outcome is (Outcome.BLOCK if rule.kind == "prohibition" else Outcome.REVIEW)
    assert finding.severity == rule.severity
    (evidence,) = finding.evidence
    assert evidence.kind == "rule" and evidence.reference == rule.id
    assert all(source.ref in evidence.citation for source in rule.sources)
    assert finding.detail.startswith("Because ")


@pytest.mark.parametrize("rule", [rule for rule in RULES if rule.when is not None], ids=lambda rule: rule.id)
def test_rule_stays_quiet(rule: Rule) -> None:
    fired, unknown = _codes_for(rule.id, CASES[rule.id][1])
    assert fired == [] and unknown == [], f"{rule.id}: fired {fired}, unknown {unknown}"


# RF-IT-02 needs another flag to have fired; with no facts none has, so it is decided false.
@pytest.mark.parametrize(
    "rule", [rule for rule in RULES if rule.when is not None and rule.id != "RF-IT-02"], ids=lambda rule: rule.id
)
def test_rule_without_facts_is_reported_unknown(rule: Rule) -> None:
    facts: Facts = {"items": [{}]} if rule.scope == "item" else {}
    fired, unknown = _codes_for(rule.id, facts)
    assert fired == [] and len(unknown) == 1


def test_recent_incorporation_fires_anywhere() -> None:
    facts = {"customer_incorporation_date": date(2024, 1, 2), "order_date": date(2024, 6, 1), "customer_country": "DE"}
    assert _codes_for("RF-PA-03", facts)[0] == ["order"]


def test_not_evaluable_rules_yield_nothing() -> None:
    findings = evaluate(RULES, {})
    assert not {f.evidence[0].reference for f in findings} & NOT_EVALUABLE


# ---- the package file against the shared reference it was built from ----


@pytest.fixture(scope="module")
def shared_flags(shared_reference: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((shared_reference / "red_flags.yaml").read_text(encoding="utf-8"))
    return document


@pytest.fixture(scope="module")
def jurisdictions(shared_reference: Path) -> dict[str, Any]:
    document: dict[str, Any] = yaml.safe_load((shared_reference / "jurisdictions.yaml").read_text(encoding="utf-8"))
    return document


def test_rules_keep_the_shared_ids_statements_and_citations(shared_flags: dict[str, Any]) -> None:
    shared = {entry["id"]: entry for entry in shared_flags["flags"] + shared_flags["prohibitions"]}
    assert len(shared_flags["flags"]) == 41 and len(shared_flags["prohibitions"]) == 5
    assert set(shared) == {rule.id for rule in RULES}
    for rule in RULES:
        entry = shared[rule.id]
        assert rule.statement == entry["statement"], rule.id
        assert list(rule.needs) == entry["needs"], rule.id
        assert [source.model_dump() for source in rule.sources] == entry["sources"], rule.id
        assert rule.kind == ("flag" if entry in shared_flags["flags"] else "prohibition")


def test_vocabulary_keeps_the_shared_facts(shared_flags: dict[str, Any]) -> None:
    assert len(shared_flags["facts"]) == 53
    for name, spec in shared_flags["facts"].items():
        ours = RULES.facts[name]
        assert ours.type == spec["type"], name
        assert list(ours.values) == spec.get("values", []), name


def test_country_and_port_sets_match_jurisdictions(jurisdictions: dict[str, Any]) -> None:
    def values(name: str) -> set[str]:
        return set(RULES.sets[name].values)

    named = {entry["iso2"] for entry in jurisdictions["transshipment_countries"] if entry["named_by"]}
    assert values("transshipment_countries") == named
    ports = jurisdictions["caspian_ports"]
    assert values("caspian_port_locodes") == {code for port in ports for code in port.get("locodes") or []}
    routed = {code for p in ports if "LOCODE-DERIVED" not in (p.get("sources") or ["LOCODE-DERIVED"]) for code in p["locodes"]}
    assert values("caspian_route_locodes") == routed


def test_hs_sets_match_reference_tables(shared_reference: Path) -> None:
    with (shared_reference / "chpl.csv").open(encoding="utf-8") as handle:
        chpl = {row["hs6"] for row in csv.DictReader(handle)}
    with (shared_reference / "uav_items_of_concern.csv").open(encoding="utf-8") as handle:
        uav = {code for row in csv.DictReader(handle) for code in row["typical_hs6"].split(";") if code}
    assert len(chpl) == 50
    assert set(RULES.sets["chpl_hs6"].values) == chpl
    assert set(RULES.sets["uav_hs6"].values) == uav

"""screen_order over a small hand-written list set: parties, confirmation, list effects, ownership,
facts handed to the rules, staleness, determinism. (Wiring of every rule, HS list and
jurisdiction: test_screen_wiring.py; the examples against every real list: test_examples.py.)"""

from __future__ import annotations

import pytest
from screen_support import SDN_ADDRESS, codes, order, screen, small_lists

from tradewarden.decide import Decision, DecisionPolicy
from tradewarden.findings import Finding, Outcome
from tradewarden.listed import ListedEntry, list_effect
from tradewarden.match.model import FeatureResult, Match
from tradewarden.party_check import ConfirmPolicy, confirmation
from tradewarden.screen import data_versions, item_destinations, screen_order


def finding(decision: Decision, code: str) -> Finding:
    return next(f for f in decision.findings if f.code == code)


def test_clean_order_is_clear_and_records_versions() -> None:
    decision = screen({})
    assert decision.outcome is Outcome.CLEAR
    assert decision.reasons == ()
    assert {v.source for v in decision.list_versions} == {"cn_countermeasures", "un_sc_sanctions", "us_dod_1260h",
                                                          "us_ofac_sdn", "us_trade_csl"}
    assert set(decision.data_versions) == {"tradewarden", "rules", "items", "geo", "list_effects"}
    assert all(v.startswith("sha256:") for k, v in decision.data_versions.items() if k in ("items", "geo", "list_effects"))


def test_confirmed_party_match_blocks_with_list_evidence() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Romashka Trading LLC", "country": "RU"}]})
    assert decision.outcome is Outcome.BLOCK
    listed = finding(decision, "PARTY_LISTED")
    assert listed.outcome is Outcome.BLOCK and listed.subject == "order.parties[0]"
    evidence = listed.evidence[0]
    assert evidence.kind == "list_entry"
    assert evidence.reference.startswith("us_ofac_sdn:200 (version ")
    assert "31 CFR" in evidence.citation
    assert evidence.detail["confirmed"] and "country" in str(evidence.detail["confirmed"])
    assert evidence.detail["programs"] == ["RUSSIA-EO14024"]
    assert "RF-PA-06" in codes(decision)  # name_similar_to_listed_party was computed, so the rule fired


def test_strong_name_without_corroboration_is_only_possible() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Romashka Trading LLC"}]})
    assert decision.outcome is Outcome.REVIEW
    assert "PARTY_POSSIBLE_MATCH" in codes(decision) and "PARTY_LISTED" not in codes(decision)


def test_contradicting_country_keeps_a_match_unconfirmed() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Ivan Petrovich Sidorov", "country": "DE",
                                    "schema_hint": "Person"}]})
    assert "PARTY_LISTED" not in codes(decision)
    assert "PARTY_POSSIBLE_MATCH" in codes(decision)


def test_birth_date_corroborates_a_person() -> None:
    decision = screen({"parties": [{"roles": ["end_user"], "name": "Ivan Petrovich Sidorov", "schema_hint": "Person",
                                    "birth_date": "1970-03-14"}]})
    assert finding(decision, "PARTY_LISTED").outcome is Outcome.BLOCK


def test_vessel_identified_by_imo_under_another_name_blocks() -> None:
    decision = screen({"parties": [
        {"roles": ["buyer"], "name": "Schneider Pumpenbau GmbH", "country": "DE"},
        {"roles": ["vessel"], "name": "Northern Star", "imo_number": "IMO 9220639"},
    ]})
    listed = finding(decision, "PARTY_LISTED")
    assert listed.subject == "order.parties[1]" and decision.outcome is Outcome.BLOCK
    assert "identifier" in str(listed.evidence[0].detail["confirmed"])
    assert "RF-PA-06" not in codes(decision)  # an identifier match is not a similar name


def test_shared_address_is_reviewed_and_sets_the_fact() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Volga Office Supplies", "country": "KZ",
                                    "address": SDN_ADDRESS}]})
    shared = finding(decision, "PARTY_SHARED_CONTACT")
    assert shared.outcome is Outcome.REVIEW and shared.evidence[0].reference.startswith("us_ofac_sdn:200")
    assert "RF-PA-05" in codes(decision)
    assert decision.outcome is Outcome.REVIEW


def test_contact_fact_is_false_when_checked_and_clean() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Schneider Pumpenbau GmbH", "country": "DE",
                                    "address": "Hauptstrasse 5, 80331 Munich"}]})
    unknown = [f.title for f in decision.findings if f.code == "RULE_UNKNOWN"]
    assert not any("address_shared_with_listed_party" in title for title in unknown)
    assert not any("name_similar_to_listed_party" in title for title in unknown)


def test_entity_list_blocks_but_unverified_list_and_countermeasures_review() -> None:
    entity_list = screen({"parties": [{"roles": ["buyer"], "name": "Afsari General Trading LLC", "country": "AE"}]})
    assert finding(entity_list, "PARTY_LISTED").outcome is Outcome.BLOCK
    uvl = screen({"parties": [{"roles": ["buyer"], "name": "Sinotech Precision Instruments Co", "country": "CN"}]})
    assert finding(uvl, "PARTY_LISTED").outcome is Outcome.REVIEW and uvl.outcome is Outcome.REVIEW
    counter = screen({"parties": [{"roles": ["buyer"], "name": "Lockheed Martin Corporation", "country": "US"}]})
    assert finding(counter, "PARTY_LISTED").outcome is Outcome.REVIEW


@pytest.mark.parametrize(
    ("source", "entry", "outcome", "blocking"),
    [
        ("us_ofac_sdn", ListedEntry(("SDGT",), ("sanction",)), Outcome.BLOCK, True),
        ("us_trade_csl", ListedEntry(("Specially Designated Nationals (SDN) - Treasury Department",), ("sanction",)), Outcome.BLOCK, True),
        ("us_trade_csl", ListedEntry(("Entity List (EL) - Bureau of Industry and Security",), ("export.control",)), Outcome.BLOCK, False),
        ("us_trade_csl", ListedEntry(("Unverified List (UVL) - Bureau of Industry and Security",), ()), Outcome.REVIEW, False),
        ("us_trade_csl", ListedEntry(("ITAR Debarred (DTC) - State Department",), ("debarment",)), Outcome.REVIEW, False),
        ("us_trade_csl", None, Outcome.REVIEW, False),
        ("us_ofac_cons", ListedEntry(("UKRAINE-EO13662",), ("sanction",)), Outcome.REVIEW, False),
        ("eu_journal_sanctions", ListedEntry(("EU-RUS",), ("export.control",)), Outcome.BLOCK, False),
        ("eu_journal_sanctions", ListedEntry(("EU-UKR",), ("sanction",)), Outcome.BLOCK, True),
        ("gb_hmt_sanctions", ListedEntry(("Russia",), ("sanction",)), Outcome.BLOCK, True),
        ("us_dod_1260h", ListedEntry((), ("debarment",)), Outcome.REVIEW, False),
        ("cn_countermeasures", ListedEntry((), ("export.control",)), Outcome.REVIEW, False),
        ("us_state_cuba_restricted", None, Outcome.BLOCK, False),
        ("some_new_list", None, Outcome.REVIEW, False),
    ],
)
def test_list_effects(source: str, entry: ListedEntry | None, outcome: Outcome, blocking: bool) -> None:
    effect = list_effect(source, entry)
    assert (effect.outcome, effect.blocking) == (outcome, blocking)
    assert effect.citation and effect.label


def _match(score: float, kind: str = "name", *features: tuple[str, float]) -> Match:
    results = [FeatureResult("name_similarity", score, 1.0, score, "names")]
    results += [FeatureResult(name, 1.0, weight, weight, f"{name} detail") for name, weight in features]
    return Match("e1", "us_ofac_sdn", "1", "X", "Company", "X", "X", score, kind, results, "explained")


@pytest.mark.parametrize(
    ("match", "confirmed"),
    [
        (_match(0.98, "name", ("country_match", 0.03)), True),
        (_match(0.95, "name", ("dob_year_match", 0.03)), True),
        (_match(0.94, "name", ("country_match", 0.03)), False),
        (_match(1.0, "name"), False),
        (_match(1.0, "name", ("country_match", 0.03), ("weak_alias", -0.08)), False),
        (_match(0.99, "name", ("dob_match", 0.08), ("country_mismatch", -0.1)), False),
        (_match(0.5, "name", ("identifier_match", 1.0)), True),
        (Match("e1", "s", "1", "X", "Company", "X", "Y", 1.0, "shared_identifier",
               [FeatureResult("shared_identifier", 1.0, 1.0, 1.0, "shared identifier '123456'")], "x"), True),
        (Match("e1", "s", "1", "X", "Company", "X", "Y", 0.85, "shared_identifier",
               [FeatureResult("shared_address", 1.0, 0.85, 0.85, "shared address")], "x"), False),
    ],
)
def test_confirmation_is_defined_in_one_place(match: Match, confirmed: bool) -> None:
    assert (confirmation(match) is not None) is confirmed


def test_confirm_score_is_an_argument() -> None:
    index, lists = small_lists()
    checked = order(parties=[{"roles": ["buyer"], "name": "Romashka Trading", "country": "RU"}])
    strict = screen_order(checked, index, lists=lists, confirm=ConfirmPolicy(confirm_score=1.01))
    assert "PARTY_LISTED" not in codes(strict) and "PARTY_POSSIBLE_MATCH" in codes(strict)


def test_two_listed_owners_of_25_percent_block_together() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Baltic Components OU", "country": "EE", "owners": [
        {"name": "Ivan Petrovich Sidorov", "percent": 25, "country": "RU"},
        {"name": "Oleg Nikolaevich Vorobyov", "percent": 25, "country": "RU"},
        {"name": "Tallinn Holding AS", "percent": 50, "country": "EE"},
    ]}]})
    assert decision.outcome is Outcome.BLOCK
    blocked = finding(decision, "OWNERSHIP_BLOCKED_50")
    owners = [e.detail["owner"] for e in blocked.evidence if e.kind == "ownership"]
    assert owners == ["Ivan Petrovich Sidorov", "Oleg Nikolaevich Vorobyov"]
    assert {e.reference.split(" ")[0] for e in blocked.evidence if e.kind == "list_entry"} == {"us_ofac_sdn:100", "us_ofac_sdn:101"}
    assert {"PR-04", "RF-PA-10"} <= codes(decision)  # the resolved owners reached the rules


def test_one_listed_owner_below_half_is_review() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Baltic Components OU", "country": "EE", "owners": [
        {"name": "Ivan Petrovich Sidorov", "percent": 25, "country": "RU"},
        {"name": "Tallinn Holding AS", "percent": 75, "country": "EE"},
    ]}]})
    assert decision.outcome is Outcome.REVIEW
    assert "OWNERSHIP_LISTED_OWNER" in codes(decision) and "PR-04" not in codes(decision)


def test_listed_owner_with_unknown_share_is_undetermined() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Baltic Components OU", "country": "EE", "owners": [
        {"name": "Ivan Petrovich Sidorov", "country": "RU"},
    ]}]})
    assert "OWNERSHIP_UNDETERMINED" in codes(decision)
    assert decision.outcome is Outcome.REVIEW


def test_list_data_ownership_applies_to_a_matched_party() -> None:
    # The 1260H entry is review-only, but the list data says an SDN holds 60 % of it.
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Harbin Daughter Avionics Co Ltd", "country": "CN"}]})
    blocked = finding(decision, "OWNERSHIP_BLOCKED_50")
    assert "60" in blocked.title and blocked.outcome is Outcome.BLOCK
    assert decision.outcome is Outcome.BLOCK


def test_payment_bank_is_screened() -> None:
    decision = screen({"payment": {"method": "wire", "bank_name": "Romashka Trading LLC", "bank_country": "RU"}})
    listed = finding(decision, "PARTY_LISTED")
    assert listed.subject == "order.payment.bank_name" and decision.outcome is Outcome.BLOCK


def test_party_and_payment_countries_are_checked() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Schneider Pumpenbau GmbH", "country": "IR"}],
                       "route": {"destination_country": "DE"}})
    embargo = finding(decision, "DEST_EMBARGO")
    assert embargo.subject == "order.parties[0].country" and decision.outcome is Outcome.BLOCK
    paid = screen({"payment": {"funds_origin_country": "KP"}})
    assert finding(paid, "DEST_EMBARGO").subject == "order.payment.funds_origin_country"


def test_item_destinations_include_end_users_and_region() -> None:
    checked = order(parties=[{"roles": ["buyer"], "name": "A", "country": "AE"},
                             {"roles": ["end_user"], "name": "B", "country": "RU"}],
                    route={"destination_country": "AE", "destination_region": "UA-43"})
    assert item_destinations(checked) == {"AE", "RU", "UA-43"}
    decision = screen(checked)
    assert finding(decision, "ITEM_EAR_SUPP4").outcome is Outcome.BLOCK  # 7307.11 to the Russian end user


def test_inferred_hs_code_reaches_item_rules() -> None:
    decision = screen({"items": [{"description": "GNSS receiver module", "part_number": "NEO-M8N", "manufacturer": "u-blox"}],
                       "route": {"destination_country": "AE"}})
    assert {"ITEM_CLASSIFIED", "ITEM_CHPL_TIER2", "RF-IT-01"} <= codes(decision)


def test_stale_lists_never_clear() -> None:
    decision = screen({}, DecisionPolicy(stale_sources=("us_ofac_sdn",)))
    assert decision.outcome is Outcome.REVIEW
    stale = finding(decision, "DATA_LISTS_STALE")
    assert "us_ofac_sdn" in stale.detail


def test_same_finding_for_several_fields_is_merged() -> None:
    decision = screen({"parties": [{"roles": ["buyer"], "name": "Schneider Pumpenbau GmbH", "country": "RU"}],
                       "route": {"destination_country": "RU"}, "items": []})
    sanctioned = [f for f in decision.findings if f.code == "DEST_SANCTIONED"]
    assert len(sanctioned) == 1
    assert sanctioned[0].subject == "order.route.destination.country; order.parties[0].country"


def test_screening_is_deterministic() -> None:
    patch = {"parties": [{"roles": ["buyer"], "name": "Volga Office Supplies", "address": SDN_ADDRESS,
                          "owners": [{"name": "Ivan Petrovich Sidorov", "percent": 30}]}],
             "route": {"destination_country": "KZ", "ports": ["KZAAU"]}}
    assert screen(patch).model_dump() == screen(patch).model_dump()


def test_data_versions_change_with_the_rules() -> None:
    from tradewarden.rules import package_rules

    rules = package_rules()
    assert data_versions(rules) == data_versions(rules)
    assert data_versions(rules.rules[:-1])["rules"] != data_versions(rules)["rules"]

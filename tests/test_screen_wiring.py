"""screen_order wires in every red-flag rule, HS list and jurisdiction: each fires through a whole order.

The rules, HS lists and jurisdiction tables are tested on their own in tests/rules, tests/items and
tests/geo; these tests fail when ``screen_order`` stops passing them what they need. The cases
are generated from the package data where possible (every restricted country, region, diversion
hub, Caspian port and location of concern), and a table must name a case for every evaluable rule.
"""

from __future__ import annotations

from typing import Any

import pytest
from screen_support import SDN_ADDRESS, codes, screen

from tradewarden.findings import Outcome
from tradewarden.geo import load_jurisdictions
from tradewarden.rules import package_rules

NEW = {"customer_is_new": True}
OWNED = [{"name": "Tallinn Holding AS", "percent": 40, "owners": [{"name": "Riga Holding SIA", "percent": 100,
          "owners": [{"name": "Vilnius Holding UAB", "percent": 100}]}]}]

#: One order patch per evaluable rule that makes it fire.
RULE_CASES: dict[str, dict[str, Any]] = {
    "PR-04": {"parties": [{"roles": ["buyer"], "name": "Baltic OU", "owners": [{"name": "Secret Owner", "percent": 60, "listed": True}]}]},
    "RF-EU-01": {"facts": {"end_user_certificate_refused": True}},
    "RF-EU-02": {"facts": {"ownership_opaque": True}},
    "RF-EU-03": {"facts": {"item_fits_business_line": False}},
    "RF-EU-04": {"facts": {"item_fits_destination_tech_level": False}},
    "RF-EU-05": {"facts": {"customer_unfamiliar_with_product": True}},
    "RF-EU-06": {"facts": {"requests_no_warranty": True}},
    "RF-EU-07": {"facts": {"evasive_about_reexport": True}},
    "RF-EU-08": {"parties": [{"roles": ["buyer", "end_user"], "name": "Schneider Handel GmbH", "business_type": "distributor"}],
                 "facts": {"item_installed_at_end_user": True}},
    "RF-EU-09": {"parties": [{"roles": ["buyer"], "name": "A GmbH"}, {"roles": ["consignee"], "name": "B Logistik GmbH",
                                                                      "business_type": "logistics_company"}]},
    "RF-PA-01": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "web_presence": "none"}], "facts": NEW},
    "RF-PA-02": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "web_presence": "minimal", "email": "a.gmbh@gmail.com"}]},
    "RF-PA-03": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "country": "DE", "incorporation_date": "2024-01-10"}]},
    "RF-PA-04": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "address_type": "mass_registration"}]},
    "RF-PA-05": {"parties": [{"roles": ["buyer"], "name": "Volga Office Supplies", "address": SDN_ADDRESS}]},
    "RF-PA-06": {"parties": [{"roles": ["buyer"], "name": "Romashka Trading"}]},
    "RF-PA-07": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "owners": OWNED}]},
    "RF-PA-08": {"facts": {**NEW, "management_overlaps_listed_party": True}},
    "RF-PA-09": {"facts": {**NEW, "item_designed_for_listed_customer": True}},
    "RF-PA-10": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "owners": [{"name": "Ivan Petrovich Sidorov", "percent": 10,
                                                                             "country": "RU"}]}]},
    "RF-PA-11": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "country": "DE", "phone": "+7 495 123 4567"}]},
    "RF-IT-01": {"items": [{"description": "Microcontroller", "hs_code": "8542.31"}], "route": {"destination_country": "AE"}},
    "RF-IT-02": {"items": [{"description": "Servo motor", "hs_code": "8501.31"}], "facts": {"evasive_about_reexport": True}},
    "RF-IT-03": {"facts": {"quantity_exceeds_need": True}},
    "RF-IT-04": {"items": [{"description": "Flange", "hs_code": "7307.11", "unit_price": 40, "market_unit_price": 10}]},
    "RF-IT-05": {"facts": {"item_modified_after_export": True}},
    "RF-IT-06": {"facts": {"license_history_uncertain": True}},
    "RF-IT-07": {"items": [{"description": "Flange, markings removed", "hs_code": "7307.11"}]},
    "RF-RT-01": {"route": {"destination_country": "DE", "transit_countries": ["TR"]}},
    "RF-RT-02": {"facts": {"routing_abnormal": True}},
    "RF-RT-03": {"parties": [{"roles": ["buyer"], "name": "A GmbH"}, {"roles": ["consignee", "freight_forwarder"], "name": "B Spedition"}]},
    "RF-RT-04": {"facts": {"delivery_dates_vague": True}},
    "RF-RT-05": {"facts": {"packaging_inconsistent": True}},
    "RF-RT-06": {"facts": {"shipping_instructions_changed_late": True}},
    "RF-RT-07": {"route": {"destination_country": "DE", "previous_destination_country": "BY"}},
    "RF-RT-08": {"route": {"destination_country": "DE", "delivery_address": "Alabuga SEZ, Yelabuga"}},
    "RF-PY-01": {"payment": {"method": "crypto", "financing_expected": True}},
    "RF-PY-02": {"payment": {"payer_name": "Third Party Ltd", "payer_in_documents": False}},
    "RF-PY-03": {"payment": {"method": "letter_of_credit", "lc_consignee_is_issuing_bank": True}},
    "RF-PY-04": {"parties": [{"roles": ["buyer"], "name": "A GmbH", "country": "DE"}],
                 "payment": {"method": "wire", "funds_origin_country": "CH"}},
    "RF-SP-01": {"items": [{"description": "Military vehicle part", "hs_code": "8708.99", "eccn": "0A606.x"}],
                 "route": {"destination_country": "DE", "final_destination_country": "VE"}},
}


def test_every_evaluable_rule_has_a_case() -> None:
    evaluable = {rule.id for rule in package_rules() if rule.when is not None}
    assert evaluable == set(RULE_CASES), "add a case to RULE_CASES for each new rule (and drop removed ones)"


@pytest.mark.parametrize("rule_id", sorted(RULE_CASES))
def test_rule_fires_through_screen_order(rule_id: str) -> None:
    decision = screen(RULE_CASES[rule_id])
    fired = [f for f in decision.findings if f.code == rule_id]
    assert fired, f"{rule_id} did not fire; findings: {sorted(codes(decision))}"
    assert fired[0].evidence[0].kind == "rule" and fired[0].evidence[0].citation


#: (HS code, destination, expected finding code, expected outcome), one per HS list and check.
ITEM_CASES = [
    ("8542.31", "DE", "ITEM_CHPL_TIER1", Outcome.REVIEW),
    ("8526.91", "DE", "ITEM_CHPL_TIER2", Outcome.REVIEW),
    ("8482.10", "DE", "ITEM_CHPL_TIER3", Outcome.REVIEW),
    ("9030.20", "DE", "ITEM_CHPL_TIER4", Outcome.REVIEW),
    ("8542.31", "RU", "ITEM_EAR_SUPP7", Outcome.BLOCK),
    ("8542.31", "IR", "ITEM_EAR_SUPP7", Outcome.BLOCK),
    ("8413.50", "BY", "ITEM_EAR_SUPP2", Outcome.BLOCK),
    ("7307.11", "RU", "ITEM_EAR_SUPP4", Outcome.BLOCK),
    ("8501.31", "DE", "ITEM_UAV_CATEGORY", Outcome.REVIEW),
]


@pytest.mark.parametrize(("hs_code", "destination", "code", "outcome"), ITEM_CASES)
def test_hs_lists_fire_through_screen_order(hs_code: str, destination: str, code: str, outcome: Outcome) -> None:
    decision = screen({"items": [{"description": "Item", "hs_code": hs_code}], "route": {"destination_country": destination}})
    found = [f for f in decision.findings if f.code == code]
    assert found and found[0].outcome is outcome
    assert found[0].evidence[0].kind == "hs_list" and found[0].subject == "order.items[0]"


def test_eccn_mismatch_and_classifier_fire_through_screen_order() -> None:
    eccn = screen({"items": [{"description": "Router", "hs_code": "8517.62", "eccn": "5A002.a"}], "route": {"destination_country": "CU"}})
    assert "ITEM_ECCN_LICENCE" in codes(eccn)
    mismatch = screen({"items": [{"description": "GNSS receiver module", "hs_code": "8473.30", "part_number": "NEO-M8N"}]})
    assert "ITEM_HS_MISMATCH" in codes(mismatch)
    inferred = screen({"items": [{"description": "GNSS receiver module", "part_number": "NEO-M8N"}]})
    assert "ITEM_CLASSIFIED" in codes(inferred)
    unknown = screen({"items": [{"description": "Assorted goods"}]})
    assert "ITEM_UNCLASSIFIED" in codes(unknown)


JURISDICTIONS = load_jurisdictions()


@pytest.mark.parametrize("country", sorted(JURISDICTIONS.restricted))
def test_every_restricted_country_fires(country: str) -> None:
    entry = JURISDICTIONS.restricted[country]
    decision = screen({"route": {"destination_country": country.upper()}, "items": []})
    found = [f for f in decision.findings if f.code == entry.policy.code]
    assert found and found[0].outcome is entry.policy.outcome


@pytest.mark.parametrize("country", sorted(JURISDICTIONS.arms_embargo))
def test_every_arms_embargo_fires(country: str) -> None:
    decision = screen({"route": {"destination_country": country.upper()}, "items": []})
    assert "DEST_ARMS_EMBARGO" in codes(decision)


@pytest.mark.parametrize("code", sorted(JURISDICTIONS.region_by_code))
def test_every_region_code_fires(code: str) -> None:
    region = JURISDICTIONS.region_by_code[code]
    decision = screen({"route": {"destination_country": "UA", "destination_region": code}, "items": []})
    expected = "DEST_OCCUPIED_REGION" if region.code_outcome is Outcome.BLOCK else "DEST_REGION_PARTLY_OCCUPIED"
    assert expected in codes(decision)
    assert decision.outcome is region.code_outcome


@pytest.mark.parametrize("country", sorted(JURISDICTIONS.transit))
def test_every_diversion_country_fires(country: str) -> None:
    entry = JURISDICTIONS.transit[country]
    code = "DEST_DIVERSION_HUB" if entry.is_hub else "DEST_CASPIAN_CORRIDOR"
    if country in JURISDICTIONS.restricted:
        pytest.skip(f"{country} is restricted: the restriction finding replaces the hub finding")
    destination = screen({"route": {"destination_country": country.upper()}, "items": []})
    assert code in codes(destination)
    transit = screen({"route": {"destination_country": "DE", "transit_countries": [country.upper()]},
                      "items": [{"description": "Microcontroller", "hs_code": "8542.31"}]})
    assert code.replace("DEST_", "ROUTE_") in codes(transit)


@pytest.mark.parametrize("locode", sorted(JURISDICTIONS.port_by_locode))
def test_every_caspian_port_fires(locode: str) -> None:
    decision = screen({"route": {"destination_country": "DE", "ports": [locode]}})
    assert "ROUTE_CASPIAN_PORT" in codes(decision)
    assert decision.outcome is not Outcome.CLEAR


@pytest.mark.parametrize("location", [loc.id for loc in JURISDICTIONS.locations])
def test_every_location_of_concern_fires(location: str) -> None:
    loc = next(item for item in JURISDICTIONS.locations if item.id == location)
    by_address = screen({"route": {"destination_country": "RU", "delivery_address": f"{loc.names[0]}, building 1"}, "items": []})
    assert "DEST_LOCATION_OF_CONCERN" in codes(by_address)
    for locode in loc.locodes:
        by_port = screen({"route": {"destination_country": "DE", "ports": [locode]}})
        assert "ROUTE_LOCATION_OF_CONCERN" in codes(by_port)


def test_route_transit_and_hub_onward_fire() -> None:
    transit = screen({"route": {"destination_country": "KZ", "transit_countries": ["RU"]}, "items": []})
    assert "ROUTE_TRANSIT_RESTRICTED" in codes(transit)
    onward = screen({"route": {"destination_country": "AM", "final_destination_country": "RU"},
                     "items": [{"description": "Microcontroller", "hs_code": "8542.31"}]})
    assert "ROUTE_HUB_ONWARD" in codes(onward)
    origin = screen({"route": {"origin_country": "IR", "destination_country": "DE"}})
    assert "ROUTE_ORIGIN_RESTRICTED" in codes(origin)

"""Order -> facts: each derived fact from the order fields it rests on, unknown where the order is silent."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from tradewarden.models import Owner, parse_order
from tradewarden.rules import UNKNOWN_CODE, derive_facts, evaluate, package_rules
from tradewarden.rules.facts import blocked_share


def order(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "order_date": "2024-06-01",
        "parties": [
            {
                "roles": ["buyer"],
                "name": "Orion Trading FZE",
                "country": "AE",
                "email": "orion.trading@Gmail.com",
                "phone": "+7 495 123-45-67",
                "incorporation_date": "2024-01-10",
                "web_presence": "minimal",
                "address_type": "virtual_office",
            },
        ],
    }
    data.update(overrides)
    return data


def facts_of(data: dict[str, Any]) -> dict[str, Any]:
    return derive_facts(parse_order(data))


def test_customer_facts() -> None:
    facts = facts_of(order())
    assert facts["customer_name"] == "Orion Trading FZE"
    assert facts["customer_country"] == "AE"
    assert facts["customer_age_days"] == (date(2024, 6, 1) - date(2024, 1, 10)).days
    assert facts["customer_email_domain"] == "gmail.com"
    assert facts["phone_country"] == "RU"
    assert facts["customer_web_presence"] == "minimal"
    assert facts["customer_address_type"] == "virtual_office"


def test_silent_order_leaves_facts_unknown() -> None:
    facts = facts_of({"parties": [{"roles": ["buyer"], "name": "Orion"}]})
    for name in ("customer_age_days", "phone_country", "end_user_type", "consignee_type", "freight_forwarder_as_consignee",
                 "ship_to_country", "route_countries", "port_locodes", "payment_method", "third_party_payment",
                 "listed_ownership_percent", "listed_owner_present", "ownership_depth", "customer_is_new"):
        assert facts[name] is None, name
    assert facts["items"] == []


def test_every_fact_is_in_the_vocabulary() -> None:
    data = order(items=[{"description": "x", "hs_code": "854231"}])
    facts = facts_of(data)
    vocabulary = set(package_rules().facts)
    assert set(facts) <= vocabulary
    assert set(facts["items"][0]) <= vocabulary
    produced = set(facts) | set(facts["items"][0])
    assert vocabulary - produced == {"red_flag_count"}


@pytest.mark.parametrize(
    ("parties", "expected_type", "expected_ff"),
    [
        ([{"roles": ["consignee", "freight_forwarder"], "name": "Fast Cargo"}], "freight_forwarder", True),
        (
            [{"roles": ["consignee"], "name": "FAST CARGO LLC"}, {"roles": ["freight_forwarder"], "name": "Fast Cargo, LLC"}],
            None,
            True,
        ),
        ([{"roles": ["consignee"], "name": "Mail Box 24", "business_type": "mail_center"}], "mail_center", False),
        ([{"roles": ["consignee"], "name": "Kama Trade", "business_type": "trading_company"}], "distributor", False),
        ([{"roles": ["consignee", "end_user"], "name": "Kama Works"}], "end_user", None),
        ([{"roles": ["consignee"], "name": "Kama Works", "business_type": "manufacturer"}], "end_user", False),
        ([{"roles": ["notify_party"], "name": "Kama Works"}], None, None),
    ],
)
def test_consignee_facts(parties: list[dict[str, Any]], expected_type: str | None, expected_ff: bool | None) -> None:
    data = order()
    data["parties"] += parties
    facts = facts_of(data)
    assert facts["consignee_type"] == expected_type
    assert facts["freight_forwarder_as_consignee"] is expected_ff


@pytest.mark.parametrize(
    ("payment", "parties", "expected"),
    [
        ({"payer_name": "Orion Trading FZE", "payer_country": "AE"}, [], False),
        ({"payer_name": "orion trading fze"}, [], False),
        ({"payer_name": "Silk Road Commerce"}, [], True),
        ({"payer_country": "KG"}, [], True),
        ({"payer_country": "AE"}, [], None),
        ({}, [{"roles": ["payer"], "name": "Silk Road Commerce", "country": "KG"}], True),
        ({}, [], None),
    ],
)
def test_third_party_payment(payment: dict[str, Any], parties: list[dict[str, Any]], expected: bool | None) -> None:
    data = order(payment=payment)
    data["parties"] += parties
    assert facts_of(data)["third_party_payment"] is expected


def test_payment_origin_prefers_funds_then_bank() -> None:
    assert facts_of(order(payment={"funds_origin_country": "KG", "bank_country": "AE"}))["payment_origin_country"] == "KG"
    assert facts_of(order(payment={"bank_country": "AE"}))["payment_origin_country"] == "AE"
    data = order()
    data["parties"].append({"roles": ["bank"], "name": "Bank X", "country": "AM"})
    assert facts_of(data)["payment_origin_country"] == "AM"


def test_route_facts() -> None:
    route = {"transit_countries": ["TR"], "ports": ["IRAMD", "RUMCX"], "destination_country": "KZ", "destination_region": "kz-man"}
    facts = facts_of(order(route=route))
    assert facts["ship_to_country"] == "KZ"
    assert facts["ship_to_region"] == "KZ-MAN"
    assert facts["route_countries"] == ["IR", "KZ", "RU", "TR"]
    assert facts["port_locodes"] == ["IRAMD", "RUMCX"]
    final = facts_of(order(route={"destination_country": "AE", "final_destination_country": "RU"}))
    assert final["ship_to_country"] == "RU" and final["route_countries"] == ["AE", "RU"]


def test_ship_to_falls_back_to_consignee() -> None:
    data = order()
    data["parties"].append({"roles": ["consignee"], "name": "C", "country": "AM", "address": "Yerevan"})
    facts = facts_of(data)
    assert facts["ship_to_country"] == "AM" and facts["route_countries"] == ["AM"]
    assert facts["ship_to_address"] == "Yerevan"


def test_item_facts() -> None:
    items = [
        {"description": "MCU", "hs_code": "8542.31.00", "quantity": 100, "unit_price": 12.0, "market_unit_price": 4.0},
        {"description": "cable", "hs_code": "8544"},
    ]
    first, second = facts_of(order(items=items))["items"]
    assert first["hs6"] == "854231" and first["hs_code"] == "85423100"
    assert first["price_vs_market"] == 3.0 and first["value"] == 1200.0
    assert second["hs6"] is None and second["price_vs_market"] is None and second["value"] is None


@pytest.mark.parametrize(
    ("owners", "share"),
    [
        ([{"name": "A", "percent": 30, "listed": True}, {"name": "B", "percent": 25, "listed": True}], 55.0),
        ([{"name": "A", "percent": 30, "listed": True}, {"name": "B", "percent": 70, "listed": False}], 30.0),
        ([{"name": "A", "percent": 30, "listed": True}, {"name": "B", "percent": 30}], None),
        ([{"name": "A", "percent": 10, "listed": True}, {"name": "B", "percent": 30}], 10.0),
        ([{"name": "A", "listed": True}], None),
        (
            [{"name": "Hold", "percent": 60, "listed": False, "owners": [{"name": "SDN", "percent": 50, "listed": True}]}],
            60.0,
        ),
        (
            [{"name": "Hold", "percent": 60, "listed": False, "owners": [{"name": "SDN", "percent": 49, "listed": True}]}],
            0.0,
        ),
        ([], 0.0),
    ],
)
def test_fifty_percent_rule(owners: list[dict[str, Any]], share: float | None) -> None:
    assert blocked_share([Owner.model_validate(owner) for owner in owners]) == share


def test_ownership_facts() -> None:
    data = order()
    data["parties"][0]["owners"] = [
        {"name": "Hold", "percent": 100, "listed": False, "owners": [
            {"name": "Mid", "percent": 100, "listed": False, "owners": [{"name": "Top", "percent": 100, "listed": True}]},
        ]},
    ]
    facts = facts_of(data)
    assert facts["listed_owner_present"] is True
    assert facts["listed_ownership_percent"] == 100.0
    assert facts["ownership_depth"] == 3
    assert [row["owner"] for row in facts["ownership"]] == ["Hold", "Mid", "Top"]


def test_end_to_end_order_raises_expected_flags() -> None:
    data = order(
        items=[{"description": "32-bit MCU, unmarked", "hs_code": "854231", "unit_price": 20, "market_unit_price": 6}],
        route={"transit_countries": ["AE"], "ports": ["IRAMD"], "destination_country": "KZ", "previous_destination_country": "RU"},
        payment={"method": "cash", "financing_expected": True, "payer_name": "Silk Road", "payer_in_documents": False},
        facts={"customer_is_new": True, "requests_no_installation": True},
    )
    data["parties"].append({"roles": ["consignee", "freight_forwarder"], "name": "Fast Cargo", "country": "KZ"})
    findings = evaluate(package_rules(), derive_facts(parse_order(data)))
    fired = {f.code for f in findings if f.code != UNKNOWN_CODE}
    assert fired == {
        "RF-EU-06", "RF-EU-09", "RF-PA-01", "RF-PA-02", "RF-PA-03", "RF-PA-04", "RF-PA-11", "RF-IT-01", "RF-IT-02",
        "RF-IT-04", "RF-IT-07", "RF-RT-01", "RF-RT-02", "RF-RT-03", "RF-RT-07", "RF-RT-08", "RF-PY-01", "RF-PY-02",
    }

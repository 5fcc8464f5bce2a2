"""The order model: parse_order validates, names the offending field, and keeps unknown facts None."""

from __future__ import annotations

import importlib.util
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tradewarden.errors import InputError
from tradewarden.models import Order, PartyRole, parse_order

ROOT = Path(__file__).resolve().parent.parent


def order_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "reference": "SO-2024-00417",
        "order_date": "2024-03-14",
        "parties": [
            {"roles": ["buyer", "consignee"], "name": "Orion Trading FZE", "country": "ae", "email": "a@orion.ae"},
            {"roles": ["end_user"], "name": "Kama Components LLC", "country": "KZ"},
            {"roles": ["vessel"], "name": "SEA STAR", "schema_hint": "Vessel", "imo_number": "IMO 9126819"},
        ],
        "items": [
            {"description": "microcontroller", "hs_code": "8542.31.00", "eccn": "3a991.a.2", "quantity": 2000},
            {"description": "gyroscope", "hs_code": "901420", "currency": "usd"},
            {"description": "connector", "hs_code": "853690", "unit_price": 1.2},
        ],
        "route": {"transit_countries": ["AE"], "ports": ["ae jea", "IRAMD"], "destination_country": "KZ"},
        "payment": {"method": "wire", "payer_country": "KG"},
    }
    data.update(overrides)
    return data


def test_parse_order_normalises_codes() -> None:
    order = parse_order(order_data())
    assert order.parties[0].country == "AE"
    assert order.parties[2].imo_number == "IMO9126819"
    assert order.items[0].hs_code == "85423100"
    assert order.items[0].eccn == "3A991.a.2"
    assert order.items[1].currency == "USD"
    assert order.route.ports == ["AEJEA", "IRAMD"]
    assert order.order_date == date(2024, 3, 14)
    assert [party.name for party in order.parties_with(PartyRole.END_USER)] == ["Kama Components LLC"]


def test_missing_facts_are_unknown_not_clean() -> None:
    order = parse_order(order_data())
    assert all(value is None for value in order.facts.model_dump().values())
    assert order.payment.payer_in_documents is None
    assert order.parties[0].owners is None
    assert order.route.previous_destination_country is None


def test_parse_order_accepts_json_text_and_bytes() -> None:
    text = json.dumps(order_data())
    assert parse_order(text) == parse_order(text.encode()) == parse_order(order_data())


def test_unknown_field_is_named() -> None:
    data = order_data()
    data["items"][1]["colour"] = "red"
    with pytest.raises(InputError) as caught:
        parse_order(data)
    assert caught.value.field == "order.items[1].colour"
    assert "unknown field" in str(caught.value)


def test_bad_type_in_third_item_is_named() -> None:
    data = order_data()
    data["items"][2]["quantity"] = "lots"
    with pytest.raises(InputError) as caught:
        parse_order(data)
    assert caught.value.field == "order.items[2].quantity"


def test_bad_hs_code_message_is_ours() -> None:
    data = order_data()
    data["items"][2]["hs_code"] = "85-36"
    with pytest.raises(InputError) as caught:
        parse_order(data)
    assert caught.value.field == "order.items[2].hs_code"
    assert str(caught.value) == "order.items[2].hs_code: not an HS code (4 to 10 digits, dots allowed): '85-36'"


def test_every_problem_is_listed() -> None:
    data = order_data(surprise=1)
    data["parties"][1]["country"] = "Narnia"
    with pytest.raises(InputError) as caught:
        parse_order(data)
    fields = [error["field"] for error in caught.value.details["errors"]]
    assert fields == ["order.parties[1].country", "order.surprise"]
    assert "(and 1 more)" in str(caught.value)


@pytest.mark.parametrize(
    ("path", "value", "field"),
    [
        (("parties", 2, "imo_number"), "IMO 9126818", "order.parties[2].imo_number"),
        (("route", "ports", 1), "IR-AMD", "order.route.ports[1]"),
        (("parties", 0, "roles", 0), "reseller", "order.parties[0].roles[0]"),
        (("items", 0, "eccn"), "ABC", "order.items[0].eccn"),
        (("payment", "method"), "iou", "order.payment.method"),
        (("parties", 0, "owners"), [{"name": "X", "percent": 120}], "order.parties[0].owners[0].percent"),
    ],
)
def test_invalid_values_name_their_field(path: tuple[str | int, ...], value: object, field: str) -> None:
    data = order_data()
    target: Any = data
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    with pytest.raises(InputError) as caught:
        parse_order(data)
    assert caught.value.field == field


def test_an_order_needs_parties() -> None:
    with pytest.raises(InputError) as caught:
        parse_order({"items": []})
    assert caught.value.field == "order.parties"


@pytest.mark.parametrize("payload", ["{not json", b"\xff\xfe", "[1, 2]"])
def test_malformed_documents(payload: str | bytes) -> None:
    with pytest.raises(InputError) as caught:
        parse_order(payload)
    assert caught.value.field == "order"


def test_nested_owners_are_kept() -> None:
    owners = [{"name": "Holding A", "percent": 60, "owners": [{"name": "Person B", "percent": 100, "listed": True}]}]
    data = order_data()
    data["parties"][0]["owners"] = owners
    order = parse_order(data)
    nested = order.parties[0].owners
    assert nested is not None and nested[0].owners is not None
    assert nested[0].owners[0].listed is True


def test_schema_file_is_up_to_date() -> None:
    spec = importlib.util.spec_from_file_location("export_order_schema", ROOT / "scripts" / "export_order_schema.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    published = (ROOT / "docs" / "order.schema.json").read_text(encoding="utf-8")
    assert published == module.render_schema(), "run scripts/export_order_schema.py"


def test_schema_describes_the_model() -> None:
    schema = json.loads((ROOT / "docs" / "order.schema.json").read_text(encoding="utf-8"))
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == set(Order.model_fields)
    assert schema["$defs"]["Item"]["properties"]["hs_code"]["examples"] == ["8542.31"]

"""Helpers shared by the screening tests: a small hand-written list set and an order builder.

``small_lists()`` is a dozen listed entities (a sanctioned person and company with an address,
a vessel with its IMO number, an Entity List firm, a 1260H subsidiary owned 60 % by an SDN parent,
a UVL entry ...) as a ``MatchIndex`` plus its ``ListData``. ``order(**patch)`` deep-merges a patch
into a minimal clean order (a German buyer, nothing else) and validates it.
"""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.decide import Decision, DecisionPolicy, ListVersionRef
from tradewarden.listed import ListData
from tradewarden.match import MatchIndex
from tradewarden.models import Order, parse_order
from tradewarden.screen import screen_order

SDN_ADDRESS = "ul. Tverskaya 12, 125009 Moscow"


def make(schema: str, source: str, source_id: str, **props: Any) -> EntityProxy:
    """A listed entity in one line: ``make("Person", "us_ofac_sdn", "1", name="Ivan Petrov")``."""
    entity = model.make_entity(schema)
    entity.id = f"{source}-{source_id}".replace("_", "-")  # FtM ids: no underscores
    entity.context["source"] = source
    entity.context["source_id"] = source_id
    for prop, value in props.items():
        entity.add(prop, value)
    return entity


def link(schema: str, link_id: str, source: str, **props: Any) -> EntityProxy:
    """A relation (Ownership, UnknownLink) between two listed entities."""
    entity = model.make_entity(schema)
    entity.id = f"{source}-{link_id}".replace("_", "-")
    entity.context["source"] = source
    for prop, value in props.items():
        entity.add(prop, value)
    return entity


def entities() -> list[EntityProxy]:
    """The small list set."""
    return [
        make("Person", "us_ofac_sdn", "100", name="Ivan Petrovich Sidorov", country="ru", birthDate="1970-03-14",
             topics="sanction", program="RUSSIA-EO14024"),
        make("Person", "us_ofac_sdn", "101", name="Oleg Nikolaevich Vorobyov", country="ru", topics="sanction",
             program="RUSSIA-EO14024"),
        make("Company", "us_ofac_sdn", "200", name="Romashka Trading LLC", country="ru", topics="sanction",
             program="RUSSIA-EO14024", registrationNumber="1027700132195", address=SDN_ADDRESS,
             email="info@romashka-trading.ru"),
        make("Vessel", "us_ofac_sdn", "300", name="Baltic Leader", imoNumber="9220639", flag="ru", topics="sanction",
             program="RUSSIA-EO14024"),
        make("LegalEntity", "us_trade_csl", "el-1", name="Afsari General Trading LLC", country="ae",
             topics="export.control", program="Entity List (EL) - Bureau of Industry and Security"),
        make("LegalEntity", "us_trade_csl", "uvl-1", name="Sinotech Precision Instruments Co", country="cn",
             topics="export.control", program="Unverified List (UVL) - Bureau of Industry and Security"),
        make("Company", "us_ofac_sdn", "400", name="Uralsk Parent Holding JSC", topics="sanction", program="RUSSIA-EO14024"),
        make("Company", "us_dod_1260h", "sub-1", name="Harbin Daughter Avionics Co Ltd", country="cn", topics="debarment",
             program="DoD Section 1260H Chinese military companies"),
        link("Ownership", "own-1", "us_dod_1260h", owner="us-ofac-sdn-400", asset="us-dod-1260h-sub-1", percentage="60%"),
        link("UnknownLink", "ul-1", "us_ofac_sdn", subject="us-ofac-sdn-101", object="us-ofac-sdn-200", role="Linked To"),
        make("Organization", "cn_countermeasures", "cm-1", name="Lockheed Martin Corporation", country="us",
             topics="sanction.counter"),
        make("Person", "un_sc_sanctions", "QDi.999", name="Abdul Karim Al-Masri", nationality="sy", topics="sanction"),
    ]


@cache
def small_lists() -> tuple[MatchIndex, ListData]:
    """The small list set as a match index and list data (built once per test session)."""
    listed = entities()
    versions = [ListVersionRef(source=s, version_id=n, sha256=f"sha-{s}") for n, s in enumerate(sorted({
        str(e.context["source"]) for e in listed}), start=1)]
    return MatchIndex.build(listed), ListData.build(listed, versions)


BASE_ORDER: dict[str, Any] = {
    "reference": "TEST-1",
    "order_date": "2024-06-01",
    "parties": [{"roles": ["buyer", "consignee", "end_user"], "name": "Schneider Pumpenbau GmbH", "country": "DE"}],
    "items": [{"description": "Cast iron pipe flange DN100", "hs_code": "7307.11", "quantity": 10}],
    "route": {"origin_country": "US", "destination_country": "DE"},
}


def merge(base: dict[str, Any], patch: dict[str, Any]) -> dict[str, Any]:
    """``base`` with ``patch`` merged in (dicts recursively; lists and values replaced)."""
    out = copy.deepcopy(base)
    for key, value in patch.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def order(**patch: Any) -> Order:
    """The base order with ``patch`` merged in, validated."""
    return parse_order(merge(BASE_ORDER, patch))


def screen(value: Order | dict[str, Any], policy: DecisionPolicy = DecisionPolicy()) -> Decision:
    """Screen an order (or a patch of the base order) against the small list set."""
    index, lists = small_lists()
    checked = value if isinstance(value, Order) else order(**value)
    return screen_order(checked, index, policy=policy, lists=lists)


def codes(decision: Decision) -> set[str]:
    """The finding codes of a decision."""
    return {finding.code for finding in decision.findings}

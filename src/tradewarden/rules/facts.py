"""Order -> facts: the flat mapping the red-flag rules read; pure, no I/O.

Fact names follow the vocabulary in ``rules/data/red_flags.yaml`` (``facts:``), which starts from
the shared reference ``red_flags.yaml``. A fact the order does not establish is ``None``
(unknown), never a clean default. The customer is the first party with role ``buyer``; the end
user, consignee and payer likewise. Per-item facts go in ``facts["items"]`` (one dict per order
line) for item-scope rules. Facts that need the lists (``name_similar_to_listed_party`` ...) come
from the order's stated facts, or screening adds them to the returned dict.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from followthemoney.types import registry

from tradewarden.models import BusinessType, Item, Order, Owner, Party, PartyRole

_CONSUMER_TYPES = {BusinessType.MANUFACTURER, BusinessType.OEM, BusinessType.GOVERNMENT, BusinessType.MILITARY}
_CONSUMER_TYPES |= {BusinessType.RESEARCH, BusinessType.INDIVIDUAL}
_RESELLER_TYPES = {BusinessType.DISTRIBUTOR, BusinessType.RESELLER, BusinessType.TRADING_COMPANY}
_INTERMEDIARY_TYPES = {
    BusinessType.FREIGHT_FORWARDER,
    BusinessType.LOGISTICS_COMPANY,
    BusinessType.FINANCIAL_INSTITUTION,
    BusinessType.MAIL_CENTER,
}


def _name_key(name: str | None) -> str | None:
    if name is None:
        return None
    return re.sub(r"[\W_]+", " ", name.casefold()).strip() or None


def _first(order: Order, role: PartyRole) -> Party | None:
    parties = order.parties_with(role)
    return parties[0] if parties else None


def _email_domain(party: Party | None) -> str | None:
    if party is None or party.email is None:
        return None
    return party.email.rsplit("@", 1)[1].lower()


def _phone_country(party: Party | None) -> str | None:
    if party is None or party.phone is None:
        return None
    hint = registry.phone.country_hint(party.phone)
    return hint.upper() if hint else None


def consignee_type(consignee: Party | None) -> str | None:
    """Classify the (ultimate) consignee in the ``consignee_type`` vocabulary.

    Args:
        consignee: the consignee party, if the order names one.

    Returns:
        ``freight_forwarder``, ``logistics_company``, ``financial_institution``, ``mail_center``,
        ``distributor``, ``end_user`` or ``other``; None when its business is not known.
    """
    if consignee is None:
        return None
    kind = consignee.business_type
    if PartyRole.FREIGHT_FORWARDER in consignee.roles:
        return "freight_forwarder"
    if kind in _INTERMEDIARY_TYPES:
        return kind.value if kind else None
    if kind in _RESELLER_TYPES:
        return "distributor"
    if kind in _CONSUMER_TYPES or PartyRole.END_USER in consignee.roles:
        return "end_user"
    return None


def _forwarder_as_consignee(order: Order, consignee: Party | None) -> bool | None:
    if consignee is None:
        return None
    forwarders = {_name_key(party.name) for party in order.parties_with(PartyRole.FREIGHT_FORWARDER)}
    if (
        PartyRole.FREIGHT_FORWARDER in consignee.roles
        or consignee.business_type is BusinessType.FREIGHT_FORWARDER
        or _name_key(consignee.name) in forwarders
    ):
        return True
    if consignee.business_type in (None, BusinessType.UNKNOWN):
        return None
    return False


def _blocked(owner: Owner) -> bool | None:
    if owner.listed:
        return True
    share = blocked_share(owner.owners) if owner.owners is not None else 0.0
    if share is not None and share >= 50:
        return True
    if owner.listed is None or share is None:
        return None
    return False


def blocked_share(owners: Iterable[Owner]) -> float | None:
    """Percentage held, alone or together, by blocked owners (the OFAC 50% rule, 31 CFR 587.406).

    An owner is blocked when it is marked listed or is itself 50%+ owned by blocked owners
    (nested ``owners``). Unknown list status or percentage only matters when it could lift the
    total to 50: then the share is unknown.

    Args:
        owners: a party's direct owners.

    Returns:
        The blocked percentage (0-100), or None when it cannot be decided against the 50% line.
    """
    known = 0.0
    possible = 0.0
    for owner in owners:
        status = _blocked(owner)
        if status is False:
            continue
        percent = owner.percent
        if status and percent is not None:
            known += percent
        possible += 100.0 if percent is None else percent
    if known >= 50 or possible < 50:
        return min(known, 100.0)
    return None


def _owner_rows(party: Party, owners: Iterable[Owner], depth: int) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for owner in owners:
        row = {"party": party.name, "owner": owner.name, "percent": owner.percent}
        rows.append({**row, "listed": owner.listed, "country": owner.country, "depth": depth})
        rows.extend(_owner_rows(party, owner.owners or (), depth + 1))
    return rows


def _ownership(order: Order) -> dict[str, Any]:
    declared = [party for party in order.parties if party.owners is not None]
    if not declared:
        return {"ownership": None, "listed_owner_present": None, "listed_ownership_percent": None, "ownership_depth": None}
    rows = [row for party in declared for row in _owner_rows(party, party.owners or (), 1)]
    statuses = [row["listed"] for row in rows]
    present = True if True in statuses else (None if None in statuses else False)
    shares = [blocked_share(party.owners or ()) for party in declared]
    percent = None if None in shares else max((share or 0.0 for share in shares), default=0.0)
    if percent is None and any(share is not None and share >= 50 for share in shares):
        percent = max(share for share in shares if share is not None)
    depth = max((row["depth"] for row in rows), default=0)
    return {"ownership": rows, "listed_owner_present": present, "listed_ownership_percent": percent, "ownership_depth": depth}


def item_facts(item: Item) -> dict[str, Any]:
    """The facts of one order line.

    Args:
        item: the order line.

    Returns:
        ``hs_code``, ``hs6``, ``eccn``, ``item_description``, ``quantity``, ``unit_price``,
        ``value`` (given, else quantity x unit price), ``currency``, ``price_vs_market``
        (unit price / market unit price), ``manufacturer``, ``part_number``.
    """
    value = item.value
    if value is None and item.quantity is not None and item.unit_price is not None:
        value = item.quantity * item.unit_price
    ratio = None
    if item.unit_price is not None and item.market_unit_price is not None:
        ratio = round(item.unit_price / item.market_unit_price, 4)
    return {
        "hs_code": item.hs_code,
        "hs6": item.hs_code[:6] if item.hs_code and len(item.hs_code) >= 6 else None,
        "eccn": item.eccn,
        "item_description": item.description,
        "quantity": item.quantity,
        "unit_price": item.unit_price,
        "value": value,
        "currency": item.currency,
        "price_vs_market": ratio,
        "manufacturer": item.manufacturer,
        "part_number": item.part_number,
    }


def _route_countries(order: Order, ship_to: str | None) -> list[str] | None:
    route = order.route
    parts: list[str | None] = [*(route.transit_countries or []), *(code[:2] for code in route.ports or [])]
    parts += [route.destination_country, route.final_destination_country, ship_to]
    countries = sorted({code for code in parts if code})
    return countries or None


def _payment(order: Order, customer: Party | None) -> dict[str, Any]:
    payment = order.payment
    payer = _first(order, PartyRole.PAYER)
    bank = _first(order, PartyRole.BANK)
    payer_name = payment.payer_name or (payer.name if payer else None)
    payer_country = payment.payer_country or (payer.country if payer else None)
    origin = payment.funds_origin_country or payment.bank_country or (bank.country if bank else None)
    third_party: bool | None = None
    if customer is not None and (payer_name or payer_country):
        names_differ = payer_name is not None and _name_key(payer_name) != _name_key(customer.name)
        countries_differ = None not in (payer_country, customer.country) and payer_country != customer.country
        if names_differ or countries_differ:
            third_party = True
        elif payer_name is not None:
            third_party = False
    return {
        "payment_method": payment.method.value if payment.method else None,
        "payment_currency": payment.currency,
        "payer_name": payer_name,
        "payer_country": payer_country,
        "payment_origin_country": origin,
        "payer_in_documents": payment.payer_in_documents,
        "financing_expected": payment.financing_expected,
        "lc_consignee_is_issuing_bank": payment.lc_consignee_is_issuing_bank,
        "third_party_payment": third_party,
    }


def derive_facts(order: Order) -> dict[str, Any]:
    """Derive the red-flag facts of an order.

    Args:
        order: a validated order.

    Returns:
        Fact name to value (``None`` where unknown), including ``items``: one dict of
        :func:`item_facts` per order line.
    """
    customer = _first(order, PartyRole.BUYER)
    end_user = _first(order, PartyRole.END_USER)
    consignee = _first(order, PartyRole.CONSIGNEE)
    route = order.route
    ship_to = route.final_destination_country or route.destination_country
    ship_to = ship_to or (consignee.country if consignee else None) or (end_user.country if end_user else None)
    age = None
    if customer and customer.incorporation_date and order.order_date:
        age = (order.order_date - customer.incorporation_date).days
    addresses = [route.delivery_address, consignee.address if consignee else None, end_user.address if end_user else None]
    facts: dict[str, Any] = {
        "order_date": order.order_date,
        "requested_ship_date": order.requested_ship_date,
        "customer_name": customer.name if customer else None,
        "customer_country": customer.country if customer else None,
        "customer_incorporation_date": customer.incorporation_date if customer else None,
        "customer_age_days": age,
        "customer_business_line": customer.business_line if customer else None,
        "customer_web_presence": customer.web_presence.value if customer and customer.web_presence else None,
        "customer_email_domain": _email_domain(customer),
        "customer_address_type": customer.address_type.value if customer and customer.address_type else None,
        "phone_country": _phone_country(customer),
        "end_user_name": end_user.name if end_user else None,
        "end_user_country": end_user.country if end_user else None,
        "end_user_type": end_user.business_type.value if end_user and end_user.business_type else None,
        "end_use_description": order.end_use,
        "consignee_type": consignee_type(consignee),
        "freight_forwarder_as_consignee": _forwarder_as_consignee(order, consignee),
        "ship_to_country": ship_to,
        "ship_to_region": route.destination_region,
        "ship_to_address": next((address for address in addresses if address), None),
        "route_countries": _route_countries(order, ship_to),
        "port_locodes": list(route.ports) if route.ports is not None else None,
        "previously_destined_to": route.previous_destination_country,
        **_payment(order, customer),
        **_ownership(order),
        **order.facts.model_dump(),
        "items": [item_facts(item) for item in order.items],
    }
    return facts

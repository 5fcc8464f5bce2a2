"""Order in, a decision out: the one place that calls party matching, items, geo and the rules.

Pure: no files, network or database. The caller hands in a loaded matcher
(:class:`~tradewarden.match.MatchIndex`), the rules, a :class:`~tradewarden.decide.DecisionPolicy`
(with the stale sources the caller found in the store) and the
:class:`~tradewarden.listed.ListData` side tables; the CLI, API and batch engines do the loading.

The steps, each adding findings with their evidence:

1. **Parties** (:mod:`tradewarden.party_check`): every party in its roles, a payer or bank named
   only in the payment, and every declared owner, through the matcher; confirmed matches,
   possible matches, shared contact details; the 50 % rule over declared and list-data owners.
2. **Items** (:func:`tradewarden.items.screen_item`): each line against CHPL, Supplements No. 2, 4
   and 7 to 15 CFR part 746, the drone-parts categories and the CCL destinations.
3. **Destination and route** (:mod:`tradewarden.geo`): the destination, region and delivery
   address, the route, and the countries of the parties and the payment.
4. **Red flags** (:mod:`tradewarden.rules`): the order's facts, with the facts screening settled
   (``name_similar_to_listed_party``, ``address_shared_with_listed_party``, owners' list status,
   HS codes the classifier inferred).
5. **Decision** (:func:`tradewarden.decide.decide`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from functools import cache
from importlib import resources
from typing import Any

from tradewarden.decide import Decision, DecisionPolicy, decide
from tradewarden.findings import Finding
from tradewarden.geo import screen_destination, screen_route
from tradewarden.geo.countries import subdivision_code
from tradewarden.items import ItemInput, classify, has_high_priority, screen_item
from tradewarden.listed import EFFECTS_FILE, ListData
from tradewarden.models import Order, PartyRole
from tradewarden.party_check import ConfirmPolicy, PartyMatcher, PartyScreener, PartyScreening
from tradewarden.rules import Rule, derive_facts, evaluate, package_rules

__all__ = ["ConfirmPolicy", "PartyMatcher", "data_versions", "screen_order"]

#: Destination-check codes that also apply to the country or address of a party or the payment.
PARTY_PLACE_CODES = frozenset({
    "DEST_EMBARGO", "DEST_SANCTIONED", "DEST_SANCTIONS_CHANGED", "DEST_OCCUPIED_REGION",
    "DEST_REGION_PARTLY_OCCUPIED", "DEST_LOCATION_OF_CONCERN",
})
#: Destination-check codes that a delivery address (free text) can raise.
ADDRESS_CODES = frozenset({"DEST_OCCUPIED_REGION", "DEST_REGION_PARTLY_OCCUPIED", "DEST_LOCATION_OF_CONCERN"})


def screen_order(
    order: Order,
    matcher: PartyMatcher,
    rules: Iterable[Rule] | None = None,
    policy: DecisionPolicy = DecisionPolicy(),
    *,
    lists: ListData | None = None,
    confirm: ConfirmPolicy = ConfirmPolicy(),
) -> Decision:
    """Screen an order: parties, ownership, items, destination, route and red flags, then decide.

    Args:
        order: a validated order (:func:`tradewarden.models.parse_order`).
        matcher: the loaded match index of the current list versions.
        rules: red-flag rules (default: the package's ``red_flags.yaml``).
        policy: the decision policy; its ``stale_sources`` turn a clear into a review.
        lists: programmes, list-data ownership links and list versions (default: none known).
        confirm: what counts as a confirmed match (see :func:`tradewarden.party_check.confirmation`).
    Returns:
        The decision, with every finding, the list versions and the data versions used.
    Raises:
        InputError: an order value the checks cannot use (the field is named).
    """
    rule_set = tuple(package_rules() if rules is None else rules)
    list_data = lists if lists is not None else ListData()
    parties = PartyScreener(matcher, list_data, confirm).screen(order)
    resolved = _with_resolved_owners(order, parties)
    item_findings = _item_findings(order)
    high_priority = has_high_priority(item_findings)
    place_findings = _place_findings(order, high_priority)
    facts = _facts(resolved, parties)
    rule_findings = evaluate(rule_set, facts)
    findings = _merge([*parties.findings, *item_findings, *place_findings, *rule_findings])
    return decide(
        findings,
        policy,
        list_versions=sorted(list_data.versions.values(), key=lambda v: v.source),
        data_versions=data_versions(rule_set),
    )


def _with_resolved_owners(order: Order, parties: PartyScreening) -> Order:
    """The order with each party's owners' list status as screening settled it."""
    if not parties.owners:
        return order
    updated = [
        party.model_copy(update={"owners": parties.owners[index]}) if index in parties.owners else party
        for index, party in enumerate(order.parties)
    ]
    return order.model_copy(update={"parties": updated})


def ship_to_country(order: Order) -> str | None:
    """Where the goods go: the route's destination, else its final destination, else the
    consignee's or the end user's country (None when the order does not say)."""
    route = order.route
    if route.destination_country or route.final_destination_country:
        return route.destination_country or route.final_destination_country
    for role in (PartyRole.CONSIGNEE, PartyRole.END_USER):
        for party in order.parties_with(role):
            if party.country:
                return party.country
    return None


def item_destinations(order: Order) -> set[str]:
    """Every territory the goods are bound for: destination, final destination, end users, region."""
    route = order.route
    found = {code for code in (route.destination_country, route.final_destination_country, ship_to_country(order)) if code}
    found |= {party.country for party in order.parties_with(PartyRole.END_USER) if party.country}
    if subdivision_code(route.destination_region) is not None:
        found.add(route.destination_region or "")
    return found


def _item_findings(order: Order) -> list[Finding]:
    destinations = item_destinations(order)
    findings: list[Finding] = []
    for index, item in enumerate(order.items):
        line = ItemInput(
            description=item.description, hs_code=item.hs_code, part_number=item.part_number,
            manufacturer=item.manufacturer, eccn=item.eccn,
        )
        findings += screen_item(line, destinations, f"order.items[{index}]")
    return findings


def _place_findings(order: Order, high_priority: bool) -> list[Finding]:
    route = order.route
    findings: list[Finding] = []
    destination = route.destination_country or ship_to_country(order)
    if destination or route.destination_region:
        findings += screen_destination(
            destination, route.destination_region, "order.route.destination", has_high_priority_item=high_priority
        )
    if route.delivery_address:
        field = "order.route.delivery_address"
        found = screen_destination(destination, route.delivery_address, field)
        findings += _resubject([f for f in found if f.code in ADDRESS_CODES], {f"{field}.region": field})
    findings += screen_route(
        origin=route.origin_country,
        transit_countries=route.transit_countries or (),
        port_locodes=route.ports or (),
        destination=destination,
        final_destination=route.final_destination_country,
        has_high_priority_item=high_priority,
        field="order.route",
    )
    for field, country, address, renames in _party_places(order):
        found = [f for f in screen_destination(country, address, field) if f.code in PARTY_PLACE_CODES]
        findings += _resubject(found, renames)
    return findings


def _resubject(findings: list[Finding], renames: dict[str, str]) -> list[Finding]:
    """Findings with their subject renamed to the order field the value came from."""
    return [f.model_copy(update={"subject": renames[f.subject]}) if f.subject in renames else f for f in findings]


def _party_places(order: Order) -> list[tuple[str, str | None, str | None, dict[str, str]]]:
    """(field, country, address, subject renames) of every party and of the payment's countries."""
    places: list[tuple[str, str | None, str | None, dict[str, str]]] = [
        (f"order.parties[{index}]", party.country, party.address,
         {f"order.parties[{index}].region": f"order.parties[{index}].address"})
        for index, party in enumerate(order.parties)
        if party.country or party.address
    ]
    payment = order.payment
    for name in ("payer_country", "bank_country", "funds_origin_country"):
        country = getattr(payment, name)
        if country:
            field = f"order.payment.{name}"
            places.append((field, country, None, {f"{field}.country": field}))
    return places


def _facts(order: Order, parties: PartyScreening) -> dict[str, Any]:
    """``derive_facts`` plus what screening settled; a stated True is never overridden."""
    facts = derive_facts(order)
    for name, computed in (
        ("name_similar_to_listed_party", parties.name_similar),
        ("address_shared_with_listed_party", parties.contact_shared),
    ):
        if facts.get(name) is not True and computed is not None:
            facts[name] = computed
    for item_facts, item in zip(facts["items"], order.items, strict=True):
        if item.hs_code is None:
            inferred = classify(item.description, item.part_number, item.manufacturer).hs6
            if inferred is not None:
                item_facts["hs6"] = inferred
    return facts


def _merge(findings: Sequence[Finding]) -> list[Finding]:
    """One finding per (code, title): the same check firing for several fields names them all."""
    merged: dict[tuple[str, str], Finding] = {}
    for finding in findings:
        key = (finding.code, finding.title)
        first = merged.get(key)
        if first is None:
            merged[key] = finding
        elif finding.subject and finding.subject not in first.subject.split("; "):
            subject = "; ".join(part for part in (first.subject, finding.subject) if part)
            merged[key] = first.model_copy(update={"subject": subject})
    return list(merged.values())


@cache
def _package_digest(package: str, folder: str, suffixes: tuple[str, ...]) -> str:
    digest = hashlib.sha256()
    root = resources.files(package).joinpath(folder)
    for entry in sorted(root.iterdir(), key=lambda path: path.name):
        if entry.name.endswith(suffixes):
            digest.update(entry.name.encode())
            digest.update(entry.read_bytes())
    return "sha256:" + digest.hexdigest()[:16]


# Rule digests by the identity of the rule objects; the rules are kept so no id is reused.
_RULE_DIGESTS: dict[tuple[int, ...], tuple[tuple[Rule, ...], str]] = {}


def _rules_digest(rules: tuple[Rule, ...]) -> str:
    key = tuple(map(id, rules))
    cached = _RULE_DIGESTS.get(key)
    if cached is None:
        if len(_RULE_DIGESTS) >= 8:
            _RULE_DIGESTS.clear()
        cached = (rules, "sha256:" + hashlib.sha256(repr(rules).encode("utf-8")).hexdigest()[:16])
        _RULE_DIGESTS[key] = cached
    return cached[1]


def data_versions(rules: Sequence[Rule] | None = None) -> dict[str, str]:
    """Digests of the reference data a decision rests on, recorded in every decision.

    Args:
        rules: the rules used (default: the package rules).
    Returns:
        ``rules``, ``items`` (HS tables), ``geo`` (jurisdictions), ``list_effects`` and the
        tradewarden version.
    """
    from tradewarden import __version__

    rule_set = tuple(package_rules() if rules is None else rules)
    return {
        "tradewarden": __version__,
        "rules": f"{len(rule_set)} rules, {_rules_digest(rule_set)}",
        "items": _package_digest("tradewarden.items", "data", (".csv",)),
        "geo": _package_digest("tradewarden.geo", "data", (".yaml",)),
        "list_effects": _package_digest("tradewarden", "data", (EFFECTS_FILE,)),
    }

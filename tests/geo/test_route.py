"""screen_route: every Caspian port group fires by UN/LOCODE and by name (parametrised over the
package data), transit through sanctioned territory, the diversion-hub onward pattern, errors."""

from __future__ import annotations

import pytest

from tradewarden.errors import InputError
from tradewarden.findings import Finding, Outcome, Severity
from tradewarden.geo import load_jurisdictions, screen_route

DATA = load_jurisdictions()
FIELD = "order.route"


def by_code(findings: list[Finding]) -> dict[str, list[Finding]]:
    grouped: dict[str, list[Finding]] = {}
    for finding in findings:
        grouped.setdefault(finding.code, []).append(finding)
    return grouped


PORT_LOCODES = [(port, code) for port in DATA.ports for code in port.locodes]


def test_every_port_group_is_covered() -> None:
    assert len(DATA.ports) == 16
    assert {p.id for p, _ in PORT_LOCODES} == {p.id for p in DATA.ports if p.locodes}
    # Aktau is KZAAU in UN/LOCODE (the reference's LOCODE dataset); Makhachkala RUMCX, Anzali IRBAZ.
    assert DATA.port_by_locode["KZAAU"].id == "kz-aktau"
    assert DATA.port_by_locode["RUMCX"].id == "ru-makhachkala"
    assert DATA.port_by_locode["IRBAZ"].id == "ir-bandar-e-anzali"


@pytest.mark.parametrize(("port", "locode"), PORT_LOCODES, ids=lambda v: getattr(v, "id", v))
def test_every_caspian_locode_fires(port, locode: str) -> None:  # type: ignore[no-untyped-def]
    for given in (locode, locode.lower(), f"{locode[:2]} {locode[2:]}"):
        (finding,) = by_code(screen_route(port_locodes=[given], destination="DE", field=FIELD))["ROUTE_CASPIAN_PORT"]
        assert (finding.outcome, finding.severity) == (Outcome.REVIEW, Severity.HIGH)
        assert finding.subject == f"{FIELD}.port_locodes[0]"
        (evidence,) = finding.evidence
        assert evidence.kind == "port"
        assert evidence.reference == f"jurisdictions.yaml caspian_ports {port.id}"
        assert evidence.detail["route_cited"] is port.route_cited
        assert evidence.citation


@pytest.mark.parametrize(
    ("port", "name"), [(port, name) for port in DATA.ports for name in port.names], ids=lambda v: getattr(v, "id", v)
)
def test_every_caspian_port_name_fires(port, name: str) -> None:  # type: ignore[no-untyped-def]
    findings = by_code(screen_route(port_locodes=[name], destination="DE", field=FIELD))["ROUTE_CASPIAN_PORT"]
    assert f"jurisdictions.yaml caspian_ports {port.id}" in [f.evidence[0].reference for f in findings]


def test_cited_route_ports_say_so() -> None:
    (finding,) = by_code(screen_route(port_locodes=["IRAMD"], destination="KZ"))["ROUTE_CASPIAN_PORT"]
    assert "Makhachkala" in finding.detail
    (geo_only,) = by_code(screen_route(port_locodes=["KZKUR"], destination="KZ"))["ROUTE_CASPIAN_PORT"]
    assert "geography only" in geo_only.detail


@pytest.mark.parametrize(
    ("location", "locode"), [(loc, code) for loc in DATA.locations for code in loc.locodes],
    ids=lambda v: getattr(v, "id", v),
)
def test_every_location_of_concern_locode_fires(location, locode: str) -> None:  # type: ignore[no-untyped-def]
    (finding,) = by_code(screen_route(port_locodes=[locode], destination="KZ"))["ROUTE_LOCATION_OF_CONCERN"]
    assert finding.evidence[0].reference == f"jurisdictions.yaml locations_of_concern {location.id}"


def test_ordinary_ports_raise_nothing() -> None:
    assert screen_route("US", ["NL"], ["NLRTM", "DEHAM"], "DE", None, True, FIELD) == []


@pytest.mark.parametrize("transit", ["RU", "IR", "BY", "Crimea", "KP"])
def test_transit_through_restricted_territory_while_bound_elsewhere(transit: str) -> None:
    (finding,) = by_code(screen_route("US", [transit], [], "KZ", None, False, FIELD))["ROUTE_TRANSIT_RESTRICTED"]
    assert (finding.outcome, finding.severity) == (Outcome.REVIEW, Severity.HIGH)
    assert finding.subject == f"{FIELD}.transit_countries[0]"


def test_transit_through_the_destination_itself_is_not_a_detour() -> None:
    assert "ROUTE_TRANSIT_RESTRICTED" not in by_code(screen_route("US", ["RU"], [], "RU", None, False, FIELD))


def test_a_port_counts_as_transit_through_its_country() -> None:
    findings = by_code(screen_route("US", [], ["RULED"], "KZ", None, False, FIELD))
    (finding,) = findings["ROUTE_TRANSIT_RESTRICTED"]
    assert finding.subject == f"{FIELD}.port_locodes[0]"


@pytest.mark.parametrize("hub", [h for h in DATA.transit.values()], ids=lambda h: h.country)
def test_high_priority_item_via_every_hub_then_onward(hub) -> None:  # type: ignore[no-untyped-def]
    onward = hub.leads_to[0].upper()
    findings = by_code(screen_route("US", [hub.country], [], onward, None, True, FIELD))
    (finding,) = findings["ROUTE_HUB_ONWARD"]
    assert (finding.outcome, finding.severity) == (Outcome.REVIEW, Severity.CRITICAL)
    assert finding.evidence[0].detail["onward"] == [onward]
    # Without a high-priority item the hub alone is not a route finding.
    assert "ROUTE_HUB_ONWARD" not in by_code(screen_route("US", [hub.country], [], onward, None, False, FIELD))


def test_hub_then_caspian_port_is_onward() -> None:
    findings = by_code(screen_route("US", ["AE"], ["KZAAU"], "KZ", None, True, FIELD))
    hubs = {f.evidence[0].reference for f in findings["ROUTE_HUB_ONWARD"]}
    assert hubs == {"jurisdictions.yaml transshipment_countries AE", "jurisdictions.yaml transshipment_countries KZ"}


def test_high_priority_item_transiting_a_hub_without_onward_link() -> None:
    (finding,) = by_code(screen_route("US", ["AE"], [], "IN", None, True, FIELD))["ROUTE_DIVERSION_HUB"]
    assert (finding.outcome, finding.severity) == (Outcome.REVIEW, Severity.HIGH)
    # The destination hub itself is screen_destination's business.
    assert "ROUTE_DIVERSION_HUB" not in by_code(screen_route("US", [], [], "AE", None, True, FIELD))
    assert screen_route("US", ["AE"], [], "IN", None, False, FIELD) == []


def test_final_destination_gets_destination_checks() -> None:
    findings = by_code(screen_route("US", [], [], "AM", "IR", False, FIELD))
    (embargo,) = findings["DEST_EMBARGO"]
    assert embargo.outcome is Outcome.BLOCK
    assert embargo.subject.startswith(f"{FIELD}.final_destination")
    assert screen_route("US", [], [], "DE", "DE", False, FIELD) == []


def test_restricted_origin() -> None:
    (finding,) = by_code(screen_route("IR", [], [], "DE", None, False, FIELD))["ROUTE_ORIGIN_RESTRICTED"]
    assert finding.subject == f"{FIELD}.origin"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"origin": "Atlantis"}, "order.route.origin"),
        ({"transit_countries": ["DE", "Narnia"]}, "order.route.transit_countries[1]"),
        ({"port_locodes": ["KZAKT1"]}, "order.route.port_locodes[0]"),
        ({"port_locodes": ["Rotterdam"]}, "order.route.port_locodes[0]"),
        ({"port_locodes": ["XXABC"]}, "order.route.port_locodes[0]"),
        ({"destination": "??"}, "order.route.destination"),
        ({"final_destination": "Mordor"}, "order.route.final_destination"),
    ],
)
def test_bad_route_input_names_the_field(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(InputError) as caught:
        screen_route(field=FIELD, **kwargs)  # type: ignore[arg-type]
    assert caught.value.field == field

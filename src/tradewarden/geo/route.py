"""Route screening: origin, transit countries, ports and final destination in, findings out.

The shipment's own destination is screened by ``screen_destination``; this module looks at the
rest of the route, each finding citing ``geo/data/jurisdictions.yaml``:

* ``ROUTE_CASPIAN_PORT`` (review, high): a Caspian Sea port on the route, by UN/LOCODE or name;
* ``ROUTE_LOCATION_OF_CONCERN`` (review, high): a location of concern among the ports;
* ``ROUTE_TRANSIT_RESTRICTED`` (review, high): transit through a restricted country or occupied
  region (Russia, Iran, Belarus, ...) while the goods are bound elsewhere;
* ``ROUTE_DIVERSION_HUB`` / ``ROUTE_CASPIAN_CORRIDOR`` (review): a high-priority item transits a
  diversion hub or corridor country;
* ``ROUTE_HUB_ONWARD`` (review, critical): a high-priority item goes to a diversion hub and the
  route then leads on to a country the hub is named as a diversion point for (Russia, Belarus,
  Iran) or to a Caspian port;
* ``ROUTE_ORIGIN_RESTRICTED`` (review, medium): goods originate in a restricted country;
* the final destination, when it differs from the destination, gets the destination checks.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from tradewarden.errors import InputError
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.geo.check import screen_destination, transit_country_finding
from tradewarden.geo.countries import Country, country_name, normalize_country
from tradewarden.geo.jurisdictions import (
    JURISDICTIONS_FILE,
    CaspianPort,
    Jurisdictions,
    LocationOfConcern,
    load_jurisdictions,
)

_LOCODE = re.compile(r"^[A-Z]{2}[A-Z2-9]{3}$")
# Countries whose presence on a route after a diversion hub is the pattern BIS and FinCEN describe.
_ONWARD_TARGETS = frozenset({"ru", "by", "ir"})


@dataclass(frozen=True, slots=True)
class _Port:
    """A port given on the route, resolved as far as the tables allow."""

    given: str
    subject: str
    country: str | None
    caspian: tuple[CaspianPort, ...]
    location: LocationOfConcern | None


def _resolve_port(value: str, subject: str, data: Jurisdictions) -> _Port:
    text = (value or "").strip()
    # Names first: "Aktau" and "Kuryk" have the shape of a UN/LOCODE.
    ports = tuple({hit.target.id: hit.target for hit in data.port_names.find(text)}.values())
    locations = [hit.target for hit in data.location_names.find(text)]
    if ports or locations:
        country = ports[0].country.lower() if len({p.country for p in ports}) == 1 else None
        return _Port(text, subject, country, ports, locations[0] if locations else None)
    code = re.sub(r"[\s-]+", "", text).upper()
    if not _LOCODE.match(code):
        raise InputError(
            f"{value!r} is not a UN/LOCODE (five characters, e.g. KZAAU) nor a known port name",
            field=subject,
            value=value,
        )
    country = normalize_country(code[:2], subject).code
    port = data.port_by_locode.get(code)
    return _Port(text, subject, country, (port,) if port else (), data.location_by_locode.get(code))


def _evidence(section: str, key: str, citation: str, **detail: object) -> Evidence:
    return Evidence(
        kind="port" if section == "caspian_ports" else "jurisdiction",
        reference=f"{JURISDICTIONS_FILE} {section} {key}",
        citation=citation,
        detail={k: v for k, v in detail.items() if v not in (None, "", (), [])},
    )


def _port_findings(port: _Port) -> list[Finding]:
    findings = []
    for caspian in port.caspian:
        findings.append(
            Finding(
                code="ROUTE_CASPIAN_PORT",
                category=Category.ROUTE,
                severity=Severity.HIGH,
                outcome=Outcome.REVIEW,
                title=f"Caspian Sea port on the route: {caspian.name}",
                detail=caspian.route_role if caspian.route_cited else
                f"{caspian.name} lies on the Caspian Sea, used for Iran-Russia shipments; "
                "no source places this port on a documented route (geography only).",
                subject=port.subject,
                evidence=(
                    _evidence(
                        "caspian_ports", caspian.id, caspian.citation, given=port.given,
                        locodes=list(caspian.locodes), route_cited=caspian.route_cited,
                        sources=list(caspian.sources), verification=caspian.verification,
                    ),
                ),
            )
        )
    if port.location is not None:
        loc = port.location
        findings.append(
            Finding(
                code="ROUTE_LOCATION_OF_CONCERN",
                category=Category.ROUTE,
                severity=Severity.HIGH,
                outcome=Outcome.REVIEW,
                title=f"Location of concern on the route: {loc.name}",
                detail=loc.role,
                subject=port.subject,
                evidence=(
                    _evidence("locations_of_concern", loc.id, loc.citation, given=port.given,
                              sources=list(loc.sources), verification=loc.verification),
                ),
            )
        )
    return findings


def _restricted_label(code: str, data: Jurisdictions) -> tuple[str, str, str] | None:
    """(section, key, citation) when a territory is restricted or an occupied region."""
    if code in data.restricted:
        entry = data.restricted[code]
        return "restricted_countries", entry.country, entry.citation
    if code in data.region_by_ftm:
        region = data.region_by_ftm[code]
        return "regions", region.id, region.citation
    return None


def screen_route(
    origin: str | None = None,
    transit_countries: Sequence[str] = (),
    port_locodes: Sequence[str] = (),
    destination: str | None = None,
    final_destination: str | None = None,
    has_high_priority_item: bool = False,
    field: str = "route",
) -> list[Finding]:
    """Screen a shipment's route (everything but the destination's own checks).

    Args:
        origin: country of origin (ISO code or name), or None.
        transit_countries: countries the goods pass through, in order.
        port_locodes: ports of loading, call or discharge as UN/LOCODEs (``KZAAU``, ``RU MCX``);
            a port name (``Bandar Anzali``) is accepted when it is a known Caspian port.
        destination: the country the goods are shipped to (screen it with ``screen_destination``).
        final_destination: the declared final destination, if different.
        has_high_priority_item: a CHPL / Supp. No. 7 item is on the order.
        field: the order path of the route record; errors and findings name its members
            (``route.transit_countries[1]``, ``route.port_locodes[0]``).
    Returns:
        Findings, strongest first.
    Raises:
        InputError: an unknown country, or a port that is neither a UN/LOCODE nor a known name.
    """
    data = load_jurisdictions()
    origin_c = normalize_country(origin, f"{field}.origin") if origin else None
    dest_c = normalize_country(destination, f"{field}.destination") if destination else None
    final_c = normalize_country(final_destination, f"{field}.final_destination") if final_destination else None
    transit = [normalize_country(v, f"{field}.transit_countries[{i}]") for i, v in enumerate(transit_countries)]
    ports = [_resolve_port(v, f"{field}.port_locodes[{i}]", data) for i, v in enumerate(port_locodes)]
    end = final_c or dest_c
    findings: list[Finding] = []
    if origin_c is not None and origin_c.code in data.restricted:
        entry = data.restricted[origin_c.code]
        findings.append(
            Finding(
                code="ROUTE_ORIGIN_RESTRICTED",
                category=Category.ROUTE,
                severity=Severity.MEDIUM,
                outcome=Outcome.REVIEW,
                title=f"Goods originate in {entry.name} ({entry.policy.label})",
                detail="Import and re-export of goods of this origin may be prohibited; check the origin rules.",
                subject=f"{field}.origin",
                evidence=(_evidence("restricted_countries", entry.country, entry.citation),),
            )
        )
    for port in ports:
        findings += _port_findings(port)
    # Transit through a restricted country or occupied region (ports count as transit).
    legs: list[tuple[str, str]] = [(c.code, f"{field}.transit_countries[{i}]") for i, c in enumerate(transit)]
    legs += [(p.country, p.subject) for p in ports if p.country]
    seen: set[str] = set()
    for code, subject in legs:
        label = _restricted_label(code, data)
        if label is None or code in seen or (end is not None and end.code == code):
            continue
        seen.add(code)
        section, key, citation = label
        findings.append(
            Finding(
                code="ROUTE_TRANSIT_RESTRICTED",
                category=Category.ROUTE,
                severity=Severity.HIGH,
                outcome=Outcome.REVIEW,
                title=f"Route passes through {country_name(code)} while bound for "
                f"{country_name(end.code) if end else 'an undeclared destination'}",
                detail="Goods routed through a sanctioned territory can be diverted or seized there, "
                "and transit may itself need a licence.",
                subject=subject,
                evidence=(_evidence(section, key, citation),),
            )
        )
    findings += _hub_findings(transit, ports, dest_c, final_c, has_high_priority_item, field, data)
    same_as_destination = dest_c is not None and final_c is not None and (
        (final_c.code, final_c.subdivision) == (dest_c.code, dest_c.subdivision)
    )
    if final_c is not None and not same_as_destination:
        findings += screen_destination(
            final_destination, None, f"{field}.final_destination", has_high_priority_item=has_high_priority_item
        )
    return sorted(findings, key=lambda f: (-f.outcome.rank, -int(f.severity)))


def _hub_findings(
    transit: list[Country],
    ports: list[_Port],
    dest_c: Country | None,
    final_c: Country | None,
    has_high_priority_item: bool,
    field: str,
    data: Jurisdictions,
) -> list[Finding]:
    """Diversion-hub findings: a transit hub, and a hub whose onward link the route follows."""
    if not has_high_priority_item:
        return []
    findings: list[Finding] = []
    # The route in order: transit countries, then ports, then destination and final destination.
    stops: list[tuple[str, str]] = [(c.code, f"{field}.transit_countries[{i}]") for i, c in enumerate(transit)]
    stops += [(p.country or "", p.subject) for p in ports]
    if dest_c is not None:
        stops.append((dest_c.code, f"{field}.destination"))
    if final_c is not None:
        stops.append((final_c.code, f"{field}.final_destination"))
    caspian = [p for p in ports if p.caspian]
    ends = {c.code for c in (dest_c, final_c) if c is not None}
    reported: set[str] = set()
    for index, (code, subject) in enumerate(stops):
        hub = data.transit.get(code)
        if hub is None or code in reported:
            continue
        onward = [c for c, _ in stops[index + 1 :] if c in hub.leads_to and c in _ONWARD_TARGETS]
        via_caspian = [p.given for p in caspian]
        if onward or via_caspian:
            reported.add(code)
            leads = sorted({country_name(c) for c in onward})
            findings.append(
                Finding(
                    code="ROUTE_HUB_ONWARD",
                    category=Category.ROUTE,
                    severity=Severity.CRITICAL,
                    outcome=Outcome.REVIEW,
                    title=f"High-priority item via {hub.name}, then on to "
                    + ", ".join(leads + [f"Caspian port {p}" for p in via_caspian]),
                    detail="The route follows the diversion link the authorities name for this hub; "
                    "treat as likely diversion until the end user is verified.",
                    subject=subject,
                    evidence=(
                        _evidence(
                            "transshipment_countries", hub.country, hub.citation, role=hub.role,
                            leads_to=[c.upper() for c in hub.leads_to], onward=[c.upper() for c in onward],
                            caspian_ports=via_caspian, named_by=list(hub.named_by),
                        ),
                    ),
                )
            )
        elif code not in ends:
            # A hub that is the destination itself is reported by screen_destination.
            reported.add(code)
            findings.append(transit_country_finding(hub, subject, True, code_prefix="ROUTE"))
    return findings

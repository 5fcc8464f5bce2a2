"""screen_destination: every jurisdiction entry of the package data fires (parametrised over the
data files themselves), with the outcome its status or region policy asks for."""

from __future__ import annotations

import pytest

from tradewarden.errors import InputError
from tradewarden.findings import Finding, Outcome, Severity
from tradewarden.geo import load_jurisdictions, screen_destination
from tradewarden.geo.jurisdictions import STATUS_POLICY

DATA = load_jurisdictions()
FIELD = "order.ship_to"


def by_code(findings: list[Finding]) -> dict[str, Finding]:
    return {f.code: f for f in findings}


@pytest.mark.parametrize("entry", DATA.restricted.values(), ids=lambda e: e.country)
@pytest.mark.parametrize("spelling", ["code", "lower", "name"])
def test_every_restricted_country_fires(entry, spelling: str) -> None:  # type: ignore[no-untyped-def]
    value = {"code": entry.country, "lower": entry.country.lower(), "name": entry.name}[spelling]
    policy = STATUS_POLICY[entry.status]
    finding = by_code(screen_destination(value, None, FIELD))[policy.code]
    assert (finding.outcome, finding.severity) == (policy.outcome, policy.severity)
    assert finding.subject == f"{FIELD}.country"
    (evidence,) = finding.evidence
    assert evidence.reference == f"jurisdictions.yaml restricted_countries {entry.country}"
    assert evidence.citation == entry.citation and "CFR" in evidence.citation


def test_status_policy_examples() -> None:
    assert by_code(screen_destination("IR"))["DEST_EMBARGO"].outcome is Outcome.BLOCK
    assert by_code(screen_destination("KP"))["DEST_EMBARGO"].outcome is Outcome.BLOCK
    assert by_code(screen_destination("RU"))["DEST_SANCTIONED"].outcome is Outcome.REVIEW
    assert by_code(screen_destination("SY"))["DEST_SANCTIONS_CHANGED"].outcome is Outcome.REVIEW


@pytest.mark.parametrize("code", sorted(DATA.arms_embargo))
def test_every_un_arms_embargo_destination_fires(code: str) -> None:
    finding = by_code(screen_destination(code.upper(), None, FIELD))["DEST_ARMS_EMBARGO"]
    assert finding.outcome is Outcome.REVIEW
    assert finding.evidence[0].citation == "15 CFR 746.1(b)"


REGION_CODES = [(region, code) for region in DATA.regions for code in region.codes]


@pytest.mark.parametrize(("region", "code"), REGION_CODES, ids=lambda v: getattr(v, "id", v))
def test_every_region_code_fires(region, code: str) -> None:  # type: ignore[no-untyped-def]
    for country, text in (("UA", code), (code, None), ("ua", code.lower())):
        findings = screen_destination(country, text, FIELD)
        (finding,) = [f for f in findings if f.evidence[0].reference.endswith(f"regions {region.id}")]
        assert finding.outcome is region.code_outcome
        assert code in finding.detail


@pytest.mark.parametrize("region", [r for r in DATA.regions if r.ftm_codes], ids=lambda r: r.id)
def test_ftm_territory_codes_block(region) -> None:  # type: ignore[no-untyped-def]
    for code in region.ftm_codes:
        (finding,) = screen_destination(code, None, FIELD)
        assert finding.code == "DEST_OCCUPIED_REGION"
        assert finding.outcome is Outcome.BLOCK


REGION_NAMES = [
    (region, kind, name)
    for region in DATA.regions
    for kind in ("territory_names", "oblast_names", "places")
    for name in getattr(region, kind)
]


@pytest.mark.parametrize(("region", "kind", "name"), REGION_NAMES, ids=lambda v: getattr(v, "id", v))
def test_every_region_name_and_place_fires(region, kind: str, name: str) -> None:  # type: ignore[no-untyped-def]
    expected = region.code_outcome if kind == "oblast_names" else Outcome.BLOCK
    for country in ("UA", "Russia", None):
        findings = [
            f for f in screen_destination(country, f"ул. Ленина 1, {name}", FIELD)
            if f.evidence[0].reference.endswith(f"regions {region.id}")
        ]
        assert len(findings) == 1, (country, name)
        assert findings[0].outcome is expected
        assert findings[0].subject == f"{FIELD}.region"


def test_occupied_place_blocks_even_inside_a_partly_occupied_oblast() -> None:
    (finding,) = screen_destination("UA", "Melitopol, Zaporizhzhia Oblast", FIELD)
    assert (finding.code, finding.outcome, finding.severity) == ("DEST_OCCUPIED_REGION", Outcome.BLOCK, Severity.CRITICAL)
    (partly,) = screen_destination("UA", "UA-65", FIELD)
    assert (partly.code, partly.outcome) == ("DEST_REGION_PARTLY_OCCUPIED", Outcome.REVIEW)


@pytest.mark.parametrize(
    ("country", "region"),
    [
        ("UA", "Zaporizhzhia"),  # the city is government-controlled
        ("UA", "Kherson"),
        ("UA", "Kyiv"),
        ("UA", "UA-30"),
        ("KG", "Tokmak"),  # a Kyrgyz town with an occupied namesake
        ("DE", "Berlin"),
        ("JP", "Nagasaki"),
    ],
)
def test_places_that_must_not_fire(country: str, region: str) -> None:
    findings = screen_destination(country, region, FIELD)
    assert [f for f in findings if f.code.startswith(("DEST_OCCUPIED", "DEST_REGION"))] == []


def test_a_city_inside_an_oblast_name_is_read_once() -> None:
    (finding,) = screen_destination("UA", "Kramatorsk, Donetsk Oblast", FIELD)
    assert "oblast name 'Donetsk Oblast'" in finding.detail
    assert "place 'Donetsk'" not in finding.detail


@pytest.mark.parametrize("entry", DATA.transit.values(), ids=lambda e: e.country)
def test_every_transit_country_fires(entry) -> None:  # type: ignore[no-untyped-def]
    code = "DEST_DIVERSION_HUB" if entry.is_hub else "DEST_CASPIAN_CORRIDOR"
    plain = by_code(screen_destination(entry.country, None, FIELD))[code]
    priority = by_code(screen_destination(entry.country, None, FIELD, has_high_priority_item=True))[code]
    assert plain.outcome is priority.outcome is Outcome.REVIEW
    assert priority.severity > plain.severity
    assert plain.evidence[0].reference == f"jurisdictions.yaml transshipment_countries {entry.country}"
    assert plain.evidence[0].citation


def test_hubs_lead_to_russia_and_tajikistan_to_iran() -> None:
    assert DATA.transit["ae"].leads_to == ("ru", "by")
    assert "ir" in DATA.transit["tj"].leads_to
    assert not DATA.transit["az"].is_hub and not DATA.transit["tm"].is_hub


@pytest.mark.parametrize(
    ("location", "name"), [(loc, name) for loc in DATA.locations for name in loc.names],
    ids=lambda v: getattr(v, "id", v),
)
def test_every_location_of_concern_fires(location, name: str) -> None:  # type: ignore[no-untyped-def]
    finding = by_code(screen_destination("RU", f"{name}, Tatarstan", FIELD))["DEST_LOCATION_OF_CONCERN"]
    assert finding.outcome is Outcome.REVIEW and finding.severity is Severity.HIGH
    assert finding.evidence[0].reference == f"jurisdictions.yaml locations_of_concern {location.id}"


def test_clean_destination_has_no_findings() -> None:
    assert screen_destination("DE", "Bavaria", FIELD) == []
    assert screen_destination("fr", None, FIELD) == []


def test_findings_are_strongest_first() -> None:
    findings = screen_destination("IR", None, FIELD)
    assert [f.code for f in findings] == ["DEST_EMBARGO", "DEST_ARMS_EMBARGO"]


@pytest.mark.parametrize(
    ("country", "region", "field"),
    [("Atlantis", None, "order.ship_to.country"), (None, None, "order.ship_to"), ("", "  ", "order.ship_to")],
)
def test_bad_destination_names_the_field(country: str | None, region: str | None, field: str) -> None:
    with pytest.raises(InputError) as caught:
        screen_destination(country, region, FIELD)
    assert caught.value.field == field

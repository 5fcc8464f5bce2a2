"""geo/data against ../shared/reference/jurisdictions.yaml: every country, region, hub, port and
LOCODE carried over, each entry cited, and every entry has its place names."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tradewarden.geo import load_jurisdictions

DATA = load_jurisdictions()


@pytest.fixture(scope="module")
def shared(shared_reference: Path) -> dict[str, Any]:
    document = yaml.safe_load((shared_reference / "jurisdictions.yaml").read_text(encoding="utf-8"))
    assert isinstance(document, dict)
    return document


def test_counts_match_sources_md(shared: dict[str, Any]) -> None:
    # SOURCES.md: 6 countries, 4 regions, 27 transit countries, 16 Caspian port groups.
    assert len(DATA.restricted) == len(shared["restricted_countries"]) == 6
    assert len(DATA.regions) == len(shared["regions"]) == 4
    assert len(DATA.transit) == len(shared["transshipment_countries"]) == 27
    assert len(DATA.ports) == len(shared["caspian_ports"]) == 16


def test_every_code_carried_over(shared: dict[str, Any]) -> None:
    assert {e["iso2"] for e in shared["restricted_countries"]} == {e.country for e in DATA.restricted.values()}
    assert {e["iso2"] for e in shared["transshipment_countries"]} == {e.country for e in DATA.transit.values()}
    assert {c.lower() for c in shared["un_arms_embargo_destinations_746_1b"]} == DATA.arms_embargo
    shared_codes = {code for e in shared["regions"] for code in e["iso3166_2"]}
    assert shared_codes == set(DATA.region_by_code)
    shared_locodes = {code for e in shared["caspian_ports"] for code in e["locodes"]}
    assert shared_locodes == set(DATA.port_by_locode)
    assert {code for e in shared["locations_of_concern"] for code in e["locodes"]} == set(DATA.location_by_locode)


def test_every_entry_is_cited() -> None:
    entries = [*DATA.restricted.values(), *DATA.regions, *DATA.transit.values(), *DATA.ports, *DATA.locations]
    for entry in entries:
        assert entry.citation.strip(), entry
        assert entry.verification.strip(), entry
    for country in DATA.restricted.values():
        assert "CFR" in country.citation
    # A region's citation only names acts that reach it: no US act is claimed for Zaporizhzhia/Kherson.
    zap = next(r for r in DATA.regions if r.id == "UA-ZAP-KHE")
    assert "CFR" not in zap.citation and "2022/1903" in zap.citation


def test_every_region_and_port_has_names() -> None:
    for region in DATA.regions:
        assert region.places or region.territory_names or region.oblast_names
    for port in DATA.ports:
        assert port.names
    assert len(DATA.region_names) > 100

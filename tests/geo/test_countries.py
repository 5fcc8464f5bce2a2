"""Country normalisation for geo screening: codes, names, subdivisions, unknown values."""

from __future__ import annotations

import pytest

from tradewarden.errors import InputError
from tradewarden.geo.countries import country_name, normalize_country, subdivision_code


@pytest.mark.parametrize(
    ("value", "code", "subdivision"),
    [
        ("RU", "ru", None),
        ("ru", "ru", None),
        (" Ir ", "ir", None),
        ("Russian Federation", "ru", None),
        ("Россия", "ru", None),
        ("Türkiye", "tr", None),
        ("Turkey", "tr", None),
        ("UAE", "ae", None),
        ("Crimea", "ua-cri", None),
        ("UA-43", "ua-cri", "UA-43"),
        ("ua-40", "ua-cri", "UA-40"),
        ("UA-23", "ua", "UA-23"),
        ("UA-14", "ua-dpr", "UA-14"),
    ],
)
def test_normalize_country(value: str, code: str, subdivision: str | None) -> None:
    country = normalize_country(value, "order.route.destination")
    assert (country.code, country.subdivision) == (code, subdivision)
    assert country.iso2 == code[:2].upper()


@pytest.mark.parametrize("value", ["Atlantis", "XX", "", "  "])
def test_unknown_country_names_the_field(value: str) -> None:
    with pytest.raises(InputError) as caught:
        normalize_country(value, "order.route.transit_countries[2]")
    assert caught.value.field == "order.route.transit_countries[2]"


def test_helpers() -> None:
    assert subdivision_code("ua-43") == "UA-43"
    assert subdivision_code("Sevastopol") is None
    assert subdivision_code(None) is None
    assert country_name("ir") == "Iran"

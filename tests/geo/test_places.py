"""Free-text place matching: normalisation, whole words, longest name first."""

from __future__ import annotations

from tradewarden.geo.places import PlaceIndex, normalize_place


def test_normalize_place() -> None:
    assert normalize_place("г. Севастополь") == "г севастополь"
    assert normalize_place("Luhans'k") == "luhansk"
    assert normalize_place("Türkmenbaşy") == "turkmenbasy"
    assert normalize_place("Шахтёрск") == "шахтерск"
    assert normalize_place("Bakı, Ələt") == "baki ələt"


def test_longest_name_consumes_its_text() -> None:
    index = PlaceIndex([("Kakhovka", "places", "k"), ("Nova Kakhovka", "places", "nk"),
                        ("Donetsk", "places", "city"), ("Donetsk Oblast", "oblast_names", "oblast")])
    assert [h.target for h in index.find("Nova Kakhovka, Nova Kakhovka")] == ["nk"]
    assert [h.target for h in index.find("Kramatorsk, Donetsk oblast")] == ["oblast"]
    assert [h.target for h in index.find("Donetsk, Donetsk Oblast")] == ["oblast", "city"]


def test_whole_words_only() -> None:
    index = PlaceIndex([("Saki", "places", "saki")])
    assert index.find("Nagasaki") == []
    assert index.find("Saki, Crimea")[0].target == "saki"
    assert index.find(None) == []

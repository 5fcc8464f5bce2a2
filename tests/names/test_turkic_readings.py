"""Names in Turkish's and Azerbaijani's Latin alphabets: Azerbaijani's schwa is a letter, not a
mark to drop (``translit._LETTERS_ICU_DROPS``), and a name showing one of the letters only these
alphabets write is also read with English spellings of its sounds (``analyze.turkic_form``: c j,
ç ch, ş sh, Azerbaijani x kh). Made-up people bearing common names."""

from __future__ import annotations

import pytest

from tests.match.conftest import best_match, make
from tradewarden.match import MatchIndex
from tradewarden.names.analyze import analyze_name, turkic_form
from tradewarden.names.translit import to_ascii


def test_the_azerbaijani_schwa_is_written_a() -> None:
    # ICU's Latin-ASCII drops ə: Əliyev read "liyev", Məmmədov "mmmdov".
    assert to_ascii("İlham Əliyev") == "ilham aliyev"
    assert to_ascii("MƏMMƏDOV Həsən") == "mammadov hasan"
    assert analyze_name("Rəşad Məmmədov", True).tokens == ("rasad", "mammadov")


def test_the_turkic_reading() -> None:
    form = turkic_form("Cəfər Xəlilov", True)
    assert form is not None and form.tokens == ("jafar", "khalilov")
    reshat = turkic_form("Reşat Çelik", True)
    assert reshat is not None and reshat.tokens == ("reshat", "chelik")
    # Only a name showing a letter no other Latin alphabet of names writes (ı ğ ş ə) is read so:
    # c is c in Cemal Celik as far as the letters tell (and in Marc, Carlos, Celik all the same).
    assert turkic_form("Cemal Celik", True) is None
    assert turkic_form("Carlos Garcia", True) is None
    assert turkic_form("Müller", True) is None


@pytest.fixture(scope="module")
def index() -> MatchIndex:
    return MatchIndex.build([
        make("Person", "jk", name="KHALILOV, Jafar"),
        make("Person", "rs", name="Rashad SHAHIN"),
        make("Person", "ma", name="Mammad ALIYEV"),
        make("Person", "hc", name="Hasan CELIK"),
    ])


@pytest.mark.parametrize(
    ("query", "expected", "least"),
    [
        ("Cəfər Xəlilov", "test-jk", 0.9),  # jafar khalilov; read as written: cafar xalilov
        ("Məmməd Əliyev", "test-ma", 0.9),  # mammad aliyev; read as written before: mmmd liyev
        ("Reşad Şahin", "test-rs", 0.85),  # reshad shahin
    ],
)
def test_a_turkic_spelling_meets_the_english_one(index: MatchIndex, query: str, expected: str, least: float) -> None:
    top = best_match(index, query, "Person")
    assert top.entity_id == expected and top.score >= least, top


def test_the_turkish_spelling_as_written_still_counts(index: MatchIndex) -> None:
    # Çelik is also written Celik on the lists: the first reading keeps meeting it.
    top = best_match(index, "Hasan Çelik", "Person")
    assert top.entity_id == "test-hc" and top.score >= 0.95

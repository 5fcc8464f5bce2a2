"""Clean names the matcher must not alert on: a consonant skeleton or a few words shared with a
listed name (issue 3 false alerts)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import FUZZY_KNEE, SKELETON_EQUAL, compare_names, token_similarity
from tradewarden.names.phonetic import skeleton


def _sim(q: str, c: str) -> float:
    return token_similarity(q, skeleton(q), c, skeleton(c), False)


@pytest.mark.parametrize(("q", "c"), [("pestova", "positive"), ("subbotin", "sabtina"), ("movsisyan", "mvision")])
def test_same_consonants_with_vowels_elsewhere_are_other_words(q: str, c: str) -> None:
    assert skeleton(q) == skeleton(c)  # the skeleton alone would call them one name
    assert _sim(q, c) < FUZZY_KNEE


@pytest.mark.parametrize(("q", "c"), [("mohammed", "muhammad"), ("fyodorov", "fedorov"), ("ignatyeva", "ignatieva")])
def test_respellings_still_meet_by_skeleton(q: str, c: str) -> None:
    assert _sim(q, c) >= SKELETON_EQUAL - 0.1


def test_one_word_company_sharing_only_consonants_does_not_alert() -> None:
    score = compare_names(analyze_name("ZAO Pestova", False), analyze_name("Positive Group PJSC", False)).score
    assert score < 0.6
    same = compare_names(analyze_name("ZAO Pestova", False), analyze_name("Pestova PJSC", False)).score
    assert same > 0.95  # (one short word: scaled down a little)


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Aleksandr Sukhanov", "Aleksandr Aleksandrovich MUKHANOV"), ("Yevgeniy Turov", "MUROV, Yevgeniy"),
     ("Mark Howard", "Howard Park"), ("Andrew Giles", "Miles Andrew Maynard"), ("KONG, Yu-lan", "Wong Yuh Lan")],
)
def test_another_first_sound_is_another_name(query: str, listed: str) -> None:
    # One letter apart, but the first, for a consonant of another sound: another family's name.
    assert compare_names(analyze_name(query, True), analyze_name(listed, True)).score < 0.8


@pytest.mark.parametrize(
    ("q", "c"),
    [("vasiliy", "wasiliy"), ("kasim", "qasim"), ("jusuf", "yusuf"), ("gamal", "jamal"), ("husev", "gusev"),
     ("maseer", "naseer"), ("tariq", "dariq"), ("karl", "carl")],
)
def test_a_first_letter_written_for_one_sound_still_pairs(q: str, c: str) -> None:
    assert _sim(q, c) >= 0.75
    assert compare_names(analyze_name(f"Ali {q}"), analyze_name(f"Ali {c}")).score >= 0.8


@pytest.mark.parametrize(
    ("query", "listed"),
    [("جمال الدين بارق", "Jamal Aldiyn"), ("Jamal Aldin Bariq", "Jamal Aldin"), ("Nur Uddin Karimi", "Nur Uddin")],
)
def test_a_name_x_al_din_is_one_given_name(query: str, listed: str) -> None:
    # The query gives a family name beside the listed given name, not a second given name.
    assert compare_names(analyze_name(query, True), analyze_name(listed, True)).score < 0.8


def test_a_given_name_and_patronymic_alone_do_not_take_any_family_name() -> None:
    alone = compare_names(analyze_name("Yuliya Leonidovna Krasilnikova", True), analyze_name("Yuliya Leonidovna", True))
    assert alone.score < 0.8
    # A name more in the middle is still left out as before (Joseph Rao KONY).
    assert compare_names(analyze_name("Ivan Petrovich Sidorov", True), analyze_name("Ivan Sidorov", True)).score >= 0.8
    assert compare_names(analyze_name("Joseph Rao Kony", True), analyze_name("Joseph Kony", True)).score >= 0.8

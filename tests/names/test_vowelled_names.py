"""Names in alphabets that write their vowels, and common given names a syllable apart
(``NameForm.vowelled``, ``compare._vowels_alike``, ``compare._other_common_name``)."""

from __future__ import annotations

import pytest

from tradewarden.names.acronyms import acronym_comparison
from tradewarden.names.analyze import NameForm, analyze_name
from tradewarden.names.compare import compare_names


@pytest.mark.parametrize(
    ("name", "vowelled"),
    [("Анна Мишина", True), ("Շաքարյան", True), ("Γιώργος", True), ("Anna Mishina", False), ("علی اكبر", False)],
)
def test_a_name_knows_whether_its_alphabet_writes_its_vowels(name: str, vowelled: bool) -> None:
    form = analyze_name(name, True)
    assert form.vowelled is vowelled
    assert NameForm.parse(form.dump()) == form


def test_a_shared_skeleton_does_not_make_a_vowelled_name_another_name() -> None:
    listed = analyze_name("Anna Mikhailovna MOSINA", True)
    # In Latin on both sides the vowels may be a romaniser's choice: the skeleton counts.
    assert compare_names(analyze_name("Anna Mishina", True), listed).score >= 0.8
    # Cyrillic writes its vowels: Мишина is not Mosina.
    assert compare_names(analyze_name("Анна Мишина", True), listed).score < 0.78
    assert compare_names(analyze_name("Շաքարյան Հոլդինգ", False), analyze_name("Shakirin Company", False)).score < 0.8


@pytest.mark.parametrize(
    ("query", "listed"),
    [
        ("Вадим МОЗОЛЬ", "Vadim MAZOL"),  # Belarusian writes an unstressed o as a
        ("Сергей МАХНЕВ", "Sergey MAKHNIOV"),  # ё written е
        ("Белнафтахім", "Belneftekhim"),  # Belarusian writes an unstressed e as a
    ],
)
def test_east_slavic_vowel_alternations_keep_the_skeleton(query: str, listed: str) -> None:
    assert compare_names(analyze_name(query, True), analyze_name(listed, True)).score >= 0.9


def test_a_vowelled_name_with_other_vowels_in_two_places_is_another_family() -> None:
    # Веселов and Vasilyev (Васильев) share the skeleton vslv; e stands for i and o for e:
    # two places, two families. Fyodorov / Fedorov puts e for o in one: one name.
    listed = analyze_name("Kirill VASILYEV", True)
    assert compare_names(analyze_name("Кирилл Веселов", True), listed).score < 0.8
    assert compare_names(analyze_name("Кирилл Васильев", True), listed).score >= 0.9
    assert compare_names(analyze_name("Пётр Федоров", True), analyze_name("Petr FYODOROV", True)).score >= 0.9


def _common(token: str) -> float:
    return 0.6  # under many listed names


def _rare(token: str) -> float:
    return 1.0  # under a few: a slip


def test_common_given_names_a_syllable_apart_are_two_names() -> None:
    query, listed = analyze_name("Marina Kiseleva", True), analyze_name("Maria KISELEVA", True)
    assert compare_names(query, listed, _rare).score >= 0.85
    assert compare_names(query, listed, _common).score < 0.8
    assert compare_names(query, analyze_name("Mariya KISELEVA", True), _common).score < 0.8


@pytest.mark.parametrize(
    ("query", "listed"),
    [("Vadim Mazol", "Vadzim Mazol"), ("Erick Moreno", "Eric Moreno"), ("Mahmut Ozturk", "Mahmud Ozturk"),
     ("Olha Ivanenko", "Olga Ivanenko"), ("Ivana Horvat", "Ivan Horvat")],
)
def test_respellings_of_common_names_are_not_other_names(query: str, listed: str) -> None:
    q, c = analyze_name(query, True), analyze_name(listed, True)
    assert compare_names(q, c, _common).score == pytest.approx(compare_names(q, c, _rare).score)


def test_armenian_and_is_a_function_word() -> None:
    form = analyze_name("Կոթողյան և Սրմաքեշյան ՀՁ", False)
    assert "yev" in form.tokens
    assert form.weights[form.tokens.index("yev")] < 1.0


def test_an_abjad_word_is_no_acronym() -> None:
    query = analyze_name("Կոթողյան և Սրմաքեշյան ՀՁ", False)
    listed = analyze_name("شرکت بهارستان کیش", False)
    found = acronym_comparison(query, listed)
    assert found is None or found.score < 0.5

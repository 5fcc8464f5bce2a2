"""East Slavic given names and patronymics in their Russian, Ukrainian and Belarusian forms."""

from __future__ import annotations

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import SKELETON_EQUAL, compare_names
from tradewarden.names.given_names import given_name, patronymic_of, same_given_name

THRESHOLD = 0.8


def _score(query: str, listed: str) -> float:
    return compare_names(analyze_name(query, True), analyze_name(listed, True)).score


def test_given_name_forms_of_one_name() -> None:
    for a, b in (("ihar", "igor"), ("pavlo", "pavel"), ("oleksandr", "aleksandr"), ("mykola", "nikolai"),
                 ("syarhei", "sergei"), ("olena", "yelena"), ("dzmitry", "dmitriy"), ("volha", "olga"),
                 ("yahor", "egor"), ("yehor", "yegor")):
        assert same_given_name(a, b), (a, b)
    assert given_name("ihar") == "igor"
    # Other names, and words outside the table, are not.
    assert not same_given_name("pavlo", "petro")
    assert not same_given_name("igor", "ivan")
    assert not same_given_name("kira", "nikita")
    assert given_name("smith") is None


def test_patronymics_of_one_father() -> None:
    assert patronymic_of("mykolaivna") == patronymic_of("nikolaevna") == "nikolay"
    assert patronymic_of("mikalaevich") == "nikolay"
    assert patronymic_of("uladzimiravich") == patronymic_of("volodymyrovych") == "vladimir"
    assert same_given_name("mykolaivna", "nikolaevna")
    assert same_given_name("siarheevich", "sergeyevich")
    assert same_given_name("iosifovich", "josephovich")  # Иосиф, written Joseph in English
    # Another father, or a daughter's patronymic against a son's, is not one name.
    assert not same_given_name("ivanovich", "petrovich")
    assert not same_given_name("yuryevna", "yurievich")
    # Not a patronymic by its ending: no father to read.
    assert patronymic_of("nikolaev") is None


def test_compare_pairs_the_forms_as_a_respelling() -> None:
    assert _score("KOSTENKO, Olena Mykolaivna", "KOSTENKO, Elena Nikolaevna") >= THRESHOLD
    assert _score("KUSYUK, Sergej Nikolaevich", "KUSYUK, Serhiy") >= THRESHOLD
    assert _score("PECHEN, Ihar", "PECHEN, Igor") >= THRESHOLD
    assert "ihar~igor" in compare_names(analyze_name("Ihar PECHEN", True), analyze_name("Igor PECHEN", True)).detail
    # Another given name stays another name.
    assert _score("PECHEN, Ivan", "PECHEN, Igor") < THRESHOLD
    assert SKELETON_EQUAL < 1.0

"""Russian and Ukrainian place adjectives and compound organisation words against the English
names lists give the same bodies (issue 3 recall on Cyrillic names; hand-written cases)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.org_terms import compound_words, expand_abbreviation, fold_org_term, place_stem

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("token", "place"),
    [
        ("chelyabinskiy", "chelyabin"),  # the town ends in -sk: Chelyabinsk
        ("chelyabinsk", "chelyabin"),
        ("serovskogo", "serov"),  # the town does not: Serov
        ("uralskaya", "ural"),
        ("arzamasskiy", "arzamas"),  # the town's s and the adjective's sk
        ("kharkivskyi", "kharkiv"),  # Ukrainian -skyi
        ("lvivska", "lviv"),  # Ukrainian -ska
        ("tverskoy", "tver"),
        ("omskiy", "omsk"),  # a short town keeps its sk
        ("tomskaya", "tomsk"),
    ],
)
def test_place_stem_of_adjectives_and_towns(token: str, place: str) -> None:
    assert place_stem(token) == place


@pytest.mark.parametrize(
    "token",
    [
        "omsk",  # a short town without an adjective's ending: kept as it is
        "kiosk",
        "disk",
        "alaska",
        "tekhnicheskiy",  # -cheskiy adjectives are not of places
        "elektrotekhnicheskaya",
        "plant",
    ],
)
def test_place_stem_leaves_other_words(token: str) -> None:
    assert place_stem(token) is None


def test_place_adjective_is_folded_in_organisations_only() -> None:
    assert analyze_name("Серовский механический завод", False).tokens == ("serov", "mechanical", "plant")
    assert fold_org_term("novosibirskiy") == "novosibir"
    # A person's family name in -skiy is the name, not a place.
    assert analyze_name("Пётр Чайковский", True).tokens[-1] == "chaykovskiy"


def test_compound_words_are_written_out_in_every_case_form() -> None:
    assert compound_words("mashinostroitelnyy") == ("machine", "building")
    assert compound_words("mashinostroitelnomu") == ("machine", "building")  # by its stem
    assert compound_words("dalnevostochnogo") == ("far", "east")
    assert compound_words("machine") is None
    assert expand_abbreviation("npf") == ("scientific", "production", "firm")
    assert expand_abbreviation("sudoremontnogo") == ("ship", "repair")


@pytest.mark.parametrize(
    ("token", "folded"),
    [
        ("traktornyy", "tractor"),
        ("patronnogo", "cartridge"),
        ("komponenty", "component"),
        ("oboronnoy", "defence"),
        ("voyska", "forces"),  # войска: forces and troops alike
        ("troops", "forces"),
        ("aircraft", "aviation"),  # авиационный: aviation and aircraft alike
        ("vostochnoy", "east"),
        ("eastern", "east"),
    ],
)
def test_industry_words_fold_to_english(token: str, folded: str) -> None:
    assert fold_org_term(token) == folded


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Челябинский тракторный завод", "Chelyabinsk Tractor Plant"),
        ("АО Новосибирский патронный завод", "JSC Novosibirsk Cartridge Plant"),
        ("Серовский механический завод", "Serov Mechanical Plant JSC"),
        ("Московский машиностроительный завод «Вперёд»", "Moscow Machine-Building Plant Vpered"),
        ("Уральский завод гражданской авиации", "Ural Civil Aviation Plant"),
        ("Харківський авіаційний завод", "Kharkiv Aviation Plant"),
        ("АО «121 авиационный ремонтный завод»", "121 Aircraft Repair Plant"),
    ],
)
def test_cyrillic_organisation_meets_its_english_name(cyrillic: str, latin: str) -> None:
    result = compare_names(analyze_name(cyrillic, False), analyze_name(latin, False))
    assert result.score >= THRESHOLD, result


def test_different_towns_stay_apart() -> None:
    result = compare_names(
        analyze_name("Серовский механический завод", False), analyze_name("Ulyanovsk Mechanical Plant", False)
    )
    assert result.score < THRESHOLD, result


def test_ei_romanisation_of_table_words_folds() -> None:
    # Other romanisations write ей as ei: Oruzheiny is BGN/PCGN's oruzheyny (oruzheynyy: arms).
    assert fold_org_term("oruzheiny") == "arms"
    assert fold_org_term("imperatorsky") == "imperator"  # a place-shaped adjective, not a table word


def test_other_romanisations_of_place_adjectives() -> None:
    assert place_stem("uralskij") == "ural"
    assert place_stem("donetzk") == place_stem("donetsk") == "donet"
    # The plural -skie as other romanisations write -skiye (Izhorskie Zavody / IZHORSKIYE ZAVODY).
    assert place_stem("izhorskie") == place_stem("izhorskiye") == "izhor"


def test_one_word_left_after_generic_words_is_not_translated() -> None:
    # НПО Машиностроения and NPO Mashinostroyeniya (whose legal form rigour takes first) both
    # keep their one word, which meets the other's within its spelling.
    assert analyze_name("НПО Машиностроения", False).tokens == ("mashinostroyeniya",)
    assert analyze_name("NPO Mashinostroyeniya", False).tokens == ("mashinostroyeniya",)


def test_ordinal_words_meet_the_number() -> None:
    result = compare_names(
        analyze_name("Десятый подшипниковый завод", False), analyze_name("10th Bearing Plant", False)
    )
    assert result.score >= THRESHOLD, result
    assert fold_org_term("desyatogo") == "10"
    assert fold_org_term("first") == "first"  # English ordinal words stay (a misspelt one: frist)


def test_ordinal_words_fold_only_as_written() -> None:
    assert fold_org_term("sedmaya") == "7"
    assert fold_org_term("sednaya") == "sednaya"  # one edit from sedmaya: another word

"""Splitting packed name fields into their names."""

from __future__ import annotations

from tradewarden.names.variants import name_variants


def test_brackets_and_slashes_split() -> None:
    assert name_variants("Акционерное Общество «Алмаз» (АО «Алмаз»)") == (
        "Акционерное Общество «Алмаз» (АО «Алмаз»)",
        "Акционерное Общество «Алмаз»",
        "АО «Алмаз»",
    )
    assert name_variants("Ирина ПОПОВА / Iрина ПОПОВА") == (
        "Ирина ПОПОВА / Iрина ПОПОВА", "Ирина ПОПОВА", "Iрина ПОПОВА",
    )


def test_slash_without_spaces_between_two_names_splits() -> None:
    assert name_variants("Виталий Владимирович КРАВЕЦ/Вiталiй Володимирович КРАВЕЦЬ") == (
        "Виталий Владимирович КРАВЕЦ/Вiталiй Володимирович КРАВЕЦЬ",
        "Виталий Владимирович КРАВЕЦ",
        "Вiталiй Володимирович КРАВЕЦЬ",
    )
    assert name_variants("Андрей СИГУТА/ Андрiй СIГУТА")[1:] == ("Андрей СИГУТА", "Андрiй СIГУТА")
    assert name_variants("ОАО ‘МИНСКИЙ ЗАВОД’/ОАО ‘МЭТЗ’")[1:] == ("ОАО ‘МИНСКИЙ ЗАВОД", "ОАО ‘МЭТЗ’")
    # Within one name a tight slash joins words or spells a form: nothing splits.
    for one in ("Maersk Line A/S", "Input/Output Systems Ltd", "Mikalai VARABEI/VERABEI", "c/o Acme Trading"):
        assert name_variants(one) == (one,), one


def test_plain_names_and_short_parts() -> None:
    assert name_variants("Ivan Petrov") == ("Ivan Petrov",)
    assert name_variants("ACME (UK)") == ("ACME (UK)", "ACME")
    assert name_variants("AC/DC Ltd") == ("AC/DC Ltd",)


def test_labelled_second_names_split() -> None:
    assert name_variants("Иван Петрович ПЕТРОВ Belarusian: Іван Пятровіч ПЯТРОЎ") == (
        "Иван Петрович ПЕТРОВ Belarusian: Іван Пятровіч ПЯТРОЎ", "Иван Петрович ПЕТРОВ", "Іван Пятровіч ПЯТРОЎ",
    )
    assert name_variants("Married name: Anna IVANOVA") == ("Married name: Anna IVANOVA", "Anna IVANOVA")
    # Inside brackets too; a colon without a known label splits nothing.
    assert name_variants("Rosneftegaz (Russian: Роснефтегаз)")[-1] == "Роснефтегаз"
    assert name_variants("Acme: The Company") == ("Acme: The Company",)


def test_known_as_labels_split() -> None:
    # "formerly / also / now known as", abbreviated before an organisation's other name.
    assert name_variants("f.k.a.: Zorkon Development Agency") == ("f.k.a.: Zorkon Development Agency", "Zorkon Development Agency")
    assert name_variants("Zorkon Ltd A.K.A.: Zorkon Trading") == ("Zorkon Ltd A.K.A.: Zorkon Trading", "Zorkon Ltd", "Zorkon Trading")
    # Not inside a word, nor without the colon.
    assert name_variants("Zorkaka: Trading") == ("Zorkaka: Trading",)
    assert name_variants("Zorkon aka Trading") == ("Zorkon aka Trading",)


def test_comma_separated_organisation_names_split() -> None:
    # Three parts, two of them company names of their own: a list; every part is a name.
    assert name_variants("Alpha Sea Shipping Company, Beta Ship Management Company, Gammaline") == (
        "Alpha Sea Shipping Company, Beta Ship Management Company, Gammaline",
        "Alpha Sea Shipping Company",
        "Beta Ship Management Company",
        "Gammaline",
    )
    # A part that is only a legal form stays with the name before it.
    assert name_variants("Delta Optics Co., Ltd, Delta Optical Co. Ltd, JSC Delta Optika")[1:] == (
        "Delta Optics Co., Ltd", "Delta Optical Co. Ltd", "JSC Delta Optika",
    )


def test_two_comma_separated_names_of_one_body_split() -> None:
    # Two parts sharing two words that name something: two names of one body.
    assert name_variants("Al-Zafar in the Northern Mountains, Jamaat al-Zafar in the Northern Mountains")[1:] == (
        "Al-Zafar in the Northern Mountains", "Jamaat al-Zafar in the Northern Mountains",
    )
    # One part's every such word in the other (Cong Ty TNHH: a Vietnamese limited company).
    assert name_variants("Kova Group Co. Ltd, Cong Ty TNHH Kova Group")[1:] == (
        "Kova Group Co. Ltd", "Cong Ty TNHH Kova Group",
    )
    # A legal form with a bracketed short name after the comma, or a comma inside brackets: one name.
    assert name_variants("Kova Technologies Co., Ltd. (Kova)") == (
        "Kova Technologies Co., Ltd. (Kova)", "Kova Technologies Co., Ltd", "Kova",
    )
    assert "Kova Most OOO (f.k.a" not in name_variants("Kova Most OOO (f.k.a., Obshchestvo Kova Most)")
    # No part names an organisation: a person's name with a repeated word stays whole.
    assert name_variants("MOHAMMED ALI, Mohammed Ali Hassan") == ("MOHAMMED ALI, Mohammed Ali Hassan",)


def test_comma_separated_persons_names_split() -> None:
    # Three parts or more, each of two words or more: spellings of one person's name, each a name.
    assert name_variants("Fadey SAKRO, Fadi SAQERO, Fadi SAQIRO")[1:] == ("Fadey SAKRO", "Fadi SAQERO", "Fadi SAQIRO")
    # A family name, a generational suffix and a given name: one name.
    assert name_variants("KNOWLESTON, JR., Samuel") == ("KNOWLESTON, JR., Samuel",)
    assert name_variants("PETROVSKY, Ivan Ivanovich, Dr") == ("PETROVSKY, Ivan Ivanovich, Dr",)
    # Spellings of one given name, hyphenated: not names of their own.
    assert "Nejm-eddeen" not in name_variants("Najm-eddin (a.k.a. Nejm-eddin, Nejm-eddeen, Najm-addin) KHREITO")
    # Commas inside brackets: the names listed there, not the text split across the brackets.
    assert name_variants("Nabeulo AL-ABDULLAH (Nabelo AL-ABDULLAH, Nabelo ABDALLAH, Nabelo ABDULLAH)")[1:] == (
        "Nabeulo AL-ABDULLAH",
        "Nabelo AL-ABDULLAH, Nabelo ABDALLAH, Nabelo ABDULLAH",
        "Nabelo AL-ABDULLAH",
        "Nabelo ABDALLAH",
        "Nabelo ABDULLAH",
    )


def test_commas_that_do_not_list_names() -> None:
    assert name_variants("SMITH, John Paul") == ("SMITH, John Paul",)
    assert name_variants("Acme Trading, Ltd") == ("Acme Trading, Ltd",)
    # Two parts: a parent and its unit, not two names for one body.
    assert name_variants("Omega Missile Corporation, JSC Omega Service") == (
        "Omega Missile Corporation, JSC Omega Service",
    )
    # Three parts but only one names an organisation: a name and places.
    assert name_variants("Acme Trading Company, Hamburg, Germany") == ("Acme Trading Company, Hamburg, Germany",)


def test_a_bracketed_spelling_of_a_word_takes_its_place() -> None:
    """Alexander (Alexandr) ANDRIEVSKII: the bracketed word spells the word before it another
    way, so the name with it in that place is a name; the word alone (which met every listed
    "Alexandr") is not. Other bracketed words (an acronym, a nickname) stay names of their own."""
    assert name_variants("Alexander (Alexandr) Mechislavovich ANDRIEVSKII") == (
        "Alexander (Alexandr) Mechislavovich ANDRIEVSKII",
        "Alexander Mechislavovich ANDRIEVSKII",
        "Alexandr Mechislavovich ANDRIEVSKII",
    )
    assert name_variants("Rosoboronexport (ROE)")[1:] == ("Rosoboronexport", "ROE")
    assert name_variants("Ivan (Vanya) Petrov")[1:] == ("Ivan Petrov", "Vanya")

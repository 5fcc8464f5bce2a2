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

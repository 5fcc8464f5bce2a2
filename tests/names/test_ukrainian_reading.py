"""Ukrainian names in Cyrillic read by Ukraine's national romanisation beside Russian's
(``translit.ukrainian_to_ascii``, ``analyze.ukrainian_form``; issue 3 recall on Cyrillic names).
Made-up names."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name, ukrainian_form
from tradewarden.names.compare import compare_names
from tradewarden.names.translit import is_ukrainian, ukrainian_to_ascii

THRESHOLD = 0.8


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("гліб гнатюк", True),  # і
        ("євген щербак", True),  # є
        ("ґалина їжак", True),  # ґ, ї
        ("ирина попова", False),  # Russian's letters only
        ("аляксандр лукашэнка", False),  # Belarusian э
        ("міхаіл грыб", False),  # і beside Belarusian ы
        ("ўладзімір", False),  # Belarusian ў
        ("қайрат әлиев", False),  # Kazakh letters
        ("hlib hnatiuk", False),
    ],
)
def test_ukrainian_alphabet_told(text: str, expected: bool) -> None:
    assert is_ukrainian(text) is expected


@pytest.mark.parametrize(
    ("text", "ascii_text"),
    [
        ("гліб гнатюк", "hlib hnatiuk"),  # г h, ю iu inside a word
        ("юлія гаврилюк", "yuliia havryliuk"),  # ю yu opening a word, и y
        ("євген ігорович", "yevhen ihorovych"),  # є ye opening a word
        ("згурський олексій", "zghurskyi oleksii"),  # зг zgh, й i after a vowel
        ("мар'яна ковальчук", "mariana kovalchuk"),  # apostrophe and ь dropped
        ("ґалина їжак", "galyna yizhak"),
    ],
)
def test_national_romanisation(text: str, ascii_text: str) -> None:
    assert ukrainian_to_ascii(text, True) == ascii_text


def test_form_only_for_ukrainian_names() -> None:
    assert ukrainian_form("Ирина Попова", True) is None
    assert ukrainian_form("Hlib Hnatiuk", True) is None
    form = ukrainian_form("Гліб Гнатюк", True)
    assert form is not None and form.tokens == ("hlib", "hnatiuk")
    # The Russian reading stays the name's analysis.
    assert analyze_name("Гліб Гнатюк", True).tokens == ("glib", "gnatyuk")


@pytest.mark.parametrize(
    ("cyrillic", "latin"),
    [
        ("Гліб Гнатюк", "Hlib Hnatiuk"),
        ("Юлія Гаврилюк", "Yuliia Havryliuk"),
        ("Ірина Гуменюк", "Iryna Humeniuk"),
        ("Андрій Клюєв", "Andrii Kliuiev"),
    ],
)
def test_ukrainian_reading_meets_passport_spelling(cyrillic: str, latin: str) -> None:
    listed = analyze_name(latin, True)
    form = ukrainian_form(cyrillic, True)
    assert form is not None
    assert compare_names(form, listed).score >= THRESHOLD
    # What the Russian reading alone scores: the second reading is what finds these.
    assert compare_names(analyze_name(cyrillic, True), listed).score < compare_names(form, listed).score


def test_ukrainian_company_forms() -> None:
    form = ukrainian_form("ПрАТ «Мотор Січ»", False)
    assert form is not None and form.tokens == ("motor", "sich") and form.legal_forms == ("jsc",)
    assert analyze_name("PrJSC Motor Sich", False).legal_forms == ("jsc",)

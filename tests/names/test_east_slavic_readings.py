"""Ukrainian names in Cyrillic read by Ukraine's national romanisation beside Russian's, and
Belarusian names also read as Russian spells them (``translit.east_slavic_to_ascii``,
``analyze.east_slavic_form``; issue 3 recall on Cyrillic names). Made-up names."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name, east_slavic_form
from tradewarden.names.compare import compare_names
from tradewarden.names.translit import is_belarusian, is_ukrainian, russian_spelling, ukrainian_to_ascii

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
    assert east_slavic_form("Ирина Попова", True) is None
    assert east_slavic_form("Ганна Гнатюк", True) is None  # Ukrainian, but no letter tells it
    assert east_slavic_form("Hlib Hnatiuk", True) is None
    form = east_slavic_form("Гліб Гнатюк", True)
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
    form = east_slavic_form(cyrillic, True)
    assert form is not None
    assert compare_names(form, listed).score >= THRESHOLD
    # What the Russian reading alone scores: the second reading is what finds these.
    assert compare_names(analyze_name(cyrillic, True), listed).score < compare_names(form, listed).score


def test_ukrainian_company_forms() -> None:
    form = east_slavic_form("ПрАТ «Мотор Січ»", False)
    assert form is not None and form.tokens == ("motor", "sich") and form.legal_forms == ("jsc",)
    assert analyze_name("PrJSC Motor Sich", False).legal_forms == ("jsc",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("аляксандр лукашэнка", False), ("вячаслаў гладкоў", True), ("міхаіл грыб", True), ("гліб гнатюк", False), ("ирина попова", False),
     ("павел мікалаевіч лёгкі", True), ("пётр іванов", True), ("алёна попова", False)],  # і beside ё
)
def test_belarusian_alphabet_told(text: str, expected: bool) -> None:
    # (э alone does not tell: Russian writes it too, Эдуард.)
    assert is_belarusian(text) is expected


@pytest.mark.parametrize(
    ("text", "russian"),
    [
        ("дзмітрый дзямідаў", "дзмитрый демидав"),  # дз before a soft vowel, я after it, ў
        ("святлана ціханоўская", "святлана тихановская"),  # ц before і
        ("аляксандр лукашэнка", "аляксандр лукашенка"),  # э; the vowels are left as written
        ("дзяржынскі", "держынски"),
    ],
)
def test_belarusian_russian_spelling(text: str, russian: str) -> None:
    assert russian_spelling(text) == russian


def test_belarusian_name_told_by_i_and_yo_reads_h() -> None:
    # і beside ё: Belarusian, so a person's г reads h as passports write it (ЛЁГКІ / LIOHKI).
    query = analyze_name("Павел Мiкалаевiч ЛЁГКI", True)
    assert "lehki" in query.tokens
    assert compare_names(query, analyze_name("Pavel Mikalaevich LIOHKI", True)).score >= THRESHOLD


@pytest.mark.parametrize(
    ("belarusian", "russian_latin"),
    [
        ("Дзмiтрый Уладзiмiравiч ДЗЯМIДАЎ", "Dmitriy Vladimirovich DEMIDOV"),
        ("Алена Мiхайлаўна ДЗЯМIДАВА", "Elena Mikhailovna DEMIDOVA"),
        ("Святлана Ціханоўская", "Svetlana TIKHANOVSKAYA"),
    ],
)
def test_belarusian_name_meets_russian_spelling(belarusian: str, russian_latin: str) -> None:
    listed = analyze_name(russian_latin, True)
    form = east_slavic_form(belarusian, True)
    assert form is not None
    assert compare_names(form, listed).score >= THRESHOLD
    assert compare_names(analyze_name(belarusian, True), listed).score < compare_names(form, listed).score

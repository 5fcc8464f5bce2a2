"""An organisation's acronym against its name written out (``names.acronyms``)."""

from __future__ import annotations

import pytest

from tradewarden.names.acronyms import acronym_comparison, initials_keys, query_keys, written_as_words
from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names
from tradewarden.names.organisations import compare_organisations


@pytest.mark.parametrize(
    ("acronym", "name"),
    [
        ("MAEI", "Ministry of Atomic Energy Industry"),  # a function word skipped
        ("SHIG", "Shahid Hemmat Industrial Group"),  # the G of a legal form
        ("CSSC", "China State Shipbuilding Corporation Limited"),
        ("SMIC Beijing", "Semiconductor Manufacturing International (Beijing) Corporation"),  # a place after it
    ],
)
def test_an_acronym_of_four_letters_or_more_meets_its_name(acronym: str, name: str) -> None:
    query, listed = analyze_name(acronym, False), analyze_name(name, False)
    assert compare_names(query, listed).score < 0.5  # no word in common
    assert compare_organisations(query, listed).score >= 0.8
    assert compare_organisations(listed, query).score >= 0.8  # either side may be the acronym


def test_three_letters_alone_stay_below_the_threshold() -> None:
    found = acronym_comparison(analyze_name("MEC", False), analyze_name("Myanmar Economic Corporation", False))
    assert found is not None and 0.6 < found.score < 0.8


@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("MAIE", "Ministry of Atomic Energy Industry"),  # initials in another order
        ("Hall Group", "Hotel Al Lamar Limited"),  # the initials of the middle words only
        ("CSSC", "China State Shipbuilding"),  # no legal form to give the last C
    ],
)
def test_other_letters_are_no_acronym(query: str, name: str) -> None:
    found = acronym_comparison(analyze_name(query, False), analyze_name(name, False))
    assert found is None or found.score < 0.8


def test_keys_meet_from_either_side() -> None:
    name = analyze_name("Ministry of Atomic Energy Industry", False)
    assert "^maei" in initials_keys(name)
    assert "^maei" in query_keys(analyze_name("MAEI", False))
    # A query written out looks up the acronym as a plain token key (a listed ``MAEI``).
    assert "maei" in query_keys(name)


def test_abjad_and_chinese_names_have_no_initials() -> None:
    assert not initials_keys(analyze_name("وزارة الصناعة الذرية الطاقة", False))
    assert not initials_keys(analyze_name("中芯国际集成电路制造有限公司", False))


def test_the_doubt_is_on_the_share_of_the_name_the_acronym_stands_for() -> None:
    """Three letters spelling the whole name stay below the threshold; three letters beside two
    words met as written (RUANO YANDUN DTO) carry the doubt on three words of five."""
    whole = acronym_comparison(analyze_name("DTO", False), analyze_name("Drug Trafficking Organization", False))
    part = acronym_comparison(
        analyze_name("RUANO YANDUN DTO", False), analyze_name("RUANO YANDUN DRUG TRAFFICKING ORGANIZATION", False)
    )
    assert whole is not None and whole.score < 0.8
    assert part is not None and part.score >= 0.8


@pytest.mark.parametrize("side", ["query", "listed"])
def test_an_acronym_beside_words_the_other_name_lacks_counts_as_one_word(side: str) -> None:
    """PERIDOT SHIP MANAGEMENT holds SHIP, the initials of Shahid Hemmat Industrial Plant, and two
    words that name lacks: written out, the acronym's four words would outweigh them."""
    short, long = analyze_name("PERIDOT SHIP MANAGEMENT", False), analyze_name("Shahid Hemmat Industrial Plant", False)
    found = acronym_comparison(short, long) if side == "query" else acronym_comparison(long, short)
    assert found is not None and found.score < 0.7
    assert "as one word" in found.detail
    # Alone, or beside a word the other name holds too (U.K. / UK), the acronym keeps its words.
    alone = acronym_comparison(analyze_name("SHIP", False), long)
    assert alone is not None and alone.score >= 0.8
    beside = acronym_comparison(analyze_name("IOC UK LTD", False), analyze_name("IRANIAN OIL COMPANY (U.K.) LIMITED", False))
    assert beside is not None and beside.score >= 0.8 and "as one word" not in beside.detail


@pytest.mark.parametrize(
    ("name", "as_words"),
    [
        ("Klemt GmbH", True),  # a family name, written as one, beside a legal form
        ("Klemt OHG mbH", True),  # legal forms in capitals say nothing
        ("IRGC Cyber Command", False),  # an acronym in capitals
        ("Sanco ME FZC", False),  # ME for Middle East
        ("klemt gmbh", False),  # no capitals: the case says nothing
        ("KLEMT GMBH", False),
        ("克勒姆特", False),  # a script without case
    ],
)
def test_a_name_written_in_small_letters_shows_its_words_are_words(name: str, as_words: bool) -> None:
    assert written_as_words(name) is as_words


def test_a_query_word_written_as_a_word_is_read_as_no_acronym() -> None:
    query, listed = analyze_name("Klemt GmbH", False), analyze_name("Key Laboratory for Electronic Measurement Technology", False)
    assert compare_organisations(query, listed).score >= 0.8  # KLEMT spells the initials
    assert compare_organisations(query, listed, query_acronyms=False).score < 0.5
    # A listed acronym is still read against a query written out.
    assert compare_organisations(listed, analyze_name("KLEMT", False), query_acronyms=False).score >= 0.8

"""Arabic names in French transcription (Maghreb, Lebanon, West Africa) against English ones, and
the Maghrebi nasab chain (``Ben X Ben Y``) a listed name leaves out."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import FRENCH_SPELLING, compare_names, token_similarity
from tradewarden.names.phonetic import french_reading

THRESHOLD = 0.8


def _score(query: str, listed: str) -> float:
    return compare_names(analyze_name(query, True), analyze_name(listed, True)).score


def _sim(q: str, c: str) -> float:
    return token_similarity(q, "", c, "", False)


def test_french_reading_writes_english_letters() -> None:
    readings = {
        "ouaz": "waz",  # ou before a vowel is w
        "thouaib": "thwaib",
        "mourad": "murad",  # ou elsewhere is u
        "cherif": "sherif",  # ch is sh
        "cherife": "sherif",  # a final e after a consonant is silent
        "djamel": "jamel",  # dj is j
        "belhadj": "belhaj",
        "youssef": "yusef",  # ss between vowels is s
        "moussa": "musa",
        "tchad": "chad",  # tch is English ch
        "lounici": "lunisi",  # c before e or i is s
        "boucetta": "busetta",
        "chouaib": "shwaib",  # (ch is respelt first: its c stays)
    }
    for token, reading in readings.items():
        assert french_reading(token) == reading, token


def test_french_reading_only_for_french_spellings() -> None:
    # No ou, ch or dj: not read as French (a final e alone says nothing).
    for token in ("yusuf", "sharif", "ahmed", "karime", "guelma"):
        assert french_reading(token) == token, token
    # Too short, and German sch.
    assert french_reading("chu") == "chu"
    assert french_reading("schmidt") == "schmidt"


def test_french_and_english_transcriptions_meet() -> None:
    pairs = (
        ("ouaz", "waz"), ("thouaib", "thweib"), ("chouaib", "shuaib"), ("djamel", "jamal"),
        ("youssef", "yusuf"), ("cherif", "sharif"), ("mourad", "murad"), ("moussa", "musa"),
    )
    for q, c in pairs:
        assert FRENCH_SPELLING >= _sim(q, c) >= THRESHOLD, (q, c)
        assert _sim(c, q) == _sim(q, c), (q, c)
    assert _score("Najib Ouaz", "Najib al-Waz") >= THRESHOLD
    assert _score("Khaled Thouaib", "Khaled Thweib") >= THRESHOLD
    assert _score("Youssef Cherif", "Yusuf Sharif") >= THRESHOLD
    assert _score("THOUAIB, Khaled Ibrahim Tafish", "THWEIB, Khaled Tafish") >= THRESHOLD
    # c before e or i is an s sound in French: an Arabic-script spelling meets it (لونيسي lwnysy).
    assert _score("جمال لونيسي", "Djamel LOUNICI") > _score("جمال لونيكي", "Djamel LOUNICI")


def test_french_reading_does_not_merge_other_names() -> None:
    # One Chinese or Korean syllable: ch and sh are two initials (Chen / Shen, Chang / Shang).
    assert _sim("chen", "shen") < THRESHOLD
    assert _sim("chang", "shang") < FRENCH_SPELLING
    # East Slavic names: Russian ch and sh are two sounds (Chernov / Shernov).
    assert _sim("chernov", "shernov") < 0.9
    # Western names keep what they scored (Louis / Luis, Michel / Michael), and other names
    # stay apart (Michel / Mishal is not raised above a respelling, Louis / Lewis below the knee).
    assert _sim("louis", "luis") == token_similarity("louis", "", "luis", "", False)
    assert _sim("charles", "carlos") < THRESHOLD
    assert _sim("bouchard", "richard") < THRESHOLD
    assert _score("Mourad Ahmed", "Marwan Ahmed") < THRESHOLD
    assert _score("Cherif Mansour", "Chakib Mansour") < THRESHOLD


def test_nasab_chain_counts_as_one_patronymic() -> None:
    # The father's and grandfather's names (Ben X Ben Y) left out cost as one patronymic does.
    one = _score("Kamal Ben Mohamed Darraji", "Kamal Darraji")
    chain = _score("Kamal Ben Mohamed Ben Ahmed Darraji", "Kamal Darraji")
    assert chain == one
    assert _score("Kamal Darraji", "Kamal Ben Mohamed Ben Ahmed Darraji") == chain
    assert _score("DARRAJI, Kamal Ben Mohamed Ben Ahmed", "DARRAJI, Kamel") >= THRESHOLD
    # Words not marked by ben / bin / ibn, the listed name met in full, count together as one
    # extra name does (``compare.COVERED_WORDS``): about what the chain costs, not two names.
    unmarked = _score("Kamal Mohamed Ahmed Darraji", "Kamal Darraji")
    assert unmarked == _score("Kamal Mohamed Ahmed Yusuf Darraji", "Kamal Darraji") == pytest.approx(chain, abs=0.01)
    # Not when the listed name is not met in full: then each extra word costs.
    assert _score("Kamal Mohamed Ahmed Darraji", "Kamal Darrouj") < _score("Kamal Mohamed Darraji", "Kamal Darrouj")

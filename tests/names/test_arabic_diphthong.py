"""Arabic's diphthong ay as transcriptions write it (ay, ai, ei, ey) and a doubled consonant
written once: one name (Husayn / Hussein / Hussain, Zayd / Zeid, Ubayd / Obeid), not for one
Chinese or Korean syllable (Wei / Wai are two)."""

from __future__ import annotations

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import FRENCH_SPELLING, compare_names, token_similarity
from tradewarden.names.french import diphthong_reading

THRESHOLD = 0.8


def _score(query: str, listed: str) -> float:
    return compare_names(analyze_name(query, True), analyze_name(listed, True)).score


def _sim(q: str, c: str) -> float:
    return token_similarity(q, "", c, "", False)


def test_diphthong_reading_writes_one_spelling() -> None:
    for token in ("husayn", "hussein", "hussain", "husseyn"):
        assert diphthong_reading(token) == "husayn", token
    assert diphthong_reading("obeid") == "obayd"
    assert diphthong_reading("zeid") == "zayd"
    assert diphthong_reading("husseini") == "husayni"  # a doubled consonant written once ...
    assert diphthong_reading("dennis") == "dennis"  # ... only in a token with the diphthong


def test_diphthong_reading_leaves_other_tokens() -> None:
    # A vowel after the diphthong's letters: not the diphthong (Mayer, Sayed are read as written).
    assert diphthong_reading("sayed") == "sayed"
    assert diphthong_reading("mayer") == "mayer"
    # One Chinese or Korean syllable, and short tokens.
    for token in ("wei", "wai", "mei", "lai", "kai", "bae"):
        assert diphthong_reading(token) == token, token


def test_diphthong_spellings_meet() -> None:
    pairs = (("husayn", "hussein"), ("hussain", "hussein"), ("zayd", "zeid"), ("shaykh", "sheikh"), ("ubayd", "obeid"))
    for q, c in pairs:
        assert FRENCH_SPELLING >= _sim(q, c) >= THRESHOLD, (q, c)
        assert _sim(c, q) == _sim(q, c), (q, c)
    assert _score("Saddam Hussein", "Saddam Husayn") >= THRESHOLD
    assert _score("Hussein Kamel", "Husayn Kamil") >= THRESHOLD
    assert _score("Ubayd Khalil", "Obeid Khalil") >= THRESHOLD


def test_other_names_stay_apart() -> None:
    # Two Chinese syllables a vowel apart are two names, and so are two Arabic names whose
    # consonants differ however the diphthong is written.
    assert _score("Zhang Wei", "Zhang Wai") < THRESHOLD
    assert _score("Saddam Hussein", "Saddam Haidar") < THRESHOLD
    # The readings do not lift a pair to the consonant-skeleton test (husayn / hasan share hsn).
    assert _score("Saddam Hussein", "Saddam Hassan") < THRESHOLD
    assert _sim("husayn", "hashem") < THRESHOLD
    assert _sim("zeid", "zein") < THRESHOLD
    assert _score("Denise Jones", "Dennis Ritiche Jones") < THRESHOLD


def test_diphthong_against_no_letter_for_its_y_is_another_name() -> None:
    # Husayn (حسين) and Hasan (حسن) share the consonant skeleton hsn, but one writes the
    # diphthong's y and the other no letter for it: two names, no skeleton equality.
    from tradewarden.names.phonetic import skeleton

    for q, c in (("hussain", "hassan"), ("husayn", "hasan"), ("husain", "hasan")):
        assert token_similarity(q, skeleton(q), c, skeleton(c), False) < 0.75, (q, c)
    # Respellings of one name keep it: the other side writes a letter for the y.
    for q, c in (("husayn", "hussein"), ("husayn", "husain"), ("haytham", "heitham")):
        assert token_similarity(q, skeleton(q), c, skeleton(c), False) >= 0.8, (q, c)
    assert _score("Hussain Ahmed", "Hassan Ahmed") < 0.9

"""Clean names that only share a consonant skeleton with a listed word (issue 3 false alerts)."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import FUZZY_KNEE, SKELETON_EQUAL, compare_names, token_similarity
from tradewarden.names.phonetic import skeleton


def _sim(q: str, c: str) -> float:
    return token_similarity(q, skeleton(q), c, skeleton(c), False)


@pytest.mark.parametrize(("q", "c"), [("pestova", "positive"), ("subbotin", "sabtina"), ("movsisyan", "mvision")])
def test_same_consonants_with_vowels_elsewhere_are_other_words(q: str, c: str) -> None:
    assert skeleton(q) == skeleton(c)  # the skeleton alone would call them one name
    assert _sim(q, c) < FUZZY_KNEE


@pytest.mark.parametrize(("q", "c"), [("mohammed", "muhammad"), ("fyodorov", "fedorov"), ("ignatyeva", "ignatieva")])
def test_respellings_still_meet_by_skeleton(q: str, c: str) -> None:
    assert _sim(q, c) >= SKELETON_EQUAL - 0.1


def test_one_word_company_sharing_only_consonants_does_not_alert() -> None:
    score = compare_names(analyze_name("ZAO Pestova", False), analyze_name("Positive Group PJSC", False)).score
    assert score < 0.6
    same = compare_names(analyze_name("ZAO Pestova", False), analyze_name("Pestova PJSC", False)).score
    assert same > 0.95  # (one short word: scaled down a little)

"""Persian compound names written apart in Arabic script and as one word in Latin, or the other
way (نیک ورز / Nikvarz, علیرضا / Ali-Reza): the two words meet the one together
(``compare._abjad_compound_pairs``; issue 3 Arabic/Persian recall). Made-up persons."""

from __future__ import annotations

import pytest

from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names

THRESHOLD = 0.8


def _compare(query: str, listed: str) -> tuple[float, str]:
    result = compare_names(analyze_name(query, True), analyze_name(listed, True))
    return result.score, result.detail


@pytest.mark.parametrize(
    ("arabic_script", "latin", "pair"),
    [
        ("محسن نیک ورز", "NIKVARZ Mohsen", "nyk+wrz=nikvarz"),  # apart in Arabic script
        ("جمال بابا مرادی", "Jamal BABAMORADI", "baba+mrady=babamoradi"),
        ("علیرضا کریمی", "Ali-Reza KARIMI", "~ali+reza"),  # apart in Latin
        ("محمدباقر رحیمی", "Mohammad Bagher RAHIMI", "~mohammad+bagher"),
    ],
)
def test_a_compound_written_apart_meets_it_written_as_one(arabic_script: str, latin: str, pair: str) -> None:
    score, detail = _compare(arabic_script, latin)
    assert pair in detail and score >= THRESHOLD
    # Either way round: the Latin name as the query.
    assert _compare(latin, arabic_script)[0] >= THRESHOLD


def test_two_short_syllables_are_no_compound() -> None:
    # A part of fewer than three letters meets too many words run together (MA, Huan / ماهان Mahan).
    score, detail = _compare("MA, Huan", "ماهان ایر")
    assert "+" not in detail.replace("+ayr", "").replace("+mahan", "") and score < THRESHOLD

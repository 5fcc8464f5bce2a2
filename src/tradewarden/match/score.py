"""The weight table and the scorer: features in, a score in [0, 1] and its explanation out.

The name feature gives the base score; the other features nudge it up or down by their weight.
An equal identifier is decisive (weight 1, so the score reaches 1); a schema mismatch vetoes.
Weights were chosen so that one threshold (``DEFAULT_THRESHOLD``) suits every list.
"""

from __future__ import annotations

import functools

from tradewarden.match import features as f
from tradewarden.match.features import Candidate, Feature, PreparedQuery
from tradewarden.match.model import FeatureResult

#: (feature, weight): the whole scoring algorithm. Contributions are ``value * weight``.
WEIGHTS: tuple[tuple[Feature, float], ...] = (
    (f.name_similarity, 1.0),
    (f.weak_alias, -0.08),
    (f.company_name_for_person, -0.30),
    (f.one_word_otherwise, -0.10),
    (f.family_name_company, -0.25),
    (f.patronymic_conflict, -0.10),
    (f.gender_conflict, -0.20),
    (f.ta_marbuta_conflict, -0.20),
    (f.legal_form_match, 0.02),
    (f.country_match, 0.03),
    (f.country_mismatch, -0.10),
    (f.dob_match, 0.08),
    (f.dob_year_match, 0.03),
    (f.dob_year_disjoint, -0.20),
    (f.identifier_match, 1.0),
    (f.schema_mismatch, -2.0),
)

#: Features other than the name that read the query's names and can raise a score. Re-screening
#: (``cases/delta.py``) bounds a score from everything but the names, so it counts their full
#: weight (``test_delta.py`` checks every other feature scores no more with names than without).
RAISED_BY_NAMES: tuple[Feature, ...] = (f.legal_form_match,)


#: Features that find nothing, whatever the candidate, in a query without countries, birth dates
#: or identifiers (each returns None then: see its first test).
_NEEDS_COUNTRIES = (f.country_match, f.country_mismatch)
_NEEDS_BIRTH_DATES = (f.dob_match, f.dob_year_match, f.dob_year_disjoint)
_NEEDS_IDENTIFIERS = (f.identifier_match,)


def query_weights(query: PreparedQuery) -> tuple[tuple[Feature, float], ...]:
    """``WEIGHTS`` without the features that cannot apply to ``query`` (it gives no country,
    birth date or identifier): ``score_candidate`` with them scores every candidate of the query
    the same, sooner (most screened names come with a name alone).
    """
    return _weights_for(bool(query.countries), bool(query.birth_dates), bool(query.identifier_keys))


@functools.cache
def _weights_for(countries: bool, birth_dates: bool, identifiers: bool) -> tuple[tuple[Feature, float], ...]:
    """``query_weights`` of a query with or without each kind of detail (eight tables, made once)."""
    skipped: tuple[Feature, ...] = ()
    if not countries:
        skipped += _NEEDS_COUNTRIES
    if not birth_dates:
        skipped += _NEEDS_BIRTH_DATES
    if not identifiers:
        skipped += _NEEDS_IDENTIFIERS
    return tuple((feature, weight) for feature, weight in WEIGHTS if feature not in skipped) if skipped else WEIGHTS


def score_candidate(
    query: PreparedQuery, cand: Candidate, weights: tuple[tuple[Feature, float], ...] = WEIGHTS
) -> tuple[float, list[FeatureResult]]:
    """Run every feature of the table on one candidate.

    Args:
        query: the prepared query.
        cand: the candidate with its best name pair compared.
        weights: ``WEIGHTS``, or ``query_weights(query)`` (the same result).
    Returns:
        The score, clipped to [0, 1], and one ``FeatureResult`` per feature that applied.
    """
    total = 0.0
    results: list[FeatureResult] = []
    for feature, weight in weights:
        evidence = feature(query, cand)
        if evidence is None:
            continue
        contribution = evidence.value * weight
        total += contribution
        results.append(FeatureResult(feature.__name__, evidence.value, weight, contribution, evidence.detail))
    return min(1.0, max(0.0, total)), results


def explain(score: float, results: list[FeatureResult]) -> str:
    """One readable line: the name pair first, then each other feature's contribution."""
    parts: list[str] = []
    for result in results:
        if result.name == "name_similarity":
            parts.append(f"name {result.contribution:.2f} ({result.detail})")
        else:
            parts.append(f"{result.name} {result.contribution:+.2f} ({result.detail})")
    return f"score {score:.2f}: " + "; ".join(parts)

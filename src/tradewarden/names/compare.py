"""Compare two analysed names: order-insensitive token alignment plus a run-together comparison.

Every token of one name is paired with at most one token of the other (best pairs first). Tokens
are compared by optimal-string-alignment edit similarity (rapidfuzz), by consonant skeleton
(so Mohammad meets Muhammad, and Arabic-script names meet their Latin spellings), and as initials.
Unpaired query tokens count fully against the score, unpaired listed tokens (a middle name the
query left out) count half. The names are also compared run together, which catches split and
fused spellings (``Abdul Rahman``/``Abdulrahman``, ``Xi Jin Ping``/``Xi Jinping``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapidfuzz.distance import OSA

from tradewarden.names.analyze import NameForm

#: A listed token the query did not mention counts this much against the score.
UNPAIRED_LISTED_WEIGHT = 0.5
#: Token pairs less similar than this are not paired at all.
MIN_TOKEN_SIMILARITY = 0.5
#: Score of two tokens with the same consonant skeleton (Latin on both sides).
SKELETON_EQUAL = 0.9
#: Score of two tokens with the same consonant skeleton when one side is Arabic or Hebrew script.
ABJAD_SKELETON_EQUAL = 0.97
_REPEATS = re.compile(r"(.)\1+")
#: Score of an initial that agrees with a full token.
INITIAL = 0.85


@dataclass(frozen=True, slots=True)
class NameComparison:
    """How similar two names are, and which tokens met."""

    score: float
    detail: str


def _soft(skel: str) -> str:
    return _REPEATS.sub(r"\1", skel.replace("h", "").replace("v", ""))


def token_similarity(q: str, q_skel: str, c: str, c_skel: str, abjad: bool) -> float:
    """Similarity in [0, 1] of two ASCII tokens, given their skeletons.

    Args:
        q: query token; q_skel: its skeleton.
        c: listed token; c_skel: its skeleton.
        abjad: True when either name was written in Arabic or Hebrew script.
    Returns:
        1.0 for equal tokens, an initial score for an agreeing initial, otherwise the best of
        the edit similarity and the skeleton similarity.
    """
    if q == c:
        return 1.0
    if len(q) == 1 or len(c) == 1:
        return INITIAL if q[0] == c[0] else 0.0
    score = OSA.normalized_similarity(q, c)
    if q_skel and q_skel == c_skel and len(q_skel) >= 2:
        return max(score, ABJAD_SKELETON_EQUAL if abjad else SKELETON_EQUAL)
    if abjad and q_skel and c_skel:
        if q_skel == c_skel:
            return max(score, INITIAL)
        # Abjad spellings lose the "h" and "v" of Latin ones (כהן khn / Cohen, דוד dwd / David).
        unvoiced = OSA.normalized_similarity(_soft(q_skel), _soft(c_skel))
        score = max(score, 0.92 * OSA.normalized_similarity(q_skel, c_skel), 0.88 * unvoiced)
    return score


def _align(query: NameForm, listed: NameForm) -> tuple[float, str]:
    abjad = query.abjad or listed.abjad
    pairs: list[tuple[float, int, int]] = []
    for i, (q, qs) in enumerate(zip(query.tokens, query.skeletons)):
        for j, (c, cs) in enumerate(zip(listed.tokens, listed.skeletons)):
            sim = token_similarity(q, qs, c, cs, abjad)
            if sim >= MIN_TOKEN_SIMILARITY:
                pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    used_q: set[int] = set()
    used_c: set[int] = set()
    gained = 0.0
    total = 0.0
    parts: list[str] = []
    for sim, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        weight = max(query.weights[i], listed.weights[j])
        gained += sim * weight
        total += weight
        q, c = query.tokens[i], listed.tokens[j]
        parts.append(f"{q}={c}" if sim == 1.0 else f"{q}~{c} {sim:.2f}")
    for i, weight in enumerate(query.weights):
        if i not in used_q:
            total += weight
            parts.append(f"-{query.tokens[i]}")
    for j, weight in enumerate(listed.weights):
        if j not in used_c:
            total += UNPAIRED_LISTED_WEIGHT * weight
            parts.append(f"+{listed.tokens[j]}")
    if total <= 0:
        return 0.0, ""
    return gained / total, ", ".join(parts)


def _joined(query: NameForm, listed: NameForm) -> float:
    score = OSA.normalized_similarity(query.joined, listed.joined)
    if query.abjad or listed.abjad:
        score = max(score, 0.95 * OSA.normalized_similarity(query.joined_skeleton, listed.joined_skeleton))
    return score


def compare_names(query: NameForm, listed: NameForm) -> NameComparison:
    """Compare a query name with a listed name.

    Args:
        query: the analysed query name.
        listed: the analysed listed name.
    Returns:
        A ``NameComparison`` whose score is in [0, 1] (1 for the same tokens in any order)
        and whose detail lists the token pairs (``ivan=ivan, petrov~petrow 0.83, +sergeyevich``).
    """
    if query.empty or listed.empty:
        return NameComparison(0.0, "nothing to compare")
    aligned, detail = _align(query, listed)
    joined = _joined(query, listed)
    if joined > aligned and min(len(query.joined), len(listed.joined)) >= 6:
        return NameComparison(joined, f"{query.joined}~{listed.joined} run together {joined:.2f}")
    return NameComparison(aligned, detail)

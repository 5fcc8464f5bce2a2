"""Compare two analysed names: order-insensitive token alignment plus a run-together comparison.

Every token of one name is paired with at most one token of the other (best pairs first). Tokens
are compared by optimal-string-alignment edit similarity (rapidfuzz), by consonant skeleton
(so Mohammad meets Muhammad, and Arabic-script names meet their Latin spellings), and as initials.
Unpaired query tokens count fully against the score, unpaired listed tokens (a middle name the
query left out) count 0.4. The names are also compared run together, which catches split and
fused spellings (``Abdul Rahman``/``Abdulrahman``, ``Xi Jin Ping``/``Xi Jinping``); initials
count in that run-together form, and the consonant skeletons of abjad names are run together
only when the token counts differ. Names too short to identify anyone (two- or three-syllable
Chinese names, one short word) and matches resting on common or short tokens are scaled down.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz.distance import OSA

from tradewarden.names.analyze import NameForm
from tradewarden.names.parts import is_particle

#: A listed token the query did not mention counts this much against the score.
UNPAIRED_LISTED_WEIGHT = 0.4
#: Token pairs less similar than this are not paired at all.
MIN_TOKEN_SIMILARITY = 0.5
#: Score of two tokens with the same consonant skeleton (Latin on both sides).
SKELETON_EQUAL = 0.9
#: Score of two tokens with the same consonant skeleton when one side is Arabic or Hebrew script.
ABJAD_SKELETON_EQUAL = 0.97
_REPEATS = re.compile(r"(.)\1+")
#: Matched query tokens worth this much rarity in total make a name fully specific (one rare token).
FULL_INFORMATION = 1.0
#: How much a name made only of common tokens loses (at zero information).
COMMON_NAME_PENALTY = 0.45

#: Tokens shorter than this count proportionally less as information.
SHORT_TOKEN = 6
#: Weight of the run-together consonant-skeleton comparison (Arabic and Hebrew script).
ABJAD_JOINED = 0.92
#: Factors for Chinese names of two and three syllables (a few hundred surnames, short given names).
HAN_TWO_SYLLABLES = 0.75
HAN_THREE_SYLLABLES = 0.9
#: Names with fewer letters than this (all tokens together) lose up to SHORT_NAME_PENALTY.
SHORT_NAME_LETTERS = 8
SHORT_NAME_PENALTY = 0.3

Rarity = Callable[[str], float]
#: Score of an initial that agrees with a full token.
INITIAL = 0.7


@dataclass(frozen=True, slots=True)
class NameComparison:
    """How similar two names are, and which tokens met."""

    score: float
    detail: str


@lru_cache(maxsize=65536)
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
    if q_skel and q_skel == c_skel and (abjad or score >= 0.6 or (len(q_skel) >= 4 and score >= 0.5)):
        # Short skeletons say little: two or three consonants are shared by unrelated names
        # (Arabic حامد Hamed and أحمد Ahmad are both h-m-d).
        equal = ABJAD_SKELETON_EQUAL if abjad else SKELETON_EQUAL
        if len(q_skel) <= 2:
            equal -= 0.15
        elif len(q_skel) == 3 and abjad:
            equal -= 0.1
        return max(score, equal)
    if abjad and q_skel and c_skel:
        # Abjad spellings lose the "h" and "v" of Latin ones (כהן khn / Cohen, דוד dwd / David).
        q_soft, c_soft = _soft(q_skel), _soft(c_skel)
        soft = 0.85 * OSA.normalized_similarity(q_soft, c_soft)
        if min(len(q_soft), len(c_soft)) <= 2:
            soft *= 0.85
        score = max(score, 0.92 * OSA.normalized_similarity(q_skel, c_skel), soft)
    return score


def _align(query: NameForm, listed: NameForm, rarity: Rarity | None) -> tuple[float, str, float]:
    abjad = query.abjad or listed.abjad
    # Pinyin syllables are too short and too common to be compared fuzzily (guo/gao), and a
    # Chinese name missing a syllable is another name.
    han = query.han or listed.han
    unpaired_weight = 1.0 if han else UNPAIRED_LISTED_WEIGHT
    pairs: list[tuple[float, int, int]] = []
    for i, (q, qs) in enumerate(zip(query.tokens, query.skeletons)):
        for j, (c, cs) in enumerate(zip(listed.tokens, listed.skeletons)):
            sim = 1.0 if q == c else 0.0 if han else token_similarity(q, qs, c, cs, abjad)
            if sim < 1.0 and is_particle(q) != is_particle(c):
                continue  # a particle only pairs with its equal, never with a name (al/ali)
            if sim >= MIN_TOKEN_SIMILARITY:
                pairs.append((sim, i, j))
    pairs.sort(reverse=True)
    q_weights = _rare_weights(query, rarity)
    c_weights = _rare_weights(listed, rarity)
    used_q: set[int] = set()
    used_c: set[int] = set()
    gained = 0.0
    total = 0.0
    information = 0.0
    parts: list[str] = []
    for sim, i, j in pairs:
        if i in used_q or j in used_c:
            continue
        used_q.add(i)
        used_c.add(j)
        weight = max(q_weights[i], c_weights[j])
        gained += sim * weight
        total += weight
        information += query.weights[i] * min(
            _specificity(query.tokens[i], rarity), _specificity(listed.tokens[j], rarity)
        )
        q, c = query.tokens[i], listed.tokens[j]
        parts.append(f"{q}={c}" if sim == 1.0 else f"{q}~{c} {sim:.2f}")
    for i, weight in enumerate(q_weights):
        if i not in used_q:
            total += weight
            parts.append(f"-{query.tokens[i]}")
    for j, weight in enumerate(c_weights):
        if j not in used_c:
            total += unpaired_weight * weight
            parts.append(f"+{listed.tokens[j]}")
    if total <= 0:
        return 0.0, "", 0.0
    return gained / total, ", ".join(parts), information


def _specificity(token: str, rarity: Rarity | None) -> float:
    """Rarity, scaled by length: a 15-letter word is specific even if seen before, a
    four-letter one (``rust``, ``li``) says little even when rare."""
    length = len(token)
    length_factor = length / SHORT_TOKEN if length < SHORT_TOKEN else 1.0 + (length - SHORT_TOKEN) / SHORT_TOKEN
    return (rarity(token) if rarity is not None else 1.0) * length_factor


def _rare_weights(form: NameForm, rarity: Rarity | None) -> tuple[float, ...]:
    if rarity is None:
        return form.weights
    return tuple(w * rarity(t) for t, w in zip(form.tokens, form.weights))


def _significant(form: NameForm) -> int:
    return sum(1 for w in form.weights if w >= 1.0)


def _run_together(form: NameForm) -> str:
    return "".join(t for t, w in zip(form.tokens, form.weights) if w >= 0.5) or form.joined


def _joined(query: NameForm, listed: NameForm) -> float:
    # Every token run together, initials and particles included: a dropped middle initial
    # (John Walters / John P. Walters) must cost here as it does in the alignment.
    q_all, l_all = _run_together(query), _run_together(listed)
    score = OSA.normalized_similarity(q_all, l_all)
    if 1 < len(listed.tokens) <= 3:
        # Surname first or last (NI Gaobin / 倪高彬 ni gao bin): try the listed tokens reversed.
        flipped = "".join(t for t, w in zip(reversed(listed.tokens), reversed(listed.weights)) if w >= 0.5)
        score = max(score, OSA.normalized_similarity(q_all, flipped))
    if (query.abjad or listed.abjad) and _significant(query) != _significant(listed):
        # Consonant skeletons run together only for split or fused spellings (عبد الرحمن /
        # Abdulrahman); over whole names of the same shape they meet unrelated names.
        score = max(score, ABJAD_JOINED * OSA.normalized_similarity(query.joined_skeleton, listed.joined_skeleton))
    return score


def _short_factor(query: NameForm, listed: NameForm) -> float:
    """Names too short to identify anyone: Chinese names of two or three syllables, and names
    whose letters run together are few (``Rust``, ``Li Na``)."""
    factor = 1.0
    if query.han or listed.han:
        syllables = min(len(form.tokens) for form in (query, listed) if form.han)
        factor = HAN_TWO_SYLLABLES if syllables <= 2 else HAN_THREE_SYLLABLES if syllables == 3 else 1.0
    letters = min(len(query.joined), len(listed.joined))
    if min(len(query.tokens), len(listed.tokens)) == 1 and letters < SHORT_NAME_LETTERS:
        factor *= 1.0 - SHORT_NAME_PENALTY * (SHORT_NAME_LETTERS - letters) / SHORT_NAME_LETTERS
    return factor


def compare_names(query: NameForm, listed: NameForm, rarity: Rarity | None = None) -> NameComparison:
    """Compare a query name with a listed name.

    Args:
        query: the analysed query name.
        listed: the analysed listed name.
        rarity: how much a token says about identity, in (0, 1] (from its frequency among the
            listed names); common tokens then count less, and a match resting only on common
            tokens is scaled down. None: every token counts by its part weight alone.
    Returns:
        A ``NameComparison`` whose score is in [0, 1] (1 for the same tokens in any order)
        and whose detail lists the token pairs (``ivan=ivan, petrov~petrow 0.83, +sergeyevich``).
    """
    if query.empty or listed.empty:
        return NameComparison(0.0, "nothing to compare")
    aligned, detail, information = _align(query, listed, rarity)
    joined = _joined(query, listed)
    if joined > aligned and min(len(query.joined), len(listed.joined)) >= 6:
        score, detail = joined, f"{_run_together(query)}~{_run_together(listed)} run together {joined:.2f}"
        information = max(information, joined * FULL_INFORMATION)
    else:
        score = aligned
    short = _short_factor(query, listed)
    if short < 1.0:
        score *= short
        detail += f"; short name x{short:.2f}"
    if rarity is not None and information < FULL_INFORMATION:
        factor = 1.0 - COMMON_NAME_PENALTY * (1.0 - information / FULL_INFORMATION)
        score *= factor
        detail += f"; common name x{factor:.2f}"
    return NameComparison(score, detail)

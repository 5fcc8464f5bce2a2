"""Two organisation names compared: the token alignment, an acronym written out, a name held
whole in a longer one, and a particle written with its word (AL-NASER / ALNASER).

Lists name one organisation with and without the words that say what it does, where it is or
what kind of body it is: KHAZAR STEEL ROLLING / KHAZAR STEEL CO., UNIQUE STARS LLC / UNIQUE STARS
MOBILE PHONES LLC, TORCH ELECTRON / Fujian Torch Electron Technology. The alignment
(``compare.compare_names``) charges every extra word as it would a person's extra given name.
Here, when every fully counting word of the shorter name (two different words at least) meets a word of the
longer one closely (``CLOSE_WORD``), the names are also compared with the longer one cut to
those words, scaled by how many words were cut (``CONTAINED_SHARE``): a name held whole in
another is that body or one of its branches. The comparison of the cut names keeps the
common-name penalty, so two common words held in a longer name (GENERAL TRADING) stay weak.
Only organisation names are compared so: a person's extra given names are another matter
(``compare``'s middle-name rules). Callers pass organisation names only.
"""

from __future__ import annotations

from tradewarden.names.acronyms import acronym_comparison
from tradewarden.names.analyze import NameForm
from tradewarden.names.compare import NameComparison, Rarity, compare_names, token_similarity
from tradewarden.names.parts import is_particle
from tradewarden.names.phonetic import skeleton

#: A word of the shorter name meets one of the longer name at this token similarity or more
#: (a slip or a respelling: Kashaneh / Kashane).
CLOSE_WORD = 0.85
#: The share of the cut comparison kept, by the number of words cut (more: ``MANY_CUT_SHARE``).
CONTAINED_SHARE = {1: 0.9, 2: 0.86}
MANY_CUT_SHARE = 0.82
#: The most a cut comparison can score (its comparison at most 1, times the largest share).
MOST_CONTAINED_SHARE = max(*CONTAINED_SHARE.values(), MANY_CUT_SHARE)


def holds_whole(query: NameForm, listed: NameForm) -> bool:
    """Whether every fully counting word (two different ones or more) of the shorter of two names is written
    alike among the longer one's words: a cheap test of ``contained_comparison``'s premise, for
    picking names worth comparing."""
    return holds_whole_words(query, listed.tokens, listed.weights, listed.abjad)


def holds_whole_words(query: NameForm, tokens: tuple[str, ...], weights: tuple[float, ...], abjad: bool) -> bool:
    """``holds_whole`` of ``query`` and a listed name given by its tokens, weights and abjad flag
    (``NameForm.dumped_words``: the matcher tests many listed names it never compares, and reading
    these three from the index's text is a fraction of parsing the whole form)."""
    query_words = (query.tokens, query.weights)
    # ``NameForm.significant``: the fully counting words.
    listed_significant = sum(1 for w in weights if w >= 1.0)
    if query.significant <= listed_significant:
        (shorter_tokens, shorter_weights), longer_tokens = query_words, tokens
        shorter_significant, longer_significant = query.significant, listed_significant
    else:
        (shorter_tokens, shorter_weights), longer_tokens = (tokens, weights), query.tokens
        shorter_significant, longer_significant = listed_significant, query.significant
    if (
        _distinct(shorter_tokens, shorter_weights) < 2 or longer_significant <= shorter_significant
        or query.abjad or abjad
    ):
        return False
    words = set(longer_tokens)
    return all(t in words for t, w in zip(shorter_tokens, shorter_weights) if w >= 1.0)


def _distinct_words(form: NameForm) -> int:
    """How many different fully counting words a name has: a doubled family name
    (HERNANDEZ-HERNANDEZ PLC) is one word written twice, which names a family, not a body, and
    is held in every longer name of that family (Luis Miguel HERNANDEZ-HERNANDEZ)."""
    return _distinct(form.tokens, form.weights)


def _distinct(tokens: tuple[str, ...], weights: tuple[float, ...]) -> int:
    return len({t for t, w in zip(tokens, weights) if w >= 1.0})


def compare_organisations(
    query: NameForm, listed: NameForm, rarity: Rarity | None = None, floor: float = 0.0
) -> NameComparison:
    """``compare.compare_names`` of two organisation names, or their ``acronym_comparison`` or
    ``contained_comparison`` where that scores higher."""
    best = compare_names(query, listed, rarity, floor)
    for compare in (acronym_comparison, contained_comparison, _fused_comparison):
        if compare is contained_comparison and best.score >= MOST_CONTAINED_SHARE:
            # (Scaled by at most that share, a cut comparison could not beat it: not worked out.)
            continue
        other = compare(query, listed, rarity)
        if other is not None and other.score > best.score:
            best = other
    return best


def _particles_fused(form: NameForm, words: set[str]) -> NameForm | None:
    """``form`` with each particle fused to the word after it where the other name writes them
    as one word (AL-NASER AIRLINES / ALNASER AIRLINES); None when none is."""
    tokens: list[str] = []
    weights: list[float] = []
    i, count = 0, len(form.tokens)
    while i < count:
        token = form.tokens[i]
        if i + 1 < count and form.weights[i] < 1.0 and is_particle(token) and token + form.tokens[i + 1] in words:
            tokens.append(token + form.tokens[i + 1])
            weights.append(1.0)
            i += 2
            continue
        tokens.append(token)
        weights.append(form.weights[i])
        i += 1
    if len(tokens) == count:
        return None
    return NameForm(tuple(tokens), tuple(map(skeleton, tokens)), tuple(weights), form.legal_forms, form.abjad, form.han)


def _fused_comparison(query: NameForm, listed: NameForm, rarity: Rarity | None) -> NameComparison | None:
    """The comparison of two organisation names with a particle fused to its word where the other
    name writes them as one (the Arabic article: AL-NASER AIRLINES / ALNASER AIRLINES); the
    alignment counts the particle apart and pairs ``alnaser`` with nothing. None when neither
    name has such a pair."""
    if query.abjad or listed.abjad or query.han or listed.han:
        return None
    fused_query = _particles_fused(query, set(listed.tokens))
    fused_listed = _particles_fused(listed, set(query.tokens))
    if fused_query is None and fused_listed is None:
        return None
    found = compare_names(fused_query or query, fused_listed or listed, rarity)
    return NameComparison(found.score, f"{found.detail}; a particle written with its word")


def _cut(form: NameForm, kept: list[int]) -> NameForm:
    """``form`` with only the tokens at ``kept`` (in written order)."""
    return NameForm(
        tokens=tuple(form.tokens[i] for i in kept),
        skeletons=tuple(form.skeletons[i] for i in kept),
        weights=tuple(form.weights[i] for i in kept),
        legal_forms=form.legal_forms,
        abjad=form.abjad,
        han=form.han,
    )


def contained_comparison(query: NameForm, listed: NameForm, rarity: Rarity | None = None) -> NameComparison | None:
    """The comparison of two organisation names with the longer cut to the words the shorter
    one's words meet, scaled by ``CONTAINED_SHARE``; None unless every fully counting word of
    the shorter name (two different ones or more) meets one of the longer name's closely (``CLOSE_WORD``)."""
    if query.abjad or listed.abjad or query.han or listed.han:
        return None
    query_shorter = query.significant <= listed.significant
    shorter, longer = (query, listed) if query_shorter else (listed, query)
    if _distinct_words(shorter) < 2 or longer.significant <= shorter.significant:
        return None
    used: list[int] = []
    for token, skel, weight in zip(shorter.tokens, shorter.skeletons, shorter.weights):
        if weight < 1.0:
            continue
        best, best_sim = -1, CLOSE_WORD
        for j, (other, other_skel, other_weight) in enumerate(zip(longer.tokens, longer.skeletons, longer.weights)):
            if j in used or other_weight < 1.0:
                continue
            sim = 1.0 if token == other else token_similarity(token, skel, other, other_skel, False)
            if sim >= best_sim:
                best, best_sim = j, sim
                if sim == 1.0:
                    break
        if best < 0:
            return None
        used.append(best)
    cut_words = longer.significant - len(used)
    cut = _cut(longer, sorted(used))
    found = compare_names(query, cut, rarity) if query_shorter else compare_names(cut, listed, rarity)
    share = CONTAINED_SHARE.get(cut_words, MANY_CUT_SHARE)
    return NameComparison(found.score * share, f"{found.detail}; held in a longer name, {cut_words} word(s) cut x{share:.2f}")


__all__ = ["compare_organisations", "contained_comparison", "holds_whole", "holds_whole_words"]

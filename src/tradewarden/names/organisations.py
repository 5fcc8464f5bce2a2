"""Two organisation names compared: the token alignment, an acronym written out, a name held
whole in a longer one, a particle written with its word (AL-NASER / ALNASER), a short word
standing for consecutive words of the other name (SANCO ME FZC / SANCO Middle East FZC), and a
word cut short (JINGJIA MICRO / Changsha Jingjia Microelectronics).

Lists name one organisation with and without the words that say what it does, where it is or
what kind of body it is: KHAZAR STEEL ROLLING / KHAZAR STEEL CO., UNIQUE STARS LLC / UNIQUE STARS
MOBILE PHONES LLC, TORCH ELECTRON / Fujian Torch Electron Technology. The alignment
(``compare.compare_names``) charges every extra word as it would a person's extra given name.
Here, when every fully counting word of the shorter name (two different words at least, or one
rare word of seven letters or more: a coined trade name, BENEATHCO DMCC, Hikmicro) meets a word of the
longer one closely (``CLOSE_WORD``), the names are also compared with the longer one cut to
those words, scaled by how many words were cut (``CONTAINED_SHARE``): a name held whole in
another is that body or one of its branches. The comparison of the cut names keeps the
common-name penalty, so two common words held in a longer name (GENERAL TRADING) stay weak.
Only organisation names are compared so: a person's extra given names are another matter
(``compare``'s middle-name rules). Callers pass organisation names only.
"""

from __future__ import annotations

from tradewarden.names.acronyms import acronym_comparison, with_acronym
from tradewarden.names.analyze import NameForm
from tradewarden.names.compare import NameComparison, Rarity, compare_names, token_similarity
from tradewarden.names.org_terms import AS_WRITTEN
from tradewarden.names.parts import is_particle, name_role

#: A word of the shorter name meets one of the longer name at this token similarity or more
#: (a slip or a respelling: Kashaneh / Kashane).
CLOSE_WORD = 0.85
#: The share of the cut comparison kept, by the number of words cut (more: ``MANY_CUT_SHARE``).
CONTAINED_SHARE = {1: 0.9, 2: 0.86}
MANY_CUT_SHARE = 0.82
#: A name of one word is held in a longer one only when that word is rare among the listed names
#: and has this many letters or more (``_rare_long_word``; compare.ANCHOR_LETTERS).
ONE_WORD_LETTERS = 7
#: A query of one word is a brand held in a longer listed name with this many letters or more
#: (Tianma / Tianma Microelectronics Co., Ltd.) and a rarity of ``BRAND_RARITY`` or more: under a
#: few more names than a fully rare word (``match.index.RARE_COUNT``), about eight of the US, UN,
#: UK and EU lists' 116,000, since lists repeat a company's name: HIKVISION is in four, the
#: copies of Hangzhou Hikvision Digital Technology Co., Ltd. on four lists. (Not a word that
#: reads as a family name: ``_rare_long_word``.)
BRAND_LETTERS = 6
BRAND_RARITY = 0.9
#: A word of two or three letters inside a longer name may stand for consecutive words of the
#: other name (``inner_acronym_comparison``); the comparison so is scaled by this.
INNER_ACRONYM_LETTERS = (2, 3)
INNER_ACRONYM_SHARE = 0.95
#: The most a cut comparison can score (its comparison at most 1, times the largest share).
MOST_CONTAINED_SHARE = max(*CONTAINED_SHARE.values(), MANY_CUT_SHARE)
#: A word of one name cut short is the first ``TRUNCATED_LETTERS`` letters or more of a word of
#: the other, which is ``TRUNCATED_CUT`` letters longer or more (``truncated_comparison``):
#: company names shorten their trade words so (JINGJIA MICRO / Changsha Jingjia
#: Microelectronics, CEC PHARM / CEC PHARMATECH, Intl / International). Shorter stems, or a
#: letter or two cut, are other words as often (Gold / Golden, Nord / Nordic, Star / Stars).
TRUNCATED_LETTERS = 4
TRUNCATED_CUT = 3
#: The share of the comparison with the long word written short that is kept: a word cut short
#: is a little less sure than one written out.
TRUNCATED_SHARE = 0.95
#: What makes a family name of a given name, ``TRUNCATED_CUT`` letters or more (John / Johnson,
#: Petr / Petrenko, Ivan / Ivanova): a word longer than another by one of these is not that word
#: cut short (Johnson-Smith Ltd / JOHN B. PRIDMORE-SMITH). Not -ian or -in, which also make
#: adjectives of places (Iran / Iranian).
FAMILY_SUFFIXES = frozenset({"son", "sen", "ova", "eva", "ovich", "evich", "enko"})
#: The organisation vocabulary (``org_terms``, folded: plant, technology, institute, bank ...).
_BODY_WORDS = frozenset(AS_WRITTEN.values())


def holds_whole(query: NameForm, listed: NameForm, rarity: Rarity | None = None) -> bool:
    """Whether every fully counting word (two different ones or more, or the query's one rare long
    word: ``is_brand_word``, given ``rarity``) of the shorter of two names is written alike among the
    longer one's words: a cheap test of ``contained_comparison``'s premise, for picking names
    worth comparing."""
    return holds_whole_words(query, listed.tokens, listed.weights, listed.abjad, is_brand_word(query, rarity))


def is_brand_word(query: NameForm, rarity: Rarity | None) -> bool:
    """Whether a query name is one rare long word (``_rare_long_word``), which ``holds_whole_words``
    then looks for in longer listed names: worked out once per query, not per listed name."""
    return _rare_long_word(query.tokens, query.weights, rarity, brand=True)


def holds_whole_words(
    query: NameForm, tokens: tuple[str, ...], weights: tuple[float, ...], abjad: bool, brand: bool = False
) -> bool:
    """``holds_whole`` of ``query`` and a listed name given by its tokens, weights and abjad flag
    (``NameForm.dumped_words``: the matcher tests many listed names it never compares, and reading
    these three from the index's text is a fraction of parsing the whole form), ``brand`` telling
    whether the query is one rare long word (``is_brand_word``)."""
    query_words = (query.tokens, query.weights)
    # ``NameForm.significant``: the fully counting words.
    listed_significant = sum(1 for w in weights if w >= 1.0)
    query_shorter = query.significant <= listed_significant
    if query_shorter:
        (shorter_tokens, shorter_weights), longer_tokens = query_words, tokens
        shorter_significant, longer_significant = query.significant, listed_significant
    else:
        (shorter_tokens, shorter_weights), longer_tokens = (tokens, weights), query.tokens
        shorter_significant, longer_significant = listed_significant, query.significant
    if longer_significant <= shorter_significant or query.abjad or abjad:
        return False
    if _distinct(shorter_tokens, shorter_weights) < 2 and not (query_shorter and brand):
        # (One rare word of the query's only, as ``contained_comparison`` reads it: a listed name
        # of one such word, Mikoyan, is compared when the quick filter keeps it.)
        return False
    words = set(longer_tokens)
    return all(t in words for t, w in zip(shorter_tokens, shorter_weights) if w >= 1.0)


def _rare_long_word(tokens: tuple[str, ...], weights: tuple[float, ...], rarity: Rarity | None, brand: bool = False) -> bool:
    """Whether a name of one fully counting word (its tokens and weights, Latin or Cyrillic
    script) is that word alone naming a body: a word of ``ONE_WORD_LETTERS`` letters or more,
    rare among the listed names (``rarity`` 1.0), a coined trade name rather than a common word
    (BENEATHCO DMCC / BENEATHCO GENERAL TRADING DMCC; AO TRANSNEFTEPRODUKT / AO AK
    TRUBOPROVODNOGO TRANSPORTA NEFTEPRODUKTOV TRANSNEFTEPRODUKT; a query Hikmicro / Hangzhou
    Hikmicro Sensing Technology Co., KONTROLES / KONTROLES ELECTRONICOS DE BAJA CALIFORNIA: lists
    give a company's brand as its alias); a query's ``brand`` may be a little shorter and less
    rare (``BRAND_LETTERS``, ``BRAND_RARITY``). Without ``rarity`` nothing tells such a word
    from a common one."""
    if rarity is None:
        return False
    words = {t for t, w in zip(tokens, weights) if w >= 1.0}
    if len(words) != 1:
        return False
    (word,) = words
    if len(word) < (BRAND_LETTERS if brand else ONE_WORD_LETTERS) or not word.isalpha():
        return False
    # A word that reads as an East Slavic family name (Kulakova) must be fully rare: companies
    # named after a family share it (OOO Kulakova / JSC Zavod Kulakova).
    rare = rarity(word)
    return rare >= 1.0 or (brand and rare >= BRAND_RARITY and name_role(word) != "surname")


def _brand_held(brand: NameForm, body: NameForm) -> bool:
    """Whether a query of one rare long word (``_rare_long_word``) is the brand of the longer
    listed name: that word written alike among the listed name's, which reads as a body's (a legal
    form or a word of the organisation vocabulary, ``org_terms``: Hikmicro / Hangzhou Hikmicro
    Sensing Technology Co.), not after a word that does not count fully (an initial, a particle,
    a function word). Lists carry persons' names as bodies' (Gotthard Lerch, Mikhail Vinogradov
    under the screening list's LegalEntity) and bodies named after a person (Aviaavtomatika
    named after V.V. Tarasov, ЦИАМ им. П.И. Баранова): a company named after a family
    (Vinogradov Limited, ИП «Тарасова», Баранова Лимитед) is not theirs; nor is a word spelt
    otherwise (NPO Kalashnikova / JSC Kalashnikov Concern)."""
    (word,) = {t for t, w in zip(brand.tokens, brand.weights) if w >= 1.0}
    if not body.legal_forms and not any(token in _BODY_WORDS for token in body.tokens):
        return False
    return any(token == word and (place == 0 or body.weights[place - 1] >= 1.0) for place, token in enumerate(body.tokens))


def _distinct_words(form: NameForm) -> int:
    """How many different fully counting words a name has: a doubled family name
    (HERNANDEZ-HERNANDEZ PLC) is one word written twice, which names a family, not a body, and
    is held in every longer name of that family (Luis Miguel HERNANDEZ-HERNANDEZ)."""
    return _distinct(form.tokens, form.weights)


def _distinct(tokens: tuple[str, ...], weights: tuple[float, ...]) -> int:
    return len({t for t, w in zip(tokens, weights) if w >= 1.0})


def compare_organisations(
    query: NameForm, listed: NameForm, rarity: Rarity | None = None, floor: float = 0.0, query_acronyms: bool = True
) -> NameComparison:
    """``compare.compare_names`` of two organisation names, or their ``acronym_comparison``,
    ``contained_comparison``, particle-fused or ``inner_acronym_comparison`` where that scores higher.
    ``query_acronyms`` False: no word of the query is read as an acronym (``acronyms.written_as_words``)."""
    best = compare_names(query, listed, rarity, floor)
    for compare in (
        acronym_comparison, contained_comparison, _fused_comparison, inner_acronym_comparison, truncated_comparison
    ):
        if compare is contained_comparison and best.score >= MOST_CONTAINED_SHARE:
            # (Scaled by at most that share, a cut comparison could not beat it: not worked out.)
            continue
        if compare is acronym_comparison or compare is inner_acronym_comparison:
            other = compare(query, listed, rarity, query_acronyms)
        else:
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
    return form.with_words(tuple(tokens), tuple(weights))


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


def _acronym_run(acronym: str, other: NameForm) -> tuple[int, int] | None:
    """The run of consecutive fully counting words of ``other`` whose initials spell ``acronym``
    (start, end), or None."""
    size = len(acronym)
    for start in range(len(other.tokens) - size + 1):
        run = range(start, start + size)
        if all(other.weights[i] >= 1.0 and other.tokens[i][0] == acronym[k] for k, i in enumerate(run)):
            return start, start + size
    return None


def inner_acronym_comparison(
    query: NameForm, listed: NameForm, rarity: Rarity | None = None, query_acronyms: bool = True
) -> NameComparison | None:
    """The comparison of two organisation names where a word of one (``INNER_ACRONYM_LETTERS``
    letters) that the other lacks spells the initials of consecutive words of the other, with
    those words written as it (SANCO ME FZC / SANCO Middle East FZC, RADAR AND EW SYSTEMS / RADAR
    AND ELECTRONIC WARFARE SYSTEMS), scaled by ``INNER_ACRONYM_SHARE``. Only the first such word
    is tried; the rest of the names must still meet. None when neither name has one (the listed
    name alone where not ``query_acronyms``)."""
    if query.abjad or listed.abjad or query.han or listed.han:
        return None
    for short, other, short_is_query in ((query, listed, True), (listed, query, False)):
        if short_is_query and not query_acronyms:
            continue
        if len(short.tokens) < 2:
            continue  # a name that is only an acronym: ``acronyms.acronym_comparison``
        other_words = set(other.tokens)
        for token, weight in zip(short.tokens, short.weights):
            if weight < 1.0 or token in other_words or not token.isalpha() or len(token) not in INNER_ACRONYM_LETTERS:
                continue
            run = _acronym_run(token, other)
            if run is None:
                continue
            written = with_acronym(other, run[0], run[1], token)
            found = compare_names(query, written, rarity) if short_is_query else compare_names(written, listed, rarity)
            return NameComparison(
                found.score * INNER_ACRONYM_SHARE,
                f"{found.detail}; {token} for {' '.join(other.tokens[run[0]:run[1]])} x{INNER_ACRONYM_SHARE:.2f}",
            )
    return None


def _cut(form: NameForm, kept: list[int]) -> NameForm:
    """``form`` with only the tokens at ``kept`` (in written order)."""
    return form.with_words(
        tuple(form.tokens[i] for i in kept), tuple(form.weights[i] for i in kept), tuple(form.skeletons[i] for i in kept)
    )


def contained_comparison(query: NameForm, listed: NameForm, rarity: Rarity | None = None) -> NameComparison | None:
    """The comparison of two organisation names with the longer cut to the words the shorter
    one's words meet, scaled by ``CONTAINED_SHARE``; None unless every fully counting word of
    the shorter name (two different ones or more, or, the listed name shorter, one rare long
    word: ``_rare_long_word``) meets one of the longer name's closely (``CLOSE_WORD``)."""
    if query.abjad or listed.abjad or query.han or listed.han:
        return None
    query_shorter = query.significant <= listed.significant
    shorter, longer = (query, listed) if query_shorter else (listed, query)
    if longer.significant <= shorter.significant:
        return None
    if _distinct_words(shorter) < 2 and (
        not _rare_long_word(shorter.tokens, shorter.weights, rarity, brand=query_shorter)
        or (query_shorter and not _brand_held(shorter, longer))
    ):
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


def _cut_short(short: NameForm, long: NameForm) -> NameForm | None:
    """``long`` with each fully counting word that a word of ``short`` cuts short (``TRUNCATED_LETTERS``,
    ``TRUNCATED_CUT``; neither word in the other name as written) written as that word; None when
    none is."""
    kept = set(short.tokens) & set(long.tokens)
    stems = [
        token for token, weight in zip(short.tokens, short.weights)
        if weight >= 1.0 and len(token) >= TRUNCATED_LETTERS and token.isalpha() and token not in kept
    ]
    if not stems:
        return None
    tokens = list(long.tokens)
    cut = False
    for place, (token, weight) in enumerate(zip(long.tokens, long.weights)):
        if weight < 1.0 or token in kept:
            continue
        for stem in stems:
            if (
                len(token) >= len(stem) + TRUNCATED_CUT
                and token.startswith(stem)
                and token[len(stem) :] not in FAMILY_SUFFIXES
            ):
                tokens[place] = stem
                stems.remove(stem)
                cut = True
                break
    return long.with_words(tuple(tokens), long.weights) if cut else None


def truncated_comparison(query: NameForm, listed: NameForm, rarity: Rarity | None = None) -> NameComparison | None:
    """The comparison of two organisation names with a word of one written as a word of the
    other cuts it short (JINGJIA MICRO / Changsha Jingjia Microelectronics: ``TRUNCATED_LETTERS``,
    ``TRUNCATED_CUT``), held whole in the longer name too (``contained_comparison``), scaled by
    ``TRUNCATED_SHARE``. Only where another word of the shorter name is written alike in both:
    a stem alone is too little (Petrov / Petrovsky). None when no word is cut short so.

    The alignment pairs such words by their edit similarity, which the cut letters sink (micro /
    microelectronics 0.31): the word and the other words it would have met all went unpaired."""
    if query.abjad or listed.abjad or query.han or listed.han:
        return None
    shared = {t for t, w in zip(query.tokens, query.weights) if w >= 1.0} & {
        t for t, w in zip(listed.tokens, listed.weights) if w >= 1.0
    }
    if not shared:
        return None
    short_listed = _cut_short(query, listed)
    short_query = _cut_short(listed, query)
    if short_listed is None and short_query is None:
        return None
    written_query, written_listed = short_query or query, short_listed or listed
    found = compare_names(written_query, written_listed, rarity)
    held = contained_comparison(written_query, written_listed, rarity)
    if held is not None and held.score > found.score:
        found = held
    return NameComparison(
        found.score * TRUNCATED_SHARE, f"{found.detail}; a word cut short x{TRUNCATED_SHARE:.2f}"
    )


__all__ = [
    "compare_organisations", "contained_comparison", "holds_whole", "holds_whole_words", "inner_acronym_comparison", "is_brand_word",
    "truncated_comparison",
]

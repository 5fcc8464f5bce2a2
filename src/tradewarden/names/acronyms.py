"""An organisation's acronym against its name written out (SMIC / Semiconductor Manufacturing
International Corporation, MAEI / Ministry of Atomic Energy Industry).

Lists give an organisation under its acronym in one entry and under its full name in another;
the two share no word, so neither the token alignment nor the blocking keys meet them. An
acronym here is one token of ``MIN_LETTERS`` to ``MAX_LETTERS`` letters that spells the initials
of a run of words of the other name: words that count fully (function words such as ``of`` and
``and`` are skipped inside the run, as acronyms skip them), at the start of the name or ending it
(a place or a department before or after the acronym's words: SMIC Shenzhen, ISE SO RAN
Institute of High-Current Electronics / IHCE), optionally followed by the initial of one of its
legal forms (the C of Corporation, the G of Group: SHIG / Shahid Hemmat Industrial Group).

The comparison writes the acronym out as those words and compares the names again
(``compare.compare_names``), scaled by how sure an acronym of that length is (``LETTER_SHARE``)
on the share of the name's words it stands for: three letters spell the initials of many names,
so alone they do not reach the alert threshold; beside other words met as written they may. An
acronym beside words the other name lacks counts as one word, not as the words it spells
(PERIDOT SHIP MANAGEMENT is no Shahid Hemmat Industrial Plant: ``acronym_comparison``).
Only organisation names are read so (``MAEI`` is not a person's initials, nor ``Kim`` those of Kang
Il Min): callers pass organisation names only.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from tradewarden.names.analyze import NameForm
from tradewarden.names.compare import NameComparison, Rarity, compare_names, token_similarity
from tradewarden.names.legal_forms import split_legal_forms
from tradewarden.names.parts import FUNCTION_WORD_WEIGHT
from tradewarden.names.phonetic import skeleton

#: An acronym has this many letters at least, and at most ...
MIN_LETTERS = 3
MAX_LETTERS = 8
#: ... and a run of at least this many words (with a legal form's initial it may make three).
MIN_RUN_WORDS = 2
#: The share of the written-out comparison an acronym keeps, by its letters (more: ``LONG_SHARE``).
#: Of three letters, a name's initials are shared by many other names (Smith, Stephens and Lee /
#: SSL): it stays below the alert threshold (0.80) even with a country and a legal form matching
#: (+0.05); four or more letters spelling four words is good evidence.
LETTER_SHARE = {3: 0.72, 4: 0.85}
LONG_SHARE = 0.9
#: A word of the acronym's name meets a word of the other name beside the acronym's run at this
#: token similarity (``_others_met``).
MET_SIMILARITY = 0.8
#: The prefix of the blocking keys of a name's initials (``match.blocking``), which an acronym
#: token of a query looks up; a query's initials look up the plain token keys (a listed acronym).
INITIALS_KEY = "^"


def is_acronym_token(token: str) -> bool:
    """Whether a token could be an acronym: letters only, ``MIN_LETTERS`` to ``MAX_LETTERS``."""
    return MIN_LETTERS <= len(token) <= MAX_LETTERS and token.isalpha()


def initial_runs(form: NameForm) -> tuple[tuple[int, int, str], ...]:
    """``(start, end, initials)`` of each run of fully counting words the name starts or ends
    with (function words inside skipped, any other word ending the run), of ``MIN_RUN_WORDS``
    words or more; and each run's initials followed by the initial of one of the name's legal
    forms (same ``start`` and ``end``). Cached: a query's runs are read against every listed name."""
    if form.abjad or form.han:
        return ()
    return _initial_runs(form.tokens, form.weights, form.legal_forms)


# Cached by the fields the runs depend on: hashing three tuples of cached-hash strings and floats
# is a fraction of hashing the whole ``NameForm`` (a Python-level dataclass ``__hash__``).
@lru_cache(maxsize=65536)
def _initial_runs(
    tokens: tuple[str, ...], weights: tuple[float, ...], legal_forms: tuple[str, ...]
) -> tuple[tuple[int, int, str], ...]:
    return tuple(_runs(tokens, weights, legal_forms))


def _runs(tokens: tuple[str, ...], weights: tuple[float, ...], legal_forms: tuple[str, ...]) -> Iterator[tuple[int, int, str]]:
    words = [i for i, w in enumerate(weights) if w != FUNCTION_WORD_WEIGHT]
    usable = [len(tokens[i]) >= 2 and tokens[i].isalpha() and weights[i] >= 1.0 for i in words]
    legal = sorted({legal_form[0] for legal_form in legal_forms if legal_form[:1].isalpha()})
    seen: set[tuple[int, int]] = set()
    count = len(words)
    # Runs from the first word, and runs ending with the last.
    for first, last in [(0, k) for k in range(MIN_RUN_WORDS, count + 1)] + [(s, count) for s in range(0, count - MIN_RUN_WORDS + 1)]:
        if (first, last) in seen or not all(usable[first:last]) or last - first > MAX_LETTERS:
            continue
        seen.add((first, last))
        initials = "".join(tokens[words[k]][0] for k in range(first, last))
        start, end = words[first], words[last - 1] + 1
        if len(initials) >= MIN_LETTERS:
            yield start, end, initials
        if len(initials) < MAX_LETTERS:
            for letter in legal:
                yield start, end, initials + letter


def initials_keys(form: NameForm) -> set[str]:
    """The keys a listed organisation name is filed under besides its ``match.blocking`` keys:
    ``INITIALS_KEY`` and the initials of each of its runs (``initial_runs``)."""
    return {INITIALS_KEY + initials for _, _, initials in initial_runs(form)}


def query_keys(form: NameForm) -> set[str]:
    """The keys an organisation query looks up besides its ``match.blocking`` keys: each acronym
    token among the listed names' initials (``initials_keys``), and its initials among the listed
    names' tokens (a listed acronym, filed under its plain token key)."""
    keys = {initials for _, _, initials in initial_runs(form)}
    keys.update(INITIALS_KEY + t for t, w in zip(form.tokens, form.weights) if w >= 1.0 and is_acronym_token(t))
    return keys


def _written_out(short: NameForm, position: int, long: NameForm, start: int, end: int) -> NameForm:
    """``short`` with its token at ``position`` replaced by ``long``'s words ``start:end``."""
    return short.with_words(
        short.tokens[:position] + long.tokens[start:end] + short.tokens[position + 1 :],
        short.weights[:position] + long.weights[start:end] + short.weights[position + 1 :],
        short.skeletons[:position] + long.skeletons[start:end] + short.skeletons[position + 1 :],
    )


#: Where an acronym stands in a name and which words of the other name it spells: ``short``,
#: the acronym's position in it, ``long``, and the start and end of the words.
_Spelt = tuple[NameForm, int, NameForm, int, int]


def _expansions(short: NameForm, long: NameForm) -> Iterator[tuple[NameForm, int, int, _Spelt]]:
    """``short`` with one acronym token written out as ``long``'s words it spells, its letters,
    how many fully counting words it stands for, and where it stands (for ``_alone``)."""
    if short.abjad or short.han or short.transcribed:
        # A word of an abjad name romanised is its consonants and looks like an acronym (کیش
        # kysh); the script writes no acronyms so. Nor are pinyin syllables initials.
        return
    acronyms = _acronym_positions(short.tokens, short.weights)
    if not acronyms:
        return
    for start, end, initials in initial_runs(long):
        position = acronyms.get(initials)
        if position is not None and short.tokens[position] not in long.tokens[start:end]:
            words = sum(1 for w in long.weights[start:end] if w >= 1.0)
            yield _written_out(short, position, long, start, end), len(initials), words, (short, position, long, start, end)


def _alone(spelt: _Spelt) -> NameForm | None:
    """The other name with the acronym's words written as the acronym, one word on both sides
    (``with_acronym``), where no other word of the acronym's name meets a word of it; None where
    one does, or the name has no other word."""
    if _others_met(*spelt):
        return None
    short, position, long, start, end = spelt
    return with_acronym(long, start, end, short.tokens[position])


def _others_met(short: NameForm, position: int, long: NameForm, start: int, end: int) -> bool:
    """Whether ``short`` has no fully counting word besides its acronym at ``position``, or one
    of them meets (``MET_SIMILARITY``) a word of ``long`` outside the acronym's words
    ``start:end``: whether the acronym carries the name with other words, or is all of it."""
    others = [i for i, w in enumerate(short.weights) if i != position and w >= 1.0]
    if not others:
        return True
    words = [(long.tokens[j], long.skeletons[j]) for j in range(len(long.tokens)) if not start <= j < end]
    words += [(letters, skeleton(letters)) for letters in _letter_runs(long.tokens, start, end)]
    return any(
        token_similarity(short.tokens[i], short.skeletons[i], word, word_skeleton, False) >= MET_SIMILARITY
        for i in others
        for word, word_skeleton in words
    )


def _letter_runs(tokens: tuple[str, ...], start: int, end: int) -> list[str]:
    """Each run of two or more one-letter tokens outside ``start:end`` written as one word
    (U.K. / UK)."""
    runs: list[str] = []
    current = ""
    for j, token in enumerate((*tokens, "")):
        if len(token) == 1 and not start <= j < end:
            current += token
            continue
        if len(current) >= 2:
            runs.append(current)
        current = ""
    return runs


def with_acronym(form: NameForm, start: int, end: int, acronym: str) -> NameForm:
    """``form`` with its words ``start:end`` replaced by ``acronym`` (one fully counting word)."""
    tokens = (*form.tokens[:start], acronym, *form.tokens[end:])
    weights = (*form.weights[:start], 1.0, *form.weights[end:])
    return form.with_words(tokens, weights)


@lru_cache(maxsize=65536)
def _acronym_positions(tokens: tuple[str, ...], weights: tuple[float, ...]) -> dict[str, int]:
    """Position of each token of a name that could be an acronym (``is_acronym_token``, counting
    fully). Cached (read-only): a query's tokens are read against every listed name."""
    return {t: i for i, (t, w) in enumerate(zip(tokens, weights)) if w >= 1.0 and is_acronym_token(t)}


#: A word of this many capitals or more may be an acronym (SANCO ME FZC: ME for Middle East).
CAPITALS_LETTERS = 2
#: A run of letters (a written word).
_WORDS = re.compile(r"[^\W\d_]+")


def written_as_words(name: str) -> bool:
    """Whether a name as written shows that its short words are words, not acronyms: it mixes
    capitals and small letters, and no word of ``CAPITALS_LETTERS`` letters or more is all capitals,
    its legal forms aside (Klemt GmbH, Klemt OHG mbH: a family name; not IRGC Cyber Command, nor
    klemt gmbh or 克勒姆特, which say nothing by their case). Lists and users write acronyms in
    capitals.

    Args:
        name: a name as written.
    """
    name = split_legal_forms(name)[0]
    if not (any(char.islower() for char in name) and any(char.isupper() for char in name)):
        return False
    return not any(len(word) >= CAPITALS_LETTERS and word.isupper() for word in _WORDS.findall(name))


def acronym_comparison(
    query: NameForm, listed: NameForm, rarity: Rarity | None = None, query_acronyms: bool = True
) -> NameComparison | None:
    """The best comparison of two organisation names with an acronym of one written out as the
    words of the other it spells, scaled by ``LETTER_SHARE``; None when neither holds one.

    Where the acronym's name has other words and none of them meets a word of the other name
    (PERIDOT SHIP MANAGEMENT / Shahid Hemmat Industrial Plant), the written-out words would
    count as several words met where the name had one: the score is then at most the comparison
    with the other name's words written as the acronym, one word against one. ``query_acronyms``
    False: only the listed name's acronyms (the query's are words: ``written_as_words``)."""
    best: NameComparison | None = None
    # (Most organisation names hold a word of acronym length, but few spell the other's initials:
    # ``_expansions`` is mostly two cached look-ups yielding nothing.)
    for expanded, letters, words, spelt, query_side in _both_expansions(query, listed, query_acronyms):
        found = compare_names(expanded, listed, rarity) if query_side else compare_names(query, expanded, rarity)
        # The doubt is the acronym's: on the share of the name it stands for (RUANO YANDUN DTO /
        # RUANO YANDUN DRUG TRAFFICKING ORGANIZATION: the other words met as written).
        coverage = min(1.0, words / max(1, expanded.significant))
        share = 1.0 - (1.0 - LETTER_SHARE.get(letters, LONG_SHARE)) * coverage
        score = found.score * share
        if best is not None and score <= best.score:
            continue  # (bounded or not, it stays below the best)
        note = ""
        alone = _alone(spelt)
        if alone is not None:
            one = compare_names(query, alone, rarity) if query_side else compare_names(alone, listed, rarity)
            if one.score < score:
                score, note = one.score, f"; the acronym's other words unmet: as one word, {one.score:.2f}"
        if best is None or score > best.score:
            written = " ".join(expanded.tokens)
            best = NameComparison(score, f"acronym written out ({written}): {found.detail}; acronym x{share:.2f}{note}")
    return best


def _both_expansions(
    query: NameForm, listed: NameForm, query_acronyms: bool = True
) -> Iterator[tuple[NameForm, int, int, _Spelt, bool]]:
    """``_expansions`` of the query's acronyms (unless not ``query_acronyms``), then of the listed
    name's (``True`` on the query's side)."""
    if query_acronyms:
        for expanded, letters, words, spelt in _expansions(query, listed):
            yield expanded, letters, words, spelt, True
    for expanded, letters, words, spelt in _expansions(listed, query):
        yield expanded, letters, words, spelt, False


__all__ = [
    "INITIALS_KEY", "acronym_comparison", "initial_runs", "initials_keys",
    "is_acronym_token", "query_keys", "with_acronym", "written_as_words",
]

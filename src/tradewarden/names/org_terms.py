"""Organisation words that mean the same across Russian and English, folded to one token.

The table (``data/org_terms.txt``) is general vocabulary of enterprise names, not list entries:
``zavod``/``kombinat``/``plant`` become ``plant``, ``metallurgicheskiy``/``metallurgical`` become
``metallurgical``, so that a Russian name and its English translation share their words (a few
Spanish, French and German forms too: ``centro``, ``tecnologia``). A
Russian word in a case form the table does not list is found by its stem (the word without its
case ending: ``spetsialnykh`` -> ``spetsialn``, the stem of the listed ``spetsialnyy``).
Abbreviations of kinds of body are written out first (``nii`` -> ``research institute``, see
``data/org_abbreviations.txt``). Only organisation names are folded (a person called Dom or
Zavod keeps the name).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from tradewarden.names.data_files import data_lines

#: Abbreviations of kinds of body, written out (``nii`` -> ``research institute``).
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    abbreviation: tuple(words.split())
    for abbreviation, words in (line.split("\t") for line in data_lines("org_abbreviations.txt"))
}
ORG_TERMS: dict[str, str] = {
    word: canonical
    for canonical, words in (line.split("\t") for line in data_lines("org_terms.txt"))
    for word in words.split()
}
#: Words of at least this many letters are also folded when misspelt by one edit (``zawody``).
FUZZY_MIN_LETTERS = 6
_BY_START: dict[str, list[str]] = {}
for _word in sorted(word for word in ORG_TERMS if len(word) >= FUZZY_MIN_LETTERS):
    _BY_START.setdefault(_word[0], []).append(_word)
#: The words of ``_BY_START`` within one letter of each length, in the same order: a misspelt
#: token meets only the words it could be one edit from.
_BY_START_AND_LENGTH: dict[tuple[str, int], tuple[str, ...]] = {
    (_start, _length): tuple(word for word in _words if abs(len(word) - _length) <= 1)
    for _start, _words in _BY_START.items()
    for _length in range(FUZZY_MIN_LETTERS, max(len(word) for word in _words) + 2)
}

#: Case endings of Russian adjectives and nouns in BGN/PCGN romanisation, longest first
#: (Wade, "A Comprehensive Russian Grammar": adjective and noun declension tables).
RUSSIAN_ENDINGS = tuple(sorted(
    "yye iye aya yaya oye oe ogo ego omu emu ykh ikh ymi imi uyu yuyu yy iy yi ii oy oi ey ym im om em "
    "ov ev ami yami akh yakh ye ya yu a y i u e o".split(),
    key=len, reverse=True,
))
#: A stem must keep this many letters (shorter stems are shared by unrelated words).
MIN_STEM = 5
_ENDING_SET = frozenset(RUSSIAN_ENDINGS)
_ENDING_SIZES = tuple(sorted({len(ending) for ending in RUSSIAN_ENDINGS}, reverse=True))


def russian_stem(token: str) -> str:
    """``token`` without its longest Russian case ending that leaves ``MIN_STEM`` letters.

    Args:
        token: one lower-case ASCII token.
    Returns:
        The stem (``"spetsialn"`` for ``"spetsialnykh"``), or ``token`` when no ending fits.
    """
    # Longest first, as ``RUSSIAN_ENDINGS`` is ordered: one set probe per ending length, not
    # one ``endswith`` per ending (a token ends in at most one ending of each length).
    for size in _ENDING_SIZES:
        if len(token) - size >= MIN_STEM and token[-size:] in _ENDING_SET:
            return token[:-size]
    return token


def _stems() -> dict[str, str]:
    """Stem -> canonical token for every table word, leaving out stems two canonicals share.

    A final ``e`` or ``y`` is not taken for a case ending here: it ends the English words of
    the table (``marine``, ``factory``), whose stems are other words (``marin``, ``factor``);
    the Russian words that end so are listed in another form too (``sistemy``, ``sistema``).
    """
    found: dict[str, str | None] = {}
    for word, canonical in ORG_TERMS.items():
        stem = russian_stem(word)
        if stem == word or word[len(stem):] in ("e", "y"):
            continue
        found[stem] = canonical if found.get(stem, canonical) == canonical else None
    return {stem: canonical for stem, canonical in found.items() if canonical is not None}


_STEMS = _stems()


def expand_abbreviation(token: str) -> tuple[str, ...]:
    """The words a Russian abbreviation of a kind of body stands for, else the token alone.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``("research", "institute")`` for ``"nii"`` (``data/org_abbreviations.txt``);
        ``(token,)`` for any other token.
    """
    return ABBREVIATIONS.get(token, (token,))


@lru_cache(maxsize=65536)
def fold_org_term(token: str) -> str:
    """The English token for a Russian or English organisation word, else the token itself.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"plant"`` for ``"zavod"``, ``"kombinat"``, ``"factory"`` or a one-edit misspelling of
        a word of six letters or more (``"zawody"``, ``"tecnologies"``), ``"special"`` for a case
        form the table lacks (``"spetsialnykh"``); other tokens unchanged.
    """
    found = ORG_TERMS.get(token)
    if found is not None:
        return found
    if len(token) < FUZZY_MIN_LETTERS:
        return token
    found = _STEMS.get(russian_stem(token))
    if found is not None:
        return found
    for word in _BY_START_AND_LENGTH.get((token[0], len(token)), ()):
        if OSA.distance(word, token, score_cutoff=1) <= 1:
            return ORG_TERMS[word]
    return token

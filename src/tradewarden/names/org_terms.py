"""Organisation words that mean the same across Russian and English, folded to one token.

The table (``data/org_terms.txt``) is general vocabulary of enterprise names, not list entries:
``zavod``/``kombinat``/``plant`` become ``plant``, ``metallurgicheskiy``/``metallurgical`` become
``metallurgical``, so that a Russian name and its English translation share their words. Only
organisation names are folded (a person called Dom or Zavod keeps the name).
"""

from __future__ import annotations

from functools import lru_cache

from rapidfuzz.distance import OSA

from tradewarden.names.data_files import data_lines

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


@lru_cache(maxsize=65536)
def fold_org_term(token: str) -> str:
    """The English token for a Russian or English organisation word, else the token itself.

    Args:
        token: one lower-case ASCII token.
    Returns:
        ``"plant"`` for ``"zavod"``, ``"kombinat"``, ``"factory"`` or a one-edit misspelling of
        a word of six letters or more (``"zawody"``, ``"tecnologies"``); other tokens unchanged.
    """
    found = ORG_TERMS.get(token)
    if found is not None:
        return found
    if len(token) < FUZZY_MIN_LETTERS:
        return token
    for word in _BY_START.get(token[0], ()):
        if abs(len(word) - len(token)) <= 1 and OSA.distance(word, token, score_cutoff=1) <= 1:
            return ORG_TERMS[word]
    return token

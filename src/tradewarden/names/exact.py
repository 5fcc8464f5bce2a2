"""Whether a query name is a listed name as written, up to case, accents, punctuation and spacing.

An exact listed name must reach the alert threshold however short or common its words are
(``NPO Splav JSC``, listed so on several lists, scores about 0.76 by similarity alone): the
matcher raises its name score to ``EXACT_NAME_SCORE``. Titles and legal forms count as written
(``General Meyer`` is not ``Meyer``) and so does the script (``彬 杨`` is not ``Bin Yang``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

#: The least name score of a query name written as a listed name ...
EXACT_NAME_SCORE = 0.95
#: ... unless that name is one word of fewer letters than this (``Ali``, ``Sun``).
EXACT_NAME_MIN_LETTERS = 4
#: A run of ASCII characters other than letters and digits (an ASCII name's separators).
_ASCII_OTHER = re.compile("[^a-z0-9]+")


@lru_cache(maxsize=131072)
def written_key(name: str) -> str:
    """A name casefolded, without accents, with every run of other than letters and digits one space.

    Args:
        name: a name as written.
    Returns:
        The key; two names with the same key are written the same (``OOO «Splav»``, ``ooo splav``).
    """
    if name.isascii():
        # The same key, sooner: ASCII text is its own NFKC and NFKD form, casefolds as it
        # lowercases, carries no combining mark, and its letters and digits are a-z and 0-9.
        return " ".join(_ASCII_OTHER.sub(" ", name.lower()).split())
    decomposed = unicodedata.normalize("NFKD", unicodedata.normalize("NFKC", name).casefold())
    kept = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(kept.split())


def is_written_as(query: str, listed: str) -> bool:
    """Whether ``query`` is the listed name ``listed`` as written (``written_key`` equal), and that
    name more than one very short word.

    Args:
        query: the query name as written.
        listed: the listed name as written.
    """
    key = written_key(listed)
    if " " not in key and len(key) < EXACT_NAME_MIN_LETTERS:
        return False
    return written_key(query) == key

"""Transliteration of any script to lower-case ASCII, with ICU's maintained transforms (PyICU).

Cyrillic, Armenian and Georgian use the BGN/PCGN romanisations (``Юрий Хабаров → yuriy khabarov``,
the spellings sanctions lists use), Greek the UN's UNGEGN system, and everything else (Arabic,
Persian, Hebrew, Han ...) ICU's generic ``Any-Latin``, then ``Latin-ASCII`` drops the accents.
No transliteration table is kept here. (rigour's ``maybe_ascii`` gives the same spellings but
costs about a millisecond a call, too slow for the query path.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu

_ICU = icu.Transliterator.createInstance(
    "Russian-Latin/BGN; Armenian-Latin/BGN; Georgian-Latin/BGN; Greek-Latin/UNGEGN; Any-Latin; Latin-ASCII"
)
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=65536)
def to_ascii(text: str) -> str:
    """Transliterate ``text`` to lower-case ASCII words separated by single spaces.

    Args:
        text: a name or phrase in any script.
    Returns:
        Lower-case ASCII letters and digits; every other character becomes a word break.
        ``"Иван Петров"`` gives ``"ivan petrov"``, ``"习近平"`` gives ``"xi jin ping"``.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if not folded.isascii():
        folded = _ICU.transliterate(folded)
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", folded.lower()).strip()

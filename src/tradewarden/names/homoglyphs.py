"""Mixed-script words: Latin letters typed inside Cyrillic words, and the other way round.

Lists and users type names on two keyboard layouts, and letters that look alike slip across:
``Aкционерное`` (Latin A, then Cyrillic), ``AО`` (Latin A, Cyrillic О), ``Kонструкторское``.
Such a word is neither script, so legal-form folding and transliteration miss it. A word
holding letters of both scripts is written wholly in the script of the letters only one script
has (и, я; r, s), or where both or neither have such letters, the script most of its letters
use, replacing only letters that look the same in both (Unicode's confusables for Latin and
Cyrillic lower case: a/а, c/с, e/е, o/о, p/р, x/х, y/у, k/к, m/м, t/т, h/н, b/в, i/і).
"""

from __future__ import annotations

import re
from functools import lru_cache

from tradewarden.names.caches import WHOLE_NAME_CACHE

_LATIN = "aceopxykmthbi"
_CYRILLIC = "асеорхукмтнві"
_TO_CYRILLIC = str.maketrans(_LATIN, _CYRILLIC)
_TO_LATIN = str.maketrans(_CYRILLIC, _LATIN)
_WORD = re.compile(r"[^\W\d_]+")


def _is_cyrillic(char: str) -> bool:
    return "\u0400" <= char <= "\u052f"


def _unmix_word(match: re.Match[str]) -> str:
    word = match.group()
    cyrillic = sum(1 for char in word if _is_cyrillic(char))
    latin = sum(1 for char in word if "a" <= char <= "z")
    if not cyrillic or not latin:
        return word
    # A letter only one script has (и, л, я; r, s, f) says which script the word is in, whatever
    # the count (Cepвиc, typed with Latin c, e, p: сервис); otherwise most of its letters do.
    only_cyrillic = any(_is_cyrillic(char) and char not in _CYRILLIC for char in word)
    only_latin = any("a" <= char <= "z" and char not in _LATIN for char in word)
    if only_cyrillic != only_latin:
        return word.translate(_TO_CYRILLIC if only_cyrillic else _TO_LATIN)
    return word.translate(_TO_CYRILLIC if cyrillic >= latin else _TO_LATIN)


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def unmix_scripts(text: str) -> str:
    """Write each word of a casefolded text in one script, where look-alike letters allow it.

    Args:
        text: casefolded text (``"aкционерное общество"``).
    Returns:
        The text with every word that mixes Latin and Cyrillic letters written in the script
        most of its letters use (``"акционерное общество"``), and, where every other word is
        Cyrillic, a Latin word of at most ``LOOK_ALIKE_LETTERS`` look-alike letters written in
        Cyrillic (``"aho диалог"``: ``"ано диалог"``); other words are unchanged.
    """
    if text.isascii():
        return text
    text = _WORD.sub(_unmix_word, text)
    words = _WORD.findall(text)
    if any(_is_cyrillic(word[0]) for word in words) and all(_is_cyrillic(word[0]) or _short_look_alike(word) for word in words):
        # A short word of look-alike Latin letters among Cyrillic words is the Cyrillic
        # abbreviation typed on the other layout (AHO Диалог: АНО, an autonomous non-profit body).
        return _WORD.sub(lambda m: m.group().translate(_TO_CYRILLIC) if _short_look_alike(m.group()) else m.group(), text)
    return text


#: A Latin word of at most this many letters, all of them look-alikes, is read as Cyrillic
#: among Cyrillic words (``unmix_scripts``): an abbreviation, not a Latin brand name.
LOOK_ALIKE_LETTERS = 3


def _short_look_alike(word: str) -> bool:
    return len(word) <= LOOK_ALIKE_LETTERS and all(char in _LATIN for char in word)

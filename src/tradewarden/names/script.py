"""Which writing systems a name uses; pure functions over the Unicode character database.

Scripts decide how a name is compared: Arabic, Persian and Hebrew are written without short vowels
(an *abjad*), so their Latin transliterations are compared by consonant skeleton; Han script has no
word spaces, so its pinyin is compared with the spaces removed.
"""

from __future__ import annotations

import unicodedata
from enum import IntFlag
from functools import lru_cache


class Script(IntFlag):
    """Writing systems seen in a name (several may be set)."""

    NONE = 0
    LATIN = 1
    CYRILLIC = 2
    GREEK = 4
    ARMENIAN = 8
    GEORGIAN = 16
    ARABIC = 32
    HEBREW = 64
    HAN = 128
    HANGUL = 256
    KANA = 512
    OTHER = 1024


_PREFIXES: dict[str, Script] = {
    "LATIN": Script.LATIN,
    "CYRILLIC": Script.CYRILLIC,
    "GREEK": Script.GREEK,
    "ARMENIAN": Script.ARMENIAN,
    "GEORGIAN": Script.GEORGIAN,
    "ARABIC": Script.ARABIC,
    "PERSIAN": Script.ARABIC,
    "HEBREW": Script.HEBREW,
    "CJK": Script.HAN,
    "HANGUL": Script.HANGUL,
    "HIRAGANA": Script.KANA,
    "KATAKANA": Script.KANA,
}

#: Scripts written without short vowels: compare their transliterations by consonant skeleton.
ABJAD = Script.ARABIC | Script.HEBREW
#: Alphabets other than Latin that write every vowel: a name's romanisation has the name's own
#: vowels, so two names of one consonant skeleton and other vowels are other names (Мишина
#: Mishina / Mosina, Շաքարյան Shakaryan / Shakirin), as they are not in abjad script.
VOWELLED = Script.CYRILLIC | Script.GREEK | Script.ARMENIAN | Script.GEORGIAN


@lru_cache(maxsize=4096)
def _char_script(char: str) -> Script:
    name = unicodedata.name(char, "")
    first = name.split(" ", 1)[0]
    return _PREFIXES.get(first, Script.OTHER)


def scripts_of(text: str) -> Script:
    """The set of scripts of the letters in ``text`` (digits, spaces and punctuation ignored).

    Args:
        text: any string.
    Returns:
        A ``Script`` flag; ``Script.NONE`` when ``text`` has no letters.
    """
    if text.isascii():
        return Script.LATIN if any(c.isalpha() for c in text) else Script.NONE
    found = 0
    for char in text:
        if char.isalpha():
            found |= _LATIN_BIT if char.isascii() else _char_bit(char)
    return Script(found)


_LATIN_BIT = Script.LATIN.value


@lru_cache(maxsize=4096)
def _char_bit(char: str) -> int:
    # ``_char_script`` as a plain int: reading ``.value`` of an enum member costs as much as the lookup.
    return _char_script(char).value

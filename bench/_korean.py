"""Korean person names written in Latin letters: the benchmark's own reading of the romanisations.

A clean Korean name in the Revised Romanization (``Gim Sang Ho``, ``CHOE, Eun-jeong``) and a
listed one in McCune-Reischauer (``KIM, Sang-ho``, ``CHOE, Un Jong``) may be one name: the
benchmark must not count an alert on it as false. This module decides that, independently of the
engine's ``tradewarden.names.east_asian`` (the judge is not the thing judged), from the systems'
published tables (Wikipedia, "Revised Romanization of Korean" (2000), "McCune-Reischauer" (1939),
"Romanization of Korean" for the DPRK's 1992 system, "Korean name" for spellings used abroad):

* each written syllable is read as every Hangul syllable (initial, vowel, final jamo, named by
  their Revised Romanization letters) some system writes so: ``k`` is RR's ㅋ, or ㄱ in
  McCune-Reischauer without apostrophes (both write the tense ㄲ kk); ``o`` is ㅗ, or MR's ŏ without its breve (ㅓ); ``u`` is
  ㅜ or MR's ŭ (ㅡ) (not ㅓ, as some spellings abroad write it, Sung, Hyun, Chul: that would
  make RR's Jung (중) MR's Jong (정), one name a vowel apart); an initial ``r``/``l``
  that the South writes as ``n`` or drops before i and y (Ri / I / Lee, Ro / No); the DPRK's
  aspirates ``th``, ``ph``, ``kh`` (Thae); and English spellings of vowels and finals (Lee, Yoon,
  Choi, Park, Ahn, Oh);
* a name in Hangul is read syllable by syllable, family name first (김영남: 김, 영남);
* two names are one when both read as a family name and a given name (family name first, or
  last, or before a comma), the family names one syllable on each side, the given names the same
  number of syllables (hyphenated, spaced, or run together), and every syllable pair could be the
  same Hangul syllable. The given name's syllables compare **in order**: Gwang-su and Su-gwang
  are two names.

Nothing here knows which syllables occur in names: the rule is only "same syllables, same
structure", so it never joins two names one syllable apart (Sang / Seong, Gi / Gil).
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import product
from typing import Any

#: A Hangul syllable as (initial, vowel, final), each named by its Revised Romanization letters
#: ("" for the silent initial ㅇ and for no final); finals as pronounced (k n t l m p ng).
Syllable = tuple[str, str, str]

#: Written initial -> the initials (ㄱ g, ㄲ kk, ㅋ k ...) systems write so.
_INITIALS: dict[str, frozenset[str]] = {
    "g": frozenset({"g"}), "k": frozenset({"g", "k"}), "kk": frozenset({"kk"}), "kh": frozenset({"k"}),
    "d": frozenset({"d"}), "t": frozenset({"d", "t"}), "tt": frozenset({"tt"}), "th": frozenset({"t"}),
    "b": frozenset({"b"}), "p": frozenset({"b", "p"}), "pp": frozenset({"pp"}), "ph": frozenset({"p"}),
    "j": frozenset({"j"}), "ch": frozenset({"j", "ch"}), "jj": frozenset({"jj"}), "tch": frozenset({"jj"}),
    "s": frozenset({"s"}), "ss": frozenset({"ss"}), "sh": frozenset({"s"}),
    "h": frozenset({"h"}), "m": frozenset({"m"}),
    # ㄹ: r in the North and in RR, l abroad (Lee, Lim); the South writes it n, or nothing before i/y.
    "r": frozenset({"r"}), "l": frozenset({"r"}), "rh": frozenset({"r"}),
    "n": frozenset({"n", "r"}), "": frozenset({"", "r", "n"}),
}
#: Written vowel -> the vowels written so (MR's breves dropped: o is ㅗ or ㅓ, u is ㅜ or ㅡ).
_VOWELS: dict[str, frozenset[str]] = {
    "a": frozenset({"a"}), "ae": frozenset({"ae"}), "ai": frozenset({"ae"}), "ya": frozenset({"ya"}),
    "yae": frozenset({"yae"}), "eo": frozenset({"eo"}), "e": frozenset({"e"}), "yeo": frozenset({"yeo"}),
    "ye": frozenset({"ye"}), "o": frozenset({"o", "eo"}), "wa": frozenset({"wa"}), "wae": frozenset({"wae"}),
    "oe": frozenset({"oe"}), "oi": frozenset({"oe"}), "yo": frozenset({"yo", "yeo"}), "you": frozenset({"yeo", "yu"}),
    "u": frozenset({"u", "eu"}), "oo": frozenset({"u"}), "woo": frozenset({"u"}), "wo": frozenset({"wo"}),
    "we": frozenset({"we", "oe"}), "wi": frozenset({"wi"}), "yu": frozenset({"yu"}), "yoo": frozenset({"yu"}),
    "eu": frozenset({"eu"}), "ui": frozenset({"ui"}), "eui": frozenset({"ui"}), "i": frozenset({"i"}),
    "ee": frozenset({"i", "ui"}), "yi": frozenset({"i", "ui"}),
}
#: Written final -> the final sound (RR writes it by sound, ICU's transliteration by letter:
#: 박 bag, 엽 yeob; English spellings add letters: Park, Ahn, Oh).
_FINALS: dict[str, str] = {
    "": "", "k": "k", "g": "k", "n": "n", "t": "t", "d": "t", "s": "t", "l": "l", "r": "l", "m": "m",
    "p": "p", "b": "p", "ng": "ng", "rk": "k", "hn": "n", "h": "",
}
_INITIAL_SPELLINGS = sorted(_INITIALS, key=len, reverse=True)
_VOWEL_SPELLINGS = sorted(_VOWELS, key=len, reverse=True)


@lru_cache(maxsize=None)
def syllable_readings(written: str) -> frozenset[Syllable]:
    """Every Hangul syllable some romanisation writes as ``written`` (empty: none does)."""
    found: set[Syllable] = set()
    for initial in _INITIAL_SPELLINGS:
        if not written.startswith(initial):
            continue
        rest = written[len(initial):]
        for vowel in _VOWEL_SPELLINGS:
            if not rest.startswith(vowel):
                continue
            final = rest[len(vowel):]
            if final not in _FINALS:
                continue
            for jamo_initial in _INITIALS[initial]:
                for jamo_vowel in _VOWELS[vowel]:
                    palatal = jamo_vowel[0] in "iy"
                    if initial == "" and jamo_initial == "r" and not palatal:
                        continue  # ㄹ is dropped only before i and y (Ri / I, Ryu / Yu)
                    if initial == "" and jamo_initial == "n" and not palatal:
                        continue  # so is ㄴ (녀 / 여)
                    if initial == "n" and jamo_initial == "r" and palatal:
                        continue  # ㄹ is written n only before other vowels (Ro / No)
                    found.add((jamo_initial, jamo_vowel, _FINALS[final]))
    return frozenset(found)


#: A word of a given name holds at most this many syllables run together (Jongun, Sangho).
MAX_WORD_SYLLABLES = 2
#: A Korean given name has one to three syllables (two in most names).
MAX_GIVEN_SYLLABLES = 3


@lru_cache(maxsize=None)
def _word_cuts(word: str) -> tuple[tuple[frozenset[Syllable], ...], ...]:
    """Each way of reading ``word`` as one to ``MAX_WORD_SYLLABLES`` syllables, each as its readings."""
    whole = syllable_readings(word)
    cuts: list[tuple[frozenset[Syllable], ...]] = [(whole,)] if whole else []
    if MAX_WORD_SYLLABLES >= 2:
        for end in range(1, len(word)):
            head, tail = syllable_readings(word[:end]), syllable_readings(word[end:])
            if head and tail:
                cuts.append((head, tail))
    return tuple(cuts)


Reading = tuple[frozenset[Syllable], tuple[frozenset[Syllable], ...]]


def _given_readings(words: list[str]) -> list[tuple[frozenset[Syllable], ...]]:
    """The given name's syllable sequences, each word hyphenated, spaced or run together."""
    parts: list[str] = [part for word in words for part in word.split("-") if part]
    if not parts:
        return []
    options = [_word_cuts(part) for part in parts]
    if not all(options):
        return []
    found = []
    for combo in product(*options):
        syllables = tuple(s for cut in combo for s in cut)
        if len(syllables) <= MAX_GIVEN_SYLLABLES:
            found.append(syllables)
    return found


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_HANGUL_LATIN: Any = None


def _hangul_readings(name: str) -> list[Reading]:
    """A name in Hangul (김영남, 김 영남) read as its first syllable the family name and the
    others, one to three, the given name: each syllable as ICU's letter-by-letter Hangul-Latin
    writes it (김 gim, 박 bag, 리 li), read back by ``syllable_readings``."""
    global _HANGUL_LATIN
    syllables = "".join(name.split())
    if not 2 <= len(syllables) <= 1 + MAX_GIVEN_SYLLABLES or not all(_HANGUL.fullmatch(char) for char in syllables):
        return []
    if _HANGUL_LATIN is None:
        import icu

        _HANGUL_LATIN = icu.Transliterator.createInstance("Hangul-Latin; Latin-ASCII")
    read = [syllable_readings(_HANGUL_LATIN.transliterate(char)) for char in syllables]
    return [(read[0], tuple(read[1:]))] if all(read) else []


def name_readings(name: str) -> list[Reading]:
    """The name read as a Korean family name and given name in each order it may be written
    (before a comma, first, or last; in Hangul, family name first); empty for a name that does
    not read so (2 to 4 words)."""
    if _HANGUL.search(name):
        return _hangul_readings(name)
    text = re.sub(r"[^a-z,\- ]", "", name.lower())
    if "," in text:
        family_text, _, given_text = text.partition(",")
        orders = [(family_text.split(), given_text.split())]
    else:
        words = text.split()
        orders = [(words[:1], words[1:]), (words[-1:], words[:-1])]
    found: list[Reading] = []
    for family_words, given_words in orders:
        if len(family_words) != 1 or not 1 <= len(given_words) <= 3 or "-" in family_words[0]:
            continue
        family = syllable_readings(family_words[0])
        if not family:
            continue
        found.extend((family, given) for given in _given_readings(given_words))
    return found


def _coarse(readings: frozenset[Syllable]) -> str:
    """A key every reading of a syllable shares with the readings of its other spellings: the
    classes the tables above join (ㄱ ㅋ ㄲ; ㅇ ㄴ ㄹ; ㅗ ㅓ ㅜ ㅡ; ...), for finding candidates only."""
    initial, vowel, final = min(readings)
    return f"{_INITIAL_CLASS.get(initial, initial)}{_VOWEL_CLASS.get(vowel, vowel)}{final}"


_INITIAL_CLASS = {
    "kk": "g", "k": "g", "tt": "d", "t": "d", "pp": "b", "p": "b", "jj": "j", "ch": "j", "ss": "s", "r": "", "n": "",
}
_VOWEL_CLASS = {"eo": "o", "u": "o", "eu": "o", "yeo": "yo", "yu": "yo", "ui": "i", "oe": "we"}  # (a little coarser than needed)


def reading_keys(reading: Reading) -> str:
    """The candidate key of one reading: family|given syllables."""
    family, given = reading
    return _coarse(family) + "|" + ".".join(_coarse(s) for s in given)


def same_reading(a: Reading, b: Reading) -> bool:
    """Whether two readings could be one Korean name: the same number of syllables, each pair
    sharing a Hangul syllable, the given name's in order."""
    if len(a[1]) != len(b[1]) or not a[0] & b[0]:
        return False
    return all(x & y for x, y in zip(a[1], b[1]))

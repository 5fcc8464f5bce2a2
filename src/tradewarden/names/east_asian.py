"""Chinese and Korean names written in Latin letters, in two romanisations on the two sides.

Lists and orders write one Chinese person in pinyin (Zhang Weiming, Huang Jie) and in Wade-Giles
or a Taiwanese spelling (Chang Wei-ming, Huang Chieh), and one Korean in the Revised
Romanization of the South (2000: Jeong, Cheol, Geum), in McCune-Reischauer without its breves
and apostrophes (1939: Chong, Chol, Kum, Ch'oe -> Choe) or in the North's official system (1992:
Ri, Ryu, Ro where the South drops or softens the initial: I / Lee, Yu, No), or in the spellings
Koreans use abroad (Park, Choi, Lee, Ahn, Sohn, Yoon). Two syllables so written are one
(``same_romanised``) when a name is written in the syllables of that language alone
(``romanisation_family``): every word one to ``MAX_SYLLABLES`` syllables of pinyin (or of its
other spellings: ``wade_giles.spellings``), or of Korean. A Western name (Chang as an English family
name beside Robert) never is, so such syllables are not respelt there.

Chinese syllables are the pinyin table (``data/pinyin_syllables.txt``) and its Wade-Giles, Tongyong
and MPS II spellings; a word of several (Weiming, Hsuehkang) is read as each way of cutting it into
them. Korean syllables are read by ``_KOREAN_SYLLABLE`` (an initial, a vowel, a final consonant, as
the three systems write them) and compared by ``korean_key``, which writes the sounds the systems
spell differently one way.

A name is read as a Korean person's name (``is_korean_name``), for the stricter comparison of
``compare._exact_syllables``, only when its family name is one in common use
(``data/korean_family_names.txt``, as each system and spellings abroad write it: Kim, Ri, Pak,
Choe, Jong ...) standing first or last, and every other word is one syllable of a given name as
Sino-Korean readings make them (``_GIVEN_SYLLABLE``): ``_KOREAN_SYLLABLE`` alone reads almost any
short word as Korean (John Top Lam, Taban Gai).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from tradewarden.names.data_files import data_lines
from tradewarden.names.wade_giles import same_syllable, spellings, wade_giles

#: Pinyin syllables (``data/pinyin_syllables.txt``: the Hanyu Pinyin table).
PINYIN: Final = frozenset(syllable for line in data_lines("pinyin_syllables.txt") for syllable in line.split())
#: Every spelling of a pinyin syllable lists print Chinese names in (pinyin, Wade-Giles, Tongyong, MPS II).
CHINESE_SYLLABLES: Final = frozenset(spelt for syllable in PINYIN for spelt in spellings(syllable))
_LONGEST_CHINESE: Final = max(len(syllable) for syllable in CHINESE_SYLLABLES)
#: A word of more syllables than this is not read as a Chinese or Korean given name run together
#: (given names have one or two syllables; three covers a name written as one word: Zhangweiming).
MAX_SYLLABLES: Final = 3

#: The romanisation families of ``romanisation_family`` (bits: a name may be written in both).
CHINESE: Final = 1
KOREAN: Final = 2

#: One Korean syllable as the Revised Romanization, McCune-Reischauer (breves and apostrophes
#: dropped, as lists print it) and the North's system write it, and the spellings in use abroad:
#: an initial (tch is McCune-Reischauer's doubled ch, rh and the vowel spellings oo, ee of Rhee,
#: Yoon, Lee), a vowel, at most one final consonant, or the r, h of Park, Ahn, Oh (an English
#: spelling of the vowel). Sources: Wikipedia "Revised Romanization of Korean",
#: "McCune-Reischauer", "Romanization of Korean" (the DPRK's 1992 system), "Korean name"
#: (family names in common use).
_KOREAN_SYLLABLE: Final = re.compile(
    r"(?P<initial>kk|tt|pp|ss|jj|tch|ch|sh|rh|[kgndtrlmbpsjh])?"
    r"(?P<vowel>yae|yeo|yoo|eui|yi|wae|ae|ya|eo|ye|yo|yu|eu|ui|wa|wo|we|wi|oe|oi|oo|ee|a|e|o|u|i)"
    r"(?P<final>ng|rk|hn|[kgntdlrmpbh])?"
)
#: Initials written one way (``korean_key``): the plain and the aspirated or tense stops the
#: systems write alike once McCune-Reischauer's apostrophes are dropped (k / g, t / d, p / b,
#: ch / j), s before i (shi), and the liquid: North Korea writes an initial r where the South
#: writes n, or nothing before i and y (Ro / No, Ri / I / Lee, Ryu / Yu).
_KOREAN_INITIALS: Final = {
    "k": "k", "g": "k", "kk": "k", "t": "t", "d": "t", "tt": "t", "p": "p", "b": "p", "pp": "p",
    "ch": "c", "j": "c", "jj": "c", "tch": "c", "s": "s", "ss": "s", "sh": "s",
    "r": "r", "rh": "r", "l": "r", "n": "r", "m": "m", "h": "h", "": "",
}
#: Vowels written one way: the Revised Romanization's eo and eu are McCune-Reischauer's o and u
#: with a breve (Jeong / Chong, Geum / Kum), oo and ee English spellings of u and i (Yoon, Lee),
#: yi one of i (Yi / Lee), oi that of oe (Choi / Choe), and ee and eui of ui, the vowel of the
#: given-name syllable hui (Hee, Heui).
_KOREAN_VOWELS: Final = {
    "eo": "o", "yeo": "yo", "eu": "u", "oo": "u", "yoo": "yu", "ee": "i", "yi": "i", "oi": "oe", "ui": "i", "eui": "i"
}
#: Finals written one way: the stops and the liquid at a syllable's end (Pak / Bak, Mok / Mog,
#: Chol / Chor), and the letters English spellings add (Park, Ahn, Sohn, Oh).
_KOREAN_FINALS: Final = {"g": "k", "d": "t", "b": "p", "r": "l", "rk": "k", "hn": "n", "h": ""}


#: Korean family names in common use in every spelling lists print them in
#: (``data/korean_family_names.txt``: Revised Romanization, McCune-Reischauer, the DPRK's system,
#: spellings abroad), lower case.
KOREAN_FAMILY_NAMES: Final = frozenset(
    spelling for line in data_lines("korean_family_names.txt") for spelling in line.split()[1:]
)
#: One syllable of a Korean given name: given names are Sino-Korean (each syllable a Chinese
#: character's reading), whose syllables have no tense initial (kk, tt, pp, ss, jj, tch: native
#: words only) and end in a vowel or in k, n, l, m, p, ng (as the systems write them: RR k, MR
#: and ICU's letter-by-letter g, the North's r for l; never t, s or h). The vowels are
#: ``_KOREAN_SYLLABLE``'s. Sources: Wikipedia "Sino-Korean vocabulary" (syllable structure),
#: "Korean name" (given names).
_GIVEN_SYLLABLE: Final = re.compile(
    r"(?:ch|sh|rh|[kgndtrlmbpsjh])?"
    r"(?:yae|yeo|yoo|eui|yi|wae|ae|ya|eo|ye|yo|yu|eu|ui|wa|wo|we|wi|oe|oi|oo|ee|a|e|o|u|i)"
    r"(?:ng|[kgnlrmpb])?"
)
#: A Korean name has a family name and a given name of one to three syllables, a word each.
KOREAN_NAME_WORDS: Final = (2, 4)


@lru_cache(maxsize=65536)
def is_korean_name(tokens: tuple[str, ...]) -> bool:
    """Whether a Latin-script name reads as a Korean person's name, a syllable a word: two to four
    words, the first or the last a family name in common use (``KOREAN_FAMILY_NAMES``), every other
    word one syllable of a given name (``_GIVEN_SYLLABLE``). ``kim jong un``, ``song hun kim``: yes;
    ``john top lam`` (no family name), ``kim jongun`` (two syllables in a word), ``kim ssang``: no.
    """
    low, high = KOREAN_NAME_WORDS
    if not low <= len(tokens) <= high:
        return False
    for family in (0, len(tokens) - 1):
        if tokens[family] in KOREAN_FAMILY_NAMES and all(
            _GIVEN_SYLLABLE.fullmatch(token) for pos, token in enumerate(tokens) if pos != family
        ):
            return True
    return False


#: A syllable's final as ``korean_key`` writes it, for ``final_slip``.
_KEY_FINALS: Final = ("ng", "k", "n", "t", "l", "m", "p")


@lru_cache(maxsize=16384)
def final_slip(q: str, c: str) -> bool:
    """Whether two Korean syllables are one with and without a final consonant (``gi`` / ``gil``,
    ``yong`` / ``yo``): lists drop or add a syllable's final (RI Yong Gi / RI Yong Gil), as they
    slip a letter of any word."""
    q_key, c_key = korean_key(q), korean_key(c)
    if q_key is None or c_key is None or len(q_key) == len(c_key):
        return False
    short, long_ = sorted((q_key, c_key), key=len)
    return long_.startswith(short) and long_[len(short):] in _KEY_FINALS


@lru_cache(maxsize=8192)
def korean_key(syllable: str) -> str | None:
    """One Korean syllable written as every romanisation of ``_KOREAN_SYLLABLE`` writes it alike,
    or None for a word that is not one Korean syllable.

    Args:
        syllable: a lower-case word (``jeong``, ``chong``, ``lee``).
    Returns:
        Its key: ``jeong`` and ``chong`` give ``cong``; ``ri``, ``lee`` and ``yi`` give ``i``
        (the liquid before i read as the South drops it).
    """
    found = _KOREAN_SYLLABLE.fullmatch(syllable)
    if found is None:
        return None
    initial = _KOREAN_INITIALS[found.group("initial") or ""]
    vowel = found.group("vowel")
    vowel = _KOREAN_VOWELS.get(vowel, vowel)
    final = found.group("final") or ""
    final = _KOREAN_FINALS.get(final, final)
    if initial == "r" and vowel[0] in "iy":
        initial = ""  # Ri / I / Lee, Ryu / Yu, Ryom / Yeom: the South drops it before i and y
    return initial + vowel + final


@lru_cache(maxsize=16384)
def chinese_readings(word: str) -> tuple[tuple[str, ...], ...]:
    """Each way of cutting ``word`` into one to ``MAX_SYLLABLES`` Chinese syllables
    (``CHINESE_SYLLABLES``): ``weiming`` -> ``(("wei", "ming"),)``; ``xian`` -> ``(("xian",),
    ("xi", "an"))``; none for a word that is not so written (``robert``)."""
    return tuple(_cuts(word, CHINESE_SYLLABLES, _LONGEST_CHINESE, MAX_SYLLABLES))


def _cuts(word: str, syllables: frozenset[str], longest: int, most: int) -> list[tuple[str, ...]]:
    if not word:
        return [()]
    if most == 0:
        return []
    found: list[tuple[str, ...]] = []
    for end in range(1, min(longest, len(word)) + 1):
        head = word[:end]
        if head in syllables:
            found.extend((head, *rest) for rest in _cuts(word[end:], syllables, longest, most - 1))
    return found


@lru_cache(maxsize=16384)
def wade_giles_word(word: str) -> str:
    """``word`` read as pinyin (its cut into the fewest ``PINYIN`` syllables) and written in
    Wade-Giles, the syllables run together as the word ran (``jianguo`` -> ``chienkuo``,
    ``zhang`` -> ``chang``); the word itself when no cut is all pinyin (``chieh``, ``hsu``):
    a name spelt so on both sides is filed under keys both spellings share (``match.blocking``)."""
    cuts = [cut for cut in chinese_readings(word) if all(syllable in PINYIN for syllable in cut)]
    if not cuts:
        return word
    return "".join(wade_giles(syllable) for syllable in min(cuts, key=len))


def _is_korean(word: str) -> bool:
    return korean_key(word) is not None


@lru_cache(maxsize=65536)
def romanisation_family(tokens: tuple[str, ...]) -> int:
    """The romanisations (``CHINESE``, ``KOREAN`` bits) a name of two words or more is written in
    alone: every word Chinese syllables (``chinese_readings``), or every word one Korean syllable.
    0 for a name of one word, with an initial (but a Korean family name of one letter, I, O, U:
    ``is_korean_name``), or with a word of neither (Robert Chang).

    A Korean name is written a syllable a word (Kim Jong Un, Kim Jong-un); one of one word
    proves nothing (Ri, Chang, Lee are English names too).
    """
    if len(tokens) < 2:
        return 0
    # (A word of one letter is an initial; but in a Korean name it may be the family name I, O
    # or U, the Revised Romanization's 이, 오, 우: ``is_korean_name``.)
    lettered = all(len(token) >= 2 for token in tokens)
    family = 0
    if lettered and all(chinese_readings(token) for token in tokens):
        family |= CHINESE
    if all(_is_korean(token) for token in tokens) and (lettered or is_korean_name(tokens)):
        family |= KOREAN
    return family


#: A Chinese family name or given name has one or two syllables (Wang, Ouyang; Wei, Weiming).
NAME_SYLLABLES: Final = 2


@lru_cache(maxsize=65536)
def is_chinese_name(tokens: tuple[str, ...]) -> bool:
    """Whether a Latin-script name reads as a Chinese person's name: written in Chinese syllables
    alone (``romanisation_family``), every word a family or given name of one or two syllables
    (``NAME_SYLLABLES``). ``liu xiu fang``, ``zhang weiming``: yes; ``maria chen`` (``maria`` is
    three syllables), ``liu shyh fang`` (``shyh`` is no syllable of the tables), ``zhang``: no."""
    return bool(romanisation_family(tokens) & CHINESE) and all(
        any(len(cut) <= NAME_SYLLABLES for cut in chinese_readings(token)) for token in tokens
    )


@lru_cache(maxsize=65536)
def same_romanised(q: str, c: str, family: int) -> bool:
    """Whether two different words of names written in ``family`` are one name in two
    romanisations: as many Chinese syllables, each the other's in some system (``jie`` /
    ``chieh``, ``weiming`` / ``weiming``, ``hsuehkang`` / ``xuekang``: ``wade_giles.same_syllable``),
    or one Korean syllable (``jeong`` / ``chong``, ``lee`` / ``ri``: ``korean_key``)."""
    if family & KOREAN:
        q_key = korean_key(q)
        if q_key is not None and q_key == korean_key(c):
            return True
    if family & CHINESE:
        for q_cut in chinese_readings(q):
            for c_cut in chinese_readings(c):
                if len(q_cut) == len(c_cut) and all(same_syllable(a, b) for a, b in zip(q_cut, c_cut)):
                    return True
    return False


__all__ = [
    "CHINESE",
    "CHINESE_SYLLABLES",
    "KOREAN",
    "KOREAN_FAMILY_NAMES",
    "KOREAN_NAME_WORDS",
    "MAX_SYLLABLES",
    "PINYIN",
    "NAME_SYLLABLES",
    "chinese_readings",
    "final_slip",
    "is_chinese_name",
    "is_korean_name",
    "korean_key",
    "romanisation_family",
    "same_romanised",
    "wade_giles_word",
]

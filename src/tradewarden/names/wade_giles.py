"""Pinyin syllables in Wade-Giles, as Taiwanese and older lists write Chinese names.

A name in Chinese characters is read in pinyin (郑英耀 zheng ying yao), but lists write many
Taiwanese and Hong Kong names, and older ones, in Wade-Giles (Cheng Ying-yao, Wang Ting-yu, Wen
Tzu-yu). ``wade_giles`` writes one pinyin syllable as Wade-Giles without its apostrophes and
diacritics (the way passports and lists print it: ch'en -> chen, yü -> yu), by the standard
correspondence of the two systems' initials and finals (Wade-Giles as in Giles's dictionary, the
tables of the US Library of Congress's pinyin conversion). Only that one romanisation is
written as a rule; ``same_syllable`` also knows the spellings of Taiwan's two other official
systems, Tongyong Pinyin (2002-2008: xi -> si, qi -> ci, zhi -> jhih, feng -> fong) and Mandarin
Phonetic Symbols II (1986: jiao -> jiau, si -> sz), and the Wade-Giles variant szu (Wu Szu-yao),
which Taiwanese passports and lists print (You Si-kun, Chen Jiau-hua). The personal spellings of
Taiwan and Hong Kong (Shyh, Ker, Koo) are not rules.
"""

from __future__ import annotations

from functools import lru_cache

#: Whole syllables whose Wade-Giles is not the sum of an initial and a final.
_WHOLE: dict[str, str] = {
    "zhi": "chih", "chi": "chih", "shi": "shih", "ri": "jih",
    "zi": "tzu", "ci": "tzu", "si": "ssu",
    "yi": "i", "ye": "yeh", "yan": "yen", "you": "yu", "yong": "yung",
    "er": "erh", "e": "o",
    "ju": "chu", "qu": "chu", "xu": "hsu", "jue": "chueh", "que": "chueh", "xue": "hsueh",
    "yue": "yueh", "juan": "chuan", "quan": "chuan", "xuan": "hsuan", "yuan": "yuan",
    "jun": "chun", "qun": "chun", "xun": "hsun", "yun": "yun",
    "lue": "lueh", "nue": "nueh",
    "ge": "ko", "ke": "ko", "he": "ho",
    "guo": "kuo", "kuo": "kuo", "huo": "huo", "shuo": "shuo", "zhuo": "cho", "chuo": "cho", "ruo": "jo",
}
#: Initials, longest first (pinyin -> Wade-Giles, aspiration marks left out).
_INITIALS: tuple[tuple[str, str], ...] = (
    ("zh", "ch"), ("ch", "ch"), ("sh", "sh"),
    ("b", "p"), ("p", "p"), ("d", "t"), ("t", "t"), ("g", "k"), ("k", "k"), ("h", "h"),
    ("j", "ch"), ("q", "ch"), ("x", "hs"), ("z", "ts"), ("c", "ts"), ("s", "s"), ("r", "j"),
    ("m", "m"), ("f", "f"), ("n", "n"), ("l", "l"), ("y", "y"), ("w", "w"),
)
#: Finals that Wade-Giles writes otherwise (the rest are written alike).
_FINALS: dict[str, str] = {
    "ong": "ung", "iong": "iung", "ian": "ien", "ie": "ieh", "e": "e", "uo": "o", "ui": "ui",
}


@lru_cache(maxsize=4096)
def wade_giles(syllable: str) -> str:
    """The Wade-Giles spelling of one pinyin syllable, without apostrophes or diacritics.

    Args:
        syllable: a lower-case pinyin syllable without tone marks (``zheng``, ``xian``).
    Returns:
        Its Wade-Giles spelling (``cheng``, ``hsien``); the syllable itself when it is not
        pinyin or reads alike (``wang``, ``lin``).
    """
    if syllable in _WHOLE:
        return _WHOLE[syllable]
    for initial, written in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            final = syllable[len(initial):]
            if initial in ("j", "q", "x") and final.startswith("u"):
                final = "u" + final[1:]  # ju = jü: the ü is written u without its dots
            if final == "e" and initial in ("zh", "ch", "sh", "r", "z", "c", "s", "d", "t", "n", "l"):
                final = "e"  # che, she, te, le: written alike but for a circumflex
            elif final == "uo" and initial in ("g", "k", "h", "sh"):
                final = "uo"  # kuo, huo, shuo
            elif final == "ui" and initial in ("g", "k"):
                final = "uei"  # gui, kui: kuei
            else:
                final = _FINALS.get(final, final)
            return written + final
    return syllable


#: Tongyong Pinyin: whole syllables (the apical vowel written -ih) and initials (pinyin -> Tongyong).
_TONGYONG_WHOLE: dict[str, str] = {
    "zhi": "jhih", "chi": "chih", "shi": "shih", "ri": "rih", "zi": "zih", "ci": "cih", "si": "sih",
}
_TONGYONG_INITIALS: tuple[tuple[str, str], ...] = (("zh", "jh"), ("x", "s"), ("q", "c"))
#: Mandarin Phonetic Symbols II: whole syllables and finals that it writes otherwise.
_MPS2_WHOLE: dict[str, str] = {"zi": "tz", "ci": "tsz", "si": "sz"}
_MPS2_FINALS: tuple[tuple[str, str], ...] = (("iao", "iau"), ("ao", "au"), ("iu", "iou"), ("ui", "uei"))


def _tongyong(syllable: str) -> str:
    if syllable in _TONGYONG_WHOLE:
        return _TONGYONG_WHOLE[syllable]
    spelt = syllable
    for initial, written in _TONGYONG_INITIALS:
        if spelt.startswith(initial):
            spelt = written + spelt[len(initial):]
            if initial in ("x", "q") and spelt[len(written):].startswith("u"):
                spelt = written + "y" + spelt[len(written):]  # xu = xü: syu, cyuan
            break
    if spelt[:1] in ("b", "p", "m", "f", "w") and spelt.endswith("eng"):
        spelt = spelt[:-3] + "ong"  # feng -> fong, weng -> wong
    return spelt


def _mps2(syllable: str) -> str:
    if syllable in _MPS2_WHOLE:
        return _MPS2_WHOLE[syllable]
    for final, written in _MPS2_FINALS:
        if syllable.endswith(final) and len(syllable) > len(final):
            return syllable[: -len(final)] + written
    return syllable


@lru_cache(maxsize=8192)
def spellings(syllable: str) -> frozenset[str]:
    """The spellings of one pinyin syllable in the romanisations lists print for Chinese names.

    Args:
        syllable: a lower-case pinyin syllable without tone marks (``xi``, ``jiao``).
    Returns:
        The syllable itself and its Wade-Giles (with the variant ``szu`` of ``ssu``), Tongyong
        Pinyin and MPS II spellings (``xi`` -> ``{xi, hsi, si}``; ``jiao`` -> ``{jiao, chiao,
        jiau}``).
    """
    found = {syllable, wade_giles(syllable), _tongyong(syllable), _mps2(syllable)}
    if syllable == "si":
        found.add("szu")
    return frozenset(found)


def same_syllable(pinyin: str, written: str) -> bool:
    """Whether two tokens may be one Chinese syllable: equal, or one a spelling of the other in a
    romanisation of ``spellings`` (either side may be the pinyin one)."""
    return pinyin == written or written in spellings(pinyin) or pinyin in spellings(written)


__all__ = ["same_syllable", "spellings", "wade_giles"]

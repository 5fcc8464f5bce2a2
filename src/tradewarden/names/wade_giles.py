"""Pinyin syllables in Wade-Giles, as Taiwanese and older lists write Chinese names.

A name in Chinese characters is read in pinyin (郑英耀 zheng ying yao), but lists write many
Taiwanese and Hong Kong names, and older ones, in Wade-Giles (Cheng Ying-yao, Wang Ting-yu, Wen
Tzu-yu). ``wade_giles`` writes one pinyin syllable as Wade-Giles without its apostrophes and
diacritics (the way passports and lists print it: ch'en -> chen, yü -> yu), by the standard
correspondence of the two systems' initials and finals (Wade-Giles as in Giles's dictionary, the
tables of the US Library of Congress's pinyin conversion). Only that one romanisation is
written: the many personal spellings of Taiwan (Shyh, Ker, Jiau) are not rules.
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


__all__ = ["wade_giles"]

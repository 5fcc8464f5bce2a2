"""Chinese names written in Cyrillic by the Palladius system, read back as pinyin.

Russian writes Chinese names and places by the Palladius system (Си Цзиньпин, Шэньчжэнь,
Хуавэй), which ICU's Russian table romanises letter by letter (si tszinpin, shenchzhen,
khuavey); the lists write the same names in pinyin (Xi Jinping, Shenzhen, Huawei). The
Palladius spelling of every pinyin syllable (``east_asian.PINYIN``) is made here by the
system's rules, and a Cyrillic word spelt wholly in such syllables is read back as pinyin.
Source: Wikipedia "Cyrillization of Chinese" (the Palladius system and its table).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

from tradewarden.names.east_asian import PINYIN

#: Pinyin initials in Palladius, longest first. j, q, x are written цз, ц, с, as z, c, s are.
_INITIALS: Final = (
    ("zh", "чж"), ("ch", "ч"), ("sh", "ш"), ("b", "б"), ("p", "п"), ("m", "м"), ("f", "ф"), ("d", "д"),
    ("t", "т"), ("n", "н"), ("l", "л"), ("g", "г"), ("k", "к"), ("h", "х"), ("j", "цз"), ("q", "ц"),
    ("x", "с"), ("r", "ж"), ("z", "цз"), ("c", "ц"), ("s", "с"),
)
#: Finals after an initial (and, but for the i- and u- ones, alone).
_FINALS: Final = {
    "a": "а", "o": "о", "e": "э", "ai": "ай", "ei": "эй", "ao": "ао", "ou": "оу", "an": "ань", "en": "энь",
    "ang": "ан", "eng": "эн", "ong": "ун", "er": "эр", "i": "и", "ia": "я", "ie": "е", "iao": "яо", "iu": "ю",
    "ian": "янь", "in": "инь", "iang": "ян", "ing": "ин", "iong": "юн", "u": "у", "ua": "уа", "uo": "о",
    "uai": "уай", "ui": "уй", "uan": "уань", "un": "унь", "uang": "уан",
    "ue": "юэ",  # nüe, lüe, which the pinyin table writes nue, lue
}
#: Finals of ü, which pinyin writes u after j, q and x (ju, que, xuan, jun).
_UMLAUT_AFTER: Final = ("j", "q", "x")
_UMLAUT_FINALS: Final = {"u": "юй", "ue": "юэ", "uan": "юань", "un": "юнь"}
#: Syllables without an initial in pinyin's y- and w- spellings.
_ZERO_INITIAL: Final = {
    "yi": "и", "ya": "я", "ye": "е", "yao": "яо", "you": "ю", "yan": "янь", "yin": "инь", "yang": "ян",
    "ying": "ин", "yong": "юн", "yu": "юй", "yue": "юэ", "yuan": "юань", "yun": "юнь", "wu": "у", "wa": "ва",
    "wo": "во", "wai": "вай", "wei": "вэй", "wan": "вань", "wen": "вэнь", "wang": "ван", "weng": "вэн",
}


def _palladius(syllable: str) -> str | None:
    """The Palladius spelling of one pinyin syllable, or None where the rules do not make one."""
    if syllable in _ZERO_INITIAL:
        return _ZERO_INITIAL[syllable]
    for initial, cyrillic in _INITIALS:
        if syllable.startswith(initial) and len(syllable) > len(initial):
            final = syllable[len(initial):]
            if initial in _UMLAUT_AFTER and final.startswith("u"):
                spelt = _UMLAUT_FINALS.get(final)
            elif final == "i" and initial in ("z", "c", "s"):
                spelt = "ы"  # zi, ci, si: цзы, цы, сы
            else:
                spelt = _FINALS.get(final)
            return None if spelt is None else cyrillic + spelt
    return _FINALS.get(syllable)  # a, e, ai, ang, er ...


def _table() -> dict[str, str]:
    table: dict[str, str] = {}
    for syllable in sorted(PINYIN):
        spelt = _palladius(syllable)
        if spelt is not None:
            table.setdefault(spelt, syllable)
    return table


#: Palladius syllable -> pinyin syllable.
PALLADIUS: Final[dict[str, str]] = _table()
_LONGEST: Final = max(len(spelt) for spelt in PALLADIUS)


@lru_cache(maxsize=16384)
def read_word(word: str) -> tuple[str, ...] | None:
    """The pinyin syllables a case-folded Cyrillic word spells in Palladius (``цзиньпин`` ->
    ``("jin", "ping")``), the fewest syllables where several splits read, or None where no split
    reads the whole word (``петров``)."""
    best: list[tuple[str, ...] | None] = [None] * (len(word) + 1)
    best[0] = ()
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - _LONGEST), end):
            before = best[start]
            if before is None:
                continue
            syllable = PALLADIUS.get(word[start:end])
            if syllable is None:
                continue
            candidate = (*before, syllable)
            current = best[end]
            if current is None or len(candidate) < len(current):
                best[end] = candidate
    return best[len(word)]


#: What Palladius writes and Russian words rarely do: цз, чж, э after a consonant, ао, оу, уй, юэ,
#: юй and нь (the -n finals: ань, энь, инь, янь, унь, юнь). A word spelt in Palladius syllables
#: with none of them (Иван: yi wang, Анна: ang na) is read as Russian only.
_MARKERS: Final = re.compile("цз|чж|[бпмфдтнлгкхцчшжсв]э|ао|оу|уй|юэ|юй|нь")
_CYRILLIC_WORD: Final = re.compile("[а-яё]+")


@lru_cache(maxsize=16384)
def read_name(text: str) -> str | None:
    """A case-folded name with each Cyrillic word spelt wholly in Palladius syllables written in
    pinyin, its syllables run together as pinyin names write them (Си Цзиньпин -> ``xi jinping``,
    ООО Шэньчжэнь Хуавэй -> ``ооо shenzhen huawei``: the other words kept for the analysis to
    fold), or None where no such word shows a mark of the system (``_MARKERS``)."""
    marked = False

    def pinyin(found: re.Match[str]) -> str:
        nonlocal marked
        word = found.group()
        syllables = read_word(word)
        if syllables is None:
            return word
        marked = marked or _MARKERS.search(word) is not None
        return "".join(syllables)

    read = _CYRILLIC_WORD.sub(pinyin, text)
    return read if marked else None

"""Chinese organisation names written in the words English-language lists give them.

Lists write a Chinese company twice: in Chinese, and in English words around a pinyin core
("深圳市佰联升电子科技有限公司" / "Shenzhen Bailiansheng Electronic Technology Co., Ltd."). Pinyin
syllables of the whole Chinese name (``shen zhen shi bai lian sheng dian zi ke ji ...``) share
nothing with the English one. So, in organisation names, ``english_words``:

* folds Traditional characters to Simplified (ICU ``Traditional-Simplified``: 國際 = 国际);
* cuts the name into the generic words of ``data/zh_org_terms.txt`` (longest first) and writes
  them in English (科技 -> ``technology``, 有限公司 -> ``co ltd``), place names as their pinyin
  run together without the administrative suffix (深圳市 -> ``shenzhen``; a city the table lacks
  is seen by its suffix at the start of the name: 金华市 -> ``jinhua``);
* writes each remaining run of characters as its pinyin run together, one word, as lists write
  it (佰联升 -> ``bailiansheng``).

A name without any of those words (a person's name, 自由之家) is left as it is, to be compared
syllable by syllable, exactly. A name whose only distinctive part is a trade name of one or two
characters, without a place or Latin letters, has its generic words in English but keeps the trade
name in Chinese characters (沈忠国际海运有限公司 -> ``沈忠 international shipping co ltd``): the
name stays a Chinese-script name, whose syllables (``shen zhong``) pair only exactly (see
``MIN_NAME_CHARACTERS``). A foreign company is written by the sounds of its name, then its kind
in words (安杜里尔公司, Anduril): ``sound_words`` reads such a name's runs of transcription
characters by the transcription table instead (``andulil company``), for a second form of the
name (``analyze.sound_form``). In Latin-script
organisation names, the pinyin spellings the table gives for unambiguous company words (``keji``,
``youxian gongsi``, or run together: ``youxiangongsi``) are written in English too, so that a
name listed in pinyin meets the same name written in Chinese.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

import icu  # type: ignore[import-untyped]

from tradewarden.names.caches import WHOLE_NAME_CACHE
from tradewarden.names.data_files import data_lines
from tradewarden.names.transcribed import INTERPUNCTS, SOUNDS, read_transcribed
from tradewarden.names.translit import to_ascii

_TO_SIMPLIFIED = icu.Transliterator.createInstance("Traditional-Simplified")
#: Marks the English of a place term; alone, the place is written as its pinyin run together.
PLACE = "="
#: Administrative suffixes written after a place name and left out by Latin names (深圳市 Shenzhen).
PLACE_SUFFIXES = ("自治区", "市", "省", "区", "县")
#: A name with neither a place nor Latin letters or digits has its trade name (字号) written as one
#: pinyin word only when this many characters of it are not words of the table. A two-character
#: trade name is as common as a two-character given name, and its pinyin run together, four to
#: seven letters, meets other pinyin words within a respelling (huiwei / Huawei, jianguo /
#: Jingho): such a trade name stays in Chinese characters, its syllables compared exactly, as
#: Chinese personal names are, while the generic words around it are still written in English
#: (兴华国际 -> ``兴华 international``, which meets ``Xing Hua International`` and, run together,
#: ``Xinghua International``).
MIN_NAME_CHARACTERS = 3


def _load() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    terms: dict[str, str] = {}
    pinyin: dict[tuple[str, ...], str] = {}
    for line in data_lines("zh_org_terms.txt"):
        columns = line.split("\t")
        english = columns[0]
        for term in columns[1].split():
            terms[term] = english
        if len(columns) > 2:
            for spelling in columns[2].split(","):
                words = tuple(spelling.split())
                pinyin[words] = english
                pinyin[("".join(words),)] = english  # run together: youxiangongsi
    return terms, pinyin


#: Chinese term -> English words (starting with ``PLACE``: a place name).
TERMS: dict[str, str]
#: Pinyin spellings, as word tuples (``("youxian", "gongsi")``, ``("youxiangongsi",)``) -> English.
PINYIN_TERMS: dict[tuple[str, ...], str]
TERMS, PINYIN_TERMS = _load()
_PINYIN_FIRST_WORDS = frozenset(words[0] for words in PINYIN_TERMS)
_PINYIN_LENGTHS = sorted({len(words) for words in PINYIN_TERMS}, reverse=True)
_LONGEST_TERM = max(len(term) for term in TERMS)
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_WORD = re.compile(r"[a-z]+")
_LATIN_OR_DIGIT = re.compile(r"[a-z0-9]")
#: Two or three characters, then the suffix of a city, province or county, then more of the name.
_LEADING_PLACE = re.compile(r"([\u4e00-\u9fff]{2,3})(?:市|省|县|自治区)(?=[\u4e00-\u9fff])")
_GAP = re.compile(r"[\s\-]*")


def _is_han(char: str) -> bool:
    return _HAN.match(char) is not None


def _pinyin_run(run: str) -> str:
    return to_ascii(run).replace(" ", "")


def _term_at(text: str, start: int) -> str | None:
    for length in range(min(_LONGEST_TERM, len(text) - start), 1, -1):
        term = text[start : start + length]
        if term in TERMS:
            return term
    return None


#: One piece of a segmented name: its characters, and the table's term they are (None: a
#: character of the name itself, or a character that is not Chinese).
_Piece = tuple[str, str | None]


def _segment(text: str, start: int) -> list[_Piece]:
    """``text[start:]`` cut into the table's terms and single characters: as few characters left
    outside the terms as can be, then as few pieces (a run of such characters counting one).

    Cutting longest-first from the left goes wrong where a term straddles two words: 阳光电子
    (sunshine + electronics) would read as 阳 + 光电 (optoelectronic) + 子. The fewest pieces
    read 阳光 + 电子. A place term takes its administrative suffix with it (深圳市).
    """
    size = len(text)
    # From each position to the end, the best cut (characters outside terms, pieces, the pieces)
    # that starts with a character outside the terms, and the best that starts otherwise: a
    # character before it joins the first run, or starts one.
    Cut = tuple[int, int, tuple[_Piece, ...]]
    none: Cut = (size + 1, size + 1, ())
    in_run: list[Cut] = [none] * (size + 1)
    other: list[Cut] = [none] * size + [(0, 0, ())]
    for i in range(size - 1, start - 1, -1):
        char = text[i]
        best_next = min(in_run[i + 1], other[i + 1], key=lambda cut: cut[:2])
        if not _is_han(char):
            other[i] = (best_next[0], best_next[1], ((char, None), *best_next[2]))
            continue
        joined = (in_run[i + 1][0] + 1, in_run[i + 1][1], ((char, None), *in_run[i + 1][2]))
        started = (other[i + 1][0] + 1, other[i + 1][1] + 1, ((char, None), *other[i + 1][2]))
        in_run[i] = min(joined, started, key=lambda cut: cut[:2])
        for length in range(min(_LONGEST_TERM, size - i), 1, -1):
            term = text[i : i + length]
            if term not in TERMS:
                continue
            end = i + length
            if TERMS[term].startswith(PLACE):
                end += next((len(s) for s in PLACE_SUFFIXES if text.startswith(s, end)), 0)
            after = min(in_run[end], other[end], key=lambda cut: cut[:2])
            cut = (after[0], after[1] + 1, ((text[i:end], term), *after[2]))
            if cut[:2] < other[i][:2]:
                other[i] = cut
    return list(min(in_run[start], other[start], key=lambda cut: cut[:2])[2])


def _leading_place(text: str) -> int:
    """Length of a place name the table lacks at the start of ``text``, shown by its suffix
    (金华市海润 -> 2: 金华 is a city), or 0."""
    match = _LEADING_PLACE.match(text)
    return len(match.group(1)) if match and _term_at(text, 0) is None else 0


def _translate_han(text: str) -> str | None:
    """``text`` with its generic words in English and other runs in pinyin (in Chinese characters
    where they are too short to be written as pinyin words: ``MIN_NAME_CHARACTERS``); None when it
    has no term of the table."""
    simple = _TO_SIMPLIFIED.transliterate(text)
    pieces: list[str] = []
    runs: list[tuple[int, str]] = []  # position in ``pieces`` and characters of each pinyin run
    run: list[str] = []
    found = False
    anchored = bool(_LATIN_OR_DIGIT.search(simple))  # Latin letters or digits also name the body
    distinctive = 0
    i = _leading_place(simple)
    if i:
        pieces.append(f" {_pinyin_run(simple[:i])} ")
        anchored = True
        i += next(len(s) for s in PLACE_SUFFIXES if simple.startswith(s, i))
    for characters, term in _segment(simple, i):
        if term is None:
            if _is_han(characters):
                run.append(characters)
                distinctive += 1
            else:
                if run:
                    pieces.append(f" {_pinyin_run(''.join(run))} ")
                    runs.append((len(pieces) - 1, "".join(run)))
                    run = []
                pieces.append(characters)
            continue
        if run:
            pieces.append(f" {_pinyin_run(''.join(run))} ")
            runs.append((len(pieces) - 1, "".join(run)))
            run = []
        found = True
        english = TERMS[term]
        if english.startswith(PLACE):
            english = english[1:] or _pinyin_run(term)
            anchored = True
        pieces.append(f" {english} ")
    if not found:
        return None
    if run:
        pieces.append(f" {_pinyin_run(''.join(run))} ")
        runs.append((len(pieces) - 1, "".join(run)))
    if not (anchored or distinctive >= MIN_NAME_CHARACTERS):
        for at, characters in runs:  # a short trade name stays Chinese: its syllables pair exactly
            pieces[at] = f" {characters} "
    return " ".join("".join(pieces).split())


def _translate_pinyin(text: str) -> str:
    """``text`` with the pinyin spellings of ``PINYIN_TERMS`` in English."""
    if _PINYIN_FIRST_WORDS.isdisjoint(_WORD.findall(text)):
        return text  # the common case, cheaply
    words = list(_WORD.finditer(text))
    out: list[str] = []
    last = 0
    i = 0
    while i < len(words):
        english = None
        count = 0
        if words[i].group() in _PINYIN_FIRST_WORDS:
            for count in _PINYIN_LENGTHS:
                span = words[i : i + count]
                # Only words separated by spaces or hyphens make one term (not "Keji, Ltd.").
                if len(span) == count and all(_GAP.fullmatch(text, a.end(), b.start()) for a, b in zip(span, span[1:])):
                    english = PINYIN_TERMS.get(tuple(w.group() for w in span))
                    if english is not None:
                        break
        if english is None:
            i += 1
            continue
        out.append(text[last : words[i].start()])
        out.append(english)
        last = words[i + count - 1].end()
        i += count
    if not out:
        return text
    out.append(text[last:])
    return "".join(out)


#: A run of characters outside the table's terms is read as a foreign name written by its sounds
#: (``sound_words``) when it has this many characters or more: a Chinese trade name of two
#: characters is as often made of transcription characters (达仕, 莉娜) as a foreign one is short.
MIN_SOUND_CHARACTERS: Final = 3
#: ... and at least this share of them are characters of the transcription table
#: (``transcribed.SOUNDS``): 伊庇鲁斯 (Epirus, 3 of 4). A Chinese trade name mixes them with
#: characters of meaning (金铭盛 1 of 3, 兴华恒成 1 of 4, 佰联升 none).
MIN_SOUND_SHARE: Final = 0.75


def _is_sound_run(run: str) -> bool:
    """Whether a run of characters outside the table's terms reads as a foreign name written by
    its sounds (赛博勒克斯 Cyberlux): ``MIN_SOUND_CHARACTERS`` long, ``MIN_SOUND_SHARE`` of it
    transcription characters."""
    return len(run) >= MIN_SOUND_CHARACTERS and sum(char in SOUNDS for char in run) >= MIN_SOUND_SHARE * len(run)


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def sound_words(name: str, organisation: bool) -> str | None:
    """An organisation name in Chinese characters read as a foreign name written by its sounds,
    with its generic words in English: ``"赛博勒克斯系统公司"`` -> ``"saiboleks system company"``.

    Chinese writes a foreign company by the sounds of its name, then its kind in words (安杜里尔公司
    for Anduril): read as pinyin (``andulier``) the name proper shares few letters with its Latin
    spelling, read by the transcription table (``transcribed.read_transcribed``) its consonants
    are the Latin ones (``andulil``: n d l l, as Anduril). Each run of characters outside the table's terms
    (cut as ``english_words`` cuts them; an interpunct also ends a run: 洛克希德·马丁) that
    ``_is_sound_run`` is so read, one word; other runs are their pinyin run together.

    Args:
        name: a casefolded name in any script.
        organisation: the name is an organisation's; otherwise (a name of unknown kind) it must
            hold a term of the table (公司, 技术 ...) to be read so.
    Returns:
        The name so read, in ASCII but for characters outside Chinese and Latin script; None
        when no run is read by its sounds (a Chinese name proper: 华为技术有限公司), or the name
        of unknown kind holds no term of the table.
    """
    if _HAN.search(name) is None:
        return None
    # The name as pieces: runs of Chinese characters outside the terms (True), and the rest:
    # the terms in English, other characters as written (False).
    pieces: list[tuple[str, bool]] = []
    found = False
    for characters, term in _segment(_TO_SIMPLIFIED.transliterate(name), 0):
        if term is not None:
            found = True
            english = TERMS[term]
            if english.startswith(PLACE):
                english = english[1:] or _pinyin_run(term)
            pieces.append((f" {english} ", False))
        elif not _is_han(characters):
            pieces.append((characters, False))
        elif pieces and pieces[-1][1]:
            pieces[-1] = (pieces[-1][0] + characters, True)
        else:
            pieces.append((characters, True))
    if not (found or organisation):
        return None
    pieces = [piece for text, run in pieces for piece in (_split_at_and(text) if run else [(text, run)])]
    sounds = _sound_runs(pieces)
    if not sounds:
        return None
    words = [
        (" " + "".join(read_transcribed(text)) + " " if i in sounds else f" {_pinyin_run(text)} ") if run else text
        for i, (text, run) in enumerate(pieces)
    ]
    return " ".join("".join(words).split())


#: The words Chinese writes "and" with between two names (吉布斯与考克斯, Gibbs & Cox).
AND_WORDS: Final = "与和及"
#: Where an ``AND_WORDS`` word stands between two runs of transcription characters, each a name
#: of its own, this is written instead (a function word of organisation names, as Latin ones write it).
_AND: Final = " and "


def _split_at_and(run: str) -> list[tuple[str, bool]]:
    """A run of characters cut at an ``AND_WORDS`` word between two parts that each read by
    their sounds (two characters or more, ``MIN_SOUND_SHARE`` of them transcription characters):
    吉布斯与考克斯 -> 吉布斯, ``and``, 考克斯, so that each part is a word (Gibbs, Cox). Else the
    run as it is (中和: a Chinese word)."""
    for i, char in enumerate(run):
        if char in AND_WORDS and 2 <= i <= len(run) - 3:
            left, right = run[:i], run[i + 1 :]
            if all(sum(c in SOUNDS for c in part) >= MIN_SOUND_SHARE * len(part) for part in (left, right)):
                return [(left, True), (_AND, False), *_split_at_and(right)]
    return [(run, True)]


def _sound_runs(pieces: list[tuple[str, bool]]) -> set[int]:
    """The positions of the runs (flagged True) of ``pieces`` read by their sounds: ``_is_sound_run``,
    the runs of a name written with an interpunct between its parts (洛克希德·马丁: the parts
    of a foreign name), or with "and" between two names (``_split_at_and``), judged together."""
    sounds: set[int] = set()
    i = 0
    while i < len(pieces):
        if not pieces[i][1]:
            i += 1
            continue
        group = [i]
        while (
            group[-1] + 2 < len(pieces)
            and (pieces[group[-1] + 1][0] in INTERPUNCTS or pieces[group[-1] + 1][0] == _AND)
            and pieces[group[-1] + 2][1]
        ):
            group.append(group[-1] + 2)
        if _is_sound_run("".join(pieces[at][0] for at in group)):
            sounds.update(group)
        i = group[-1] + 1
    return sounds


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def english_words(name: str) -> str:
    """An organisation name with its Chinese or pinyin company words in English.

    Args:
        name: a casefolded organisation name (or a name of unknown kind), in any script.
    Returns:
        For a name in Chinese characters holding at least one word of the table and a place,
        Latin letters or digits, or ``MIN_NAME_CHARACTERS`` other characters: the name with
        those words in English and the rest as pinyin words (``"深圳市佰联升电子科技有限公司"`` ->
        ``"shenzhen bailiansheng electronic technology co ltd"``). For a Latin-script name: the
        name with the table's pinyin spellings in English (``"haili keji youxian gongsi"`` ->
        ``"haili technology co ltd"``). Otherwise the name unchanged.
    """
    if name.isascii():
        return _translate_pinyin(name)
    if _HAN.search(name) is None:
        return name
    translated = _translate_han(name)
    return name if translated is None else translated

"""Whether a query name is a listed name as written, up to case, accents, punctuation and spacing.

An exact listed name must reach the alert threshold however short or common its words are
(``NPO Splav JSC``, listed so on several lists, scores about 0.76 by similarity alone): the
matcher raises its name score to ``EXACT_NAME_SCORE``. Titles and legal forms count as written
(``General Meyer`` is not ``Meyer``) and so does the script (``彬 杨`` is not ``Bin Yang``).

A listed name as written but for one slip of the keyboard in one word (``JOINT STOKK COMPANY
TERRA TECH``, ``ANHUI LAND GROP CO., LIMITED``, ``OOO GUIKEL``) is raised to ``SLIP_NAME_SCORE``:
by similarity alone a slip inside a generic word (which then no longer reads as one) or inside
a short name costs more than a slip can mean. The slipped word must have ``SLIP_MIN_WORD_LETTERS``
letters or more (``Sun``/``Sin`` are two words, not a slip), no digit may differ (``HOLDING 1`` is
not ``HOLDING 2``), and the name must have ``SLIP_MIN_LETTERS`` letters or more, unless the
slipped word is an acronym (``GBNTT`` / ``GNBNTT``): a word with no vowel, of
``SLIP_MIN_ACRONYM_LETTERS`` letters or more on both sides. Such a word reads as no name or word of
any language, so one slip away from a listed one it is that one mistyped, not a namesake.
An organisation's listed name as written but for its legal form (``GAZPROM`` / ``PUBLIC JOINT STOCK
COMPANY GAZPROM``, ``Almaz`` / ``Almaz, JSC``: ``is_written_but_for_legal_form``) is raised to
``LEGAL_FORM_NAME_SCORE``: by similarity alone a one-word name frequent on the lists (a group's
many listed subsidiaries) reads as common and stays below the threshold, though the query is the
whole of the listed name's own words. The listed name must carry the form (``Martin Ltd`` is not
a listed ``Martin``), and the forms must agree where both names carry one (``Almaz LLC`` is not
``Almaz JSC``).
Between two Chinese persons' names written in pinyin or another romanisation, a one-syllable
word one letter off another syllable (``Juan`` / ``Jian``, ``Liang`` / ``Lian``) is another
name, and no slip (``east_asian.is_chinese_name``).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Final

from rapidfuzz.distance import OSA

from tradewarden.names.caches import WHOLE_NAME_CACHE
from tradewarden.names.east_asian import CHINESE, chinese_readings, is_chinese_name, same_romanised
from tradewarden.names.legal_forms import split_legal_forms
from tradewarden.names.script import VOWELLED, Script, scripts_of
from tradewarden.names.translit import to_ascii

#: The least name score of a query name written as a listed name ...
EXACT_NAME_SCORE = 0.95
#: ... unless that name is one word of fewer letters than this (``Ali``, ``Sun``), not of two
#: syllables or more of Han, Hangul or kana (``赵伟``: ``_syllables``).
EXACT_NAME_MIN_LETTERS = 4
#: The least name score of a query name in Latin letters written as a listed name in Cyrillic (or
#: Greek, Armenian, Georgian) letters reads in Latin ones, or the other way (``is_transliterated_as``).
TRANSLITERATED_NAME_SCORE = 0.9
#: The least name score of a query name written as a listed name but for one slip (``is_slip_of``).
SLIP_NAME_SCORE = 0.85
#: The least name score of a query name written as a listed name but for its legal form
#: (``is_written_but_for_legal_form``).
LEGAL_FORM_NAME_SCORE = 0.85
#: A slip counts in a word of at least this many letters ...
SLIP_MIN_WORD_LETTERS = 4
#: ... of a listed name of at least this many letters (spaces and punctuation not counted).
SLIP_MIN_LETTERS = 8
#: ... or, for a slipped acronym (a word without vowels), one of at least this many letters.
SLIP_MIN_ACRONYM_LETTERS = 5
#: Scripts whose every character is a syllable: one changed is another name, not a slip (畅利科技 /
#: 保利科技, chang li / bao li: two trade names of one shared character).
SYLLABIC: Final = Script.HAN | Script.HANGUL | Script.KANA
#: What makes a written word not an acronym (``y`` counts: ``Lynn``, ``Byrd``).
_VOWELS = frozenset("aeiouy")
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
    return " ".join(decomposed.translate(_WRITTEN_CHARS).split())


class _WrittenChars(dict[int, "str | None"]):
    """``str.translate`` table of ``written_key``, filled on first use of each character: a
    combining mark dropped, a letter or digit kept, anything else a space (one C-level lookup a
    character instead of two Unicode database calls)."""

    def __missing__(self, code: int) -> str | None:
        char = chr(code)
        value = None if unicodedata.combining(char) else char if char.isalnum() else " "
        self[code] = value
        return value


_WRITTEN_CHARS = _WrittenChars()


def is_written_as(query: str, listed: str) -> bool:
    """Whether ``query`` is the listed name ``listed`` as written (``written_key`` equal), and that
    name more than one very short word.

    Args:
        query: the query name as written.
        listed: the listed name as written.
    """
    key = written_key(listed)
    if " " not in key and len(key) < EXACT_NAME_MIN_LETTERS and not _syllables(key):
        return False
    return written_key(query) == key


def _syllables(key: str) -> bool:
    """Whether a one-word name of few characters is two or more syllables of a syllabic script
    (``SYLLABIC``: 赵伟, two characters, is a family name and a given name, as specific as
    Zhao Wei), not a very short word of letters (``Ali``)."""
    scripts = scripts_of(key)
    return len(key) >= 2 and bool(scripts & SYLLABIC) and not scripts & ~SYLLABIC


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def _romanised_key(name: str) -> str:
    """A name written in an alphabet that writes its vowels (``script.VOWELLED``: Cyrillic, Greek,
    Armenian, Georgian) and no other script than Latin, in lower-case ASCII words
    (``translit.to_ascii``); "" for a name in any other script."""
    scripts = scripts_of(name)
    if not scripts & VOWELLED or scripts & ~(VOWELLED | Script.LATIN):
        return ""
    return to_ascii(name)


def is_transliterated_as(query: str, listed: str) -> bool:
    """Whether one of the two names is in Latin letters and the other, in Cyrillic (Greek,
    Armenian, Georgian) letters, reads so in Latin ones (``translit.to_ascii`` of both equal:
    ``OOO Ultran EK`` / ``ООО «Ультран ЭК»``, where the Latin name reads ``EK`` as a legal form and
    the Cyrillic one ``ПК`` in ``АО «ПК «Ахтуба»``), and that name more than one very short word.
    Not Arabic, Hebrew or Chinese script: their romanisation leaves out vowels or picks one of
    many readings, so a Latin name equal to it is one guess among several.

    Args:
        query: the query name as written.
        listed: the listed name as written.
    """
    if query.isascii() == listed.isascii():
        return False
    latin, other = (query, listed) if query.isascii() else (listed, query)
    # (``to_ascii``, not ``written_key``, on the Latin side: a romanisation's apostrophe for the
    # soft sign, Ul'tran, is no word break.)
    key = to_ascii(latin)
    if not key or (" " not in key and len(key) < EXACT_NAME_MIN_LETTERS):
        return False
    if key.count(" ") != written_key(other).count(" "):
        return False  # (sooner: a romanisation keeps the words)
    return _romanised_key(other) == key


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def _formless_key(name: str) -> tuple[str, tuple[str, ...]]:
    """``written_key`` of a name without its legal forms, and those forms (``legal_forms.split_legal_forms``)."""
    rest, forms = split_legal_forms(name.casefold())
    return written_key(rest), forms


def is_written_but_for_legal_form(query: str, listed: str) -> bool:
    """Whether ``query`` is the listed name ``listed`` as written (``written_key``) once the legal
    forms are taken off both, and that name more than one very short word: the listed name carries
    a legal form the query lacks, or both carry the same forms written differently (``Gazprom OAO``
    / ``PJSC Gazprom``), never two different forms. Not a listed name without a form that the
    query gives one (``Martin Ltd`` / ``Martin``): a listed name with its form names a company
    called so; a bare listed word may be any name.

    Args:
        query: the query name as written.
        listed: the listed name as written.
    """
    listed_key, listed_forms = _formless_key(listed)
    if " " not in listed_key and len(listed_key) < EXACT_NAME_MIN_LETTERS:
        return False
    if not listed_forms:
        return False
    query_key, query_forms = _formless_key(query)
    return query_key == listed_key and (not query_forms or query_forms == listed_forms)


def _acronyms(*words: str) -> bool:
    """Whether every word is an acronym of ``SLIP_MIN_ACRONYM_LETTERS`` letters or more: letters
    only, none of them a vowel."""
    return all(len(word) >= SLIP_MIN_ACRONYM_LETTERS and word.isalpha() and _VOWELS.isdisjoint(word) for word in words)


def is_slip_of(query: str, listed: str) -> bool:
    """Whether ``query`` is the listed name ``listed`` as written (``written_key``) but for one slip:
    one letter added, dropped, changed, or two adjacent letters swapped, in one word of
    ``SLIP_MIN_WORD_LETTERS`` letters or more, the words otherwise equal and in the same order, and
    the listed name of ``SLIP_MIN_LETTERS`` letters or more or the slipped word an acronym
    (``_acronyms``). Never in Han, Hangul or kana (``SYLLABIC``): a character changed there is a
    syllable changed.

    Args:
        query: the query name as written.
        listed: the listed name as written.
    """
    listed_key, query_key = written_key(listed), written_key(query)
    if abs(len(listed_key) - len(query_key)) > 1 or listed_key == query_key:
        return False
    listed_words, query_words = listed_key.split(), query_key.split()
    if len(listed_words) != len(query_words):
        return False
    differ = [(q, c) for q, c in zip(query_words, listed_words) if q != c]
    if len(differ) != 1:
        return False
    q, c = differ[0]
    if len(listed_key) - len(listed_words) + 1 < SLIP_MIN_LETTERS and not _acronyms(q, c):
        return False
    return (
        min(len(q), len(c)) >= SLIP_MIN_WORD_LETTERS
        and q.isalpha()
        and c.isalpha()
        and OSA.distance(q, c, score_cutoff=1) <= 1
        and not _other_syllables(query_words, listed_words, q, c)
        and not scripts_of(q + c) & SYLLABIC
    )


def _other_syllables(query_words: list[str], listed_words: list[str], q: str, c: str) -> bool:
    """Whether the slipped words are two one-syllable Chinese names (each one syllable of the
    tables, ``east_asian.chinese_readings``), not one syllable in two romanisations
    (``east_asian.same_romanised``), in two names read as Chinese persons' names
    (``east_asian.is_chinese_name``): a syllable a letter off another is another name (ZHANG
    Juan / ZHANG Jian, LIANG Yang / LIAN Yang), not a slip. A word of two syllables a letter off
    (Ruguang / Ruiguang, Souan / Suan) stays a slip: lists spell such words with slips as often."""
    return (
        (q,) in chinese_readings(q)
        and (c,) in chinese_readings(c)
        and is_chinese_name(tuple(query_words))
        and is_chinese_name(tuple(listed_words))
        and not same_romanised(q, c, CHINESE)
    )

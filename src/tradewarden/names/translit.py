"""Transliteration of any script to lower-case ASCII, with ICU's maintained transforms (PyICU).

Cyrillic, Armenian and Georgian use the BGN/PCGN romanisations (``Юрий Хабаров → yuriy khabarov``,
the spellings sanctions lists use; Serbian and Macedonian Cyrillic, told by the letters only they
write, their own Latin alphabets: ``Жељка Цвијановић → zeljka cvijanovic``), Greek the UN's UNGEGN system, and everything else (Hebrew,
Han ...) ICU's generic ``Any-Latin``, then ``Latin-ASCII`` drops the accents. Arabic and Persian
letters are first written by ``abjad.romanise``, letter for letter, so that long vowels and the
article stay visible to the comparison. (rigour's ``maybe_ascii`` gives ICU's spellings but
costs about a millisecond a call, too slow for the query path.)
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import icu  # type: ignore[import-untyped]
from translitua import UkrainianKMU, translit

from tradewarden.names.abjad import has_arabic, romanise
from tradewarden.names.caches import WHOLE_NAME_CACHE
from tradewarden.names.data_files import data_lines

_TO_LATIN = icu.Transliterator.createInstance(
    "Russian-Latin/BGN; Armenian-Latin/BGN; Georgian-Latin/BGN; Greek-Latin/UNGEGN; Any-Latin"
)
#: Serbian and Macedonian names are written in Latin with their own official alphabets (Gaj's
#: Latin: Željka Cvijanović), which the BGN/PCGN tables for those languages follow; Russian's
#: would write ж zh and ц ts and leave љ, ј, ћ to the generic transform (zhelka tsvijanovic).
#: A name holding a letter of their alphabets that Russian, Ukrainian and Belarusian lack is
#: read as theirs (ѓ ќ ѕ Macedonian only; ј љ њ ћ ђ џ Serbian, and Macedonian but for ћ ђ).
_MACEDONIAN_LETTERS = frozenset("ѓќѕ")
_SERBIAN_LETTERS = frozenset("јљњћђџ")
_SERBIAN_TO_LATIN = icu.Transliterator.createInstance("Serbian-Latin/BGN; Any-Latin")
#: The Cyrillic alphabets of Central Asia add letters Russian's table does not know, which ICU's
#: chain then dropped (Нұрсұлтан Әбішұлы read nrsltan bishly). A name holding one is read by
#: Russian's table first (the letters they share: lists write these names as Russian passports
#: did, Tokayev, Zhaparov), then its language's BGN/PCGN table for the rest (ұ u, ә a, ө o, ү u,
#: ң ng, ғ gh, қ q, ҳ h, ў u). ҳ, or ў beside ғ or қ: Uzbek (Ўткир Ҳамид; Tajik, which writes ҳ
#: too, reads near enough); ә, ғ, қ, ұ or һ: Kazakh (Тоқаев, toqayev); ң, ө or ү alone: Kyrgyz
#: (Өмүрбек, omurbek). Source: ICU's transform rules (Kazakh-, Kirghiz-, Uzbek-Latin/BGN).
_UZBEK_LETTERS = frozenset("ғқ")
_KAZAKH_LETTERS = frozenset("әғқұһ")
_KYRGYZ_LETTERS = frozenset("ңөү")
_UZBEK_TO_LATIN = icu.Transliterator.createInstance("Russian-Latin/BGN; Uzbek-Latin/BGN; Any-Latin")
_KAZAKH_TO_LATIN = icu.Transliterator.createInstance("Russian-Latin/BGN; Kazakh-Latin/BGN; Any-Latin")
_KYRGYZ_TO_LATIN = icu.Transliterator.createInstance("Russian-Latin/BGN; Kirghiz-Latin/BGN; Any-Latin")
_MACEDONIAN_TO_LATIN = icu.Transliterator.createInstance("Macedonian-Latin/BGN; Any-Latin")
_TO_ASCII = icu.Transliterator.createInstance("Latin-ASCII")
#: Belarusian personal names are written in Latin with h for г (Siarhei, Hanna, Hara: the
#: national romanisation and BGN/PCGN's Belarusian table), where Russian's table writes g. A
#: person's name holding ў, or і beside ы, э or ё (Ukrainian writes none of them), is read as
#: Belarusian; the rest of its letters keep the Russian table's spelling (Belarusian BGN/PCGN's
#: "ye" after consonants, Byelaviya, is what neither lists nor passports write). Organisation
#: names keep g: theirs are loanwords English writes with g (Інтэграл: Integral, Лагістык:
#: Logistik, тэхналогіі: technologies).
_BELARUSIAN_ONLY = frozenset("ў")
_BELARUSIAN_WITH_I = frozenset("ыэё")
_BELARUSIAN_H = str.maketrans({"г": "h"})
#: Korean and Vietnamese names in Cyrillic (Kontsevich's system for Korean) write the aspirated
#: consonants as чх, тх, пх, кх (Чхан: Chang; Тхань: Thanh; Пхеньян: Pyongyang) and h as х
#: (Хо: Ho), which Russian's table turns into chkh, tkh, pkh and kh. A name of two to four
#: short words (at most ``_EAST_ASIAN_SYLLABLE`` letters: syllables) holding one of those pairs
#: is read so. Georgian names, which write чх too (Чхеидзе: Chkheidze), have longer words.
_EAST_ASIAN_SYLLABLE = 5
_ASPIRATES = ("чх", "тх", "пх", "кх")
_EAST_ASIAN_LETTERS = (("чх", "ch"), ("тх", "th"), ("пх", "p"), ("кх", "k"), ("х", "h"))
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_NON_LETTERS = re.compile(r"[\W\d_]+")
# BGN's digraph separator (Лукашэнка -> lukash·enka) comes out of ICU's chain as a colon.
_DIGRAPH_DOT = re.compile(r"(?<=\w):(?=\w)")
# Name separators written in the original (the Chinese/Japanese middle dot in foreign names).
_SEPARATORS = str.maketrans({"\u00b7": " ", "\u30fb": " ", "\u2027": " "})
#: Latin letters ICU's Latin-ASCII drops (it keeps ŋ, ø, ł, ı as n, o, l, i): Azerbaijani's schwa,
#: which names written in English spell a (Əliyev Aliyev, Məmmədov Mammadov, Həsənov Hasanov:
#: dropped, they were liyev, mmmdov, hsnov), and the open o, esh and gamma of African and other
#: alphabets (Kɔfi, ɣ). Sources: Wikipedia "Azerbaijani alphabet", "Romanization of Azerbaijani".
_LETTERS_ICU_DROPS = str.maketrans({"ə": "a", "ǝ": "a", "ɔ": "o", "ʃ": "sh", "ɣ": "gh"})
# Marks that belong inside a word: apostrophes (O'Brien), the soft/hard signs and digraph dots
# BGN/PCGN writes (Юрьевич -> yur'yevich, Лукашэнка -> lukash·enka), Arabic ayn/hamza (ʿ ʾ).
_WORD_MARKS = str.maketrans("", "", "'`\u00b4\u2018\u2019\u02b9\u02ba\u02bb\u02bc\u02be\u02bf\u00b7\"")
#: Hebrew writes a word's opening vowel with alef or ayin, and ayin for a vowel inside it (אריאל
#: Ariel, עמוס Amos, יעקב Yaakov), which ICU writes as marks (ʼ ʻ) that are dropped: written here
#: as Arabic's are by ``abjad.romanise`` (alif a, ayn e), so the comparison sees that a vowel is
#: written there (a Latin name opening with a vowel that the Hebrew or Arabic name does not write
#: is another name: ``abjad.LEADING_VOWEL_UNWRITTEN``). A medial alef, often silent, stays dropped.
_HEBREW_LETTER = re.compile(r"[\u05d0-\u05ea]")
#: A Korean person's name in Hangul is written as one word (김영남: family name 김, given name
#: 영남), where lists in Latin letters write a syllable a word (KIM Yong Nam) and ICU runs the
#: syllables together, cut where its spelling would be ambiguous (gim-yeongnam, liyeong-gil).
#: A person's word of two to four Hangul syllables is read a syllable a word (gim yeong nam), so
#: that it compares with the Latin spellings syllable by syllable (``east_asian.is_korean_name``).
_HANGUL_NAME = re.compile(r"(?<![\uac00-\ud7a3])[\uac00-\ud7a3]{2,4}(?![\uac00-\ud7a3])")
#: A Persian surname's suffix written apart from its stem (فخری زاده, احمدی نژاد, علی پور: -zadeh
#: "born of", -nejad "of the lineage of", -pour "son of"), where Persian orthography joins it with
#: a zero-width non-joiner and Latin spellings write one word (Fakhrizadeh, Ahmadinejad, Alipour):
#: joined to the word before, so that it is not a name word two different surnames share
#: (Fakhrizadeh / Fathizadeh). Source: Wikipedia, "Persian name" (surname suffixes) and
#: "Zero-width non-joiner" (its use in Persian).
_PERSIAN_SUFFIX = re.compile(r"(?<=[\u0600-\u06ff])[\s\u200c]+(?=(?:زاده|نژاد|پور)(?![\u0600-\u06ff]))")
#: Ukrainian names are written in Latin letters by Ukraine's national romanisation (KMU 2010: the
#: passport spelling most lists copy: Гліб Гнатюк Hlib Hnatiuk, Юлія Гаврилюк Yuliia Havryliuk),
#: where Russian's BGN/PCGN table writes г g, и i, ю yu (glib gnatyuk): ``ukrainian_to_ascii``
#: gives that second reading (``translitua``'s KMU table) of a name that writes a letter only
#: Ukrainian has among the lists' Cyrillic alphabets (є, ї, ґ, or і, which Belarusian shares)
#: and none of Russian's, Belarusian's or the Central Asian alphabets' own letters. Source:
#: Wikipedia, "Romanization of Ukrainian" (national system) and "Ukrainian alphabet".
_UKRAINIAN_LETTERS = frozenset("єїґі")
_NOT_UKRAINIAN_LETTERS = frozenset("ыэёъўәғқңөұүһӣӯҳҷ") | _SERBIAN_LETTERS | _MACEDONIAN_LETTERS
_HEBREW_VOWEL_SLOTS = ((re.compile(r"(?<![\u05d0-\u05ea\u05b0-\u05c7])\u05d0"), "a"), (re.compile("\u05e2"), "e"))


def _hebrew_vowel_slots(text: str) -> str:
    """``text`` with a word-initial alef written a and every ayin e (``_HEBREW_VOWEL_SLOTS``)."""
    for pattern, letter in _HEBREW_VOWEL_SLOTS:
        text = pattern.sub(letter, text)
    return text


def _load_han_readings() -> dict[str, str]:
    return dict(line.split("\t", 1) for line in data_lines("han_readings.txt"))


#: Chinese characters (and a few words) read as names read them where ICU's one reading per
#: character is another (``data/han_readings.txt``: 成都 chengdu, 长沙 changsha, 曾 zeng).
HAN_READINGS = _load_han_readings()
_HAN_READING = re.compile("|".join(sorted(HAN_READINGS, key=len, reverse=True)))


def _read_han_names(text: str) -> str:
    """``text`` with the characters of ``HAN_READINGS`` already written in pinyin, one word a
    syllable (the rest is left to ICU)."""
    return _HAN_READING.sub(lambda found: f" {HAN_READINGS[found.group()]} ", text)


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def to_ascii(text: str, person: bool = False) -> str:
    """Transliterate ``text`` to lower-case ASCII words separated by single spaces.

    Args:
        text: a name or phrase in any script.
        person: the name of a person (a Belarusian one writes г as h: Siarhei).
    Returns:
        Lower-case ASCII letters and digits; apostrophes and transliteration marks inside a
        word are dropped, every other character becomes a word break.
        ``"Иван Петров"`` gives ``"ivan petrov"``, ``"习近平"`` gives ``"xi jin ping"``.
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if person and not folded.isascii():
        folded = _HANGUL_NAME.sub(lambda found: " ".join(found.group()), folded)
    if not folded.isascii() and has_arabic(folded):
        folded = romanise(_PERSIAN_SUFFIX.sub("", folded))
    if not folded.isascii() and _HEBREW_LETTER.search(folded):
        folded = _hebrew_vowel_slots(folded)
    if not folded.isascii():
        latin = _to_latin(_read_han_names(folded.translate(_SEPARATORS)), person).translate(_WORD_MARKS)
        latin = _DIGRAPH_DOT.sub("", latin)
        folded = _TO_ASCII.transliterate(latin.translate(_LETTERS_ICU_DROPS))
    if not folded.isascii():
        folded = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode("ascii")
    return _NON_ALNUM.sub(" ", folded.translate(_WORD_MARKS).lower()).strip()


#: A Belarusian name's Russian spelling, as lists write Belarusians' names beside their own
#: (ДЗЯМIДАЎ / DEMIDOV, Цiханоўская / Tikhanovskaya, Гара / Gora): the consonants Belarusian
#: writes otherwise made Russian's (дз and ц before a soft vowel are д and т: дзеканне and
#: цеканне, with the я after them e: яканне; ў в, і и, э е), the vowels left to the comparison
#: (Belarusian a for o: ``compare``'s vowelled tokens). Source: Wikipedia, "Belarusian
#: alphabet" and "Belarusian phonology" (dzekanne, tsekanne, yakanne).
_BELARUSIAN_SOFT_SYLLABLES = re.compile(r"(дз|ц)([яеёюіь])")
_BELARUSIAN_HARD = {"дз": "д", "ц": "т"}
_BELARUSIAN_LETTERS = str.maketrans({"ў": "в", "і": "и", "э": "е"})


def is_belarusian(text: str) -> bool:
    """Whether ``text`` (case-folded) is written in Belarusian's Cyrillic alphabet: ў, or і beside
    ы, э or ё (Ukrainian writes none of them, Russian no і: Мікалаевіч ЛЁГКІ)."""
    letters = set(text)
    return not letters.isdisjoint(_BELARUSIAN_ONLY) or ("і" in letters and not letters.isdisjoint(_BELARUSIAN_WITH_I))


def russian_spelling(text: str) -> str:
    """A Belarusian name (case-folded) spelt as Russian spells it (``_BELARUSIAN_SOFT_SYLLABLES``):
    ``"дзмітрый дзямідаў"`` gives ``"дзмитрый демидав"`` (дз before м stays: the given names'
    table meets Dzmitry and Dmitry)."""

    def hard(found: re.Match[str]) -> str:
        vowel = found.group(2)
        return _BELARUSIAN_HARD[found.group(1)] + ("е" if vowel == "я" else vowel)

    return _BELARUSIAN_SOFT_SYLLABLES.sub(hard, text).translate(_BELARUSIAN_LETTERS)


def east_slavic_to_ascii(text: str, person: bool = False) -> str | None:
    """A second reading of a name (case-folded) in Ukrainian or Belarusian Cyrillic: a Ukrainian
    one by Ukraine's national romanisation (``ukrainian_to_ascii``), a Belarusian one spelt as
    Russian spells it (``russian_spelling``); None for any other name."""
    if is_ukrainian(text):
        return ukrainian_to_ascii(text, person)
    if is_belarusian(text):
        return to_ascii(russian_spelling(text), person)
    return None


def is_ukrainian(text: str) -> bool:
    """Whether ``text`` (case-folded) is written in Ukrainian's Cyrillic alphabet: a letter only
    Ukrainian has among the lists' alphabets, none that only another has (``_UKRAINIAN_LETTERS``)."""
    letters = set(text)
    return not letters.isdisjoint(_UKRAINIAN_LETTERS) and letters.isdisjoint(_NOT_UKRAINIAN_LETTERS)


@lru_cache(maxsize=WHOLE_NAME_CACHE)
def ukrainian_to_ascii(text: str, person: bool = False) -> str:
    """``to_ascii`` of ``text`` read by Ukraine's national romanisation (KMU 2010): ``"гліб
    гнатюк"`` gives ``"hlib hnatiuk"`` where ``to_ascii`` gives ``"glib gnatyuk"``. For a name
    ``is_ukrainian`` holds of; other letters are left to ``to_ascii``."""
    return to_ascii(translit(text, UkrainianKMU, preserve_case=False), person)


def _to_latin(text: str, person: bool) -> str:
    """``text`` in Latin letters: Serbian and Macedonian Cyrillic by their own alphabets, Uzbek,
    Kazakh and Kyrgyz by their own BGN/PCGN tables (``_KAZAKH_LETTERS``), the rest
    by the BGN/PCGN chain (a Belarusian person's г as h, and Korean or Vietnamese names'
    aspirates first)."""
    letters = set(text)
    if not letters.isdisjoint(_MACEDONIAN_LETTERS):
        return str(_MACEDONIAN_TO_LATIN.transliterate(text))
    if not letters.isdisjoint(_SERBIAN_LETTERS):
        return str(_SERBIAN_TO_LATIN.transliterate(text))
    if "ҳ" in letters or ("ў" in letters and not letters.isdisjoint(_UZBEK_LETTERS)):
        return str(_UZBEK_TO_LATIN.transliterate(text))
    if not letters.isdisjoint(_KAZAKH_LETTERS):
        return str(_KAZAKH_TO_LATIN.transliterate(text))
    if not letters.isdisjoint(_KYRGYZ_LETTERS):
        return str(_KYRGYZ_TO_LATIN.transliterate(text))
    if person and "г" in letters and is_belarusian(text):
        text = text.translate(_BELARUSIAN_H)
    elif "х" in letters and _east_asian(text):
        for cyrillic, latin in _EAST_ASIAN_LETTERS:
            text = text.replace(cyrillic, latin)
    return str(_TO_LATIN.transliterate(text))


def _east_asian(text: str) -> bool:
    """Whether a Cyrillic name reads as Korean or Vietnamese: two to four words of at most
    ``_EAST_ASIAN_SYLLABLE`` letters, one holding an aspirate (``чх``, ``тх``, ``пх``, ``кх``)."""
    words = _NON_LETTERS.split(text.strip())
    words = [word for word in words if word]
    return (
        2 <= len(words) <= 4
        and all(len(word) <= _EAST_ASIAN_SYLLABLE for word in words)
        and any(aspirate in word for word in words for aspirate in _ASPIRATES)
    )

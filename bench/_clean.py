"""Clean (non-listed) query names of the matching benchmark, made from faker's *synthetic* providers.

Only faker's person-name parts (first and last names) and generic company patterns are used:
a family name or two with a generic legal form or trade word (``ООО «Федотов»``, ``Eimer GmbH``,
``شركة الشحوح للتجارة``). Faker's lists of *real* companies (``ru_RU``/``tr_TR``
``large_companies``, every ``fa_IR`` company name, and ``zh_CN``'s company prefixes) contain
listed firms such as Promsvyaz'bank, Мостотрест or Славнефть, so they are never called.
On top of that, a generated name is dropped when its normalised form equals the normalised
form of a name in the loaded lists (:class:`ListedNames`, computed at run time).

A generated name that a variant generator of the benchmark could make from a listed name
(:class:`VariantReach`: the listed name's words with some left out, or with one word mistyped
or respelt) is kept but marked: the benchmark requires such variants to be *found*, so an
alert on one is not a false alert. The alert rate is reported both over every clean name and
over the unmarked ones (the figure the targets are judged on).

The same relation ("words of a listed name": all the clean name's words among one listed name's
words) is also looked for where one script or legal form hides it, since the benchmark requires
the engine to find these too (its script kinds hold original-script names against Latin
entries; its ``legal_form`` generator swaps legal forms, ``drop_middle`` drops patronymics):

* ``(other romanisation)``: a Cyrillic name romanised by BGN/PCGN as well as by ICU's default
  (Юлия Сергеевна ПРОХОРОВА -> yuliya sergeyevna prokhorova, not yuliya's ICU form uliya);
* ``(Arabic script)``: an Arabic- or Persian-script name against a Latin one, word by word, the
  Latin word read as a vocalisation of the Arabic-script one (:func:`abjad_pattern`: letters
  for its consonants, short vowels free, its alef, waw and ya written as vowels; محمد یزدی ->
  Mohammad YAZDI), a final ta marbuta needing a final vowel (باسمة is not Bassem);
* ``(legal forms aside)``: two organisation names that both carry a legal form (found by
  rigour's ``remove_org_types``, in the script or romanised), compared without it (ЗАО «Кузнецов»
  / KUZNETSOV PAO, Morgan PLC / LLC Morgan), as ``legal_form`` makes them: a single word left
  must be all the listed name has left (Morgan PLC is not within reach of LLC Morgan Trading),
  two or more must be among its words.

The same-romanisation relation with one word changed is not extended this way: two changes
(script and spelling) are no variant the generators make.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from _korean import name_readings, reading_keys, same_reading
from _names import latin_key, name_key, normalize_name, script_of
from _variants import _TRANSLIT_RULES as TRANSLIT_RULES
from _variants import _TRANSLIT_WORDS as TRANSLIT_WORDS
from rapidfuzz.distance import OSA
from rigour.names import remove_org_types

CLEAN_LOCALES = ("ru_RU", "ru_RU-Latn", "fa_IR", "ar_AA", "zh_CN", "tr_TR", "hy_AM", "en_US", "de_DE")
PERSON_SHARE = 0.7
#: Chinese and Korean person names written in Latin letters as lists write them (faker's zh_CN /
#: ko_KR names romanised by ICU's Han-Latin / Hangul-Latin: Zhang Weiming, ZHANG, Wei-ming, Zhang
#: Wei Ming; Gim Seong-hun), made after the :data:`CLEAN_LOCALES` names by their own seeded
#: generators, so the names made before them (and every positive case) stay as they were.
EAST_ASIAN_LATIN_LOCALES = ("zh_CN-Latn", "ko_KR-Latn")

# Generic company patterns per language, filled with faker person-name parts and the
# ``suffix``/``prefix`` words below (or faker's own generic legal-form lists where it has them).
_COMPANY_FORMATS: dict[str, tuple[str, ...]] = {
    "ru": ("{prefix} «{last}»", "{prefix} «{last} и {last2}»", "{prefix} «{last}-{last2}»", "{last} {suffix}"),
    "fa": ("شرکت {last}", "شرکت {last} و شرکا", "گروه صنعتی {last}", "بازرگانی {last}", "شرکت {first} {last}"),
    "ar": ("شركة {last} للتجارة", "مؤسسة {last} التجارية", "{last} إخوان", "شركة {first} {last} وشركاه"),
    "zh": ("{brand}{suffix}",),
    "tr": ("{last} {suffix}", "{last} {last2} {suffix}"),
    "hy": ("{last} {suffix}", "{last} և {last2} {suffix}"),
    "en": ("{last} {suffix}", "{last}-{last2} {suffix}", "{last}, {last2} and {last3}"),
    "de": ("{last} {suffix}", "{last} & {last2} {suffix}"),
}
# Faker has no generic company words for these languages (its fa_IR companies are real ones).
_HAND_SUFFIXES: dict[str, tuple[str, ...]] = {"fa": ("",), "ar": ("",)}


class ListedNames:
    """The normalised forms of every listed name, to keep clean names off the lists.

    A clean name is rejected when its order- and accent-insensitive key (:func:`name_key`) or
    its ICU romanisation key (:func:`latin_key`) equals that of a listed name.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self.keys: set[str] = set()
        for name in names:
            key = name_key(name)
            if not key:
                continue
            self.keys.add(key)
            if script_of(name) != "latin":
                self.keys.add(latin_key(name))

    def __contains__(self, name: object) -> bool:
        if not isinstance(name, str):
            return False
        key = name_key(name)
        if key in self.keys:
            return True
        return script_of(name) != "latin" and latin_key(name) in self.keys

    def __len__(self) -> int:
        return len(self.keys)


def _key_tokens(name: str) -> tuple[str, ...]:
    """The sorted, accent-free (and, for other scripts, romanised) words of a name."""
    return tuple((name_key(name) if script_of(name) == "latin" else latin_key(name)).split())


def respellings(token: str) -> set[str]:
    """Every spelling the ``transliteration`` variant generator can make of one word."""
    found = set(TRANSLIT_WORDS.get(token, ()))
    for old, new in TRANSLIT_RULES:
        start = token.find(old, 1)
        while start >= 1:
            found.add(token[:start] + new + token[start + len(old) :])
            start = token.find(old, start + 1)
    return found


#: The typo variant generator changes words of this many letters or more.
TYPO_MIN_LETTERS = 5


def _one_change(query_token: str, listed_token: str) -> str | None:
    """Why a variant generator could turn ``listed_token`` into ``query_token`` (None: it could not)."""
    if len(listed_token) >= TYPO_MIN_LETTERS and OSA.distance(query_token, listed_token, score_cutoff=1) <= 1:
        return "one typo"
    if query_token in respellings(listed_token):
        return "one respelling"
    return None


class VariantReach:
    """Which clean names a variant generator of the benchmark could make from a listed name.

    A clean name of two or more words is *within reach* of a listed name when (compared as
    sorted, accent-free, romanised words):

    * all its words are among the listed name's words (``reorder`` and ``drop_middle``:
      "Yuriy Zaytsev" from "ZAYTSEV, Yuriy Viktorovich"), or
    * it has the listed name's words but one, and that one is a single typo (one edit, in a word
      of five letters or more) or a single respelling of the ``transliteration`` generator
      ("Alex Wulf" from "Alex Woolf", oo -> u).

    The engine is required to find such variants, so an alert on them is no false alert.
    Names in Chinese characters are never within reach: their romanised syllables are not
    words, and any two of them occur together in some long listed company name.
    """

    def __init__(self, names: Iterable[str]) -> None:
        self._postings: dict[str, set[tuple[str, ...]]] = {}
        # The other relations' listed names: BGN romanisations of Cyrillic names, Latin names
        # under each word's consonant class (for Arabic-script queries), names without their
        # legal form.
        self._bgn: dict[str, set[tuple[str, ...]]] = {}
        self._abjad: dict[str, set[tuple[str, ...]]] = {}
        self._formless: dict[str, set[tuple[str, ...]]] = {}
        # Latin names of two to four words under each reading as a family name and a given name
        # run together (``_syllable_keys``: ZHANG, Wei Ming and Weiming Zhang -> zhang|weiming).
        self._syllables: dict[str, str] = {}
        # Latin and Hangul names read as a Korean family name and given name
        # (``_korean.name_readings``), under each reading's candidate key, with the reading.
        self._korean: dict[str, list[tuple[Any, str]]] = {}
        for name in names:
            tokens = _key_tokens(name)
            script = script_of(name)
            if script == "latin":
                for key in _syllable_keys(name):
                    self._syllables.setdefault(key, name)
            if script in ("latin", "other"):  # (Hangul is "other")
                for reading in name_readings(name):
                    self._korean.setdefault(reading_keys(reading), []).append((reading, name))
            for formless in _without_legal_form(name):
                _post(self._formless, formless)
            if len(tokens) < 2:
                continue
            _post(self._postings, tokens)
            if script == "cyrillic":
                bgn = _bgn_tokens(name)
                if bgn != tokens:
                    _post(self._bgn, bgn)
            elif script == "latin":
                for token in set(tokens):
                    self._abjad.setdefault(consonant_class(token), set()).add(tokens)

    def reason(self, name: str) -> str | None:
        """Why ``name`` is within reach of a listed name (``"one typo: alex woolf"``), or None."""
        script = script_of(name)
        if script == "chinese":
            return None
        if script == "latin":
            for key in _syllable_keys(name)[:1]:
                if key in self._syllables:
                    return f"same syllables as a listed name: {self._syllables[key]}"
        tokens = _key_tokens(name)
        if len(tokens) >= 2:
            # At most one word differs, so one of the two rarest words is the listed name's own.
            rarest = sorted(set(tokens), key=lambda t: len(self._postings.get(t, ())))[:2]
            for listed in sorted(set().union(*(self._postings.get(t, set()) for t in rarest))):
                why = _reason(tokens, listed)
                if why is not None:
                    return f"{why}: {' '.join(listed)}"
            if script == "cyrillic":
                found = _words_within(self._bgn, _bgn_tokens(name))
            elif script == "latin":
                found = _words_within(self._bgn, tokens)
            else:
                found = None
            if found is not None:
                return f"words of a listed name (other romanisation): {' '.join(found)}"
            if script == "arabic":
                found = self._abjad_within(name)
                if found is not None:
                    return f"words of a listed name (Arabic script): {' '.join(found)}"
        for formless in _without_legal_form(name):
            if len(formless) >= 2:
                found = _words_within(self._formless, formless)
            else:  # one word alone is within reach only of the same word with another legal form
                found = formless if formless in self._formless.get(formless[0], ()) else None
            if found is not None:
                return f"words of a listed name (legal forms aside): {' '.join(found)}"
        if script == "latin":
            korean = self._korean_alike(name)
            if korean is not None:
                return f"same Korean name in another romanisation: {korean}"
        return None

    def _korean_alike(self, name: str) -> str | None:
        """The first listed name that is ``name`` read as a Korean name in another romanisation
        (``_korean``: Gim Sang Ho / KIM, Sang-ho; Choe Eun Jeong / CHOE Un Jong), or None."""
        for reading in name_readings(name):
            for listed_reading, listed in self._korean.get(reading_keys(reading), ()):
                if same_reading(reading, listed_reading):
                    return listed
        return None

    def _abjad_within(self, name: str) -> tuple[str, ...] | None:
        """The first Latin listed name holding a vocalisation of each word of ``name`` (Arabic script)."""
        words = _abjad_words(name)
        if len(words) < 2:
            return None
        patterns = [abjad_pattern(tuple(word)) for word in words]
        classes = [consonant_class("".join(word)) for word in words]
        rarest = min(classes, key=lambda c: len(self._abjad.get(c, ())))
        for listed in sorted(self._abjad.get(rarest, ())):
            if _assign(patterns, [_undoubled(token) for token in listed]):
                return listed
        return None


def _syllable_keys(name: str) -> list[str]:
    """A Chinese or Korean name of two to four words read as a family name (its first word, then
    its last) and the given name's syllables run together (``ZHANG, Wei-ming`` -> ``zhang|weiming``,
    then ``weiming|zhang``): ``Zhang Wei Ming`` is the listed ``ZHANG, Weiming`` written with a
    space between the syllables, no other name. Empty for other names."""
    tokens = normalize_name(unicodedata.normalize("NFKD", name)).split()
    if not 2 <= len(tokens) <= 4:
        return []
    return [f"{tokens[0]}|{''.join(tokens[1:])}", f"{tokens[-1]}|{''.join(tokens[:-1])}"]


def _post(postings: dict[str, set[tuple[str, ...]]], tokens: tuple[str, ...]) -> None:
    for token in set(tokens):
        postings.setdefault(token, set()).add(tokens)


def _words_within(postings: dict[str, set[tuple[str, ...]]], tokens: tuple[str, ...]) -> tuple[str, ...] | None:
    """The first listed name of ``postings`` holding every word of ``tokens`` (None: none)."""
    if not tokens:
        return None
    rarest = min(tokens, key=lambda t: len(postings.get(t, ())))
    for listed in sorted(postings.get(rarest, ())):
        if _reason(tokens, listed) == "words of a listed name":
            return listed
    return None


_BGN: Any = None


@lru_cache(maxsize=None)
def _bgn_tokens(name: str) -> tuple[str, ...]:
    """The sorted words of a name romanised by BGN/PCGN's Russian table (ICU), accents folded."""
    global _BGN
    if _BGN is None:
        import icu

        _BGN = icu.Transliterator.createInstance("Russian-Latin/BGN; Latin-ASCII")
    return tuple(name_key(_BGN.transliterate(name)).split())


def _without_legal_form(name: str) -> list[tuple[str, ...]]:
    """The name's words (romanised each way) without its legal form; none when it has no legal form.

    rigour's ``remove_org_types`` knows the forms in Latin and Cyrillic script (ООО, Публичное
    Акционерное Общество, OHG mbH, Ltd.); it is tried on the name as written and romanised.
    """
    folded = name.casefold()
    stripped = remove_org_types(folded)
    script = script_of(name)
    found: set[tuple[str, ...]] = set()
    for romanise in (_key_tokens, _bgn_tokens) if script == "cyrillic" else (_key_tokens,):
        whole = romanise(folded)
        rest = romanise(remove_org_types(" ".join(romanise(stripped))))
        if rest and len(rest) < len(whole):
            found.add(rest)
    return sorted(found)


_ABJAD: Any = None
_TA_MARBUTA = "9"  # ICU writes ة as ẗ
_ALEF_MAQSURA = "A"  # ICU writes ى as y̱, a final long a
_MACRON_BELOW = "\u0331"  # ICU's mark of a digraph letter: tẖ (ث), kẖ (خ), sẖ (ش)


def _abjad_words(name: str) -> list[list[str]]:
    """The words of an Arabic-script name as ICU's letter-by-letter romanisation units.

    ICU marks which letters a digraph writes (tẖ is ث, ṭh is ط then ه), so each Arabic letter
    is one unit: ``محمد`` -> m h m d, ``طه`` -> t h, ``ثابت`` -> th a b t.
    """
    global _ABJAD
    if _ABJAD is None:
        import icu

        _ABJAD = icu.Transliterator.createInstance("Any-Latin; Lower; NFD")
    words: list[list[str]] = []
    for chunk in _ABJAD.transliterate(name).split():
        units: list[str] = []
        for char in chunk:
            if unicodedata.combining(char):
                if char == _MACRON_BELOW and units and units[-1] == "h" and len(units) >= 2:
                    units[-2:] = [units[-2] + "h"]
                elif char == _MACRON_BELOW and units and units[-1] == "y":
                    units[-1] = _ALEF_MAQSURA
                elif char == "\u0308" and units and units[-1] == "t":
                    units[-1] = _TA_MARBUTA
            elif char.isalpha() or char in "ʿʾ":
                units.append(char)
            elif units:
                words.append(units)
                units = []
        if units:
            words.append(units)
    return words


# What a Latin spelling writes for each letter of the ICU romanisation (consonants: the usual
# Arabic and Persian romanisations; alef, waw and ya: the long vowels and consonants they write).
_ABJAD_LETTERS: dict[str, str] = {
    "th": "(?:th|s|t)", "dh": "(?:dh|z|d|th)", "kh": "(?:kh|h|x)", "gh": "(?:gh|q|g)",
    "sh": "(?:sh|sch|ch)", "ch": "(?:ch|tch)", "zh": "(?:zh|j)", "j": "(?:j|dj|g|dzh)",
    "q": "(?:q|k|g|gh)", "k": "(?:k|c|q)", "d": "(?:d|z)", "z": "(?:z|d|dh)",
    "w": "(?:o|u|w|v)", "y": "(?:i|e|y)", "a": "(?:a|e|o)", _ALEF_MAQSURA: "(?:a|i|y|e)",
}
_SHORT_VOWELS = "[aeiou']{0,2}"


@lru_cache(maxsize=None)
def abjad_pattern(units: tuple[str, ...]) -> re.Pattern[str]:
    """The Latin spellings of one Arabic-script word: its letters in order, short vowels free.

    ``m h m d`` (محمد) matches mohamad (doubled letters undone: Mohammad), mahmud does not; a
    leading alef any vowel; ``ʿ``/``ʾ`` a vowel or nothing (at the end, a vowel); a final ta marbuta a vowel and at
    most h or t after it; a final h (Persian فاطمه) may go unwritten. No short vowel is read after
    the last letter (یزد is Yazd, not Yazdi).
    """
    parts: list[str] = []
    last = len(units) - 1
    for pos, unit in enumerate(units):
        if unit in "ʿʾ":
            # ayn and hamza: a vowel or an apostrophe in Latin, or nothing inside a word; at its
            # end they are written (Alma, not Alam, for ألمع)
            parts.append("[aeiou']{1,2}" if pos == last else _SHORT_VOWELS)
        elif unit == _TA_MARBUTA:
            parts.append("[ae][ht]?" if pos == last else "[aet]")
        elif unit == "a" and pos == 0:
            parts.append("[aeiou]")
        elif unit == "h" and pos == last and pos > 0:
            parts.append("h?" + _SHORT_VOWELS)
        else:
            parts.append(_ABJAD_LETTERS.get(unit, re.escape(unit)))
        if pos < last:
            parts.append(_SHORT_VOWELS)
    return re.compile("".join(parts))


def _undoubled(token: str) -> str:
    """``token`` with doubled letters written once (Arabic script writes a doubled consonant once)."""
    return re.sub(r"(.)\1+", r"\1", token)


def consonant_class(word: str) -> str:
    """A coarse key that a Latin word and the Arabic-script words it can vocalise share.

    Letters that :data:`_ABJAD_LETTERS` lets stand for one another fall in one class, and the
    letters that may be vowels (alef, waw, ya, h, ʿ) are dropped: only candidates are chosen by
    it, :func:`abjad_pattern` decides.
    """
    for old, new in (("kh", "k"), ("gh", "k"), ("sh", "s"), ("ch", "s"), ("zh", "k"), ("th", "t"), ("dh", "t")):
        word = word.replace(old, new)
    word = word.translate(str.maketrans("qcgxjdsz", "kkkkkttt"))
    word = re.sub(r"[aeiouwvyh'ʿʾ9A]", "", word)
    return re.sub(r"(.)\1+", r"\1", word)


def _assign(patterns: list[re.Pattern[str]], listed: list[str]) -> bool:
    """Whether each pattern matches a different word of ``listed`` (a small backtracking search)."""
    if not patterns:
        return True
    first, rest = patterns[0], patterns[1:]
    for pos, token in enumerate(listed):
        if first.fullmatch(token) and _assign(rest, listed[:pos] + listed[pos + 1 :]):
            return True
    return False


def _reason(query: tuple[str, ...], listed: tuple[str, ...]) -> str | None:
    rest = list(listed)
    missing: list[str] = []
    for token in query:
        if token in rest:
            rest.remove(token)
        else:
            missing.append(token)
    if not missing:
        return "words of a listed name"
    if len(missing) == 1 and len(rest) == 1:
        return _one_change(missing[0], rest[0])
    return None


def person_name(fake: Any, locale: str, rng: random.Random) -> str:
    """A person name as people of ``locale`` write it (gender-consistent, Chinese family name first)."""
    if locale.startswith("zh_CN"):
        return f"{fake.last_name()}{fake.first_name()}"
    if locale.startswith("ru_RU") and rng.random() < 0.5:
        male = rng.random() < 0.5
        first = fake.first_name_male() if male else fake.first_name_female()
        middle = fake.middle_name_male() if male else fake.middle_name_female()
        last = fake.last_name_male() if male else fake.last_name_female()
        return f"{first} {middle} {last}"
    if rng.random() < 0.5:
        return f"{fake.first_name_male()} {fake.last_name_male()}"
    return f"{fake.first_name_female()} {fake.last_name_female()}"


def east_asian_latin_name(fake: Any, locale: str, rng: random.Random, latin: Any) -> str:
    """A Chinese (``zh_CN-Latn``) or Korean (``ko_KR-Latn``) person name in Latin letters, family
    name first, as lists write them: the given name's syllables run together, hyphenated or apart
    (Zhang Weiming, Zhang Wei-ming, Zhang Wei Ming), the family name in capitals before a comma half
    the time (ZHANG, Weiming). Korean given names are written a syllable a word or hyphenated
    (Gim Seong Hun, Gim Seong-hun): lists never run them together."""
    if locale.startswith("ko_KR"):
        whole = str(fake.name())  # family name (one syllable) and given name, no space
        family, given = whole[0], whole[1:]
        syllables = [latin.transliterate(char) for char in given]
        style = 1 + rng.randrange(2)
    else:
        family, given = str(fake.last_name()), str(fake.first_name())
        syllables = latin.transliterate(given).split()
        style = rng.randrange(3)
    family_latin = latin.transliterate(family).replace(" ", "").replace("-", "")
    if style == 0:
        given_latin = "".join(syllables).capitalize()
    elif style == 1:
        given_latin = "-".join(syllables).capitalize()
    else:
        given_latin = " ".join(syllable.capitalize() for syllable in syllables)
    if rng.random() < 0.5:
        return f"{family_latin.upper()}, {given_latin}"
    return f"{family_latin.capitalize()} {given_latin}"


def company_name(fake: Any, locale: str, rng: random.Random) -> str:
    """A synthetic company name: family names in a generic pattern of ``locale``'s language."""
    language = locale[:2]
    pattern = rng.choice(_COMPANY_FORMATS[language])
    suffix = rng.choice(_HAND_SUFFIXES[language]) if language in _HAND_SUFFIXES else str(fake.company_suffix())
    prefix = str(fake.company_prefix()) if language == "ru" else ""
    brand = (str(fake.first_name()) + str(fake.first_name()))[:2] if language == "zh" else ""
    text = pattern.format(
        last=fake.last_name(), last2=fake.last_name(), last3=fake.last_name(), first=fake.first_name(),
        prefix=prefix, suffix=suffix, brand=brand,
    )
    return " ".join(text.split())


def make_fakers(seed: int, locales: Iterable[str] = CLEAN_LOCALES) -> dict[str, Any]:
    """One seeded ``Faker`` per locale (``ru_RU-Latn`` shares ``ru_RU``'s providers)."""
    from faker import Faker  # dev/bench dependency, imported only when clean names are wanted

    fakers: dict[str, Any] = {}
    for locale in locales:
        fake = Faker(locale.removesuffix("-Latn"))
        fake.seed_instance(seed + len(fakers))
        fakers[locale] = fake
    return fakers


def clean_names(count: int, listed: ListedNames | set[str], seed: int) -> list[tuple[str, str, bool]]:
    """Clean person (70 %) and company (30 %) names spread evenly over :data:`CLEAN_LOCALES`.

    Args:
        count: how many names to make.
        listed: the listed names (:class:`ListedNames`, or a plain set of :func:`name_key` keys);
            a generated name found there is skipped.
        seed: seed for faker and every choice.
    Returns:
        ``(name, locale, is_person)`` triples, no two with the same :func:`name_key`.
    """
    rng = random.Random(seed + 1)
    fakers = make_fakers(seed)
    latin: Any = None
    if any(locale.endswith("-Latn") for locale in CLEAN_LOCALES):
        import icu

        latin = icu.Transliterator.createInstance("Russian-Latin/BGN; Latin-ASCII")
    made: list[tuple[str, str, bool]] = []
    seen: set[str] = set()
    attempts = 0
    while len(made) < count and attempts < count * 20:
        attempts += 1
        locale = CLEAN_LOCALES[len(made) % len(CLEAN_LOCALES)]
        fake = fakers[locale]
        is_person = rng.random() < PERSON_SHARE
        name = person_name(fake, locale, rng) if is_person else company_name(fake, locale, rng)
        if latin is not None and locale.endswith("-Latn"):
            name = latin.transliterate(name)
        key = name_key(name)
        if not key or key in seen or (name if isinstance(listed, ListedNames) else key) in listed:
            continue
        seen.add(key)
        made.append((name, locale, is_person))
    made += _east_asian_latin_names(count // len(CLEAN_LOCALES), listed, seed, seen)
    return made


def _east_asian_latin_names(
    count: int, listed: ListedNames | set[str], seed: int, seen: set[str]
) -> list[tuple[str, str, bool]]:
    """``count`` person names of each :data:`EAST_ASIAN_LATIN_LOCALES` locale, by generators of their
    own (``seed + 100``), none listed nor already made (``seen``, updated)."""
    import icu

    rng = random.Random(seed + 100)
    fakers = make_fakers(seed + 100, EAST_ASIAN_LATIN_LOCALES)
    scripts = {
        "zh_CN-Latn": icu.Transliterator.createInstance("Han-Latin; Latin-ASCII"),
        "ko_KR-Latn": icu.Transliterator.createInstance("Hangul-Latin; Latin-ASCII"),
    }
    made: list[tuple[str, str, bool]] = []
    for locale in EAST_ASIAN_LATIN_LOCALES:
        kept = attempts = 0
        while kept < count and attempts < count * 20:
            attempts += 1
            name = east_asian_latin_name(fakers[locale], locale, rng, scripts[locale])
            key = name_key(name)
            if not key or key in seen or (name if isinstance(listed, ListedNames) else key) in listed:
                continue
            seen.add(key)
            made.append((name, locale, True))
            kept += 1
    return made

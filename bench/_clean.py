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
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from _names import latin_key, name_key, script_of
from _variants import _TRANSLIT_RULES as TRANSLIT_RULES
from _variants import _TRANSLIT_WORDS as TRANSLIT_WORDS
from rapidfuzz.distance import OSA

CLEAN_LOCALES = ("ru_RU", "ru_RU-Latn", "fa_IR", "ar_AA", "zh_CN", "tr_TR", "hy_AM", "en_US", "de_DE")
PERSON_SHARE = 0.7

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
        for name in names:
            tokens = _key_tokens(name)
            if len(tokens) < 2:
                continue
            for token in set(tokens):
                self._postings.setdefault(token, set()).add(tokens)

    def reason(self, name: str) -> str | None:
        """Why ``name`` is within reach of a listed name (``"one typo: alex woolf"``), or None."""
        tokens = _key_tokens(name)
        if len(tokens) < 2 or script_of(name) == "chinese":
            return None
        # At most one word differs, so one of the two rarest words is the listed name's own.
        rarest = sorted(set(tokens), key=lambda t: len(self._postings.get(t, ())))[:2]
        for listed in sorted(set().union(*(self._postings.get(t, set()) for t in rarest))):
            why = _reason(tokens, listed)
            if why is not None:
                return f"{why}: {' '.join(listed)}"
        return None


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
    return made

"""Clean (non-listed) query names of the matching benchmark, made from faker's *synthetic* providers.

Only faker's person-name parts (first and last names) and generic company patterns are used:
a family name or two with a generic legal form or trade word (``ООО «Федотов»``, ``Eimer GmbH``,
``شركة الشحوح للتجارة``). Faker's lists of *real* companies (``ru_RU``/``tr_TR``
``large_companies``, every ``fa_IR`` company name, and ``zh_CN``'s company prefixes) contain
listed firms such as Promsvyaz'bank, Мостотрест or Славнефть, so they are never called.
On top of that, a generated name is dropped when its normalised form equals the normalised
form of a name in the loaded lists (:class:`ListedNames`, computed at run time).
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from typing import Any

from _names import latin_key, name_key, script_of

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

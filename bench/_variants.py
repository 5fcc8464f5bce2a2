"""Realistic spelling variants of listed names, for the matching benchmark's ``variant`` kind.

Each generator takes a listed name and a seeded ``random.Random`` and returns a variant that
a screening user could plausibly type for the same party, or None when the name does not
lend itself to that kind of change. The tables here are written by hand (common Russian and
Arabic romanisation alternatives, common legal-form spellings); nothing is derived from list
data, so the engine cannot have learnt them from the lists.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)

# Romanisation alternatives (pattern, replacement), applied to one occurrence in a word.
_TRANSLIT_RULES: tuple[tuple[str, str], ...] = (
    ("kh", "h"), ("h", "kh"), ("ya", "ia"), ("ia", "ya"), ("yu", "iu"), ("iu", "yu"),
    ("zh", "j"), ("ts", "tz"), ("shch", "sch"), ("ei", "ey"), ("ey", "ei"), ("iy", "y"),
    ("yi", "ii"), ("y", "i"), ("ye", "e"), ("e", "ye"), ("ov", "off"), ("ev", "yev"),
    ("ou", "u"), ("u", "ou"), ("q", "k"), ("k", "q"), ("ee", "i"), ("j", "dj"), ("dzh", "j"),
    ("w", "v"), ("v", "w"), ("x", "ks"), ("ks", "x"), ("c", "k"), ("ph", "f"), ("oo", "u"),
)
# Whole-word alternatives used in Arabic and Persian romanisation.
_TRANSLIT_WORDS: dict[str, tuple[str, ...]] = {
    "muhammad": ("mohammed", "mohamed", "muhammed"),
    "mohammed": ("muhammad", "mohamed", "mohammad"),
    "mohammad": ("muhammad", "mohammed"),
    "mohamed": ("muhammad", "mohammed"),
    "ahmad": ("ahmed",), "ahmed": ("ahmad",),
    "abdul": ("abd al", "abdel"), "abdel": ("abdul", "abd al"),
    "al": ("el",), "el": ("al",),
    "hussein": ("husain", "hussain", "husayn"), "husayn": ("hussein",),
    "hassan": ("hasan",), "hasan": ("hassan",),
    "yusuf": ("yousef", "youssef"), "youssef": ("yusuf",),
    "omar": ("umar",), "umar": ("omar",),
    "osama": ("usama",), "usama": ("osama",),
    "ali": ("aly",), "said": ("saeed", "sayed"), "saeed": ("said",),
    "abu": ("abou",), "bin": ("ben",), "ibn": ("bin",),
    "sergei": ("sergey",), "sergey": ("sergei",), "aleksandr": ("alexander", "alexandr"),
    "alexander": ("aleksandr",), "yuri": ("yury", "iurii"), "yury": ("yuri",),
    "dmitry": ("dmitri", "dmitrii"), "dmitri": ("dmitry",), "andrei": ("andrey",),
    "andrey": ("andrei",), "alexey": ("aleksei", "alexei"), "aleksei": ("alexey",),
    "nikolai": ("nikolay",), "nikolay": ("nikolai",), "evgeny": ("yevgeny", "evgeniy"),
    "yevgeny": ("evgeny",), "mikhail": ("michail", "mihail"),
}
# Legal forms that mean the same thing; a variant swaps one spelling for another of its group.
_LEGAL_FORM_GROUPS: tuple[tuple[str, ...], ...] = (
    ("LLC", "OOO", "Limited Liability Company", "L.L.C.", "Obshchestvo s Ogranichennoi Otvetstvennostyu"),
    ("Co., Ltd.", "Company Limited", "Co Ltd", "Company Ltd"),
    ("Ltd", "Limited", "Ltd."),
    ("JSC", "AO", "Joint Stock Company", "Aktsionernoe Obshchestvo"),
    ("PJSC", "PAO", "Public Joint Stock Company"),
    ("CJSC", "ZAO", "Closed Joint Stock Company"),
    ("OJSC", "OAO", "Open Joint Stock Company"),
    ("Inc", "Inc.", "Incorporated"),
    ("Corp", "Corp.", "Corporation"),
    ("GmbH", "Gesellschaft mit beschraenkter Haftung"),
    ("FZE", "Free Zone Establishment"),
    ("FZCO", "Free Zone Company"),
)
_FORM_PATTERNS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"(?<![\w.])" + re.escape(form) + r"(?![\w])", re.IGNORECASE), group)
    for group in _LEGAL_FORM_GROUPS
    for form in sorted(group, key=len, reverse=True)
]
_QWERTY_NEIGHBOURS = {
    "a": "qsz", "b": "vn", "c": "xv", "d": "sf", "e": "wr", "f": "dg", "g": "fh", "h": "gj",
    "i": "uo", "j": "hk", "k": "jl", "l": "k", "m": "n", "n": "bm", "o": "ip", "p": "o",
    "q": "w", "r": "et", "s": "ad", "t": "ry", "u": "yi", "v": "cb", "w": "qe", "x": "zc",
    "y": "tu", "z": "x",
}


def _match_case(template: str, text: str) -> str:
    if template.isupper():
        return text.upper()
    if template[:1].isupper():
        return text[:1].upper() + text[1:]
    return text


def typo(name: str, rng: random.Random) -> str | None:
    """One keyboard slip (substitution, deletion, insertion or transposition) in a word of 5+ letters."""
    words = [m for m in _WORD.finditer(name) if len(m.group()) >= 5]
    if not words:
        return None
    word = rng.choice(words)
    text = word.group()
    pos = rng.randrange(1, len(text) - 1)  # keep first and last letters, as most real typos do
    op = rng.choice(("sub", "del", "ins", "swap"))
    char = text[pos].lower()
    near = _QWERTY_NEIGHBOURS.get(char, "e")
    new_char = _match_case(text[pos], rng.choice(near))
    if op == "sub":
        changed = text[:pos] + new_char + text[pos + 1 :]
    elif op == "del":
        changed = text[:pos] + text[pos + 1 :]
    elif op == "ins":
        changed = text[:pos] + new_char + text[pos:]
    else:
        pos = max(pos, 2)  # swap two inner letters, never the first
        changed = text[: pos - 1] + text[pos] + text[pos - 1] + text[pos + 1 :]
    if changed == text:
        return None
    return name[: word.start()] + changed + name[word.end() :]


def _person_tokens(name: str) -> list[str]:
    """Name parts in given-name-first order ("PETROV, Ivan" -> ["Ivan", "PETROV"])."""
    if name.count(",") == 1:
        last, first = (part.strip() for part in name.split(","))
        return first.split() + last.split()
    return name.split()


def reorder_person(name: str, rng: random.Random) -> str | None:
    """The same person name with the family name moved to the other end."""
    tokens = _person_tokens(name)
    if len(tokens) < 2:
        return None
    if name.count(",") == 1:
        reordered = tokens  # "PETROV, Ivan" is written "Ivan PETROV"
    elif rng.random() < 0.5:
        reordered = [tokens[-1], *tokens[:-1]]
    else:
        reordered = [*tokens[1:], tokens[0]]
    result = " ".join(reordered)
    return result if result.casefold() != name.casefold() else None


#: One romanised Korean or Chinese syllable: an initial (McCune-Reischauer, Revised Romanization,
#: pinyin, Wade-Giles), a vowel of one to three letters, at most one final consonant.
_EAST_ASIAN_SYLLABLE = re.compile(
    r"(?:ch|kk|tt|pp|ss|jj|zh|sh|ts|[bcdfghjklmnpqrstwxyz])?"  # initial
    r"[aeiouy]{1,3}"  # vowel
    r"(?:ng|[nktlmp])?"  # final
)
#: McCune-Reischauer's breves as lists write them: an apostrophe after the vowel (YO'N CHO'NG NAM
#: for Yŏn Chŏng Nam), or the breve itself.
_BREVE_MARKS = str.maketrans("", "", "'\u2019\u2018`\u0306")


def _plain_syllable(token: str) -> str:
    """``token`` case-folded without accents and McCune-Reischauer's breve marks (``_BREVE_MARKS``)."""
    return unicodedata.normalize("NFKD", token.casefold()).translate(_BREVE_MARKS)


#: Honorifics and religious titles written before a name (Latin and Arabic script): what is left
#: beside them must still be a name (Haji Malik Noorzai without Malik is no one's name).
_HONORIFICS = frozenset({
    "haji", "hajji", "hadji", "hajj", "alhaj", "al-haj", "al-hajj", "mullah", "mulla", "molla", "maulvi",
    "mawlawi", "maulavi", "moulavi", "maulana", "mawlana", "sheikh", "shaikh", "shaykh", "sheik", "qari",
    "hafiz", "sayyid", "sayed", "syed", "seyed", "sayyed", "dr", "dr.",
    "حاجی", "حاجى", "حاج", "الحاج", "ملا", "مولوی", "مولوى", "مولانا", "شیخ", "شيخ", "قاری", "قارى", "حافظ",
})
#: Words that make one name with the word after them: a kunya (Abu Sulayman, "father of
#: Sulayman") or a nasab (bin Laden); without that word they name no one.
_BOUND_PARTICLES = frozenset({
    "abu", "abou", "abo", "umm", "um", "ibn", "bin", "bint", "ben",
    "ابو", "أبو", "ام", "أم", "ابن", "بن", "بنت",
})


def drop_middle(name: str, rng: random.Random) -> str | None:
    """The person name without one middle name or patronymic (needs three or more parts).

    None where the middle part is not a middle name a real query would leave out:
    - a name of three one-syllable words (KIM Yong Nam, Min Byong Chol): a Korean or Chinese
      given name is two syllables, often written as two words (Kim Yong-nam); neither syllable
      is a middle name, and one of them alone (KIM Nam, Min Chol) is another person's name;
    - a name whose other parts are an honorific and one name (Haji Malik Noorzai): without its
      given name it names no one (Haji Noorzai: a title and a tribe);
    - a middle part that follows a particle binding it (Abu Sulayman AL-ADANI): the kunya or nasab
      is one name, and the particle alone is none (Abu AL-ADANI).
    """
    tokens = _person_tokens(name)
    if len(tokens) < 3:
        return None
    if all(_EAST_ASIAN_SYLLABLE.fullmatch(_plain_syllable(token)) for token in tokens):
        return None
    drop = rng.randrange(1, len(tokens) - 1)
    if tokens[drop - 1].casefold() in _BOUND_PARTICLES:
        return None
    kept = tokens[:drop] + tokens[drop + 1 :]
    if sum(1 for token in kept if token.casefold() not in _HONORIFICS) < 2:
        return None
    return " ".join(kept)


def swap_legal_form(name: str, rng: random.Random) -> str | None:
    """The organisation name with its legal form written another way (OOO -> LLC, Co., Ltd. -> Company Limited)."""
    for pattern, group in _FORM_PATTERNS:
        found = pattern.search(name)
        if found is None:
            continue
        current = found.group().casefold()
        others = [form for form in group if form.casefold() != current]
        replacement = rng.choice(others)
        rest = (name[: found.start()] + " " + name[found.end() :]).strip(" ,")
        rest = re.sub(r"\s+", " ", rest)
        if not rest:
            return None
        # A quoted Russian name ('OOO "ROMASHKA"') is often written 'Romashka LLC' abroad.
        return f"{rest} {replacement}" if rng.random() < 0.5 else f"{replacement} {rest}"
    return None


def transliterate(name: str, rng: random.Random) -> str | None:
    """A different romanisation of one word (Muhammad -> Mohammed, Khodorkovsky -> Hodorkovsky)."""
    words = list(_WORD.finditer(name))
    rng.shuffle(words)
    for word in words:
        text = word.group()
        folded = text.casefold()
        choices = _TRANSLIT_WORDS.get(folded)
        if choices:
            return name[: word.start()] + _match_case(text, rng.choice(choices)) + name[word.end() :]
        rules = [(a, b) for a, b in _TRANSLIT_RULES if a in folded[1:]]
        if len(text) >= 4 and rules:
            old, new = rng.choice(rules)
            at = folded.index(old, 1)
            changed = text[:at] + _match_case(text[at:], new) + text[at + len(old) :]
            if text.isupper():
                changed = changed.upper()
            return name[: word.start()] + changed + name[word.end() :]
    return None


VariantMaker = Callable[[str, random.Random], str | None]

PERSON_VARIANTS: dict[str, VariantMaker] = {
    "typo": typo,
    "reorder": reorder_person,
    "drop_middle": drop_middle,
    "transliteration": transliterate,
}
ORG_VARIANTS: dict[str, VariantMaker] = {
    "typo": typo,
    "legal_form": swap_legal_form,
    "transliteration": transliterate,
}


def make_variant(name: str, is_person: bool, rng: random.Random) -> tuple[str, str] | None:
    """A variant of ``name`` from a randomly chosen applicable generator.

    Args:
        name: a listed name in Latin script.
        is_person: use person-name changes (re-ordering, dropped middle names) instead of
            organisation ones (legal forms).
        rng: the seeded random source.
    Returns:
        ``(generator_name, variant)``, or None when no generator changes the name.
    """
    makers = list((PERSON_VARIANTS if is_person else ORG_VARIANTS).items())
    rng.shuffle(makers)
    for label, maker in makers:
        variant = maker(name, rng)
        if variant and variant.casefold() != name.casefold():
            return label, variant
    return None

"""Name helpers of the matching benchmark: normalising, keys, scripts (no list data, no engine code)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from functools import lru_cache
from typing import Any

_NON_WORD = re.compile(r"[\W_]+", re.UNICODE)
# Words too common to count as "sharing a word" between an alias and the entity's names.
_GENERIC_WORDS = frozenset(
    "the and of for les des der die das al el bin ibn abu bint ben company co ltd llc limited inc corp "
    "corporation group jsc ojsc cjsc pjsc ooo oao zao pao ao gmbh sa srl fze fzco trading international "
    "general".split()
)


# The benchmark asks for the same names many times over (hold-outs, links, clean-name checks).
@lru_cache(maxsize=None)
def normalize_name(text: str) -> str:
    """Casefold ``text`` and squash punctuation and spaces (``"PETROV, Ivan"`` -> ``"petrov ivan"``)."""
    return _NON_WORD.sub(" ", unicodedata.normalize("NFC", text).casefold()).strip()


@lru_cache(maxsize=None)
def name_key(text: str) -> str:
    """An order- and accent-insensitive key (``"PETROV, Ivan"`` and ``"Ivan Pétrov"`` share one)."""
    folded = "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    return " ".join(sorted(normalize_name(folded).split()))


_LATIN: Any = None


@lru_cache(maxsize=None)  # ICU is slow, and list records and clean-name checks ask for the same names
def latin_key(text: str) -> str:
    """:func:`name_key` of the ICU romanisation of ``text`` (used only to link list records)."""
    global _LATIN
    if _LATIN is None:
        import icu

        _LATIN = icu.Transliterator.createInstance("Any-Latin; Latin-ASCII")
    return name_key(_LATIN.transliterate(text))


def words(text: str) -> set[str]:
    """The distinctive words of a name: normalised, three letters or more, not generic."""
    return {w for w in normalize_name(text).split() if len(w) >= 3 and w not in _GENERIC_WORDS}


@lru_cache(maxsize=None)
def script_of(text: str) -> str:
    """The main script of a name: ``latin``, ``cyrillic``, ``arabic``, ``chinese`` or ``other``."""
    counts: Counter[str] = Counter()
    for char in text:
        if not char.isalpha():
            continue
        code = ord(char)
        if code < 0x250 or 0x1E00 <= code <= 0x1EFF:
            counts["latin"] += 1
        elif 0x400 <= code <= 0x52F:
            counts["cyrillic"] += 1
        elif 0x600 <= code <= 0x8FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            counts["arabic"] += 1
        elif 0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF:
            counts["chinese"] += 1
        else:
            counts["other"] += 1
    return counts.most_common(1)[0][0] if counts else "other"


def query_schema(schema: str) -> str:
    """The schema a screening user would send for a party of ``schema`` (organisations -> LegalEntity)."""
    if schema in ("Person", "Vessel", "Airplane"):
        return schema
    return "LegalEntity"

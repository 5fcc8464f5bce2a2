"""Free-text place matching: find occupied towns, region names and Caspian ports in address text.

Names come from ``geo/data/place_names.yaml`` (via ``geo/jurisdictions.py``). Text and names are
normalised the same way (casefold, accents removed, ``ё`` read as ``е``, apostrophes dropped,
punctuation read as spaces), and a name matches as a whole word sequence. Longer names are tried
first and consume the text they match, so "Donetsk Oblast" is read as the oblast and not also as
the city of Donetsk, and "Nova Kakhovka" is not also "Kakhovka".
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

_APOSTROPHES = re.compile(r"['’ʼ`´]")
_NON_WORD = re.compile(r"[\W_]+")
_CONSUMED = "\x00"


def normalize_place(text: str) -> str:
    """Normalise a place name or address for matching.

    Args:
        text: any text (``"г. Севастополь"``, ``"Luhans'k"``, ``"Türkmenbaşy"``).
    Returns:
        Words separated by single spaces (``"г севастополь"``, ``"luhansk"``, ``"turkmenbasy"``).
    """
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("ı", "i").replace("ё", "е")
    text = _APOSTROPHES.sub("", text)
    return " ".join(_NON_WORD.sub(" ", text).split())


@dataclass(frozen=True, slots=True)
class PlaceHit(Generic[T]):
    """One name found in a text.

    Attributes:
        target: what the name stands for (a region, a port ...).
        name: the name as written in the data file.
        kind: the list the name came from (``territory_names``, ``places``, ``ports`` ...).
    """

    target: T
    name: str
    kind: str


class PlaceIndex(Generic[T]):
    """Names of places, searched in free text longest first."""

    def __init__(self, entries: Iterable[tuple[str, str, T]]) -> None:
        """Build the index.

        Args:
            entries: ``(name, kind, target)`` triples; empty names are skipped.
        """
        keyed: dict[str, list[tuple[str, str, T]]] = {}
        for name, kind, target in entries:
            key = normalize_place(name)
            if key:
                keyed.setdefault(key, []).append((name, kind, target))
        ordered = sorted(keyed.items(), key=lambda item: (-len(item[0]), item[0]))
        self._names = [
            (re.compile(rf"(?<!\S){re.escape(key)}(?!\S)"), targets) for key, targets in ordered
        ]

    def __len__(self) -> int:
        return len(self._names)

    def find(self, text: str | None) -> list[PlaceHit[T]]:
        """Every name found in ``text``, longest first; each stretch of text is used once.

        Args:
            text: free text (an address line, a region, a port name).
        Returns:
            The hits (a name shared by two targets, "Astara", gives one hit for each).
        """
        if not text:
            return []
        haystack = normalize_place(text)
        hits: list[PlaceHit[T]] = []
        for needle, targets in self._names:
            haystack, count = needle.subn(_CONSUMED, haystack)
            if not count:
                continue
            hits.extend(PlaceHit(target, name, kind) for name, kind, target in targets)
        return hits

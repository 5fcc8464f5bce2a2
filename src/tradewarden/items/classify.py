"""Classify an item that has no HS code from its description and part number.

The patterns live in ``items/data/classifier.csv`` (maintained by hand, the reasoning for each HS-6
beside it). Rows are tried in file order and the first match decides; the result names the row,
the text it matched and why that HS-6 follows. When no row matches the answer is "unclassified",
never a guess.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum
from functools import cache

from tradewarden.errors import ConfigError
from tradewarden.items.hs_lists import CLASSIFIER_FILE, read_table


class Confidence(str, Enum):
    """How far a classification can be trusted."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    NONE = "none"


class PatternKind(str, Enum):
    """What a classifier row looks at, and what a match means."""

    PART_NUMBER = "part_number"  # part number, manufacturer and description: a product family
    KEYWORD = "keyword"  # description only: a phrase naming the kind of item
    EXCLUDE = "exclude"  # description only: no HS code can be read from the text; needs a person


@dataclass(frozen=True, slots=True)
class Pattern:
    """One row of ``classifier.csv``."""

    id: str
    kind: PatternKind
    regex: re.Pattern[str]
    hs6: str | None
    heading: str | None
    category: str
    uav_ref: str | None
    confidence: Confidence
    example: str
    basis: str


@dataclass(frozen=True, slots=True)
class Classification:
    """The classifier's answer for one item.

    Attributes:
        hs6: the six-digit subheading, or None when unclassified or only the heading is known.
        category: what the item is (``GNSS receiver module``), or ``unclassified``.
        reason: one sentence saying which pattern fired on which text, and why that code.
        confidence: high / medium / low, or none when unclassified.
        heading: the four-digit heading when the subheading is unknown (``8806``), else None.
        pattern_id: the classifier row that decided (``P01``), or None.
        uav_ref: the UAV item category (``U11``) the pattern puts the item in, or None.
        matched: the text the pattern matched.
    """

    hs6: str | None
    category: str
    reason: str
    confidence: Confidence
    heading: str | None = None
    pattern_id: str | None = None
    uav_ref: str | None = None
    matched: str = ""

    @property
    def classified(self) -> bool:
        """Whether a subheading or at least a heading was found."""
        return self.hs6 is not None or self.heading is not None


UNCLASSIFIED = "unclassified"


def _compile(row: dict[str, str]) -> Pattern:
    try:
        regex = re.compile(row["pattern"], re.IGNORECASE)
        kind = PatternKind(row["kind"])
        confidence = Confidence(row["confidence"])
    except (re.error, ValueError) as exc:
        raise ConfigError(f"{CLASSIFIER_FILE} row {row.get('id')}: {exc}", row=row.get("id")) from exc
    return Pattern(
        id=row["id"],
        kind=kind,
        regex=regex,
        hs6=row["hs6"] or None,
        heading=row["heading"] or None,
        category=row["category"],
        uav_ref=row["uav_ref"] or None,
        confidence=confidence,
        example=row["example"],
        basis=row["basis"],
    )


@cache
def patterns() -> tuple[Pattern, ...]:
    """Every classifier row, in evaluation order (read once from ``classifier.csv``)."""
    return tuple(_compile(row) for row in read_table(CLASSIFIER_FILE))


def _clean(text: str | None) -> str:
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).casefold()
    # Keep hyphens and dots (part numbers, "3.3 v"); other punctuation separates words.
    text = re.sub(r"[,;:/()\[\]{}\"'`|+*]+", " ", text)
    return " ".join(text.split())


# "X with Y", "X incl. Y": the item is X; Y is what comes with it ("drone with camera").
_ACCESSORIES = re.compile(r"\s(?:with|w/|incl\.?|including|plus|and spare|\+)\s")


def _head(text: str) -> str:
    return _ACCESSORIES.split(f"{text} ", maxsplit=1)[0].strip()


def _first_match(part_text: str, description: str) -> tuple[Pattern, re.Match[str]] | None:
    for pattern in patterns():
        text = part_text if pattern.kind is PatternKind.PART_NUMBER else description
        match = pattern.regex.search(text) if text else None
        if match is not None:
            return pattern, match
    return None


def classify(
    description: str | None, part_number: str | None = None, manufacturer: str | None = None
) -> Classification:
    """Classify an item from its description, part number and manufacturer.

    The rows are tried first against the head of the description (the text before "with",
    "incl." ...: in "drone with camera" the item is the drone), then against the whole of it.

    Args:
        description: free text (``"GPS receiver module"``, ``"50 cc two-stroke engine"``).
        part_number: the manufacturer part number (``"NEO-M8N"``, ``"STM32F405RGT6"``).
        manufacturer: the maker's name (``"u-blox"``); only searched by part-number patterns.
    Returns:
        The first matching classifier row as a Classification, or an ``unclassified`` answer
        with confidence ``none`` that says what was searched.
    """
    described = _clean(description)
    head = _head(described)
    labels = " ".join(part for part in (_clean(part_number), _clean(manufacturer)) if part)
    found = _first_match(f"{labels} {head}".strip(), head)
    if found is None and head != described:
        found = _first_match(f"{labels} {described}".strip(), described)
    if found is None:
        if not described and not labels:
            reason = "no description or part number to classify"
        else:
            searched = "description and part number" if labels else "description"
            reason = f"no classifier pattern matches the {searched}; a person must classify the item"
        return Classification(hs6=None, category=UNCLASSIFIED, reason=reason, confidence=Confidence.NONE)
    pattern, match = found
    where = "part number / description" if pattern.kind is PatternKind.PART_NUMBER else "description"
    if pattern.kind is PatternKind.EXCLUDE:
        return Classification(
            hs6=None,
            category=pattern.category,
            reason=f"{pattern.id}: {where} mentions {match.group(0)!r}; {pattern.basis}",
            confidence=Confidence.NONE,
            pattern_id=pattern.id,
            matched=match.group(0),
        )
    code = pattern.hs6 or f"heading {pattern.heading}"
    return Classification(
        hs6=pattern.hs6,
        category=pattern.category,
        reason=f"{pattern.id}: {where} matches {match.group(0)!r} -> {code} ({pattern.category}); "
        f"{pattern.basis}",
        confidence=pattern.confidence,
        heading=pattern.heading,
        pattern_id=pattern.id,
        uav_ref=pattern.uav_ref,
        matched=match.group(0),
    )

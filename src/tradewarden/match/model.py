"""The matching vocabulary: ``Query`` in, ``Match`` (with ``FeatureResult`` evidence) out.

Plain slotted dataclasses: they sit in the hot path, and the API converts them at its edge.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

#: One alert threshold for every list: a match scoring at least this is worth a reviewer's look.
#: On the labelled benchmark (bench/match_quality.py, every shared list, 2026-11-26) 1.0 in 1,000
#: clean faker names alert at 0.80 (3 of 2,994; 2.7 in 1,000 counting the six clean names a variant
#: generator could make from a listed name, such as "Yuriy Zaytsev" for "ZAYTSEV, Yuriy
#: Viktorovich"), with recall 0.965 on generated variants, 0.71 on held-out aliases sharing a word,
#: 0.90 on Cyrillic and 0.775 on Arabic/Persian names. An earlier measurement put 0.79 at three
#: more clean alerts and 0.81 at about a point less recall on every kind.
DEFAULT_THRESHOLD = 0.80


class MatchKind(StrEnum):
    """Why a listed entity was returned."""

    NAME = "name"
    SHARED_IDENTIFIER = "shared_identifier"


@dataclass(slots=True)
class Query:
    """A party to screen: names plus whatever secondary evidence is known.

    Attributes:
        names: names of the party, in any script.
        schema: FtM schema (``Person``, ``Organization``, ``Company``, ``Vessel`` ...) or None.
        countries: country names or ISO codes linked to the party.
        birth_dates: ISO date prefixes (``1970``, ``1970-01``, ``1970-01-01``).
        identifiers: registration, tax, passport, IMO, SWIFT ... numbers.
        addresses: postal addresses.
        emails, phones, websites: contact details.
    """

    names: list[str] = field(default_factory=list)
    schema: str | None = None
    countries: list[str] = field(default_factory=list)
    birth_dates: list[str] = field(default_factory=list)
    identifiers: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    phones: list[str] = field(default_factory=list)
    websites: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class FeatureResult:
    """One piece of evidence and what it did to the score.

    Attributes:
        name: the feature's name (``country_mismatch``).
        value: what the feature found, in [0, 1] (1 = fully present).
        weight: the feature's weight in the table.
        contribution: ``value * weight``, the amount added to the score (may be negative).
        detail: one readable sentence about the evidence.
    """

    name: str
    value: float
    weight: float
    contribution: float
    detail: str


@dataclass(frozen=True, slots=True)
class Match:
    """A listed entity that matched a query, with its score and explanation."""

    entity_id: str
    source: str
    source_id: str
    caption: str
    schema: str
    matched_name: str
    query_name: str
    score: float
    kind: str
    features: list[FeatureResult]
    explanation: str


__all__ = ["DEFAULT_THRESHOLD", "FeatureResult", "Match", "MatchKind", "Query"]

"""Item screening: HS codes and descriptions against export-control lists that cite their regulation.

``screen_item`` checks one order line against the Common High Priority List, Supplement No. 7 to
15 CFR part 746 (Iran / Russia / Belarus / Crimea), Supplements No. 2 and 4 (Russia / Belarus) and
the categories of parts found in Iranian drones; ``classify`` infers an HS-6 from a description or
part number, saying why. Data: ``items/data/*.csv`` (see each file's header comment), read once.
"""

from __future__ import annotations

from tradewarden.items.check import HIGH_PRIORITY_CODES, ItemInput, has_high_priority, screen_item
from tradewarden.items.classify import Classification, Confidence, classify
from tradewarden.items.hs import HSCode, normalize_hs6, parse_hs
from tradewarden.items.hs_lists import ListHits, is_high_priority, lookup

__all__ = [
    "HIGH_PRIORITY_CODES",
    "Classification",
    "Confidence",
    "HSCode",
    "ItemInput",
    "ListHits",
    "classify",
    "has_high_priority",
    "is_high_priority",
    "lookup",
    "normalize_hs6",
    "parse_hs",
    "screen_item",
]

"""tradewarden: export-control and sanctions due diligence.

The public API is listed in ``__all__``; everything else is private. ``tradewarden.match`` is
both the matching package and a function::

    import tradewarden
    tradewarden.match("Концерн Калашников")   # matches against the current stored lists
"""

from __future__ import annotations

from tradewarden.decide import Decision, DecisionPolicy, ListVersionRef, decide
from tradewarden.errors import (
    ConfigError,
    FetchError,
    InputError,
    ListFormatError,
    NotFound,
    StoreError,
    TradewardenError,
    ValidationGateError,
)
from tradewarden.findings import Category, Evidence, Finding, Outcome, Severity
from tradewarden.lists.load import load_folder
from tradewarden.lists.update import UpdateOutcome, load_into_store
from tradewarden.lists.update_remote import update_lists
from tradewarden import match  # the package, callable: tradewarden.match("NAME")
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import DEFAULT_THRESHOLD, FeatureResult, Match, Query
from tradewarden.models import Order, parse_order
from tradewarden.screen import screen_order
from tradewarden.settings import Settings, get_settings
from tradewarden.store import Store

__version__ = "0.1.0"

__all__ = [
    "Category",
    "ConfigError",
    "decide",
    "Decision",
    "DecisionPolicy",
    "DEFAULT_THRESHOLD",
    "Evidence",
    "FeatureResult",
    "FetchError",
    "Finding",
    "get_settings",
    "InputError",
    "ListFormatError",
    "ListVersionRef",
    "load_folder",
    "load_into_store",
    "Match",
    "match",
    "MatchIndex",
    "NotFound",
    "Order",
    "Outcome",
    "parse_order",
    "Query",
    "screen_order",
    "Settings",
    "Severity",
    "Store",
    "StoreError",
    "TradewardenError",
    "update_lists",
    "UpdateOutcome",
    "ValidationGateError",
]

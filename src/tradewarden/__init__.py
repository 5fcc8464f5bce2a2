"""tradewarden: export-control and sanctions due diligence.

The public API is listed in ``__all__``; everything else is private.
"""

from __future__ import annotations

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
from tradewarden.lists.load import load_folder
from tradewarden.settings import Settings, get_settings

__version__ = "0.1.0"

__all__ = [
    "ConfigError",
    "FetchError",
    "InputError",
    "ListFormatError",
    "NotFound",
    "Settings",
    "StoreError",
    "TradewardenError",
    "ValidationGateError",
    "get_settings",
    "load_folder",
]

"""The one error hierarchy of tradewarden.

    TradewardenError            base; carries ``message`` and structured ``details``
    ├── InputError              bad user input; ``field`` names the record and field
    ├── ListFormatError         a list file cannot be parsed (file, line, reason)
    ├── ValidationGateError     a parsed list failed a gate before the swap
    ├── FetchError              a download failed (URL, status, reason)
    ├── StoreError              the database refused or is inconsistent
    ├── NotFound                an entity, version or source does not exist
    ├── AuthError               a login or API key was refused
    ├── PermissionDenied        the user's role does not allow the action
    ├── ConflictError           someone else changed the record first (optimistic concurrency)
    └── ConfigError             settings are invalid

Catch it once, at the edge (CLI, API): users see the message, never a traceback.
"""

from __future__ import annotations

from typing import Any


class TradewardenError(Exception):
    """Base of every error tradewarden raises on purpose."""

    def __init__(self, message: str, **details: Any) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = details

    def __str__(self) -> str:
        return self.message


class InputError(TradewardenError):
    """Bad input; ``field`` names the record and field (``order.items[3].hs_code``)."""

    def __init__(self, message: str, field: str | None = None, **details: Any) -> None:
        super().__init__(message, field=field, **details)
        self.field = field

    def __str__(self) -> str:
        if self.field:
            return f"{self.field}: {self.message}"
        return self.message


class ListFormatError(TradewardenError):
    """A list file cannot be parsed at all."""


class ValidationGateError(TradewardenError):
    """A freshly parsed list version failed a validation gate and was not made current."""


class FetchError(TradewardenError):
    """Downloading a list file failed."""


class StoreError(TradewardenError):
    """The store refused an operation or found itself inconsistent."""


class NotFound(TradewardenError):
    """The requested entity, version or source does not exist."""


class AuthError(TradewardenError):
    """Authentication failed (unknown user, wrong password, unknown key, disabled user)."""


class PermissionDenied(TradewardenError):
    """The authenticated user's role does not grant the action."""


class ConflictError(TradewardenError):
    """Another writer changed the record since it was read; nothing was overwritten: reload and retry."""


class ConfigError(TradewardenError):
    """Settings are missing or invalid."""

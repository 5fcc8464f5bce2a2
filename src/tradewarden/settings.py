"""Settings from the environment (prefix ``TRADEWARDEN_``); nothing else reads ``os.environ``."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_home() -> Path:
    return Path.home() / ".local" / "share" / "tradewarden"


class Settings(BaseSettings):
    """Runtime configuration; build your own in tests instead of mutating globals."""

    model_config = SettingsConfigDict(env_prefix="TRADEWARDEN_", extra="ignore")

    # Data directory: the SQLite store, the match index and downloads live here.
    home: Path = Field(default_factory=_default_home)
    # SQLAlchemy URL; empty means SQLite at HOME/tradewarden.db.
    database_url: str = ""
    # Lists older than this many hours are reported stale by `lists status`.
    max_list_age_hours: float = 48.0
    # A new version whose entity count drops by more than this fraction is refused.
    max_shrink: float = 0.20
    # A corroborated party match scoring at least this is "confirmed" (party_check.confirmation).
    confirm_match_score: float = 0.95
    # Screening never clears an order while one of these lists has no current version.
    required_sources: tuple[str, ...] = ("us_ofac_sdn", "us_trade_csl", "un_sc_sanctions")
    # Network timeout (seconds) for each request of a list download.
    http_timeout: float = 60.0
    # How many times a failed download is retried (with backoff).
    http_retries: int = 3
    # Audit entries older than this many days may be pruned (OFAC keeps records 10 years).
    audit_retention_days: int = 3650
    # Releasing a case whose risk score is at least this needs a second reviewer (four eyes).
    four_eyes_min_score: float = 70.0
    # The largest attachment (bytes) a case decision accepts.
    max_attachment_bytes: int = 10 * 1024 * 1024
    # The largest HTTP request body (bytes) the API accepts; attachments may add max_attachment_bytes.
    api_max_body_bytes: int = 1024 * 1024
    # Requests per second each API key (or session, or client address) may make on average ...
    api_rate_per_second: float = 50.0
    # ... and how many it may make in a burst.
    api_rate_burst: int = 200
    # A web UI login lasts this many hours.
    session_hours: float = 12.0
    # Mark the web UI's cookies Secure (sent over HTTPS only; browsers also accept them from http://localhost).
    # Set false only to sign in over plain HTTP on another host during development.
    session_cookie_secure: bool = True

    def resolved_database_url(self) -> str:
        """The database URL in force: the configured one, else SQLite under ``home``."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.home / 'tradewarden.db'}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process-wide settings, built once from the environment."""
    return Settings()

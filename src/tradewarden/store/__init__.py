"""Versioned entity store (SQLAlchemy 2 + Alembic): list versions, their entities, diffs.

SQLite under ``TRADEWARDEN_HOME`` by default, PostgreSQL when ``TRADEWARDEN_DATABASE_URL``
names it. Every load of a list is an immutable version; one version per source is current.
"""

from __future__ import annotations

from tradewarden.store.records import EntityChange, EntityDiff, EntitySummary, VersionInfo, VersionStatus
from tradewarden.store.store import Store

__all__ = ["EntityChange", "EntityDiff", "EntitySummary", "Store", "VersionInfo", "VersionStatus"]

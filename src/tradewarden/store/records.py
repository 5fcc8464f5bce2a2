"""What the store hands out: version records, entity summaries and diffs (plain dataclasses).

These are values read from the store's tables (:mod:`tradewarden.store.tables`); holding one
keeps no database connection open.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, NamedTuple


class VersionStatus(StrEnum):
    """Where a list version is in its life: staged, then current or failed, then superseded."""

    STAGED = "staged"
    CURRENT = "current"
    SUPERSEDED = "superseded"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class VersionInfo:
    """One immutable load of one source.

    Attributes:
        id: the version number (increasing across all sources).
        source: the source name (``us_ofac_sdn``).
        status: ``staged``, ``current``, ``superseded`` or ``failed`` (a :class:`VersionStatus`,
            which compares equal to those strings).
        created_at: when staging began (UTC).
        fetched_at: when the input files were downloaded (UTC), if known.
        published_at: the publication date the list states about itself, if any.
        sha256: the combined sha256 of the input files.
        files: the input files as ``{"name", "sha256", "bytes", "url"}`` records.
        entity_count: listed entities (those with a ``source_id``, not relations).
        problem_count: rows the parsers could not use.
        problems: the first 200 problems, as ``file:line: reason`` text.
        reason: why the version failed, if it did.
        row_count: every entity row of the version (listed entities, relations, addresses).
        staged_at: when staging finished (UTC); None while it runs or if it never finished.
        promoted_at: when the version became current (UTC), if it did.
    """

    id: int
    source: str
    status: VersionStatus
    created_at: datetime
    fetched_at: datetime | None
    published_at: str | None
    sha256: str
    files: list[dict[str, Any]]
    entity_count: int
    problem_count: int
    problems: list[str]
    reason: str | None
    row_count: int = 0
    staged_at: datetime | None = None
    promoted_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class EntitySummary:
    """The columns of one entity row that identify it to a reader."""

    entity_id: str
    source_id: str | None
    schema: str
    caption: str


class EntityChange(NamedTuple):
    """An entity present in both versions whose content differs."""

    old: EntitySummary
    new: EntitySummary
    # Property names whose values differ; ``schema`` when the schema itself changed.
    changed_props: list[str]


@dataclass(frozen=True, slots=True)
class EntityDiff:
    """What changed between two versions, keyed by entity id (each list sorted by it)."""

    added: list[EntitySummary] = field(default_factory=list)
    removed: list[EntitySummary] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)
    old_version: int | None = None
    new_version: int | None = None

    @property
    def empty(self) -> bool:
        """True when the two versions hold the same entities with the same content."""
        return not (self.added or self.removed or self.changed)

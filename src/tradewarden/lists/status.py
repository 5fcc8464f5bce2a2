"""What the store says about each source: freshness, and which two versions a diff compares.

Pure functions over :class:`~tradewarden.store.VersionInfo` values read from the store by
the CLI and API (``lists status``, ``lists diff``); nothing here opens the database.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from tradewarden.errors import InputError, NotFound
from tradewarden.lists.sources import SOURCES
from tradewarden.store import VersionInfo

_COMPARABLE = ("current", "superseded")


@dataclass(frozen=True, slots=True)
class SourceStatus:
    """One source's current version and how old it is."""

    source: str
    title: str
    version: VersionInfo | None
    age_hours: float | None
    stale: bool

    @property
    def state(self) -> str:
        """``missing`` (never loaded), ``stale`` (older than allowed) or ``ok``."""
        if self.version is None:
            return "missing"
        return "stale" if self.stale else "ok"

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready record of the status."""
        version = self.version
        return {
            "source": self.source,
            "title": self.title,
            "state": self.state,
            "stale": self.stale,
            "version": None if version is None else version.id,
            "published_at": None if version is None else version.published_at,
            "fetched_at": None if version is None or version.fetched_at is None else version.fetched_at.isoformat(),
            "age_hours": None if self.age_hours is None else round(self.age_hours, 2),
            "entity_count": None if version is None else version.entity_count,
            "problem_count": None if version is None else version.problem_count,
        }


def source_statuses(
    current: Mapping[str, VersionInfo | None], *, max_age_hours: float, now: datetime
) -> list[SourceStatus]:
    """The status of every known source (and any other source that has a version).

    Args:
        current: the current version of each source, None where there is none.
        max_age_hours: a version fetched longer ago than this is stale.
        now: the time to measure ages against (timezone-aware).
    Returns:
        One status per source: the known sources in registry order, then the others sorted.
    """
    names = [*SOURCES, *sorted(set(current) - set(SOURCES))]
    statuses: list[SourceStatus] = []
    for name in names:
        version = current.get(name)
        title = SOURCES[name].title if name in SOURCES else name
        if version is None:
            statuses.append(SourceStatus(name, title, None, None, False))
            continue
        loaded = version.fetched_at or version.created_at
        age = (now - loaded).total_seconds() / 3600
        statuses.append(SourceStatus(name, title, version, age, age > max_age_hours))
    return statuses


def diff_versions_of(
    source: str, versions: list[VersionInfo], old_id: int | None = None, new_id: int | None = None
) -> tuple[VersionInfo, VersionInfo]:
    """The two versions of ``source`` a diff compares: by default the previous and the current.

    Args:
        source: the source name.
        versions: the source's versions (any order).
        old_id: the version to compare from; default the newest accepted version before ``new``.
        new_id: the version to compare to; default the current version.
    Returns:
        ``(old, new)``.
    Raises:
        NotFound: a named version is not a version of ``source``, or there is no current
            or no earlier version to compare.
        InputError: ``old`` is not older than ``new``.
    """
    by_id = {v.id: v for v in versions}
    if new_id is not None:
        new = _named(source, by_id, new_id)
    else:
        current = [v for v in versions if v.status == "current"]
        if not current:
            raise NotFound(f"{source} has no current version; run `tradewarden lists update` first", source=source)
        new = current[0]
    if old_id is not None:
        old = _named(source, by_id, old_id)
        if old.id == new.id:
            raise InputError(f"both sides of the diff are version {old.id}", field="old")
        return old, new
    earlier = sorted((v for v in versions if v.id < new.id and v.status in _COMPARABLE), key=lambda v: v.id)
    if not earlier:
        raise NotFound(f"{source} has no version before {new.id} to compare with", source=source)
    return earlier[-1], new


def _named(source: str, by_id: dict[int, VersionInfo], version_id: int) -> VersionInfo:
    try:
        return by_id[version_id]
    except KeyError:
        raise NotFound(f"{source} has no version {version_id}", source=source, version_id=version_id) from None

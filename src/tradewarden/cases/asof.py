"""Time travel: was a party listed on a given date, according to the stored list versions?

For each source, the version in force on a date is the newest stored version (current or
superseded; never a failed or staged one) whose publication date (``published_at``; else the
day it was loaded, ``created_at``) is on or before that date. The name is matched against the
entities of those versions with the ordinary matcher; the index over a set of versions is
built once and kept under ``TRADEWARDEN_HOME/match/asof-*.idx`` (versions never change).
A source with no version that old is reported as unknown, never as "not listed".
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

from tradewarden.errors import InputError, StoreError
from tradewarden.match.index import MatchIndex, freeze_long_lived
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.match.service import index_key
from tradewarden.store import Store, VersionInfo, VersionStatus

#: How many as-of index files are kept (the newest by use).
KEEP_INDEXES = 4
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")


def parse_day(text: str, field_name: str = "date") -> date:
    """A ``YYYY-MM-DD`` date.

    Raises:
        InputError: not a valid ISO date.
    """
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise InputError(f"not a date: {text!r}; use YYYY-MM-DD", field=field_name) from None


def effective_day(version: VersionInfo) -> date:
    """The day a version took effect: its ``published_at`` date if readable, else its load day."""
    found = _ISO_DAY.match(version.published_at or "")
    if found:
        try:
            return date(int(found[1]), int(found[2]), int(found[3]))
        except ValueError:
            pass
    return version.created_at.date()


def versions_asof(versions: Sequence[VersionInfo], day: date) -> dict[str, VersionInfo]:
    """The version of each source in force on ``day`` (pure).

    Args:
        versions: stored versions of any sources and statuses.
        day: the date asked about.
    Returns:
        By source, the newest current or superseded version effective on or before ``day``
        (ties broken by the higher version id); sources without one are left out.
    """
    chosen: dict[str, VersionInfo] = {}
    for version in versions:
        if version.status not in (VersionStatus.CURRENT, VersionStatus.SUPERSEDED):
            continue
        if effective_day(version) > day:
            continue
        best = chosen.get(version.source)
        if best is None or (effective_day(version), version.id) > (effective_day(best), best.id):
            chosen[version.source] = version
    return chosen


@dataclass(frozen=True, slots=True)
class SourceAsOf:
    """One source's answer: the version in force (None: no version that old) and the matches."""

    source: str
    version: VersionInfo | None
    matches: list[Match] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The answer as a JSON object."""
        version = self.version
        return {
            "source": self.source,
            "known": version is not None,
            "version_id": None if version is None else version.id,
            "published_at": None if version is None else version.published_at,
            "effective": None if version is None else effective_day(version).isoformat(),
            "listed": bool(self.matches),
            "matches": [
                {"entity_id": m.entity_id, "source_id": m.source_id, "caption": m.caption, "schema": m.schema,
                 "matched_name": m.matched_name, "score": m.score, "explanation": m.explanation}
                for m in self.matches
            ],
        }


@dataclass(frozen=True, slots=True)
class AsOfAnswer:
    """Whether a name was listed on a date, source by source."""

    day: date
    name: str
    sources: list[SourceAsOf]

    @property
    def listed(self) -> bool:
        """True when any source in force on the day lists a match."""
        return any(entry.matches for entry in self.sources)

    def as_dict(self) -> dict[str, Any]:
        """The answer as a JSON object."""
        return {
            "date": self.day.isoformat(),
            "name": self.name,
            "listed": self.listed,
            "sources": [entry.as_dict() for entry in self.sources],
        }


def _entities(store: Store, version_ids: Sequence[int]) -> Iterator[EntityProxy]:
    for version_id in version_ids:
        yield from store.entities(version_id)


def asof_index(store: Store, version_ids: Sequence[int], cache_dir: Path | None) -> MatchIndex:
    """The match index over the given versions: from ``cache_dir`` if built before, else built now.

    Args:
        store: the open store.
        version_ids: the versions to index.
        cache_dir: where as-of indexes are kept (None: build in memory only).
    Returns:
        The index.
    """
    ids = sorted(set(version_ids))
    index = _asof_index(store, ids, cache_dir)
    # Out of the collector's full scans while it is used (freed as usual once dropped).
    freeze_long_lived()
    return index


def _asof_index(store: Store, ids: list[int], cache_dir: Path | None) -> MatchIndex:
    if cache_dir is None:
        return MatchIndex.build(_entities(store, ids))
    path = cache_dir / f"asof-{index_key(ids)}.idx"
    if path.exists():
        try:
            index = MatchIndex.load(path)
            path.touch()
            return index
        except StoreError:
            path.unlink(missing_ok=True)
    index = MatchIndex.build(_entities(store, ids))
    index.save(path)
    older = sorted(cache_dir.glob("asof-*.idx"), key=lambda p: p.stat().st_mtime, reverse=True)
    for stale in itertools.islice(older, KEEP_INDEXES, None):
        stale.unlink(missing_ok=True)
    return index


def listed_asof(
    store: Store,
    day: date,
    query: Query | str,
    *,
    sources: Sequence[str] | None = None,
    cache_dir: Path | None = None,
    min_score: float = DEFAULT_THRESHOLD,
    limit: int = 10,
) -> AsOfAnswer:
    """Whether a party was listed on ``day``, from the stored versions in force then.

    Args:
        store: the open store.
        day: the date asked about.
        query: a name, or a full match query.
        sources: only these sources (default: every source with stored versions).
        cache_dir: where to keep the index of the versions (``TRADEWARDEN_HOME/match``).
        min_score: the match threshold.
        limit: the most matches per source.
    Returns:
        Per source: the version in force (or none) and its matches.
    Raises:
        InputError: an empty name.
    """
    if isinstance(query, str):
        if not query.strip():
            raise InputError("a name is required", field="name")
        query = Query(names=[query.strip()])
    all_versions = store.versions()
    names = sorted({v.source for v in all_versions} if sources is None else set(sources))
    chosen = versions_asof([v for v in all_versions if v.source in names], day)
    index = asof_index(store, [v.id for v in chosen.values()], cache_dir) if chosen else None
    matches = [] if index is None else index.match(query, limit * max(1, len(chosen)), min_score)
    by_source: dict[str, list[Match]] = {}
    for match in matches:
        by_source.setdefault(match.source, []).append(match)
    answers = [SourceAsOf(name, chosen.get(name), by_source.get(name, [])[:limit]) for name in names]
    return AsOfAnswer(day, query.names[0] if query.names else "", answers)

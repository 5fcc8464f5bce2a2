"""The I/O edge of screening: what ``screen_order`` needs, read from the store and cached on disk.

``load_screening(store, settings)`` returns the match index (:func:`tradewarden.match.service.load_index`),
the :class:`~tradewarden.listed.ListData` side tables, the list versions in force and the
:class:`~tradewarden.decide.DecisionPolicy` with the sources that are stale or missing. The list
data is built once per set of current versions (about half a minute for every shared list) and
kept under ``TRADEWARDEN_HOME/screen/`` in a file named for that set, like the match index; a
new list version means a new file, and older ones are removed. The CLI, API and batch engines
call this; ``screen.py`` itself stays pure.

Staleness (the ``lists status`` rule): a source whose current version was fetched more than
``max_list_age_hours`` ago is stale; a source of ``required_sources`` without any current version
is missing. Either keeps every decision from being "clear".
"""

from __future__ import annotations

import pickle
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from tradewarden.atomic_file import write_pickle
from tradewarden.decide import DecisionPolicy, ListVersionRef
from tradewarden.listed import ListData
from tradewarden.lists.sources import SOURCES
from tradewarden.lists.status import source_statuses
from tradewarden.match.index import MatchIndex
from tradewarden.match.service import index_key, load_index
from tradewarden.party_check import ConfirmPolicy
from tradewarden.settings import Settings
from tradewarden.store import Store, VersionInfo

#: Bump when the pickled ListData layout changes, so old cache files are rebuilt.
CACHE_FORMAT = 1
_LOADED: dict[Path, ListData] = {}
_LOCK = threading.Lock()


@dataclass(slots=True)
class Screening:
    """Everything ``screen_order`` takes besides the order.

    Attributes:
        index: the match index of the current list versions.
        lists: programmes, ownership links and versions of the current lists.
        policy: the decision policy, with stale and missing sources.
        confirm: the confirmation policy (from settings).
        stale: sources whose current version is older than allowed.
        missing: required sources without a current version.
    """

    index: MatchIndex
    lists: ListData
    policy: DecisionPolicy
    confirm: ConfirmPolicy
    stale: tuple[str, ...] = ()
    missing: tuple[str, ...] = ()


def version_ref(version: VersionInfo) -> ListVersionRef:
    """The reference a decision records for a stored list version."""
    return ListVersionRef(
        source=version.source, version_id=version.id, published_at=version.published_at, sha256=version.sha256
    )


def stale_and_missing(
    current: dict[str, VersionInfo | None], settings: Settings, now: datetime | None = None
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Which sources are stale, and which required ones are missing.

    Args:
        current: the current version of each source (None: never loaded).
        settings: ``max_list_age_hours`` and ``required_sources``.
        now: the time to measure ages against (default: now, UTC).
    Returns:
        ``(stale, missing)`` source names, sorted.
    """
    statuses = source_statuses(current, max_age_hours=settings.max_list_age_hours, now=now or datetime.now(UTC))
    stale = sorted(s.source for s in statuses if s.state == "stale")
    loaded = {name for name, version in current.items() if version is not None}
    required = set(settings.required_sources) if loaded else set(SOURCES)
    missing = sorted(required - loaded)
    return tuple(stale), tuple(missing)


def _list_data_path(settings: Settings, version_ids: list[int]) -> Path:
    return settings.home / "screen" / f"listdata-v{CACHE_FORMAT}-{index_key(version_ids)}.pkl"


def load_list_data(store: Store, settings: Settings, versions: list[VersionInfo]) -> ListData:
    """The list data of the given current versions: from memory, from the cache file, or built now.

    Args:
        store: the open store.
        settings: where the cache lives (``settings.home``).
        versions: the current versions to cover.
    Returns:
        The list data, with ``versions`` recorded.
    """
    path = _list_data_path(settings, [v.id for v in versions])
    refs = {v.source: version_ref(v) for v in versions}
    with _LOCK:
        cached = _LOADED.get(path)
        if cached is None and path.exists():
            try:
                with path.open("rb") as handle:
                    loaded = pickle.load(handle)
                cached = loaded if isinstance(loaded, ListData) else None
            except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError, TypeError):
                cached = None
        if cached is None:
            cached = ListData.build(store.current_entities([v.source for v in versions]))
            write_pickle(cached, path)
            for old in path.parent.glob("listdata-*.pkl"):
                if old != path:
                    old.unlink(missing_ok=True)
        cached.versions = refs
        _LOADED.clear()
        _LOADED[path] = cached
        return cached


def load_screening(store: Store, settings: Settings, now: datetime | None = None) -> Screening:
    """Load what screening needs from the store's current list versions.

    Args:
        store: the open store.
        settings: home folder, list age limit, required sources, confirmation score.
        now: the time staleness is measured against (default: now, UTC).
    Returns:
        The :class:`Screening` inputs.
    """
    current: dict[str, VersionInfo | None] = {name: None for name in SOURCES}
    for source in store.sources():
        current[source] = store.current(source)
    versions = sorted((v for v in current.values() if v is not None), key=lambda v: v.source)
    stale, missing = stale_and_missing(current, settings, now)
    index = load_index(store, settings)
    lists = load_list_data(store, settings, versions)
    policy = DecisionPolicy(stale_sources=tuple(sorted({*stale, *missing})))
    confirm = ConfirmPolicy(confirm_score=settings.confirm_match_score)
    return Screening(index, lists, policy, confirm, stale, missing)

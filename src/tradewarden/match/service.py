"""``match_party``: match one party against the store's current list versions.

The one place in ``match/`` that does I/O: it reads the current versions from the store, keeps
the persisted ``MatchIndex`` under ``TRADEWARDEN_HOME/match/`` in a file named for the set of
current version ids (so a new list version means a new file, built once, and older files are
removed), and keeps the loaded index in memory for the next call.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Sequence
from pathlib import Path

from tradewarden.errors import StoreError
from tradewarden.match.index import MatchIndex, freeze_long_lived
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.settings import Settings, get_settings
from tradewarden.store import Store

_LOADED: dict[Path, MatchIndex] = {}
_LOCK = threading.Lock()


def index_folder(settings: Settings) -> Path:
    """The folder holding persisted match indexes."""
    return settings.home / "match"


def index_key(version_ids: Sequence[int]) -> str:
    """The file-name key of an index over the given list versions (order does not matter)."""
    joined = ",".join(str(v) for v in sorted(set(version_ids)))
    return hashlib.sha256(joined.encode("ascii")).hexdigest()[:20]


def current_version_ids(store: Store, sources: Sequence[str] | None = None) -> list[int]:
    """Ids of the current version of each source (of ``sources``, if given)."""
    ids: list[int] = []
    for source in store.sources():
        if sources is not None and source not in sources:
            continue
        version = store.current(source)
        if version is not None:
            ids.append(version.id)
    return sorted(ids)


def load_index(store: Store, settings: Settings, sources: Sequence[str] | None = None) -> MatchIndex:
    """The match index of the store's current versions: from memory, from disk, or built now.

    Args:
        store: the open store.
        settings: where the index files live (``settings.home``).
        sources: only these sources, if given.
    Returns:
        A ``MatchIndex`` over the current versions' entities.
    """
    version_ids = current_version_ids(store, sources)
    scope = "all" if sources is None else "-".join(sorted(sources))
    folder = index_folder(settings)
    path = folder / f"index-{hashlib.sha256(scope.encode()).hexdigest()[:8]}-{index_key(version_ids)}.idx"
    with _LOCK:
        index = _LOADED.get(path)
        if index is not None:
            return index
        index = None
        if path.exists():
            try:
                index = MatchIndex.load(path)
            except StoreError:
                index = None
        if index is None:
            index = MatchIndex.build(store.current_entities(list(sources) if sources is not None else None))
            index.save(path)
            prefix = path.name.rsplit("-", 1)[0]
            for stale in folder.glob(f"{prefix}-*.idx"):
                if stale != path:
                    stale.unlink(missing_ok=True)
            for stale_path in [p for p in _LOADED if p.parent == folder and p.name.startswith(prefix)]:
                del _LOADED[stale_path]
        _LOADED[path] = index
        freeze_long_lived()  # kept for the process's life: out of the collector's full scans
        return index


def match_party(
    store_or_settings: Store | Settings,
    query: Query,
    *,
    settings: Settings | None = None,
    limit: int = 10,
    min_score: float = DEFAULT_THRESHOLD,
    sources: Sequence[str] | None = None,
) -> list[Match]:
    """Match one party against the current list versions.

    Args:
        store_or_settings: an open ``Store``, or ``Settings`` to open one for this call.
        query: the party to screen.
        settings: where the index files live when a ``Store`` is passed (default: the
            process settings).
        limit: the most matches to return.
        min_score: matches scoring below this are dropped.
        sources: only these list sources, if given.
    Returns:
        Matches, best first.
    """
    if isinstance(store_or_settings, Settings):
        store = Store.open(store_or_settings)
        try:
            return load_index(store, store_or_settings, sources).match(query, limit, min_score)
        finally:
            store.close()
    return load_index(store_or_settings, settings or get_settings(), sources).match(query, limit, min_score)

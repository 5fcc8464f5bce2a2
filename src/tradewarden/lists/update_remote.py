"""Updating the store from the network or a mirror: fetch, parse, gate, promote, per source.

For each source the files are downloaded (:func:`~tradewarden.lists.fetch.fetch_source`)
into a temporary folder under ``settings.home``, parsed
(:func:`~tradewarden.lists.load.parse_files`) and handed to
:func:`~tradewarden.lists.update.apply_parse_result`, which stages a version and promotes it
only if it passes the gates. A mirror that is a local folder laid out like
``shared/data/lists`` is read in place (:func:`~tradewarden.lists.update.load_into_store`).
A source whose download or parse fails is reported as ``rejected`` with the reason; the
other sources go on and its previous version stays current.
"""

from __future__ import annotations

import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tradewarden.errors import FetchError, ListFormatError, StoreError
from tradewarden.lists.fetch import fetch_source, local_mirror
from tradewarden.lists.load import parse_files
from tradewarden.lists.sources import SOURCES, get_source
from tradewarden.lists.update import UpdateOutcome, UpdateStatus, apply_parse_result, load_into_store
from tradewarden.settings import Settings
from tradewarden.store import Store

if TYPE_CHECKING:  # only lists/fetch.py talks to the network
    import httpx


def update_lists(
    store: Store,
    settings: Settings,
    *,
    sources: list[str] | None = None,
    mirror: str | Path | None = None,
    force: bool = False,
    progress: bool = True,
    client: httpx.Client | None = None,
    backoff: float = 1.0,
) -> list[UpdateOutcome]:
    """Bring the store's lists up to date, one source at a time.

    Args:
        store: the store new versions are staged in and promoted.
        settings: ``home`` (download cache and temporary files), ``http_timeout``,
            ``http_retries`` and ``max_shrink``.
        sources: only these sources (names or folder aliases); default every known
            source, or, for a local folder mirror, every source the folder holds.
        mirror: None for the official URLs, an ``http(s)://`` base URL, or a local folder
            (``<dir>/<source>/<file>``).
        force: accept a version that fails the shrink gate.
        progress: show a download progress bar on a terminal.
        client: the ``httpx.Client`` downloads go through (tests pass a mock transport).
        backoff: seconds before the first retry of a failed request.
    Returns:
        One outcome per source, in the order processed.
    Raises:
        NotFound: a requested source is unknown (before anything is fetched).
        InputError: the mirror is neither a folder nor an http(s) URL.
    """
    names = None if sources is None else list(dict.fromkeys(get_source(s).name for s in sources))
    folder = local_mirror(mirror)
    if folder is not None:
        return load_into_store(store, folder, names, max_shrink=settings.max_shrink, force=force)
    outcomes: list[UpdateOutcome] = []
    settings.home.mkdir(parents=True, exist_ok=True)
    for name in names if names is not None else list(SOURCES):
        with tempfile.TemporaryDirectory(dir=settings.home, prefix=f".fetch-{name}-") as work:
            try:
                fetched = fetch_source(
                    SOURCES[name], Path(work), mirror=mirror, timeout=settings.http_timeout,
                    retries=settings.http_retries, cache_dir=settings.home, progress=progress,
                    client=client, backoff=backoff,
                )
            except FetchError as exc:
                outcomes.append(rejected(name, f"download failed: {exc}"))
                continue
            outcomes.append(
                _parse_and_apply(
                    store, settings, name, fetched.paths, fetched.records(), fetched.sha256,
                    fetched.fetched_at, force=force,
                )
            )
    return outcomes


def _parse_and_apply(
    store: Store,
    settings: Settings,
    name: str,
    paths: list[Path],
    records: list[dict[str, Any]],
    sha256: str,
    fetched_at: datetime,
    *,
    force: bool,
) -> UpdateOutcome:
    current = store.current(name)
    if current is not None and current.sha256 == sha256:  # e.g. every file answered 304
        return UpdateOutcome(
            name, UpdateStatus.UNCHANGED, current, [f"input files identical to current version {current.id}"],
            {"entities": current.entity_count, "problems": current.problem_count},
        )
    try:
        result = parse_files(name, paths)
    except ListFormatError as exc:
        return rejected(name, f"parse failed: {exc}")
    except Exception as exc:  # a parser bug must not stop the other sources
        return rejected(name, f"parse failed: {type(exc).__name__}: {exc}")
    try:
        return apply_parse_result(
            store, result, files=records, sha256=sha256, fetched_at=fetched_at,
            max_shrink=settings.max_shrink, force=force,
        )
    except StoreError as exc:
        return rejected(name, f"store refused the version: {exc}")


def rejected(source: str, reason: str) -> UpdateOutcome:
    """The outcome of a source that never reached the store (download or parse failed)."""
    return UpdateOutcome(source, UpdateStatus.REJECTED, None, [reason], {})

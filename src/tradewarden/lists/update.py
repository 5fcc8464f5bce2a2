"""Updating the store from parsed lists: stage a version, check the gates, promote or fail it.

Input is a :class:`~tradewarden.lists.base.ParseResult` (from :mod:`tradewarden.lists.load`)
plus the records of the files it came from; output is one :class:`UpdateOutcome` per source.
The previous current version stays current unless the new one passes every gate
(:mod:`tradewarden.lists.gates`); a rejected version is kept as ``failed`` with its reasons.
"""

from __future__ import annotations

import logging
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any

from tradewarden.errors import ListFormatError, StoreError
from tradewarden.lists.base import ParseResult
from tradewarden.lists.gates import DEFAULT_MAX_SHRINK, check_gates
from tradewarden.lists.http_cache import combined_sha256, file_sha256
from tradewarden.lists.load import group_folder, parse_files
from tradewarden.lists.sources import get_source
from tradewarden.store import Store, VersionInfo
from tradewarden.store.audit import SYSTEM_ACTOR, append_audit

log = logging.getLogger(__name__)
# A version still staged after this long was left by a process that died; fail it.
STALE_STAGING = timedelta(hours=6)


class UpdateStatus(StrEnum):
    """What an update did to a source."""

    UPDATED = "updated"
    UNCHANGED = "unchanged"
    REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class UpdateOutcome:
    """The result of updating one source.

    Attributes:
        source: the source name.
        status: ``updated`` (a new current version), ``unchanged`` (same input files as the
            current version; nothing staged) or ``rejected`` (kept the previous version).
        version: the new current version, the unchanged current one, or the failed one.
        reasons: why it was rejected (or left unchanged).
        counts: ``entities``, ``problems``, ``previous_entities`` and, after an update of a
            source that had a version, ``added``, ``removed`` and ``changed`` listed entities.
    """

    source: str
    status: UpdateStatus
    version: VersionInfo | None
    reasons: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # Callers may pass the plain string ("rejected"); keep the enum either way.
        object.__setattr__(self, "status", UpdateStatus(self.status))


def file_record(path: Path) -> dict[str, Any]:
    """The store's record of a local input file: name, sha256, bytes, url (``file://``)."""
    return {
        "name": path.name,
        "sha256": file_sha256(path),
        "bytes": path.stat().st_size,
        "url": path.resolve().as_uri(),
    }


def _unchanged(source: str, current: VersionInfo) -> UpdateOutcome:
    return UpdateOutcome(
        source=source,
        status=UpdateStatus.UNCHANGED,
        version=current,
        reasons=[f"input files identical to current version {current.id}"],
        counts={"entities": current.entity_count, "problems": current.problem_count},
    )


def _audited(store: Store, outcome: UpdateOutcome) -> UpdateOutcome:
    """Record a promoted (``list.promote``) or rejected (``list.reject``) version in the audit trail."""
    version = outcome.version
    append_audit(
        store,
        SYSTEM_ACTOR,
        "list.promote" if outcome.status is UpdateStatus.UPDATED else "list.reject",
        f"list:{outcome.source}",
        {
            "version_id": None if version is None else version.id,
            "sha256": None if version is None else version.sha256,
            "reasons": outcome.reasons,
            "counts": outcome.counts,
        },
    )
    return outcome


def apply_parse_result(
    store: Store,
    result: ParseResult,
    *,
    files: list[dict[str, Any]],
    sha256: str,
    fetched_at: datetime | None = None,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    force: bool = False,
    required_sources_files: Collection[str] | None = None,
) -> UpdateOutcome:
    """Stage ``result`` as a new version of its source, then promote it if it passes the gates.

    Args:
        store: the open store.
        result: the parsed source.
        files: records of the input files (``name``, ``sha256``, ``bytes``, ``url``).
        sha256: combined sha256 of the input files; equal to the current version's means
            ``unchanged`` and nothing is staged.
        fetched_at: when the files were downloaded (timezone-aware), if known.
        max_shrink: largest allowed drop of the listed-entity count.
        force: accept a larger drop and a higher problem rate.
        required_sources_files: file names the source must include (see
            :func:`~tradewarden.lists.gates.check_gates`).
    Returns:
        The outcome; a rejected version is kept as ``failed``.
    Raises:
        StoreError: the store could not write the version.
    """
    source = result.source
    previous = store.current(source)
    if previous is not None and previous.sha256 == sha256:
        return _unchanged(source, previous)
    staged = store.stage_version(
        source,
        result.entities.values(),
        problems=result.problems,
        files=files,
        sha256=sha256,
        fetched_at=fetched_at,
        published_at=result.published_at,
    )
    gates = check_gates(
        result, previous, max_shrink=max_shrink, force=force, required_sources_files=required_sources_files
    )
    reasons = list(gates.reasons)
    if staged.row_count != len(result.entities):
        reasons.append(f"the store holds {staged.row_count} of {len(result.entities)} entities")
    counts = {
        "entities": staged.entity_count,
        "problems": staged.problem_count,
        "previous_entities": previous.entity_count if previous is not None else 0,
    }
    if reasons:
        store.fail(staged.id, "; ".join(reasons))
        return _audited(store, UpdateOutcome(source, UpdateStatus.REJECTED, store.version(staged.id), reasons, counts))
    try:
        current = store.promote(staged.id)
    except StoreError as exc:
        return _audited(store, UpdateOutcome(source, UpdateStatus.REJECTED, store.version(staged.id), [exc.message], counts))
    if previous is not None:
        delta = store.diff(previous.id, current.id, listed_only=True)
        counts.update(added=len(delta.added), removed=len(delta.removed), changed=len(delta.changed))
    return _audited(store, UpdateOutcome(source, UpdateStatus.UPDATED, current, [], counts))


def _record_failure(store: Store, source: str, files: list[dict[str, Any]], sha256: str, reason: str) -> UpdateOutcome:
    """Keep a failed version for a source whose files could not be parsed at all."""
    staged = store.stage_version(source, [], problems=[reason], files=files, sha256=sha256)
    store.fail(staged.id, reason)
    return _audited(store, UpdateOutcome(source, UpdateStatus.REJECTED, store.version(staged.id), [reason], {"entities": 0}))


def load_into_store(
    store: Store,
    root: Path,
    sources: Iterable[str] | None = None,
    *,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    force: bool = False,
) -> list[UpdateOutcome]:
    """Parse the list files below ``root`` and update the store, source by source.

    A source whose files are unchanged since its current version is not parsed again. A
    source that cannot be parsed is rejected without stopping the others. Versions left
    staged for longer than :data:`STALE_STAGING` by a dead process are marked failed first.

    Args:
        store: the open store.
        root: a folder laid out like ``shared/data/lists`` (``<source>/<file>``), or one file.
        sources: only these sources (names or folder aliases); one named but absent from
            ``root`` is reported rejected.
        max_shrink: largest allowed drop of the listed-entity count.
        force: accept a larger drop and a higher problem rate.
    Returns:
        One outcome per source, sorted by source name.
    Raises:
        NotFound: a name in ``sources`` is not a known source.
        StoreError: the store could not be written.
    """
    wanted = None if sources is None else {get_source(name).name for name in sources}
    store.cleanup_staged(STALE_STAGING)
    groups = group_folder(root)
    outcomes: list[UpdateOutcome] = []
    for source in sorted(groups if wanted is None else wanted):
        paths = groups.get(source)
        if not paths:
            outcomes.append(UpdateOutcome(source, UpdateStatus.REJECTED, None, [f"no files of {source} under {root}"]))
            continue
        files = [file_record(path) for path in paths]
        sha256 = combined_sha256(files)
        current = store.current(source)
        if current is not None and current.sha256 == sha256:
            outcomes.append(_unchanged(source, current))
            continue
        try:
            result = parse_files(source, paths)
        except ListFormatError as exc:
            outcomes.append(_record_failure(store, source, files, sha256, exc.message))
            continue
        except Exception as exc:  # a parser bug must not stop the other sources
            log.exception("parsing %s failed", source)
            outcomes.append(_record_failure(store, source, files, sha256, f"parser error: {type(exc).__name__}: {exc}"))
            continue
        outcomes.append(
            apply_parse_result(
                store, result, files=files, sha256=sha256, max_shrink=max_shrink, force=force
            )
        )
    return outcomes

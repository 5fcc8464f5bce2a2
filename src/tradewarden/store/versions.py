"""Writes of the version life cycle, each within the caller's transaction: create a staged
version, write its entities, promote it, fail it, fail abandoned ones.

:class:`tradewarden.store.Store` opens the transactions and turns driver errors into
:class:`~tradewarden.errors.StoreError`; these functions hold the rules.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, datetime, timedelta
from typing import Any

from followthemoney.proxy import EntityProxy
from sqlalchemy import Connection, insert, select, update

from tradewarden.errors import NotFound, StoreError
from tradewarden.store.bulk import EntityRow, insert_entity_rows
from tradewarden.store.records import VersionStatus
from tradewarden.store.rows import MAX_STORED_PROBLEMS, entity_row, is_listed
from tradewarden.store.tables import list_version

INSERT_BATCH = 2000
_STAGED = VersionStatus.STAGED.value
_CURRENT = VersionStatus.CURRENT.value
_FAILED = VersionStatus.FAILED.value


def utcnow() -> datetime:
    """The current time in UTC."""
    return datetime.now(UTC)


def version_row(conn: Connection, version_id: int) -> Any:
    """The ``list_version`` row of ``version_id``.

    Raises:
        NotFound: no such version.
    """
    row = conn.execute(select(list_version).where(list_version.c.id == version_id)).one_or_none()
    if row is None:
        raise NotFound(f"no list version {version_id}", version_id=version_id)
    return row


def create_staged(
    conn: Connection,
    source: str,
    *,
    problems: Sequence[str],
    files: list[dict[str, Any]],
    sha256: str,
    fetched_at: datetime | None,
    published_at: str | None,
) -> int:
    """Insert a ``staged`` version row without entities; returns its id."""
    created = conn.execute(
        insert(list_version).values(
            source=source,
            status=_STAGED,
            created_at=utcnow(),
            fetched_at=fetched_at,
            published_at=published_at,
            sha256=sha256,
            files=files,
            problem_count=len(problems),
            problems=list(problems[:MAX_STORED_PROBLEMS]),
        )
    )
    key = created.inserted_primary_key
    if key is None:
        raise StoreError(f"the database returned no id for the new version of {source}")
    return int(key[0])


def write_entities(conn: Connection, version_id: int, entities: Iterable[EntityProxy]) -> None:
    """Insert the entities of a staged version in batches, then record its counts.

    Raises:
        StoreError: an entity has no id, two share one, or the version stopped being staged.
    """
    row_count = listed_count = 0
    batch: list[EntityRow] = []
    for entity in entities:
        batch.append(entity_row(entity, version_id))
        listed_count += is_listed(entity)
        if len(batch) >= INSERT_BATCH:
            insert_entity_rows(conn, batch)
            row_count += len(batch)
            batch = []
    insert_entity_rows(conn, batch)
    row_count += len(batch)
    finished = conn.execute(
        update(list_version)
        .where(list_version.c.id == version_id, list_version.c.status == _STAGED)
        .values(entity_count=listed_count, row_count=row_count, staged_at=utcnow())
    )
    if finished.rowcount != 1:
        raise StoreError(f"version {version_id} stopped being staged while its entities were written")


def promote_version(conn: Connection, version_id: int) -> int | None:
    """Make a staged version current and supersede the source's previous current one.

    Returns:
        None when promoted; the id of a newer current version when that one won the race
        (the version is then marked failed instead).
    Raises:
        NotFound: no such version.
        StoreError: the version is not staged or did not finish staging.
    """
    source = version_row(conn, version_id).source
    # Lock the source's versions, in id order (two promotes locking the same rows in different
    # physical orders could deadlock): a concurrent promote of the same source waits here.
    conn.execute(
        select(list_version.c.id).where(list_version.c.source == source).order_by(list_version.c.id).with_for_update()
    ).all()
    row = version_row(conn, version_id)
    if row.status != _STAGED:
        raise StoreError(f"version {version_id} is {row.status}; only a staged version can be promoted")
    if row.staged_at is None:
        raise StoreError(f"version {version_id} of {source} did not finish staging")
    is_current = (list_version.c.source == source) & (list_version.c.status == _CURRENT)
    current_id = conn.execute(select(list_version.c.id).where(is_current)).scalar_one_or_none()
    if current_id is not None and current_id > version_id:
        conn.execute(
            update(list_version)
            .where(list_version.c.id == version_id)
            .values(status=_FAILED, reason=f"newer version {current_id} became current first")
        )
        return int(current_id)
    conn.execute(update(list_version).where(is_current).values(status=VersionStatus.SUPERSEDED.value))
    conn.execute(
        update(list_version).where(list_version.c.id == version_id).values(status=_CURRENT, promoted_at=utcnow())
    )
    return None


def fail_version(conn: Connection, version_id: int, reason: str) -> None:
    """Mark a staged version failed with ``reason``.

    Raises:
        NotFound: no such version.
        StoreError: the version is not staged.
    """
    done = conn.execute(
        update(list_version)
        .where(list_version.c.id == version_id, list_version.c.status == _STAGED)
        .values(status=_FAILED, reason=reason)
    )
    if done.rowcount != 1:
        status = version_row(conn, version_id).status
        raise StoreError(f"version {version_id} is {status}; only a staged version can fail")


def fail_abandoned(conn: Connection, older_than: timedelta) -> int:
    """Mark failed every version staged longer ago than ``older_than``; returns how many."""
    done = conn.execute(
        update(list_version)
        .where(list_version.c.status == _STAGED, list_version.c.created_at <= utcnow() - older_than)
        .values(status=_FAILED, reason=f"abandoned: still staged after {older_than} (the loading process died?)")
    )
    return int(done.rowcount)

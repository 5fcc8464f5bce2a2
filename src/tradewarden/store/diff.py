"""Differences between two list versions, from the ``content_hash`` column of their entities.

Only the short columns of both versions are read; the stored FtM dicts are loaded just for
the entities whose hash differs, to name the properties that changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import Connection, select

from tradewarden.store.records import EntityChange, EntityDiff, EntitySummary
from tradewarden.store.rows import summary_from_row
from tradewarden.store.tables import list_entity

_IN_BATCH = 500


def _index(conn: Connection, version_id: int, listed_only: bool) -> dict[str, Any]:
    query = select(
        list_entity.c.entity_id,
        list_entity.c.source_id,
        list_entity.c.schema,
        list_entity.c.caption,
        list_entity.c.content_hash,
    ).where(list_entity.c.version_id == version_id)
    if listed_only:
        query = query.where(list_entity.c.source_id.is_not(None))
    return {row.entity_id: row for row in conn.execute(query)}


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _load_data(conn: Connection, version_id: int, entity_ids: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    for chunk in _chunks(entity_ids, _IN_BATCH):
        query = select(list_entity.c.entity_id, list_entity.c.data).where(
            list_entity.c.version_id == version_id, list_entity.c.entity_id.in_(chunk)
        )
        for row in conn.execute(query):
            found[row.entity_id] = row.data
    return found


def changed_props(old: dict[str, Any], new: dict[str, Any]) -> list[str]:
    """Names of the properties whose values differ between two FtM dicts (order ignored).

    Args:
        old: the entity's FtM dict in the older version.
        new: the entity's FtM dict in the newer version.
    Returns:
        Sorted property names, plus ``schema`` when the schema changed.
    """
    old_props: dict[str, Iterable[str]] = old.get("properties") or {}
    new_props: dict[str, Iterable[str]] = new.get("properties") or {}
    names = sorted(
        prop
        for prop in set(old_props) | set(new_props)
        if set(old_props.get(prop, ())) != set(new_props.get(prop, ()))
    )
    if old.get("schema") != new.get("schema"):
        names.insert(0, "schema")
    return names


def diff_versions(conn: Connection, old_version: int, new_version: int, listed_only: bool = False) -> EntityDiff:
    """Added, removed and changed entities from ``old_version`` to ``new_version``.

    Args:
        conn: a connection in one read transaction.
        old_version: the version compared from.
        new_version: the version compared to.
        listed_only: compare only listed entities (those with a ``source_id``), leaving out
            relations, addresses and other helper entities.
    Returns:
        The diff; every list sorted by entity id.
    """
    old_rows = _index(conn, old_version, listed_only)
    new_rows = _index(conn, new_version, listed_only)
    added = [summary_from_row(new_rows[i]) for i in sorted(new_rows.keys() - old_rows.keys())]
    removed = [summary_from_row(old_rows[i]) for i in sorted(old_rows.keys() - new_rows.keys())]
    differing = sorted(
        i for i in old_rows.keys() & new_rows.keys() if old_rows[i].content_hash != new_rows[i].content_hash
    )
    old_data = _load_data(conn, old_version, differing)
    new_data = _load_data(conn, new_version, differing)
    changed: list[EntityChange] = []
    for entity_id in differing:
        old_summary: EntitySummary = summary_from_row(old_rows[entity_id])
        new_summary: EntitySummary = summary_from_row(new_rows[entity_id])
        props = changed_props(old_data.get(entity_id, {}), new_data.get(entity_id, {}))
        changed.append(EntityChange(old_summary, new_summary, props))
    return EntityDiff(
        added=added, removed=removed, changed=changed, old_version=old_version, new_version=new_version
    )

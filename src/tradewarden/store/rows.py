"""Conversions between FtM entities / version records and the rows of the store's tables."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.errors import StoreError
from tradewarden.store.bulk import EntityRow
from tradewarden.store.records import EntitySummary, VersionInfo, VersionStatus

MAX_STORED_PROBLEMS = 200
# Context keys that describe where an entity is stored, not what it is.
_STORE_CONTEXT = ("version_id",)


def entity_row(entity: EntityProxy, version_id: int) -> EntityRow:
    """The ``list_entity`` row of ``entity`` in version ``version_id``, as a tuple in
    :data:`~tradewarden.store.bulk.ENTITY_COLUMNS` order with the FtM dict as JSON text.

    Raises:
        StoreError: the entity has no id.
    """
    if not entity.id:
        raise StoreError(f"cannot store a {entity.schema.name} entity without an id")
    data = entity.to_dict()
    for key in _STORE_CONTEXT:
        data.pop(key, None)
    source_id = entity.context.get("source_id")
    return (
        version_id,
        entity.id,
        None if source_id is None else str(source_id),
        entity.schema.name,
        entity.caption or "",
        entity.checksum,
        json.dumps(data, ensure_ascii=False, separators=(",", ":")),
    )


def entity_from_data(data: Mapping[str, Any], version_id: int) -> EntityProxy:
    """The entity stored as ``data`` (its FtM dict), with ``version_id`` in its context."""
    entity = model.get_proxy(dict(data), cleaned=True)
    # FtM keeps every top-level key but ``properties`` as context, ``id`` and ``schema`` too.
    entity.context.pop("id", None)
    entity.context.pop("schema", None)
    entity.context["version_id"] = version_id
    return entity


def summary_from_row(row: Any) -> EntitySummary:
    """An :class:`EntitySummary` from a row with entity_id, source_id, schema, caption."""
    return EntitySummary(
        entity_id=row.entity_id, source_id=row.source_id, schema=row.schema, caption=row.caption
    )


def version_from_row(row: Any) -> VersionInfo:
    """A :class:`VersionInfo` from a ``list_version`` row."""
    return VersionInfo(
        id=row.id,
        source=row.source,
        status=VersionStatus(row.status),
        created_at=row.created_at,
        fetched_at=row.fetched_at,
        published_at=row.published_at,
        sha256=row.sha256,
        files=list(row.files or []),
        entity_count=row.entity_count,
        problem_count=row.problem_count,
        problems=list(row.problems or []),
        reason=row.reason,
        row_count=row.row_count,
        staged_at=row.staged_at,
        promoted_at=row.promoted_at,
    )


def is_listed(entity: EntityProxy) -> bool:
    """True for a listed party: it has a ``source_id`` and is not a relation."""
    return entity.context.get("source_id") is not None and not entity.schema.edge

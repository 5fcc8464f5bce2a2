"""Table access for continuous re-screening: monitored parties, their keys and hits, watermarks.

Functions take a connection in the caller's transaction (:mod:`tradewarden.cases.rescreen`
and :mod:`tradewarden.cases.queue` open it) and return plain values. The tables are in
:mod:`tradewarden.store.tables_cases`; list entities are read from ``list_entity``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from followthemoney.proxy import EntityProxy
from sqlalchemy import Connection, delete, func, insert, select, update

from tradewarden.store.rows import entity_from_data
from tradewarden.store.tables import list_entity
from tradewarden.store.tables_cases import monitor_watermark, monitored_party, party_hit, party_key

_IN_BATCH = 500


def _chunks(items: Sequence[Any], size: int = _IN_BATCH) -> Iterator[Sequence[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """One monitored party as stored."""

    id: int
    key: str
    origin: str
    external_id: str | None
    name: str
    schema: str | None
    query: dict[str, Any]
    keys_version: str
    screening_id: int | None


def _party(row: Any) -> PartyRecord:
    return PartyRecord(
        row.id, row.key, row.origin, row.external_id, row.name, row.schema, dict(row.query), row.keys_version,
        row.screening_id,
    )


# -- parties ---------------------------------------------------------------------------------


def upsert_parties(
    conn: Connection, parties: Sequence[dict[str, Any]], *, keys_version: str, now: datetime
) -> list[tuple[int, str]]:
    """Insert new parties and update those whose query changed, in bulk.

    Args:
        conn: a connection in a write transaction.
        parties: ``{"key", "origin", "external_id", "name", "schema", "query", "keys"}`` records
            (``keys``: the party's blocking keys); keys must be distinct.
        keys_version: the key computation that made ``keys``.
        now: the time of the change.
    Returns:
        Per record, in order: the party id and ``created``, ``updated`` or ``unchanged``.
    """
    existing: dict[str, Any] = {}
    for chunk in _chunks([party["key"] for party in parties]):
        query = select(monitored_party.c.id, monitored_party.c.key, monitored_party.c.query,
                       monitored_party.c.keys_version).where(monitored_party.c.key.in_(list(chunk)))
        existing.update({row.key: row for row in conn.execute(query)})
    fresh = [party for party in parties if party["key"] not in existing]
    ids: dict[str, int] = {}
    if fresh:
        rows = [
            {name: party[name] for name in ("key", "origin", "external_id", "name", "schema", "query")}
            | {"keys_version": keys_version, "created_at": now, "updated_at": now}
            for party in fresh
        ]
        inserted = conn.execute(
            insert(monitored_party).returning(monitored_party.c.id, monitored_party.c.key), rows
        )
        ids.update({row.key: int(row.id) for row in inserted})
    outcome: list[tuple[int, str]] = []
    key_rows: list[dict[str, Any]] = []
    for party in parties:
        row = existing.get(party["key"])
        if row is None:
            party_id = ids[party["key"]]
            outcome.append((party_id, "created"))
        elif dict(row.query) != party["query"] or row.keys_version != keys_version:
            party_id = int(row.id)
            conn.execute(
                update(monitored_party)
                .where(monitored_party.c.id == party_id)
                .values(name=party["name"], schema=party["schema"], query=party["query"],
                        keys_version=keys_version, updated_at=now)
            )
            conn.execute(delete(party_key).where(party_key.c.party_id == party_id))
            outcome.append((party_id, "updated"))
        else:
            outcome.append((int(row.id), "unchanged"))
            continue
        key_rows.extend({"key": key, "party_id": party_id} for key in sorted(set(party["keys"])))
    insert_keys(conn, key_rows)
    return outcome


def upsert_party(
    conn: Connection,
    *,
    key: str,
    origin: str,
    external_id: str | None,
    name: str,
    schema: str | None,
    query: dict[str, Any],
    keys: Iterable[str],
    keys_version: str,
    now: datetime,
) -> tuple[int, str]:
    """Insert a party, or update it when its query changed (see :func:`upsert_parties`)."""
    record = {"key": key, "origin": origin, "external_id": external_id, "name": name, "schema": schema,
              "query": query, "keys": list(keys)}
    return upsert_parties(conn, [record], keys_version=keys_version, now=now)[0]


def set_party_screening(conn: Connection, party_id: int, screening_id: int) -> None:
    """Remember the newest screening of a party."""
    conn.execute(update(monitored_party).where(monitored_party.c.id == party_id).values(screening_id=screening_id))


def replace_party_keys(conn: Connection, party_id: int, keys: Iterable[str]) -> None:
    """Replace the blocking keys of one party."""
    conn.execute(delete(party_key).where(party_key.c.party_id == party_id))
    rows = [{"key": key, "party_id": party_id} for key in sorted(set(keys))]
    if rows:
        conn.execute(insert(party_key), rows)


def insert_keys(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """Insert ``{"key", "party_id"}`` rows in bulk (for parties that have none yet)."""
    for chunk in _chunks(rows, 5000):
        conn.execute(insert(party_key), list(chunk))


def set_keys_version(conn: Connection, party_ids: Sequence[int], keys_version: str) -> None:
    """Mark parties as keyed by ``keys_version``."""
    for chunk in _chunks(party_ids):
        conn.execute(
            update(monitored_party).where(monitored_party.c.id.in_(list(chunk))).values(keys_version=keys_version)
        )


def get_party(conn: Connection, party_id: int) -> PartyRecord | None:
    """The party ``party_id``, or None."""
    row = conn.execute(select(monitored_party).where(monitored_party.c.id == party_id)).one_or_none()
    return None if row is None else _party(row)


def parties_by_ids(conn: Connection, party_ids: Iterable[int]) -> list[PartyRecord]:
    """The parties with the given ids, by id."""
    ids = sorted(set(party_ids))
    found: list[PartyRecord] = []
    for chunk in _chunks(ids):
        query = select(monitored_party).where(monitored_party.c.id.in_(list(chunk))).order_by(monitored_party.c.id)
        found.extend(_party(row) for row in conn.execute(query))
    return found


def list_parties(conn: Connection, *, limit: int | None = None, offset: int = 0) -> list[PartyRecord]:
    """Monitored parties by id."""
    query = select(monitored_party).order_by(monitored_party.c.id).offset(offset)
    if limit is not None:
        query = query.limit(limit)
    return [_party(row) for row in conn.execute(query)]


def count_parties(conn: Connection) -> int:
    """How many parties are monitored."""
    return int(conn.execute(select(func.count()).select_from(monitored_party)).scalar_one())


def stale_key_party_ids(conn: Connection, keys_version: str) -> list[int]:
    """Ids of the parties whose keys were computed by another key version."""
    query = select(monitored_party.c.id).where(monitored_party.c.keys_version != keys_version)
    values: list[Any] = list(conn.execute(query).scalars())
    return [int(value) for value in values]


def party_keys_among(conn: Connection, keys: Iterable[str]) -> dict[int, set[str]]:
    """Which of ``keys`` each party holds, for the parties holding any (one indexed lookup per batch)."""
    found: dict[int, set[str]] = {}
    for chunk in _chunks(sorted(set(keys))):
        query = select(party_key.c.party_id, party_key.c.key).where(party_key.c.key.in_(list(chunk)))
        for party_id, key in conn.execute(query):
            found.setdefault(int(party_id), set()).add(str(key))
    return found


# -- hits ------------------------------------------------------------------------------------


def hits_on(conn: Connection, entity_ids: Iterable[str]) -> list[dict[str, Any]]:
    """The live (not ended) hits of any party on the given listed entities."""
    found: list[dict[str, Any]] = []
    for chunk in _chunks(sorted(set(entity_ids))):
        query = select(party_hit).where(party_hit.c.entity_id.in_(list(chunk)), party_hit.c.ended_version.is_(None))
        found.extend(dict(row._mapping) for row in conn.execute(query))
    return found


def hits_of(conn: Connection, party_ids: Iterable[int]) -> list[dict[str, Any]]:
    """Every hit (live or ended) of the given parties."""
    found: list[dict[str, Any]] = []
    for chunk in _chunks(sorted(set(party_ids))):
        query = select(party_hit).where(party_hit.c.party_id.in_(list(chunk))).order_by(
            party_hit.c.party_id, party_hit.c.entity_id
        )
        found.extend(dict(row._mapping) for row in conn.execute(query))
    return found


def save_hit(conn: Connection, values: dict[str, Any]) -> None:
    """Insert a hit, or revive and update the existing hit of the same party and entity."""
    exists = conn.execute(
        select(party_hit.c.party_id).where(
            party_hit.c.party_id == values["party_id"], party_hit.c.entity_id == values["entity_id"]
        )
    ).one_or_none()
    if exists is None:
        conn.execute(insert(party_hit).values(**values))
        return
    changes = {k: v for k, v in values.items() if k not in ("party_id", "entity_id", "created_at")}
    conn.execute(
        update(party_hit)
        .where(party_hit.c.party_id == values["party_id"], party_hit.c.entity_id == values["entity_id"])
        .values(**changes, ended_version=None)
    )


def end_hit(conn: Connection, party_id: int, entity_id: str, version_id: int) -> None:
    """Record that a hit ended in ``version_id`` (its entry was removed, or no longer matches)."""
    conn.execute(
        update(party_hit)
        .where(party_hit.c.party_id == party_id, party_hit.c.entity_id == entity_id)
        .values(ended_version=version_id)
    )


# -- watermarks ------------------------------------------------------------------------------


def watermarks(conn: Connection) -> dict[str, int]:
    """The last monitored version of each source."""
    return {row.source: int(row.version_id) for row in conn.execute(select(monitor_watermark))}


def set_watermark(conn: Connection, source: str, version_id: int, now: datetime) -> None:
    """Set the last monitored version of ``source``."""
    updated = conn.execute(
        update(monitor_watermark).where(monitor_watermark.c.source == source).values(version_id=version_id, updated_at=now)
    )
    if updated.rowcount == 0:
        conn.execute(insert(monitor_watermark).values(source=source, version_id=version_id, updated_at=now))


def ensure_watermark(conn: Connection, source: str, version_id: int, now: datetime) -> None:
    """Start monitoring ``source`` at ``version_id`` unless it is monitored already."""
    exists = conn.execute(
        select(monitor_watermark.c.source).where(monitor_watermark.c.source == source)
    ).one_or_none()
    if exists is None:
        conn.execute(insert(monitor_watermark).values(source=source, version_id=version_id, updated_at=now))


# -- list entities ---------------------------------------------------------------------------


def version_entities(conn: Connection, version_id: int, entity_ids: Sequence[str] | None) -> list[EntityProxy]:
    """Entities of one version: those with the given ids, or every listed one (``None``)."""
    base = select(list_entity.c.version_id, list_entity.c.data).where(list_entity.c.version_id == version_id)
    if entity_ids is None:
        query = base.where(list_entity.c.source_id.is_not(None)).order_by(list_entity.c.entity_id)
        return [entity_from_data(row.data, row.version_id) for row in conn.execute(query)]
    found: list[EntityProxy] = []
    for chunk in _chunks(sorted(set(entity_ids))):
        query = base.where(list_entity.c.entity_id.in_(list(chunk))).order_by(list_entity.c.entity_id)
        found.extend(entity_from_data(row.data, row.version_id) for row in conn.execute(query))
    return found

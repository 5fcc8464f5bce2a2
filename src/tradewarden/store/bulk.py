"""Fast inserts of entity rows, one hook per backend: ``COPY`` on PostgreSQL, ``executemany`` on SQLite.

Staging all lists writes ~55k entities; going through the driver directly (rows as tuples, the
FtM dict already serialised as JSON text) keeps that to seconds. Both hooks run inside the
caller's transaction, so a failure leaves nothing behind.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection

from tradewarden.errors import StoreError

# Column order of the tuples made by :func:`tradewarden.store.rows.entity_row`.
ENTITY_COLUMNS = ("version_id", "entity_id", "source_id", "schema", "caption", "content_hash", "data")
EntityRow = tuple[int, str, str | None, str, str, str, str]
_COLUMN_LIST = ", ".join(f'"{name}"' for name in ENTITY_COLUMNS)


def _sqlite_insert(conn: Connection, rows: Sequence[EntityRow]) -> None:
    placeholders = ", ".join("?" for _ in ENTITY_COLUMNS)
    conn.exec_driver_sql(f"INSERT INTO list_entity ({_COLUMN_LIST}) VALUES ({placeholders})", list(rows))


def _postgresql_insert(conn: Connection, rows: Sequence[EntityRow]) -> None:
    import psycopg

    driver: Any = conn.connection.driver_connection
    try:
        with driver.cursor() as cursor, cursor.copy(f"COPY list_entity ({_COLUMN_LIST}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.errors.UniqueViolation as exc:
        raise StoreError(f"two entities share an id: {str(exc).splitlines()[0]}") from exc
    except psycopg.Error as exc:
        raise StoreError(f"writing entities failed: {str(exc).splitlines()[0]}") from exc


_INSERTERS: dict[str, Callable[[Connection, Sequence[EntityRow]], None]] = {
    "sqlite": _sqlite_insert,
    "postgresql": _postgresql_insert,
}


def insert_entity_rows(conn: Connection, rows: Sequence[EntityRow]) -> None:
    """Insert entity rows within ``conn``'s transaction by the fastest path of its backend.

    Args:
        conn: a connection in a write transaction.
        rows: tuples in :data:`ENTITY_COLUMNS` order, ``data`` as JSON text.
    Raises:
        StoreError: two rows share a (version, entity id), or the database refused them.
    """
    if rows:
        _INSERTERS[conn.dialect.name](conn, rows)

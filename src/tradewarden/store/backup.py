"""Backup and restore of a whole store in a portable zip: one JSONL file per table.

The zip holds ``manifest.json`` (format, schema revision, source backend, the audit chain
head, and per table its file, row count and SHA-256) and ``tables/<table>.jsonl`` with one
JSON object per row (datetimes as ISO 8601 text, binary as base64). It names no backend
type, so a SQLite backup restores into PostgreSQL and the other way round. The tables are
those declared on the store's ``metadata`` (``tables.py``, ``tables_audit.py`` and any other
module the migrations import); a database table unknown to it stops the backup rather than
leaving it out. Restore checks every checksum before it writes, replaces all rows in one
transaction, and so leaves the audit chain exactly as it was (same entries, same head).
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import os
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import IO, Any

from sqlalchemy import Column, Connection, Table, delete, func, insert, inspect, select, text
from sqlalchemy.types import TypeDecorator

import tradewarden.store.tables_audit  # noqa: F401  (registers the user and audit tables on metadata)
from tradewarden.errors import InputError, StoreError
from tradewarden.store.audit import chain_end_of, database_errors
from tradewarden.store.engine import read_transaction, write_transaction
from tradewarden.store.store import Store
from tradewarden.store.tables import metadata
from tradewarden.store.tables_audit import HEAD_ID, audit_head

BACKUP_FORMAT = "tradewarden-backup"
_MANIFEST = "manifest.json"
_INSERT_BATCH = 1000
_STREAM_BATCH = 1000


@dataclass(frozen=True, slots=True)
class BackupInfo:
    """What a backup holds (or held, after a restore).

    Attributes:
        path: the zip file.
        schema_revision: the Alembic revision of the store it came from.
        rows: row count per table.
        audit_head_seq: the audit chain head's seq.
        audit_head_hash: the audit chain head's hash.
    """

    path: Path
    schema_revision: str
    rows: dict[str, int]
    audit_head_seq: int
    audit_head_hash: str


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.astimezone(UTC).isoformat() if value.tzinfo is not None else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (bytes, bytearray, memoryview)):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _python_type(column: Column[Any]) -> type | None:
    column_type: Any = column.type
    while isinstance(column_type, TypeDecorator):  # e.g. UTCDateTime: the stored type decides
        column_type = column_type.impl_instance
    try:
        return column_type.python_type  # type: ignore[no-any-return]
    except NotImplementedError:
        return None


def _decoder(column: Column[Any]) -> Any:
    kind = _python_type(column)
    if kind is datetime:
        return datetime.fromisoformat
    if kind is date:
        return date.fromisoformat
    if kind is Decimal:
        return Decimal
    if kind is bytes:
        return base64.b64decode
    return None


def _schema_revision(conn: Connection) -> str:
    return str(conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one())


def _tables(conn: Connection) -> list[Table]:
    present = set(inspect(conn).get_table_names()) - {"alembic_version"}
    unknown = sorted(present - set(metadata.tables))
    if unknown:
        raise StoreError(
            f"the store has tables this tradewarden does not declare ({', '.join(unknown)}); "
            "a backup would leave them out"
        )
    return list(metadata.sorted_tables)


def _ordered(table: Table) -> Any:
    return select(table).order_by(*table.primary_key.columns) if table.primary_key.columns else select(table)


def _write_table(conn: Connection, table: Table, handle: IO[bytes]) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for row in conn.execute(_ordered(table).execution_options(yield_per=_STREAM_BATCH)):
        record = {name: _encode(value) for name, value in row._mapping.items()}
        line = (json.dumps(record, ensure_ascii=False, sort_keys=True, allow_nan=False) + "\n").encode("utf-8")
        digest.update(line)
        handle.write(line)
        count += 1
    return count, digest.hexdigest()


def backup_store(store: Store, out: Path) -> BackupInfo:
    """Write every table of the store to a portable zip (mode 0600: it holds password hashes).

    Args:
        store: the open store; read in one consistent snapshot.
        out: the zip to write (replaced if it exists).
    Returns:
        What was written.
    Raises:
        StoreError: the store has tables this tradewarden does not know, or cannot be read.
    """
    partial = out.with_name(out.name + ".partial")
    out.parent.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        with (
            os.fdopen(descriptor, "wb") as raw,
            database_errors("backing up the store"),
            store.engine.connect() as conn,
        ):
            if conn.dialect.name == "postgresql":  # one snapshot for every table
                conn.execution_options(isolation_level="REPEATABLE READ")
            with conn.begin(), zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zipped:
                revision, end = _schema_revision(conn), chain_end_of(conn)
                tables: list[dict[str, Any]] = []
                for table in _tables(conn):
                    member = f"tables/{table.name}.jsonl"
                    with zipped.open(member, "w") as handle:
                        count, sha256 = _write_table(conn, table, handle)
                    tables.append({"name": table.name, "file": member, "rows": count, "sha256": sha256})
                manifest = {
                    "format": BACKUP_FORMAT,
                    "format_version": 1,
                    "created_at": datetime.now(UTC).isoformat(),
                    "schema_revision": revision,
                    "source_backend": conn.dialect.name,
                    "audit_head": {"seq": end.head_seq, "hash": end.head_hash},
                    "tables": tables,
                }
                zipped.writestr(_MANIFEST, json.dumps(manifest, indent=2, sort_keys=True))
        partial.replace(out)
    finally:
        partial.unlink(missing_ok=True)
    return BackupInfo(out, revision, {t["name"]: t["rows"] for t in tables}, end.head_seq, end.head_hash)


def _read_manifest(zipped: zipfile.ZipFile, source: Path) -> dict[str, Any]:
    try:
        manifest = json.loads(zipped.read(_MANIFEST))
    except (KeyError, ValueError) as exc:
        raise InputError(f"{source} is not a tradewarden backup ({exc})", field="backup") from None
    if not isinstance(manifest, dict) or manifest.get("format") != BACKUP_FORMAT:
        raise InputError(f"{source} is not a tradewarden backup", field="backup")
    return manifest


def _check_files(zipped: zipfile.ZipFile, manifest: dict[str, Any], source: Path) -> None:
    for entry in manifest["tables"]:
        digest = hashlib.sha256()
        try:
            with zipped.open(entry["file"]) as handle:
                for chunk in iter(lambda: handle.read(1 << 20), b""):
                    digest.update(chunk)
        except (KeyError, zipfile.BadZipFile) as exc:
            raise StoreError(f"{source} is damaged: {entry['file']}: {exc}") from None
        if digest.hexdigest() != entry["sha256"]:
            raise StoreError(f"{source} is damaged: {entry['file']} does not match its SHA-256; nothing was restored")


def _rows(zipped: zipfile.ZipFile, member: str, table: Table) -> Iterator[dict[str, Any]]:
    decoders = {column.name: _decoder(column) for column in table.columns}
    with zipped.open(member) as raw:
        for line in io.TextIOWrapper(raw, encoding="utf-8"):
            record = json.loads(line)
            for name, decode in decoders.items():
                if decode is not None and record.get(name) is not None:
                    record[name] = decode(record[name])
            yield record


def _occupied(conn: Connection, tables: list[Table]) -> list[str]:
    found = []
    for table in tables:
        if table is audit_head:  # always one row; it counts when the chain has entries
            seq = conn.execute(select(audit_head.c.seq).where(audit_head.c.id == HEAD_ID)).scalar()
            if seq:
                found.append(f"audit chain at seq {seq}")
            continue
        count = int(conn.execute(select(func.count()).select_from(table)).scalar_one())
        if count:
            found.append(f"{count} rows in {table.name}")
    return found


def _reset_sequences(conn: Connection, tables: list[Table]) -> None:
    """Move PostgreSQL's serial sequences past the restored ids."""
    if conn.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is not None:
            conn.execute(
                text(
                    f"SELECT setval(pg_get_serial_sequence('{table.name}', '{column.name}'), "
                    f'coalesce(max("{column.name}"), 0) + 1, false) FROM "{table.name}"'
                )
            )


def _insert_rows(conn: Connection, zipped: zipfile.ZipFile, table: Table, entry: dict[str, Any]) -> None:
    batch: list[dict[str, Any]] = []
    count = 0
    for record in _rows(zipped, entry["file"], table):
        batch.append(record)
        count += 1
        if len(batch) >= _INSERT_BATCH:
            conn.execute(insert(table), batch)
            batch = []
    if batch:
        conn.execute(insert(table), batch)
    if count != int(entry["rows"]):
        raise StoreError(f"{entry['file']} holds {count} rows, its manifest {entry['rows']}; nothing was restored")


def restore_store(store: Store, source: Path, *, force: bool = False) -> BackupInfo:
    """Replace the store's contents with a backup made by :func:`backup_store`.

    Args:
        store: the open store (at the newest schema revision).
        source: the backup zip.
        force: replace a store that already holds data.
    Returns:
        What was restored.
    Raises:
        InputError: the file is not a tradewarden backup.
        StoreError: the backup is damaged or of another schema revision, or the store holds
            data and ``force`` is not set; nothing is changed then.
    """
    try:
        zipped = zipfile.ZipFile(source)
    except (OSError, zipfile.BadZipFile) as exc:
        raise InputError(f"cannot open {source} as a backup: {exc}", field="backup") from None
    with zipped:
        manifest = _read_manifest(zipped, source)
        _check_files(zipped, manifest, source)
        files = {entry["name"]: entry for entry in manifest["tables"]}
        with database_errors("restoring the store"), write_transaction(store.engine) as conn:
            revision = _schema_revision(conn)
            if manifest.get("schema_revision") != revision:
                raise StoreError(
                    f"{source} holds schema revision {manifest.get('schema_revision')}, this store is at "
                    f"{revision}; restore it with the tradewarden version that made it"
                )
            tables = _tables(conn)
            if set(files) != {table.name for table in tables}:
                raise StoreError(f"{source} does not hold the tables of schema revision {revision}")
            occupied = _occupied(conn, tables)
            if occupied and not force:
                raise StoreError(f"the store is not empty ({', '.join(occupied)}); use --force to replace it")
            for table in reversed(tables):
                conn.execute(delete(table))
            for table in tables:
                _insert_rows(conn, zipped, table, files[table.name])
            _reset_sequences(conn, tables)
            end = chain_end_of(conn)
            head = manifest.get("audit_head", {})
            if (end.head_seq, end.head_hash) != (head.get("seq"), head.get("hash")):
                raise StoreError(
                    f"the restored audit chain head (seq {end.head_seq}) differs from the backup's; nothing was restored"
                )
    return BackupInfo(
        source, revision, {name: int(entry["rows"]) for name, entry in files.items()}, end.head_seq, end.head_hash
    )

"""Backup and restore of a whole store, across backends (SQLite → PostgreSQL and back)."""

from __future__ import annotations

import json
import uuid
import zipfile
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from followthemoney.proxy import EntityProxy
from sqlalchemy.pool import NullPool

from tradewarden.errors import InputError, StoreError
from tradewarden.security import ScryptParams
from tradewarden.store import Store
from tradewarden.store.audit import append_audit, chain_end, verify_audit
from tradewarden.store.backup import backup_store, restore_store
from tradewarden.store.tables import metadata
from tradewarden.store.users import Role, add_user, authenticate_key, authenticate_password, disable_user, issue_api_key

EntityFactory = Callable[..., EntityProxy]
PASSWORD = "correct horse battery"


@pytest.fixture
def other_url(store_url: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A fresh store URL on the other backend than ``store_url``."""
    if not store_url.startswith("sqlite"):
        yield f"sqlite:///{tmp_path / 'other.db'}"
        return
    base = request.getfixturevalue("pg_url")
    schema = f"tw_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(base, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    try:
        yield f"{base}?options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def other(other_url: str) -> Iterator[Store]:
    opened = Store.from_url(other_url)
    try:
        yield opened
    finally:
        opened.close()


def _fill(store: Store, e: EntityFactory) -> str:
    """Two versions (one current, one failed), users with a key, audit entries; returns the key."""
    people = [e("Person", str(n), name=f"Иван Петров {n}", country="ru", birthDate="1970-01-0" + str(n + 1)) for n in range(3)]
    staged = store.stage_version(
        "test_list", people, problems=["list.csv:4: no name"], files=[{"name": "list.csv", "sha256": "ab" * 32}],
        sha256="ab" * 32, fetched_at=datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC), published_at="2025-01-01",
    )
    store.promote(staged.id)
    failed = store.stage_version("test_list", people[:1], sha256="cd" * 32)
    store.fail(failed.id, "shrank by 67 %")
    add_user(store, "alice", Role.REVIEWER, PASSWORD, actor="cli:root", params=ScryptParams(n=2**10))
    add_user(store, "bob", Role.ANALYST, PASSWORD, actor="cli:root", params=ScryptParams(n=2**10))
    disable_user(store, "bob", actor="cli:root")
    _, key = issue_api_key(store, "alice", actor="cli:root")
    append_audit(store, "alice", "case.decide", "case:1", {"decision": "clear", "score": 0.1, "big": 1e16})
    return key


def _normalised(value: Any) -> Any:
    return value.astimezone(UTC).isoformat() if isinstance(value, datetime) else value


def _contents(store: Store) -> dict[str, list[dict[str, Any]]]:
    """Every row of every declared table, ordered by primary key, datetimes as UTC text."""
    found = {}
    with store.engine.connect() as conn:
        for table in metadata.sorted_tables:
            query = sa.select(table).order_by(*table.primary_key.columns)
            found[table.name] = [{k: _normalised(v) for k, v in row._mapping.items()} for row in conn.execute(query)]
    return found


def test_round_trip_across_backends_keeps_every_row_and_the_audit_chain(
    store: Store, other: Store, e: EntityFactory, tmp_path: Path
) -> None:
    key = _fill(store, e)
    written = backup_store(store, tmp_path / "backup.zip")
    assert written.path.stat().st_mode & 0o777 == 0o600
    assert written.rows["list_entity"] == 4 and written.rows["app_user"] == 2
    restored = restore_store(other, tmp_path / "backup.zip")
    assert restored.rows == written.rows
    assert _contents(other) == _contents(store)
    assert chain_end(other) == chain_end(store)
    assert (restored.audit_head_seq, restored.audit_head_hash) == (written.audit_head_seq, written.audit_head_hash)
    report = verify_audit(other)
    assert report.ok and report.checked == written.audit_head_seq
    assert authenticate_key(other, key).name == "alice"
    assert authenticate_password(other, "alice", PASSWORD).role == Role.REVIEWER
    current = other.current("test_list")
    assert current is not None and current.fetched_at == datetime(2025, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
    assert other.entity("test_list", "1").get("name") == ["Иван Петров 1"]
    # New rows get fresh ids after a restore (PostgreSQL's sequences were moved on).
    newer = other.stage_version("test_list", [e("Person", "9", name="New Person")], sha256="ef" * 32)
    assert newer.id == max(version.id for version in store.versions()) + 1
    assert verify_audit(other).ok and append_audit(other, "alice", "x.y", "s").seq == written.audit_head_seq + 1


def test_restore_refuses_a_store_with_data_unless_forced(store: Store, other: Store, e: EntityFactory, tmp_path: Path) -> None:
    _fill(store, e)
    backup_store(store, tmp_path / "backup.zip")
    add_user(other, "carol", Role.ADMIN, PASSWORD, actor="cli:root", params=ScryptParams(n=2**10))
    before = _contents(other)
    with pytest.raises(StoreError, match="not empty.*1 rows in app_user.*--force"):
        restore_store(other, tmp_path / "backup.zip")
    assert _contents(other) == before
    restore_store(other, tmp_path / "backup.zip", force=True)
    assert _contents(other) == _contents(store)


def _rewrite(source: Path, target: Path, change: Callable[[str, bytes], bytes]) -> None:
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for name in old.namelist():
            new.writestr(name, change(name, old.read(name)))


def test_a_damaged_or_foreign_backup_changes_nothing(store: Store, other: Store, e: EntityFactory, tmp_path: Path) -> None:
    _fill(store, e)
    backup_store(store, tmp_path / "backup.zip")
    empty = _contents(other)

    def edit_entity(name: str, data: bytes) -> bytes:
        return data.replace("Иван".encode(), "Ivan".encode()) if name == "tables/list_entity.jsonl" else data

    _rewrite(tmp_path / "backup.zip", tmp_path / "damaged.zip", edit_entity)
    with pytest.raises(StoreError, match="list_entity.jsonl does not match its SHA-256"):
        restore_store(other, tmp_path / "damaged.zip")

    def old_revision(name: str, data: bytes) -> bytes:
        if name != "manifest.json":
            return data
        return json.dumps({**json.loads(data), "schema_revision": "0001"}).encode()

    _rewrite(tmp_path / "backup.zip", tmp_path / "old.zip", old_revision)
    with pytest.raises(StoreError, match="schema revision 0001"):
        restore_store(other, tmp_path / "old.zip")
    (tmp_path / "junk.zip").write_bytes(b"not a zip")
    with pytest.raises(InputError, match="cannot open"):
        restore_store(other, tmp_path / "junk.zip")
    assert _contents(other) == empty


def test_backup_refuses_tables_it_does_not_know(store: Store, tmp_path: Path) -> None:
    with store.engine.begin() as conn:
        conn.execute(sa.text("CREATE TABLE stray_table (id INTEGER PRIMARY KEY)"))
    with pytest.raises(StoreError, match="stray_table"):
        backup_store(store, tmp_path / "backup.zip")
    assert not (tmp_path / "backup.zip").exists() and not list(tmp_path.glob("*.partial"))

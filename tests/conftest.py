"""Fixtures: ``shared_lists`` (path to ../shared/data/lists, skipped outside CI when absent),
``shared_data`` (../shared/data), ``fixtures_dir`` (tests/fixtures), ``settings`` (a Settings
with a temporary home), ``pg_url`` (PostgreSQL URL; skips when 127.0.0.1:5432 is down,
except under CI=true where that is an error), ``store_url`` (parametrised: a SQLite file
and a fresh PostgreSQL schema, dropped afterwards, for tests that run on both store backends).
Autouse: ``_gc_unfrozen`` (what a test froze by loading an index is unfrozen after it)."""

from __future__ import annotations

import gc
import os
import socket
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradewarden.settings import Settings

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(autouse=True)
def _gc_unfrozen() -> Iterator[None]:
    """Loading an index freezes the process's objects out of garbage collection
    (``match.index.freeze_long_lived``); that is process state, so it ends with the test."""
    yield
    gc.unfreeze()


def _need(path: Path, what: str) -> Path:
    if not path.exists():
        if IN_CI:
            pytest.fail(f"{what} missing at {path} (required under CI=true)")
        pytest.skip(f"{what} not available at {path}")
    return path


@pytest.fixture(scope="session")
def shared_data() -> Path:
    return _need(SHARED / "data", "shared data")


@pytest.fixture(scope="session")
def shared_lists(shared_data: Path) -> Path:
    return _need(shared_data / "lists", "shared list snapshots")


@pytest.fixture(scope="session")
def shared_reference() -> Path:
    return _need(SHARED / "reference", "shared reference tables")


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return ROOT / "tests" / "fixtures"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home", database_url="")


def _pg_up() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


@pytest.fixture(scope="session")
def pg_url() -> str:
    if not _pg_up():
        if IN_CI:
            pytest.fail("PostgreSQL on 127.0.0.1:5432 is required under CI=true")
        pytest.skip("PostgreSQL not reachable on 127.0.0.1:5432")
    user = os.environ.get("PGUSER", "postgres")
    return f"postgresql+psycopg://{user}@127.0.0.1:5432/test"


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'store.db'}"
        return
    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

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

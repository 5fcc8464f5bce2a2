"""The Alembic revisions shipped in the package build exactly the tables ``tables.py`` declares."""

from __future__ import annotations

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory

from tradewarden.store import Store
from tradewarden.store.engine import MIGRATIONS
from tradewarden.store.tables import metadata


def test_migrations_match_the_table_declarations(store_url: str) -> None:
    Store.from_url(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            differences = compare_metadata(MigrationContext.configure(conn), metadata)
            head = conn.execute(sa.text("SELECT version_num FROM alembic_version")).scalar_one()
    finally:
        engine.dispose()
    assert differences == []
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert head == ScriptDirectory.from_config(config).get_current_head()


def test_opening_twice_migrates_once(store_url: str) -> None:
    Store.from_url(store_url).close()
    Store.from_url(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT count(*) FROM alembic_version")).scalar_one() == 1
    finally:
        engine.dispose()

"""Fixtures of the case tests: ``store`` (an open Store on SQLite and PostgreSQL, via
``store_url``), ``pg_store`` (PostgreSQL only), ``people`` (an analyst and three reviewers as
plain ``name``/``role`` objects), ``decision`` (a Decision factory: ``decision("review", 72.0)``)
and ``e`` (a one-line listed-entity factory: ``e("Person", "42", name="Ivan Petrov")``).
Helpers shared with the tests live in ``casekit.py``."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from casekit import DecisionFactory, People, Person, make_decision, make_entity
from followthemoney.proxy import EntityProxy

from tradewarden.store import Store


@pytest.fixture
def people() -> People:
    return People(Person("ann", "analyst"), Person("bob", "reviewer"), Person("carol", "reviewer"), Person("dave", "admin"))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.from_url(store_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def decision() -> DecisionFactory:
    return make_decision


@pytest.fixture
def e() -> Callable[..., EntityProxy]:
    return make_entity


@pytest.fixture
def pg_store(pg_url: str) -> Iterator[Store]:
    """An open Store in a fresh PostgreSQL schema (dropped afterwards)."""
    import uuid

    import sqlalchemy as sa
    from sqlalchemy.pool import NullPool

    schema = f"tw_test_{uuid.uuid4().hex[:12]}"
    admin = sa.create_engine(pg_url, poolclass=NullPool)
    with admin.begin() as conn:
        conn.execute(sa.text(f'CREATE SCHEMA "{schema}"'))
    opened = Store.from_url(f"{pg_url}?options=-csearch_path%3D{schema}")
    try:
        yield opened
    finally:
        opened.close()
        with admin.begin() as conn:
            conn.execute(sa.text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()

"""Alembic environment of the store: runs on the connection :func:`tradewarden.store.engine.migrate` passes in.

No ``alembic.ini`` is needed: the store runs ``upgrade head`` itself when it is opened. To write
a new revision, run ``alembic -x url=sqlite:///tmp.db revision -m "..."`` from this folder's
parent with ``script_location`` pointing here, and keep ``tables.py`` in step with it.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine

import tradewarden.store.tables_audit  # noqa: F401  (registers the user and audit tables on metadata)
import tradewarden.store.tables_cases  # noqa: F401  (registers the case and re-screening tables)
from tradewarden.store.tables import metadata


def _run(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations() -> None:
    """Migrate the connection given in ``config.attributes``, else the ``-x url=...`` database."""
    connection = context.config.attributes.get("connection")
    if connection is not None:
        _run(connection)
        return
    url = context.get_x_argument(as_dictionary=True).get("url")
    if not url:
        raise SystemExit("pass the database with: alembic -x url=sqlite:///PATH ...")
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            _run(conn)
    finally:
        engine.dispose()


if context.is_offline_mode():
    raise SystemExit("offline (--sql) migrations are not supported; run them against a database")
run_migrations()

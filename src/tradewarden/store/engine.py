"""Database engines for the store: URL handling, SQLite pragmas, PostgreSQL, migrations.

SQLite (the default, a file under ``TRADEWARDEN_HOME``) runs in WAL mode with
``synchronous=FULL`` (an acknowledged commit survives a crash), foreign keys on and a busy timeout; its write transactions start with ``BEGIN IMMEDIATE`` so that two writers
queue instead of deadlocking on a lock upgrade. PostgreSQL is used when
``TRADEWARDEN_DATABASE_URL`` names it (``postgresql+psycopg://...``). The schema is brought to
the newest Alembic revision shipped in ``migrations/`` each time a store is opened.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.util.exc import CommandError
from sqlalchemy import Connection, Engine, create_engine, event, make_url, text
from sqlalchemy.engine import URL
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from tradewarden.errors import ConfigError, StoreError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_TIMEOUT_MS = 60_000
# Key of the advisory lock that serialises migrations of one PostgreSQL database.
_PG_MIGRATION_LOCK = 0x7472_6164_6577  # "tradew"
_WRITE_OPTION = "tradewarden_write"


def parse_url(url: str) -> URL:
    """The SQLAlchemy URL of ``url``; only SQLite and PostgreSQL are supported.

    Raises:
        ConfigError: the URL cannot be read or names another database.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"invalid database URL {url!r}: {exc}") from None
    if parsed.get_backend_name() not in ("sqlite", "postgresql"):
        raise ConfigError(
            f"unsupported database {parsed.get_backend_name()!r}: use sqlite:///PATH "
            "or postgresql+psycopg://USER@HOST/DB"
        )
    if parsed.get_backend_name() == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def display_url(url: URL) -> str:
    """The URL with its password hidden, for messages."""
    return url.render_as_string(hide_password=True)


def make_engine(url: str) -> Engine:
    """An engine for ``url`` with the store's connection settings applied.

    Args:
        url: ``sqlite:///PATH`` (parent folders are created), ``sqlite://`` (in memory) or
            ``postgresql+psycopg://USER@HOST:PORT/DB``.
    Returns:
        The engine; nothing is connected yet.
    Raises:
        ConfigError: unsupported or malformed URL.
    """
    parsed = parse_url(url)
    try:
        if parsed.get_backend_name() == "sqlite":
            return _sqlite_engine(parsed)
        return create_engine(parsed, pool_pre_ping=True)
    except ArgumentError as exc:  # e.g. a driver that is not installed
        raise ConfigError(f"cannot use database URL {display_url(parsed)}: {exc}") from None


def _sqlite_engine(url: URL) -> Engine:
    database = url.database or ""
    kwargs: dict[str, Any] = {}
    if database in ("", ":memory:"):
        # One shared connection, or every checkout would see a new empty database.
        kwargs = {"poolclass": StaticPool, "connect_args": {"check_same_thread": False}}
    else:
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, **kwargs)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        # Let the "begin" hook below issue BEGIN, instead of the driver's implicit one.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        # FULL: a commit is in the WAL on disk before it is acknowledged, so it survives a crash of the
        # process (NORMAL would do for that) and of the machine (NORMAL could lose the last commits).
        cursor.execute("PRAGMA synchronous = FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        immediate = connection.get_execution_options().get(_WRITE_OPTION, False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a write transaction: committed on success, rolled back on error.

    On SQLite the transaction takes the write lock at once (``BEGIN IMMEDIATE``).
    """
    with engine.connect() as conn:
        conn.execution_options(**{_WRITE_OPTION: True})
        with conn.begin():
            yield conn


@contextmanager
def read_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection in a read transaction: one consistent snapshot of the store."""
    with engine.connect() as conn, conn.begin():
        yield conn


def migrate(engine: Engine) -> None:
    """Bring the database to the newest schema revision shipped with tradewarden.

    Raises:
        StoreError: the database cannot be reached, or holds a newer schema than this
            tradewarden knows.
    """
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with write_transaction(engine) as conn:
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _PG_MIGRATION_LOCK})
            config.attributes["connection"] = conn
            command.upgrade(config, "head")
    except CommandError as exc:
        raise StoreError(
            f"the store at {display_url(engine.url)} has a schema this tradewarden does not know "
            f"({exc}); upgrade tradewarden",
            url=display_url(engine.url),
        ) from None
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot open the store at {display_url(engine.url)}: {_first_line(exc)}",
            url=display_url(engine.url),
        ) from None


def _first_line(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc)
    return message.strip().splitlines()[0] if message.strip() else type(exc).__name__

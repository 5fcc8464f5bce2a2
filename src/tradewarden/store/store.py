"""The versioned entity store: immutable list versions, one current per source, swapped atomically.

Data comes from the list parsers (:mod:`tradewarden.lists`) through
:mod:`tradewarden.lists.update`, which stages a version, checks the gates and then promotes
or fails it. Staging writes the version row first (status ``staged``, committed, so that an
interrupted load leaves a trace) and then every entity in one transaction; a process that
dies in between leaves a staged version without entities, never a half-written one, and
:meth:`Store.cleanup_staged` marks it failed later. Promotion is one transaction that locks
the source's versions, so two processes promoting at once cannot leave two current versions
(a partial unique index enforces that too).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime, timedelta
from types import TracebackType
from typing import Any, Self

from followthemoney.proxy import EntityProxy
from sqlalchemy import Engine, Select, func, select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from tradewarden.errors import InputError, NotFound, StoreError
from tradewarden.settings import Settings
from tradewarden.store.diff import diff_versions
from tradewarden.store.engine import display_url, make_engine, migrate, read_transaction, write_transaction
from tradewarden.store.records import EntityDiff, VersionInfo, VersionStatus
from tradewarden.store.rows import entity_from_data, version_from_row
from tradewarden.store.tables import list_entity, list_version
from tradewarden.store.versions import (
    create_staged,
    fail_abandoned,
    fail_version,
    promote_version,
    version_row,
    write_entities,
)

STREAM_BATCH = 1000


def _reason(exc: BaseException) -> str:
    message = str(getattr(exc, "orig", None) or exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__


@contextmanager
def _database_errors(action: str) -> Iterator[None]:
    """Turn driver errors into :class:`StoreError` naming what was being done."""
    try:
        yield
    except SQLAlchemyError as exc:
        raise StoreError(f"{action} failed: {_reason(exc)}", action=action) from exc


class Store:
    """List versions and their entities in SQLite or PostgreSQL.

    Open one with :meth:`open` (from settings) or :meth:`from_url`; close it with
    :meth:`close` or use it as a context manager.
    """

    def __init__(self, url: str) -> None:
        self._engine = make_engine(url)
        self.url = display_url(self._engine.url)
        try:
            migrate(self._engine)
        except BaseException:
            self._engine.dispose()
            raise

    @classmethod
    def open(cls, settings: Settings) -> Self:
        """The store the settings name: SQLite under ``settings.home`` unless a URL is set.

        Args:
            settings: ``home`` (created for SQLite) and ``database_url``.
        Returns:
            An open store at the newest schema revision.
        Raises:
            StoreError: the database cannot be reached or migrated.
            ConfigError: the URL names an unsupported database.
        """
        if not settings.database_url:
            settings.home.mkdir(parents=True, exist_ok=True)
        return cls(settings.resolved_database_url())

    @classmethod
    def from_url(cls, url: str) -> Self:
        """A store at ``url`` (``sqlite:///PATH``, ``sqlite://``, ``postgresql+psycopg://...``).

        Raises:
            StoreError: the database cannot be reached or migrated.
            ConfigError: the URL names an unsupported database.
        """
        return cls(url)

    @property
    def engine(self) -> Engine:
        """The SQLAlchemy engine, for store modules that run their own transactions (audit, users)."""
        return self._engine

    def close(self) -> None:
        """Release every database connection."""
        self._engine.dispose()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Store({self.url!r})"

    # -- writing versions ------------------------------------------------------------------

    def stage_version(
        self,
        source: str,
        entities: Iterable[EntityProxy],
        *,
        problems: Sequence[object] = (),
        files: list[dict[str, Any]] | None = None,
        sha256: str,
        fetched_at: datetime | None = None,
        published_at: str | None = None,
    ) -> VersionInfo:
        """Write a new version of ``source`` in status ``staged``.

        Args:
            source: the source name.
            entities: every entity of the version (listed parties, relations, addresses);
                inserted in batches within one transaction.
            problems: the parse problems (anything whose ``str()`` reads well).
            files: the input files as ``{"name", "sha256", "bytes", "url"}`` records.
            sha256: the combined sha256 of the input files.
            fetched_at: when the files were downloaded (timezone-aware).
            published_at: the publication date the list states, if any.
        Returns:
            The staged version with its counts.
        Raises:
            InputError: ``fetched_at`` has no time zone.
            StoreError: the entities could not be written (e.g. two share an id); the
                version is then marked failed.
        """
        if fetched_at is not None and fetched_at.tzinfo is None:
            raise InputError("must be timezone-aware", field="fetched_at")
        with _database_errors(f"staging a version of {source}"), write_transaction(self._engine) as conn:
            version_id = create_staged(
                conn,
                source,
                problems=[str(problem) for problem in problems],
                files=list(files or []),
                sha256=sha256,
                fetched_at=fetched_at,
                published_at=published_at,
            )
        try:
            with write_transaction(self._engine) as conn:
                write_entities(conn, version_id, entities)
        except BaseException as exc:
            self._fail_quietly(version_id, f"staging did not finish: {type(exc).__name__}: {_reason(exc)}")
            if isinstance(exc, IntegrityError):
                raise StoreError(
                    f"staging version {version_id} of {source} failed: two entities share an id "
                    f"({_reason(exc)})",
                    version_id=version_id,
                ) from exc
            if isinstance(exc, (SQLAlchemyError, StoreError)):
                raise StoreError(
                    f"staging version {version_id} of {source} failed: {_reason(exc)}", version_id=version_id
                ) from exc
            raise
        return self.version(version_id)

    def _fail_quietly(self, version_id: int, reason: str) -> None:
        try:
            self.fail(version_id, reason)
        except Exception:  # the database may be the thing that broke; cleanup_staged retries later
            pass

    def promote(self, version_id: int) -> VersionInfo:
        """Make a staged version the current one of its source, superseding the previous one.

        One transaction: readers see either the old or the new current version, never both
        or none.

        Args:
            version_id: a staged version whose staging finished.
        Returns:
            The now current version.
        Raises:
            NotFound: no such version.
            StoreError: the version is not staged, its staging did not finish, or a newer
                version of the source became current meanwhile (the version is then failed).
        """
        with _database_errors(f"promoting version {version_id}"), write_transaction(self._engine) as conn:
            newer = promote_version(conn, version_id)
        if newer is not None:
            raise StoreError(
                f"version {version_id} was not promoted: newer version {newer} is already current",
                version_id=version_id,
            )
        return self.version(version_id)

    def fail(self, version_id: int, reason: str) -> None:
        """Mark a staged version failed (it is kept, with ``reason``, for inspection).

        Raises:
            NotFound: no such version.
            StoreError: the version is not staged.
        """
        with _database_errors(f"failing version {version_id}"), write_transaction(self._engine) as conn:
            fail_version(conn, version_id, reason)

    def cleanup_staged(self, older_than: timedelta) -> int:
        """Mark failed the staged versions older than ``older_than`` (left by a dead process).

        Args:
            older_than: how long a staging may take before it counts as abandoned.
        Returns:
            How many versions were marked failed.
        """
        with _database_errors("cleaning up staged versions"), write_transaction(self._engine) as conn:
            return fail_abandoned(conn, older_than)

    # -- reading versions ------------------------------------------------------------------

    def version(self, version_id: int) -> VersionInfo:
        """The version ``version_id``.

        Raises:
            NotFound: no such version.
        """
        with _database_errors(f"reading version {version_id}"), read_transaction(self._engine) as conn:
            return version_from_row(version_row(conn, version_id))

    def current(self, source: str) -> VersionInfo | None:
        """The current version of ``source``, or None if it has none."""
        query = select(list_version).where(
            list_version.c.source == source, list_version.c.status == VersionStatus.CURRENT.value
        )
        with _database_errors(f"reading the current version of {source}"), read_transaction(self._engine) as conn:
            row = conn.execute(query).one_or_none()
        return None if row is None else version_from_row(row)

    def versions(self, source: str | None = None) -> list[VersionInfo]:
        """Every version (of ``source``, if given), newest first."""
        query = select(list_version).order_by(list_version.c.id.desc())
        if source is not None:
            query = query.where(list_version.c.source == source)
        with _database_errors("listing versions"), read_transaction(self._engine) as conn:
            return [version_from_row(row) for row in conn.execute(query)]

    def sources(self) -> list[str]:
        """The sources that have a current version, sorted."""
        query = (
            select(list_version.c.source)
            .where(list_version.c.status == VersionStatus.CURRENT.value)
            .order_by(list_version.c.source)
        )
        with _database_errors("listing sources"), read_transaction(self._engine) as conn:
            return list(conn.execute(query).scalars())

    # -- reading entities ------------------------------------------------------------------

    def entities(self, version_id: int) -> Iterator[EntityProxy]:
        """Every entity of a version, by entity id; ``context`` has source, source_id, version_id.

        Raises:
            NotFound: no such version (raised at once, not when iterating).
        """
        self.version(version_id)
        query = (
            select(list_entity.c.version_id, list_entity.c.data)
            .where(list_entity.c.version_id == version_id)
            .order_by(list_entity.c.entity_id)
        )
        return self._stream(query, f"reading the entities of version {version_id}")

    def current_entities(self, sources: list[str] | None = None) -> Iterator[EntityProxy]:
        """The entities of the current version of each source (of ``sources``, if given).

        Entities come in source order, then entity id order, from one consistent snapshot.
        """
        query = (
            select(list_entity.c.version_id, list_entity.c.data)
            .join(list_version, list_version.c.id == list_entity.c.version_id)
            .where(list_version.c.status == VersionStatus.CURRENT.value)
            .order_by(list_version.c.source, list_entity.c.entity_id)
        )
        if sources is not None:
            query = query.where(list_version.c.source.in_(sources))
        return self._stream(query, "reading the current entities")

    def _stream(self, query: Select[Any], action: str) -> Iterator[EntityProxy]:
        with _database_errors(action), self._engine.connect() as conn:
            conn.execution_options(stream_results=True, yield_per=STREAM_BATCH)
            with conn.begin():
                for row in conn.execute(query):
                    yield entity_from_data(row.data, row.version_id)

    def entity(self, source: str, source_id: str, version_id: int | None = None) -> EntityProxy:
        """The entity listed as ``source_id`` by ``source``, in its current version by default.

        Raises:
            NotFound: no such version, no current version, or no such entity in it.
        """
        query = (
            select(list_entity.c.version_id, list_entity.c.data)
            .join(list_version, list_version.c.id == list_entity.c.version_id)
            .where(list_version.c.source == source, list_entity.c.source_id == str(source_id))
        )
        if version_id is None:
            query = query.where(list_version.c.status == VersionStatus.CURRENT.value)
        else:
            query = query.where(list_version.c.id == version_id)
        with _database_errors(f"reading {source} {source_id}"), read_transaction(self._engine) as conn:
            row = conn.execute(query.limit(1)).one_or_none()
        if row is None:
            where = "its current version" if version_id is None else f"version {version_id}"
            raise NotFound(f"{source} lists no {source_id!r} in {where}", source=source, source_id=source_id)
        return entity_from_data(row.data, row.version_id)

    def current_entity(self, entity_id: str) -> EntityProxy:
        """The entity ``entity_id`` (``us-ofac-sdn-36``) in the current version of its source.

        Raises:
            NotFound: no current version holds it.
        """
        current = select(list_version.c.id).where(list_version.c.status == VersionStatus.CURRENT.value)
        # ``version_id IN (...)`` lets the primary key (version_id, entity_id) find the row.
        query = select(list_entity.c.version_id, list_entity.c.data).where(
            list_entity.c.version_id.in_(current.scalar_subquery()), list_entity.c.entity_id == entity_id
        )
        with _database_errors(f"reading entity {entity_id}"), read_transaction(self._engine) as conn:
            row = conn.execute(query.limit(1)).one_or_none()
        if row is None:
            raise NotFound(f"no current list holds entity {entity_id!r}", entity_id=entity_id)
        return entity_from_data(row.data, row.version_id)

    def diff(self, old_version_id: int, new_version_id: int, *, listed_only: bool = False) -> EntityDiff:
        """Entities added, removed and changed from one version to another.

        Args:
            old_version_id: the version compared from.
            new_version_id: the version compared to.
            listed_only: leave out entities without a ``source_id`` (relations, addresses).
        Returns:
            The diff, keyed and sorted by entity id.
        Raises:
            NotFound: either version does not exist.
        """
        with _database_errors("comparing versions"), read_transaction(self._engine) as conn:
            version_row(conn, old_version_id)
            version_row(conn, new_version_id)
            return diff_versions(conn, old_version_id, new_version_id, listed_only=listed_only)

    def count_entities(self, version_id: int) -> int:
        """How many entity rows version ``version_id`` holds (0 for an unknown version)."""
        query = select(func.count()).select_from(list_entity).where(list_entity.c.version_id == version_id)
        with _database_errors(f"counting the entities of version {version_id}"), read_transaction(self._engine) as conn:
            return int(conn.execute(query).scalar_one())

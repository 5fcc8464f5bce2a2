"""The store's tables (SQLAlchemy Core): list versions and the entities of each version.

``list_version`` holds one row per load of one source (its input files, sha256, counts and
status); ``list_entity`` holds every entity of a version as its FollowTheMoney dict (JSON)
beside the columns the store queries on (``entity_id``, ``source_id``, ``schema``,
``caption``) and a ``content_hash`` (FtM's checksum of id, schema and properties) that
makes a diff between versions a comparison of two short columns.

The schema is created and changed only by the Alembic revisions in ``migrations/``;
``tests/store/test_migrations.py`` checks that they agree with these declarations.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    CheckConstraint,
    Column,
    DateTime,
    Dialect,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    text,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.types import TypeDecorator

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING_CONVENTION)

# JSONB on PostgreSQL (compact, indexable), plain JSON text on SQLite.
JSONColumn = JSON().with_variant(JSONB(), "postgresql")

VERSION_STATUSES = ("staged", "current", "superseded", "failed")


class UTCDateTime(TypeDecorator[datetime]):
    """A timezone-aware UTC datetime on every backend (SQLite keeps no zone: naive UTC)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"naive datetime {value!r}: the store keeps UTC datetimes only")
        value = value.astimezone(UTC)
        if dialect.name == "sqlite":
            return value.replace(tzinfo=None)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if not isinstance(value, datetime):
            raise TypeError(f"expected a datetime from the database, got {value!r}")
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


list_version = Table(
    "list_version",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("source", String(100), nullable=False),
    Column("status", String(16), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("fetched_at", UTCDateTime(), nullable=True),
    Column("published_at", String(40), nullable=True),
    Column("staged_at", UTCDateTime(), nullable=True),
    Column("promoted_at", UTCDateTime(), nullable=True),
    Column("sha256", String(64), nullable=False),
    Column("files", JSONColumn, nullable=False),
    Column("entity_count", Integer, nullable=False, server_default=text("0")),
    Column("row_count", Integer, nullable=False, server_default=text("0")),
    Column("problem_count", Integer, nullable=False, server_default=text("0")),
    Column("problems", JSONColumn, nullable=False),
    Column("reason", Text, nullable=True),
    CheckConstraint(
        "status IN ('staged', 'current', 'superseded', 'failed')",
        name="status",
    ),
    Index("ix_list_version_source_status", "source", "status"),
    # At most one current version per source, whatever two processes do at once.
    Index(
        "uq_list_version_one_current",
        "source",
        unique=True,
        sqlite_where=text("status = 'current'"),
        postgresql_where=text("status = 'current'"),
    ),
)

list_entity = Table(
    "list_entity",
    metadata,
    Column(
        "version_id",
        Integer,
        ForeignKey("list_version.id", ondelete="CASCADE"),
        primary_key=True,
    ),
    Column("entity_id", String(255), primary_key=True),
    Column("source_id", String(255), nullable=True),
    Column("schema", String(64), nullable=False),
    Column("caption", Text, nullable=False),
    Column("content_hash", String(40), nullable=False),
    Column("data", JSONColumn, nullable=False),
    Index("ix_list_entity_version_id_source_id", "version_id", "source_id"),
)

"""The tables of users, API keys and the audit trail, on the same ``metadata`` as ``tables.py``.

``app_user`` holds one row per person or service (its role and scrypt password hash);
``api_key`` holds the SHA-256 of each issued key, never the key. ``audit_entry`` is the
append-only, hash-chained trail (:mod:`tradewarden.store.audit`); ``audit_head`` is its single
chain-head row: the newest ``seq`` and hash (appends lock this row, so they are serialised) and
the anchor left by pruning (the seq and hash of the last pruned entry).

Created by the Alembic revision ``0002_users_audit``; ``tests/store/test_migrations.py``
checks that the revisions and these declarations agree.
"""

from __future__ import annotations

from sqlalchemy import BigInteger, CheckConstraint, Column, ForeignKey, Index, Integer, String, Table, Text

from tradewarden.store.tables import UTCDateTime, metadata

ROLES = ("analyst", "reviewer", "admin")
# prev_hash of the first entry of a chain that was never pruned.
GENESIS_HASH = "0" * 64
# The one row of ``audit_head``.
HEAD_ID = 1

app_user = Table(
    "app_user",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("name", String(100), nullable=False, unique=True),
    Column("role", String(16), nullable=False),
    Column("password_hash", Text, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("disabled_at", UTCDateTime(), nullable=True),
    CheckConstraint("role IN ('analyst', 'reviewer', 'admin')", name="role"),
)

api_key = Table(
    "api_key",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("user_id", Integer, ForeignKey("app_user.id", ondelete="CASCADE"), nullable=False),
    Column("key_hash", String(64), nullable=False, unique=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("revoked_at", UTCDateTime(), nullable=True),
    Index("ix_api_key_user_id", "user_id"),
)

audit_entry = Table(
    "audit_entry",
    metadata,
    Column("seq", BigInteger, primary_key=True, autoincrement=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("actor", String(200), nullable=False),
    Column("action", String(64), nullable=False),
    Column("subject", String(255), nullable=False),
    # The canonical JSON text that was hashed, kept verbatim: a JSONB round trip may rewrite numbers.
    Column("payload", Text, nullable=False),
    Column("prev_hash", String(64), nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Index("ix_audit_entry_created_at", "created_at"),
    Index("ix_audit_entry_subject", "subject"),
)

audit_head = Table(
    "audit_head",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("seq", BigInteger, nullable=False),
    Column("entry_hash", String(64), nullable=False),
    Column("anchor_seq", BigInteger, nullable=False),
    Column("anchor_hash", String(64), nullable=False),
    CheckConstraint("id = 1", name="single_row"),
)

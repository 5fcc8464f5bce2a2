"""The tables of screenings, review cases, decisions and continuous re-screening.

On the same ``metadata`` as :mod:`tradewarden.store.tables`. ``screening`` keeps every order
or party screened (input, the whole decision with its findings, list and data versions, and
who asked); ``review_case`` is the review queue (one row per screening that was not clear,
or per re-screening alert), with a ``version`` column for optimistic concurrency;
``case_decision`` and ``case_attachment`` are append-only; ``case_note`` holds delisting and
other notes. ``monitored_party`` holds the parties re-screened when a list changes (from
past orders and the customer master), ``party_key`` their blocking keys (so a list delta
finds its candidate parties with one indexed lookup), ``party_hit`` the listed entities each
party matched, and ``monitor_watermark`` the last list version monitored per source.

Created by the Alembic revision ``0003_cases``; ``tests/store/test_migrations.py`` checks
that the revisions and these declarations agree.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Table,
    Text,
    UniqueConstraint,
    text,
)

from tradewarden.store.tables import JSONColumn, UTCDateTime, metadata

SCREENING_KINDS = ("order", "party")
OUTCOMES = ("clear", "review", "block")
CASE_STATUSES = ("open", "escalated", "pending_second_review", "released", "blocked")
DECISION_ACTIONS = ("release", "escalate", "block")
PARTY_ORIGINS = ("order", "customer")

screening = Table(
    "screening",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("kind", String(8), nullable=False),
    # The order id, customer id or party key the screening was about, if any.
    Column("reference", String(255), nullable=True),
    Column("actor", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("outcome", String(8), nullable=False),
    Column("risk_score", Float, nullable=False),
    Column("input", JSONColumn, nullable=False),
    # The whole Decision: findings, reasons, list versions and data versions.
    Column("decision", JSONColumn, nullable=False),
    CheckConstraint("kind IN ('order', 'party')", name="kind"),
    CheckConstraint("outcome IN ('clear', 'review', 'block')", name="outcome"),
    Index("ix_screening_created_at", "created_at"),
    Index("ix_screening_reference", "reference"),
)

monitored_party = Table(
    "monitored_party",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    # ``customer:<id>`` for the customer master, ``order:<digest>`` for a party of past orders.
    Column("key", String(255), nullable=False, unique=True),
    Column("origin", String(16), nullable=False),
    Column("external_id", String(255), nullable=True),
    Column("name", Text, nullable=False),
    Column("schema", String(64), nullable=True),
    # The match Query's fields (names, countries, birth_dates, identifiers ...).
    Column("query", JSONColumn, nullable=False),
    # Which blocking-key computation wrote this party's party_key rows.
    Column("keys_version", String(40), nullable=False),
    Column("screening_id", Integer, ForeignKey("screening.id"), nullable=True),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    CheckConstraint("origin IN ('order', 'customer')", name="origin"),
)

party_key = Table(
    "party_key",
    metadata,
    Column("key", String(255), primary_key=True),
    Column("party_id", Integer, ForeignKey("monitored_party.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_party_key_party_id", "party_id"),
)

review_case = Table(
    "review_case",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("screening_id", Integer, ForeignKey("screening.id"), nullable=False),
    Column("status", String(32), nullable=False),
    Column("outcome", String(8), nullable=False),
    Column("risk_score", Float, nullable=False),
    Column("title", Text, nullable=False),
    # ``screening`` (opened by record_screening) or ``monitor`` (a re-screening alert).
    Column("origin", String(16), nullable=False),
    Column("party_id", Integer, ForeignKey("monitored_party.id"), nullable=True),
    # Optimistic concurrency: every change is ``UPDATE ... WHERE version = :seen``.
    Column("version", Integer, nullable=False, server_default=text("1")),
    Column("created_at", UTCDateTime(), nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
    CheckConstraint(
        "status IN ('open', 'escalated', 'pending_second_review', 'released', 'blocked')", name="status"
    ),
    CheckConstraint("origin IN ('screening', 'monitor')", name="origin"),
    Index("ix_review_case_status_risk_score", "status", "risk_score"),
    Index("ix_review_case_screening_id", "screening_id"),
)

case_decision = Table(
    "case_decision",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("review_case.id"), nullable=False),
    # The case version the decision was made on; unique, so two decisions never share one.
    Column("case_version", Integer, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("role", String(16), nullable=False),
    Column("action", String(16), nullable=False),
    Column("rationale", Text, nullable=False),
    Column("from_status", String(32), nullable=False),
    Column("to_status", String(32), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    # SHA-256 of the decision's canonical content, also written to its audit entry.
    Column("content_sha256", String(64), nullable=False),
    CheckConstraint("action IN ('release', 'escalate', 'block')", name="action"),
    UniqueConstraint("case_id", "case_version"),
)

case_attachment = Table(
    "case_attachment",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("decision_id", Integer, ForeignKey("case_decision.id"), nullable=False),
    Column("name", String(255), nullable=False),
    Column("content_type", String(100), nullable=False),
    Column("sha256", String(64), nullable=False),
    Column("size", Integer, nullable=False),
    Column("content", LargeBinary, nullable=False),
    Index("ix_case_attachment_decision_id", "decision_id"),
)

case_note = Table(
    "case_note",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("review_case.id"), nullable=True),
    Column("party_id", Integer, ForeignKey("monitored_party.id"), nullable=True),
    # ``delisted`` (a hit's entry left the list), ``hit_changed`` (a hit no longer matches).
    Column("kind", String(32), nullable=False),
    Column("body", Text, nullable=False),
    Column("detail", JSONColumn, nullable=False),
    Column("actor", String(200), nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    Index("ix_case_note_case_id", "case_id"),
    Index("ix_case_note_party_id", "party_id"),
)

party_hit = Table(
    "party_hit",
    metadata,
    Column("party_id", Integer, ForeignKey("monitored_party.id", ondelete="CASCADE"), primary_key=True),
    Column("entity_id", String(255), primary_key=True),
    Column("source", String(100), nullable=False),
    Column("source_id", String(255), nullable=True),
    Column("caption", Text, nullable=False),
    Column("score", Float, nullable=False),
    Column("case_id", Integer, ForeignKey("review_case.id"), nullable=True),
    Column("version_id", Integer, nullable=False),
    Column("created_at", UTCDateTime(), nullable=False),
    # The list version in which the hit ended: its entry was removed, or changed and no longer matches.
    Column("ended_version", Integer, nullable=True),
    Index("ix_party_hit_entity_id", "entity_id"),
)

monitor_watermark = Table(
    "monitor_watermark",
    metadata,
    Column("source", String(100), primary_key=True),
    Column("version_id", Integer, nullable=False),
    Column("updated_at", UTCDateTime(), nullable=False),
)

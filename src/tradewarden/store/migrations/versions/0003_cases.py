"""Screenings, review cases, decisions, attachments, notes and continuous re-screening.

Revision ID: 0003_cases
Revises: 0002_users_audit
Create Date: 2026-11-26
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from tradewarden.store.tables import UTCDateTime

revision: str = "0003_cases"
down_revision: str | None = "0002_users_audit"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "screening",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("reference", sa.String(length=255), nullable=True),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("risk_score", sa.Float(), nullable=False),
        sa.Column("input", _JSON, nullable=False),
        sa.Column("decision", _JSON, nullable=False),
        sa.CheckConstraint("kind IN ('order', 'party')", name=op.f("ck_screening_kind")),
        sa.CheckConstraint("outcome IN ('clear', 'review', 'block')", name=op.f("ck_screening_outcome")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening")),
    )
    op.create_index("ix_screening_created_at", "screening", ["created_at"])
    op.create_index("ix_screening_reference", "screening", ["reference"])
    op.create_table(
        "monitored_party",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=255), nullable=True),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("schema", sa.String(length=64), nullable=True),
        sa.Column("query", _JSON, nullable=False),
        sa.Column("keys_version", sa.String(length=40), nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint("origin IN ('order', 'customer')", name=op.f("ck_monitored_party_origin")),
        sa.ForeignKeyConstraint(
            ["screening_id"], ["screening.id"], name=op.f("fk_monitored_party_screening_id_screening")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_monitored_party")),
        sa.UniqueConstraint("key", name=op.f("uq_monitored_party_key")),
    )
    op.create_table(
        "party_key",
        sa.Column("key", sa.String(length=255), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["party_id"], ["monitored_party.id"], name=op.f("fk_party_key_party_id_monitored_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("key", "party_id", name=op.f("pk_party_key")),
    )
    op.create_index("ix_party_key_party_id", "party_key", ["party_id"])
    op.create_table(
        "review_case",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("screening_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("outcome", sa.String(length=8), nullable=False),
        sa.Column("risk_score", sa.Float(), nullable=False),
        sa.Column("title", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(length=16), nullable=False),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("version", sa.Integer(), server_default=sa.text("1"), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.CheckConstraint(
            "status IN ('open', 'escalated', 'pending_second_review', 'released', 'blocked')",
            name=op.f("ck_review_case_status"),
        ),
        sa.CheckConstraint("origin IN ('screening', 'monitor')", name=op.f("ck_review_case_origin")),
        sa.ForeignKeyConstraint(
            ["party_id"], ["monitored_party.id"], name=op.f("fk_review_case_party_id_monitored_party")
        ),
        sa.ForeignKeyConstraint(["screening_id"], ["screening.id"], name=op.f("fk_review_case_screening_id_screening")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_review_case")),
    )
    op.create_index("ix_review_case_status_risk_score", "review_case", ["status", "risk_score"])
    op.create_index("ix_review_case_screening_id", "review_case", ["screening_id"])
    op.create_table(
        "case_decision",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("case_version", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("action", sa.String(length=16), nullable=False),
        sa.Column("rationale", sa.Text(), nullable=False),
        sa.Column("from_status", sa.String(length=32), nullable=False),
        sa.Column("to_status", sa.String(length=32), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("content_sha256", sa.String(length=64), nullable=False),
        sa.CheckConstraint("action IN ('release', 'escalate', 'block')", name=op.f("ck_case_decision_action")),
        sa.ForeignKeyConstraint(["case_id"], ["review_case.id"], name=op.f("fk_case_decision_case_id_review_case")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_decision")),
        sa.UniqueConstraint("case_id", "case_version", name=op.f("uq_case_decision_case_id_case_version")),
    )
    op.create_table(
        "case_attachment",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("decision_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["decision_id"], ["case_decision.id"], name=op.f("fk_case_attachment_decision_id_case_decision")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_attachment")),
    )
    op.create_index("ix_case_attachment_decision_id", "case_attachment", ["decision_id"])
    op.create_table(
        "case_note",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("party_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("detail", _JSON, nullable=False),
        sa.Column("actor", sa.String(length=200), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.ForeignKeyConstraint(["case_id"], ["review_case.id"], name=op.f("fk_case_note_case_id_review_case")),
        sa.ForeignKeyConstraint(
            ["party_id"], ["monitored_party.id"], name=op.f("fk_case_note_party_id_monitored_party")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_note")),
    )
    op.create_index("ix_case_note_case_id", "case_note", ["case_id"])
    op.create_index("ix_case_note_party_id", "case_note", ["party_id"])
    op.create_table(
        "party_hit",
        sa.Column("party_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("source_id", sa.String(length=255), nullable=True),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=True),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("ended_version", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["case_id"], ["review_case.id"], name=op.f("fk_party_hit_case_id_review_case")),
        sa.ForeignKeyConstraint(
            ["party_id"], ["monitored_party.id"], name=op.f("fk_party_hit_party_id_monitored_party"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("party_id", "entity_id", name=op.f("pk_party_hit")),
    )
    op.create_index("ix_party_hit_entity_id", "party_hit", ["entity_id"])
    op.create_table(
        "monitor_watermark",
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.PrimaryKeyConstraint("source", name=op.f("pk_monitor_watermark")),
    )


def downgrade() -> None:
    op.drop_table("monitor_watermark")
    op.drop_index("ix_party_hit_entity_id", table_name="party_hit")
    op.drop_table("party_hit")
    op.drop_index("ix_case_note_party_id", table_name="case_note")
    op.drop_index("ix_case_note_case_id", table_name="case_note")
    op.drop_table("case_note")
    op.drop_index("ix_case_attachment_decision_id", table_name="case_attachment")
    op.drop_table("case_attachment")
    op.drop_table("case_decision")
    op.drop_index("ix_review_case_screening_id", table_name="review_case")
    op.drop_index("ix_review_case_status_risk_score", table_name="review_case")
    op.drop_table("review_case")
    op.drop_index("ix_party_key_party_id", table_name="party_key")
    op.drop_table("party_key")
    op.drop_table("monitored_party")
    op.drop_index("ix_screening_reference", table_name="screening")
    op.drop_index("ix_screening_created_at", table_name="screening")
    op.drop_table("screening")

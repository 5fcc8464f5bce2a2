"""List versions and their entities.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

from tradewarden.store.tables import UTCDateTime

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_JSON = sa.JSON().with_variant(JSONB(), "postgresql")


def upgrade() -> None:
    op.create_table(
        "list_version",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("source", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("fetched_at", UTCDateTime(), nullable=True),
        sa.Column("published_at", sa.String(length=40), nullable=True),
        sa.Column("staged_at", UTCDateTime(), nullable=True),
        sa.Column("promoted_at", UTCDateTime(), nullable=True),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("files", _JSON, nullable=False),
        sa.Column("entity_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("row_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("problem_count", sa.Integer(), server_default=sa.text("0"), nullable=False),
        sa.Column("problems", _JSON, nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('staged', 'current', 'superseded', 'failed')",
            name=op.f("ck_list_version_status"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_list_version")),
    )
    op.create_index("ix_list_version_source_status", "list_version", ["source", "status"])
    op.create_index(
        "uq_list_version_one_current",
        "list_version",
        ["source"],
        unique=True,
        sqlite_where=sa.text("status = 'current'"),
        postgresql_where=sa.text("status = 'current'"),
    )
    op.create_table(
        "list_entity",
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("entity_id", sa.String(length=255), nullable=False),
        sa.Column("source_id", sa.String(length=255), nullable=True),
        sa.Column("schema", sa.String(length=64), nullable=False),
        sa.Column("caption", sa.Text(), nullable=False),
        sa.Column("content_hash", sa.String(length=40), nullable=False),
        sa.Column("data", _JSON, nullable=False),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["list_version.id"],
            name=op.f("fk_list_entity_version_id_list_version"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("version_id", "entity_id", name=op.f("pk_list_entity")),
    )
    op.create_index("ix_list_entity_version_id_source_id", "list_entity", ["version_id", "source_id"])


def downgrade() -> None:
    op.drop_index("ix_list_entity_version_id_source_id", table_name="list_entity")
    op.drop_table("list_entity")
    op.drop_index("uq_list_version_one_current", table_name="list_version")
    op.drop_index("ix_list_version_source_status", table_name="list_version")
    op.drop_table("list_version")

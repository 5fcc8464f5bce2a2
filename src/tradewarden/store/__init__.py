"""Versioned entity store (SQLAlchemy 2 + Alembic)."""

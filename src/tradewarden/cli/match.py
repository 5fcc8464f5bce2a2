"""``tradewarden match``: match one name or a file of parties (placeholder until written)."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the ``match`` command to ``app``."""

"""``tradewarden backup`` and ``tradewarden restore``: the whole store as a portable zip.

Thin commands over :mod:`tradewarden.store.backup`; a SQLite backup restores into
PostgreSQL and the other way round.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tradewarden.cli.audit import open_store
from tradewarden.store.backup import backup_store, restore_store


def backup(out: Annotated[Path, typer.Argument(help="The backup file to write (a .zip, mode 0600).")]) -> None:
    """Back up every table of the store (lists, users, cases, audit trail) to a portable zip.

    Example: tradewarden backup tradewarden-2025-06-30.zip
    """
    with open_store() as store:
        written = backup_store(store, out)
    rows = sum(written.rows.values())
    typer.echo(
        f"wrote {out}: {rows} rows in {len(written.rows)} tables, schema {written.schema_revision}, "
        f"audit head seq {written.audit_head_seq}"
    )


def restore(
    source: Annotated[Path, typer.Argument(help="A backup written by `tradewarden backup`.")],
    force: Annotated[bool, typer.Option("--force", help="Replace a store that already holds data.")] = False,
) -> None:
    """Restore a backup into the store (refused when the store holds data, unless --force).

    Checksums are checked before anything is written; the restore is one transaction.

    Example: tradewarden restore tradewarden-2025-06-30.zip --force
    """
    with open_store() as store:
        restored = restore_store(store, source, force=force)
    rows = sum(restored.rows.values())
    typer.echo(
        f"restored {rows} rows in {len(restored.rows)} tables into {store.url}; "
        f"audit head seq {restored.audit_head_seq} {restored.audit_head_hash}"
    )


def register(app: typer.Typer) -> None:
    """Add ``backup`` and ``restore`` to the top-level app."""
    app.command()(backup)
    app.command()(restore)

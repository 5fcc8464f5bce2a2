"""``tradewarden lists ...``: update, status, show, diff (placeholder until written)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Get, inspect and compare the official lists.", no_args_is_help=True)

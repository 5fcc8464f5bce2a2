"""The ``tradewarden`` command line: one Typer sub-app per module, each command thin.

Errors from the library (:class:`~tradewarden.errors.TradewardenError`) are printed as
one line and exit with status 1; no user sees a traceback.
"""

from __future__ import annotations

import sys

import typer

from tradewarden.cli import lists as lists_cli
from tradewarden.cli import match as match_cli
from tradewarden.errors import TradewardenError

app = typer.Typer(
    name="tradewarden",
    help="Export-control and sanctions due diligence: load lists, match parties, screen orders.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.add_typer(lists_cli.app, name="lists")
match_cli.register(app)


def main() -> None:
    """Entry point of the ``tradewarden`` script."""
    try:
        app()
    except TradewardenError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)

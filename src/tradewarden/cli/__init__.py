"""The ``tradewarden`` command line: one Typer sub-app per module, each command thin.

Errors from the library (:class:`~tradewarden.errors.TradewardenError`) are printed as
one line and exit with status 1; no user sees a traceback.
"""

from __future__ import annotations

import sys

import typer

from tradewarden.cli import asof as asof_cli
from tradewarden.cli import audit as audit_cli
from tradewarden.cli import backup as backup_cli
from tradewarden.cli import batch as batch_cli
from tradewarden.cli import cases as cases_cli
from tradewarden.cli import lists as lists_cli
from tradewarden.cli import match as match_cli
from tradewarden.cli import screen as screen_cli
from tradewarden.cli import monitor as monitor_cli
from tradewarden.cli import serve as serve_cli
from tradewarden.cli import users as users_cli
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
screen_cli.register(app)
batch_cli.register(app)
app.add_typer(users_cli.app, name="users")
app.add_typer(audit_cli.app, name="audit")
backup_cli.register(app)
app.add_typer(cases_cli.app, name="cases")
monitor_cli.register(app)
serve_cli.register(app)
asof_cli.register(lists_cli.app)


def main() -> None:
    """Entry point of the ``tradewarden`` script."""
    try:
        app()
    except TradewardenError as exc:
        typer.echo(f"error: {exc}", err=True)
        sys.exit(1)
    except BrokenPipeError:
        sys.exit(0)

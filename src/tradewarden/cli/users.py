"""``tradewarden users ...``: add, list, disable users and issue their API keys.

Thin commands over :mod:`tradewarden.store.users`; every change is audited with the actor
``cli:<operating-system user>``, or with the admin named by ``--as`` (required on PostgreSQL
once an admin exists, see :func:`tradewarden.cli.identity.admin_actor`).
"""

from __future__ import annotations

from datetime import UTC
from typing import Annotated

import typer
from rich.table import Table

from tradewarden.cli.audit import JsonOption, console, echo_json, open_store
from tradewarden.cli.identity import ApiKeyFileOption, admin_actor
from tradewarden.errors import InputError
from tradewarden.store.users import User, add_user, disable_user, issue_api_key, list_users, parse_role

app = typer.Typer(help="Manage users (analyst, reviewer, admin) and their API keys.", no_args_is_help=True)

NameArgument = Annotated[str, typer.Argument(help="The user's login name.")]
AdminOption = Annotated[
    str | None,
    typer.Option("--as", help="The admin making the change (required on PostgreSQL once an admin exists)."),
]


def _user_dict(user: User) -> dict[str, object]:
    return {
        "name": user.name,
        "role": str(user.role),
        "created_at": user.created_at.isoformat(),
        "disabled_at": None if user.disabled_at is None else user.disabled_at.isoformat(),
        "active_keys": user.active_keys,
    }


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        line = typer.get_text_stream("stdin").readline()
        if not line:
            raise InputError("no password on standard input", field="password")
        return line.rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


@app.command()
def add(
    name: NameArgument,
    role: Annotated[
        str, typer.Option("--role", help="analyst (screen, view), reviewer (+ decide) or admin (+ users, lists, rules).")
    ],
    password_stdin: Annotated[
        bool, typer.Option("--password-stdin", help="Read the password from the first line of standard input.")
    ] = False,
    admin: AdminOption = None,
    api_key_file: ApiKeyFileOption = None,
) -> None:
    """Add a user with a role; the password is prompted for (twice) unless --password-stdin.

    Example: tradewarden users add alice --role reviewer
    """
    parsed_role = parse_role(role)
    with open_store() as store:
        actor = admin_actor(store, admin, api_key_file)
        password = _read_password(password_stdin)
        user = add_user(store, name, parsed_role, password, actor=actor)
    typer.echo(f"added {user.name} ({user.role})")


@app.command("list")
def list_command(as_json: JsonOption = False) -> None:
    """List the users with their role, state and number of active API keys.

    Example: tradewarden users list --json
    """
    with open_store() as store:
        users = list_users(store)
    if as_json:
        echo_json([_user_dict(user) for user in users])
        return
    table = Table("name", "role", "state", "created (UTC)", "API keys", title="Users")
    for user in users:
        state = "[red]disabled[/red]" if user.disabled else "[green]active[/green]"
        created = user.created_at.astimezone(UTC).strftime("%Y-%m-%d %H:%M")
        table.add_row(user.name, str(user.role), state, created, str(user.active_keys))
    console().print(table)


@app.command()
def key(
    name: NameArgument, admin: AdminOption = None, api_key_file: ApiKeyFileOption = None, as_json: JsonOption = False
) -> None:
    """Issue a new API key for a user and print it once; only its SHA-256 is kept.

    Example: tradewarden users key alice
    """
    with open_store() as store:
        user, issued = issue_api_key(store, name, actor=admin_actor(store, admin, api_key_file))
    if as_json:
        echo_json({"name": user.name, "role": str(user.role), "api_key": issued})
        return
    typer.echo(issued)
    typer.echo(f"API key for {user.name} ({user.role}): shown once, store it now.", err=True)


@app.command()
def disable(name: NameArgument, admin: AdminOption = None, api_key_file: ApiKeyFileOption = None) -> None:
    """Disable a user: logins by password and API key are refused from now on.

    Example: tradewarden users disable alice
    """
    with open_store() as store:
        user = disable_user(store, name, actor=admin_actor(store, admin, api_key_file))
    typer.echo(f"disabled {user.name}")

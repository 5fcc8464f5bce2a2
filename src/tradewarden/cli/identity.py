"""Who acts from the command line: ``--as USER``, proven the way a compliance officer can accept.

A command run from a shell acts as the operating-system user (``cli:<login>``) unless it names a
store user with ``--as USER``. What ``--as`` needs depends on the store:

* **PostgreSQL (many users)**: proof. The user's API key, from ``--api-key-file FILE`` (first
  line) or the environment variable ``TRADEWARDEN_API_KEY``; without a key, the user's password
  is prompted for (hidden; read from standard input when that is not a terminal). A wrong key
  or password, a key of another user, or a disabled user is refused, and every refusal is
  written to the audit trail (``auth.failed``) before the command stops.
* **SQLite (single-user embedded mode)**: whoever can write the database file owns it, so a
  secret would prove nothing the file system does not; ``--as`` is taken as given. A key, when
  one is supplied, is still checked.

Each accepted ``--as`` is audited as ``auth.cli`` with the method (``api_key``, ``password``
or ``embedded``) and the operating-system user who ran the command, so the trail says who
acted and how that was established.

Managing users (``tradewarden users add/key/disable``) on PostgreSQL needs ``--as`` an admin once
the store has an active admin (:func:`admin_actor`): otherwise anyone with a shell could issue
themselves a reviewer's API key and pass the check above. The first admin is added without.
"""

from __future__ import annotations

import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from tradewarden.cli.audit import cli_actor
from tradewarden.errors import AuthError, InputError
from tradewarden.store import Store
from tradewarden.store.audit import append_audit
from tradewarden.store.users import (
    Permission,
    Role,
    User,
    authenticate_key,
    authenticate_password,
    get_user,
    list_users,
    require_permission,
)

#: The environment variable holding the API key of the ``--as`` user.
API_KEY_ENV = "TRADEWARDEN_API_KEY"

ApiKeyFileOption = Annotated[
    Path | None,
    typer.Option(
        "--api-key-file",
        help=f"A file whose first line is the --as user's API key (else ${API_KEY_ENV}, else a password prompt; "
        "required on PostgreSQL).",
    ),
]


class LoginMethod(StrEnum):
    """How the ``--as`` user was established."""

    API_KEY = "api_key"
    PASSWORD = "password"
    EMBEDDED = "embedded"


def embedded(store: Store) -> bool:
    """Whether the store is the single-user embedded one (SQLite)."""
    return store.engine.dialect.name == "sqlite"


def read_key_file(path: Path) -> str:
    """The API key on the first line of ``path``.

    Raises:
        InputError: the file cannot be read or its first line is empty.
    """
    try:
        first = path.read_text(encoding="utf-8").splitlines()[:1]
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read API key file {path}: {exc}", field="--api-key-file") from None
    key = first[0].strip() if first else ""
    if not key:
        raise InputError(f"API key file {path} is empty", field="--api-key-file")
    return key


def _supplied_key(key_file: Path | None) -> str | None:
    if key_file is not None:
        return read_key_file(key_file)
    # Read here, not in settings: a secret for one command run, never a setting of the store.
    value = os.environ.get(API_KEY_ENV, "").strip()
    return value or None


def _read_password(name: str) -> str:
    stdin = typer.get_text_stream("stdin")
    if not stdin.isatty():
        line = stdin.readline()
        if not line:
            raise AuthError(f"--as {name} needs {name}'s API key or password: none given")
        return line.rstrip("\r\n")
    return str(typer.prompt(f"Password for {name}", hide_input=True))


def authenticate_cli(store: Store, name: str, key_file: Path | None = None) -> User:
    """The store user ``name``, proven as the store requires; audited as ``auth.cli``.

    Args:
        store: the open store.
        name: the ``--as`` user.
        key_file: a file holding the user's API key (default: ``$TRADEWARDEN_API_KEY``).
    Returns:
        The user.
    Raises:
        AuthError: a wrong, unknown or revoked key, a key of another user, a wrong password
            or a disabled user (each audited as ``auth.failed``).
        NotFound: no such user (embedded mode).
        InputError: the key file cannot be read.
    """
    key = _supplied_key(key_file)
    if key is not None:
        user, method = authenticate_key(store, key), LoginMethod.API_KEY
        if user.name != name:
            append_audit(store, cli_actor(), "auth.failed", f"user:{name}", {
                "method": "key", "reason": "key of another user", "key_user": user.name,
            })
            raise AuthError(f"the API key given is not {name}'s")
    elif embedded(store):
        user, method = get_user(store, name), LoginMethod.EMBEDDED
        if user.disabled:
            append_audit(store, cli_actor(), "auth.failed", f"user:{name}", {"method": "embedded", "reason": "user disabled"})
            raise AuthError(f"user {name!r} is disabled")
    else:
        user, method = authenticate_password(store, name, _read_password(name)), LoginMethod.PASSWORD
    append_audit(store, user.name, "auth.cli", f"user:{user.name}", {"method": method.value, "os_user": cli_actor()})
    return user


def admin_actor(store: Store, name: str | None, key_file: Path | None = None) -> str:
    """The audit actor of a user-management command: a proven admin, or the shell user where allowed.

    Args:
        store: the open store.
        name: the ``--as`` admin, if given.
        key_file: a file holding that admin's API key (default: ``$TRADEWARDEN_API_KEY``).
    Returns:
        The admin's name, or ``cli:<login>`` on SQLite and on a PostgreSQL store without an
        active admin yet (to add the first one).
    Raises:
        AuthError: no ``--as`` on a PostgreSQL store with an admin (audited), or a refused login.
        PermissionDenied: the ``--as`` user is not an admin.
    """
    if name is not None:
        user = authenticate_cli(store, name, key_file)
        require_permission(user, Permission.MANAGE_USERS)
        return user.name
    if embedded(store) or not any(u.role is Role.ADMIN and not u.disabled for u in list_users(store)):
        return cli_actor()
    append_audit(store, cli_actor(), "auth.failed", "users", {"method": "none", "reason": "no --as admin"})
    raise AuthError("on a shared (PostgreSQL) store, managing users needs --as ADMIN, proven by API key or password")

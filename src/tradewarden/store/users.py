"""Users, roles and API keys in the store; logins checked here, failures audited.

Roles grant cumulative permissions: an ``analyst`` screens and views, a ``reviewer`` also
decides cases, an ``admin`` also manages users, lists and rules. Passwords are kept as scrypt
hashes and API keys as SHA-256 hashes (:mod:`tradewarden.security`); a key is shown once, when
issued. Every change to a user and every refused login is appended to the audit trail
(:mod:`tradewarden.store.audit`) in the same transaction as the change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Connection, func, insert, select, update
from sqlalchemy.exc import IntegrityError

from tradewarden.errors import AuthError, InputError, NotFound, PermissionDenied
from tradewarden.security import (
    ScryptParams,
    api_key_hash,
    check_password_strength,
    dummy_password_hash,
    hash_password,
    new_api_key,
    verify_password,
)
from tradewarden.store.audit import append_audit, append_entry, database_errors
from tradewarden.store.engine import read_transaction, write_transaction
from tradewarden.store.store import Store
from tradewarden.store.tables_audit import api_key, app_user

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@-]{0,99}$")


class Role(StrEnum):
    """What a user may do; each role includes the ones before it."""

    ANALYST = "analyst"
    REVIEWER = "reviewer"
    ADMIN = "admin"


class Permission(StrEnum):
    """An action a role may grant."""

    VIEW = "view"
    SCREEN = "screen"
    DECIDE = "decide"
    MANAGE_USERS = "users"
    MANAGE_LISTS = "lists"
    MANAGE_RULES = "rules"


_ANALYST = frozenset({Permission.VIEW, Permission.SCREEN})
_REVIEWER = _ANALYST | {Permission.DECIDE}
ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.ANALYST: _ANALYST,
    Role.REVIEWER: _REVIEWER,
    Role.ADMIN: _REVIEWER | {Permission.MANAGE_USERS, Permission.MANAGE_LISTS, Permission.MANAGE_RULES},
}


@dataclass(frozen=True, slots=True)
class User:
    """A user as the store keeps it (without the password hash).

    Attributes:
        id: the row id.
        name: the login name.
        role: the role.
        created_at: when the user was added (UTC).
        disabled_at: when the user was disabled, or None while active.
        active_keys: how many API keys are not revoked.
    """

    id: int
    name: str
    role: Role
    created_at: datetime
    disabled_at: datetime | None = None
    active_keys: int = 0

    @property
    def disabled(self) -> bool:
        """Whether the user may no longer log in."""
        return self.disabled_at is not None

    def can(self, permission: Permission) -> bool:
        """Whether the user's role grants ``permission`` (never for a disabled user)."""
        return not self.disabled and permission in ROLE_PERMISSIONS[self.role]


def require_permission(user: User, permission: Permission) -> None:
    """Refuse unless ``user`` may do ``permission``.

    Raises:
        PermissionDenied: the role does not grant it, or the user is disabled.
    """
    if not user.can(permission):
        raise PermissionDenied(
            f"{user.name} ({user.role}) may not {permission.value}", user=user.name, permission=permission.value
        )


def parse_role(value: str) -> Role:
    """The role named ``value`` (case-insensitive).

    Raises:
        InputError: not analyst, reviewer or admin.
    """
    try:
        return Role(value.strip().lower())
    except ValueError:
        raise InputError(f"unknown role {value!r}; use analyst, reviewer or admin", field="role") from None


def _check_name(name: str) -> None:
    if not _NAME.match(name):
        raise InputError(
            "1-100 letters, digits, '.', '_', '@' or '-', starting with a letter or digit", field="name"
        )


def _active_keys() -> Any:
    counted = api_key.alias("counted_key")
    return (
        select(func.count())
        .select_from(counted)
        .where(counted.c.user_id == app_user.c.id, counted.c.revoked_at.is_(None))
        .correlate(app_user)
        .scalar_subquery()
        .label("active_keys")
    )


def _user_from_row(row: Any) -> User:
    return User(row.id, row.name, Role(row.role), row.created_at, row.disabled_at, int(row.active_keys))


def _user_row(conn: Connection, name: str) -> Any:
    row = conn.execute(
        select(app_user, _active_keys()).where(app_user.c.name == name)
    ).one_or_none()
    if row is None:
        raise NotFound(f"no user {name!r}", user=name)
    return row


def add_user(
    store: Store, name: str, role: Role | str, password: str, *, actor: str, params: ScryptParams | None = None
) -> User:
    """Add a user with a password; audited as ``user.add``.

    Args:
        store: the open store.
        name: the login name (letters, digits, ``._@-``).
        role: analyst, reviewer or admin.
        password: at least 8 characters; only its scrypt hash is stored.
        actor: who adds the user (for the audit trail).
        params: the scrypt cost (default :class:`~tradewarden.security.ScryptParams`).
    Returns:
        The new user.
    Raises:
        InputError: a bad name, role or password, or the name is taken.
    """
    _check_name(name)
    role = parse_role(role)
    check_password_strength(password)
    password_hash = hash_password(password, params)
    with database_errors(f"adding user {name}"):
        try:
            with write_transaction(store.engine) as conn:
                conn.execute(
                    insert(app_user).values(
                        name=name, role=role.value, password_hash=password_hash, created_at=datetime.now(UTC)
                    )
                )
                append_entry(conn, actor, "user.add", f"user:{name}", {"role": role.value})
                return _user_from_row(_user_row(conn, name))
        except IntegrityError:
            raise InputError(f"user {name!r} exists already", field="name") from None


def get_user(store: Store, name: str) -> User:
    """The user called ``name``.

    Raises:
        NotFound: no such user.
    """
    with database_errors(f"reading user {name}"), read_transaction(store.engine) as conn:
        return _user_from_row(_user_row(conn, name))


def list_users(store: Store) -> list[User]:
    """Every user, by name."""
    query = select(app_user, _active_keys()).order_by(app_user.c.name)
    with database_errors("listing users"), read_transaction(store.engine) as conn:
        return [_user_from_row(row) for row in conn.execute(query)]


def disable_user(store: Store, name: str, *, actor: str) -> User:
    """Disable a user: no more logins by password or key; audited as ``user.disable``.

    Raises:
        NotFound: no such user.
    """
    with database_errors(f"disabling user {name}"), write_transaction(store.engine) as conn:
        row = _user_row(conn, name)
        if row.disabled_at is None:
            conn.execute(update(app_user).where(app_user.c.id == row.id).values(disabled_at=datetime.now(UTC)))
            append_entry(conn, actor, "user.disable", f"user:{name}", {"role": row.role})
        return _user_from_row(_user_row(conn, name))


def issue_api_key(store: Store, name: str, *, actor: str) -> tuple[User, str]:
    """Issue a new API key for a user; audited as ``user.key`` (without the key).

    Returns:
        The user and the key in plain text: show it once, it cannot be read again.
    Raises:
        NotFound: no such user.
        InputError: the user is disabled.
    """
    key = new_api_key()
    with database_errors(f"issuing a key for {name}"), write_transaction(store.engine) as conn:
        row = _user_row(conn, name)
        if row.disabled_at is not None:
            raise InputError(f"user {name!r} is disabled", field="name")
        created = conn.execute(
            insert(api_key).values(user_id=row.id, key_hash=api_key_hash(key), created_at=datetime.now(UTC))
        )
        key_id = None if created.inserted_primary_key is None else int(created.inserted_primary_key[0])
        append_entry(conn, actor, "user.key", f"user:{name}", {"key_id": key_id})
        return _user_from_row(_user_row(conn, name)), key


# The actor of a refused login: whoever tried is not known.
ANONYMOUS = "anonymous"


def _refuse(store: Store, subject: str, method: str, reason: str, message: str) -> AuthError:
    append_audit(store, ANONYMOUS, "auth.failed", subject, {"method": method, "reason": reason})
    return AuthError(message)


def authenticate_password(store: Store, name: str, password: str) -> User:
    """The user ``name`` if ``password`` is theirs and they are active; refusals are audited.

    An unknown name costs the same hashing time as a wrong password, and the message does
    not say which of the two it was.

    Raises:
        AuthError: unknown user, wrong password or disabled user (``auth.failed`` audited).
    """
    with database_errors("checking a login"), read_transaction(store.engine) as conn:
        row = conn.execute(select(app_user, _active_keys()).where(app_user.c.name == name)).one_or_none()
    stored = dummy_password_hash() if row is None else row.password_hash
    matches = verify_password(password, stored)
    refused = "invalid user name or password"
    if row is None:
        raise _refuse(store, f"user:{name[:200]}", "password", "unknown user", refused)
    if not matches:
        raise _refuse(store, f"user:{name}", "password", "wrong password", refused)
    if row.disabled_at is not None:
        raise _refuse(store, f"user:{name}", "password", "user disabled", f"user {name!r} is disabled")
    return _user_from_row(row)


def authenticate_key(store: Store, key: str) -> User:
    """The active user an API key belongs to; refusals are audited (never with the key).

    Raises:
        AuthError: unknown or revoked key, or a disabled user (``auth.failed`` audited).
    """
    query = (
        select(app_user, _active_keys(), api_key.c.revoked_at)
        .join(api_key, api_key.c.user_id == app_user.c.id)
        .where(api_key.c.key_hash == api_key_hash(key))
    )
    with database_errors("checking an API key"), read_transaction(store.engine) as conn:
        row = conn.execute(query).one_or_none()
    if row is None or row.revoked_at is not None:
        reason = "unknown key" if row is None else "revoked key"
        raise _refuse(store, "api-key" if row is None else f"user:{row.name}", "key", reason, "invalid API key")
    if row.disabled_at is not None:
        raise _refuse(store, f"user:{row.name}", "key", "user disabled", f"user {row.name!r} is disabled")
    return _user_from_row(row)

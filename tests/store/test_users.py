"""Users, roles, password hashing and API keys on SQLite and PostgreSQL; refused logins are audited."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest
import sqlalchemy as sa

from tradewarden.errors import AuthError, InputError, NotFound, PermissionDenied
from tradewarden.security import (
    ScryptParams,
    api_key_hash,
    hash_password,
    password_needs_rehash,
    verify_password,
)
from tradewarden.store import Store
from tradewarden.store.audit import audit_log, verify_audit
from tradewarden.store.users import (
    Permission,
    Role,
    User,
    add_user,
    authenticate_key,
    authenticate_password,
    disable_user,
    get_user,
    issue_api_key,
    list_users,
    require_permission,
)

# A cheap scrypt cost for the store tests; the default cost is tested once, below.
CHEAP = ScryptParams(n=2**10)
PASSWORD = "correct horse battery"


def _all_stored_text(store: Store) -> str:
    """Every value of every user, key and audit row, as one string."""
    with store.engine.connect() as conn:
        rows = [
            row
            for table in ("app_user", "api_key", "audit_entry", "audit_head")
            for row in conn.exec_driver_sql(f"SELECT * FROM {table}")
        ]
    return "\n".join(str(value) for row in rows for value in row)


def test_password_hashes_never_equal_the_password_and_verify() -> None:
    stored = hash_password(PASSWORD)
    assert stored != PASSWORD and PASSWORD not in stored
    assert stored.startswith("scrypt$n=32768,r=8,p=1$")
    assert verify_password(PASSWORD, stored)
    assert not verify_password(PASSWORD + "!", stored)
    assert hash_password(PASSWORD, CHEAP) != hash_password(PASSWORD, CHEAP)  # salted
    assert not password_needs_rehash(stored) and password_needs_rehash(hash_password(PASSWORD, CHEAP))
    assert not verify_password(PASSWORD, "md5$whatever") and password_needs_rehash("md5$whatever")


def test_add_and_authenticate_by_password(store: Store) -> None:
    added = add_user(store, "alice", "Reviewer", PASSWORD, actor="cli:root", params=CHEAP)
    assert (added.name, added.role, added.disabled, added.active_keys) == ("alice", Role.REVIEWER, False, 0)
    assert authenticate_password(store, "alice", PASSWORD) == added
    assert get_user(store, "alice") == added
    with store.engine.connect() as conn:
        stored = conn.execute(sa.text("SELECT password_hash FROM app_user WHERE name = 'alice'")).scalar_one()
    assert stored != PASSWORD and verify_password(PASSWORD, stored)
    entry = audit_log(store, limit=1)[0]
    assert (entry.actor, entry.action, entry.subject, entry.payload) == ("cli:root", "user.add", "user:alice", {"role": "reviewer"})


def test_refused_logins_are_audited_without_saying_why(store: Store) -> None:
    add_user(store, "alice", Role.ANALYST, PASSWORD, actor="cli:root", params=CHEAP)
    with pytest.raises(AuthError, match="invalid user name or password"):
        authenticate_password(store, "alice", "hunter2-guess")
    with pytest.raises(AuthError, match="invalid user name or password"):
        authenticate_password(store, "mallory", PASSWORD)
    failed = [entry for entry in audit_log(store) if entry.action == "auth.failed"]
    assert [(e.actor, e.subject, e.payload["reason"]) for e in reversed(failed)] == [
        ("anonymous", "user:alice", "wrong password"),
        ("anonymous", "user:mallory", "unknown user"),
    ]
    assert "hunter2-guess" not in _all_stored_text(store)  # attempted passwords are never kept
    assert verify_audit(store).ok


def test_disabled_users_cannot_log_in(store: Store) -> None:
    add_user(store, "alice", Role.ADMIN, PASSWORD, actor="cli:root", params=CHEAP)
    _, key = issue_api_key(store, "alice", actor="cli:root")
    disabled = disable_user(store, "alice", actor="cli:root")
    assert disabled.disabled and not disabled.can(Permission.VIEW)
    assert disable_user(store, "alice", actor="cli:root").disabled_at == disabled.disabled_at  # idempotent
    with pytest.raises(AuthError, match="disabled"):
        authenticate_password(store, "alice", PASSWORD)
    with pytest.raises(AuthError, match="disabled"):
        authenticate_key(store, key)
    with pytest.raises(InputError, match="disabled"):
        issue_api_key(store, "alice", actor="cli:root")
    actions = [entry.action for entry in reversed(audit_log(store))]
    assert actions == ["user.add", "user.key", "user.disable", "auth.failed", "auth.failed"]


def test_api_keys_are_shown_once_and_stored_only_as_sha256(store: Store) -> None:
    add_user(store, "bot", Role.ANALYST, PASSWORD, actor="cli:root", params=CHEAP)
    user, key = issue_api_key(store, "bot", actor="cli:root")
    assert key.startswith("tw_") and len(key) > 40 and user.active_keys == 1
    assert authenticate_key(store, key).name == "bot"
    stored = _all_stored_text(store)
    assert key not in stored and key[3:] not in stored
    assert hashlib.sha256(key.encode()).hexdigest() == api_key_hash(key) and api_key_hash(key) in stored
    _, second = issue_api_key(store, "bot", actor="cli:root")
    assert second != key and get_user(store, "bot").active_keys == 2
    with pytest.raises(AuthError, match="invalid API key"):
        authenticate_key(store, key + "x")
    refused = audit_log(store, limit=1)[0]
    assert (refused.action, refused.subject, refused.payload) == ("auth.failed", "api-key", {"method": "key", "reason": "unknown key"})
    assert key not in _all_stored_text(store)


def test_bad_input_is_refused(store: Store) -> None:
    add_user(store, "alice", Role.ANALYST, PASSWORD, actor="cli:root", params=CHEAP)
    with pytest.raises(InputError, match="exists already"):
        add_user(store, "alice", Role.ADMIN, PASSWORD, actor="cli:root", params=CHEAP)
    with pytest.raises(InputError, match="role"):
        add_user(store, "bob", "superuser", PASSWORD, actor="cli:root", params=CHEAP)
    with pytest.raises(InputError, match="password"):
        add_user(store, "bob", Role.ANALYST, "short", actor="cli:root", params=CHEAP)
    with pytest.raises(InputError, match="name"):
        add_user(store, "bob smith", Role.ANALYST, PASSWORD, actor="cli:root", params=CHEAP)
    with pytest.raises(NotFound):
        issue_api_key(store, "nobody", actor="cli:root")
    assert [user.name for user in list_users(store)] == ["alice"]
    assert [entry.action for entry in audit_log(store)] == ["user.add"]


@pytest.mark.parametrize(
    ("role", "allowed"),
    [
        (Role.ANALYST, {Permission.VIEW, Permission.SCREEN}),
        (Role.REVIEWER, {Permission.VIEW, Permission.SCREEN, Permission.DECIDE}),
        (Role.ADMIN, set(Permission)),
    ],
)
def test_roles_grant_cumulative_permissions(role: Role, allowed: set[Permission]) -> None:
    user = User(1, "someone", role, datetime.now(UTC))
    for permission in Permission:
        assert user.can(permission) is (permission in allowed)
        if permission not in allowed:
            with pytest.raises(PermissionDenied, match=f"may not {permission.value}"):
                require_permission(user, permission)
        else:
            require_permission(user, permission)

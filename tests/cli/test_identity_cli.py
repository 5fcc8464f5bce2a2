"""``--as USER`` on ``cases release/escalate/block`` and ``screen``: proven by API key or password on
PostgreSQL, taken as given on SQLite (single-user embedded mode); refusals and logins audited."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from tradewarden.cases import record_screening
from tradewarden.cli import app
from tradewarden.decide import Decision
from tradewarden.errors import AuthError, PermissionDenied
from tradewarden.findings import Outcome
from tradewarden.security import ScryptParams
from tradewarden.settings import get_settings
from tradewarden.store import Store
from tradewarden.store.audit import audit_log
from tradewarden.store.users import Role, add_user, issue_api_key

Invoke = Callable[..., Result]
PASSWORD = "a long enough password"


@pytest.fixture
def setup(store_url: str, tmp_path: Path) -> Iterator[tuple[Invoke, Store, dict[str, str]]]:
    store = Store.from_url(store_url)
    keys = {}
    for name, role in (("bob", Role.REVIEWER), ("carol", Role.REVIEWER), ("ann", Role.ANALYST)):
        add_user(store, name, role, PASSWORD, actor="cli:root", params=ScryptParams(n=2**10))
        keys[name] = issue_api_key(store, name, actor="cli:root")[1]
    for number in range(3):
        decision = Decision(outcome=Outcome.REVIEW, risk_score=40.0, reasons=(f"possible match {number}",))
        record_screening(store, "party", {"names": [f"Party {number}"]}, decision, "system", monitor=False)
    runner = CliRunner()

    def invoke(*args: str, key: str | None = None, stdin: str | None = None) -> Result:
        env = {"TRADEWARDEN_HOME": str(tmp_path / "home"), "TRADEWARDEN_DATABASE_URL": store_url,
               "TRADEWARDEN_API_KEY": key}
        get_settings.cache_clear()
        try:
            return runner.invoke(app, list(args), env=env, input=stdin)
        finally:
            get_settings.cache_clear()

    try:
        yield invoke, store, keys
    finally:
        store.close()


def _failures(store: Store) -> list[dict[str, object]]:
    """The refused logins, newest first."""
    return [entry.payload | {"subject": entry.subject} for entry in audit_log(store) if entry.action == "auth.failed"]


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_as_needs_proof_on_postgresql_and_every_refusal_is_audited(
    setup: tuple[Invoke, Store, dict[str, str]], tmp_path: Path
) -> None:
    invoke, store, keys = setup
    wrong_key = invoke("cases", "escalate", "1", "--as", "bob", "-r", "look", key="tw_not-a-key")
    assert isinstance(wrong_key.exception, AuthError) and "invalid API key" in str(wrong_key.exception)
    assert _failures(store)[0] == {"method": "key", "reason": "unknown key", "subject": "api-key"}

    other = invoke("cases", "escalate", "1", "--as", "bob", "-r", "look", key=keys["carol"])
    assert isinstance(other.exception, AuthError) and "not bob's" in str(other.exception)
    assert _failures(store)[0] == {
        "method": "key", "reason": "key of another user", "key_user": "carol", "subject": "user:bob",
    }

    no_key = invoke("cases", "escalate", "1", "--as", "bob", "-r", "look", stdin="wrong password\n")
    assert isinstance(no_key.exception, AuthError)
    assert _failures(store)[0] == {"method": "password", "reason": "wrong password", "subject": "user:bob"}
    assert invoke("cases", "escalate", "1", "--as", "bob", "-r", "look").exit_code == 1  # nothing on stdin
    assert len(_failures(store)) == 3
    assert [d for d in audit_log(store) if d.action == "case.decide"] == []

    key_file = tmp_path / "bob.key"
    key_file.write_text(keys["bob"] + "\n", encoding="utf-8")
    by_key = invoke("cases", "escalate", "1", "--as", "bob", "-r", "look", "--api-key-file", str(key_file))
    assert by_key.exit_code == 0, by_key.output
    by_password = invoke("cases", "block", "2", "--as", "carol", "-r", "confirmed", stdin=PASSWORD + "\n")
    assert by_password.exit_code == 0, by_password.output
    logins = [(e.actor, e.payload["method"]) for e in audit_log(store) if e.action == "auth.cli"]
    assert sorted(logins) == [("bob", "api_key"), ("carol", "password")]
    decided = {e.subject: e.actor for e in audit_log(store) if e.action == "case.decide"}
    assert decided == {"case:1": "bob", "case:2": "carol"}


@pytest.mark.parametrize("store_url", ["sqlite"], indirect=True)
def test_sqlite_takes_as_as_given_but_still_checks_a_key(setup: tuple[Invoke, Store, dict[str, str]]) -> None:
    invoke, store, _keys = setup
    wrong = invoke("cases", "release", "1", "--as", "bob", "-r", "fine", key="tw_not-a-key")
    assert isinstance(wrong.exception, AuthError) and _failures(store)[0]["reason"] == "unknown key"
    given = invoke("cases", "release", "1", "--as", "bob", "-r", "Different person.")
    assert given.exit_code == 0, given.output
    login = next(e for e in audit_log(store) if e.action == "auth.cli")
    assert login.actor == "bob" and login.payload["method"] == "embedded"
    assert str(login.payload["os_user"]).startswith("cli:")
    unknown = invoke("cases", "release", "2", "--as", "mallory", "-r", "fine")
    assert unknown.exit_code == 1 and "no user 'mallory'" in str(unknown.exception)


@pytest.mark.parametrize("store_url", ["postgresql"], indirect=True)
def test_managing_users_on_postgresql_needs_a_proven_admin(setup: tuple[Invoke, Store, dict[str, str]]) -> None:
    invoke, store, keys = setup
    first = invoke("users", "add", "root", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n")
    assert first.exit_code == 0, first.output  # the first admin needs no admin
    stolen = invoke("users", "key", "bob")  # else anyone could mint bob's key and act --as bob
    assert isinstance(stolen.exception, AuthError) and "--as ADMIN" in str(stolen.exception)
    assert _failures(store)[0] == {"method": "none", "reason": "no --as admin", "subject": "users"}
    by_reviewer = invoke("users", "key", "carol", "--as", "bob", key=keys["bob"])
    assert isinstance(by_reviewer.exception, PermissionDenied)
    root_key = issue_api_key(store, "root", actor="test")[1]
    issued = invoke("users", "key", "bob", "--as", "root", "--json", key=root_key)
    assert issued.exit_code == 0, issued.output
    assert next(e for e in audit_log(store) if e.action == "user.key").actor == "root"

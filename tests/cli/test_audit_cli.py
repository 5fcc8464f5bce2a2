"""``tradewarden users``, ``audit``, ``backup`` and ``restore`` end to end on a SQLite store
under a temporary home."""

from __future__ import annotations

import json
import sqlite3
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tradewarden.cli import app, main
from tradewarden.settings import get_settings

Invoke = Callable[..., Result]
PASSWORD = "correct horse battery"


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def invoke(home: Path) -> Iterator[Invoke]:
    runner = CliRunner()

    def run(*args: str, stdin: str | None = None, at: Path | None = None) -> Result:
        get_settings.cache_clear()
        env = {"TRADEWARDEN_HOME": str(at or home), "TRADEWARDEN_DATABASE_URL": ""}
        try:
            return runner.invoke(app, list(args), input=stdin, env=env)
        finally:
            get_settings.cache_clear()

    yield run


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ok(result: Result) -> str:
    assert result.exit_code == 0, (result.output, result.exception)
    return result.stdout


def test_users_commands_and_their_audit_entries(invoke: Invoke) -> None:
    assert "added alice (reviewer)" in _ok(invoke("users", "add", "alice", "--role", "reviewer", "--password-stdin", stdin=PASSWORD + "\n"))
    assert "added bob (analyst)" in _ok(invoke("users", "add", "bob", "--role", "analyst", stdin=f"{PASSWORD}\n{PASSWORD}\n"))
    issued = _json(invoke("users", "key", "alice", "--json"))
    assert issued["api_key"].startswith("tw_") and issued["name"] == "alice"
    assert "disabled bob" in _ok(invoke("users", "disable", "bob"))
    users = _json(invoke("users", "list", "--json"))
    assert [(u["name"], u["role"], u["disabled_at"] is None, u["active_keys"]) for u in users] == [
        ("alice", "reviewer", True, 1),
        ("bob", "analyst", False, 0),
    ]
    assert "alice" in _ok(invoke("users", "list"))
    entries = _json(invoke("audit", "log", "--json"))
    assert [(e["action"], e["subject"]) for e in reversed(entries)] == [
        ("user.add", "user:alice"),
        ("user.add", "user:bob"),
        ("user.key", "user:alice"),
        ("user.disable", "user:bob"),
    ]
    assert all(e["actor"].startswith("cli:") for e in entries)
    assert issued["api_key"] not in json.dumps(entries)
    assert [e["seq"] for e in _json(invoke("audit", "log", "--limit", "1", "--json"))] == [4]
    assert "user.key" in _ok(invoke("audit", "log"))
    refused = invoke("users", "add", "carol", "--role", "superuser", "--password-stdin", stdin=PASSWORD + "\n")
    assert refused.exit_code != 0


def test_audit_verify_names_the_tampered_seq(invoke: Invoke, home: Path) -> None:
    for name in ("alice", "bob", "carol"):
        _ok(invoke("users", "add", name, "--role", "analyst", "--password-stdin", stdin=PASSWORD + "\n"))
    intact = _ok(invoke("audit", "verify"))
    assert intact.startswith("audit chain intact: 3 entries, head seq 3")
    with sqlite3.connect(home / "tradewarden.db") as conn:
        conn.execute("""UPDATE audit_entry SET payload = '{"role":"admin"}' WHERE seq = 2""")
    broken = invoke("audit", "verify")
    assert broken.exit_code == 1
    assert "BROKEN seq 2: its content does not match its hash: the entry was edited" in broken.stdout
    report = json.loads(invoke("audit", "verify", "--json").stdout)
    assert report["ok"] is False and report["problems"] == [
        {"seq": 2, "reason": "its content does not match its hash: the entry was edited"}
    ]


def test_export_and_verify_bundle(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    _ok(invoke("users", "add", "alice", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"))
    _ok(invoke("users", "key", "alice"))
    exported = _ok(invoke("audit", "export", str(tmp_path / "audit.zip")))
    assert "2 entries 1-2, chain head seq 2" in exported
    fingerprint = exported.split("fingerprint (sha256): ")[1].split()[0]
    public_key = home / "keys" / "audit_ed25519.pub.pem"
    checked = _ok(invoke("audit", "verify-bundle", str(tmp_path / "audit.zip"), "--public-key", str(public_key)))
    assert f"fingerprint (sha256): {fingerprint}" in checked and "bundle intact: 2 entries checked" in checked
    since = _ok(invoke("audit", "export", str(tmp_path / "none.zip"), "--since", "2999-01-01"))
    assert "0 no entries" in since
    with zipfile.ZipFile(tmp_path / "audit.zip") as old, zipfile.ZipFile(tmp_path / "bad.zip", "w") as new:
        for name in old.namelist():
            data = old.read(name)
            new.writestr(name, data.replace(b"user:alice", b"user:mallory") if name == "entries.jsonl" else data)
    bad = invoke("audit", "verify-bundle", str(tmp_path / "bad.zip"))
    assert bad.exit_code == 1 and "BROKEN seq 1: its content does not match its hash" in bad.stdout
    not_a_date = invoke("audit", "export", str(tmp_path / "x.zip"), "--since", "last tuesday")
    assert not_a_date.exit_code != 0 and "--since" in str(not_a_date.exception)


def test_prune_keeps_recent_entries(invoke: Invoke) -> None:
    _ok(invoke("users", "add", "alice", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"))
    assert "nothing older than 3650 days" in _ok(invoke("audit", "prune", "--dry-run"))
    assert "nothing older than 3650 days" in _ok(invoke("audit", "prune"))


def test_backup_and_restore_round_trip(invoke: Invoke, tmp_path: Path) -> None:
    _ok(invoke("users", "add", "alice", "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"))
    written = _ok(invoke("backup", str(tmp_path / "store.zip")))
    assert "wrote" in written and "audit head seq 1" in written
    head = _ok(invoke("audit", "verify")).split()[-1]
    other = tmp_path / "other-home"
    restored = _ok(invoke("restore", str(tmp_path / "store.zip"), at=other))
    assert f"audit head seq 1 {head}" in restored
    assert _ok(invoke("audit", "verify", at=other)).split()[-1] == head
    assert [u["name"] for u in _json(invoke("users", "list", "--json", at=other))] == ["alice"]
    again = invoke("restore", str(tmp_path / "store.zip"), at=other)
    assert again.exit_code != 0 and "--force" in str(again.exception)
    _ok(invoke("restore", str(tmp_path / "store.zip"), "--force", at=other))


def test_errors_reach_the_user_as_one_line(home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRADEWARDEN_HOME", str(home))
    monkeypatch.setenv("TRADEWARDEN_DATABASE_URL", "")
    monkeypatch.setattr(sys, "argv", ["tradewarden", "users", "disable", "nobody"])
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exited:
            main()
    finally:
        get_settings.cache_clear()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: no user 'nobody'") and "Traceback" not in err

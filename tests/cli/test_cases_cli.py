"""``tradewarden parties``, ``cases``, ``monitor`` and ``lists asof`` end to end on a SQLite
store under a temporary home: import customers, screen, decide with four eyes, verify, monitor a
list change, and ask about a past date."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from tradewarden.cli import app, main
from tradewarden.security import ScryptParams
from tradewarden.settings import Settings, get_settings
from tradewarden.store import Store
from tradewarden.store.users import Role, add_user

Invoke = Callable[..., Result]

CUSTOMERS = """id,name,schema,country,dob
C-1,Ivan Petrov,Person,RU,1970
C-2,Anna Smirnova,Person,RU,
C-3,Acme Widgets GmbH,Company,DE,
C-4,,Person,,
"""


def write_ftm(root: Path, people: dict[str, tuple[str, str]]) -> Path:
    """Write ``root/opensanctions_ftm/entities.ftm.json`` with ``{id: (name, country)}``."""
    folder = root / "opensanctions_ftm"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": i, "schema": "Person", "properties": {"name": [n], "country": [c]}} for i, (n, c) in people.items()]
    (folder / "entities.ftm.json").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


V1 = {"p0": ("Ivan Petrov", "ru"), "p2": ("Pavel Sidorov", "by")}
V2 = {"p0": ("Ivan Petrov", "ru"), "p2": ("Pavel Sidorov", "by"), "p3": ("Anna Smirnova", "ru")}


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def invoke(home: Path) -> Iterator[Invoke]:
    runner = CliRunner()

    def run(*args: str) -> Result:
        get_settings.cache_clear()
        try:
            return runner.invoke(app, list(args), env={"TRADEWARDEN_HOME": str(home), "TRADEWARDEN_DATABASE_URL": ""})
        finally:
            get_settings.cache_clear()

    yield run


def _json(result: Result) -> Any:
    assert result.exit_code == 0, (result.output, result.exception)
    return json.loads(result.stdout)


def _users(home: Path) -> None:
    with Store.open(Settings(home=home, database_url="")) as store:
        for name, role in (("bob", Role.REVIEWER), ("carol", Role.REVIEWER), ("ann", Role.ANALYST)):
            add_user(store, name, role, "a long enough password", actor="cli:root", params=ScryptParams(n=2**10))


def test_import_screen_decide_with_four_eyes_verify_monitor_and_asof(invoke: Invoke, home: Path, tmp_path: Path) -> None:
    lists = write_ftm(tmp_path / "v1", V1)
    assert _json(invoke("lists", "update", "--from", str(lists), "--json"))[0]["status"] == "updated"
    _users(home)
    customers = tmp_path / "customers.csv"
    customers.write_text(CUSTOMERS, encoding="utf-8")

    imported = _json(invoke("parties", "import", str(customers), "--json"))
    assert (imported["created"], imported["screened"]) == (3, 3)
    assert imported["problems"] == ["customers.csv:5: id and name are required"]
    (case_id,) = imported["cases"]  # Ivan Petrov matches; the others are clear
    assert _json(invoke("parties", "list", "--json"))["total"] == 3

    queue = _json(invoke("cases", "list", "--json"))
    assert [c["id"] for c in queue["cases"]] == [case_id] and queue["counts"]["open"] == 1
    shown = _json(invoke("cases", "show", str(case_id), "--json"))
    assert shown["screening"]["reference"] == "C-1" and shown["case"]["risk_score"] >= 70
    assert shown["screening"]["decision"]["list_versions"][0]["source"] == "opensanctions"

    refused = invoke("cases", "release", str(case_id), "--as", "ann", "-r", "fine")
    assert refused.exit_code == 1 and "may view cases but not decide" in str(refused.exception)
    evidence = tmp_path / "passport.txt"
    evidence.write_text("passport copy: born 1985", encoding="utf-8")
    first = _json(invoke("cases", "release", str(case_id), "--as", "bob", "-r", "Born 1985, not 1970.",
                         "--attach", str(evidence), "--json"))
    assert first["to_status"] == "pending_second_review"
    again = invoke("cases", "release", str(case_id), "--as", "bob", "-r", "me again")
    assert again.exit_code == 1 and "four eyes" in str(again.exception)
    stale = invoke("cases", "release", str(case_id), "--as", "carol", "-r", "ok", "--expect-version", "1")
    assert stale.exit_code == 1 and "changed since you read it" in str(stale.exception)
    second = invoke("cases", "release", str(case_id), "--as", "carol", "-r", "Agreed.")
    assert second.exit_code == 0 and "released" in second.stdout
    saved = tmp_path / "saved.txt"
    attachment_id = first["attachments"][0]["id"]
    assert invoke("cases", "attachment", str(attachment_id), "--out", str(saved)).exit_code == 0
    assert saved.read_bytes() == evidence.read_bytes()
    assert _json(invoke("cases", "verify", "--json"))["ok"] is True
    assert invoke("audit", "verify").exit_code == 0

    # A new list version adds Anna Smirnova: the monitor alerts on C-2, and only on her.
    write_ftm(tmp_path / "v2", V2)
    assert _json(invoke("lists", "update", "--from", str(tmp_path / "v2"), "--json"))[0]["status"] == "updated"
    (report,) = _json(invoke("monitor", "--json"))
    assert (report["added"], report["removed"], len(report["alerts"])) == (1, 0, 1)
    alert = _json(invoke("cases", "show", str(report["alerts"][0]), "--json"))
    assert alert["case"]["origin"] == "monitor" and alert["screening"]["reference"] == "customer:C-2"
    assert _json(invoke("monitor", "--json")) == []
    assert "nothing new" in invoke("monitor").stdout

    today = datetime.now(UTC).date()
    asof = _json(invoke("lists", "asof", today.isoformat(), "Anna Smirnova", "--json"))
    assert asof["listed"] is True and asof["sources"][0]["version_id"] == report["new_version"]
    before = _json(invoke("lists", "asof", (today - timedelta(days=1)).isoformat(), "Anna Smirnova", "--json"))
    assert before["listed"] is False and before["sources"][0]["known"] is False

    screened = _json(invoke("parties", "screen", "Pavel Sidorov", "--schema", "Person", "--json"))
    assert screened["decision"]["outcome"] != "clear" and screened["case_id"] is not None
    assert "case" in invoke("cases", "list").stdout


def test_errors_print_one_line(invoke: Invoke, home: Path, monkeypatch: pytest.MonkeyPatch,
                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TRADEWARDEN_HOME", str(home))
    monkeypatch.setenv("TRADEWARDEN_DATABASE_URL", "")
    for argv, message in (
        (["cases", "show", "42"], "error: no case 42"),
        (["lists", "asof", "09/06/2023", "Ivan"], "error: date: not a date"),
        (["parties", "import", str(home / "missing.csv")], "error: path: no such file"),
    ):
        monkeypatch.setattr(sys, "argv", ["tradewarden", *argv])
        get_settings.cache_clear()
        with pytest.raises(SystemExit) as exited:
            main()
        get_settings.cache_clear()
        err = capsys.readouterr().err
        assert exited.value.code == 1 and err.startswith(message) and "Traceback" not in err


def test_monitor_watch_runs_the_given_number_of_rounds(invoke: Invoke, tmp_path: Path) -> None:
    lists = write_ftm(tmp_path / "v1", V1)
    rounds = invoke("monitor", "--watch", "--interval", "0", "--rounds", "2", "--update", "--from", str(lists), "--json")
    assert rounds.exit_code == 0, rounds.output
    assert rounds.stdout.count("[]") == 2  # no parties yet: each round only moves the watermark

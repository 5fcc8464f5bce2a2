"""``tradewarden lists ...`` end to end: update from a folder or a local HTTP server, then
status, versions, show and diff against the SQLite store under a temporary home."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from httpserver import Fault, ListServer
from typer.testing import CliRunner, Result

from tradewarden.cli import app, main
from tradewarden.errors import NotFound
from tradewarden.settings import get_settings

Invoke = Callable[..., Result]


def write_ftm(root: Path, people: dict[str, tuple[str, str]]) -> Path:
    """Write ``root/opensanctions_ftm/entities.ftm.json`` with ``{id: (name, country)}``."""
    folder = root / "opensanctions_ftm"
    folder.mkdir(parents=True, exist_ok=True)
    rows = [{"id": i, "schema": "Person", "properties": {"name": [n], "country": [c]}} for i, (n, c) in people.items()]
    (folder / "entities.ftm.json").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return root


V1 = {"p0": ("Ivan Petrov", "ru"), "p1": ("Olga Ivanova", "ru"), "p2": ("Pavel Sidorov", "by")}
V2 = {"p0": ("Ivan Petrov", "ru"), "p1": ("Olga Ivanova", "kz"), "p3": ("Anna Smirnova", "ru")}


@pytest.fixture
def invoke(tmp_path: Path) -> Iterator[Invoke]:
    env = {
        "TRADEWARDEN_HOME": str(tmp_path / "home"),
        "TRADEWARDEN_DATABASE_URL": "",
        "TRADEWARDEN_HTTP_TIMEOUT": "0.5",
        "TRADEWARDEN_HTTP_RETRIES": "1",
    }
    runner = CliRunner()

    def run(*args: str, extra_env: dict[str, str] | None = None) -> Result:
        get_settings.cache_clear()
        try:
            return runner.invoke(app, ["lists", *args], env={**env, **(extra_env or {})})
        finally:
            get_settings.cache_clear()

    yield run


def _json(result: Result) -> Any:
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_update_from_folder_then_status_versions_show(invoke: Invoke, tmp_path: Path) -> None:
    mirror = write_ftm(tmp_path / "mirror", V1)
    updated = _json(invoke("update", "--from", str(mirror), "--json", "--no-progress"))
    assert [(o["source"], o["status"]) for o in updated] == [("opensanctions", "updated")]
    assert updated[0]["version"]["entity_count"] == 3

    status = _json(invoke("status", "--json"))
    by_source = {s["source"]: s for s in status["sources"]}
    assert by_source["opensanctions"]["state"] == "ok"
    assert by_source["opensanctions"]["version"] == updated[0]["version"]["id"]
    assert "us_ofac_sdn" in status["missing"] and status["stale"] == []

    versions = _json(invoke("versions", "opensanctions", "--json"))
    assert [(v["id"], v["status"]) for v in versions] == [(updated[0]["version"]["id"], "current")]

    shown = _json(invoke("show", "opensanctions", "p1", "--json"))
    assert shown["schema"] == "Person"
    assert shown["properties"]["name"] == ["Olga Ivanova"]
    assert shown["context"]["source_id"] == "p1"
    table = invoke("show", "opensanctions", "p1")
    assert table.exit_code == 0 and "Olga Ivanova" in table.stdout


def test_diff_between_previous_and_current(invoke: Invoke, tmp_path: Path) -> None:
    _json(invoke("update", "--from", str(write_ftm(tmp_path / "v1", V1)), "--json"))
    _json(invoke("update", "--from", str(write_ftm(tmp_path / "v2", V2)), "--json"))
    changes = _json(invoke("diff", "opensanctions", "--json"))
    assert changes["counts"] == {"added": 1, "removed": 1, "changed": 1}
    assert [a["source_id"] for a in changes["added"]] == ["p3"]
    assert [r["source_id"] for r in changes["removed"]] == ["p2"]
    assert changes["changed"][0]["source_id"] == "p1" and "country" in changes["changed"][0]["changed_props"]
    text = invoke("diff", "opensanctions")
    assert text.exit_code == 0
    assert "1 added, 1 removed, 1 changed" in text.stdout and "Anna Smirnova" in text.stdout


def test_stale_lists_are_flagged(invoke: Invoke, tmp_path: Path) -> None:
    invoke("update", "--from", str(write_ftm(tmp_path / "m", V1)), "--json")
    status = _json(invoke("status", "--json", extra_env={"TRADEWARDEN_MAX_LIST_AGE_HOURS": "0"}))
    assert status["stale"] == ["opensanctions"]
    text = invoke("status", extra_env={"TRADEWARDEN_MAX_LIST_AGE_HOURS": "0"})
    assert text.exit_code == 0 and "warning: older than 0 h: opensanctions" in text.stdout


def test_rejected_source_exits_1_and_keeps_previous_version(invoke: Invoke, tmp_path: Path) -> None:
    served = write_ftm(tmp_path / "served", V1)
    with ListServer(served) as server:
        first = _json(invoke("update", "--from", server.url, "--source", "opensanctions", "--json"))
        server.fault = Fault.ERROR_500
        failed = invoke("update", "--from", server.url, "--source", "opensanctions", "--no-progress")
    assert failed.exit_code == 1
    assert "rejected" in failed.stdout and "HTTP 500" in failed.stdout
    status = _json(invoke("status", "--json"))
    by_source = {s["source"]: s for s in status["sources"]}
    assert by_source["opensanctions"]["version"] == first[0]["version"]["id"]


def test_errors_reach_the_user_as_one_line(invoke: Invoke, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                           capsys: pytest.CaptureFixture[str]) -> None:
    missing = invoke("show", "opensanctions", "nobody")
    assert isinstance(missing.exception, NotFound)
    monkeypatch.setenv("TRADEWARDEN_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("TRADEWARDEN_DATABASE_URL", "")
    monkeypatch.setattr(sys, "argv", ["tradewarden", "lists", "diff", "opensanctions"])
    get_settings.cache_clear()
    with pytest.raises(SystemExit) as exited:
        main()
    get_settings.cache_clear()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("error: opensanctions has no current version") and "Traceback" not in err


@pytest.mark.shared
def test_update_from_shared_folder_counts_match_provenance(invoke: Invoke, shared_lists: Path) -> None:
    updated = _json(invoke("update", "--from", str(shared_lists), "--source", "un_sc_sanctions", "--json"))
    assert updated[0]["status"] == "updated"
    assert updated[0]["version"]["entity_count"] == 1003  # PROVENANCE.md: 730 individuals, 273 entities
    assert updated[0]["version"]["published_at"].startswith("2026-02-27")

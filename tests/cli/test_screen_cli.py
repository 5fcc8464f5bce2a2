"""``tradewarden screen`` on a small store: one order, a folder, JSON, reports, errors, stale lists."""

from __future__ import annotations

import json
from collections import defaultdict
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from screen_support import SDN_ADDRESS, entities
from typer.testing import CliRunner

from tradewarden.cli import app
from tradewarden.errors import InputError
from tradewarden.security import ScryptParams
from tradewarden.settings import Settings, get_settings
from tradewarden.store import Store
from tradewarden.store.users import Role, add_user

BLOCKED = {"reference": "CLI-1", "parties": [{"roles": ["buyer"], "name": "Romashka Trading LLC", "country": "RU"}],
           "route": {"destination_country": "KZ"}}
SHARED = {"reference": "CLI-2", "parties": [{"roles": ["buyer"], "name": "Volga Office", "address": SDN_ADDRESS}],
          "route": {"destination_country": "DE"}}
CLEAN = {"reference": "CLI-3", "parties": [{"roles": ["buyer"], "name": "Schneider Pumpenbau GmbH", "country": "DE"}],
         "items": [{"description": "Flange", "hs_code": "7307.11"}], "route": {"destination_country": "DE"}}


def _store(settings: Settings, fetched_at: datetime) -> None:
    by_source = defaultdict(list)
    for entity in entities():
        by_source[str(entity.context["source"])].append(entity)
    store = Store.open(settings)
    try:
        for source in ("us_ofac_sdn", "us_trade_csl", "un_sc_sanctions", "us_dod_1260h", "cn_countermeasures"):
            version = store.stage_version(source, by_source[source], sha256=f"sha-{source}", fetched_at=fetched_at)
            store.promote(version.id)
    finally:
        store.close()


@pytest.fixture
def orders(tmp_path: Path) -> Path:
    folder = tmp_path / "orders"
    folder.mkdir()
    for name, order in (("a_blocked.json", BLOCKED), ("b_shared.json", SHARED), ("c_clean.json", CLEAN)):
        (folder / name).write_text(json.dumps(order), encoding="utf-8")
    (folder / "expected.json").write_text("{}", encoding="utf-8")
    return folder


@pytest.fixture
def runner(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> CliRunner:
    _store(settings, datetime.now(UTC))
    monkeypatch.setattr("tradewarden.cli.screen.get_settings", lambda: settings)
    get_settings.cache_clear()
    return CliRunner()


def test_single_order_shows_decision_and_evidence(runner: CliRunner, orders: Path) -> None:
    result = runner.invoke(app, ["screen", str(orders / "a_blocked.json")])
    assert result.exit_code == 0, result.output
    assert "BLOCK" in result.output and "PARTY_LISTED" in result.output
    assert "us_ofac_sdn:200" in result.output


def test_json_output(runner: CliRunner, orders: Path) -> None:
    result = runner.invoke(app, ["screen", str(orders / "b_shared.json"), "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["reference"] == "CLI-2" and payload["outcome"] == "review"
    assert {"PARTY_SHARED_CONTACT", "RF-PA-05"} <= {f["code"] for f in payload["findings"]}
    assert {v["source"] for v in payload["list_versions"]} >= {"us_ofac_sdn", "us_trade_csl"}


def test_folder_gives_summary_and_skips_sidecars(runner: CliRunner, orders: Path) -> None:
    result = runner.invoke(app, ["screen", str(orders)])
    assert result.exit_code == 0, result.output
    assert "Screened 3 orders" in result.output and "expected.json" not in result.output
    assert "clear: 1, review: 1, block: 1" in result.output
    as_json = json.loads(runner.invoke(app, ["screen", str(orders), "--json"]).output)
    assert [row["outcome"] for row in as_json] == ["block", "review", "clear"]


def test_html_report(runner: CliRunner, orders: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = runner.invoke(app, ["screen", str(orders / "a_blocked.json"), "--report", str(out)])
    assert result.exit_code == 0, result.output
    assert "PARTY_LISTED" in out.read_text(encoding="utf-8")


def test_errors_name_the_problem(runner: CliRunner, orders: Path) -> None:
    (orders / "broken.json").write_text('{"parties": []}', encoding="utf-8")
    result = runner.invoke(app, ["screen", str(orders / "broken.json")])
    assert isinstance(result.exception, InputError)
    assert result.exception.field == "order.parties"
    missing = runner.invoke(app, ["screen", str(orders / "nope.json")])
    assert isinstance(missing.exception, InputError)
    folder_report = runner.invoke(app, ["screen", str(orders), "--report", "x.html"])
    assert isinstance(folder_report.exception, InputError)


def test_stale_lists_turn_clear_into_review(settings: Settings, monkeypatch: pytest.MonkeyPatch, orders: Path) -> None:
    _store(settings, datetime.now(UTC) - timedelta(hours=settings.max_list_age_hours + 1))
    monkeypatch.setattr("tradewarden.cli.screen.get_settings", lambda: settings)
    result = CliRunner().invoke(app, ["screen", str(orders / "c_clean.json"), "--json"])
    payload = json.loads(result.output)
    assert payload["outcome"] == "review"
    stale = next(f for f in payload["findings"] if f["code"] == "DATA_LISTS_STALE")
    assert "us_ofac_sdn" in stale["detail"]


def test_screening_records_who_asked_and_opens_cases_unless_dry_run(
    runner: CliRunner, orders: Path, settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("tradewarden.cli.audit.get_settings", lambda: settings)

    def queue() -> dict[str, Any]:
        listed = runner.invoke(app, ["cases", "list", "--json"])
        assert listed.exit_code == 0, listed.output
        return dict(json.loads(listed.output))

    dry = runner.invoke(app, ["screen", str(orders), "--no-record", "--json"])
    assert all("case_id" not in row for row in json.loads(dry.output))
    assert queue()["cases"] == []
    recorded = json.loads(runner.invoke(app, ["screen", str(orders), "--json"]).output)
    assert [row["outcome"] for row in recorded] == ["block", "review", "clear"]
    assert [row["case_id"] is None for row in recorded] == [False, False, True]
    assert all(row["screening_id"] for row in recorded)
    cases = queue()["cases"]
    assert [case["id"] for case in cases] == [row["case_id"] for row in recorded[:2]]  # highest risk first
    shown = json.loads(runner.invoke(app, ["cases", "show", str(cases[0]["id"]), "--json"]).output)
    assert shown["screening"]["actor"].startswith("cli:") and shown["screening"]["input"] == BLOCKED

    # Screening again records again (a second screening and case), and the text view names the cases.
    again = runner.invoke(app, ["screen", str(orders)])
    assert again.exit_code == 0 and "recorded 3 screening(s) as cli:" in again.output
    assert queue()["counts"]["open"] == 4

    with Store.open(settings) as store:
        add_user(store, "ann", Role.ANALYST, "a long enough password", actor="test", params=ScryptParams(n=2**10))
    as_ann = json.loads(runner.invoke(app, ["screen", str(orders / "b_shared.json"), "--as", "ann", "--json"]).output)
    shown = json.loads(runner.invoke(app, ["cases", "show", str(as_ann["case_id"]), "--json"]).output)
    assert shown["screening"]["actor"] == "ann"
    nobody = runner.invoke(app, ["screen", str(orders / "b_shared.json"), "--as", "nobody"])
    assert nobody.exit_code == 1 and "no user 'nobody'" in str(nobody.exception)

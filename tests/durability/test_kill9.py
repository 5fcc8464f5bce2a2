"""Durability: a screening and a decision acknowledged by a real ``tradewarden serve`` survive a
SIGKILL of the server right after the answer, on SQLite (WAL mode) and on PostgreSQL; the audit
chain still verifies. (Backups restoring to an identical audit chain: tests/store/test_backup.py.)"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import sqlalchemy as sa

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "api"))
from apitools import make_env  # noqa: E402
from soak import order_for, start_serve  # noqa: E402

from tradewarden.cases import case_detail, get_screening  # noqa: E402
from tradewarden.settings import Settings  # noqa: E402
from tradewarden.store import Store  # noqa: E402
from tradewarden.store.audit import audit_log, verify_audit  # noqa: E402


def test_sqlite_runs_in_wal_mode_with_full_sync(tmp_path: Path) -> None:
    store = Store.open(Settings(home=tmp_path, database_url=""))
    try:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        store.close()


def test_acknowledged_writes_survive_kill_9(store_url: str, tmp_path: Path) -> None:
    env = make_env(tmp_path, database_url=store_url)
    env.store.close()
    served = start_serve(env.settings.home, store_url)
    headers = {"Authorization": f"ApiKey {env.keys['rita']}"}
    try:
        with httpx.Client(base_url=served.base, headers=headers, timeout=60.0) as client:
            screened = client.post("/screen", json=order_for("Acme Bearings Trading FZE"))
            assert screened.status_code == 200, screened.text
            screening_id, case_id = screened.json()["screening_id"], screened.json()["case_id"]
            assert case_id is not None
            decided = client.post(f"/cases/{case_id}/decision", json={"action": "escalate", "rationale": "kill -9 right after this"})
            assert decided.status_code == 201, decided.text
            served.process.send_signal(signal.SIGKILL)  # no shutdown, no checkpoint, no connection close
    finally:
        served.process.kill()
        assert served.process.wait(timeout=30) == -signal.SIGKILL
    if store_url.startswith("sqlite"):
        # The commits are in the write-ahead log, not yet checkpointed into the database file.
        assert Path(sa.make_url(store_url).database + "-wal").stat().st_size > 0  # type: ignore[operator]
    store = Store.from_url(store_url)
    try:
        assert get_screening(store, screening_id).case_id == case_id
        detail = case_detail(store, case_id)
        assert detail.case.status.value == "escalated"
        assert [(d.action.value, d.rationale) for d in detail.decisions] == [("escalate", "kill -9 right after this")]
        actions = [entry.action for entry in audit_log(store, limit=10)]
        assert any(action.startswith("case.") for action in actions), actions
        report = verify_audit(store)
        assert report.ok, report
    finally:
        store.close()
    cli_env = {**_clean_env(), "TRADEWARDEN_HOME": str(env.settings.home), "TRADEWARDEN_DATABASE_URL": store_url}
    verified = subprocess.run([sys.executable, "-m", "tradewarden", "audit", "verify"], env=cli_env, capture_output=True, text=True)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def _clean_env() -> dict[str, str]:
    return {key: value for key, value in os.environ.items() if not key.startswith("TRADEWARDEN_")}

"""``tradewarden serve --workers 2`` (:mod:`tradewarden.api.workers`), started as
``bench/api_load.py`` starts it: both workers take connections (each has its own listening
socket), and SIGTERM stops them all cleanly; ``create_app(preload=True)`` loads the index at
startup, and a failure to do so leaves the server up."""

from __future__ import annotations

import re
import signal
import socket
import sys
import time
from pathlib import Path

import httpx
import pytest
from apitools import ApiEnv, make_env
from fastapi.testclient import TestClient

from tradewarden.api import create_app
from tradewarden.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from api_load import start_server  # noqa: E402



def _metrics_seen(base: str, key: str) -> int:
    """The ``GET /metrics`` requests the worker answering a new connection had served before this one."""
    with httpx.Client(base_url=base, headers={"Authorization": f"ApiKey {key}"}) as client:
        text = client.get("/metrics").text
    found = re.search(r'tradewarden_http_requests_total\{method="GET",route="/metrics",status="200"\} (\d+)', text)
    return int(float(found.group(1))) if found else 0


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT")
def test_two_workers_share_the_connections_and_stop_on_sigterm(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    env.store.close()
    process, base = start_server(env.settings, workers=2)
    try:
        query = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Nobody Inparticular"]}}}}
        assert httpx.post(f"{base}/match/default", json=query, headers=env.headers("ana")).status_code == 200
        # 16 fresh connections: one worker taking them all would have answered 0, 1, ..., 15 before.
        seen = [_metrics_seen(base, env.keys["ana"]) for _ in range(16)]
        assert max(seen) < 15, seen
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@pytest.mark.skipif(not hasattr(socket, "SO_REUSEPORT"), reason="needs SO_REUSEPORT")
def test_workers_stop_when_the_supervisor_is_killed(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    env.store.close()
    process, base = start_server(env.settings, workers=2)
    process.kill()  # SIGKILL: the supervisor cannot stop its workers itself
    process.wait()
    deadline = time.monotonic() + 60
    answering = True
    while answering and time.monotonic() < deadline:
        try:
            httpx.get(f"{base}/healthz", timeout=1.0)
            time.sleep(0.2)
        except httpx.HTTPError:
            answering = False
    assert not answering, "orphaned workers went on serving after the supervisor was killed"


def test_preload_loads_the_index_before_the_first_request(api_env: ApiEnv) -> None:
    app = create_app(api_env.settings, store=api_env.store, preload=True)
    with TestClient(app):
        assert "*" in app.state.tw._index


def test_preload_failure_leaves_the_server_up(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    settings = Settings(home=tmp_path, database_url="postgresql+psycopg://nobody@127.0.0.1:9/none")
    with TestClient(create_app(settings, preload=True)) as client:
        assert client.get("/healthz").status_code == 200
    assert "could not preload the lists" in caplog.text

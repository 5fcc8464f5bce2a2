"""Fixtures of the web tests: ``web_env`` (the API tests' store: OFAC fixture rows and four
users, see ``tests/api/apitools.py``), ``web_client`` (a TestClient signed in as reviewer
``rita``) and ``live_server`` (uvicorn serving ``create_app`` on 127.0.0.1 at an ephemeral
port in a background thread, for the Playwright tests)."""

from __future__ import annotations

import socket
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi.testclient import TestClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from apitools import ApiEnv, make_env, sign_in  # noqa: E402

from tradewarden.api import create_app  # noqa: E402


@pytest.fixture(scope="module")
def web_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiEnv]:
    env = make_env(tmp_path_factory.mktemp("web"))
    try:
        yield env
    finally:
        env.store.close()


@pytest.fixture(scope="module")
def web_client(web_env: ApiEnv) -> Iterator[tuple[TestClient, str]]:
    with TestClient(create_app(web_env.settings, store=web_env.store)) as client:
        yield client, sign_in(client, "rita")


@pytest.fixture(scope="module")
def live_server(web_env: ApiEnv) -> Iterator[str]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(web_env.settings, store=web_env.store), host="127.0.0.1",
                                           port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)

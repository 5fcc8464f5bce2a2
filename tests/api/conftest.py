"""Fixtures of the API tests: ``api_env`` (module-scoped: a store under a temporary home
holding the OFAC fixture rows as the current us_ofac_sdn version, and four users with API
keys: analyst ``ana``, reviewers ``rita`` and ``rob``, admin ``adam``; see ``apitools.py``)
and ``client`` (a TestClient of ``create_app`` over it)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from apitools import ApiEnv, make_env
from fastapi.testclient import TestClient

from tradewarden.api import create_app


@pytest.fixture(scope="module")
def api_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ApiEnv]:
    env = make_env(tmp_path_factory.mktemp("api"))
    try:
        yield env
    finally:
        env.store.close()


@pytest.fixture(scope="module")
def client(api_env: ApiEnv) -> Iterator[TestClient]:
    with TestClient(create_app(api_env.settings, store=api_env.store)) as test_client:
        yield test_client

"""Stale lists (older than ``max_list_age_hours``) and required lists never loaded: no API entry
point answers "clear". ``POST /screen`` and ``POST /cases`` decide "review" with the reason,
``POST /match`` names the lists in ``stale_lists`` and the ``X-Tradewarden-Stale-Lists``
header, and ``/readyz`` is not ready."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from apitools import ApiEnv, make_env
from fastapi.testclient import TestClient

from tradewarden.api import create_app
from tradewarden.api.routers.match import STALE_HEADER

CLEAN_ORDER = {"parties": [{"roles": ["buyer"], "name": "Acme Office Furniture GmbH", "country": "DE"}],
               "items": [{"description": "office chairs", "hs_code": "9401.30"}], "route": {"origin_country": "DE", "destination_country": "FR"}}
NOBODY = {"queries": {"q": {"schema": "Company", "properties": {"name": ["Acme Office Furniture GmbH"]}}}}


@pytest.fixture(scope="module")
def stale_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[ApiEnv, TestClient]]:
    # Any age is over a maximum of a millionth of an hour: every loaded list is stale.
    env = make_env(tmp_path_factory.mktemp("stale"), max_list_age_hours=1e-6)
    with TestClient(create_app(env.settings, store=env.store)) as client:
        yield env, client
    env.store.close()


def _stale_finding(decision: dict[str, Any]) -> dict[str, Any]:
    return next(f for f in decision["findings"] if f["code"] == "DATA_LISTS_STALE")


def test_a_clean_order_is_clear_with_fresh_lists(client: TestClient, api_env: ApiEnv) -> None:
    fresh = client.post("/screen", json=CLEAN_ORDER, headers=api_env.headers("ana"))
    assert fresh.status_code == 200 and fresh.json()["decision"]["outcome"] == "clear"
    matched = client.post("/match/default", json=NOBODY, headers=api_env.headers("ana"))
    assert STALE_HEADER not in matched.headers and matched.json()["stale_lists"] == []


def test_screen_with_stale_lists_is_review_with_the_reason(stale_env: tuple[ApiEnv, TestClient]) -> None:
    env, client = stale_env
    body = client.post("/screen", json=CLEAN_ORDER, headers=env.headers("ana")).json()
    decision = body["decision"]
    assert decision["outcome"] == "review" and body["case_id"] is not None
    assert "us_ofac_sdn" in _stale_finding(decision)["detail"]
    assert any("stale" in reason for reason in decision["reasons"])


def test_party_screening_with_stale_lists_is_review(stale_env: tuple[ApiEnv, TestClient]) -> None:
    env, client = stale_env
    response = client.post("/cases", json={"name": "Acme Office Furniture GmbH"}, headers=env.headers("ana"))
    assert response.status_code == 201
    screening = response.json()
    assert screening["decision"]["outcome"] == "review" and screening["case_id"] is not None
    assert "us_ofac_sdn" in _stale_finding(screening["decision"])["detail"]


def test_match_names_the_stale_lists(stale_env: tuple[ApiEnv, TestClient]) -> None:
    env, client = stale_env
    response = client.post("/match/default", json=NOBODY, headers=env.headers("ana"))
    assert response.status_code == 200
    assert response.headers[STALE_HEADER] == "us_ofac_sdn"
    assert response.json()["stale_lists"] == ["us_ofac_sdn"]


def test_readyz_is_not_ready_with_stale_lists(stale_env: tuple[ApiEnv, TestClient]) -> None:
    _, client = stale_env
    response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["lists"] == {"us_ofac_sdn": "stale"}
    assert any("us_ofac_sdn" in reason for reason in response.json()["reasons"])


def test_a_required_list_never_loaded_also_keeps_screening_from_clear(tmp_path: Path) -> None:
    env = make_env(tmp_path, required_sources=("us_ofac_sdn", "un_sc_sanctions"))
    with TestClient(create_app(env.settings, store=env.store)) as client:
        decision = client.post("/screen", json=CLEAN_ORDER, headers=env.headers("ana")).json()["decision"]
        assert decision["outcome"] == "review" and "un_sc_sanctions" in _stale_finding(decision)["detail"]
        matched = client.post("/match/default", json=NOBODY, headers=env.headers("ana"))
        assert matched.headers[STALE_HEADER] == "un_sc_sanctions"
        ready = client.get("/readyz")
        assert ready.status_code == 503 and "required lists never loaded: un_sc_sanctions" in ready.json()["reasons"]
    env.store.close()

"""Screening, the review queue and four-eyes decisions through the API; lists, audit, health and metrics."""

from __future__ import annotations

import json
from pathlib import Path

from apitools import ApiEnv, lists_folder, make_env
from fastapi.testclient import TestClient

from tradewarden.api import create_app

BLOCKED_BUYER = {
    "reference": "SO-API-1",
    "parties": [{"roles": ["buyer", "consignee"], "name": "Hasan Nasrallah", "country": "LB", "schema_hint": "Person"}],
    "items": [{"description": "office furniture", "hs_code": "9403.30"}],
    "route": {"origin_country": "DE", "destination_country": "LB"},
}


def test_screen_opens_a_case_that_needs_two_reviewers_to_release(client: TestClient, api_env: ApiEnv) -> None:
    screened = client.post("/screen", json=BLOCKED_BUYER, headers=api_env.headers("ana"))
    assert screened.status_code == 200, screened.text
    body = screened.json()
    assert body["decision"]["outcome"] == "block" and body["case_id"] is not None
    codes = {f["code"] for f in body["decision"]["findings"]}
    assert any(code.startswith("PARTY") for code in codes)
    case_id = body["case_id"]
    queue = client.get("/cases", headers=api_env.headers("ana")).json()
    assert case_id in [c["id"] for c in queue["cases"]] and queue["counts"]["open"] >= 1
    detail = client.get(f"/cases/{case_id}", headers=api_env.headers("ana")).json()
    assert detail["screening"]["input"]["reference"] == "SO-API-1" and detail["case"]["version"] == 1

    def decide(user: str, action: str, version: int | None = None) -> object:
        payload = {"action": action, "rationale": f"{user}: checked the passport against the listing"}
        if version is not None:
            payload["expected_version"] = version
        return client.post(f"/cases/{case_id}/decision", json=payload, headers=api_env.headers(user))

    first = decide("rita", "release", 1)
    assert first.status_code == 201 and first.json()["to_status"] == "pending_second_review"  # type: ignore[attr-defined]
    stale = decide("rob", "release", 1)
    assert stale.status_code == 409 and stale.json()["type"] == "/problems/conflict-error"  # type: ignore[attr-defined]
    same = decide("rita", "release")
    assert same.status_code == 403  # type: ignore[attr-defined]
    second = decide("rob", "release")
    assert second.status_code == 201 and second.json()["to_status"] == "released"  # type: ignore[attr-defined]
    closed = client.get(f"/cases/{case_id}", headers=api_env.headers("ana")).json()
    assert closed["case"]["status"] == "released" and [d["actor"] for d in closed["decisions"]] == ["rita", "rob"]
    entries = client.get("/audit", params={"subject": f"case:{case_id}"}, headers=api_env.headers("rita")).json()
    assert {e["actor"] for e in entries} >= {"rita", "rob"}
    verified = client.get("/audit/verify", headers=api_env.headers("rita")).json()
    assert verified["ok"] and verified["checked"] >= len(entries) and verified["problems"] == []


def test_invalid_order_names_the_field(client: TestClient, api_env: ApiEnv) -> None:
    order = {"parties": [{"roles": ["buyer"], "name": "A"}], "items": [{"description": "x", "hs_code": "12"}]}
    response = client.post("/screen", json=order, headers=api_env.headers("ana"))
    assert response.status_code == 422 and response.json()["field"] == "order.items[0].hs_code"
    not_json = client.post("/screen", content=b"{nope", headers={**api_env.headers("ana"), "content-type": "application/json"})
    assert not_json.status_code == 422 and not_json.json()["field"] == "order"


def test_party_screening_records_a_case_for_a_match(client: TestClient, api_env: ApiEnv) -> None:
    hit = client.post("/cases", json={"name": "Banco Nacional de Cuba", "country": "CU"}, headers=api_env.headers("ana"))
    assert hit.status_code == 201 and hit.json()["case_id"] is not None
    miss = client.post("/cases", json={"name": "Wilhelmina Quaxelbottom"}, headers=api_env.headers("ana"))
    assert miss.status_code == 201 and miss.json()["case_id"] is None and miss.json()["decision"]["outcome"] == "clear"


def test_lists_status_and_admin_update(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    mirror = lists_folder(tmp_path / "again")
    sdn = mirror / "us_ofac_sdn" / "sdn.csv"
    sdn.write_bytes(sdn.read_bytes().replace(b"\x1a", b""))  # new bytes, same rows
    with TestClient(create_app(env.settings, store=env.store)) as admin:
        statuses = {s["source"]: s for s in admin.get("/lists", headers=env.headers("ana")).json()}
        assert statuses["us_ofac_sdn"]["state"] == "ok" and statuses["eu_fsf"]["state"] == "missing"
        outcomes = admin.post("/lists/update", json={"mirror": str(mirror)}, headers=env.headers("adam")).json()
        assert [(o["source"], o["status"]) for o in outcomes] == [("us_ofac_sdn", "updated")]
        assert outcomes[0]["version"] > statuses["us_ofac_sdn"]["version"]
        log = admin.get("/audit", params={"subject": "lists"}, headers=env.headers("adam")).json()
        assert log[0]["action"] == "lists.update" and log[0]["actor"] == "adam"
    env.store.close()


def test_health_readiness_and_metrics(client: TestClient, api_env: ApiEnv, tmp_path: Path) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200 and ready.json()["lists"] == {"us_ofac_sdn": "ok"}
    client.post("/match/default", json={"queries": {"q": {"schema": "Person", "properties": {"name": "Hasan"}}}},
                headers=api_env.headers("ana"))
    text = client.get("/metrics", headers=api_env.headers("ana")).text
    assert 'tradewarden_http_requests_total{method="POST",route="/match/{dataset}",status="200"}' in text
    assert 'tradewarden_list_entities{source="us_ofac_sdn"}' in text
    assert "tradewarden_match_queries_total" in text
    stale_env = make_env(tmp_path, max_list_age_hours=0.0)
    with TestClient(create_app(stale_env.settings, store=stale_env.store)) as stale:
        not_ready = stale.get("/readyz")
        assert not_ready.status_code == 503 and "stale" in json.dumps(not_ready.json())
        decision = stale.post("/screen", json={"parties": [{"roles": ["buyer"], "name": "Acme GmbH", "country": "DE"}]},
                              headers=stale_env.headers("ana")).json()["decision"]
        assert decision["outcome"] != "clear" and any(f["code"] == "DATA_LISTS_STALE" for f in decision["findings"])
    stale_env.store.close()

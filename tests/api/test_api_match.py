"""The yente-compatible routes: /match, /search, /entities, /catalog, validated against yente's shapes."""

from __future__ import annotations

import csv
from typing import Any

from fastapi.testclient import TestClient

from apitools import FIXTURES, ApiEnv
from yente_models import DataCatalogModel, EntityMatchResponse, EntityResponse, SearchResponse

QUERIES: dict[str, Any] = {
    "nasrallah": {"schema": "Person", "properties": {"name": ["Hasan Nasrallah"], "birthDate": ["1960-08-31"]}},
    "bank": {"schema": "Company", "properties": {"name": "Banco Nacional de Cuba", "country": ["cu"]}},
    "nobody": {"schema": "Person", "properties": {"name": ["Wilhelmina Quaxelbottom"]}},
}


def test_match_response_has_yentes_shape_and_finds_the_listed_entries(client: TestClient, api_env: ApiEnv) -> None:
    response = client.post("/match/default", json={"queries": QUERIES}, headers=api_env.headers("ana"))
    assert response.status_code == 200
    parsed = EntityMatchResponse.model_validate(response.json())
    assert set(parsed.responses) == {"nasrallah", "bank", "nobody"}
    top = parsed.responses["nasrallah"].results[0]
    assert (top.id, top.caption, top.schema_) == ("us-ofac-sdn-2686", "NASRALLAH, Hasan", "Person")
    assert top.match and top.score >= 0.9 and top.datasets == ["us_ofac_sdn"]
    assert "1960-08-31" in top.properties["birthDate"]
    assert parsed.responses["bank"].results[0].id == "us-ofac-sdn-306"
    assert parsed.responses["nobody"].results == [] and parsed.responses["nobody"].total.value == 0
    assert parsed.responses["bank"].query.schema_ == "Company"
    raw = response.json()["responses"]["nasrallah"]["results"][0]
    assert raw["features"] and all(isinstance(v, float) for v in raw["features"].values())


def test_threshold_sets_match_flag_and_cutoff_keeps_weaker_results(client: TestClient, api_env: ApiEnv) -> None:
    body = {"queries": {"q": {"schema": "Person", "properties": {"name": ["Hasan Nasrallah"]}}}}
    strict = client.post("/match/default?threshold=1.0&cutoff=0.5", json=body, headers=api_env.headers("ana")).json()
    results = strict["responses"]["q"]["results"]
    assert results and all(r["match"] == (r["score"] >= 1.0) for r in results)
    limited = client.post("/match/default?limit=1&cutoff=0.3", json=body, headers=api_env.headers("ana")).json()
    assert len(limited["responses"]["q"]["results"]) == 1


def test_dataset_selects_one_source_or_is_404(client: TestClient, api_env: ApiEnv) -> None:
    body = {"queries": {"q": QUERIES["bank"]}}
    one = client.post("/match/us_ofac_sdn", json=body, headers=api_env.headers("ana"))
    assert one.status_code == 200 and one.json()["responses"]["q"]["results"]
    missing = client.post("/match/eu_fsf", json=body, headers=api_env.headers("ana"))
    assert missing.status_code == 404 and missing.json()["field"] == "dataset"


def test_match_errors_name_the_field(client: TestClient, api_env: ApiEnv) -> None:
    headers = api_env.headers("ana")
    bad_schema = client.post("/match/default", json={"queries": {"q1": {"schema": "Spaceship", "properties": {"name": "x"}}}}, headers=headers)
    assert bad_schema.status_code == 422 and bad_schema.json()["field"] == "body.queries.q1.schema"
    no_name = client.post("/match/default", json={"queries": {"q1": {"schema": "Person", "properties": {"country": "ru"}}}}, headers=headers)
    assert no_name.status_code == 422 and no_name.json()["field"] == "body.queries.q1.properties.name"
    algorithm = client.post("/match/default?algorithm=magic", json={"queries": {}}, headers=headers)
    assert algorithm.status_code == 422 and algorithm.json()["field"] == "algorithm"
    limit = client.post("/match/default?limit=0", json={"queries": {}}, headers=headers)
    assert limit.status_code == 422 and limit.json()["field"] == "limit"
    assert client.post("/match/default?algorithm=logic-v2", json={"queries": {}}, headers=headers).status_code == 200


def test_search_and_entity_routes(client: TestClient, api_env: ApiEnv) -> None:
    headers = api_env.headers("ana")
    found = client.get("/search/default", params={"q": "hizballah"}, headers=headers)
    parsed = SearchResponse.model_validate(found.json())
    assert parsed.results[0].id == "us-ofac-sdn-4697"
    entity = client.get("/entities/us-ofac-sdn-4243", headers=headers)
    assert EntityResponse.model_validate(entity.json()).caption == "SAND SWAN"
    assert entity.json()["properties"]["flag"] == ["cy"]
    missing = client.get("/entities/us-ofac-sdn-999999", headers=headers)
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    blank = client.get("/search/default", params={"q": "  "}, headers=headers)
    assert blank.status_code == 422 and blank.json()["field"] == "q"


def test_catalog_lists_the_loaded_source_with_its_entity_count(client: TestClient, api_env: ApiEnv) -> None:
    catalog = DataCatalogModel.model_validate(client.get("/catalog", headers=api_env.headers("ana")).json())
    by_name = {d.name: d for d in catalog.datasets}
    with (FIXTURES / "ofac" / "sdn.csv").open(encoding="utf-8", newline="") as handle:
        rows = [row for row in csv.reader(handle) if row and row[0].strip().isdigit()]
    assert by_name["us_ofac_sdn"].entity_count == len(rows)
    assert "us_ofac_sdn" in catalog.current and "eu_fsf" in catalog.outdated
    assert by_name["default"].children == ["us_ofac_sdn"]

"""One handler table maps every error class to its status, and every error is RFC 9457 problem+json."""

from __future__ import annotations

import inspect

import pytest
from apitools import ApiEnv
from fastapi import FastAPI
from fastapi.testclient import TestClient

from tradewarden import errors
from tradewarden.api.errors import ERROR_STATUS, PayloadTooLarge, RateLimited, install_handlers, status_of

PINNED = {
    errors.InputError: 422,
    errors.ListFormatError: 422,
    errors.ValidationGateError: 409,
    errors.ConflictError: 409,
    errors.NotFound: 404,
    errors.AuthError: 401,
    errors.PermissionDenied: 403,
    errors.StoreError: 503,
    errors.FetchError: 502,
    errors.ConfigError: 500,
    errors.TradewardenError: 500,
    PayloadTooLarge: 413,
    RateLimited: 429,
}


def test_every_error_class_has_its_own_row() -> None:
    declared = {cls for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, errors.TradewardenError)}
    assert declared <= set(ERROR_STATUS), f"no status for {declared - set(ERROR_STATUS)}"


@pytest.mark.parametrize(("error_class", "status"), sorted(PINNED.items(), key=lambda kv: kv[0].__name__))
def test_each_error_class_is_served_with_its_status(error_class: type[errors.TradewardenError], status: int) -> None:
    app = FastAPI()
    install_handlers(app)

    @app.get("/boom")
    def boom() -> None:
        raise error_class("it went wrong", field="thing.field") if error_class is errors.InputError else error_class("it went wrong", source="x")

    response = TestClient(app).get("/boom")
    assert response.status_code == status == status_of(error_class("x"))
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["detail"] == "it went wrong" and body["instance"] == "/boom"
    assert body["type"].startswith("/problems/") and body["title"]
    if error_class is errors.InputError:
        assert body["field"] == "thing.field"
    if status == 401:
        assert response.headers["www-authenticate"].startswith("ApiKey")


def test_a_subclass_inherits_its_parents_status() -> None:
    class Special(errors.NotFound):
        pass

    assert status_of(Special("x")) == 404


def test_unexpected_exceptions_are_500_problems_without_a_traceback() -> None:
    app = FastAPI()
    install_handlers(app)

    @app.get("/bug")
    def bug() -> None:
        raise RuntimeError("secret internals")

    response = TestClient(app, raise_server_exceptions=False).get("/bug")
    assert response.status_code == 500
    assert "secret internals" not in response.text and "Traceback" not in response.text


def test_validation_and_routing_errors_are_problems(client: TestClient, api_env: ApiEnv) -> None:
    invalid = client.post("/cases/1/decision", json={"action": "pardon", "rationale": "x"}, headers=api_env.headers("rita"))
    assert invalid.status_code == 422 and invalid.json()["field"] == "body.action"
    unknown = client.get("/no/such/route")
    assert unknown.status_code == 404 and unknown.headers["content-type"] == "application/problem+json"
    wrong_method = client.delete("/catalog")
    assert wrong_method.status_code == 405 and wrong_method.json()["status"] == 405


def test_store_down_is_503(api_env: ApiEnv) -> None:
    from tradewarden.api import create_app
    from tradewarden.settings import Settings

    broken = Settings(home=api_env.settings.home, database_url="postgresql+psycopg://nobody@127.0.0.1:1/none")
    with TestClient(create_app(broken)) as down:
        response = down.get("/catalog", headers=api_env.headers("ana"))
        assert response.status_code == 503 and response.json()["type"] == "/problems/store-error"
        assert down.get("/healthz").status_code == 200
        assert down.get("/readyz").status_code == 503

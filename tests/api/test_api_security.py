"""Every route is authorised by role; keys, sessions and CSRF; size limits, rate limits, redaction."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import Any

import pytest
from apitools import PASSWORD, ApiEnv, make_env
from fastapi.testclient import TestClient

from tradewarden.api import create_app
from tradewarden.api.security import RateLimiter, SessionSigner, api_key_from_headers, redact

ROLE_RANK = {"ana": 0, "rita": 1, "adam": 2}
ORDER = {"parties": [{"roles": ["buyer"], "name": "Acme GmbH", "country": "DE"}], "items": [{"description": "office chairs"}]}

# (method, path, JSON body, least role that may call it)
ROUTES: list[tuple[str, str, Any, str]] = [
    ("POST", "/match/default", {"queries": {}}, "ana"),
    ("GET", "/search/default?q=cuba", None, "ana"),
    ("GET", "/entities/us-ofac-sdn-306", None, "ana"),
    ("GET", "/catalog", None, "ana"),
    ("POST", "/screen", ORDER, "ana"),
    ("GET", "/cases", None, "ana"),
    ("POST", "/cases", {"name": "Nobody Inparticular"}, "ana"),
    ("GET", "/cases/999", None, "ana"),
    ("POST", "/cases/999/decision", {"action": "escalate", "rationale": "check"}, "rita"),
    ("GET", "/lists", None, "ana"),
    ("POST", "/lists/update", {"sources": ["no_such_source"]}, "adam"),
    ("GET", "/audit", None, "rita"),
    ("GET", "/audit/verify", None, "rita"),
    ("GET", "/metrics", None, "ana"),
]


def _call(client: TestClient, method: str, path: str, body: Any, headers: dict[str, str] | None = None) -> Any:
    return client.request(method, path, json=body, headers=headers or {})


@pytest.mark.parametrize(("method", "path", "body", "least"), ROUTES, ids=[f"{m} {p}" for m, p, _, _ in ROUTES])
def test_route_refuses_anonymous_and_lower_roles(client: TestClient, api_env: ApiEnv, method: str, path: str, body: Any, least: str) -> None:
    anonymous = _call(client, method, path, body)
    assert anonymous.status_code == 401, anonymous.text
    for user, rank in ROLE_RANK.items():
        response = _call(client, method, path, body, api_env.headers(user))
        if rank < ROLE_RANK[least]:
            assert response.status_code == 403, f"{user} got {response.status_code} on {method} {path}"
            assert response.json()["type"] == "/problems/permission-denied"
        else:
            assert response.status_code not in (401, 403), f"{user} refused on {method} {path}: {response.text}"


def test_the_openapi_document_covers_every_api_route(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    documented = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    for method, path, _, _ in ROUTES:
        template = re.sub(r"/999", "/{case_id}", path.split("?")[0]).replace("us-ofac-sdn-306", "{entity_id}").replace("/default", "/{dataset}")
        assert (method, template) in documented
    assert "Order" in spec["components"]["schemas"]
    match_op = spec["paths"]["/match/{dataset}"]["post"]
    assert match_op["requestBody"]["content"]["application/json"]["example"]["queries"]


def test_api_key_headers() -> None:
    assert api_key_from_headers("ApiKey tw_abc", None) == "tw_abc"
    assert api_key_from_headers("Bearer tw_abc", None) == "tw_abc"
    assert api_key_from_headers(None, " tw_xyz ") == "tw_xyz"
    assert api_key_from_headers("Basic dXNlcg==", None) is None


def test_x_api_key_works_and_a_wrong_key_is_401(client: TestClient, api_env: ApiEnv) -> None:
    assert client.get("/catalog", headers={"X-API-Key": api_env.keys["ana"]}).status_code == 200
    wrong = client.get("/catalog", headers={"Authorization": "ApiKey tw_" + "x" * 43})
    assert wrong.status_code == 401 and "x" * 43 not in wrong.text


def _login(client: TestClient, name: str, password: str = PASSWORD) -> Any:
    page = client.get("/ui/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    assert token is not None
    return client.post("/ui/login", data={"name": name, "password": password, "csrf_token": token.group(1), "next": "/ui/cases"},
                       follow_redirects=False)


def test_session_login_and_csrf_on_cookie_writes(api_env: ApiEnv) -> None:
    with TestClient(create_app(api_env.settings, store=api_env.store)) as browser:
        assert _login(browser, "rita", "wrong password").status_code == 401
        forged = browser.post("/ui/login", data={"name": "rita", "password": PASSWORD, "csrf_token": "forged"}, follow_redirects=False)
        assert forged.status_code == 403
        done = _login(browser, "rita")
        assert done.status_code == 303 and done.headers["location"] == "/ui/cases"
        assert browser.get("/catalog").status_code == 200
        # A cookie-authenticated write needs the CSRF header ...
        refused = browser.post("/cases", json={"name": "Nobody Inparticular"})
        assert refused.status_code == 403 and refused.json()["field"] == "csrf_token"
        token = re.search(r'name="csrf_token" value="([^"]+)"', browser.get("/ui/screen").text)
        assert token is not None
        accepted = browser.post("/cases", json={"name": "Nobody Inparticular"}, headers={"X-CSRF-Token": token.group(1)})
        assert accepted.status_code == 201
        # ... and so does every form.
        assert browser.post("/ui/screen/party", data={"name": "X"}, follow_redirects=False).status_code == 403
        browser.post("/ui/logout", data={"csrf_token": token.group(1)})
        assert browser.get("/catalog").status_code == 401
        assert browser.get("/ui/cases", follow_redirects=False).headers["location"].startswith("/ui/login")


def test_sessions_are_signed_expire_and_can_be_revoked() -> None:
    signer = SessionSigner(b"k" * 32, 60)
    cookie = signer.issue("rita", now=1000.0)
    session = signer.check(cookie, now=1010.0)
    assert session is not None and session.user == "rita"
    assert signer.check(cookie, now=2000.0) is None
    body, signature = cookie.split(".")
    assert signer.check(body.replace(body[-2:], "AA") + "." + signature, now=1010.0) is None
    assert SessionSigner(b"o" * 32, 60).check(cookie, now=1010.0) is None
    signer.revoke(session)
    assert signer.check(cookie, now=1010.0) is None


def test_request_size_limit(tmp_path: Path) -> None:
    env = make_env(tmp_path, api_max_body_bytes=2048)
    with TestClient(create_app(env.settings, store=env.store)) as small:
        big = {"queries": {"q": {"schema": "Person", "properties": {"name": ["x" * 4000]}}}}
        response = small.post("/match/default", json=big, headers=env.headers("ana"))
        assert response.status_code == 413 and response.json()["limit"] == 2048
        chunked = small.post("/match/default", content=iter([b"{" + b" " * 3000 + b"}"]), headers={**env.headers("ana"), "content-type": "application/json"})
        assert chunked.status_code == 413
    env.store.close()


def test_rate_limit_per_key(tmp_path: Path) -> None:
    env = make_env(tmp_path, api_rate_per_second=0.01, api_rate_burst=3)
    with TestClient(create_app(env.settings, store=env.store)) as limited:
        codes = [limited.get("/catalog", headers=env.headers("ana")).status_code for _ in range(4)]
        assert codes == [200, 200, 200, 429]
        refused = limited.get("/catalog", headers=env.headers("ana"))
        assert int(refused.headers["retry-after"]) >= 1 and refused.json()["status"] == 429
        assert limited.get("/catalog", headers=env.headers("rita")).status_code == 200  # another key, another bucket
    env.store.close()


def test_token_bucket_refills() -> None:
    limiter = RateLimiter(rate=2.0, burst=2)
    assert [limiter.take("a", now=0.0) for _ in range(3)] == [0.0, 0.0, 0.5]
    assert limiter.take("a", now=0.6) == 0.0


def test_secrets_are_redacted_from_logs(caplog: pytest.LogCaptureFixture) -> None:
    key = "tw_" + "A1b2" * 11
    assert key not in redact(f"GET /catalog key={key}")
    assert "hunter22" not in redact('{"password": "hunter22"}')
    assert "s3cr3t" not in redact("Authorization: ApiKey s3cr3t")
    assert "abc.def" not in redact("cookie: tw_session=abc.def; other=1")
    from tradewarden.api.security import install_log_redaction

    install_log_redaction(("tradewarden.test",))
    with caplog.at_level(logging.INFO, logger="tradewarden.test"):
        logging.getLogger("tradewarden.test").info("login with %s", key)
    assert key not in caplog.text and "tw_***" in caplog.text

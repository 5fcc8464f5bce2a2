"""Every route is authorised by role; keys, sessions and CSRF; size limits, rate limits, redaction."""

from __future__ import annotations

import json
import logging
import re
from pathlib import Path
from typing import Any

import pytest
from apitools import PASSWORD, ApiEnv, make_env, sign_in
from fastapi.testclient import TestClient

from tradewarden.api import create_app
from tradewarden.api.security import RateLimiter, SessionSigner, api_key_from_headers, redact
from tradewarden.settings import Settings
from tradewarden.store.audit import audit_log, verify_audit

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


# Web UI routes: (method, path, form fields, least role). Pages and forms use the session cookie.
UI_ROUTES: list[tuple[str, str, dict[str, str] | None, str]] = [
    ("GET", "/ui/", None, "ana"),
    ("GET", "/ui/screen", None, "ana"),
    ("POST", "/ui/screen/order", {"order_json": json.dumps(ORDER)}, "ana"),
    ("POST", "/ui/screen/party", {"name": "Nobody Inparticular"}, "ana"),
    ("GET", "/ui/screenings/999", None, "ana"),
    ("GET", "/ui/cases", None, "ana"),
    ("GET", "/ui/cases/999", None, "ana"),
    ("POST", "/ui/cases/999/decision", {"action": "escalate", "rationale": "check", "expected_version": "1"}, "rita"),
    ("GET", "/ui/lists", None, "ana"),
    ("GET", "/ui/audit", None, "rita"),
]

# Routes anyone may call, and why.
PUBLIC: dict[tuple[str, str], str] = {
    ("GET", "/healthz"): "liveness probe",
    ("GET", "/readyz"): "readiness probe (list freshness, no data)",
    ("GET", "/openapi.json"): "the API description (no data)",
    ("GET", "/docs"): "the OpenAPI page",
    ("GET", "/docs/oauth2-redirect"): "part of the OpenAPI page",
    ("GET", "/redoc"): "the OpenAPI page",
    ("GET", "/"): "redirects to /ui/",
    ("GET", "/ui/login"): "the login form",
    ("POST", "/ui/login"): "signing in (CSRF-checked, rate-limited, refusals audited)",
    ("POST", "/ui/logout"): "signing out (CSRF-checked; ends the caller's own session)",
    ("GET", "/ui/static/{path}"): "style sheet and scripts",
}


def _template(path: str) -> str:
    """The route template a test path exercises (``/cases/999`` → ``/cases/{case_id}``)."""
    path = path.split("?")[0]
    for concrete, template in (("/screenings/999", "/screenings/{screening_id}"), ("/cases/999", "/cases/{case_id}"),
                               ("/entities/us-ofac-sdn-306", "/entities/{entity_id}")):
        path = path.replace(concrete, template)
    return re.sub(r"^/(match|search)/default$", r"/\1/{dataset}", path)


def app_routes(app: Any) -> set[tuple[str, str]]:
    """Every (method, path template) the app serves, from ``app.routes`` (HEAD folded into GET)."""
    from fastapi import routing

    contexts = routing.iter_route_contexts(app.routes) if hasattr(routing, "iter_route_contexts") else app.routes
    found: set[tuple[str, str]] = set()
    for route in contexts:
        methods = getattr(route, "methods", None) or {"GET"}  # a mount (static files) serves GET
        path = getattr(route, "path_format", None) or getattr(route, "path", "")
        found |= {(method, path) for method in methods if method != "HEAD"}
    return found


def test_every_route_of_the_app_has_a_role_test(api_env: ApiEnv) -> None:
    """A new route fails here until it is added to ROUTES, UI_ROUTES or PUBLIC (with a reason)."""
    tested = {(m, _template(p)) for m, p, _, _ in ROUTES} | {(m, _template(p)) for m, p, _, _ in UI_ROUTES} | set(PUBLIC)
    served = app_routes(create_app(api_env.settings, store=api_env.store))
    assert served - tested == set(), "routes without an authorisation test"
    assert tested - served == set(), "tests of routes that no longer exist"


def test_public_routes_answer_without_credentials(client: TestClient) -> None:
    for method, path in PUBLIC:
        if method == "GET" and "{" not in path:
            assert client.get(path, follow_redirects=False).status_code in (200, 303, 307, 503), path


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


def test_a_logout_in_one_worker_ends_the_session_in_every_worker(tmp_path: Path) -> None:
    # serve --workers N: each process has its own signer; they share the revocation file.
    revoked = tmp_path / "sessions.revoked"
    worker_a, worker_b = (SessionSigner(b"k" * 32, 3600, revoked_file=revoked) for _ in range(2))
    kept, ended = worker_a.issue("rita"), worker_a.issue("rob")
    assert worker_b.check(ended) is not None
    session = worker_a.check(ended)
    assert session is not None
    worker_a.revoke(session)
    assert worker_b.check(ended) is None and worker_a.check(ended) is None
    assert worker_b.check(kept) is not None
    # A process started after the logout reads it too.
    assert SessionSigner(b"k" * 32, 3600, revoked_file=revoked).check(ended) is None


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


@pytest.fixture(scope="module")
def ui_clients(api_env: ApiEnv) -> Any:
    """A TestClient signed in as each of ana, rita and adam, with its CSRF form token."""
    opened = {}
    for name in ROLE_RANK:
        browser = TestClient(create_app(api_env.settings, store=api_env.store))
        browser.__enter__()
        opened[name] = (browser, sign_in(browser, name))
    yield opened
    for browser, _ in opened.values():
        browser.__exit__(None, None, None)


@pytest.mark.parametrize(("method", "path", "form", "least"), UI_ROUTES, ids=[f"{m} {p}" for m, p, _, _ in UI_ROUTES])
def test_ui_route_refuses_anonymous_and_lower_roles(
    client: TestClient, ui_clients: Any, method: str, path: str, form: dict[str, str] | None, least: str
) -> None:
    anonymous = client.request(method, path, data=form, follow_redirects=False)
    assert anonymous.status_code in (303, 401, 403), f"anonymous got {anonymous.status_code} on {method} {path}"
    if anonymous.status_code == 303:
        assert anonymous.headers["location"].startswith("/ui/login")
    for user, rank in ROLE_RANK.items():
        browser, token = ui_clients[user]
        data = None if form is None else {**form, "csrf_token": token}
        response = browser.request(method, path, data=data, follow_redirects=False)
        if rank < ROLE_RANK[least]:
            assert response.status_code == 403, f"{user} got {response.status_code} on {method} {path}"
        else:
            assert response.status_code not in (401, 403), f"{user} refused on {method} {path}: {response.status_code}"
            assert not response.headers.get("location", "").startswith("/ui/login")


def test_session_cookies_are_secure_httponly_and_samesite(tmp_path: Path) -> None:
    env = make_env(tmp_path, session_cookie_secure=True)  # the default; the tests' plain http turns it off elsewhere
    with TestClient(create_app(env.settings, store=env.store), base_url="https://testserver") as browser:
        page = browser.get("/ui/login")
        csrf = _set_cookie(page, "tw_csrf")
        assert {"secure", "httponly", "samesite=strict"} <= csrf
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
        assert token is not None
        done = browser.post("/ui/login", data={"name": "rita", "password": PASSWORD, "csrf_token": token.group(1)},
                            follow_redirects=False)
        assert done.status_code == 303
        session = _set_cookie(done, "tw_session")
        assert {"secure", "httponly", "samesite=lax", "path=/"} <= session
        assert any(part.startswith("max-age=") for part in session)
        assert browser.get("/ui/cases").status_code == 200  # the Secure cookie travels over https
        ended = browser.post("/ui/logout", data={"csrf_token": token.group(1)}, follow_redirects=False)
        assert {"secure", "httponly"} <= _set_cookie(ended, "tw_session")
    assert Settings().session_cookie_secure is True
    env.store.close()


def _set_cookie(response: Any, name: str) -> set[str]:
    """The attributes (lower-cased, without the value) of the ``Set-Cookie`` for ``name``."""
    for header in response.headers.get_list("set-cookie"):
        if header.startswith(name + "="):
            return {part.strip().lower() for part in header.split(";")[1:]}
    raise AssertionError(f"no Set-Cookie for {name}")


def test_failed_logins_are_audited_without_secrets(client: TestClient, api_env: ApiEnv) -> None:
    before = verify_audit(api_env.store).checked
    with TestClient(create_app(api_env.settings, store=api_env.store)) as browser:
        assert _login(browser, "rita", "not her password").status_code == 401
        assert _login(browser, "nobody-such", "whatever").status_code == 401
    wrong_key = "tw_" + "Q" * 43
    assert client.get("/catalog", headers={"Authorization": f"ApiKey {wrong_key}"}).status_code == 401
    entries = [e for e in audit_log(api_env.store, limit=10) if e.seq > before and e.action == "auth.failed"]
    found = sorted((e.subject, e.payload["method"], e.payload["reason"]) for e in entries)
    assert found == [("api-key", "key", "unknown key"), ("user:nobody-such", "password", "unknown user"),
                     ("user:rita", "password", "wrong password")]
    assert all(e.actor == "anonymous" for e in entries)
    assert "not her password" not in json.dumps([e.payload for e in entries]) and wrong_key not in str(entries)
    assert verify_audit(api_env.store).ok


def test_passwords_and_keys_are_stored_hashed(api_env: ApiEnv) -> None:
    import sqlalchemy as sa

    with api_env.store.engine.connect() as conn:
        stored = " ".join(str(v) for row in conn.execute(sa.text("SELECT * FROM app_user")) for v in row)
        stored += " ".join(str(v) for row in conn.execute(sa.text("SELECT * FROM api_key")) for v in row)
    assert PASSWORD not in stored and not any(key in stored for key in api_env.keys.values())
    assert "scrypt" in stored


def test_refused_credentials_are_rate_limited_per_address(tmp_path: Path) -> None:
    from tradewarden.api.deps import FAILED_AUTH_BURST

    env = make_env(tmp_path)
    before = verify_audit(env.store).checked
    with TestClient(create_app(env.settings, store=env.store)) as guesser:
        codes = [guesser.get("/catalog", headers={"X-API-Key": f"tw_guess{n:040d}"}).status_code for n in range(FAILED_AUTH_BURST + 5)]
        assert codes == [401] * FAILED_AUTH_BURST + [429] * 5
        assert int(guesser.get("/catalog", headers={"X-API-Key": "tw_" + "z" * 43}).headers["retry-after"]) >= 1
        assert _login(guesser, "rita", "still guessing").status_code == 429  # the same budget covers web logins
    refused = [e for e in audit_log(env.store, limit=100) if e.seq > before and e.action == "auth.failed"]
    assert len(refused) == FAILED_AUTH_BURST  # the refusals past the budget did not reach the store
    env.store.close()

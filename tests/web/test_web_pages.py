"""The reviewer UI's pages through a TestClient, and its pure parts: charts and name highlighting."""

from __future__ import annotations

import re

from apitools import ApiEnv, sign_in
from fastapi.testclient import TestClient

from tradewarden.api import create_app
from tradewarden.web.charts import histogram, ranked, stacked_days
from tradewarden.web.highlight import highlight


def test_highlight_marks_shared_words_whatever_the_case_order_or_accents() -> None:
    assert str(highlight("NASRALLAH, Hasan", "Hasan Nasrallah")) == "<mark>NASRALLAH</mark>, <mark>Hasan</mark>"
    assert str(highlight("José Núñez", "jose nunez")) == "<mark>José</mark> <mark>Núñez</mark>"
    assert str(highlight("<b>Ivan</b>", "ivan")) == "&lt;b&gt;<mark>Ivan</mark>&lt;/b&gt;"
    assert str(highlight("Ivan Petrov", "Petrova")) == "Ivan Petrov"


def test_charts_scale_bars_to_the_largest_value() -> None:
    days = ["2024-05-01", "2024-05-02"]
    chart = stacked_days(days, {"2024-05-01": {"clear": 2, "block": 2}, "2024-05-02": {"review": 1}}, width=200, height=132)
    heights = {r.title: round(r.height) for r in chart.rects}
    assert heights == {"2024-05-01: 2 clear": 50, "2024-05-01: 2 block": 50, "2024-05-02: 1 review": 25}
    assert not chart.empty and chart.max_value == 4
    spread = histogram([0, 5, 95, 100, 100], buckets=10)
    assert [r.title for r in spread.rects] == ["0–10: 2", "90–100: 3"]
    assert ranked([("A", 4), ("B", 2)]).rects[1].width * 2 == ranked([("A", 4), ("B", 2)]).rects[0].width
    assert stacked_days(days, {}).empty


def test_pages_render_for_a_signed_in_reviewer(web_client: tuple[TestClient, str], web_env: ApiEnv) -> None:
    client, token = web_client
    screened = client.post("/ui/screen/party", data={"name": "Hasan Nasrallah", "country": "LB", "csrf_token": token}, follow_redirects=False)
    assert screened.status_code == 303 and screened.headers["location"].startswith("/ui/cases/")
    case = client.get(screened.headers["location"])
    assert "<mark>NASRALLAH</mark>, <mark>Hasan</mark>" in case.text and 'name="expected_version" value="1"' in case.text
    dashboard = client.get("/ui/")
    assert dashboard.status_code == 200 and dashboard.text.count("<svg") == 3 and "<rect" in dashboard.text
    queue = client.get("/ui/cases", params={"q": "nasrallah"})
    assert "NASRALLAH" in queue.text
    assert "No case matches" in client.get("/ui/cases", params={"min_risk": 100, "q": "zzz"}).text
    lists = client.get("/ui/lists")
    assert "us_ofac_sdn" in lists.text and "first version" in lists.text
    assert "Hash chain verified" in client.get("/ui/audit").text
    clear = client.post("/ui/screen/party", data={"name": "Wilhelmina Quaxelbottom", "csrf_token": token}, follow_redirects=False)
    assert clear.headers["location"].startswith("/ui/screenings/")
    assert "CLEAR" in client.get(clear.headers["location"]).text
    bad_order = client.post("/ui/screen/order", data={"order_json": '{"parties": []}', "csrf_token": token})
    assert bad_order.status_code == 422 and "order.parties" in bad_order.text
    assert client.get("/ui/cases/99999").status_code == 404


def test_analysts_see_cases_but_no_decision_form_or_audit(web_env: ApiEnv) -> None:
    with TestClient(create_app(web_env.settings, store=web_env.store)) as client:
        token = sign_in(client, "ana")
        made = client.post("/ui/screen/party", data={"name": "Banco Nacional de Cuba", "csrf_token": token}, follow_redirects=False)
        page = client.get(made.headers["location"])
        assert page.status_code == 200 and "decision-form" not in page.text and "may view this case" in page.text
        assert client.get("/ui/audit").status_code == 403
        case_id = int(made.headers["location"].rsplit("/", 1)[1])
        refused = client.post(f"/ui/cases/{case_id}/decision", data={"action": "release", "rationale": "x", "csrf_token": token})
        assert refused.status_code == 403


def test_login_redirect_stays_on_this_site(web_env: ApiEnv) -> None:
    with TestClient(create_app(web_env.settings, store=web_env.store)) as client:
        page = client.get("/ui/login", params={"next": "https://evil.example/ui"})
        assert re.search(r'name="next" value="/ui/"', page.text)
        assert client.get("/").headers.get("location") is None or client.get("/", follow_redirects=False).headers["location"] == "/ui/"
        assert "Content-Security-Policy" in page.headers

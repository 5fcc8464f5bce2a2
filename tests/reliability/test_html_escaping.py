"""Every HTML page escapes what users typed: the report, the batch summary and the reviewer UI.

Script and attribute-breaking payloads go into every text field of an order (reference, party
names and addresses, item descriptions, part numbers, end use, payer), into a batch's ids and
names, and through the web UI into an order, a decision's rationale, an attachment's file name,
the queue search, the error banner and an unknown order field's name. No page may contain a
payload as written; the escaped form must be there where the text is shown.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from screen_support import screen

from tradewarden.batch.summary import BatchSummary, ChunkStats, TopHit
from tradewarden.batch.summary import render_html as render_summary
from tradewarden.models import parse_order
from tradewarden.report import render_html as render_report

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))
from apitools import ApiEnv, make_env, sign_in  # noqa: E402

from tradewarden.api import create_app  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
PAYLOADS = [
    '<script>alert("tw1")</script>',
    '"><img src=x onerror=alert("tw2")>',
    "' onmouseover='alert(3)' data-x='",
    "</textarea><svg onload=alert(4)>",
]
ESCAPED_SCRIPT = "&lt;script&gt;"


def assert_escaped(page: str, shown: bool = True) -> None:
    """No payload appears as written; the escaped script tag is there when the text is shown."""
    for payload in PAYLOADS:
        assert payload not in page, payload
    assert "<script>alert" not in page and "<img src=x" not in page and "<svg onload" not in page
    if shown:
        assert ESCAPED_SCRIPT in page


def hostile_order() -> dict[str, Any]:
    """A real example order (it goes to review) with a payload in every free-text field."""
    order = json.loads((ROOT / "examples" / "orders" / "02_gnss_uae_forwarder.json").read_text())
    order["reference"] = "SO-" + PAYLOADS[0]
    buyer, consignee = order["parties"]
    buyer["address"] = PAYLOADS[1]
    consignee["name"] = "Jebel Ali " + PAYLOADS[0]
    order["parties"].append({"roles": ["end_user"], "name": PAYLOADS[2] + " Trading", "country": "AE",
                             "address": PAYLOADS[3]})
    item = order["items"][0]
    item.update(description="GNSS module " + PAYLOADS[0], part_number=PAYLOADS[1], manufacturer=PAYLOADS[3])
    order["end_use"] = PAYLOADS[0] + PAYLOADS[2]
    order["payment"]["payer_name"] = PAYLOADS[3]
    return order


def test_report_escapes_every_order_field() -> None:
    order = parse_order(hostile_order())
    page = render_report(order, screen(order))
    assert_escaped(page)
    assert page.count(ESCAPED_SCRIPT) >= 4  # reference, consignee, item, end use


def test_batch_summary_escapes_ids_names_and_paths() -> None:
    stats = ChunkStats()
    stats.screened = 2
    stats.decisions = {"review": 2}
    stats.top = [
        TopHit(PAYLOADS[0], PAYLOADS[1], "review", 0.91, "us_ofac_sdn", PAYLOADS[2], PAYLOADS[3], PAYLOADS[0]),
        TopHit(PAYLOADS[3], PAYLOADS[0], "review", 0.5, "order", "", PAYLOADS[1], ""),
    ]
    stats.sources = {PAYLOADS[0]: 1}
    summary = BatchSummary(stats=stats, engine="local", output=f"/tmp/{PAYLOADS[0]}.csv", rejects=PAYLOADS[1],
                           chunks=1, resumed_chunks=0, processed=2, elapsed_s=1.0)
    assert_escaped(render_summary(summary, title=PAYLOADS[0]))


# --- the reviewer web UI ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def web(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str, ApiEnv]]:
    env = make_env(tmp_path_factory.mktemp("web_escaping"))
    try:
        with TestClient(create_app(env.settings, store=env.store)) as client:
            yield client, sign_in(client, "rita"), env
    finally:
        env.store.close()


def test_web_pages_escape_orders_decisions_and_searches(web: tuple[TestClient, str, ApiEnv]) -> None:
    client, token, _ = web
    made = client.post("/ui/screen/order", data={"order_json": json.dumps(hostile_order()), "csrf_token": token},
                       follow_redirects=False)
    assert made.status_code == 303, made.text
    location = made.headers["location"]
    assert location.startswith("/ui/cases/"), location
    case_id = int(location.rsplit("/", 1)[1])
    assert_escaped(client.get(location).text)

    decided = client.post(
        f"/ui/cases/{case_id}/decision",
        data={"action": "escalate", "rationale": " ".join(PAYLOADS), "expected_version": "1", "csrf_token": token},
        files={"attachment": (f"{PAYLOADS[1]}.pdf", b"%PDF-1.4\n", "application/pdf")},
        follow_redirects=False,
    )
    assert decided.status_code == 303, decided.text
    case_page = client.get(f"/ui/cases/{case_id}").text
    assert_escaped(case_page)
    assert "&lt;/textarea&gt;&lt;svg onload=alert(4)&gt;" in case_page  # the rationale is shown, escaped

    for page in (
        client.get("/ui/cases", params={"q": PAYLOADS[0]}),
        client.get(f"/ui/cases/{case_id}", params={"error": PAYLOADS[0]}),
        client.get("/ui/audit"),
        client.get("/ui/audit", params={"subject": PAYLOADS[0]}),
        client.get("/ui/"),
    ):
        assert page.status_code == 200
        assert_escaped(page.text, shown=False)
    assert ESCAPED_SCRIPT in client.get(f"/ui/cases/{case_id}", params={"error": PAYLOADS[0]}).text


def test_web_error_pages_escape_the_offending_field(web: tuple[TestClient, str, ApiEnv]) -> None:
    client, token, _ = web
    order = hostile_order()
    order[PAYLOADS[0]] = 1  # an unknown field whose name is the payload
    refused = client.post("/ui/screen/order", data={"order_json": json.dumps(order), "csrf_token": token})
    assert refused.status_code == 422
    assert_escaped(refused.text)
    assert re.search(r"unknown field", refused.text)
    party = client.post("/ui/screen/party", data={"name": PAYLOADS[0], "country": PAYLOADS[1][:100],
                                                   "csrf_token": token}, follow_redirects=False)
    if party.status_code == 303:
        assert_escaped(client.get(party.headers["location"]).text, shown=False)
    else:
        assert_escaped(party.text, shown=False)
    login = client.get("/ui/login", params={"next": PAYLOADS[1]})
    assert_escaped(login.text, shown=False)

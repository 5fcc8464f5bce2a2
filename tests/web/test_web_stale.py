"""Stale lists in the web UI: a banner on the screen page and on the result, and the
screening's decision is "review" with the stale-lists finding."""

from __future__ import annotations

import json
import re
from pathlib import Path

from apitools import make_env, sign_in
from fastapi.testclient import TestClient

from tradewarden.api import create_app

CLEAN_ORDER = {"parties": [{"roles": ["buyer"], "name": "Acme Office Furniture GmbH", "country": "DE"}],
               "items": [{"description": "office chairs", "hs_code": "9401.30"}],
               "route": {"origin_country": "DE", "destination_country": "FR"}}


def _banner(html: str) -> str:
    found = re.search(r'<p class="alert warn" id="stale-lists"[^>]*>(.*?)</p>', html, re.S)
    assert found is not None, "no stale-lists banner"
    return found.group(1)


def test_no_banner_while_lists_are_fresh(web_client: tuple[TestClient, str]) -> None:
    client, _ = web_client
    assert 'id="stale-lists"' not in client.get("/ui/screen").text


def test_stale_lists_show_a_banner_and_screen_to_review(tmp_path: Path) -> None:
    env = make_env(tmp_path, max_list_age_hours=1e-6)
    with TestClient(create_app(env.settings, store=env.store)) as client:
        token = sign_in(client, "rita")
        assert "us_ofac_sdn" in _banner(client.get("/ui/screen").text)
        result = client.post("/ui/screen/order", data={"csrf_token": token, "order_json": json.dumps(CLEAN_ORDER)})
        assert result.status_code == 200 and "/ui/cases/" in str(result.url)  # not clear: a case opened
        assert "us_ofac_sdn" in _banner(result.text)
        assert "DATA_LISTS_STALE" in result.text or "stale or missing" in result.text
        party = client.post("/ui/screen/party", data={"csrf_token": token, "name": "Acme Office Furniture GmbH"})
        assert party.status_code == 200 and "/ui/cases/" in str(party.url)
        assert "us_ofac_sdn" in _banner(party.text)
    env.store.close()

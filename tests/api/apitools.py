"""Helpers of the API and web tests: a store holding the OFAC fixture rows as the current
us_ofac_sdn version and four users with API keys (analyst ``ana``, reviewers ``rita`` and
``rob``, admin ``adam``)."""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tradewarden.lists.update import load_into_store
from tradewarden.security import ScryptParams
from tradewarden.settings import Settings
from tradewarden.store import Store
from tradewarden.store.users import add_user, issue_api_key

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
# Cheap password hashing for tests (the cost is recorded in each hash).
FAST = ScryptParams(n=2**10, r=8, p=1)
USERS = {"ana": "analyst", "rita": "reviewer", "rob": "reviewer", "adam": "admin"}
PASSWORD = "correct horse"


@dataclass
class ApiEnv:
    """A populated store, the settings it lives under, and each user's API key."""

    settings: Settings
    store: Store
    keys: dict[str, str]

    def headers(self, user: str) -> dict[str, str]:
        return {"Authorization": f"ApiKey {self.keys[user]}"}


def lists_folder(root: Path) -> Path:
    """A mirror folder with the OFAC fixture files as ``us_ofac_sdn``."""
    folder = root / "lists" / "us_ofac_sdn"
    folder.mkdir(parents=True)
    for name in ("sdn.csv", "alt.csv", "add.csv", "sdn_comments.csv"):
        shutil.copy(FIXTURES / "ofac" / name, folder / name)
    return folder.parent


#: Test settings: only the fixture list is required, and cookies travel over the TestClient's plain http.
TEST_SETTINGS: dict[str, object] = {"required_sources": ("us_ofac_sdn",), "session_cookie_secure": False}


def make_env(root: Path, **overrides: object) -> ApiEnv:
    settings = Settings(**{"home": root / "home", "database_url": "", **TEST_SETTINGS, **overrides})  # type: ignore[arg-type]
    store = Store.open(settings)
    load_into_store(store, lists_folder(root))
    keys = {}
    for name, role in USERS.items():
        add_user(store, name, role, PASSWORD, actor="test", params=FAST)
        keys[name] = issue_api_key(store, name, actor="test")[1]
    return ApiEnv(settings, store, keys)


def sign_in(client: Any, name: str, password: str = PASSWORD) -> str:
    """Sign a TestClient in to the web UI as ``name``; returns the CSRF form token."""
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/ui/login").text)
    assert token is not None
    response = client.post("/ui/login", data={"name": name, "password": password, "csrf_token": token.group(1)}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return token.group(1)

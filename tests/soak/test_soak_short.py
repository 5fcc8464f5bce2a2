"""The soak run in a short bounded form (``bench/soak.py`` runs the long one): a real
``tradewarden serve`` on loopback, four clients mixing /match, /screen and case decisions for
at most 20 seconds or 3,000 requests. Asserted: no request fails, decisions really happened,
and the server's memory grows less than the stated bound after warm-up (behaviour, not a timing)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests" / "api"))
from apitools import make_env  # noqa: E402
from soak import RSS_GROWTH_BOUND_MIB, soak, start_serve  # noqa: E402


def test_short_soak_has_no_errors_and_bounded_memory(tmp_path: Path) -> None:
    env = make_env(tmp_path)
    names = [e.caption for e in env.store.current_entities()][:40] + [f"Unlisted Trading {n} LLC" for n in range(40)]
    env.store.close()
    served = start_serve(env.settings.home)
    try:
        result = soak(served, env.keys["rita"], names, clients=4, seconds=20.0, max_requests=3000)
    finally:
        served.stop()
    assert result.errors == []
    routes = {row["route"]: row["requests"] for row in result.route_table()}
    assert all(routes[route] > 0 for route in ("/match", "/screen", "/decision")), routes
    assert 0 < result.rss_start_mib <= result.rss_warm_mib + 50
    assert result.rss_growth_mib < RSS_GROWTH_BOUND_MIB

"""load_screening: stale and missing lists, the list-data cache per set of versions."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from screen_support import entities

from tradewarden.lists.sources import SOURCES
from tradewarden.screen_service import load_screening, stale_and_missing
from tradewarden.settings import Settings
from tradewarden.store import Store, VersionInfo, VersionStatus

NOW = datetime(2024, 6, 1, tzinfo=UTC)


def _version(source: str, hours_old: float) -> VersionInfo:
    when = NOW - timedelta(hours=hours_old)
    return VersionInfo(1, source, VersionStatus.CURRENT, when, when, None, "sha", [], 10, 0, [], None)


def test_stale_and_missing(settings: Settings) -> None:
    current: dict[str, VersionInfo | None] = {name: None for name in SOURCES}
    stale, missing = stale_and_missing(current, settings, NOW)
    assert stale == () and set(missing) == set(SOURCES)  # nothing loaded: every list is missing
    current["us_ofac_sdn"] = _version("us_ofac_sdn", 1)
    current["un_sc_sanctions"] = _version("un_sc_sanctions", settings.max_list_age_hours + 1)
    stale, missing = stale_and_missing(current, settings, NOW)
    assert stale == ("un_sc_sanctions",)
    assert missing == ("us_trade_csl",)  # only required sources count as missing
    custom = Settings(home=settings.home, required_sources=("us_ofac_sdn",))
    assert stale_and_missing(current, custom, NOW)[1] == ()


def test_load_screening_caches_list_data_per_version_set(settings: Settings) -> None:
    store = Store.open(settings)
    try:
        listed = [e for e in entities() if e.context["source"] in ("us_ofac_sdn", "us_dod_1260h")]
        for source in ("us_ofac_sdn", "us_dod_1260h"):
            version = store.stage_version(source, [e for e in listed if e.context["source"] == source], sha256=source)
            store.promote(version.id)
        first = load_screening(store, settings)
        files = sorted((settings.home / "screen").glob("listdata-*.pkl"))
        assert len(files) == 1
        assert set(first.lists.versions) == {"us_ofac_sdn", "us_dod_1260h"}
        assert len(first.lists.ownership) == 1 and first.lists.is_blocking("us-ofac-sdn-400")
        assert set(first.missing) == {"us_trade_csl", "un_sc_sanctions"}
        assert set(first.policy.stale_sources) == {"us_trade_csl", "un_sc_sanctions"}
        assert first.confirm.confirm_score == settings.confirm_match_score
        version = store.stage_version("us_ofac_sdn", [e for e in listed if e.context["source"] == "us_ofac_sdn"], sha256="v2")
        store.promote(version.id)
        second = load_screening(store, settings)
        assert second.lists.versions["us_ofac_sdn"].version_id == version.id
        rebuilt = sorted((settings.home / "screen").glob("listdata-*.pkl"))
        assert len(rebuilt) == 1 and rebuilt != files
    finally:
        store.close()

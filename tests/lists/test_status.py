"""Source freshness and the choice of versions for a diff, over hand-made version records."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from tradewarden.errors import InputError, NotFound
from tradewarden.lists.sources import SOURCES
from tradewarden.lists.status import diff_versions_of, source_statuses
from tradewarden.store import VersionInfo, VersionStatus

NOW = datetime(2026, 1, 10, 12, 0, tzinfo=UTC)


def v(id: int, status: str = "superseded", *, source: str = "us_bis_dpl", fetched_hours_ago: float | None = 1) -> VersionInfo:  # noqa: A002
    fetched = None if fetched_hours_ago is None else NOW - timedelta(hours=fetched_hours_ago)
    return VersionInfo(
        id=id, source=source, status=VersionStatus(status), created_at=NOW - timedelta(hours=100),
        fetched_at=fetched, published_at="2023-11-28", sha256="0" * 64, files=[], entity_count=545,
        problem_count=3, problems=[], reason=None,
    )


def test_status_marks_stale_missing_and_ok() -> None:
    statuses = source_statuses(
        {"us_bis_dpl": v(1, "current", fetched_hours_ago=49), "un_sc_sanctions": v(2, "current", fetched_hours_ago=2)},
        max_age_hours=48,
        now=NOW,
    )
    by_name = {s.source: s for s in statuses}
    assert list(by_name)[: len(SOURCES)] == list(SOURCES)
    assert by_name["us_bis_dpl"].state == "stale"
    assert by_name["us_bis_dpl"].age_hours == pytest.approx(49)
    assert by_name["un_sc_sanctions"].state == "ok"
    assert by_name["us_ofac_sdn"].state == "missing"
    record = by_name["us_bis_dpl"].as_dict()
    assert record["stale"] is True and record["version"] == 1 and record["entity_count"] == 545


def test_status_without_fetch_time_ages_from_creation_and_keeps_unknown_sources() -> None:
    statuses = source_statuses({"custom_list": v(9, "current", source="custom_list", fetched_hours_ago=None)}, max_age_hours=48, now=NOW)
    custom = statuses[-1]
    assert custom.source == "custom_list"
    assert custom.age_hours == pytest.approx(100)
    assert custom.stale


def test_diff_defaults_to_previous_accepted_version_and_current() -> None:
    versions = [v(7, "failed"), v(6, "current"), v(5, "failed"), v(3), v(1)]
    old, new = diff_versions_of("us_bis_dpl", versions)
    assert (old.id, new.id) == (3, 6)
    old, new = diff_versions_of("us_bis_dpl", versions, new_id=3)
    assert (old.id, new.id) == (1, 3)
    old, new = diff_versions_of("us_bis_dpl", versions, old_id=1, new_id=7)
    assert (old.id, new.id) == (1, 7)


def test_diff_explains_what_is_missing() -> None:
    with pytest.raises(NotFound, match="no current version"):
        diff_versions_of("us_bis_dpl", [v(1)])
    with pytest.raises(NotFound, match="no version before 1"):
        diff_versions_of("us_bis_dpl", [v(1, "current")])
    with pytest.raises(NotFound, match="has no version 99"):
        diff_versions_of("us_bis_dpl", [v(1, "current")], old_id=99)
    with pytest.raises(InputError, match="both sides"):
        diff_versions_of("us_bis_dpl", [v(1, "current")], old_id=1)

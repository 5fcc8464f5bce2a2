"""Time travel: which list versions were in force on a date, and whether a name was listed then."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from casekit import SOURCE, stage_current
from followthemoney.proxy import EntityProxy

from tradewarden.cases import listed_asof, versions_asof
from tradewarden.cases.asof import effective_day, parse_day
from tradewarden.errors import InputError
from tradewarden.store import Store, VersionInfo, VersionStatus


def _version(vid: int, source: str, status: str, published: str | None, created: str) -> VersionInfo:
    return VersionInfo(
        id=vid, source=source, status=VersionStatus(status), created_at=datetime.fromisoformat(created).replace(tzinfo=UTC),
        fetched_at=None, published_at=published, sha256="0" * 64, files=[], entity_count=1, problem_count=0,
        problems=[], reason=None,
    )


VERSIONS = [
    _version(1, "a", "superseded", "2023-01-01", "2023-01-02T08:00:00"),
    _version(2, "a", "superseded", "2023-05-30T00:00:00", "2023-06-10T08:00:00"),  # loaded late: published counts
    _version(3, "a", "failed", "2023-06-05", "2023-06-05T08:00:00"),  # never in force
    _version(4, "a", "current", None, "2023-07-01T08:00:00"),  # no publication date: loading day counts
    _version(5, "b", "current", "garbled", "2023-06-09T23:00:00"),
]


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2022-12-31", {}),
        ("2023-01-01", {"a": 1}),
        ("2023-06-08", {"a": 2}),
        ("2023-06-09", {"a": 2, "b": 5}),
        ("2023-07-01", {"a": 4, "b": 5}),
    ],
)
def test_the_version_in_force_on_a_day(day: str, expected: dict[str, int]) -> None:
    chosen = versions_asof(VERSIONS, date.fromisoformat(day))
    assert {source: version.id for source, version in chosen.items()} == expected


def test_effective_day_and_date_parsing() -> None:
    assert effective_day(VERSIONS[1]) == date(2023, 5, 30)
    assert effective_day(VERSIONS[4]) == date(2023, 6, 9)
    assert parse_day(" 2023-06-09 ") == date(2023, 6, 9)
    with pytest.raises(InputError) as bad:
        parse_day("09/06/2023")
    assert bad.value.field == "date"


def test_a_name_listed_later_is_not_listed_before(
    store: Store, e: Callable[..., EntityProxy], tmp_path: Path
) -> None:
    ivan = e("Person", "1", name="Ivan Petrov", country="ru")
    anna = e("Person", "2", name="Anna Smirnova", country="ru")
    stage_current(store, [ivan], tag="v1", published_at="2023-01-01")
    v2 = stage_current(store, [ivan, anna], tag="v2", published_at="2023-06-01")
    other = e("Person", "9", source="other_list", name="Ivan Petrov")
    stage_current(store, [other], source="other_list", tag="o1", published_at="2023-03-01")
    cache = tmp_path / "match"

    before = listed_asof(store, date(2022, 12, 1), "Anna Smirnova", cache_dir=cache)
    assert not before.listed and [s.version for s in before.sources] == [None, None]  # unknown, not "clear"

    march = listed_asof(store, date(2023, 3, 15), "Anna Smirnova", cache_dir=cache)
    assert not march.listed
    assert {s.source: s.version.id for s in march.sources if s.version} == {"other_list": v2 + 1, SOURCE: v2 - 1}

    june = listed_asof(store, date(2023, 6, 9), "Anna Smirnova", cache_dir=cache)
    assert june.listed
    (hit,) = [s for s in june.sources if s.matches]
    assert hit.source == SOURCE and hit.version is not None and hit.version.id == v2
    assert hit.matches[0].source_id == "2"
    assert june.as_dict()["sources"][1]["matches"][0]["caption"] == "Anna Smirnova"
    assert len(list(cache.glob("asof-*.idx"))) == 2  # one index per set of versions, reused

    only_other = listed_asof(store, date(2023, 6, 9), "Ivan Petrov", sources=["other_list"], cache_dir=cache)
    assert [s.source for s in only_other.sources] == ["other_list"] and only_other.listed
    with pytest.raises(InputError):
        listed_asof(store, date(2023, 6, 9), "  ")

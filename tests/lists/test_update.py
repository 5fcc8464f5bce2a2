"""Updating the store: stage → gates → promote or fail, on SQLite and PostgreSQL."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from pathlib import Path

import pytest

from tradewarden.errors import NotFound
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.update import UpdateOutcome, UpdateStatus, apply_parse_result, load_into_store
from tradewarden.store import Store

# Five real rows of OFAC's sdn.csv (2024-05-03): legacy CSV, `-0- ` for empty, CRLF, DOS EOF.
SDN_ROWS = [
    '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '173,"ANGLO-CARIBBEAN CO., LTD.",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '306,"BANCO NACIONAL DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"a.k.a. \'BNC\'."',
    '424,"BOUTIQUE LA MAISON",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
    '475,"CASA DE CUBA",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ',
]


def _sdn_bytes(rows: list[str]) -> bytes:
    return ("\r\n".join(rows) + "\r\n\x1a").encode("utf-8")


def _write_sdn(root: Path, rows: list[str]) -> Path:
    path = root / "us_ofac_sdn" / "sdn.csv"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(_sdn_bytes(rows))
    return path


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    opened = Store.from_url(store_url)
    try:
        yield opened
    finally:
        opened.close()


def _built(count: int, nameless: int = 0, source: str = "test_list") -> ParseResult:
    result = ParseResult(source=source, files=[Path("list.csv")])
    ctx = ParseContext(source, Path("list.csv"), result)
    for number in range(count):
        entity = ctx.make("Company", str(number))
        if number >= nameless:
            ctx.add(entity, "name", f"Company {number}")
        ctx.emit(entity)
    return result


def _apply(store: Store, result: ParseResult, sha256: str, force: bool = False) -> UpdateOutcome:
    files = [{"name": "list.csv", "sha256": sha256, "bytes": 1, "url": "file:///list.csv"}]
    return apply_parse_result(store, result, files=files, sha256=sha256, max_shrink=0.20, force=force)


def test_first_update_becomes_current(store: Store) -> None:
    outcome = _apply(store, _built(10), "a")
    assert outcome.status == UpdateStatus.UPDATED == "updated" and outcome.reasons == []
    assert outcome.version is not None and outcome.version.status == "current"
    assert outcome.counts == {"entities": 10, "problems": 0, "previous_entities": 0}
    assert store.current("test_list") == outcome.version


def test_same_sha256_is_unchanged_and_stages_nothing(store: Store) -> None:
    first = _apply(store, _built(10), "a")
    again = _apply(store, _built(3), "a")
    assert again.status == "unchanged"
    assert again.version == first.version
    assert len(store.versions("test_list")) == 1


def test_update_counts_the_delta(store: Store) -> None:
    _apply(store, _built(10), "a")
    smaller = _built(12)
    del smaller.entities["test-list-0"]
    smaller.entities["test-list-1"].add("country", "cu")
    outcome = _apply(store, smaller, "b")
    assert outcome.status == "updated"
    assert outcome.counts == {
        "entities": 11, "problems": 0, "previous_entities": 10, "added": 2, "removed": 1, "changed": 1,
    }


@pytest.mark.parametrize(
    ("result", "reason"),
    [
        (ParseResult(source="test_list"), "no listed entities"),
        (_built(10, nameless=2), "have no name"),
        (_built(7), "30% fewer than the 10"),
    ],
    ids=["empty", "nameless", "shrunk"],
)
def test_rejected_update_keeps_the_previous_version(store: Store, result: ParseResult, reason: str) -> None:
    previous = _apply(store, _built(10), "a").version
    outcome = _apply(store, result, "b")
    assert outcome.status == "rejected"
    assert any(reason in text for text in outcome.reasons), outcome.reasons
    assert outcome.version is not None and outcome.version.status == "failed"
    assert reason in (outcome.version.reason or "")
    assert store.current("test_list") == previous
    assert [e.caption for e in store.current_entities()] == sorted(f"Company {n}" for n in range(10))


def test_force_accepts_a_large_shrink(store: Store) -> None:
    _apply(store, _built(10), "a")
    outcome = _apply(store, _built(5), "b", force=True)
    assert outcome.status == "updated"
    assert store.current("test_list") == outcome.version


def test_load_into_store_from_a_folder(store: Store, tmp_path: Path) -> None:
    sdn = _write_sdn(tmp_path, SDN_ROWS)
    [first] = load_into_store(store, tmp_path)
    assert (first.source, first.status) == ("us_ofac_sdn", "updated")
    assert first.version is not None and first.version.entity_count == 5
    assert first.version.files[0]["name"] == "sdn.csv" and first.version.files[0]["bytes"] == sdn.stat().st_size
    assert first.version.files[0]["url"] == sdn.resolve().as_uri()
    assert store.entity("us_ofac_sdn", "306").caption == "BANCO NACIONAL DE CUBA"

    [again] = load_into_store(store, tmp_path)
    assert again.status == "unchanged" and again.version == first.version

    _write_sdn(tmp_path, SDN_ROWS[:3])
    [shrunk] = load_into_store(store, tmp_path)
    assert shrunk.status == "rejected" and "40% fewer" in shrunk.reasons[0]
    assert store.current("us_ofac_sdn") == first.version

    [forced] = load_into_store(store, tmp_path, force=True)
    assert forced.status == "updated" and forced.counts["removed"] == 2
    assert store.current("us_ofac_sdn") == forced.version


def test_a_zero_byte_download_is_rejected(store: Store, tmp_path: Path) -> None:
    # OFAC's scrape committed a 0-byte sdn.csv on 2024-05-04; it must never become current.
    _write_sdn(tmp_path, SDN_ROWS)
    [good] = load_into_store(store, tmp_path)
    (tmp_path / "us_ofac_sdn" / "sdn.csv").write_bytes(b"")
    [empty] = load_into_store(store, tmp_path)
    assert empty.status == "rejected" and "no listed entities" in empty.reasons[0]
    assert store.current("us_ofac_sdn") == good.version


def test_a_broken_file_is_rejected_and_recorded(store: Store, tmp_path: Path) -> None:
    folder = tmp_path / "us_ofac_sdn"
    folder.mkdir()
    (folder / "sdn.csv.gz").write_bytes(gzip.compress(_sdn_bytes(SDN_ROWS))[:40])
    [broken] = load_into_store(store, tmp_path)
    assert broken.status == "rejected" and "gzip" in broken.reasons[0]
    assert broken.version is not None and broken.version.status == "failed"
    assert store.current("us_ofac_sdn") is None


def test_load_into_store_filters_sources(store: Store, tmp_path: Path) -> None:
    _write_sdn(tmp_path, SDN_ROWS)
    [missing] = load_into_store(store, tmp_path, sources=["us_ofac_cons"])
    assert missing.status == "rejected" and missing.version is None
    assert "no files of us_ofac_cons" in missing.reasons[0]
    assert store.versions() == []
    with pytest.raises(NotFound):
        load_into_store(store, tmp_path, sources=["no_such_list"])


def test_outcome_status_is_always_the_enum() -> None:
    outcome = UpdateOutcome(source="us_ofac_sdn", status="rejected", version=None)  # type: ignore[arg-type]
    assert outcome.status is UpdateStatus.REJECTED
    with pytest.raises(ValueError):
        UpdateOutcome(source="us_ofac_sdn", status="exploded", version=None)  # type: ignore[arg-type]

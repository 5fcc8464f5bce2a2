"""Version life cycle of the store (stage, promote, fail, cleanup) on SQLite and PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from followthemoney.proxy import EntityProxy

from tradewarden.errors import ConfigError, InputError, NotFound, StoreError
from tradewarden.settings import Settings
from tradewarden.store import Store, VersionStatus

SOURCE = "test_list"
EntityFactory = Callable[..., EntityProxy]


def _people(e: EntityFactory, count: int, prefix: str = "Person") -> list[EntityProxy]:
    return [e("Person", str(i), name=f"{prefix} {i}", country="ru") for i in range(count)]


def test_stage_writes_a_staged_version_with_counts(store: Store, e: EntityFactory) -> None:
    fetched = datetime(2024, 5, 3, 18, 43, tzinfo=timezone(timedelta(hours=2)))
    files = [{"name": "sdn.csv", "sha256": "ab" * 32, "bytes": 12, "url": "file:///x/sdn.csv"}]
    address = e("Address", id="test_list-address-1", full="1 Main St, Moscow")
    staged = store.stage_version(
        SOURCE,
        [*_people(e, 3), address],
        problems=[f"sdn.csv:{n}: bad row" for n in range(250)],
        files=files,
        sha256="cd" * 32,
        fetched_at=fetched,
        published_at="2024-05-03",
    )
    assert staged.status == VersionStatus.STAGED == "staged"
    assert staged.source == SOURCE
    assert (staged.entity_count, staged.row_count) == (3, 4)
    assert staged.problem_count == 250
    assert len(staged.problems) == 200 and staged.problems[0] == "sdn.csv:0: bad row"
    assert staged.files == files and staged.sha256 == "cd" * 32
    assert staged.fetched_at == fetched and staged.fetched_at.tzinfo == UTC
    assert staged.created_at.tzinfo == UTC
    assert abs(datetime.now(UTC) - staged.created_at) < timedelta(minutes=5)
    assert staged.published_at == "2024-05-03"
    assert staged.staged_at is not None and staged.promoted_at is None
    assert store.current(SOURCE) is None
    assert store.version(staged.id) == staged


def test_promote_swaps_the_current_version(store: Store, e: EntityFactory) -> None:
    first = store.stage_version(SOURCE, _people(e, 3), sha256="1")
    assert store.promote(first.id).status == "current"
    second = store.stage_version(SOURCE, _people(e, 4), sha256="2")
    assert store.current(SOURCE) == store.version(first.id)
    promoted = store.promote(second.id)
    assert promoted.status == "current" and promoted.promoted_at is not None
    assert store.current(SOURCE) == promoted
    assert store.version(first.id).status == "superseded"
    assert [v.id for v in store.versions(SOURCE)] == [second.id, first.id]
    assert store.sources() == [SOURCE]


def test_sources_have_independent_current_versions(store: Store, e: EntityFactory) -> None:
    one = store.promote(store.stage_version("list_a", [e("Person", "1", source="list_a", name="A")], sha256="a").id)
    two = store.promote(store.stage_version("list_b", [e("Person", "1", source="list_b", name="B")], sha256="b").id)
    assert store.current("list_a") == one and store.current("list_b") == two
    assert [v.id for v in store.versions()] == [two.id, one.id]
    assert [v.id for v in store.versions("list_a")] == [one.id]
    assert store.sources() == ["list_a", "list_b"]


def test_only_staged_versions_can_be_promoted_or_failed(store: Store, e: EntityFactory) -> None:
    version = store.promote(store.stage_version(SOURCE, _people(e, 1), sha256="1").id)
    with pytest.raises(StoreError, match="only a staged version can be promoted"):
        store.promote(version.id)
    with pytest.raises(StoreError, match="only a staged version can fail"):
        store.fail(version.id, "no")
    with pytest.raises(NotFound):
        store.promote(9999)
    with pytest.raises(NotFound):
        store.fail(9999, "no")
    with pytest.raises(NotFound):
        store.version(9999)


def test_fail_keeps_the_version_for_inspection(store: Store, e: EntityFactory) -> None:
    current = store.promote(store.stage_version(SOURCE, _people(e, 2), sha256="1").id)
    staged = store.stage_version(SOURCE, _people(e, 1), sha256="2")
    store.fail(staged.id, "shrank by 50%")
    failed = store.version(staged.id)
    assert failed.status == "failed" and failed.reason == "shrank by 50%"
    assert store.count_entities(staged.id) == 1
    assert store.current(SOURCE) == current
    with pytest.raises(StoreError):
        store.promote(staged.id)


def test_an_older_version_cannot_replace_a_newer_current_one(store: Store, e: EntityFactory) -> None:
    older = store.stage_version(SOURCE, _people(e, 2), sha256="old")
    newer = store.promote(store.stage_version(SOURCE, _people(e, 3), sha256="new").id)
    with pytest.raises(StoreError, match="newer version"):
        store.promote(older.id)
    assert store.current(SOURCE) == newer
    assert store.version(older.id).status == "failed"


def test_duplicate_entity_ids_fail_the_version_and_write_nothing(store: Store, e: EntityFactory) -> None:
    current = store.promote(store.stage_version(SOURCE, _people(e, 2), sha256="1").id)
    twice = [e("Person", "7", name="A"), e("Person", "7", name="B")]
    with pytest.raises(StoreError, match="share an id"):
        store.stage_version(SOURCE, twice, sha256="2")
    failed = store.versions(SOURCE)[0]
    assert failed.status == "failed" and "staging did not finish" in (failed.reason or "")
    assert store.count_entities(failed.id) == 0
    assert store.current(SOURCE) == current


def test_an_error_in_the_entity_stream_rolls_back_and_fails(store: Store, e: EntityFactory) -> None:
    def broken() -> Iterator[EntityProxy]:
        yield from _people(e, 5000)
        raise RuntimeError("parser blew up")

    with pytest.raises(RuntimeError, match="parser blew up"):
        store.stage_version(SOURCE, broken(), sha256="x")
    failed = store.versions(SOURCE)[0]
    assert failed.status == "failed" and "parser blew up" in (failed.reason or "")
    assert store.count_entities(failed.id) == 0


def test_entities_need_an_id(store: Store, e: EntityFactory) -> None:
    nameless = e("Person", "1", name="X")
    nameless.id = None
    with pytest.raises(StoreError, match="without an id"):
        store.stage_version(SOURCE, [nameless], sha256="x")


def test_fetched_at_must_carry_a_time_zone(store: Store, e: EntityFactory) -> None:
    with pytest.raises(InputError, match="fetched_at"):
        store.stage_version(SOURCE, _people(e, 1), sha256="x", fetched_at=datetime(2024, 5, 3))
    assert store.versions() == []


def test_cleanup_staged_fails_only_old_staged_versions(store: Store, e: EntityFactory) -> None:
    current = store.promote(store.stage_version(SOURCE, _people(e, 1), sha256="1").id)
    staged = store.stage_version(SOURCE, _people(e, 1), sha256="2")
    assert store.cleanup_staged(timedelta(hours=1)) == 0
    assert store.version(staged.id).status == "staged"
    assert store.cleanup_staged(timedelta(0)) == 1
    cleaned = store.version(staged.id)
    assert cleaned.status == "failed" and "abandoned" in (cleaned.reason or "")
    assert store.current(SOURCE) == current


def test_the_database_allows_one_current_version_per_source(store: Store, e: EntityFactory, store_url: str) -> None:
    first = store.promote(store.stage_version(SOURCE, _people(e, 1), sha256="1").id)
    second = store.stage_version(SOURCE, _people(e, 1), sha256="2")
    engine = sa.create_engine(store_url)
    try:
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(sa.text("UPDATE list_version SET status = 'current' WHERE id = :id"), {"id": second.id})
    finally:
        engine.dispose()
    assert store.current(SOURCE) == first


def test_concurrent_promotes_leave_one_current_version(store: Store, e: EntityFactory, store_url: str) -> None:
    staged = [store.stage_version(SOURCE, _people(e, 2), sha256=str(n)).id for n in range(4)]
    stores = [Store.from_url(store_url) for _ in staged]
    errors: list[Exception] = []
    barrier = threading.Barrier(len(staged))

    def promote(own: Store, version_id: int) -> None:
        barrier.wait()
        try:
            own.promote(version_id)
        except StoreError as exc:  # an older version refused after a newer one won
            errors.append(exc)

    threads = [threading.Thread(target=promote, args=pair) for pair in zip(stores, staged, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    for own in stores:
        own.close()
    statuses = [store.version(v).status for v in staged]
    assert statuses.count(VersionStatus.CURRENT) == 1
    assert store.current(SOURCE) is not None
    assert all("newer version" in str(exc) for exc in errors), [str(exc) for exc in errors]
    assert len(errors) == statuses.count(VersionStatus.FAILED)


def test_open_uses_sqlite_under_home_and_persists(settings: Settings, e: EntityFactory) -> None:
    with Store.open(settings) as store:
        version = store.promote(store.stage_version(SOURCE, _people(e, 2), sha256="1").id)
    assert (settings.home / "tradewarden.db").is_file()
    with Store.open(settings) as reopened:
        assert reopened.current(SOURCE) == version


def test_in_memory_sqlite_works(e: EntityFactory) -> None:
    with Store.from_url("sqlite://") as store:
        version = store.promote(store.stage_version(SOURCE, _people(e, 2), sha256="1").id)
        assert store.current(SOURCE) == version


def test_bad_urls_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="unsupported database"):
        Store.from_url("mysql://root@localhost/x")
    with pytest.raises(ConfigError, match="invalid database URL"):
        Store.from_url("not a url")
    with pytest.raises(ConfigError, match="cannot use database URL"):
        Store.from_url("postgresql+nosuchdriver://user@localhost/db")


def test_unreachable_database_is_a_store_error() -> None:
    with pytest.raises(StoreError, match="cannot open the store") as caught:
        Store.from_url("postgresql://nobody:secret@127.0.0.1:1/none?connect_timeout=2")
    assert "secret" not in str(caught.value)


def test_a_newer_schema_is_refused(store_url: str) -> None:
    Store.from_url(store_url).close()
    engine = sa.create_engine(store_url)
    try:
        with engine.begin() as conn:
            conn.execute(sa.text("UPDATE alembic_version SET version_num = '9999'"))
    finally:
        engine.dispose()
    with pytest.raises(StoreError, match="upgrade tradewarden"):
        Store.from_url(store_url)

"""match_party over a real SQLite store: the index is persisted, reused, and rebuilt on a new version."""

from __future__ import annotations

import gc
from collections.abc import Callable

from followthemoney.proxy import EntityProxy

from tradewarden.match import Query
from tradewarden.match.service import index_folder, load_index, match_party
from tradewarden.settings import Settings
from tradewarden.store import Store


def _publish(make: Callable[..., EntityProxy], store: Store, source: str, names: list[str], sha: str) -> None:
    entities = [make("Person", f"{source}-{i}", source=source, name=name) for i, name in enumerate(names)]
    version = store.stage_version(source, entities, sha256=sha)
    store.promote(version.id)


def test_match_party_builds_persists_and_rebuilds(settings: Settings, e: Callable[..., EntityProxy]) -> None:
    store = Store.open(settings)
    try:
        _publish(e, store, "alpha", ["Ivan Petrovich Sidorov", "Xi Jinping"], "a1")
        # No patronymic in the query: scores about 0.83, found at a 0.80 review level.
        found = match_party(store, Query(names=["Иван Сидоров"]), settings=settings, min_score=0.8)
        assert [m.source_id for m in found] == ["alpha-0"]
        files = sorted(index_folder(settings).glob("*.idx"))
        assert len(files) == 1
        assert match_party(settings, Query(names=["Xi Jinping"]))[0].source_id == "alpha-1"
        _publish(e, store, "alpha", ["Hassan Rouhani"], "a2")
        assert match_party(store, Query(names=["Xi Jinping"]), settings=settings) == []
        assert match_party(store, Query(names=["Hasan Rohani"]), settings=settings)[0].source_id == "alpha-0"
        rebuilt = sorted(index_folder(settings).glob("*.idx"))
        assert len(rebuilt) == 1 and rebuilt != files
    finally:
        store.close()


def test_load_index_freezes_it_out_of_full_collections(settings: Settings, e: Callable[..., EntityProxy]) -> None:
    # A full collection over a loaded index's millions of objects stalls a query for most of a
    # second: load_index collects once and freezes what is alive (gc.freeze).
    store = Store.open(settings)
    gc.unfreeze()
    try:
        _publish(e, store, "alpha", ["Ivan Petrovich Sidorov"], "a1")
        index = load_index(store, settings)
        assert gc.get_freeze_count() > 0
        frozen = gc.get_freeze_count()
        assert load_index(store, settings) is index  # from memory: no second collection and freeze
        assert gc.get_freeze_count() == frozen
    finally:
        gc.unfreeze()
        store.close()

"""Reading entities back from the store: by version, current ones, one by source id."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.errors import NotFound
from tradewarden.store import Store

EntityFactory = Callable[..., EntityProxy]


def test_entities_round_trip_with_their_context(store: Store, e: EntityFactory) -> None:
    putin = e(
        "Person", "35096", name="Vladimir Vladimirovich PUTIN", alias=["Путин", "PUTIN"],
        birthDate="1952-10-07", nationality="ru", program="RUSSIA-EO14024", topics="sanction",
    )
    vessel = e("Vessel", "9126819", name="NORD", imoNumber="IMO 9126819", flag="ru")
    ownership = e("Ownership", id="test_list-ownership-1", owner=putin.id, asset=vessel.id)
    staged = store.stage_version("test_list", [vessel, putin, ownership], sha256="x")
    read = {entity.id: entity for entity in store.entities(staged.id)}
    assert list(read) == sorted([putin.id, vessel.id, ownership.id])
    for original in (putin, vessel, ownership):
        stored = read[original.id]
        assert stored.schema == original.schema
        assert stored.checksum == original.checksum
        assert stored.context["source"] == "test_list"
        assert stored.context["version_id"] == staged.id
        assert set(stored.context) <= {"source", "source_id", "version_id"}
    assert read[putin.id].context["source_id"] == "35096"
    assert "source_id" not in read[ownership.id].context
    assert set(read[putin.id].get("alias")) == {"Путин", "PUTIN"}
    assert read[putin.id].get("nationality") == ["ru"]


def test_entities_of_an_unknown_version_raise_at_once(store: Store) -> None:
    with pytest.raises(NotFound):
        store.entities(4711)


def test_current_entities_come_from_current_versions_only(store: Store, e: EntityFactory) -> None:
    old = store.stage_version("list_a", [e("Person", "1", source="list_a", name="Old A")], sha256="1")
    store.promote(old.id)
    new = store.stage_version("list_a", [e("Person", "1", source="list_a", name="New A")], sha256="2")
    store.promote(new.id)
    b = store.promote(store.stage_version("list_b", [e("Company", "9", source="list_b", name="B Ltd")], sha256="3").id)
    store.stage_version("list_c", [e("Person", "5", source="list_c", name="Staged C")], sha256="4")
    captions = [(x.context["source"], x.caption, x.context["version_id"]) for x in store.current_entities()]
    assert captions == [("list_a", "New A", new.id), ("list_b", "B Ltd", b.id)]
    only_b = [x.caption for x in store.current_entities(["list_b"])]
    assert only_b == ["B Ltd"]
    assert list(store.current_entities(["nothing"])) == []


def test_entity_by_source_id(store: Store, e: EntityFactory) -> None:
    first = store.promote(store.stage_version("test_list", [e("Person", "42", name="First")], sha256="1").id)
    second = store.promote(store.stage_version("test_list", [e("Person", "42", name="Second")], sha256="2").id)
    assert store.entity("test_list", "42").caption == "Second"
    assert store.entity("test_list", "42").context["version_id"] == second.id
    assert store.entity("test_list", "42", version_id=first.id).caption == "First"
    with pytest.raises(NotFound, match="no '43'"):
        store.entity("test_list", "43")
    with pytest.raises(NotFound):
        store.entity("other_list", "42")
    with pytest.raises(NotFound):
        store.entity("test_list", "42", version_id=9999)


def test_abandoned_stream_releases_its_connection(store: Store, e: EntityFactory) -> None:
    version = store.stage_version("test_list", [e("Person", str(i), name=f"P {i}") for i in range(50)], sha256="1")
    stream = store.entities(version.id)
    assert next(stream).caption.startswith("P ")
    stream.close()  # type: ignore[attr-defined]
    store.promote(version.id)
    assert store.current("test_list") is not None

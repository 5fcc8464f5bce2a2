"""Diffs between versions: built entities on both backends, and the real 2024-05-02 → 05-03 SDN delta."""

from __future__ import annotations

import csv
import gzip
import io
from collections.abc import Callable
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.errors import NotFound
from tradewarden.lists.load import parse_files
from tradewarden.store import Store
from tradewarden.store.diff import changed_props

EntityFactory = Callable[..., EntityProxy]


def test_diff_finds_added_removed_and_changed(store: Store, e: EntityFactory) -> None:
    kept = e("Person", "1", name="Kept Same", alias=["A", "B"])
    kept_reordered = e("Person", "1", name="Kept Same", alias=["B", "A"])
    renamed_old = e("Person", "2", name="Old Name", country="ru")
    renamed_new = e("Person", "2", name="New Name", country="ru", birthDate="1970")
    reclassified_old = e("LegalEntity", "3", name="Shell")
    reclassified_new = e("Company", "3", name="Shell")
    gone = e("Vessel", "4", name="Gone Vessel")
    fresh = e("Airplane", "5", name="Fresh Plane")
    link_old = e("UnknownLink", id="test_list-link-1", subject=kept.id, object=gone.id)
    old = store.stage_version("test_list", [kept, renamed_old, reclassified_old, gone, link_old], sha256="1")
    new = store.stage_version("test_list", [kept_reordered, renamed_new, reclassified_new, fresh], sha256="2")

    diff = store.diff(old.id, new.id)
    assert [s.source_id for s in diff.added] == ["5"]
    assert diff.added[0].caption == "Fresh Plane" and diff.added[0].schema == "Airplane"
    assert [s.entity_id for s in diff.removed] == sorted([gone.id, link_old.id])
    assert [(c.new.source_id, c.changed_props) for c in diff.changed] == [
        ("2", ["birthDate", "name"]),
        ("3", ["schema"]),
    ]
    first = diff.changed[0]
    old_summary, new_summary, props = first
    assert (old_summary.caption, new_summary.caption, props) == ("Old Name", "New Name", ["birthDate", "name"])
    assert (diff.old_version, diff.new_version) == (old.id, new.id)
    assert not diff.empty

    listed = store.diff(old.id, new.id, listed_only=True)
    assert [s.source_id for s in listed.removed] == ["4"]
    assert store.diff(new.id, new.id).empty


def test_diff_needs_both_versions(store: Store, e: EntityFactory) -> None:
    version = store.stage_version("test_list", [e("Person", "1", name="X")], sha256="1")
    with pytest.raises(NotFound):
        store.diff(version.id, 999)
    with pytest.raises(NotFound):
        store.diff(999, version.id)


def test_changed_props_ignores_value_order() -> None:
    old = {"schema": "Person", "properties": {"name": ["A", "B"], "country": ["ru"]}}
    new = {"schema": "Person", "properties": {"name": ["B", "A"], "notes": ["x"]}}
    assert changed_props(old, new) == ["country", "notes"]


def _sdn_rows(content: bytes) -> dict[str, tuple[str, ...]]:
    text = content.decode("utf-8").replace("\x1a", "")
    return {row[0]: tuple(row) for row in csv.reader(io.StringIO(text)) if row and row[0].strip()}


@pytest.mark.shared
def test_real_one_day_sdn_delta(shared_data: Path, tmp_path: Path) -> None:
    old_path = shared_data / "lists-history" / "us_ofac_sdn" / "sdn_2024-05-02.csv.gz"
    new_path = shared_data / "lists" / "us_ofac_sdn" / "sdn.csv"
    old_rows = _sdn_rows(gzip.decompress(old_path.read_bytes()))
    new_rows = _sdn_rows(new_path.read_bytes())
    delisted = sorted(set(old_rows) - set(new_rows), key=int)
    assert len(delisted) == 8 and not set(new_rows) - set(old_rows)
    assert all(old_rows[n] == new_rows[n] for n in new_rows)

    with Store.from_url(f"sqlite:///{tmp_path / 'sdn.db'}") as store:
        old = store.promote(store.stage_version("us_ofac_sdn", parse_files("us_ofac_sdn", [old_path]).entities.values(), sha256="old").id)
        new_result = parse_files("us_ofac_sdn", [new_path])
        new = store.promote(store.stage_version("us_ofac_sdn", new_result.entities.values(), sha256="new").id)
        assert (old.entity_count, new.entity_count) == (len(old_rows), len(new_rows))

        listed = store.diff(old.id, new.id, listed_only=True)
        assert [s.source_id for s in listed.removed] == delisted
        assert "EMPEROR AVIATION LTD" in {s.caption for s in listed.removed}
        assert listed.added == [] and listed.changed == []

        everything = store.diff(old.id, new.id)
        assert everything.added == [] and everything.changed == []
        assert {s.entity_id for s in listed.removed} <= {s.entity_id for s in everything.removed}

"""Re-screening and time travel on real OFAC SDN history: 2022-02-23 → 2022-03-31 (the first
post-invasion wave). Expected counts come from the CSV files themselves, read here with ``csv``."""

from __future__ import annotations

import csv
import gzip
from datetime import date
from pathlib import Path

import pytest

from tradewarden.cases import (
    case_detail,
    import_customers,
    list_queue,
    listed_asof,
    monitor,
    read_customers,
    record_screening,
)
from tradewarden.cases.alerts import party_decision
from tradewarden.cases.asof import asof_index
from tradewarden.cases.party_screening import current_versions
from tradewarden.lists.base import make_entity_id
from tradewarden.lists.load import parse_files
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import Query
from tradewarden.store import Store
from tradewarden.store.engine import read_transaction
from tradewarden.store.cases_monitor import version_entities

SOURCE = "us_ofac_sdn"
OLD, NEW = "sdn_2022-02-23.csv.gz", "sdn_2022-03-31.csv.gz"

pytestmark = pytest.mark.shared


def _rows(path: Path) -> dict[str, list[str]]:
    with gzip.open(path, "rt", encoding="utf-8", errors="replace", newline="") as handle:
        return {row[0].strip(): row for row in csv.reader(handle) if row and row[0].strip().isdigit()}


def _given_first(sdn_name: str) -> str:
    surname, _, given = sdn_name.partition(", ")
    return f"{given} {surname.title()}".strip()


def test_monitor_and_asof_on_real_sdn_history(shared_data: Path, tmp_path: Path) -> None:
    history = shared_data / "lists-history" / SOURCE
    old_rows, new_rows = _rows(history / OLD), _rows(history / NEW)
    added = sorted(set(new_rows) - set(old_rows), key=int)
    removed = sorted(set(old_rows) - set(new_rows), key=int)
    russia = [n for n in added if new_rows[n][2].strip() == "individual" and "RUSSIA-EO14024" in new_rows[n][3]][:3]
    assert len(russia) == 3 and len(removed) >= 1
    gone = removed[0]

    store = Store.from_url(f"sqlite:///{tmp_path / 'store.db'}")
    try:
        versions = []
        for name, published in ((OLD, "2022-02-23"), (NEW, "2022-03-31")):
            result = parse_files(SOURCE, [history / name])
            staged = store.stage_version(SOURCE, result.entities.values(), sha256=published * 4, published_at=published)
            versions.append(store.promote(staged.id).id)
            if name == OLD:
                # Parties known before the change: three later designated, one later delisted, one never listed.
                lines = ["id,name,schema"] + [f"C-{n},{_given_first(new_rows[n][1])},Person" for n in russia]
                lines += [f"C-{gone},{_given_first(old_rows[gone][1])},Person", "C-0,Acme Widgets GmbH,Company"]
                import_customers(store, read_customers("\n".join(lines) + "\n"), actor="test")
                # A screening at the old version matched the later-delisted party (as an order screening would).
                with read_transaction(store.engine) as conn:
                    listed = version_entities(conn, versions[0], [make_entity_id(SOURCE, gone)])
                query = Query(names=[_given_first(old_rows[gone][1])], schema="Person")
                matches = MatchIndex.build(listed).match(query)
                assert matches, "the delisted party must match its own old entry"
                decision = party_decision(matches, "party", query.names[0], current_versions(store))
                record_screening(store, "party", {"names": query.names, "schema": "Person"}, decision, "test",
                                 party_key=f"customer:C-{gone}")
        old_version, new_version = versions
        cache = tmp_path / "match"
        reference = asof_index(store, [new_version], cache)

        (report,) = monitor(store, actor="monitor", reference=reference)
        assert (report.old_version, report.new_version) == (old_version, new_version)
        assert (report.added, report.removed) == (len(added), len(removed))
        alerted = {}
        for case_id in report.alerts:
            detail = case_detail(store, case_id)
            entries = {ev.detail["source_id"] for f in detail.screening.decision.findings for ev in f.evidence}
            alerted[detail.screening.reference] = entries
        for ent_num in russia:
            assert ent_num in alerted[f"customer:C-{ent_num}"], (ent_num, alerted)
        assert "customer:C-0" not in alerted
        notes = [note for case in list_queue(store, None) for note in case_detail(store, case.id).notes]
        assert [note.kind for note in notes] == ["delisted"]
        assert f"{SOURCE} {gone})" in notes[0].body

        name = _given_first(new_rows[russia[0]][1])
        assert not any(s.version for s in listed_asof(store, date(2021, 1, 1), name, cache_dir=cache).sources)
        before = listed_asof(store, date(2022, 3, 15), name, cache_dir=cache)
        assert not before.listed and before.sources[0].version is not None
        assert before.sources[0].version.id == old_version
        after = listed_asof(store, date(2022, 4, 1), name, cache_dir=cache)
        assert after.listed and after.sources[0].version is not None and after.sources[0].version.id == new_version
        assert russia[0] in {m.source_id for m in after.sources[0].matches}
    finally:
        store.close()


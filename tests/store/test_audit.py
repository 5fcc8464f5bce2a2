"""The hash-chained audit trail on SQLite and PostgreSQL: append, tamper detection, pruning,
concurrent appends and the list-update hook."""

from __future__ import annotations

import hashlib
import json
import threading
from datetime import UTC, datetime, timedelta
from enum import Enum
from pathlib import Path

import pytest

from tradewarden.errors import InputError, StoreError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.update import UpdateStatus, apply_parse_result
from tradewarden.store import Store
from tradewarden.store.audit import append_audit, audit_log, chain_end, prune_audit, verify_audit
from tradewarden.store.audit_chain import GENESIS_HASH
from tradewarden.store.engine import write_transaction


def _fill(store: Store, count: int) -> None:
    for number in range(1, count + 1):
        append_audit(store, "alice", "test.step", f"thing:{number}", {"number": number})


def _sql(store: Store, *statements: str) -> None:
    """Tamper with the audit table behind the library's back, as someone with database access could."""
    with store.engine.begin() as conn:
        for statement in statements:
            conn.exec_driver_sql(statement)


def _problems(store: Store) -> list[tuple[int, str]]:
    report = verify_audit(store)
    return [(problem.seq, problem.reason) for problem in report.problems]


def test_entries_form_a_chain_of_sha256_over_canonical_json(store: Store) -> None:
    first = append_audit(store, "alice", "user.add", "user:bob", {"role": "reviewer", "b": [1, 2.5, None]})
    second = append_audit(store, "bob", "case.decide", "case:7", {"decision": "clear", "note": "ок, проверено"})
    assert (first.seq, second.seq) == (1, 2)
    assert first.prev_hash == GENESIS_HASH and second.prev_hash == first.entry_hash
    # Recompute the documented hash independently of the library.
    fields = [2, second.timestamp, "bob", "case.decide", "case:7", {"decision": "clear", "note": "ок, проверено"}, first.entry_hash]
    canonical = json.dumps(fields, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    assert second.entry_hash == hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    assert second.timestamp.endswith("Z") and second.created_at <= datetime.now(UTC)
    report = verify_audit(store)
    assert report.ok and report.checked == 2
    assert chain_end(store).head_hash == second.entry_hash
    assert [entry.seq for entry in audit_log(store)] == [2, 1]
    assert [entry.seq for entry in audit_log(store, subject="case:7")] == [2]


def test_payload_values_are_normalised_and_bad_input_is_refused(store: Store) -> None:
    class Colour(Enum):
        RED = "red"

    moment = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
    entry = append_audit(store, "alice", "x.y", "s", {"at": moment, "colour": Colour.RED, "path": Path("/a"), 3: {"b", "a"}})
    assert entry.payload == {"at": "2025-03-01T12:00:00.000000Z", "colour": "red", "path": "/a", "3": ["a", "b"]}
    assert audit_log(store, limit=1)[0] == entry
    with pytest.raises(InputError, match="payload"):
        append_audit(store, "alice", "x.y", "s", {"ratio": float("nan")})
    with pytest.raises(InputError, match="payload"):
        append_audit(store, "alice", "x.y", "s", ["not", "a", "mapping"])  # type: ignore[arg-type]
    with pytest.raises(InputError, match="actor"):
        append_audit(store, "", "x.y", "s")
    with pytest.raises(InputError, match="subject"):
        append_audit(store, "alice", "x.y", "s" * 256)
    assert chain_end(store).head_seq == 1  # refused entries left no trace


def test_append_within_a_transaction_rolls_back_with_it(store: Store) -> None:
    _fill(store, 1)
    with pytest.raises(RuntimeError), write_transaction(store.engine) as conn:
        append_audit(conn, "alice", "case.decide", "case:1", {"decision": "block"})
        raise RuntimeError("the decision failed after it was audited")
    assert chain_end(store).head_seq == 1
    assert verify_audit(store).ok


def test_an_edited_payload_is_found_at_its_seq(store: Store) -> None:
    _fill(store, 5)
    _sql(store, "UPDATE audit_entry SET payload = '{\"number\":999}' WHERE seq = 3")
    assert _problems(store) == [(3, "its content does not match its hash: the entry was edited")]


def test_an_entry_edited_with_a_recomputed_hash_breaks_the_next_link(store: Store) -> None:
    _fill(store, 5)
    entry = audit_log(store, subject="thing:3")[0]
    forged = {"number": 999}
    fields = [3, entry.timestamp, entry.actor, entry.action, entry.subject, forged, entry.prev_hash]
    forged_hash = hashlib.sha256(json.dumps(fields, sort_keys=True, separators=(",", ":")).encode()).hexdigest()
    _sql(store, f"UPDATE audit_entry SET payload = '{{\"number\":999}}', entry_hash = '{forged_hash}' WHERE seq = 3")
    problems = _problems(store)
    assert [seq for seq, _ in problems] == [4]
    assert "seq 3 was replaced or removed" in problems[0][1]


def test_a_deleted_entry_is_named(store: Store) -> None:
    _fill(store, 5)
    _sql(store, "DELETE FROM audit_entry WHERE seq = 3")
    assert _problems(store) == [(3, "missing (seq 3 deleted)")]


def test_deleting_the_newest_entries_is_found_through_the_head(store: Store) -> None:
    _fill(store, 5)
    _sql(store, "DELETE FROM audit_entry WHERE seq >= 4")
    assert _problems(store) == [(4, "missing (seq 4-5 deleted; the chain head is seq 5)")]


def test_swapped_entries_are_reported_as_reordered(store: Store) -> None:
    _fill(store, 5)
    _sql(
        store,
        "UPDATE audit_entry SET seq = -1 WHERE seq = 2",
        "UPDATE audit_entry SET seq = 2 WHERE seq = 4",
        "UPDATE audit_entry SET seq = 4 WHERE seq = -1",
    )
    assert _problems(store) == [
        (2, "holds the entry written as seq 4: entries were reordered"),
        (4, "holds the entry written as seq 2: entries were reordered"),
    ]


def test_pruning_keeps_the_rest_verifiable(store: Store) -> None:
    _fill(store, 4)
    second = audit_log(store, subject="thing:2")[0]
    now = second.created_at + timedelta(microseconds=1) + timedelta(days=30)
    assert prune_audit(store, retention_days=30, now=now, dry_run=True).deleted == 2
    assert chain_end(store).anchor_seq == 0
    outcome = prune_audit(store, retention_days=30, now=now, actor="admin")
    assert (outcome.deleted, outcome.anchor_seq, outcome.anchor_hash) == (2, 2, second.entry_hash)
    assert outcome.entry is not None and outcome.entry.action == "audit.prune" and outcome.entry.seq == 5
    assert outcome.entry.payload["anchor_hash"] == second.entry_hash
    assert [entry.seq for entry in audit_log(store)] == [5, 4, 3]
    end = chain_end(store)
    assert (end.anchor_seq, end.anchor_hash, end.head_seq) == (2, second.entry_hash, 5)
    report = verify_audit(store)
    assert report.ok and report.checked == 3
    append_audit(store, "alice", "test.step", "after", {})
    assert verify_audit(store).ok
    # Nothing older than the retention period left: pruning again deletes nothing.
    assert prune_audit(store, retention_days=30, now=now).deleted == 0


def test_a_forged_anchor_is_detected(store: Store) -> None:
    _fill(store, 3)
    first = audit_log(store, subject="thing:1")[0]
    prune_audit(store, retention_days=1, now=first.created_at + timedelta(days=1, microseconds=1))
    assert verify_audit(store).ok
    # Hide a deleted entry 2 by moving the anchor up to it: the audit.prune entry disagrees.
    second_hash = audit_log(store, subject="thing:2")[0].entry_hash
    _sql(store, "DELETE FROM audit_entry WHERE seq = 2", f"UPDATE audit_head SET anchor_seq = 2, anchor_hash = '{second_hash}'")
    assert _problems(store) == [(2, "the pruning anchor is not the one the newest audit.prune entry records")]


def test_a_broken_chain_is_not_pruned(store: Store) -> None:
    _fill(store, 3)
    _sql(store, "UPDATE audit_entry SET actor = 'mallory' WHERE seq = 1")
    with pytest.raises(StoreError, match="broken.*seq 1"):
        prune_audit(store, retention_days=1, now=datetime.now(UTC) + timedelta(days=2))
    assert chain_end(store).head_seq == 3


def test_concurrent_appends_from_many_connections_keep_one_chain(store_url: str) -> None:
    threads, per_thread = 4, 8
    stores = [Store.from_url(store_url) for _ in range(threads)]
    errors: list[BaseException] = []
    barrier = threading.Barrier(threads)

    def work(index: int) -> None:
        try:
            barrier.wait()
            for step in range(per_thread):
                append_audit(stores[index], f"worker{index}", "test.concurrent", f"w{index}", {"step": step})
        except BaseException as exc:  # reported below
            errors.append(exc)

    workers = [threading.Thread(target=work, args=(index,)) for index in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    try:
        assert errors == []
        report = verify_audit(stores[0])
        assert report.ok, report.problems
        assert report.checked == threads * per_thread == chain_end(stores[0]).head_seq
        seqs = sorted(entry.seq for entry in audit_log(stores[0]))
        assert seqs == list(range(1, threads * per_thread + 1))
    finally:
        for opened in stores:
            opened.close()


def _built(count: int) -> ParseResult:
    result = ParseResult(source="test_list", files=[Path("list.csv")])
    ctx = ParseContext("test_list", Path("list.csv"), result)
    for number in range(count):
        entity = ctx.make("Company", str(number))
        ctx.add(entity, "name", f"Company {number}")
        ctx.emit(entity)
    return result


def test_list_updates_are_audited(store: Store) -> None:
    def apply(result: ParseResult, sha256: str) -> UpdateStatus:
        files = [{"name": "list.csv", "sha256": sha256, "bytes": 1, "url": "file:///list.csv"}]
        return apply_parse_result(store, result, files=files, sha256=sha256, max_shrink=0.2).status

    assert apply(_built(10), "a" * 64) == UpdateStatus.UPDATED
    assert apply(_built(3), "b" * 64) == UpdateStatus.REJECTED  # shrinks by 70 %
    assert apply(_built(10), "a" * 64) == UpdateStatus.UNCHANGED  # nothing staged, nothing audited
    promoted, rejected = sorted(audit_log(store, subject="list:test_list"), key=lambda entry: entry.seq)
    assert (promoted.actor, promoted.action) == ("system", "list.promote")
    assert promoted.payload["counts"]["entities"] == 10 and promoted.payload["sha256"] == "a" * 64
    assert rejected.action == "list.reject" and rejected.payload["reasons"]
    assert rejected.payload["version_id"] == promoted.payload["version_id"] + 1
    assert verify_audit(store).ok

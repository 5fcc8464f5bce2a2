"""Orders in batch: each JSONL line validated with ``parse_order`` and screened with ``screen_order``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tradewarden.batch import BatchJob, run_batch
from tradewarden.batch.orders import OrderContext, check_order, order_row
from tradewarden.batch.records import RawRecord, Reject
from tradewarden.errors import InputError
from tradewarden.match import MatchIndex
from tradewarden.screen import screen_order

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "orders"


def example(name: str) -> dict[str, object]:
    return json.loads((EXAMPLES / name).read_text(encoding="utf-8"))


def test_check_order_ids_and_rejects() -> None:
    order = example("01_clean_germany.json")
    checked = check_order(RawRecord(1, {"order": order}))
    assert not isinstance(checked, Reject) and checked[0] == order["reference"]
    wrapped = check_order(RawRecord(2, {"order": {"id": 7, "order": order}}))
    assert not isinstance(wrapped, Reject) and wrapped[0] == "7"
    unnamed = check_order(RawRecord(3, {"order": {k: v for k, v in order.items() if k != "reference"}}))
    assert not isinstance(unnamed, Reject) and unnamed[0] == "line-3"
    bad = check_order(RawRecord(4, {"order": {"reference": "SO-1", "parties": []}}))
    assert isinstance(bad, Reject) and bad.id == "SO-1" and bad.reason.startswith("order.parties:")
    unknown = check_order(RawRecord(5, {"order": {**order, "colour": "red"}}))
    assert isinstance(unknown, Reject) and unknown.reason == "order.colour: unknown field"


def write_orders(path: Path, names: list[str]) -> list[dict[str, object]]:
    orders = [example(name) for name in names]
    lines = [json.dumps(o, ensure_ascii=False) for o in orders]
    lines.insert(1, '{"reference": "broken", "parties": [}')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return orders


def test_orders_batch_equals_screen_order(index: MatchIndex, tmp_path: Path) -> None:
    names = ["01_clean_germany.json", "08_sanctioned_vessel_imo.json", "09_iran_destination.json"]
    orders = write_orders(tmp_path / "orders.jsonl", names)
    job = BatchJob(tmp_path / "orders.jsonl", tmp_path / "decisions.jsonl", orders=True, chunk_size=2)
    summary = run_batch(job, index)
    rows = [json.loads(line) for line in job.output.read_text(encoding="utf-8").splitlines()]
    from tradewarden.models import parse_order

    expected = [order_row(str(o["reference"]), screen_order(parse_order(o), index)) for o in orders]
    assert rows == expected
    assert rows[2]["decision"] == "block" and any(f["code"] == "DEST_EMBARGO" for f in rows[2]["findings"])
    assert summary.stats.rejected == 1 and summary.stats.screened == 3
    assert job.rejects_path.read_text(encoding="utf-8").splitlines()[1].startswith('2,"","not valid JSON')


def test_orders_need_jsonl(index: MatchIndex, tmp_path: Path) -> None:
    source = tmp_path / "orders.csv"
    source.write_text("id,name\n1,A\n", encoding="utf-8")
    with pytest.raises(InputError, match="orders are read from JSONL"):
        run_batch(BatchJob(source, tmp_path / "o.jsonl", orders=True), index)


def test_order_context_identity_changes_with_policy() -> None:
    from tradewarden.decide import DecisionPolicy

    assert OrderContext().identity() != OrderContext(policy=DecisionPolicy(stale_sources=("us_ofac_sdn",))).identity()

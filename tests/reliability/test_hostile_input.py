"""Property-based tests (hypothesis) over everything a user hands in: order JSON, batch files, names.

Properties: nothing crashes with anything but a tradewarden ``InputError`` (or, per record, a
``Reject``), every error names the record and the field, and nothing hangs (each test draws a
bounded number of small examples; the whole file runs in well under a minute). Inputs:

* ``parse_order``: arbitrary JSON values, arbitrary bytes, and a real order (``examples/orders``)
  with one field replaced by an arbitrary JSON value;
* batch readers (``read_records`` + ``check_record``, and ``check_order`` for order JSONL):
  CSV and JSONL files of arbitrary bytes and of arbitrary text cells, Parquet files of arbitrary
  strings, numbers and nulls;
* the name normaliser: ``analyze_name`` and ``compare_names`` over arbitrary Unicode text.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from screen_support import screen

from tradewarden.batch.io import read_records
from tradewarden.batch.orders import check_order
from tradewarden.batch.records import COLUMNS, PartyRecord, Reject, check_record
from tradewarden.errors import InputError
from tradewarden.models import Order, parse_order
from tradewarden.names.analyze import analyze_name
from tradewarden.names.compare import compare_names

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_ORDER: dict[str, Any] = json.loads((ROOT / "examples" / "orders" / "02_gnss_uae_forwarder.json").read_text())

# deadline=None: no timed assertion (the machine is shared); a hang still fails the run's own timeout.
FAST = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=20,
)
# Text that includes the awkward parts of Unicode: controls, surrogates, combining marks, RTL, CJK, emoji.
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=60)


def _assert_names_field(error: InputError) -> None:
    assert error.field is not None and error.field.startswith("order"), error.field
    assert str(error).startswith(error.field)


# --- order JSON ------------------------------------------------------------------------------


@FAST
@given(json_values)
def test_parse_order_takes_any_json_value(value: Any) -> None:
    try:
        assert isinstance(parse_order(value if isinstance(value, dict) else json.dumps(value)), Order)
    except InputError as error:
        _assert_names_field(error)


@FAST
@given(st.binary(max_size=200))
def test_parse_order_takes_any_bytes(raw: bytes) -> None:
    try:
        parse_order(raw)
    except InputError as error:
        _assert_names_field(error)


def _paths(value: Any, prefix: tuple[str | int, ...] = ()) -> list[tuple[str | int, ...]]:
    found: list[tuple[str | int, ...]] = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            found += _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            found += _paths(child, (*prefix, index))
    return found


ORDER_PATHS = _paths(EXAMPLE_ORDER)


def _replaced(order: dict[str, Any], path: tuple[str | int, ...], value: Any) -> dict[str, Any]:
    copy = json.loads(json.dumps(order))
    target = copy
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return copy  # type: ignore[no-any-return]


@FAST
@given(st.sampled_from(ORDER_PATHS), json_values)
def test_a_real_order_with_one_field_replaced_names_that_field(path: tuple[str | int, ...], value: Any) -> None:
    try:
        parse_order(_replaced(EXAMPLE_ORDER, path, value))
    except InputError as error:
        _assert_names_field(error)
        where = "order" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        errors = error.details["errors"]
        # The replaced field, something inside it, or a check across fields of its record.
        assert any(e["field"].startswith(where) or where.startswith(e["field"]) for e in errors), (where, errors)


@FAST
@given(any_text.filter(str.strip), any_text, any_text)
def test_a_valid_order_with_any_text_is_screened(name: str, address: str, description: str) -> None:
    # Text the model accepts (lone surrogates from JSON escapes included) must not crash screening.
    order = _replaced(_replaced(EXAMPLE_ORDER, ("parties", 0, "name"), name), ("parties", 1, "address"), address)
    try:
        parsed = parse_order(_replaced(order, ("items", 0, "description"), description))
    except InputError as error:
        _assert_names_field(error)
        return
    assert screen(parsed).outcome.value in {"clear", "review", "block"}


# --- batch files -----------------------------------------------------------------------------


def _screen_file(path: Path, orders: bool = False) -> list[PartyRecord | Reject]:
    """Read and check every record; only InputError may escape, and only for the whole file."""
    checked: list[PartyRecord | Reject] = []
    last_line = 0
    for raw in read_records(path, orders=orders):
        assert raw.line >= 1
        last_line = max(last_line, raw.line)
        outcome = check_order(raw) if orders else check_record(raw)
        if isinstance(outcome, tuple):
            continue
        checked.append(outcome)
        if isinstance(outcome, Reject):
            assert outcome.line == raw.line and outcome.reason
            if raw.problem is None and not orders:
                # "<field>: problem": the reason names one of the columns.
                assert outcome.reason.split(":", 1)[0] in COLUMNS, outcome.reason
    return checked


def _read_or_input_error(path: Path, orders: bool = False) -> None:
    try:
        _screen_file(path, orders)
    except InputError as error:
        assert error.field, error
        assert path.name in str(error) or error.field in str(error)


@FAST
@given(st.binary(max_size=300), st.sampled_from([".csv", ".jsonl"]))
def test_batch_file_of_any_bytes(body: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"parties{suffix}"
        header = b"id,name,country,dob\n" if suffix == ".csv" else b""
        path.write_bytes(header + body)
        _read_or_input_error(path)


cells = st.one_of(any_text, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(),
                  st.lists(st.text(max_size=10) | st.integers(), max_size=3))


@FAST
@given(st.lists(st.fixed_dictionaries({c: cells for c in ("id", "name", "country", "dob", "schema")}), min_size=1,
                max_size=5))
def test_batch_jsonl_of_any_values(rows: list[dict[str, Any]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "parties.jsonl"
        path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8", errors="surrogatepass")
        checked = _screen_file(path)
        assert [r.line for r in checked] == list(range(1, len(rows) + 1))


text_cells = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=40)


@FAST
@given(st.lists(st.tuples(text_cells, text_cells, text_cells, text_cells), min_size=1, max_size=5))
def test_batch_csv_of_any_text(rows: list[tuple[str, str, str, str]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "parties.csv"
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow(["id", "name", "country", "dob"])
        writer.writerows(rows)
        path.write_text(buffer.getvalue(), encoding="utf-8")
        _read_or_input_error(path)


@FAST
@given(st.lists(st.tuples(text_cells | st.none(), any_text.map(lambda t: t.encode("utf-8", "surrogatepass")),
                          st.integers(-(2**40), 2**40) | st.none()), min_size=1, max_size=5))
def test_batch_parquet_of_any_values(rows: list[tuple[str | None, bytes, int | None]]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "parties.parquet"
        table = pa.table({
            "id": pa.array([r[0] for r in rows], pa.string()),
            "name": pa.array([r[1] for r in rows], pa.binary()),
            "dob": pa.array([r[2] for r in rows], pa.int64()),
        })
        pq.write_table(table, path)
        checked = _screen_file(path)
        assert [r.line for r in checked] == list(range(1, len(rows) + 1))


@FAST
@given(st.lists(json_values, min_size=1, max_size=4))
def test_order_jsonl_of_any_values(values: list[Any]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "orders.jsonl"
        path.write_text("".join(json.dumps(v) + "\n" for v in values), encoding="utf-8")
        for outcome in _screen_file(path, orders=True):
            assert isinstance(outcome, Reject) and outcome.reason


# --- the name normaliser ---------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(any_text, st.sampled_from([None, True, False]))
def test_analyze_name_takes_any_text(name: str, person: bool | None) -> None:
    form = analyze_name(name, person)
    assert len(form.tokens) == len(form.skeletons) == len(form.weights)
    assert all(token and token == token.strip() for token in form.tokens)


@settings(max_examples=150, deadline=None)
@given(any_text, any_text, st.sampled_from([None, True, False]))
def test_compare_names_takes_any_pair(query: str, listed: str, person: bool | None) -> None:
    result = compare_names(analyze_name(query, person), analyze_name(listed, person))
    assert 0.0 <= result.score <= 1.0
    same = compare_names(analyze_name(query, person), analyze_name(query, person))
    if analyze_name(query, person).tokens:
        assert same.score >= result.score or same.score == pytest.approx(result.score)


@pytest.mark.parametrize("block_bytes", [1 << 20, 64])
def test_a_malformed_row_that_is_not_utf8_is_one_reject(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                       block_bytes: int) -> None:
    # pyarrow stops at such a row (it cannot hand it to the invalid-row hook); the rest of the file
    # is read row by row, without repeating the records of blocks already read (64-byte blocks).
    monkeypatch.setattr("tradewarden.batch.io.CSV_BLOCK_BYTES", block_bytes)
    path = tmp_path / "parties.csv"
    rows = [f"{n},Company number {n}".encode() for n in range(1, 9)]
    rows[5] = b"6,Caf\xe9 Moderne,extra"
    rows[6] = b"7,Caf\xe9"
    path.write_bytes(b"id,name\n" + b"\n".join(rows) + b"\n")
    checked = _screen_file(path)
    assert [(r.line, r.id) for r in checked] == [(n + 1, str(n) if n != 6 else "") for n in range(1, 9)]
    assert [r.reason for r in checked if isinstance(r, Reject)] == [
        "malformed CSV row: 3 cells, expected 2", "name: broken encoding (not UTF-8 at byte 3)"]

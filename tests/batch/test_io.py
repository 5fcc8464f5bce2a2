"""Batch files: streaming readers report every row with its line; writers round-trip each format."""

from __future__ import annotations

import csv
import gzip
import json
from collections.abc import Callable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from tradewarden.batch.io import (
    MAX_LINE_BYTES,
    RESULT_SCHEMA,
    assemble,
    count_records,
    file_format,
    iter_chunks,
    read_records,
    results_table,
    write_part,
)
from tradewarden.errors import InputError

WriteCsv = Callable[[Path, Sequence[Sequence[str]]], Path]  # the write_csv fixture (conftest.py)


def test_csv_rows_and_malformed_rows_keep_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "parties.csv"
    path.write_bytes(
        b"\xef\xbb\xbfid,name,country,extra\n"  # BOM, and an ignored column
        b"1,Ivan Petrov,ru,x\n"
        b'2,"Bad, row",ru,x,too many\n'
        b"3,Anna,de,x\n"
        b"4,\xff\xfeBroken,ru,x\n"
        b"5,short\n"
        b"6,Last,fr,x\n"
    )
    records = list(read_records(path))
    assert [r.line for r in records] == [2, 3, 4, 5, 6, 7]
    assert records[0].fields == {"id": b"1", "name": b"Ivan Petrov", "country": b"ru"}
    assert records[1].problem == "malformed CSV row: 5 cells, expected 4"
    assert records[3].fields["name"] == b"\xff\xfeBroken"  # decoded (and rejected) in records.py
    assert records[4].problem == "malformed CSV row: 2 cells, expected 4"
    assert records[5].fields["id"] == b"6"
    assert count_records(path) == 6


def test_csv_streams_many_blocks_with_exact_lines(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("tradewarden.batch.io.CSV_BLOCK_BYTES", 4096)  # force many pyarrow blocks
    lines = ["id,name"]
    for i in range(3000):
        lines.append(f"{i},Name {i},extra" if i % 997 == 5 else f"{i},Name {i}")
    path = tmp_path / "many.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(read_records(path))
    assert len(records) == 3000
    for i, record in enumerate(records):
        assert record.line == i + 2
        if i % 997 == 5:
            assert record.problem is not None
        else:
            assert record.fields["id"] == str(i).encode()


def test_csv_without_name_column_is_an_input_error(write_csv: WriteCsv, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "x.csv", [["id", "full_name"], ["1", "Ivan"]])
    with pytest.raises(InputError, match="no name column"):
        list(read_records(path))


def test_gzipped_csv_and_jsonl(tmp_path: Path) -> None:
    gz = tmp_path / "p.csv.gz"
    gz.write_bytes(gzip.compress(b"id,name\n1,Ivan\n2,Olga\n"))
    assert [r.fields["name"] for r in read_records(gz)] == [b"Ivan", b"Olga"]
    assert count_records(gz) == 2
    jgz = tmp_path / "p.jsonl.gz"
    jgz.write_bytes(gzip.compress(b'{"id": 1, "name": "Ivan"}\n'))
    assert [r.fields["name"] for r in read_records(jgz)] == ["Ivan"]


def test_jsonl_bad_lines_become_problems_and_reading_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    huge = json.dumps({"id": "big", "name": "x" * (MAX_LINE_BYTES + 10)}).encode()
    path.write_bytes(
        b'{"id": "1", "name": "Ivan", "country": ["ru", "by"]}\n'
        b"\n"
        b'{"id": "2", "name": \n'
        b'{"id": "3", "name": "\xff"}\n'
        b"[1, 2]\n" + huge + b"\n" + b'{"id": 7, "name": "Last"}'
    )
    records = list(read_records(path))
    assert [r.line for r in records] == [1, 3, 4, 5, 6, 7]
    assert records[0].fields["country"] == ["ru", "by"]
    assert records[1].problem is not None and records[1].problem.startswith("not valid JSON")
    assert records[2].problem == "broken encoding (not UTF-8 at byte 21)"
    assert records[3].problem == "expected a JSON object, got list"
    assert records[4].problem == f"oversized line (more than {MAX_LINE_BYTES} bytes)"
    assert records[5].fields["id"] == 7
    assert count_records(path) == 7


def test_jsonl_byte_order_mark_is_skipped(tmp_path: Path) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"id": "1", "name": "Ivan"}\n')
    assert [r.fields["id"] for r in read_records(path)] == ["1"]


def test_parquet_reads_any_column_types_and_bad_utf8(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    table = pa.table({
        "id": pa.array([1, 2, 3], pa.int64()),
        "name": pa.array([b"Ivan", b"\xff", b"Olga"], pa.binary()).cast(pa.string(), safe=False),
        "dob": pa.array([None, None, 0], pa.date32()),
    })
    pq.write_table(table, path, row_group_size=2)
    records = list(read_records(path))
    assert [r.line for r in records] == [1, 2, 3]
    assert records[0].fields == {"id": 1, "name": b"Ivan", "dob": None}
    assert records[1].fields["name"] == b"\xff"
    assert records[2].fields["dob"] == "1970-01-01"
    assert count_records(path) == 3


def test_file_format_and_missing_file(tmp_path: Path) -> None:
    assert file_format(Path("a.CSV")) == "csv"
    assert file_format(Path("a.ndjson")) == "jsonl"
    assert file_format(Path("a.jsonl.gz")) == "jsonl"
    assert file_format(Path("a.pq")) == "parquet"
    with pytest.raises(InputError, match="unknown file type"):
        file_format(Path("a.xlsx"))
    with pytest.raises(InputError, match="no such file"):
        list(read_records(tmp_path / "absent.csv"))


def test_iter_chunks_numbers_chunks_in_order(tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    path.write_text("".join(json.dumps({"id": i, "name": f"N{i}"}) + "\n" for i in range(7)), encoding="utf-8")
    chunks = list(iter_chunks(read_records(path), 3))
    assert [(c.chunk_id, len(c.records)) for c in chunks] == [(0, 3), (1, 3), (2, 1)]
    assert chunks[2].records[0].line == 7


ROWS = [
    {"id": "1", "decision": "review", "matches": [{
        "source": "test", "source_id": "c1", "entity_id": "test-c1", "caption": "Romashka LLC",
        "matched_name": "Romashka LLC", "score": 0.85, "explanation": "score 0.85: name 0.85 (\"Ромашка\")",
    }]},
    {"id": "2", "decision": "clear", "matches": []},
]


@pytest.mark.parametrize("suffix", ["jsonl", "csv", "parquet"])
def test_assemble_writes_each_format_from_parts(tmp_path: Path, suffix: str) -> None:
    parts = []
    for i, rows in enumerate([ROWS, ROWS[:1], []]):
        part = tmp_path / f"part{i}.arrow"
        write_part(part, results_table(rows))
        parts.append(part)
    out = tmp_path / f"out.{suffix}"
    assert assemble(parts, out, RESULT_SCHEMA) == 3
    expected = [ROWS[0], ROWS[1], ROWS[0]]
    if suffix == "jsonl":
        assert [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()] == expected
    elif suffix == "csv":
        with out.open(encoding="utf-8", newline="") as handle:
            rows = list(csv.DictReader(handle))
        assert [{**r, "matches": json.loads(r["matches"])} for r in rows] == expected
    else:
        assert pq.read_table(out).to_pylist() == expected
    assert not list(tmp_path.glob("*.tmp"))

"""Batch files: streaming readers (CSV, JSONL, Parquet) in chunks, and the output writers.

CSV and Parquet are read with pyarrow in blocks, so memory stays bounded by the block and chunk
size, never the file. Every cell is read as bytes and decoded in
:mod:`tradewarden.batch.records`, so one row in a broken encoding becomes a reject instead of
failing its whole block. pyarrow stops at a CSV row with the wrong number of cells, so from there
on the file is read with the ``csv`` module, and that row becomes a reject. JSONL is read line by line with the standard ``json`` module: pyarrow's
JSON reader stops at the first bad line and cannot say which line it was, and it has no JSON
writer. Outputs (Parquet, CSV, JSONL, chosen by the file suffix) are written with pyarrow from
Arrow tables; CSV holds the nested ``matches`` as one JSON text cell, and a text cell a spreadsheet
would run as a formula gets a leading ``'`` (:mod:`tradewarden.csv_safe`). ``.gz`` inputs are read
through pyarrow's decompressing stream.

Line numbers: JSONL counts physical lines; CSV counts the header as line 1 and then records (the
physical line unless a quoted value spans several lines; after a malformed row, the physical line
on which each record starts); Parquet counts rows from 1.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections.abc import Iterator, Sequence
from enum import StrEnum
from pathlib import Path
from typing import IO, Any

import pyarrow as pa  # type: ignore[import-untyped]
import pyarrow.compute as pc  # type: ignore[import-untyped]
import pyarrow.csv as pacsv  # type: ignore[import-untyped]
import pyarrow.parquet as pq  # type: ignore[import-untyped]

from tradewarden.atomic_file import write_bytes
from tradewarden.batch.records import COLUMNS, RawRecord, RawValue
from tradewarden.batch.screening import Chunk
from tradewarden.csv_safe import ESCAPE, FORMULA_PATTERN
from tradewarden.errors import InputError

#: Bytes pyarrow reads per CSV block; a single row must fit in one block.
CSV_BLOCK_BYTES = 4 << 20
#: Longest JSONL line accepted, in bytes; longer lines are rejected and skipped.
MAX_LINE_BYTES = 64 << 10
#: Longest order line accepted (an order with many items is larger than a party row).
MAX_ORDER_LINE_BYTES = 1 << 20
#: Rows per Parquet read batch.
PARQUET_BATCH_ROWS = 8192

_MATCH_STRUCT = pa.struct([
    ("source", pa.string()), ("source_id", pa.string()), ("entity_id", pa.string()), ("caption", pa.string()),
    ("matched_name", pa.string()), ("score", pa.float64()), ("explanation", pa.string()),
])
#: Output rows: ``{"id", "decision", "matches": [...]}``.
RESULT_SCHEMA = pa.schema([("id", pa.string()), ("decision", pa.string()), ("matches", pa.list_(_MATCH_STRUCT))])
_EVIDENCE_STRUCT = pa.struct([("kind", pa.string()), ("reference", pa.string()), ("citation", pa.string())])
_FINDING_STRUCT = pa.struct([
    ("code", pa.string()), ("category", pa.string()), ("severity", pa.string()), ("outcome", pa.string()),
    ("title", pa.string()), ("detail", pa.string()), ("subject", pa.string()), ("evidence", pa.list_(_EVIDENCE_STRUCT)),
])
#: Order output rows: ``{"id", "decision", "risk_score", "reasons", "findings": [...]}``.
ORDER_SCHEMA = pa.schema([
    ("id", pa.string()), ("decision", pa.string()), ("risk_score", pa.float64()), ("reasons", pa.list_(pa.string())),
    ("findings", pa.list_(_FINDING_STRUCT)),
])
#: Rejects: the line, the id if readable, and the reason.
REJECT_SCHEMA = pa.schema([("line", pa.int64()), ("id", pa.string()), ("reason", pa.string())])


class FileFormat(StrEnum):
    """A batch file format, named by its suffix."""

    CSV = "csv"
    JSONL = "jsonl"
    PARQUET = "parquet"


_SUFFIXES = {
    ".csv": FileFormat.CSV, ".jsonl": FileFormat.JSONL, ".ndjson": FileFormat.JSONL,
    ".parquet": FileFormat.PARQUET, ".pq": FileFormat.PARQUET,
}


def file_format(path: Path) -> FileFormat:
    """The format of ``path`` from its suffix (``.csv``, ``.jsonl``/``.ndjson``, ``.parquet``; ``.gz`` allowed
    on CSV and JSONL inputs).

    Raises:
        InputError: the suffix is none of these.
    """
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes and suffixes[-1] == ".gz":
        suffixes.pop()
    found = _SUFFIXES.get(suffixes[-1]) if suffixes else None
    if found is None:
        raise InputError(f"{path.name}: unknown file type; use .csv, .jsonl or .parquet", field=str(path))
    return found


def _open_bytes(path: Path) -> io.BufferedIOBase:
    if path.suffix.lower() == ".gz":
        return gzip.open(path, "rb")
    return path.open("rb")


def count_records(path: Path) -> int | None:
    """How many records ``path`` holds (for progress and ETA): lines for text, rows for Parquet.

    Returns:
        The count (CSV: lines minus the header; an estimate when quoted values span lines), or
        None when it cannot be known cheaply.
    """
    fmt = file_format(path)
    if fmt is FileFormat.PARQUET:
        return int(pq.ParquetFile(path).metadata.num_rows)
    lines = 0
    last = b"\n"
    with _open_bytes(path) as handle:
        while block := handle.read(1 << 20):
            lines += block.count(b"\n")
            last = block[-1:]
    lines += 0 if last == b"\n" else 1
    return max(0, lines - 1) if fmt is FileFormat.CSV else lines


def read_records(path: Path, orders: bool = False) -> Iterator[RawRecord]:
    """Stream the raw records of ``path`` in file order.

    Args:
        path: a CSV, JSONL or Parquet file (see the module docstring).
        orders: the file holds orders, one JSON object per line (JSONL only); each record's
            ``order`` field is the whole object.
    Yields:
        One ``RawRecord`` per row; rows the reader cannot split carry a ``problem``.
    Raises:
        InputError: the file is missing, has no ``id`` or ``name`` column, or cannot be read at all.
    """
    if not path.is_file():
        raise InputError(f"{path}: no such file", field=str(path))
    fmt = file_format(path)
    if orders:
        if fmt is not FileFormat.JSONL:
            raise InputError(f"{path.name}: orders are read from JSONL (one order per line)", field=str(path))
        yield from _read_jsonl(path, orders=True)
    elif fmt is FileFormat.CSV:
        yield from _read_csv(path)
    elif fmt is FileFormat.JSONL:
        yield from _read_jsonl(path)
    else:
        yield from _read_parquet(path)


def iter_chunks(records: Iterator[RawRecord], size: int) -> Iterator[Chunk]:
    """Group records into numbered chunks of ``size`` (the last may be shorter)."""
    if size < 1:
        raise InputError("chunk size must be at least 1", field="chunk_size")
    batch: list[RawRecord] = []
    chunk_id = 0
    for record in records:
        batch.append(record)
        if len(batch) >= size:
            yield Chunk(chunk_id, tuple(batch))
            chunk_id += 1
            batch = []
    if batch:
        yield Chunk(chunk_id, tuple(batch))


def _require_columns(path: Path, names: Sequence[str]) -> list[str]:
    present = [c for c in COLUMNS if c in names]
    missing = [c for c in ("id", "name") if c not in present]
    if missing:
        raise InputError(f"{path.name}: no {' or '.join(missing)} column (found: {', '.join(names)})", field=missing[0])
    return present


def _csv_header(path: Path) -> list[str]:
    with pa.input_stream(str(path), compression="detect") as stream:
        head = stream.read(1 << 16)
    text = head.decode("utf-8-sig", errors="replace").splitlines()
    if not text:
        raise InputError(f"{path.name}: empty file", field=str(path))
    return next(csv.reader([text[0]]))


def _read_csv(path: Path) -> Iterator[RawRecord]:
    header = _csv_header(path)
    columns = _require_columns(path, header)
    done = 0
    try:
        reader = pacsv.open_csv(
            pa.input_stream(str(path), compression="detect"),
            read_options=pacsv.ReadOptions(use_threads=False, block_size=CSV_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(newlines_in_values=True),
            convert_options=pacsv.ConvertOptions(
                include_columns=columns, column_types=dict.fromkeys(columns, pa.binary()),
                null_values=[], strings_can_be_null=False,
            ),
        )
        for batch in reader:
            values = {name: batch.column(name).to_pylist() for name in columns}
            for row in range(batch.num_rows):
                done += 1
                yield RawRecord(done + 1, {name: values[name][row] for name in columns})
    except pa.ArrowInvalid as exc:
        if "CSV parse error" not in str(exc):
            raise InputError(f"{path.name}: cannot read CSV: {exc}", field=str(path)) from exc
        # A malformed row: pyarrow stops there (its invalid-row hook cannot report a row that is not
        # UTF-8), so the rest of the file is read with the csv module, where each bad row is one reject.
        yield from _read_csv_slowly(path, header, columns, skip=done)


def _read_csv_slowly(path: Path, header: list[str], columns: list[str], skip: int) -> Iterator[RawRecord]:
    """The records of ``path`` after the first ``skip``, read with the csv module.

    Cells come back as the file's bytes (via ``surrogateescape``), so a cell in a broken encoding
    is rejected on its own by :mod:`tradewarden.batch.records`; a row with the wrong number of
    cells becomes a problem record. Lines are physical: the line on which a record starts.
    """
    positions = [header.index(name) for name in columns]
    options: dict[str, Any] = {"encoding": "utf-8-sig", "errors": "surrogateescape", "newline": ""}
    opened = gzip.open(path, "rt", **options) if path.suffix.lower() == ".gz" else path.open(**options)
    with opened as text:
        reader = csv.reader(text)
        next(reader, None)
        start = reader.line_num + 1
        while True:
            try:
                cells, problem = next(reader), None
            except StopIteration:
                return
            except csv.Error as exc:
                cells, problem = [""], f"malformed CSV row: {exc}"
            line, start = start, reader.line_num + 1
            if not cells:
                continue  # a blank line, skipped like pyarrow does
            if skip > 0:
                skip -= 1
                continue
            if problem is None and len(cells) != len(header):
                problem = f"malformed CSV row: {len(cells)} cells, expected {len(header)}"
            if problem is not None:
                yield RawRecord(line, problem=problem)
                continue
            yield RawRecord(line, {name: cells[i].encode("utf-8", "surrogateescape") for name, i in zip(columns, positions)})


def _skip_rest_of_line(handle: io.BufferedIOBase) -> None:
    while chunk := handle.readline(1 << 16):
        if chunk.endswith(b"\n"):
            return


def _jsonl_record(line: int, raw: bytes, orders: bool = False) -> RawRecord:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return RawRecord(line, problem=f"broken encoding (not UTF-8 at byte {exc.start})")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        return RawRecord(line, problem=f"not valid JSON: {exc.msg} at column {exc.colno}")
    if not isinstance(value, dict):
        return RawRecord(line, problem=f"expected a JSON object, got {type(value).__name__}")
    if orders:
        return RawRecord(line, {"order": value})
    fields: dict[str, RawValue] = {name: value.get(name) for name in COLUMNS}
    return RawRecord(line, fields)


def _read_jsonl(path: Path, orders: bool = False) -> Iterator[RawRecord]:
    limit = MAX_ORDER_LINE_BYTES if orders else MAX_LINE_BYTES
    with _open_bytes(path) as handle:
        line = 0
        while True:
            raw = handle.readline(limit + 1)
            if not raw:
                return
            line += 1
            if len(raw) > limit and not raw.endswith(b"\n"):
                _skip_rest_of_line(handle)
                yield RawRecord(line, problem=f"oversized line (more than {limit} bytes)")
                continue
            if raw.strip():
                yield _jsonl_record(line, raw.removeprefix(b"\xef\xbb\xbf") if line == 1 else raw, orders)


def _parquet_column(column: pa.ChunkedArray | pa.Array) -> list[Any]:
    kind = column.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        column = column.cast(pa.binary())  # decoded per cell in records.py, so bad UTF-8 is one reject
    elif pa.types.is_temporal(kind):
        column = column.cast(pa.string())
    return list(column.to_pylist())


def _read_parquet(path: Path) -> Iterator[RawRecord]:
    try:
        parquet = pq.ParquetFile(path)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"{path.name}: cannot read Parquet: {exc}", field=str(path)) from exc
    columns = _require_columns(path, parquet.schema_arrow.names)
    line = 0
    for batch in parquet.iter_batches(batch_size=PARQUET_BATCH_ROWS, columns=columns):
        values = {name: _parquet_column(batch.column(name)) for name in columns}
        for row in range(batch.num_rows):
            line += 1
            yield RawRecord(line, {name: values[name][row] for name in columns})


# -- writing -----------------------------------------------------------------------------------

def results_table(rows: Sequence[dict[str, Any]], schema: pa.Schema = RESULT_SCHEMA) -> pa.Table:
    """Output rows as an Arrow table of ``schema`` (``RESULT_SCHEMA`` or ``ORDER_SCHEMA``)."""
    return pa.Table.from_pylist(list(rows), schema=schema)


def rejects_table(rejects: Sequence[Any]) -> pa.Table:
    """Rejects (``line``, ``id``, ``reason``) as an Arrow table of ``REJECT_SCHEMA``."""
    return pa.Table.from_pylist([{"line": r.line, "id": r.id, "reason": r.reason} for r in rejects], schema=REJECT_SCHEMA)


class TableWriter:
    """Writes Arrow tables of one schema to a Parquet, CSV or JSONL file, one table at a time."""

    def __init__(self, path: Path, fmt: FileFormat, schema: pa.Schema) -> None:
        self._fmt = fmt
        self._nested = [f.name for f in schema if pa.types.is_list(f.type) or pa.types.is_struct(f.type)]
        self._parquet: pq.ParquetWriter | None = None
        self._csv: pacsv.CSVWriter | None = None
        self._text: IO[str] | None = None
        if fmt is FileFormat.PARQUET:
            self._parquet = pq.ParquetWriter(str(path), schema)
        elif fmt is FileFormat.CSV:
            flat = pa.schema([pa.field(f.name, pa.string()) if f.name in self._nested else f for f in schema])
            self._csv = pacsv.CSVWriter(str(path), flat)
        else:
            self._text = io.open(path, "w", encoding="utf-8", newline="\n")
        self.rows = 0

    def write(self, table: pa.Table) -> None:
        """Append ``table``'s rows."""
        self.rows += table.num_rows
        if self._parquet is not None:
            self._parquet.write_table(table)
        elif self._csv is not None:
            for name in self._nested:
                text = [json.dumps(v, ensure_ascii=False) for v in table.column(name).to_pylist()]
                table = table.set_column(table.schema.get_field_index(name), name, pa.array(text, pa.string()))
            self._csv.write_table(_formula_safe(table))
        elif self._text is not None:
            self._text.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in table.to_pylist())

    def close(self) -> None:
        """Finish the file."""
        for closer in (self._parquet, self._csv, self._text):
            if closer is not None:
                closer.close()


def _formula_safe(table: pa.Table) -> pa.Table:
    """``table`` with every text cell that a spreadsheet would run as a formula prefixed by ``'``."""
    for index, field in enumerate(table.schema):
        if pa.types.is_string(field.type) or pa.types.is_large_string(field.type):
            column = table.column(index)
            risky = pc.match_substring_regex(column, FORMULA_PATTERN)
            escaped = pc.binary_join_element_wise(pa.scalar(ESCAPE, field.type), column, pa.scalar("", field.type))
            table = table.set_column(index, field, pc.if_else(risky, escaped, column))
    return table


def part_bytes(table: pa.Table) -> bytes:
    """``table`` as the bytes of an Arrow IPC file (what ``write_part`` writes)."""
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue())


def write_part_bytes(path: Path, data: bytes) -> None:
    """Write the bytes of a part file (``part_bytes``), atomically (temporary file, then rename)."""
    write_bytes(data, path)


def write_part(path: Path, table: pa.Table) -> None:
    """Write one chunk's table as an Arrow IPC file, atomically (temporary file, then rename)."""
    write_part_bytes(path, part_bytes(table))


def read_part(path: Path) -> pa.Table:
    """Read a table written by ``write_part``."""
    with pa.memory_map(str(path), "r") as source:
        return pa.ipc.open_file(source).read_all()


def assemble(parts: Sequence[Path], out: Path, schema: pa.Schema) -> int:
    """Concatenate part files into ``out`` in the format of its suffix, atomically.

    Args:
        parts: part files in output order.
        out: the final file; written beside itself first, then renamed over it.
        schema: the parts' schema.
    Returns:
        The number of rows written.
    """
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.tmp")
    writer = TableWriter(tmp, file_format(out), schema)
    try:
        for part in parts:
            writer.write(read_part(part))
    finally:
        writer.close()
    tmp.replace(out)
    return writer.rows

"""Both engines run the same flow: one parametrised test over local and Dask (a LocalCluster of
2 worker processes), checked against the per-record function called directly; outputs of the two
engines are byte-identical, and a run interrupted on one engine resumes on the other."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from tradewarden.batch import BatchEngine, BatchJob, LocalEngine, ScreenOptions, make_engine, run_batch
from tradewarden.batch.checkpoint import Checkpoint, PackedChunk, fingerprint, pack
from tradewarden.batch.records import PartyRecord, RawRecord, check_record
from tradewarden.batch.screening import Chunk, ChunkResult, screen_chunk, screen_party
from tradewarden.errors import ConfigError, InputError
from tradewarden.match import MatchIndex

WriteCsv = Callable[[Path, Sequence[Sequence[str]]], Path]  # the write_csv fixture (conftest.py)

NAMES = ["Ivan Sidorov", "Romashka", "Rosoboronexport", "Hasan Rohani", "John Smith", "Huawei Technologies",
         "Acme Corp", "Olga Ivanova", "Sidorov Ivan Petrovich", "Rouhani Hassan"]


def parties(count: int) -> list[list[str]]:
    """A header and ``count`` rows, every 37th bad (missing name) and some with identifiers."""
    rows = [["id", "name", "country", "identifier", "dob"]]
    for i in range(count):
        name = "" if i % 37 == 11 else f"{NAMES[i % len(NAMES)]}{'' if i % 4 else f' {i}'}"
        rows.append([f"p{i}", name, "ru" if i % 2 else "", "1027700132195" if i % 53 == 9 else "",
                     "1970-03-14" if i % 10 == 8 else ""])
    return rows


@pytest.fixture(params=["local", "dask"])
def engine(request: pytest.FixtureRequest) -> BatchEngine:
    if request.param == "local":
        return LocalEngine()
    return make_engine("dask", scheduler=request.getfixturevalue("dask_scheduler"))


def expected_rows(index: MatchIndex, rows: list[list[str]], options: ScreenOptions) -> tuple[list[dict], list[int]]:
    """The output rows and rejected lines, from the per-record function called directly."""
    header, out, rejected = rows[0], [], []
    for line, cells in enumerate(rows[1:], start=2):
        checked = check_record(RawRecord(line, {k: v.encode() for k, v in zip(header, cells, strict=True)}))
        if isinstance(checked, PartyRecord):
            out.append(screen_party(index, checked, options)[0])
        else:
            rejected.append(line)
    return out, rejected


def test_engine_output_equals_the_per_record_function(
    engine: BatchEngine, index: MatchIndex, write_csv: WriteCsv, tmp_path: Path
) -> None:
    rows = parties(300)
    source = write_csv(tmp_path / "parties.csv", rows)
    options = ScreenOptions(min_score=0.5)
    job = BatchJob(source, tmp_path / "out.jsonl", summary_html=tmp_path / "s.html", chunk_size=16, options=options)
    summary = engine.run(job, index)
    expected, rejected = expected_rows(index, rows, options)
    written = [json.loads(line) for line in job.output.read_text(encoding="utf-8").splitlines()]
    assert written == expected
    with job.rejects_path.open(encoding="utf-8", newline="") as handle:
        rejects = list(csv.DictReader(handle))
    assert [int(r["line"]) for r in rejects] == rejected and all(r["reason"] == "name: missing" for r in rejects)
    assert summary.records == 300 and summary.stats.rejected == len(rejected) and summary.chunks == 19
    assert sum(summary.stats.decisions.values()) == len(expected)
    assert summary.stats.decisions["block"] == sum(r["decision"] == "block" for r in expected) > 0
    assert summary.engine == engine.name and (tmp_path / "s.html").is_file()
    assert not job.work_folder.exists()


def test_dask_and_local_write_identical_bytes(
    dask_scheduler: str, index: MatchIndex, write_csv: WriteCsv, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "parties.csv", parties(200))
    outputs = []
    for engine in (LocalEngine(), make_engine("dask", scheduler=dask_scheduler)):
        out = tmp_path / engine.name / "out.parquet"
        run_batch(BatchJob(source, out, chunk_size=7), index, engine)
        outputs.append((out.read_bytes(), (out.parent / "out.rejects.csv").read_bytes()))
    assert outputs[0] == outputs[1]


class StopAfter(LocalEngine):
    """A local engine interrupted (as by Ctrl-C) after ``chunks`` chunks."""

    def __init__(self, chunks: int) -> None:
        super().__init__()
        self._left = chunks

    def _screen(self, chunks: Iterator[Chunk]) -> Iterator[ChunkResult]:
        for result in super()._screen(chunks):
            if self._left == 0:
                raise KeyboardInterrupt
            self._left -= 1
            yield result


def test_run_interrupted_locally_resumes_on_dask_with_identical_output(
    dask_scheduler: str, index: MatchIndex, write_csv: WriteCsv, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "parties.csv", parties(120))
    reference = BatchJob(source, tmp_path / "ref" / "out.csv", chunk_size=10)
    run_batch(reference, index)
    job = BatchJob(source, tmp_path / "run" / "out.csv", chunk_size=10)
    with pytest.raises(KeyboardInterrupt):
        run_batch(job, index, StopAfter(5))
    manifest = json.loads((job.work_folder / "manifest.json").read_text())
    assert manifest["completed"] == [0, 1, 2, 3, 4] and not job.output.exists()
    summary = run_batch(job, index, make_engine("dask", scheduler=dask_scheduler))
    assert (summary.resumed_chunks, summary.chunks, summary.processed) == (5, 12, 70)
    assert summary.records == 120
    assert job.output.read_bytes() == reference.output.read_bytes()
    assert job.rejects_path.read_bytes() == reference.rejects_path.read_bytes()


def test_checkpoint_starts_afresh_when_anything_changed(tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,name\n1,A\n", encoding="utf-8")
    folder = tmp_path / "out.jsonl.parts"
    first = Checkpoint.open(folder, fingerprint(source, {"chunk_size": 5}), resume=True)
    first.save(ChunkResult(0))
    assert Checkpoint.open(folder, fingerprint(source, {"chunk_size": 5}), resume=True).completed == {0}
    assert Checkpoint.open(folder, fingerprint(source, {"chunk_size": 5}), resume=False).completed == set()
    Checkpoint.open(folder, fingerprint(source, {"chunk_size": 5}), resume=True).save(ChunkResult(0))
    assert Checkpoint.open(folder, fingerprint(source, {"chunk_size": 6}), resume=True).completed == set()
    Checkpoint.open(folder, fingerprint(source, {"chunk_size": 5}), resume=True).save(ChunkResult(0))
    source.write_text("id,name\n1,B\n", encoding="utf-8")  # same size, new content and mtime
    assert Checkpoint.open(folder, fingerprint(source, {"chunk_size": 5}), resume=True).completed == set()
    assert not list(folder.glob("chunk-*"))


def test_a_packed_chunk_writes_the_same_part_files(index: MatchIndex, tmp_path: Path) -> None:
    header, *cells = parties(40)
    chunk = Chunk(3, tuple(RawRecord(i + 2, {k: v.encode() for k, v in zip(header, row, strict=True)})
                            for i, row in enumerate(cells)))
    result = screen_chunk(index, chunk, ScreenOptions(min_score=0.5))
    packed = pack(result)
    assert isinstance(packed, PackedChunk) and pack(packed) is packed
    assert packed.records == result.records == 40 and len(result.rejects) == 1
    written = {}
    for name, item in (("dicts", result), ("packed", packed)):
        folder = tmp_path / name
        Checkpoint.open(folder, {"run": 1}, resume=False).save(item)
        written[name] = {p.name: p.read_bytes() for p in sorted(folder.glob("chunk-*"))}
    assert len(written["dicts"]) == 3 and written["dicts"] == written["packed"]


class FreezeWatch(LocalEngine):
    """A local engine that notes how many objects the garbage collector has frozen while it screens."""

    def __init__(self) -> None:
        super().__init__()
        self.frozen: list[int] = []

    def _screen(self, chunks: Iterator[Chunk]) -> Iterator[ChunkResult]:
        import gc

        for result in super()._screen(chunks):
            self.frozen.append(gc.get_freeze_count())
            yield result


def test_the_local_engine_freezes_the_index_only_while_it_runs(
    index: MatchIndex, write_csv: WriteCsv, tmp_path: Path
) -> None:
    import gc

    source = write_csv(tmp_path / "parties.csv", parties(20))
    engine = FreezeWatch()
    run_batch(BatchJob(source, tmp_path / "out.csv", chunk_size=10), index, engine)
    assert len(engine.frozen) == 2 and all(count > 0 for count in engine.frozen)
    assert gc.get_freeze_count() == 0


def test_a_local_cluster_runs_its_workers_without_the_profiler(index: MatchIndex, index_file: Path) -> None:
    dask = pytest.importorskip("dask")
    from tradewarden.batch.dask_engine import DaskEngine
    from tradewarden.batch.task import ScreenTask

    engine = DaskEngine(workers=1)
    engine._start(index, index_file, ScreenTask())
    try:
        flags = engine.client.run(lambda: dask.config.get("distributed.worker.profile.enabled"))
    finally:
        engine._stop()
    assert list(flags.values()) == [False]
    assert dask.config.get("distributed.worker.profile.enabled")  # this process's settings are left alone


def test_bad_arguments_are_user_errors(index: MatchIndex, tmp_path: Path) -> None:
    source = tmp_path / "in.csv"
    source.write_text("id,name\n1,A\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="apply to --engine dask only"):
        make_engine("local", workers=2)
    with pytest.raises(ConfigError, match="unknown engine"):
        make_engine("spark")
    with pytest.raises(InputError, match="unknown file type"):
        run_batch(BatchJob(source, tmp_path / "out.xlsx"), index)
    with pytest.raises(InputError, match="overwrite the input"):
        run_batch(BatchJob(source, source), index)
    with pytest.raises(InputError, match="chunk size"):
        run_batch(BatchJob(source, tmp_path / "o.csv", chunk_size=0), index)


def test_orders_on_each_engine(engine: BatchEngine, index: MatchIndex, tmp_path: Path) -> None:
    from tradewarden.batch.orders import order_row
    from tradewarden.models import parse_order
    from tradewarden.screen import screen_order

    examples = sorted((Path(__file__).resolve().parents[2] / "examples" / "orders").glob("0*.json"))[:5]
    orders = [json.loads(path.read_text(encoding="utf-8")) for path in examples]
    source = tmp_path / "orders.jsonl"
    source.write_text("".join(json.dumps(o) + "\n" for o in orders), encoding="utf-8")
    job = BatchJob(source, tmp_path / "decisions.parquet", chunk_size=2, orders=True)
    summary = engine.run(job, index)
    import pyarrow.parquet as pq

    expected = [order_row(str(o["reference"]), screen_order(parse_order(o), index)) for o in orders]
    assert pq.read_table(job.output).to_pylist() == expected
    assert summary.stats.screened == len(orders) and summary.stats.rejected == 0

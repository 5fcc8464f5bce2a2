"""Batch screening at scale (issue 7): records/second and peak memory, local vs Dask 1 and 2 workers.

Builds the match index of every list in ``../shared/data/lists`` (or loads ``--index``), generates
``--records`` parties into a Parquet file - faker person and company names in twelve locales and
several scripts, plus a known fraction of *planted* listed names (exact, re-cased, and realistic
variants from :mod:`_variants`) - and screens that file with the single-process engine (the
baseline) and then with the Dask engine on a LocalCluster of 1 and 2 worker processes, all in this
process and on the same input. Reports records per second, peak memory (RSS of this process and
every child process, sampled every 0.2 s), speed-up and scaling efficiency, checks that all outputs
are byte-identical and how many planted names were found (their listed entity among the record's
matches). Writes ``bench/results/batch_scale.json`` and ``.md``.

Run: ``.venv/bin/python bench/batch_scale.py [--records 1000000]``.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any


def _snapshot_source() -> Path | None:
    """Copy ``src/tradewarden`` to a temporary folder and import it from there, in this process and
    (through ``sys.path``/``PYTHONPATH``) in every Dask worker it spawns, so that edits made to the
    checkout while the bench runs cannot give the engines two different matchers."""
    inherited = os.environ.get("TW_BENCH_SNAPSHOT")
    if inherited:  # a Dask worker re-importing this script: use the parent's copy
        sys.path.insert(0, inherited)
        return Path(inherited)
    source = Path(__file__).resolve().parent.parent / "src" / "tradewarden"
    if not source.is_dir():
        return None
    target = Path(tempfile.mkdtemp(prefix="tw-bench-src-"))
    shutil.copytree(source, target / "tradewarden", ignore=shutil.ignore_patterns("__pycache__"))
    atexit.register(shutil.rmtree, target, ignore_errors=True)
    sys.path.insert(0, str(target))
    os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(target), os.environ.get("PYTHONPATH")) if p)
    os.environ["TW_BENCH_SNAPSHOT"] = str(target)
    return target


SNAPSHOT = _snapshot_source()

import pyarrow as pa  # noqa: E402
import pyarrow.parquet as pq  # noqa: E402
from _common import DEFAULT_LISTS, RESULTS_DIR, Report, load_listed, run_main  # noqa: E402
from _variants import make_variant  # noqa: E402

from tradewarden.batch import BatchEngine, BatchJob, LocalEngine, run_batch  # noqa: E402
from tradewarden.batch.dask_engine import DaskEngine, code_fingerprint  # noqa: E402
from tradewarden.match import MatchIndex  # noqa: E402

LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES", "it_IT", "tr_TR", "ru_RU", "uk_UA", "zh_CN", "ja_JP", "ar_AA", "fa_IR")
TARGET_SECONDS_PER_MILLION = 600.0
TARGET_PEAK_GIB = 4.0
PARTY_SCHEMATA = {"Person", "Company", "Organization", "LegalEntity"}


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="parties to generate and screen")
    parser.add_argument("--planted", type=float, default=0.002, help="fraction of parties that are planted listed names")
    parser.add_argument("--chunk-size", type=int, default=1000, help="records per chunk")
    parser.add_argument("--workers", type=int, nargs="*", default=[1, 2], help="Dask worker counts to time")
    parser.add_argument("--no-local", action="store_true", help="skip the single-process baseline (not recommended)")
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="folder of list snapshots")
    parser.add_argument("--index", type=Path, default=None, help="saved index to load, or where to save the built one")
    parser.add_argument("--work", type=Path, default=None, help="folder for the generated input and outputs")
    parser.add_argument("--seed", type=int, default=20261126, help="seed of every random choice")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where the JSON and markdown go")
    return parser.parse_args()


# -- data -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Planted:
    """A planted record: its id, the name used, how it was made and the listed entity expected."""

    record_id: str
    name: str
    kind: str
    entity_id: str


def build_index(lists: Path, path: Path | None) -> tuple[MatchIndex, float]:
    """The index of every list (loaded from ``path`` if it exists, else built and saved there)."""
    started = time.perf_counter()
    if path is not None and path.exists():
        return MatchIndex.load(path), time.perf_counter() - started
    entities, _ = load_listed(lists)
    index = MatchIndex.build(entities)
    if path is not None:
        index.save(path)
    return index, time.perf_counter() - started


def plant_pool(index: MatchIndex) -> list[tuple[str, str, bool]]:
    """(entity id, strong name, is person) of every listed party, from the index itself."""
    pool = []
    for entity_idx in range(len(index)):
        record = index.record(entity_idx)
        if record.schema not in PARTY_SCHEMATA:
            continue
        names = [index.name_text(n) for n in index.entity_names(entity_idx) if not index.name_is_weak(n)]
        if names:
            pool.append((record.entity_id, names[0], record.schema == "Person"))
    return pool


def _planted_name(name: str, person: bool, rng: random.Random) -> tuple[str, str]:
    roll = rng.random()
    if roll < 0.4:
        return "exact", name
    if roll < 0.6:
        return "recased", name.upper() if name != name.upper() else name.title()
    made = make_variant(name, person, rng)
    return ("exact", name) if made is None else (f"variant:{made[0]}", made[1])


def generate(path: Path, records: int, planted_share: float, index: MatchIndex, seed: int) -> tuple[list[Planted], int]:
    """Write ``records`` parties to ``path`` (Parquet, streamed in batches).

    Returns:
        The planted records, and how many distinct (name, schema, country) queries were written.
    """
    from faker import Faker

    rng = random.Random(seed)
    fakers = {}
    for i, locale in enumerate(LOCALES):
        fakers[locale] = Faker(locale)
        fakers[locale].seed_instance(seed + i)
    pool = plant_pool(index)
    every = max(1, round(1 / planted_share)) if planted_share > 0 else records + 1
    planted: list[Planted] = []
    distinct: set[tuple[str, str, str]] = set()
    schema = pa.schema([("id", pa.string()), ("name", pa.string()), ("schema", pa.string()), ("country", pa.string())])
    writer = pq.ParquetWriter(str(path), schema)
    batch: dict[str, list[str | None]] = {name: [] for name in schema.names}
    for i in range(records):
        record_id = f"r{i:07d}"
        country: str | None = None
        if i % every == every // 2:
            entity_id, listed_name, person = pool[rng.randrange(len(pool))]
            kind, name = _planted_name(listed_name, person, rng)
            party_schema = "Person" if person else "LegalEntity"
            planted.append(Planted(record_id, name, kind, entity_id))
        else:
            locale = LOCALES[i % len(LOCALES)]
            fake = fakers[locale]
            person = locale == "fa_IR" or rng.random() < 0.7
            name = str(fake.name() if person else fake.company())
            party_schema = "Person" if person else "LegalEntity"
            country = locale[-2:] if rng.random() < 0.5 else None
        distinct.add((name, party_schema, country or ""))
        for column, value in zip(schema.names, (record_id, name, party_schema, country), strict=True):
            batch[column].append(value)
        if len(batch["id"]) >= 50_000:
            writer.write_table(pa.table(batch, schema=schema))
            batch = {name: [] for name in schema.names}
    if batch["id"]:
        writer.write_table(pa.table(batch, schema=schema))
    writer.close()
    return planted, len(distinct)


# -- measuring --------------------------------------------------------------------------------

class TreeMeter:
    """Samples this process and all its descendants (Dask nannies and workers) every ``interval``:
    the peak of their summed RSS, and the CPU seconds each used (so throughput per CPU second can
    be told apart from time lost to other work on a shared machine)."""

    def __init__(self, interval: float = 0.2) -> None:
        import psutil

        self._process = psutil.Process(os.getpid())
        self._interval = interval
        self._stop = threading.Event()
        self.peak = 0
        self._cpu_start = self._cpu_of(self._process)
        self._cpu: dict[int, float] = {}
        self._thread = threading.Thread(target=self._run, daemon=True)

    @staticmethod
    def _cpu_of(proc: Any) -> float:
        times = proc.cpu_times()
        return float(times.user + times.system)

    def _sample(self) -> None:
        total = 0
        for proc in [self._process, *self._process.children(recursive=True)]:
            try:
                total += proc.memory_info().rss
                self._cpu[proc.pid] = self._cpu_of(proc)
            except Exception:  # noqa: BLE001 - a child that just exited
                continue
        self.peak = max(self.peak, total)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self._interval)

    @property
    def cpu_s(self) -> float:
        """CPU seconds used by the tree while metered (children: up to their last sample)."""
        own = self._cpu.get(self._process.pid, self._cpu_start) - self._cpu_start
        return own + sum(v for pid, v in self._cpu.items() if pid != self._process.pid)

    def __enter__(self) -> TreeMeter:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._sample()


def run_engine(label: str, engine: BatchEngine, source: Path, out: Path, index: MatchIndex, chunk_size: int) -> dict[str, Any]:
    """Screen ``source`` with ``engine``; wall time, CPU time and peak memory of the process tree, output digest."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with TreeMeter() as meter:
        started = time.perf_counter()
        summary = run_batch(BatchJob(source, out, chunk_size=chunk_size, resume=False), index, engine)
        wall = time.perf_counter() - started
    with out.open("rb") as handle:
        digest = hashlib.file_digest(handle, "sha256").hexdigest()
    return {
        "engine": label, "records": summary.records, "wall_s": wall, "records_per_s": summary.records / wall,
        "cpu_s": meter.cpu_s, "records_per_cpu_s": summary.records / meter.cpu_s if meter.cpu_s else None,
        "cpu_share": meter.cpu_s / wall, "peak_rss_mib": meter.peak / 2**20,
        "load_before": load, "load_after": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
        "decisions": summary.stats.decisions, "rejected": summary.stats.rejected, "sha256": digest,
    }


def planted_found(out: Path, planted: list[Planted]) -> dict[str, Any]:
    """How many planted records have their listed entity among their matches, by kind."""
    expected = {p.record_id: p for p in planted}
    found: Counter[str] = Counter()
    missed: list[Planted] = []
    for batch in pq.ParquetFile(out).iter_batches(columns=["id", "matches"]):
        for row in batch.to_pylist():
            plant = expected.get(row["id"])
            if plant is None:
                continue
            if any(m["entity_id"] == plant.entity_id for m in row["matches"]):
                found[plant.kind.split(":")[0]] += 1
            else:
                missed.append(plant)
    by_kind = Counter(p.kind.split(":")[0] for p in planted)
    return {
        "planted": len(planted), "found": sum(found.values()),
        "by_kind": {k: {"planted": n, "found": found[k]} for k, n in sorted(by_kind.items())},
        "missed_examples": [{"name": p.name, "kind": p.kind, "entity_id": p.entity_id} for p in missed[:15]],
    }


# -- main -------------------------------------------------------------------------------------

def main() -> int:
    args = _args()
    report = Report("batch_scale", "Batch screening at scale (issue 7)")  # notes the start time and load
    work = args.work or Path(tempfile.mkdtemp(prefix="tw-batch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    index, index_s = build_index(args.lists, args.index)
    source = work / f"parties-{args.records}.parquet"
    started = time.perf_counter()
    planted, distinct = generate(source, args.records, args.planted, index, args.seed)
    generate_s = time.perf_counter() - started
    print(f"index {len(index)} entities / {index.name_count} names ({index_s:.0f} s); generated {args.records:,} "
          f"parties ({distinct:,} distinct queries, {len(planted):,} planted) in {generate_s:.0f} s")

    runs: list[dict[str, Any]] = []
    if not args.no_local:
        runs.append(run_engine("local", LocalEngine(), source, work / "local.parquet", index, args.chunk_size))
        print(runs[-1])
    for workers in args.workers:
        engine = DaskEngine(workers=workers)
        runs.append(run_engine(f"dask-{workers}", engine, source, work / f"dask{workers}.parquet", index, args.chunk_size))
        print(runs[-1])
    found = planted_found(work / ("local.parquet" if not args.no_local else f"dask{args.workers[0]}.parquet"), planted)
    identical = len({r["sha256"] for r in runs}) == 1

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    base = runs[0]["records_per_s"]
    rows = []
    for run in runs:
        workers = int(run["engine"].split("-")[1]) if run["engine"].startswith("dask") else 1
        # What the run would do with its CPUs to itself: CPU-bound, so records per CPU second
        # times the processes that can run at once (the local engine uses one core).
        run["uncontended_records_per_s"] = (run["records_per_cpu_s"] or 0.0) * min(workers, cores)
        rows.append([run["engine"], run["records"], round(run["wall_s"], 1), round(run["records_per_s"], 1),
                     round(run["records_per_s"] / base, 2), round(run["cpu_s"], 1), round(run["cpu_share"], 2),
                     round(run["records_per_cpu_s"] or 0.0, 1), round(run["uncontended_records_per_s"], 1),
                     round(run["peak_rss_mib"]), run["load_before"], run["load_after"]])
    rates = {r["engine"]: r for r in runs}
    efficiency = cpu_efficiency = None
    if "dask-1" in rates and "dask-2" in rates:
        efficiency = rates["dask-2"]["records_per_s"] / (2 * rates["dask-1"]["records_per_s"])
        cpu_efficiency = (rates["dask-2"]["records_per_cpu_s"] or 0.0) / (rates["dask-1"]["records_per_cpu_s"] or 1.0)
    best = max(runs, key=lambda r: r["records_per_s"])
    minutes = 1_000_000 / best["records_per_s"] / 60
    best_free = max(runs, key=lambda r: r["uncontended_records_per_s"])
    minutes_free = 1_000_000 / best_free["uncontended_records_per_s"] / 60 if best_free["uncontended_records_per_s"] else None

    report.note(
        f"{args.records:,} generated parties ({distinct:,} distinct queries; {len(planted):,} planted listed names) "
        f"against all lists in `{args.lists.name}` ({len(index):,} entities, {index.name_count:,} names); chunk size "
        f"{args.chunk_size}. Baseline: the single-process engine in the same process, same input. "
        "**The machine is shared with other engineers' test runs: timings are noisy** (load average before/after "
        "each run is in the table). CPU seconds are those of this process and all its children (Dask "
        "nannies and workers), sampled every 0.2 s; the uncontended estimate is records per CPU second times "
        f"the processes that could run at once on {cores} CPUs, i.e. what the run would do with the machine to "
        "itself. Start-up (Dask worker imports, index load and warm-up) is included in every figure."
    )
    report.table(
        "Engines",
        ["engine", "records", "wall s", "records/s", "speed-up vs local", "CPU s", "CPU share of wall",
         "records per CPU s", "uncontended records/s (est.)", "peak RSS MiB", "load before", "load after"],
        rows,
    )
    report.table(
        "Planted listed names found (their entity among the record's matches)",
        ["kind", "planted", "found"],
        [[k, v["planted"], v["found"]] for k, v in found["by_kind"].items()] + [["all", found["planted"], found["found"]]],
    )
    report.table(
        "Targets",
        ["measure", "value", "target", "met"],
        [
            [f"minutes for 1M parties, measured rate ({best['engine']})", round(minutes, 1), "< 10",
             "yes" if minutes < 10 else "NO"],
            [f"minutes for 1M parties, uncontended estimate ({best_free['engine']})",
             None if minutes_free is None else round(minutes_free, 1), "< 10",
             "yes" if minutes_free is not None and minutes_free < 10 else "NO"],
            ["peak memory GiB (worst engine)", round(max(r["peak_rss_mib"] for r in runs) / 1024, 2), f"< {TARGET_PEAK_GIB}",
             "yes" if max(r["peak_rss_mib"] for r in runs) / 1024 < TARGET_PEAK_GIB else "NO"],
            ["Dask 2 vs 1 worker scaling efficiency, wall (rate2 / 2 rate1)",
             None if efficiency is None else round(efficiency, 2), "≈ 1", "–"],
            ["Dask 2 vs 1 worker, records per CPU second (1 = no parallel overhead)",
             None if cpu_efficiency is None else round(cpu_efficiency, 2), "≈ 1", "–"],
            ["every planted name found", f"{found['found']}/{found['planted']}", "all",
             "yes" if found["found"] == found["planted"] else "NO"],
            ["outputs identical across engines", identical, True, "yes" if identical else "NO"],
        ],
    )
    if found["missed_examples"]:
        report.note("Missed planted names (first 15): " + "; ".join(
            f"`{m['name']}` ({m['kind']}, {m['entity_id']})" for m in found["missed_examples"]))
    report.write({
        "args": {k: str(v) for k, v in vars(args).items()}, "index_entities": len(index), "index_names": index.name_count,
        "index_seconds": index_s, "generate_seconds": generate_s, "distinct_queries": distinct, "runs": runs,
        "planted": found, "identical_outputs": identical, "dask_scaling_efficiency": efficiency,
        "dask_cpu_efficiency": cpu_efficiency, "minutes_per_million_best": minutes,
        "minutes_per_million_uncontended_estimate": minutes_free, "cores": cores,
        "code_fingerprint": code_fingerprint(), "code_snapshot": str(SNAPSHOT),
    }, args.results_dir)
    return 0


if __name__ == "__main__":
    run_main(main)

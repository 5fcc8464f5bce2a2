"""Batch screening at scale (issue 7): records/second and peak memory, local vs Dask 1 and 2 workers.

Builds the match index of every list in ``../shared/data/lists`` (or loads ``--index``), generates
``--records`` parties into a Parquet file - faker person and company names in twelve locales and
several scripts, plus a known fraction of *planted* listed names (exact, re-cased, and realistic
variants from :mod:`_variants`) - and screens that file with the chosen ``--engines`` (default: the
single-process engine as the baseline, then the Dask engine on a LocalCluster of 1 and 2 worker
processes), all in this process and on the same input. With ``--scaling-records N`` the three
engines first run on N parties for the scaling table, and only ``--engines`` on the full
``--records``: a 1,000,000-record Dask run plus a 100,000-record scaling table in one command.
Generated inputs are cached (``--cache``, keyed by size, seed, planted share, the listed names
they were planted from and the code of :mod:`_variants`), so a second run skips the faker time.

Reports records per second, CPU seconds, peak memory (RSS of this process and every child process,
sampled every 0.2 s), speed-up and scaling efficiency, checks that all outputs of one input are
byte-identical and how many planted names were found (see :func:`planted_found`). Writes
``bench/results/batch_scale.json`` and ``.md``.

Run: ``.venv/bin/python bench/batch_scale.py [--records 1000000] [--engines dask-2]
[--scaling-records 100000]``.
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import json
import os
import random
import shutil
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass
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
ENGINES = ("local", "dask-1", "dask-2")
DEFAULT_CACHE = Path(__file__).resolve().parent.parent / "build" / "batch_scale"
#: The variant generator's code, in the cache key: a changed generator makes other planted names.
GENERATOR_DIGEST = hashlib.sha256(Path(make_variant.__code__.co_filename).read_bytes()).hexdigest()[:8]


def _engine_name(text: str) -> str:
    """``local``, ``dask-N`` (``daskN`` and ``dask`` = ``dask-2`` accepted)."""
    name = text.strip().lower()
    if name == "dask":
        return "dask-2"
    if name.startswith("dask") and name[4:].lstrip("-").isdigit():
        return f"dask-{int(name[4:].lstrip('-'))}"
    if name == "local":
        return name
    raise argparse.ArgumentTypeError(f"unknown engine {text!r}: use local, dask-1, dask-2 ...")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--records", type=int, default=1_000_000, help="parties to generate and screen")
    parser.add_argument("--engines", type=_engine_name, nargs="+", default=list(ENGINES),
                        help="engines to run on --records parties: local, dask-1, dask-2 (default: all three)")
    parser.add_argument("--scaling-records", type=int, default=None,
                        help="also run local, dask-1 and dask-2 on this many parties first (the scaling table)")
    parser.add_argument("--planted", type=float, default=0.002, help="fraction of parties that are planted listed names")
    parser.add_argument("--chunk-size", type=int, default=1000, help="records per chunk")
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="folder of list snapshots")
    parser.add_argument("--index", type=Path, default=None, help="saved index to load, or where to save the built one")
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="folder of generated inputs, reused across runs")
    parser.add_argument("--work", type=Path, default=None, help="folder for the outputs (default: a temporary one)")
    parser.add_argument("--seed", type=int, default=20261126, help="seed of every random choice")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where the JSON and markdown go")
    return parser.parse_args()


# -- data -------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Planted:
    """A planted record: its id, the name used, how it was made, the listed entity and listed name
    it was made from."""

    record_id: str
    name: str
    kind: str
    entity_id: str
    listed_name: str


@dataclass(frozen=True)
class Input:
    """A generated input file, its planted records and how many distinct queries it holds."""

    path: Path
    records: int
    planted: list[Planted]
    distinct: int
    seconds: float
    cached: bool


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


def generate(
    path: Path, records: int, planted_share: float, pool: list[tuple[str, str, bool]], seed: int
) -> tuple[list[Planted], int]:
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
    every = max(1, round(1 / planted_share)) if planted_share > 0 else records + 1
    planted: list[Planted] = []
    distinct: set[int] = set()  # hashes of (name, schema, country): a million tuples would stay in this process's RSS
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
            planted.append(Planted(record_id, name, kind, entity_id, listed_name))
        else:
            locale = LOCALES[i % len(LOCALES)]
            fake = fakers[locale]
            person = locale == "fa_IR" or rng.random() < 0.7
            name = str(fake.name() if person else fake.company())
            party_schema = "Person" if person else "LegalEntity"
            country = locale[-2:] if rng.random() < 0.5 else None
        distinct.add(hash((name, party_schema, country or "")))
        for column, value in zip(schema.names, (record_id, name, party_schema, country), strict=True):
            batch[column].append(value)
        if len(batch["id"]) >= 50_000:
            writer.write_table(pa.table(batch, schema=schema))
            batch = {name: [] for name in schema.names}
    if batch["id"]:
        writer.write_table(pa.table(batch, schema=schema))
    writer.close()
    return planted, len(distinct)


def cached_input(cache: Path, records: int, planted_share: float, index: MatchIndex, seed: int) -> Input:
    """The generated input of this size, seed and planted share: from ``cache`` if generated before
    from the same listed names, else generated and stored there (Parquet plus a JSON of the planted
    records, each written to a temporary name first)."""
    started = time.perf_counter()
    pool = plant_pool(index)
    pool_digest = hashlib.sha256(json.dumps(pool, ensure_ascii=False).encode()).hexdigest()[:12]
    cache.mkdir(parents=True, exist_ok=True)
    stem = f"parties-{records}-seed{seed}-planted{planted_share:g}-{pool_digest}-{GENERATOR_DIGEST}"
    path, meta = cache / f"{stem}.parquet", cache / f"{stem}.planted.json"
    if path.is_file() and meta.is_file():
        stored = json.loads(meta.read_text(encoding="utf-8"))
        planted = [Planted(**p) for p in stored["planted"]]
        return Input(path, records, planted, stored["distinct"], time.perf_counter() - started, True)
    tmp = path.with_name(path.name + ".tmp")
    planted, distinct = generate(tmp, records, planted_share, pool, seed)
    tmp.replace(path)
    payload = {"distinct": distinct, "planted": [asdict(p) for p in planted]}
    meta.with_name(meta.name + ".tmp").write_text(json.dumps(payload, ensure_ascii=False), encoding="utf-8")
    meta.with_name(meta.name + ".tmp").replace(meta)
    return Input(path, records, planted, distinct, time.perf_counter() - started, False)


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



def make_engine(label: str) -> BatchEngine:
    """The engine of a label (``local`` or ``dask-N``: a LocalCluster of N worker processes)."""
    return LocalEngine() if label == "local" else DaskEngine(workers=int(label.split("-")[1]))


def run_engine(label: str, source: Path, out: Path, index: MatchIndex, chunk_size: int) -> dict[str, Any]:
    """Screen ``source`` with the engine ``label``; wall time, CPU time and peak memory of the process tree, output digest."""
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else None
    with TreeMeter() as meter:
        started = time.perf_counter()
        summary = run_batch(BatchJob(source, out, chunk_size=chunk_size, resume=False), index, make_engine(label))
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


def same_name_entities(index: MatchIndex, planted: list[Planted]) -> dict[str, set[str]]:
    """For each planted record, the listed entities with a name of exactly the same analysed form
    (``MatchIndex.form_key``) as the listed name it was made from, its own entity included."""
    wanted = {p.entity_id for p in planted}
    keys: dict[tuple[str, str], str] = {}
    for entity_idx in range(len(index)):
        entity_id = index.record(entity_idx).entity_id
        if entity_id in wanted:
            for name_idx in index.entity_names(entity_idx):
                keys.setdefault((entity_id, index.name_text(name_idx)), index.form_key(name_idx))
    needed = {keys.get((p.entity_id, p.listed_name)) for p in planted} - {None}
    holders: defaultdict[str, set[str]] = defaultdict(set)
    for name_idx in range(index.name_count):
        key = index.form_key(name_idx)
        if key in needed:
            holders[key].add(index.record(index.name_entity(name_idx)).entity_id)
    return {
        p.record_id: {p.entity_id} | holders.get(keys.get((p.entity_id, p.listed_name), ""), set()) for p in planted
    }


def planted_found(out: Path, planted: list[Planted], index: MatchIndex) -> dict[str, Any]:
    """How many planted records were found, by kind: their listed entity, or another listed entity
    with exactly the same analysed name (the same name on two lists), is among the record's matches."""
    expected = {p.record_id: p for p in planted}
    accepted = same_name_entities(index, planted)
    found: Counter[str] = Counter()
    by_namesake = 0
    missed: list[Planted] = []
    for batch in pq.ParquetFile(out).iter_batches(columns=["id", "matches"]):
        for row in batch.to_pylist():
            plant = expected.get(row["id"])
            if plant is None:
                continue
            matched = {m["entity_id"] for m in row["matches"]}
            if matched & accepted[plant.record_id]:
                found[plant.kind.split(":")[0]] += 1
                by_namesake += plant.entity_id not in matched
            else:
                missed.append(plant)
    by_kind = Counter(p.kind.split(":")[0] for p in planted)
    return {
        "planted": len(planted), "found": sum(found.values()), "found_by_same_name_entity": by_namesake,
        "by_kind": {k: {"planted": n, "found": found[k]} for k, n in sorted(by_kind.items())},
        # Every miss is kept (the JSON is the record to investigate from); the Markdown shows 15.
        "missed": [{"record_id": p.record_id, "name": p.name, "kind": p.kind, "entity_id": p.entity_id} for p in missed],
    }


def screen_input(data: Input, engines: list[str], work: Path, index: MatchIndex, chunk_size: int) -> dict[str, Any]:
    """Run every engine of ``engines`` on ``data``; the runs, planted names found, identical outputs."""
    runs = []
    for label in engines:
        out = work / f"{label}-{data.records}.parquet"
        runs.append(run_engine(label, data.path, out, index, chunk_size))
        print(runs[-1], flush=True)
    found = planted_found(work / f"{engines[0]}-{data.records}.parquet", data.planted, index)
    return {"records": data.records, "runs": runs, "planted": found, "identical": len({r["sha256"] for r in runs}) == 1}


# -- reporting --------------------------------------------------------------------------------

def engine_rows(runs: list[dict[str, Any]], cores: int) -> list[list[Any]]:
    """Table rows of ``runs``, adding each run's uncontended estimate to it."""
    base = next((r["records_per_s"] for r in runs if r["engine"] == "local"), None)
    rows = []
    for run in runs:
        workers = int(run["engine"].split("-")[1]) if run["engine"].startswith("dask") else 1
        # What the run would do with its CPUs to itself: CPU-bound, so records per CPU second
        # times the processes that can run at once (the local engine uses one core).
        run["uncontended_records_per_s"] = (run["records_per_cpu_s"] or 0.0) * min(workers, cores)
        rows.append([run["engine"], run["records"], round(run["wall_s"], 1), round(run["records_per_s"], 1),
                     None if base is None else round(run["records_per_s"] / base, 2), round(run["cpu_s"], 1),
                     round(run["cpu_share"], 2), round(run["records_per_cpu_s"] or 0.0, 1),
                     round(run["uncontended_records_per_s"], 1), round(run["peak_rss_mib"]),
                     run["load_before"], run["load_after"]])
    return rows


ENGINE_HEADERS = ["engine", "records", "wall s", "records/s", "speed-up vs local", "CPU s", "CPU share of wall",
                  "records per CPU s", "uncontended records/s (est.)", "peak RSS MiB", "load before", "load after"]


def found_rows(found: dict[str, Any]) -> list[list[Any]]:
    """Planted names found, by kind and in all."""
    return [[k, v["planted"], v["found"]] for k, v in found["by_kind"].items()] + [
        ["all", found["planted"], found["found"]]]


def target_rows(sets: list[dict[str, Any]]) -> tuple[list[list[Any]], dict[str, Any]]:
    """The target table over every measured set (the largest input decides the 1M estimate)."""
    main = max(sets, key=lambda s: s["records"])
    runs = [r for s in sets for r in s["runs"]]
    best = max(main["runs"], key=lambda r: r["records_per_s"])
    minutes = 1_000_000 / best["records_per_s"] / 60
    best_free = max(main["runs"], key=lambda r: r["uncontended_records_per_s"])
    minutes_free = 1_000_000 / best_free["uncontended_records_per_s"] / 60 if best_free["uncontended_records_per_s"] else None
    peak = max(r["peak_rss_mib"] for r in runs) / 1024
    efficiency = cpu_efficiency = None
    for found in sets:
        rates = {r["engine"]: r for r in found["runs"]}
        if "dask-1" in rates and "dask-2" in rates:
            efficiency = rates["dask-2"]["records_per_s"] / (2 * rates["dask-1"]["records_per_s"])
            cpu_efficiency = (rates["dask-2"]["records_per_cpu_s"] or 0.0) / (rates["dask-1"]["records_per_cpu_s"] or 1.0)
            break
    found, planted = sum(s["planted"]["found"] for s in sets), sum(s["planted"]["planted"] for s in sets)
    identical = all(s["identical"] for s in sets)
    rows = [
        [f"minutes for 1M parties, measured rate ({best['engine']}, {main['records']:,} records)", round(minutes, 1),
         "< 10", "yes" if minutes < 10 else "NO"],
        [f"minutes for 1M parties, uncontended estimate ({best_free['engine']})",
         None if minutes_free is None else round(minutes_free, 1), "< 10",
         "yes" if minutes_free is not None and minutes_free < 10 else "NO"],
        ["peak memory GiB (worst run, driver + workers)", round(peak, 2), f"< {TARGET_PEAK_GIB}",
         "yes" if peak < TARGET_PEAK_GIB else "NO"],
        ["Dask 2 vs 1 worker scaling efficiency, wall (rate2 / 2 rate1)",
         None if efficiency is None else round(efficiency, 2), "≈ 1", "–"],
        ["Dask 2 vs 1 worker, records per CPU second (1 = no parallel overhead)",
         None if cpu_efficiency is None else round(cpu_efficiency, 2), "≈ 1", "–"],
        ["every planted name found (every input)", f"{found}/{planted}", "all", "yes" if found == planted else "NO"],
        ["outputs identical across engines (per input)", identical, True, "yes" if identical else "NO"],
    ]
    return rows, {"minutes_per_million_best": minutes, "minutes_per_million_uncontended_estimate": minutes_free,
                  "peak_gib": peak, "dask_scaling_efficiency": efficiency, "dask_cpu_efficiency": cpu_efficiency,
                  "identical_outputs": identical}


# -- main -------------------------------------------------------------------------------------

def main() -> int:
    args = _args()
    report = Report("batch_scale", "Batch screening at scale (issue 7)")  # notes the start time and load
    work = args.work or Path(tempfile.mkdtemp(prefix="tw-batch-scale-"))
    work.mkdir(parents=True, exist_ok=True)
    index, index_s = build_index(args.lists, args.index)
    plans = [(args.scaling_records, list(ENGINES))] if args.scaling_records else []
    plans.append((args.records, list(dict.fromkeys(args.engines))))
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    sets, inputs = [], []
    for records, engines in plans:
        data = cached_input(args.cache, records, args.planted, index, args.seed)
        inputs.append(data)
        print(f"index {len(index)} entities / {index.name_count} names ({index_s:.0f} s); {records:,} parties "
              f"({data.distinct:,} distinct queries, {len(data.planted):,} planted) "
              f"{'from the cache' if data.cached else 'generated'} in {data.seconds:.0f} s: {data.path}", flush=True)
        sets.append(screen_input(data, engines, work, index, args.chunk_size))

    described = [f"{d.records:,} generated parties ({d.distinct:,} distinct queries, {len(d.planted):,} planted "
                 "listed names)" for d in inputs]
    report.note(
        f"Inputs: {'; '.join(described)}, "
        f"against all lists in `{args.lists.name}` ({len(index):,} entities, {index.name_count:,} names); chunk size "
        f"{args.chunk_size}. Baseline: the single-process engine in the same process, same input. "
        "**The machine may be shared with other work: timings are noisy** (load average before/after "
        "each run is in the table). CPU seconds are those of this process and all its children (Dask "
        "nannies and workers), sampled every 0.2 s; peak RSS is the sum over the same processes (driver and "
        "workers); the uncontended estimate is records per CPU second times "
        f"the processes that could run at once on {cores} CPUs, i.e. what the run would do with the machine to "
        "itself. Start-up (Dask worker imports, index load and warm-up) is included in every figure."
    )
    for found in sets:
        report.table(f"Engines, {found['records']:,} parties", ENGINE_HEADERS, engine_rows(found["runs"], cores))
    for found in sets:
        report.table(
            f"Planted listed names found, {found['records']:,} parties (their entity, or another listed entity "
            "with exactly the same analysed name, among the record's matches)",
            ["kind", "planted", "found"], found_rows(found["planted"]),
        )
    rows, targets = target_rows(sets)
    report.table("Targets", ["measure", "value", "target", "met"], rows)
    for found in sets:
        namesakes = found["planted"]["found_by_same_name_entity"]
        if namesakes:
            report.note(f"{found['records']:,} parties: {namesakes} planted names counted as found through another "
                        "listed entity of exactly the same analysed name.")
        if found["planted"]["missed"]:
            report.note(f"Missed planted names, {found['records']:,} parties (first 15; all in the JSON): " + "; ".join(
                f"`{m['name']}` ({m['kind']}, {m['entity_id']})" for m in found["planted"]["missed"][:15]))
    report.write({
        "args": {k: str(v) for k, v in vars(args).items()}, "index_entities": len(index), "index_names": index.name_count,
        "index_seconds": index_s, "inputs": [{"records": d.records, "path": str(d.path), "distinct_queries": d.distinct,
                                              "planted": len(d.planted), "seconds": d.seconds, "cached": d.cached}
                                             for d in inputs],
        "sets": sets, **targets, "cores": cores,
        "code_fingerprint": code_fingerprint(), "code_snapshot": str(SNAPSHOT),
    }, args.results_dir)
    return 0


if __name__ == "__main__":
    run_main(main)

"""List loading benchmark: time and peak memory of parsing every shared list, per source and in total.

All sources together, then each source, are measured in a fresh child process each, so that its
``ru_maxrss`` is its own: first the baseline (just reading and decompressing the raw bytes of the
same files with :func:`tradewarden.lists.load.read_members`), then the real load through
:func:`tradewarden.lists.load.load_folder`; each is timed without tracing, then run again under
``tracemalloc`` for its peak of Python allocations (for the all-sources load only, unless
``--trace-sources``: tracing every source doubles the run time). Ratios are load / baseline.
The results files are rewritten after each measurement, so a run stopped early keeps what it measured.

Data: ``../shared/data/lists``. Writes ``bench/results/load_lists.json`` and ``.md``.
Run: ``.venv/bin/python bench/load_lists.py``.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

from _common import DEFAULT_LISTS, RESULTS_DIR, Report, peak_rss_mib, run_main

ALL = "(all)"


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="folder of list snapshots")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where the .json and .md go")
    parser.add_argument("--sources", nargs="*", default=None, help="measure only these sources one by one (default: all)")
    parser.add_argument("--trace-sources", action="store_true", help="tracemalloc every source, not just all of them")
    parser.add_argument("--child", default=None, help=argparse.SUPPRESS)  # one measurement, in a child process
    parser.add_argument("--trace", action="store_true", help=argparse.SUPPRESS)  # the child also traces
    return parser.parse_args()


def _timed(work: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = work()
    return time.perf_counter() - started, result


def _traced(work: Callable[[], Any]) -> float:
    tracemalloc.start()
    try:
        work()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def measure(root: Path, source: str, traced: bool = True) -> dict[str, Any]:
    """Baseline and load figures for one source (or :data:`ALL`), in this process.

    Args:
        root: the lists folder.
        source: a source name, or :data:`ALL` for every source through one ``load_folder`` call.
        traced: also run baseline and load under ``tracemalloc`` (peaks are None otherwise).
    Returns:
        Seconds, tracemalloc peaks and ru_maxrss growth of the baseline and of the load,
        with the number of files, raw bytes, entities and problems.
    """
    from tradewarden.lists.load import group_folder, load_folder, read_members

    groups = group_folder(root)
    files = [path for name, paths in groups.items() if source in (ALL, name) for path in paths]
    sources = None if source == ALL else [source]

    def baseline() -> int:
        return sum(len(content) for path in files for _, content in read_members(path))

    def load() -> dict[str, Any]:
        return load_folder(root, sources=sources)

    rss_start = peak_rss_mib()
    baseline_s, raw_bytes = _timed(baseline)
    rss_baseline = peak_rss_mib()
    cold_load_s, results = _timed(load)
    rss_load = peak_rss_mib()
    entities = sum(len(r.listed()) for r in results.values())
    problems = sum(len(r.problems) for r in results.values())
    del results
    load_s, _ = _timed(load)  # again, now that lazily built tables (FtM, rigour, ICU) exist
    return {
        "files": len(files),
        "bytes": raw_bytes,
        "entities": entities,
        "problems": problems,
        "baseline_s": baseline_s,
        "cold_load_s": cold_load_s,
        "load_s": load_s,
        "baseline_traced_peak_mib": _traced(baseline) if traced else None,
        "load_traced_peak_mib": _traced(load) if traced else None,
        "baseline_rss_growth_mib": rss_baseline - rss_start,
        "load_rss_growth_mib": rss_load - rss_start,
        "peak_rss_mib": peak_rss_mib(),
    }


def _in_child(root: Path, source: str, traced: bool) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__).resolve()), "--lists", str(root), "--child", source]
    command += ["--trace"] if traced else []
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        print(f"warning: measuring {source} failed: {tail}", file=sys.stderr)
        return {"error": tail}
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> int:
    args = _args()
    if args.child is not None:
        try:
            print(json.dumps(measure(args.lists, args.child, args.trace)))
        except Exception as exc:  # a parser bug in one source is reported by the parent, not fatal
            print(f"{type(exc).__name__}: {exc}", file=sys.stderr)
            return 1
        return 0
    from tradewarden.lists.load import group_folder

    if not args.lists.is_dir():
        print(f"error: no list folder at {args.lists}")
        return 1
    started = Report("load_lists", "List loading (all shared lists)")  # notes the start time and load
    sources = sorted(group_folder(args.lists))
    if args.sources is not None:
        sources = [source for source in sources if source in args.sources]
    measured: dict[str, dict[str, Any]] = {}
    # All sources together first: it is the headline figure. The results are rewritten after each
    # measurement, so a run stopped early (a shared machine, a deadline) still leaves what it measured.
    for source in [ALL, *sources]:
        measured[source] = _in_child(args.lists, source, source == ALL or args.trace_sources)
        print(f"{source}: {measured[source].get('cold_load_s', float('nan')):.2f} s first load", flush=True)
        pending = [name for name in [ALL, *sources] if name not in measured]
        _write(started, measured, pending, args)
    return 0


def _write(started: Report, measured: dict[str, dict[str, Any]], pending: list[str], args: argparse.Namespace) -> None:
    report = Report(started.name, started.title)
    report.started_at, report.load_at_start = started.started_at, started.load_at_start
    rows = []
    for source, stats in measured.items():
        if "error" in stats:
            rows.append([source, None, None, None, None, None, None, None, None, None, None, f"error: {stats['error']}"])
            continue
        rows.append([
            source, stats["files"], round(stats["bytes"] / 2**20, 2), stats["entities"], stats["problems"],
            round(stats["baseline_s"], 3), round(stats["cold_load_s"], 3), round(stats["load_s"], 3),
            _ratio(stats["load_s"], stats["baseline_s"]),
            _round(stats["load_traced_peak_mib"]), _ratio(stats["load_traced_peak_mib"], stats["baseline_traced_peak_mib"]),
            round(stats["load_rss_growth_mib"], 1),
        ])
    report.table(
        "Load time and peak memory per source (each in a fresh process)",
        ["source", "files", "MiB", "entities", "problems", "baseline s", "first load s", "load s", "load/baseline",
         "traced peak MiB", "traced/baseline", "rss growth MiB"],
        rows,
    )
    report.note(
        "Baseline: reading and decompressing the same files' bytes (read_members). `first load` is the "
        "first load_folder call in a fresh process (it pays for lazily built FtM/rigour/ICU tables); "
        "`load` is the second call, and the ratios use it. "
        "`traced peak` is tracemalloc's peak of Python allocations during the load (measured for the "
        "all-sources load only unless `--trace-sources` is given); "
        "`rss growth` is ru_maxrss after the load minus ru_maxrss after imports."
    )
    if pending:
        report.note(f"Not measured yet (the run was still going when this was written): {', '.join(pending)}.")
    report.write({"lists": str(args.lists), "sources": measured, "pending": pending}, args.results_dir)


def _ratio(value: float | None, base: float | None) -> float | None:
    return round(value / base, 1) if value is not None and base else None


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


if __name__ == "__main__":
    run_main(main)

"""What every bench script shares: where the lists are, loading them, timing, and reporting.

Results go to ``bench/results/<name>.json`` (machine-readable, with the environment they
were measured in) and ``bench/results/<name>.md`` (the same tables as markdown); the tables
are also printed with Rich. List data comes from ``../shared/data/lists`` by default, read
through :func:`tradewarden.lists.load.load_folder`.
"""

from __future__ import annotations

import json
import os
import platform
import resource
import subprocess
import sys
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from followthemoney.proxy import EntityProxy

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "bench" / "results"
DEFAULT_LISTS = ROOT.parent / "shared" / "data" / "lists"
Cell = str | int | float | None


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q``-th percentile (0..100) of ``values`` by linear interpolation; 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100.0
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (``ru_maxrss``), in MiB."""
    usage = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return usage / 1024.0 if sys.platform != "darwin" else usage / (1024.0 * 1024.0)


def load_listed(
    root: Path, sources: list[str] | None = None
) -> tuple[list[EntityProxy], dict[str, dict[str, Any]]]:
    """Parse the lists below ``root`` and keep the listed parties.

    A source whose parser crashes is reported in the stats (``error``) and skipped, so one
    broken parser does not stop a benchmark of the others.

    Args:
        root: a folder laid out like ``shared/data/lists``.
        sources: only these sources (None: all found).
    Returns:
        The listed entities of all sources, and per source the entity and problem counts.
    """
    from tradewarden.lists.load import group_folder, parse_files

    entities: list[EntityProxy] = []
    stats: dict[str, dict[str, Any]] = {}
    for source, files in sorted(group_folder(root).items()):
        if sources is not None and source not in sources:
            continue
        try:
            result = parse_files(source, files)
        except Exception as exc:  # another team's parser bug must not hide the other lists
            stats[source] = {"entities": 0, "problems": 0, "error": f"{type(exc).__name__}: {exc}"}
            print(f"warning: {source} failed to load: {type(exc).__name__}: {exc}", file=sys.stderr)
            continue
        listed = result.listed()
        entities.extend(listed)
        stats[source] = {"entities": len(listed), "problems": len(result.problems)}
    return entities, stats


def load_average() -> list[float] | None:
    """The 1, 5 and 15 minute load averages of the machine (None where the OS has none)."""
    try:
        return [round(value, 2) for value in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def _git(*args: str) -> str:
    try:
        done = subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False)
    except OSError:
        return ""
    return done.stdout.rstrip()  # not strip(): "git status --porcelain" lines start with a space


def environment() -> dict[str, Any]:
    """Where a result was measured: machine, Python, package versions, commit (and local changes), time."""
    versions = {}
    for package in ("tradewarden", "followthemoney", "rigour", "rapidfuzz", "nomenklatura", "faker"):
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = None
    commit = _git("rev-parse", "--short", "HEAD").strip()
    # Uncommitted changes to the code under test (the benchmark folder itself is left out).
    changed = [line[3:] for line in _git("status", "--porcelain", "--", "src").splitlines() if line]
    return {
        "measured_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "python": platform.python_version(),
        "machine": platform.machine(),
        "processor": platform.processor() or platform.machine(),
        "cpu_count": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None,
        "packages": versions,
        "commit": commit,
        "uncommitted_src_files": changed,
        "load_average": load_average(),
    }


def fmt(value: Cell, digits: int = 3) -> str:
    """A table cell: floats rounded to ``digits``, None as an en dash."""
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:.{digits}f}"
    return str(value)


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> str:
    """A GitHub markdown table."""
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(fmt(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def print_table(title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
    """Print a table with Rich."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for header in headers:
        table.add_column(header)
    for row in rows:
        table.add_row(*(fmt(cell) for cell in row))
    Console(width=160).print(table)


class Report:
    """Collects titled tables and notes, then writes ``<name>.json`` and ``<name>.md``."""

    def __init__(self, name: str, title: str) -> None:
        self.name = name
        self.title = title
        self.sections: list[str] = []
        self.started_at = datetime.now(UTC).isoformat(timespec="seconds")
        # The machine is shared: the load at start and end says how much the figures can be trusted.
        self.load_at_start = load_average()

    def table(self, title: str, headers: Sequence[str], rows: Sequence[Sequence[Cell]]) -> None:
        """Add and print one table."""
        print_table(title, headers, rows)
        self.sections.append(f"## {title}\n\n{markdown_table(headers, rows)}")

    def note(self, text: str) -> None:
        """Add and print a paragraph."""
        print(text)
        self.sections.append(text)

    def write(self, payload: dict[str, Any], results_dir: Path = RESULTS_DIR) -> tuple[Path, Path]:
        """Write the JSON payload (with the environment added) and the markdown tables.

        Returns:
            The JSON and markdown paths.
        """
        results_dir.mkdir(parents=True, exist_ok=True)
        env = environment()
        env["started_at"] = self.started_at
        env["load_average_start"] = self.load_at_start
        env["load_average_end"] = env.pop("load_average")
        json_path = results_dir / f"{self.name}.json"
        md_path = results_dir / f"{self.name}.md"
        json_path.write_text(json.dumps({"environment": env, **payload}, indent=2, ensure_ascii=False) + "\n")
        changed = env["uncommitted_src_files"]
        commit = (env["commit"] or "?") + (f" plus uncommitted changes to {len(changed)} src files" if changed else "")
        header = (
            f"# {self.title}\n\nMeasured {env['started_at']} to {env['measured_at']} on {env['processor']} "
            f"({env['cpu_count']} CPUs, Python {env['python']}, commit {commit}). "
            f"Load average (1/5/15 min) at start {_loads(self.load_at_start)}, at end "
            f"{_loads(env['load_average_end'])}: the machine is shared, so timings are pessimistic when "
            f"the load exceeds the CPU count. Regenerate with `.venv/bin/python bench/{self.name}.py`."
        )
        md_path.write_text("\n\n".join([header, *self.sections]) + "\n")
        print(f"wrote {_shown(json_path)} and {_shown(md_path)}")
        return json_path, md_path


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _loads(values: list[float] | None) -> str:
    return "/".join(f"{value:.2f}" for value in values) if values else "unknown"


def run_main(main: Callable[[], int]) -> None:
    """Run a bench ``main`` and exit with its status; errors print one line, not a traceback."""
    try:
        from tradewarden.errors import TradewardenError
    except ImportError:  # pragma: no cover - the package is always installed in .venv
        TradewardenError = RuntimeError  # type: ignore[misc,assignment]  # noqa: N806
    try:
        sys.exit(main())
    except (TradewardenError, OSError, ImportError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        sys.exit(1)
    except KeyboardInterrupt:
        sys.exit(130)

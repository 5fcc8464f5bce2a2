"""Batch screening of many parties: one per-record function, two engines (local and Dask).

Read a CSV, JSONL or Parquet file of parties in chunks, screen each record against a
``MatchIndex``, and write one output row per record (``{"id", "decision", "matches"}``), a rejects
file and a summary; an interrupted run resumes from its checkpoint. ``run_batch`` is the entry
point used by ``tradewarden batch`` and ``tradewarden match --in/--out``::

    from tradewarden.batch import BatchJob, run_batch
    summary = run_batch(BatchJob(Path("parties.csv"), Path("results.parquet")), index, engine="dask")

With ``BatchJob(orders=True)`` the input is JSONL of orders instead, each screened with
:func:`tradewarden.screen.screen_order` (pass the list side tables as an ``OrderContext``).
"""

from __future__ import annotations

from tradewarden.batch.engine import DEFAULT_CHUNK_SIZE, BatchEngine, BatchJob, ProgressSink
from tradewarden.batch.local import LocalEngine
from tradewarden.batch.orders import OrderContext
from tradewarden.batch.records import COLUMNS, PartyRecord, RawRecord, Reject, check_record
from tradewarden.batch.screening import (
    BLOCK_SCORE,
    ScreenOptions,
    match_row,
    party_decision,
    screen_chunk,
    screen_party,
)
from tradewarden.batch.summary import BatchSummary, ChunkStats, render_html
from tradewarden.errors import ConfigError
from tradewarden.match.index import MatchIndex

ENGINES = ("local", "dask")


def make_engine(name: str = "local", scheduler: str | None = None, workers: int | None = None) -> BatchEngine:
    """An engine by name.

    Args:
        name: ``local`` (this process) or ``dask``.
        scheduler: a Dask scheduler address (``tcp://HOST:8786``); Dask only.
        workers: Dask worker processes (a LocalCluster's size, or how many to wait for).
    Returns:
        The engine.
    Raises:
        ConfigError: unknown engine, or Dask options given to the local engine.
    """
    if name == "local":
        if scheduler is not None or workers is not None:
            raise ConfigError("--scheduler and --workers apply to --engine dask only")
        return LocalEngine()
    if name == "dask":
        from tradewarden.batch.dask_engine import DaskEngine

        return DaskEngine(scheduler=scheduler, workers=workers)
    raise ConfigError(f"unknown engine {name!r}; use one of {', '.join(ENGINES)}")


def run_batch(
    job: BatchJob,
    index: MatchIndex,
    engine: str | BatchEngine = "local",
    progress: ProgressSink | None = None,
    context: OrderContext | None = None,
) -> BatchSummary:
    """Screen every party (or, with ``job.orders``, every order) of ``job.input`` against ``index``.

    Args:
        job: input, output, rejects and summary paths, chunk size, thresholds, resume.
        index: the match index.
        engine: ``"local"``, ``"dask"`` (a LocalCluster) or a configured ``BatchEngine``.
        progress: where to report progress (``batch.progress.RichProgress`` for a bar).
        context: for orders, the list side tables and policies (default: none known).
    Returns:
        The summary of the whole batch.
    """
    runner = make_engine(engine) if isinstance(engine, str) else engine
    return runner.run(job, index, progress, context)


__all__ = [
    "BLOCK_SCORE",
    "COLUMNS",
    "DEFAULT_CHUNK_SIZE",
    "ENGINES",
    "BatchEngine",
    "BatchJob",
    "BatchSummary",
    "ChunkStats",
    "LocalEngine",
    "OrderContext",
    "PartyRecord",
    "ProgressSink",
    "RawRecord",
    "Reject",
    "ScreenOptions",
    "check_record",
    "make_engine",
    "match_row",
    "party_decision",
    "render_html",
    "run_batch",
    "screen_chunk",
    "screen_party",
]

"""``tradewarden batch``: screen a file of parties (or orders), locally or on a Dask cluster.

A thin wrapper over :func:`tradewarden.batch.run_batch`: it finds the match index (``--index``
or the store's current lists, via :func:`tradewarden.match.service.load_index`; for orders also
the list side tables and policies, via :func:`tradewarden.screen_service.load_screening`), shows
a Rich progress bar and prints the summary.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from tradewarden.batch import DEFAULT_CHUNK_SIZE, BatchJob, ScreenOptions, make_engine, run_batch
from tradewarden.batch.orders import OrderContext
from tradewarden.batch.summary import summary_tables
from tradewarden.match.index import MatchIndex, freeze_long_lived
from tradewarden.match.model import DEFAULT_THRESHOLD
from tradewarden.settings import get_settings


class EngineName(StrEnum):
    """Where chunks are screened."""

    LOCAL = "local"
    DASK = "dask"


InputArg = Annotated[Path, typer.Argument(metavar="INPUT", help=(
    "Parties to screen: .csv, .jsonl or .parquet (.gz allowed for csv/jsonl) with columns id, name and optionally "
    "schema, country, dob, address, email, phone, website, identifier; with --orders, JSONL of orders."))]
OutOption = Annotated[Path, typer.Option("--out", "-o", help=(
    "Result file: .jsonl, .csv or .parquet; one row per record with id, decision and matches (or findings)."))]
EngineOption = Annotated[EngineName, typer.Option("--engine", help="local: this process; dask: a Dask cluster.")]
SchedulerOption = Annotated[str | None, typer.Option("--scheduler", help=(
    "Address of a running Dask scheduler (tcp://HOST:8786); default: a LocalCluster sized to this machine."))]
WorkersOption = Annotated[int | None, typer.Option("--workers", min=1, help=(
    "Dask worker processes of the LocalCluster (or, with --scheduler, how many to wait for)."))]
ChunkSizeOption = Annotated[int, typer.Option(
    "--chunk-size", min=1, help="Records per chunk: the unit of work and of resuming.")]
MinScoreOption = Annotated[float, typer.Option("--min-score", min=0.0, max=1.0, help=(
    "Leave out candidates scoring below this (decisions use the alert threshold regardless)."))]
RejectsOption = Annotated[Path | None, typer.Option("--rejects", help=(
    "Rejected records with line and reason (.csv or .jsonl); default OUTPUT-STEM.rejects.csv."))]
SummaryOption = Annotated[Path | None, typer.Option("--summary-html", help="Also write an HTML summary with charts here.")]
IndexOption = Annotated[Path | None, typer.Option(
    "--index", help="A saved match index file; default: the store's current lists.")]
OrdersOption = Annotated[bool, typer.Option("--orders", help=(
    "INPUT is JSONL of orders (docs/order.schema.json), screened like `tradewarden screen`."))]
ResumeOption = Annotated[bool, typer.Option("--resume/--no-resume", help=(
    "Continue an interrupted run of the same command from its last finished chunk."))]
ProgressOption = Annotated[bool, typer.Option("--progress/--no-progress", help="Show a progress bar on stderr.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print the summary as JSON.")]


def _index(path: Path | None, orders: bool) -> tuple[MatchIndex, OrderContext | None]:
    """The saved index at ``path`` (orders: with no list side tables), else what the store's
    current lists give."""
    if path is not None:
        index = MatchIndex.load(path)
        freeze_long_lived()  # the run's whole life: out of the collector's full scans
        return index, OrderContext() if orders else None
    from tradewarden.errors import NotFound
    from tradewarden.match.service import current_version_ids, load_index
    from tradewarden.screen_service import load_screening
    from tradewarden.store import Store

    settings = get_settings()
    store = Store.open(settings)
    try:
        if not current_version_ids(store):
            raise NotFound("no lists are loaded; run `tradewarden lists update` first, or pass --index")
        if not orders:
            return load_index(store, settings), None
        screening = load_screening(store, settings)
        return screening.index, OrderContext(screening.lists, screening.policy, screening.confirm)
    finally:
        store.close()


def batch(
    input_path: InputArg,
    out: OutOption,
    engine: EngineOption = EngineName.LOCAL,
    scheduler: SchedulerOption = None,
    workers: WorkersOption = None,
    chunk_size: ChunkSizeOption = DEFAULT_CHUNK_SIZE,
    min_score: MinScoreOption = DEFAULT_THRESHOLD,
    rejects: RejectsOption = None,
    summary_html: SummaryOption = None,
    index: IndexOption = None,
    orders: OrdersOption = False,
    resume: ResumeOption = True,
    progress: ProgressOption = True,
    as_json: JsonOption = False,
) -> None:
    """Screen every party in a file against the lists; write decisions, matches, rejects and a summary.

    Decisions: block (exact identifier or score >= 0.97), review (a candidate at or above the
    alert threshold, --min-score's default), clear. With --orders, each JSONL line is an order and gets the
    decision of `tradewarden screen`. Bad records go to the rejects file and the batch goes on.
    A killed run, started again with the same arguments, resumes from its last finished chunk.

    Example: tradewarden batch parties.csv --out results.parquet --engine dask --summary-html summary.html
    """
    from tradewarden.batch.progress import RichProgress

    runner = make_engine(engine.value, scheduler=scheduler, workers=workers)
    job = BatchJob(
        input=input_path, output=out, rejects=rejects, summary_html=summary_html, chunk_size=chunk_size,
        options=ScreenOptions(min_score=min_score), resume=resume, orders=orders,
    )
    loaded, context = _index(index, orders)
    err = Console(stderr=True, highlight=False)
    try:
        summary = run_batch(job, loaded, runner, RichProgress(console=err) if progress else None, context)
    except KeyboardInterrupt:
        err.print(f"interrupted: finished chunks are kept in {job.work_folder}; run the same command again to resume")
        raise typer.Exit(130) from None
    if as_json:
        typer.echo(json.dumps(summary.to_dict(), indent=2, ensure_ascii=False))
        return
    console = Console(highlight=False)
    for table in summary_tables(summary):
        console.print(table)
    resumed = f", {summary.resumed_chunks} of {summary.chunks} chunks resumed" if summary.resumed_chunks else ""
    console.print(
        f"{summary.records:,} records in {summary.elapsed_s:,.1f} s ({summary.records_per_s:,.0f} records/s{resumed}); "
        f"wrote {summary.output}, rejects {summary.rejects}" + (f", summary {summary_html}" if summary_html else "")
    )


def register(app: typer.Typer) -> None:
    """Add the ``batch`` command to ``app``."""
    app.command(name="batch")(batch)

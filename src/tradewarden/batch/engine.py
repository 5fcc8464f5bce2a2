"""The batch flow, run by a base class in ``@final`` methods; engines fill in three hooks.

``BatchEngine.run(job, index)`` reads the input in chunks (:mod:`tradewarden.batch.io`), skips
chunks an interrupted run already finished (:mod:`tradewarden.batch.checkpoint`), hands the rest
to the engine's ``_screen`` hook, records each result as it arrives, and finally assembles the
output and rejects files atomically and merges the summary. The hooks:

* ``_start(index, index_file, task)`` - get ready (keep or ship the index and the task, start or
  join a cluster);
* ``_screen(chunks)`` - yield a ``ChunkResult`` for every chunk, in any order, by calling
  :func:`~tradewarden.batch.task.run_chunk` somewhere (or a ``PackedChunk``, the same result
  packed as part-file bytes where it was screened, see :func:`~tradewarden.batch.checkpoint.pack`);
* ``_stop()`` - release resources (always called).

Because every engine runs the same per-chunk function and the base class alone writes files,
the output is byte-identical whichever engine ran and however often the run was interrupted.
"""

from __future__ import annotations

import hashlib
import time
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol, final

from tradewarden.batch.checkpoint import Checkpoint, PackedChunk, fingerprint
from tradewarden.batch.io import (
    ORDER_SCHEMA,
    REJECT_SCHEMA,
    RESULT_SCHEMA,
    assemble,
    count_records,
    file_format,
    iter_chunks,
    read_records,
)
from tradewarden.batch.orders import OrderContext
from tradewarden.batch.screening import Chunk, ChunkResult, ScreenOptions
from tradewarden.batch.summary import BatchSummary, ChunkStats, render_html
from tradewarden.batch.task import ScreenTask
from tradewarden.errors import InputError
from tradewarden.match.index import MatchIndex

#: Records per chunk: the unit of work, of checkpointing and of Dask tasks.
DEFAULT_CHUNK_SIZE = 1000


@dataclass(frozen=True, slots=True)
class BatchJob:
    """One batch to run.

    Attributes:
        input: the CSV, JSONL or Parquet file of parties (JSONL of orders when ``orders``).
        output: the result file (format from its suffix).
        rejects: the rejects file; default ``<output stem>.rejects.csv`` beside the output.
        summary_html: where to write the HTML summary, if anywhere.
        chunk_size: records per chunk.
        options: thresholds and limits of screening.
        resume: continue an interrupted run of the same job instead of starting afresh.
        orders: the input holds orders, screened with ``screen_order``, not parties.
    """

    input: Path
    output: Path
    rejects: Path | None = None
    summary_html: Path | None = None
    chunk_size: int = DEFAULT_CHUNK_SIZE
    options: ScreenOptions = field(default_factory=ScreenOptions)
    resume: bool = True
    orders: bool = False

    @property
    def rejects_path(self) -> Path:
        """The rejects file in force."""
        if self.rejects is not None:
            return self.rejects
        name = self.output.name.split(".", 1)[0] or "batch"
        return self.output.with_name(f"{name}.rejects.csv")

    @property
    def work_folder(self) -> Path:
        """The checkpoint folder, ``<output>.parts`` beside the output."""
        return self.output.with_name(self.output.name + ".parts")


class ProgressSink(Protocol):
    """Where a run reports progress (``batch.progress.RichProgress`` draws a bar)."""

    def start(self, total: int | None, done: int) -> None:
        """The run begins: ``total`` records (None if unknown), ``done`` of them already screened."""

    def advance(self, records: int) -> None:
        """``records`` more records were screened or rejected."""

    def finish(self) -> None:
        """The run ended (successfully or not)."""


def _check_paths(job: BatchJob) -> None:
    if job.chunk_size < 1:
        raise InputError("chunk size must be at least 1", field="chunk_size")
    file_format(job.input)
    if not job.input.is_file():
        raise InputError(f"{job.input}: no such file", field=str(job.input))
    for path, what in ((job.output, "output"), (job.rejects_path, "rejects")):
        if path.suffix.lower() == ".gz":
            raise InputError(f"{path.name}: compressed {what} files are not written; drop .gz", field=what)
        file_format(path)
    if job.output.resolve() == job.input.resolve():
        raise InputError("the output would overwrite the input", field="output")


class BatchEngine(ABC):
    """Runs a ``BatchJob``; subclasses decide where chunks are screened."""

    #: The engine's name in summaries and on the command line.
    name: ClassVar[str]

    @final
    def run(
        self,
        job: BatchJob,
        index: MatchIndex,
        progress: ProgressSink | None = None,
        context: OrderContext | None = None,
    ) -> BatchSummary:
        """Screen every record of ``job.input`` and write the output, rejects and summary.

        Args:
            job: what to read, write and screen for.
            index: the match index (the same one for every chunk and engine).
            progress: where to report progress, if anywhere.
            context: list side tables and policies for orders (default: none known).
        Returns:
            The merged summary of the whole input (earlier runs' chunks included).
        Raises:
            InputError: the input cannot be read or a path is unusable.
        """
        started = time.perf_counter()
        _check_paths(job)
        job.work_folder.mkdir(parents=True, exist_ok=True)
        index_file = job.work_folder / "index.idx"
        index.save(index_file)
        with index_file.open("rb") as handle:
            index_digest = hashlib.file_digest(handle, "sha256").hexdigest()
        task = ScreenTask(job.options, (context or OrderContext()) if job.orders else None)
        settings = {
            "chunk_size": job.chunk_size, "options": asdict(job.options), "index": index_digest,
            "orders": None if task.orders is None else task.orders.identity(),
        }
        schema = ORDER_SCHEMA if job.orders else RESULT_SCHEMA
        checkpoint = Checkpoint.open(job.work_folder, fingerprint(job.input, settings), job.resume, schema)
        resumed = len(checkpoint.completed)
        counts = {"chunks": 0, "processed": 0}
        if progress is not None:
            done = sum(self._records(checkpoint.stats(c)) for c in checkpoint.completed)
            progress.start(count_records(job.input), done)
        try:
            self._start(index, index_file, task)
            try:
                raw_records = read_records(job.input, orders=job.orders)
                pending = self._pending(iter_chunks(raw_records, job.chunk_size), checkpoint, counts)
                for result in self._screen(pending):
                    checkpoint.save(result)
                    records = result.records
                    counts["processed"] += records
                    if progress is not None:
                        progress.advance(records)
            finally:
                self._stop()
        finally:
            if progress is not None:
                progress.finish()
        return self._finish(job, checkpoint, counts, resumed, time.perf_counter() - started)

    @final
    def _pending(self, chunks: Iterator[Chunk], checkpoint: Checkpoint, counts: dict[str, int]) -> Iterator[Chunk]:
        """Every chunk not finished by an earlier run (counting all of them)."""
        for chunk in chunks:
            counts["chunks"] += 1
            if chunk.chunk_id not in checkpoint.completed:
                yield chunk

    @staticmethod
    def _records(stats: ChunkStats) -> int:
        return stats.screened + stats.rejected

    @final
    def _finish(
        self, job: BatchJob, checkpoint: Checkpoint, counts: dict[str, int], resumed: int, elapsed: float
    ) -> BatchSummary:
        """Assemble the output and rejects files, merge the counts, write the HTML summary."""
        rows, rejects = checkpoint.parts(counts["chunks"])
        stats = ChunkStats()
        for chunk_id in range(counts["chunks"]):
            stats.merge(checkpoint.stats(chunk_id))
        assemble(rows, job.output, checkpoint.schema)
        assemble(rejects, job.rejects_path, REJECT_SCHEMA)
        summary = BatchSummary(
            stats=stats, engine=self.name, output=str(job.output), rejects=str(job.rejects_path),
            chunks=counts["chunks"], resumed_chunks=resumed, processed=counts["processed"], elapsed_s=elapsed,
        )
        if job.summary_html is not None:
            job.summary_html.parent.mkdir(parents=True, exist_ok=True)
            tmp = job.summary_html.with_name(f".{job.summary_html.name}.tmp")
            tmp.write_text(render_html(summary), encoding="utf-8")
            tmp.replace(job.summary_html)
        checkpoint.remove()
        return summary

    # -- hooks ----------------------------------------------------------------------------------

    @abstractmethod
    def _start(self, index: MatchIndex, index_file: Path, task: ScreenTask) -> None:
        """Get ready to screen for ``task`` with ``index`` (also saved at ``index_file`` for remote workers)."""

    @abstractmethod
    def _screen(self, chunks: Iterator[Chunk]) -> Iterator[ChunkResult | PackedChunk]:
        """Yield one ``run_chunk`` result (or its ``pack``) per chunk of ``chunks``, in any order; pull chunks lazily."""

    def _stop(self) -> None:  # noqa: B027 - optional hook
        """Release whatever ``_start`` acquired; called even when screening failed."""

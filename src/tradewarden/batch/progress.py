"""A Rich progress bar for batch runs: records done, rate, elapsed time and ETA.

Implements :class:`~tradewarden.batch.engine.ProgressSink`; writes to stderr so that a batch
writing to stdout-friendly files keeps its terminal output readable.
"""

from __future__ import annotations

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskID,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text


class RateColumn(ProgressColumn):
    """Records per second of this run (resumed records excluded)."""

    def render(self, task: Task) -> Text:
        """The rate as ``1,234 rec/s``."""
        speed = task.finished_speed or task.speed
        return Text("" if speed is None else f"{speed:,.0f} rec/s", style="cyan")


class RichProgress:
    """A progress bar over the records of a batch (``start`` / ``advance`` / ``finish``)."""

    def __init__(self, description: str = "screening", console: Console | None = None) -> None:
        self._progress = Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TaskProgressColumn(),
            RateColumn(), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=console or Console(stderr=True), transient=False,
        )
        self._description = description
        self._task: TaskID | None = None

    def start(self, total: int | None, done: int) -> None:
        """Show the bar; ``done`` records came from an earlier run and do not count in the rate."""
        self._progress.start()
        # Records of an earlier run start the bar without entering Rich's speed estimate.
        self._task = self._progress.add_task(self._description, total=total, completed=done)

    def advance(self, records: int) -> None:
        """Move the bar by ``records``."""
        if self._task is not None:
            self._progress.advance(self._task, records)

    def finish(self) -> None:
        """Stop drawing."""
        self._progress.stop()

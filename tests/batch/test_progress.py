"""The Rich progress bar counts resumed records in the bar but not in the rate."""

from __future__ import annotations

import io

from rich.console import Console

from tradewarden.batch.progress import RichProgress


def test_progress_shows_done_total_and_rate() -> None:
    out = io.StringIO()
    bar = RichProgress(console=Console(file=out, width=120, force_terminal=False))
    bar.start(total=1000, done=400)
    task = bar._progress.tasks[0]
    assert (task.completed, task.total) == (400, 1000) and task.speed is None
    bar.advance(100)
    bar.advance(100)
    bar.finish()
    assert task.completed == 600
    assert "600/1000" in out.getvalue() and "rec/s" in out.getvalue()

"""The single-process engine: every chunk screened in this process, in input order.

The baseline the Dask engine is measured and tested against; the index is the one passed to
``run`` (no copy), and repeated identical records are matched once (``ResultCache``).

While it runs, the objects already in the process (the index among them) are frozen out of the
garbage collector's full collections (``gc.freeze``), which otherwise scan the whole index again
and again; the freeze is undone at the end, unless the process had frozen objects itself.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

from tradewarden.batch.engine import BatchEngine
from tradewarden.batch.screening import Chunk, ChunkResult, ResultCache
from tradewarden.batch.task import ScreenTask, run_chunk
from tradewarden.match.index import MatchIndex


class LocalEngine(BatchEngine):
    """Screens chunks one after another in the calling process."""

    name = "local"

    def __init__(self) -> None:
        self._index: MatchIndex | None = None
        self._task = ScreenTask()
        self._cache = ResultCache()
        self._froze = False

    def _start(self, index: MatchIndex, index_file: Path, task: ScreenTask) -> None:
        self._index = index
        self._task = task
        self._cache = ResultCache()
        self._froze = gc.get_freeze_count() == 0
        if self._froze:
            gc.freeze()

    def _screen(self, chunks: Iterator[Chunk]) -> Iterator[ChunkResult]:
        assert self._index is not None, "_start sets the index"
        for chunk in chunks:
            yield run_chunk(self._index, chunk, self._task, self._cache)

    def _stop(self) -> None:
        self._index = None
        if self._froze:
            gc.unfreeze()
            self._froze = False

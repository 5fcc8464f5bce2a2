"""What a run screens every chunk for, and the one function both engines call per chunk.

A ``ScreenTask`` is either parties with their ``ScreenOptions`` or orders with their
``OrderContext``; :func:`run_chunk` dispatches to :func:`~tradewarden.batch.screening.screen_chunk`
or :func:`~tradewarden.batch.orders.screen_order_chunk`. The Dask engine ships the task to each
worker once, like the index.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from tradewarden.batch.orders import OrderContext, screen_order_chunk
from tradewarden.batch.screening import Chunk, ChunkResult, ResultCache, ScreenOptions, screen_chunk
from tradewarden.match.index import MatchIndex


@dataclass(frozen=True)
class ScreenTask:
    """Parties screened with ``options``, or (``orders`` set) orders screened in that context."""

    options: ScreenOptions = field(default_factory=ScreenOptions)
    orders: OrderContext | None = None


def run_chunk(index: MatchIndex, chunk: Chunk, task: ScreenTask, cache: ResultCache | None = None) -> ChunkResult:
    """Screen one chunk for ``task``.

    Args:
        index: the match index.
        chunk: the raw records.
        task: parties or orders, and how.
        cache: results of earlier identical party queries (parties only).
    Returns:
        The chunk's rows, rejects and statistics.
    """
    if task.orders is not None:
        return screen_order_chunk(index, chunk, task.orders)
    return screen_chunk(index, chunk, task.options, cache)

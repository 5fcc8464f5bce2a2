"""The Dask engine: the same per-chunk function, run over chunks on a Dask cluster.

Needs the ``dask`` extra (``pip install 'tradewarden[dask]'``; imported only when used). With no
scheduler address it starts a ``LocalCluster`` sized to this machine (one single-threaded worker
process per CPU, as matching is CPU-bound Python); with ``tcp://HOST:8786`` it joins an existing
cluster (``dask scheduler`` + ``dask worker``, dask-jobqueue, dask-kubernetes; see docs/batch.md).

The index travels once: the saved index file's bytes are scattered to every worker with
``broadcast=True`` (workers that join later fetch them from a peer), and each worker process
loads them into a ``MatchIndex`` on its first chunk and keeps it for the rest of the run. Workers
need tradewarden installed, nothing else: no shared filesystem, no database; at start every worker
must report the same :func:`code_fingerprint` as the driver (the same tradewarden code and data),
since another matcher would give other results. The driver reads the input and writes every file,
so at most ``window`` chunks are in flight and memory stays bounded.

Workers send each screened chunk back packed (:func:`~tradewarden.batch.checkpoint.pack`: the
bytes of its Arrow part files and its counts), so the driver - which on a small machine shares
the CPUs with the workers - only writes bytes, with no per-record Python. A ``LocalCluster``
started here runs with the workers' statistical profiler off and Dask's own monitoring less often
(:data:`LOCAL_CLUSTER_CONFIG`).
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any
from uuid import uuid4

from tradewarden.batch.checkpoint import PackedChunk, pack
from tradewarden.batch.engine import BatchEngine
from tradewarden.batch.io import ORDER_SCHEMA, RESULT_SCHEMA
from tradewarden.batch.screening import Chunk, ResultCache
from tradewarden.batch.task import ScreenTask, run_chunk
from tradewarden.errors import ConfigError, TradewardenError
from tradewarden.match.index import MatchIndex, freeze_long_lived

#: Seconds to wait for a scheduler to answer, and for ``--workers N`` workers to join it.
CONNECT_TIMEOUT = 60.0

#: Dask settings of a ``LocalCluster`` started for a run (passed on to its worker processes). The
#: workers' statistical profiler samples every thread's stack 100 times a second, taking the GIL
#: from the matcher for a dashboard nobody watches during a batch; the event-loop tick (every 20 ms),
#: system monitor (500 ms) and nannies' memory check (100 ms) run in the driver's process too, on
#: the same CPUs as the workers (on 2 busy CPUs these intervals cut it from ~3.5 % to ~1.5 % of a core).
LOCAL_CLUSTER_CONFIG: dict[str, object] = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}

_WORKER_LOCK = threading.Lock()
_WORKER_INDEX: dict[str, MatchIndex] = {}
_WORKER_CACHE = threading.local()


@dataclass(frozen=True, slots=True)
class IndexPayload:
    """A saved match index as bytes, named by its sha256 (what gets scattered to workers)."""

    digest: str
    data: bytes


def worker_index(payload: IndexPayload) -> MatchIndex:
    """The ``MatchIndex`` of ``payload`` in this worker process, loaded on first use.

    Args:
        payload: the scattered index bytes.
    Returns:
        The index, shared by every task of this process.
    """
    with _WORKER_LOCK:
        index = _WORKER_INDEX.get(payload.digest)
        if index is None:
            with tempfile.TemporaryDirectory(prefix="tradewarden-index-") as folder:
                path = Path(folder) / "index.idx"
                path.write_bytes(payload.data)
                index = MatchIndex.load(path)
            _WORKER_INDEX.clear()  # one run's index at a time
            _WORKER_INDEX[payload.digest] = index
            freeze_long_lived()  # the index lives as long as the worker: keep it out of every full collection
        return index


def screen_chunk_task(payload: IndexPayload, chunk: Chunk, task: ScreenTask) -> PackedChunk:
    """The Dask task: screen one chunk with the worker's copy of the index, and pack the result."""
    index = worker_index(payload)
    cache = getattr(_WORKER_CACHE, "cache", None)
    if cache is None or getattr(_WORKER_CACHE, "digest", None) != payload.digest:
        cache = ResultCache()
        _WORKER_CACHE.cache, _WORKER_CACHE.digest = cache, payload.digest
    return pack(run_chunk(index, chunk, task, cache), RESULT_SCHEMA if task.orders is None else ORDER_SCHEMA)


@cache
def code_fingerprint() -> str:
    """sha256 over every source and data file of the tradewarden package this process runs.

    Equal on the driver and every worker, or their results could differ (another matcher).
    The mypyc builds (``tradewarden._native``) are left out: an extension runs only while it
    was built from the source hashed here, and computes what that source does, so a worker
    without a compiler runs the same matcher.
    """
    import tradewarden
    from tradewarden._native import HASHES_FILE

    root = Path(tradewarden.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.suffix in (".so", ".pyd") or path.name == HASHES_FILE:
            continue
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            digest.update(path.relative_to(root).as_posix().encode() + b"\0")
            digest.update(path.read_bytes())
    return digest.hexdigest()


def default_workers() -> int:
    """Worker processes of a default ``LocalCluster``: the CPUs this process may use."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def _distributed() -> Any:
    try:
        import distributed
    except ImportError as exc:
        raise ConfigError("--engine dask needs Dask: pip install 'tradewarden[dask]'") from exc
    return distributed


class DaskEngine(BatchEngine):
    """Screens chunks as tasks on a Dask cluster (a local one unless ``scheduler`` is given).

    Args:
        scheduler: address of a running scheduler (``tcp://HOST:8786``), or None for a
            ``LocalCluster``.
        workers: worker processes of the ``LocalCluster`` (default: one per CPU); with a
            scheduler, wait until at least this many workers have joined.
        window: chunks in flight at once (default: three per worker).
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, window: int | None = None) -> None:
        if workers is not None and workers < 1:
            raise ConfigError("--workers must be at least 1")
        self._scheduler = scheduler
        self._workers = workers
        self._window = window
        self._cluster: Any = None
        self._client: Any = None
        self._payload: Any = None
        self._task: Any = None

    @property
    def client(self) -> Any:
        """The ``distributed.Client`` while a run is going (None otherwise)."""
        return self._client

    def _start(self, index: MatchIndex, index_file: Path, task: ScreenTask) -> None:
        distributed = _distributed()
        import logging

        try:
            if self._scheduler is None:
                # ":0": the scheduler always serves HTTP, and the default port 8787 may be taken.
                import dask

                with dask.config.set(LOCAL_CLUSTER_CONFIG):
                    self._cluster = distributed.LocalCluster(
                        n_workers=self._workers or default_workers(), threads_per_worker=1, processes=True,
                        dashboard_address=":0", silence_logs=logging.ERROR,
                    )
                self._client = distributed.Client(self._cluster, set_as_default=False)
            else:
                self._client = distributed.Client(self._scheduler, timeout=CONNECT_TIMEOUT, set_as_default=False)
                if self._workers:
                    self._client.wait_for_workers(self._workers, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError, RuntimeError) as exc:
            self._stop()
            where = self._scheduler or "a local cluster"
            hint = "" if self._scheduler else " (a Python script that starts one needs `if __name__ == '__main__':`)"
            raise ConfigError(f"cannot start Dask on {where}: {exc}{hint}", scheduler=self._scheduler) from exc
        self._check_code()
        data = index_file.read_bytes()
        payload = IndexPayload(hashlib.sha256(data).hexdigest(), data)
        self._payload = self._client.scatter(payload, broadcast=True, hash=False)
        self._task = self._client.scatter(task, broadcast=True, hash=False)  # order context can be large

    def _check_code(self) -> None:
        """Refuse workers that run other tradewarden code than this process."""
        mine = code_fingerprint()
        theirs = self._client.run(code_fingerprint)
        other = sorted(address for address, digest in theirs.items() if digest != mine)
        if other:
            self._stop()
            raise ConfigError(
                f"Dask workers {', '.join(other[:3])} run a different tradewarden than this process; "
                "install the same version everywhere", workers=other,
            )

    def _worker_count(self) -> int:
        return max(1, len(self._client.scheduler_info().get("workers", {})))

    def _screen(self, chunks: Iterator[Chunk]) -> Iterator[PackedChunk]:
        distributed = _distributed()
        window = self._window or 3 * self._worker_count()
        run = uuid4().hex[:12]
        running = distributed.as_completed(loop=self._client.loop)
        in_flight = 0

        def submit(chunk: Chunk) -> None:
            future = self._client.submit(
                screen_chunk_task, self._payload, chunk, self._task,
                key=f"tradewarden-chunk-{run}-{chunk.chunk_id}", pure=False, retries=1,
            )
            running.add(future)

        def collect(future: Any) -> PackedChunk:
            try:
                result: PackedChunk = future.result()
            except TradewardenError:
                raise
            except Exception as exc:  # a lost worker or a broken cluster: name it, keep the checkpoint
                raise TradewardenError(
                    f"Dask task failed ({type(exc).__name__}: {exc}); rerun the same command to resume"
                ) from exc
            future.release()
            return result

        for chunk in chunks:
            submit(chunk)
            in_flight += 1
            while in_flight >= window:
                yield collect(next(running))
                in_flight -= 1
        for future in running:
            yield collect(future)

    def _stop(self) -> None:
        for closable in (self._client, self._cluster):
            if closable is not None:
                try:
                    closable.close()
                except Exception:  # noqa: BLE001 - shutting down: nothing more to do with the error
                    pass
        self._client = self._cluster = self._payload = self._task = None

"""Resume checkpoints: the work folder ``<OUTPUT>.parts/`` of a running batch.

Every finished chunk leaves three files - its output rows and its rejects as Arrow IPC part files
and its counts as JSON - each written to a temporary name and renamed into place; only then is its
id added to ``manifest.json`` (also replaced atomically). The manifest starts with the run's
fingerprint: the input's resolved path, size and modification time, and a hash of everything that
changes the output (chunk size, thresholds, the match index's sha256). A run started with the
same fingerprint skips the chunks the manifest lists; any other run starts the folder afresh.
A process killed at any moment leaves either a chunk fully recorded or not recorded at all.

A chunk arrives either as a ``ChunkResult`` (rows as dicts) or already packed where it was
screened (:func:`pack`: the part files' bytes and the counts), which is how Dask workers return
it: the driver then writes bytes and runs no per-record Python.
"""

from __future__ import annotations

import hashlib
import json
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pyarrow as pa  # type: ignore[import-untyped]

from tradewarden.atomic_file import write_bytes
from tradewarden.batch.io import RESULT_SCHEMA, part_bytes, rejects_table, results_table, write_part_bytes
from tradewarden.batch.screening import ChunkResult
from tradewarden.batch.summary import ChunkStats
from tradewarden.errors import StoreError

MANIFEST_VERSION = 1
MANIFEST = "manifest.json"


def fingerprint(input_path: Path, settings: dict[str, Any]) -> dict[str, Any]:
    """What identifies a run: the input file's path, size and mtime, and a hash of ``settings``.

    Args:
        input_path: the input file.
        settings: every value that changes the output (JSON-serialisable).
    Returns:
        A JSON-ready dict; two runs resume each other only when theirs are equal.
    """
    stat = input_path.stat()
    digest = hashlib.sha256(json.dumps(settings, sort_keys=True).encode()).hexdigest()
    return {
        "version": MANIFEST_VERSION,
        "input": str(input_path.resolve()),
        "size": stat.st_size,
        "mtime_ns": stat.st_mtime_ns,
        "settings": digest,
    }


@dataclass(frozen=True, slots=True)
class PackedChunk:
    """A screened chunk as its part files' bytes: what a worker sends back instead of row dicts.

    Attributes:
        chunk_id: the chunk's number.
        rows: the output rows as an Arrow IPC file.
        rejects: the rejects as an Arrow IPC file.
        stats: the chunk's counts.
    """

    chunk_id: int
    rows: bytes
    rejects: bytes
    stats: ChunkStats

    @property
    def records(self) -> int:
        """Records of the chunk, screened or rejected."""
        return self.stats.screened + self.stats.rejected


def pack(result: ChunkResult | PackedChunk, schema: pa.Schema = RESULT_SCHEMA) -> PackedChunk:
    """``result`` as part-file bytes (a ``PackedChunk`` is returned as it is).

    Args:
        result: a screened chunk.
        schema: the schema of its output rows (parties or orders).
    Returns:
        The packed chunk; its files are byte-identical to those ``Checkpoint.save`` writes from ``result``.
    """
    if isinstance(result, PackedChunk):
        return result
    return PackedChunk(
        result.chunk_id, part_bytes(results_table(result.rows, schema)), part_bytes(rejects_table(result.rejects)),
        result.stats,
    )


def _write_json(path: Path, payload: Any) -> None:
    write_bytes(json.dumps(payload, sort_keys=True).encode("utf-8"), path)


class Checkpoint:
    """The work folder of one batch run; see the module docstring.

    Use ``Checkpoint.open``; then ``save`` each finished chunk, and ``remove`` once the final
    output is assembled.
    """

    def __init__(self, folder: Path, print_: dict[str, Any], completed: set[int], schema: pa.Schema = RESULT_SCHEMA) -> None:
        self.folder = folder
        self._fingerprint = print_
        self.completed = completed
        self.schema = schema

    @classmethod
    def open(cls, folder: Path, print_: dict[str, Any], resume: bool, schema: pa.Schema = RESULT_SCHEMA) -> Checkpoint:
        """Open the work folder, keeping finished chunks when ``resume`` and the fingerprint matches.

        Args:
            folder: ``<OUTPUT>.parts``.
            print_: this run's :func:`fingerprint`.
            resume: keep an earlier run's finished chunks if it was the same run.
            schema: the schema of output rows (parties or orders).
        Returns:
            The checkpoint; ``completed`` holds the chunk ids that need no screening.
        """
        completed: set[int] = set()
        manifest = folder / MANIFEST
        if resume and manifest.is_file():
            try:
                payload = json.loads(manifest.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                payload = {}
            if payload.get("fingerprint") == print_:
                completed = {int(c) for c in payload.get("completed", [])}
                completed = {c for c in completed if all(p.is_file() for p in cls._paths(folder, c))}
        if not completed:
            cls._clear(folder)
        folder.mkdir(parents=True, exist_ok=True)
        checkpoint = cls(folder, print_, completed, schema)
        checkpoint._write_manifest()
        return checkpoint

    @staticmethod
    def _paths(folder: Path, chunk_id: int) -> tuple[Path, Path, Path]:
        stem = folder / f"chunk-{chunk_id:07d}"
        return (stem.with_suffix(".rows.arrow"), stem.with_suffix(".rejects.arrow"), stem.with_suffix(".stats.json"))

    @staticmethod
    def _clear(folder: Path) -> None:
        """Delete an earlier run's files (only the kinds this module writes)."""
        if not folder.is_dir():
            return
        for pattern in ("chunk-*", f"{MANIFEST}*"):
            for path in folder.glob(pattern):
                path.unlink(missing_ok=True)

    def _write_manifest(self) -> None:
        _write_json(self.folder / MANIFEST, {"fingerprint": self._fingerprint, "completed": sorted(self.completed)})

    def save(self, result: ChunkResult | PackedChunk) -> None:
        """Record one finished chunk: part files first, then its id in the manifest."""
        packed = pack(result, self.schema)
        rows_path, rejects_path, stats_path = self._paths(self.folder, packed.chunk_id)
        write_part_bytes(rows_path, packed.rows)
        write_part_bytes(rejects_path, packed.rejects)
        _write_json(stats_path, packed.stats.to_dict())
        self.completed.add(packed.chunk_id)
        self._write_manifest()

    def stats(self, chunk_id: int) -> ChunkStats:
        """The counts of a finished chunk."""
        path = self._paths(self.folder, chunk_id)[2]
        try:
            return ChunkStats.from_dict(json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"batch checkpoint {path} is unreadable; rerun with --no-resume", path=str(path)) from exc

    def parts(self, chunk_count: int) -> tuple[list[Path], list[Path]]:
        """The row and reject part files of chunks ``0 .. chunk_count - 1``, in order.

        Raises:
            StoreError: a chunk has not been recorded.
        """
        missing = [c for c in range(chunk_count) if c not in self.completed]
        if missing:
            raise StoreError(f"batch chunks {missing[:5]} were not screened; rerun the same command to resume")
        paths = [self._paths(self.folder, c) for c in range(chunk_count)]
        return [p[0] for p in paths], [p[1] for p in paths]

    def remove(self) -> None:
        """Delete the work folder (after the final output is in place)."""
        shutil.rmtree(self.folder, ignore_errors=True)


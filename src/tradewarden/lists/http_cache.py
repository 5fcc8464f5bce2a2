"""The download cache and file digests used by :mod:`tradewarden.lists.fetch`.

``<root>/http_cache.json`` maps each URL to its ``ETag``/``Last-Modified`` validators and to
the last complete copy of the file, kept under ``<root>/downloads/<source>/`` (``root`` is
``settings.home``). Nothing here touches the network.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

CHUNK_BYTES = 64 * 1024


def file_sha256(path: Path) -> str:
    """The hex sha256 of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(CHUNK_BYTES), b""):
            digest.update(chunk)
    return digest.hexdigest()


def combined_sha256(files: list[dict[str, Any]]) -> str:
    """One sha256 for a set of files (name and content), independent of their order.

    Args:
        files: records with ``name`` and ``sha256``.
    Returns:
        The hex sha256 of the sorted ``name<TAB>sha256`` lines.
    """
    lines = sorted(f"{f['name']}\t{f['sha256']}\n" for f in files)
    return hashlib.sha256("".join(lines).encode("utf-8")).hexdigest()


def atomic_copy(src: Path, target: Path) -> None:
    """Copy ``src`` to ``target`` through a temporary file, so ``target`` is never partial."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    os.close(fd)
    try:
        shutil.copyfile(src, tmp_name)
        os.replace(tmp_name, target)
    finally:
        if os.path.exists(tmp_name):
            os.unlink(tmp_name)


class HttpCache:
    """Validators (ETag, Last-Modified) per URL and the last good copy of each file.

    The index is ``<root>/http_cache.json``; files sit under ``<root>/downloads/<source>/``.
    A broken index is treated as empty: the next download simply is unconditional.
    """

    def __init__(self, root: Path) -> None:
        self.root = root
        self.index_path = root / "http_cache.json"
        self.entries: dict[str, dict[str, Any]] = self._read()
        self._verified: set[str] = set()

    def _read(self) -> dict[str, dict[str, Any]]:
        try:
            loaded = json.loads(self.index_path.read_text("utf-8"))
        except (OSError, ValueError):
            return {}
        return loaded if isinstance(loaded, dict) else {}

    def cached_copy(self, url: str) -> tuple[Path, dict[str, Any]] | None:
        """The cached file for ``url`` and its entry, if the file is still intact."""
        entry = self.entries.get(url)
        if not isinstance(entry, dict) or "path" not in entry:
            return None
        path = self.root / str(entry["path"])
        if not path.is_file() or path.stat().st_size != entry.get("bytes"):
            return None
        if url not in self._verified:
            if file_sha256(path) != entry.get("sha256"):
                return None
            self._verified.add(url)
        return path, entry

    def validators(self, url: str) -> dict[str, str]:
        """Conditional request headers for ``url`` (empty when nothing usable is cached)."""
        cached = self.cached_copy(url)
        if cached is None:
            return {}
        headers: dict[str, str] = {}
        if cached[1].get("etag"):
            headers["If-None-Match"] = str(cached[1]["etag"])
        if cached[1].get("last_modified"):
            headers["If-Modified-Since"] = str(cached[1]["last_modified"])
        return headers

    def remember(self, url: str, source: str, path: Path, sha256: str, headers: Mapping[str, str]) -> None:
        """Keep a copy of a complete download and its validators (only when it has any).

        Args:
            url: the URL the file came from (the cache key).
            source: the source it belongs to (names the cache folder).
            path: the complete downloaded file.
            sha256: its digest.
            headers: the response headers carrying ``ETag`` / ``Last-Modified``.
        """
        etag, last_modified = headers.get("etag"), headers.get("last-modified")
        if not etag and not last_modified:
            if self.entries.pop(url, None) is not None:
                self._save()
            return
        relative = Path("downloads") / source / path.name
        atomic_copy(path, self.root / relative)
        self.entries[url] = {
            "etag": etag,
            "last_modified": last_modified,
            "path": relative.as_posix(),
            "sha256": sha256,
            "bytes": path.stat().st_size,
        }
        self._verified.add(url)
        self._save()

    def _save(self) -> None:
        self.root.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(dir=self.root, prefix=".http_cache.", suffix=".json")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(self.entries, handle, indent=1, sort_keys=True)
        os.replace(tmp_name, self.index_path)

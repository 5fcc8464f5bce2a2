"""Downloading list files: the one module of tradewarden that touches the network.

Files come from each source's official URL (:mod:`tradewarden.lists.sources`) or from a
mirror laid out like ``shared/data/lists`` (``<mirror>/<source>/<file>``): a mirror given as
an ``http(s)://`` base URL is downloaded, one given as a local directory (or ``file://``
URL) is copied.

A download is written to a temporary file beside its target and renamed only when it is
complete. A body shorter than its ``Content-Length``, an HTML page served instead of a
list, an empty required file, a 4xx answer or a server that keeps failing (5xx, timeouts,
dropped connections, each retried with exponential backoff) ends in
:class:`~tradewarden.errors.FetchError`. With a cache folder, ``ETag``/``Last-Modified``
of each URL are kept in ``<cache>/http_cache.json`` and the last good copy under
``<cache>/downloads/<source>/``, so that a ``304 Not Modified`` reuses it.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import httpx

from tradewarden.errors import FetchError, InputError
from tradewarden.lists.http_cache import CHUNK_BYTES, HttpCache, atomic_copy, combined_sha256, file_sha256
from tradewarden.lists.sources import FOLDER_ALIASES, Source, SourceFile
from tradewarden.settings import get_settings

USER_AGENT = "tradewarden/0.1 (+list update)"
_HTML_PREFIXES = (b"<!doctype html", b"<html")
_RETRY_STATUSES = frozenset({408, 425, 429})


@dataclass(frozen=True, slots=True)
class FetchedFile:
    """One file of a source, complete on disk."""

    name: str
    path: Path
    sha256: str
    bytes: int
    url: str
    # True when a 304 answer let the cached copy be reused.
    not_modified: bool = False

    def record(self) -> dict[str, Any]:
        """The file as the store records it: name, sha256, bytes, url."""
        return {"name": self.name, "sha256": self.sha256, "bytes": self.bytes, "url": self.url}


@dataclass(frozen=True, slots=True)
class FetchedFiles:
    """The files of one source and the combined sha256 that identifies the set."""

    source: str
    files: list[FetchedFile]
    sha256: str
    fetched_at: datetime

    @property
    def paths(self) -> list[Path]:
        """Paths of the fetched files, in source order."""
        return [f.path for f in self.files]

    def records(self) -> list[dict[str, Any]]:
        """The files as the store records them."""
        return [f.record() for f in self.files]


def local_mirror(mirror: str | Path | None) -> Path | None:
    """The folder a mirror names when it is local (a path or ``file://`` URL), else None.

    Raises:
        InputError: the mirror is neither an existing folder nor an http(s) URL.
    """
    if mirror is None:
        return None
    if isinstance(mirror, Path):
        folder = mirror
    elif mirror.startswith(("http://", "https://")):
        return None
    elif mirror.startswith("file://"):
        folder = Path(unquote(urlparse(mirror).path))
    else:
        folder = Path(mirror)
    if not folder.is_dir():
        raise InputError(f"{mirror} is neither a folder nor an http(s) URL", field="mirror")
    return folder


class _Retryable(Exception):
    """A failure worth another try (5xx, timeout, broken connection)."""

    def __init__(self, reason: str, status: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        self.status = status


def fetch_source(
    source: Source,
    dest_dir: Path,
    *,
    mirror: str | Path | None = None,
    timeout: float | None = None,
    retries: int | None = None,
    cache_dir: Path | None = None,
    progress: bool = False,
    client: httpx.Client | None = None,
    backoff: float = 1.0,
) -> FetchedFiles:
    """Download (or copy from a local mirror) every file of ``source`` into ``dest_dir``.

    Args:
        source: the source whose files to get.
        dest_dir: folder the files are written to (created); names are the file names
            actually found (``consolidated.csv.gz`` when a mirror holds the gzip copy).
        mirror: ``None`` for the official URLs, an ``http(s)://`` base URL, or a local
            folder / ``file://`` URL laid out as ``<mirror>/<source>/<file>``.
        timeout: seconds each request may wait for the server (default: settings).
        retries: how often a failing request is repeated (default: settings).
        cache_dir: folder of the conditional-request cache (``settings.home``); None
            disables conditional requests.
        progress: show a Rich progress bar (bytes) on a terminal.
        client: an ``httpx.Client`` to send requests with (a mock transport in tests);
            one is created and closed when not given.
        backoff: seconds before the first retry; doubled for each further retry.
    Returns:
        The fetched files with their sha256 and the combined sha256 of the set.
    Raises:
        FetchError: a required file could not be had, or a download was broken.
    """
    dest_dir.mkdir(parents=True, exist_ok=True)
    folder = local_mirror(mirror)
    if folder is not None:
        files = _copy_from_folder(source, folder, dest_dir)
    else:
        if timeout is None or retries is None:
            settings = get_settings()
            timeout = settings.http_timeout if timeout is None else timeout
            retries = settings.http_retries if retries is None else retries
        downloader = _Downloader(
            client=client,
            timeout=timeout,
            retries=max(0, retries),
            backoff=backoff,
            cache=HttpCache(cache_dir) if cache_dir is not None else None,
        )
        base = str(mirror).rstrip("/") if mirror is not None else None
        with downloader.session(progress):
            files = []
            for source_file in source.files:
                fetched = downloader.fetch_file(source.name, source_file, dest_dir, base)
                if fetched is not None:
                    files.append(fetched)
    if not files:
        raise FetchError(f"{source.name}: no file could be fetched", source=source.name)
    records = [f.record() for f in files]
    return FetchedFiles(source.name, files, combined_sha256(records), datetime.now(UTC))


def _mirror_folders(source: str) -> list[str]:
    """The folder names a mirror may file ``source`` under: its name, then its aliases."""
    return [source, *(alias for alias, name in FOLDER_ALIASES.items() if name == source)]


def _copy_from_folder(source: Source, folder: Path, dest_dir: Path) -> list[FetchedFile]:
    folders = _mirror_folders(source.name)
    files: list[FetchedFile] = []
    for source_file in source.files:
        candidates = [folder / sub / n for sub in folders for n in (source_file.name, *source_file.alternatives)]
        found = next((path for path in candidates if path.is_file()), None)
        if found is None:
            if source_file.required:
                raise FetchError(
                    f"{source.name}: {source_file.name} is not in the mirror {folder}",
                    source=source.name, url=folder.as_uri(), reason="missing",
                )
            continue
        target = dest_dir / found.name
        try:
            atomic_copy(found, target)
        except OSError as exc:
            raise FetchError(f"{source.name}: cannot copy {found}: {exc}", source=source.name) from exc
        files.append(FetchedFile(found.name, target, file_sha256(target), target.stat().st_size, found.as_uri()))
    return files


class _Downloader:
    """Sends the requests of one ``fetch_source`` call: retries, cache, progress."""

    def __init__(
        self, *, client: httpx.Client | None, timeout: float, retries: int, backoff: float, cache: HttpCache | None
    ) -> None:
        self.client = client
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.cache = cache
        self._bar: Any = None

    @contextmanager
    def session(self, progress: bool) -> Iterator[None]:
        """Open the client (unless injected) and the progress bar for a batch of files."""
        owned = self.client is None
        if owned:
            self.client = httpx.Client(follow_redirects=True, headers={"User-Agent": USER_AGENT})
        bar = _progress_bar() if progress else None
        try:
            if bar is not None:
                bar.start()
            self._bar = bar
            yield
        finally:
            if bar is not None:
                bar.stop()
            self._bar = None
            if owned and self.client is not None:
                self.client.close()
                self.client = None

    def fetch_file(self, source: str, source_file: SourceFile, dest_dir: Path, base: str | None) -> FetchedFile | None:
        """Fetch one file, trying the mirror's alternative names; None if optional and absent."""
        if base is None:
            candidates = [(source_file.name, source_file.url)]
        else:
            names = (source_file.name, *source_file.alternatives)
            candidates = [(n, f"{base}/{folder}/{n}") for folder in _mirror_folders(source) for n in names]
        for name, url in candidates:
            fetched = self._with_retries(source, name, url, dest_dir / name, required=source_file.required)
            if fetched is not None:
                return fetched
        if source_file.required:
            tried = ", ".join(url for _, url in candidates)
            raise FetchError(f"{source}: {source_file.name} not found (404) at {tried}", source=source, status=404)
        return None

    def _with_retries(self, source: str, name: str, url: str, target: Path, *, required: bool) -> FetchedFile | None:
        last: _Retryable | None = None
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            try:
                return self._attempt(source, name, url, target, required=required)
            except _Retryable as exc:
                last = exc
        assert last is not None
        raise FetchError(
            f"{source}: {url}: {last.reason} (gave up after {self.retries + 1} attempts)",
            source=source, url=url, status=last.status, reason=last.reason,
        )

    def _attempt(self, source: str, name: str, url: str, target: Path, *, required: bool) -> FetchedFile | None:
        assert self.client is not None
        headers = self.cache.validators(url) if self.cache is not None else {}
        try:
            with self.client.stream("GET", url, headers=headers, timeout=self.timeout) as response:
                return self._receive(source, name, url, target, response, required=required)
        except httpx.TimeoutException as exc:
            raise _Retryable(f"no answer within {self.timeout:g}s ({type(exc).__name__})") from exc
        except httpx.RemoteProtocolError as exc:
            raise _Retryable(f"truncated or malformed response: {exc}") from exc
        except httpx.TransportError as exc:
            raise _Retryable(f"connection failed: {type(exc).__name__}: {exc}") from exc
        except httpx.HTTPError as exc:
            raise FetchError(f"{source}: {url}: {exc}", source=source, url=url) from exc

    def _receive(
        self, source: str, name: str, url: str, target: Path, response: httpx.Response, *, required: bool
    ) -> FetchedFile | None:
        status = response.status_code
        cached = self.cache.cached_copy(url) if self.cache is not None else None
        if status == 304 and cached is not None:
            atomic_copy(cached[0], target)
            entry = cached[1]
            return FetchedFile(name, target, str(entry["sha256"]), int(entry["bytes"]), url, not_modified=True)
        if status == 404:
            return None
        if status >= 500 or status in _RETRY_STATUSES:
            raise _Retryable(f"HTTP {status} {response.reason_phrase}".rstrip(), status)
        if status != 200:
            raise FetchError(
                f"{source}: {url}: HTTP {status} {response.reason_phrase}".rstrip(),
                source=source, url=url, status=status,
            )
        if "text/html" in response.headers.get("content-type", "").lower():
            raise _html_error(source, url)
        fetched = self._write_body(source, name, url, target, response)
        if fetched.bytes == 0 and required:
            fetched.path.unlink()
            raise FetchError(f"{source}: {url}: the server sent an empty file", source=source, url=url, status=status)
        if self.cache is not None:
            self.cache.remember(url, source, fetched.path, fetched.sha256, response.headers)
        return fetched

    def _write_body(self, source: str, name: str, url: str, target: Path, response: httpx.Response) -> FetchedFile:
        expected = _content_length(response)
        task = self._bar.add_task(name, total=expected) if self._bar is not None else None
        digest = hashlib.sha256()
        size = 0
        head = b""
        fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
        try:
            with os.fdopen(fd, "wb") as handle:
                for chunk in response.iter_bytes(CHUNK_BYTES):
                    if len(head) < 512:
                        head += chunk[: 512 - len(head)]
                    handle.write(chunk)
                    digest.update(chunk)
                    size += len(chunk)
                    if task is not None:
                        self._bar.update(task, advance=len(chunk))
            # Content-Length counts the bytes on the wire, before any Content-Encoding.
            encoded = response.headers.get("content-encoding", "identity").lower() != "identity"
            received = response.num_bytes_downloaded if encoded else size
            if expected is not None and received != expected:
                raise _Retryable(f"truncated: received {received} of {expected} bytes (Content-Length)")
            if head.lstrip(b"\xef\xbb\xbf \t\r\n").lower().startswith(_HTML_PREFIXES):
                raise _html_error(source, url)
            os.replace(tmp_name, target)
        finally:
            if task is not None:
                self._bar.remove_task(task)
            if os.path.exists(tmp_name):
                os.unlink(tmp_name)
        return FetchedFile(name, target, digest.hexdigest(), size, url)


def _html_error(source: str, url: str) -> FetchError:
    return FetchError(
        f"{source}: {url}: the server sent an HTML page instead of the list file",
        source=source, url=url, reason="html",
    )


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("content-length")
    if value is None:
        return None
    try:
        return int(value)
    except ValueError:
        return None


def _progress_bar() -> Any:
    from rich.console import Console
    from rich.progress import BarColumn, DownloadColumn, Progress, TextColumn, TransferSpeedColumn

    console = Console(stderr=True)
    if not console.is_terminal:
        return None
    return Progress(
        TextColumn("{task.description}"), BarColumn(), DownloadColumn(), TransferSpeedColumn(),
        console=console, transient=True,
    )

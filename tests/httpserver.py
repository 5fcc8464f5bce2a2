"""A real, local, threaded HTTP server for download tests, with switchable faults.

It serves one folder read-only (``../shared/data/lists`` or a small tmp folder) on
127.0.0.1 at an ephemeral port, answering conditional requests with ``ETag`` and
``Last-Modified``. ``server.fault`` (or ``server.faults[relative_path]``) makes it misbehave
the way real publishers do: truncate the body, answer 500 (always, or only the first
``flaky_failures`` times), stall past the client's timeout, or send an HTML page with 200.
Every request is logged in ``server.requests``.

Used by ``tests/lists/test_fetch.py``, ``tests/lists/test_update_remote.py`` and
``tests/cli/test_lists_cli.py`` (``from httpserver import ListServer``).
"""

from __future__ import annotations

import email.utils
import hashlib
import threading
from dataclasses import dataclass, field
from enum import Enum
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import unquote, urlparse

HTML_PAGE = b"<!DOCTYPE html>\n<html><head><title>503</title></head><body>Service temporarily unavailable</body></html>\n"


class Fault(Enum):
    """How the server misbehaves for a path."""

    NONE = "none"
    TRUNCATE = "truncate"  # full Content-Length, half the body, then the connection closes
    ERROR_500 = "error_500"  # 500 every time
    FLAKY_500 = "flaky_500"  # 500 for the first ``flaky_failures`` requests of a path, then OK
    STALL = "stall"  # waits ``stall_seconds`` before answering
    HTML = "html"  # 200 with an HTML error page (text/html)
    HTML_AS_OCTETS = "html_as_octets"  # 200, HTML body but a non-HTML content type


@dataclass(frozen=True, slots=True)
class LoggedRequest:
    """One request the server received and the status it chose."""

    path: str
    headers: dict[str, str]
    status: int


@dataclass
class _State:
    root: Path
    fault: Fault = Fault.NONE
    faults: dict[str, Fault] = field(default_factory=dict)
    stall_seconds: float = 2.0
    flaky_failures: int = 1
    requests: list[LoggedRequest] = field(default_factory=list)
    hits: dict[str, int] = field(default_factory=dict)
    stop: threading.Event = field(default_factory=threading.Event)
    lock: threading.Lock = field(default_factory=threading.Lock)


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        """Keep test output quiet."""

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        state = self.server.state
        rel = unquote(urlparse(self.path).path).lstrip("/")
        with state.lock:
            state.hits[rel] = state.hits.get(rel, 0) + 1
            hit = state.hits[rel]
        fault = state.faults.get(rel, state.fault)
        path = state.root / rel
        if not rel or ".." in Path(rel).parts or not path.is_file():
            return self._answer(rel, 404, b"not found", "text/plain")
        if fault is Fault.STALL:
            state.stop.wait(state.stall_seconds)
        if fault is Fault.ERROR_500 or (fault is Fault.FLAKY_500 and hit <= state.flaky_failures):
            return self._answer(rel, 500, b"internal error", "text/plain")
        if fault is Fault.HTML:
            return self._answer(rel, 200, HTML_PAGE, "text/html; charset=utf-8")
        if fault is Fault.HTML_AS_OCTETS:
            return self._answer(rel, 200, HTML_PAGE, "application/octet-stream")
        body = path.read_bytes()
        etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
        modified = email.utils.formatdate(path.stat().st_mtime, usegmt=True)
        validators = {"ETag": etag, "Last-Modified": modified}
        if fault is Fault.TRUNCATE:  # a broken server ignores conditional requests
            return self._answer(rel, 200, body, "application/octet-stream", validators, send=len(body) // 2)
        if self.headers.get("If-None-Match") == etag:
            return self._answer(rel, 304, b"", None, validators)
        return self._answer(rel, 200, body, "application/octet-stream", validators)

    def _answer(
        self,
        rel: str,
        status: int,
        body: bytes,
        content_type: str | None,
        extra: dict[str, str] | None = None,
        send: int | None = None,
    ) -> None:
        state = self.server.state
        with state.lock:
            state.requests.append(LoggedRequest(rel, dict(self.headers.items()), status))
        try:
            self.send_response(status)
            if content_type is not None:
                self.send_header("Content-Type", content_type)
            for name, value in (extra or {}).items():
                self.send_header(name, value)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            if status != 304:
                self.wfile.write(body if send is None else body[:send])
            self.wfile.flush()
        except OSError:
            pass  # the client gave up (timeout test); nothing to report
        self.close_connection = True


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Clients that hang up mid-answer are expected here; stay quiet."""


class ListServer:
    """Serve ``root`` on 127.0.0.1; use as a context manager.

    Attributes:
        url: base URL (``http://127.0.0.1:<port>``) of the served folder.
    """

    def __init__(self, root: Path, *, stall_seconds: float = 2.0, flaky_failures: int = 1) -> None:
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.state = _State(root=root, stall_seconds=stall_seconds, flaky_failures=flaky_failures)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        host, port = self._server.server_address[:2]
        self.url = f"http://{host!s}:{port}"

    @property
    def state(self) -> _State:
        """The mutable fault settings and request log."""
        return self._server.state

    @property
    def fault(self) -> Fault:
        """The fault applied to every path without its own."""
        return self.state.fault

    @fault.setter
    def fault(self, value: Fault) -> None:
        self.state.fault = value
        self.state.hits.clear()

    @property
    def requests(self) -> list[LoggedRequest]:
        """Requests received so far."""
        return self.state.requests

    def __enter__(self) -> ListServer:
        self._thread.start()
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.state.stop.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

"""HTTP-edge security: credentials from headers and cookies, signed sessions, CSRF tokens,
request size limits, per-caller rate limiting and secret redaction in logs.

Who a user is and what their role allows is the store's business
(:mod:`tradewarden.store.users`: ``authenticate_key``, ``authenticate_password``,
``require_permission``); this module only reads the credentials off a request:

* an API key, as ``Authorization: ApiKey <key>`` or ``X-API-Key: <key>``;
* a web session, the ``tw_session`` cookie: the user's name and an expiry, signed with
  HMAC-SHA256 under a key kept in ``TRADEWARDEN_HOME/session.key`` (made once, mode 0600), so
  sessions survive a restart and several workers agree;
* a CSRF token for forms and cookie-authenticated writes: HMAC of the random ``tw_csrf``
  cookie (double submit, bound to the server key).

Rate limits are in-process token buckets, one per API key (by hash), session user or client
address; refused credentials (unknown keys, wrong passwords) also spend from a small bucket per
client address, so that guessing, or flooding the audit trail with refusals, is slowed down. Log records pass through :class:`RedactSecrets`, which masks API keys, passwords and
cookies wherever they appear.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import re
import secrets
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tradewarden.api.errors import PROBLEM_JSON, problem

SESSION_COOKIE = "tw_session"
CSRF_COOKIE = "tw_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"


# -- credentials -------------------------------------------------------------------------------


def api_key_from_headers(authorization: str | None, x_api_key: str | None) -> str | None:
    """The API key a request carries, if any.

    Args:
        authorization: the ``Authorization`` header (``ApiKey <key>``; ``Bearer`` is accepted too).
        x_api_key: the ``X-API-Key`` header.
    Returns:
        The key, or None when neither header holds one.
    """
    if authorization:
        scheme, _, value = authorization.strip().partition(" ")
        if scheme.lower() in ("apikey", "bearer") and value.strip():
            return value.strip()
    if x_api_key and x_api_key.strip():
        return x_api_key.strip()
    return None


def load_secret(home: Path) -> bytes:
    """The server's signing key for sessions and CSRF tokens, made once under ``home``.

    Args:
        home: ``settings.home``; the key is ``home/session.key`` (mode 0600).
    Returns:
        32 random bytes.
    """
    path = home / "session.key"
    try:
        raw = path.read_bytes()
        if len(raw) >= 32:
            return raw[:32]
    except FileNotFoundError:
        pass
    home.mkdir(parents=True, exist_ok=True)
    raw = secrets.token_bytes(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(raw)
    return raw


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class Session:
    """A signed web session: whose it is, when it ends, and its nonce (for logout)."""

    user: str
    expires: int
    nonce: str


class SessionSigner:
    """Issues and checks ``tw_session`` cookies and CSRF tokens under one server key.

    With ``revoked_file`` (``TRADEWARDEN_HOME/sessions.revoked``), logouts are appended to that
    file and every process re-reads it when it changes, so a logout handled by one worker of
    ``serve --workers N`` ends the session in all of them; without it they stay in memory.
    """

    def __init__(self, secret: bytes, max_age_seconds: float, revoked_file: Path | None = None) -> None:
        self._secret = secret
        self.max_age = int(max_age_seconds)
        self._revoked: dict[str, int] = {}
        self._lock = threading.Lock()
        self._revoked_file = revoked_file
        self._revoked_seen: tuple[int, int] | None = None

    def _sign(self, text: str) -> str:
        return _b64(hmac.new(self._secret, text.encode("utf-8"), hashlib.sha256).digest())

    def issue(self, user: str, now: float | None = None) -> str:
        """A session cookie value for ``user``, valid for ``max_age`` seconds."""
        claims = {"u": user, "e": int((now or time.time()) + self.max_age), "n": secrets.token_urlsafe(12)}
        body = _b64(json.dumps(claims, separators=(",", ":")).encode("utf-8"))
        return f"{body}.{self._sign(body)}"

    def check(self, cookie: str | None, now: float | None = None) -> Session | None:
        """The session a cookie value carries, or None if it is missing, forged, expired or revoked."""
        if not cookie or cookie.count(".") != 1:
            return None
        body, signature = cookie.split(".")
        if not hmac.compare_digest(signature, self._sign(body)):
            return None
        try:
            claims = json.loads(_unb64(body))
            session = Session(str(claims["u"]), int(claims["e"]), str(claims["n"]))
        except (ValueError, KeyError, TypeError):
            return None
        if session.expires < (now or time.time()) or session.nonce in self._revocations():
            return None
        return session

    def revoke(self, session: Session) -> None:
        """Refuse this session from now on (logout), until it would have expired anyway."""
        with self._lock:
            now = int(time.time())
            self._revoked = {n: e for n, e in self._revoked.items() if e >= now}
            self._revoked[session.nonce] = session.expires
            if self._revoked_file is not None:
                with self._revoked_file.open("a", encoding="ascii") as handle:
                    handle.write(f"{session.nonce} {session.expires}\n")

    def _revocations(self) -> dict[str, int]:
        """The revoked nonces, re-read from ``revoked_file`` when its size or time changed (one ``stat``)."""
        path = self._revoked_file
        if path is None:
            return self._revoked
        try:
            info = path.stat()
        except FileNotFoundError:
            return self._revoked
        seen = (info.st_size, info.st_mtime_ns)
        if seen != self._revoked_seen:
            now = int(time.time())
            revoked = dict(self._revoked)
            for line in path.read_text(encoding="ascii", errors="replace").splitlines():
                nonce, _, expires = line.partition(" ")
                if expires.isdigit() and int(expires) >= now:
                    revoked[nonce] = int(expires)
            with self._lock:
                self._revoked, self._revoked_seen = revoked, seen
        return self._revoked

    def csrf_token(self, csrf_cookie: str) -> str:
        """The form token that goes with a ``tw_csrf`` cookie value."""
        return self._sign("csrf|" + csrf_cookie)

    def csrf_valid(self, csrf_cookie: str | None, token: str | None) -> bool:
        """Whether ``token`` is the form token of ``csrf_cookie`` (both must be present)."""
        if not csrf_cookie or not token:
            return False
        return hmac.compare_digest(token, self.csrf_token(csrf_cookie))


def new_csrf_cookie() -> str:
    """A fresh random value for the ``tw_csrf`` cookie."""
    return secrets.token_urlsafe(24)


# -- rate limiting -----------------------------------------------------------------------------


class RateLimiter:
    """Token buckets per caller: ``rate`` tokens a second, at most ``burst`` saved up.

    Thread-safe; buckets idle long enough to be full again are dropped now and then.
    """

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = float(rate)
        self.burst = float(max(1, burst))
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()
        self._last_sweep = time.monotonic()

    def take(self, caller: str, now: float | None = None) -> float:
        """Spend one token of ``caller``'s bucket.

        Args:
            caller: the bucket's key (``key:<hash>``, ``user:<name>``, ``ip:<address>``).
            now: the monotonic time (tests pass it).
        Returns:
            0.0 if the request may go ahead, else the seconds until a token is free.
        """
        moment = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(caller, (self.burst, moment))
            tokens = min(self.burst, tokens + (moment - last) * self.rate)
            if tokens >= 1.0:
                self._buckets[caller] = (tokens - 1.0, moment)
                wait = 0.0
            else:
                self._buckets[caller] = (tokens, moment)
                wait = (1.0 - tokens) / self.rate if self.rate > 0 else 3600.0
            if moment - self._last_sweep > 60.0:
                refill = self.burst / self.rate if self.rate > 0 else 3600.0
                self._buckets = {k: v for k, v in self._buckets.items() if moment - v[1] < refill}
                self._last_sweep = moment
        return wait


    def wait(self, caller: str, now: float | None = None) -> float:
        """The seconds until ``caller`` has a token again (0.0: it has one now); spends nothing."""
        moment = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self._buckets.get(caller, (self.burst, moment))
        tokens = min(self.burst, tokens + (moment - last) * self.rate)
        if tokens >= 1.0:
            return 0.0
        return (1.0 - tokens) / self.rate if self.rate > 0 else 3600.0


def caller_key(api_key: str | None, user: str | None, address: str | None) -> str:
    """The rate-limit bucket of a request: its key's hash, else its user, else its address."""
    if api_key:
        return "key:" + hashlib.sha256(api_key.encode("utf-8")).hexdigest()[:16]
    if user:
        return f"user:{user}"
    return f"ip:{address or 'unknown'}"


# -- request size ------------------------------------------------------------------------------


class BodySizeLimit:
    """ASGI middleware: refuse bodies larger than ``limit`` bytes (``multipart_limit`` for uploads) with 413.

    A declared ``Content-Length`` is checked before anything is read; a body without one
    (chunked) is read up to the limit first and then replayed to the app.
    """

    def __init__(self, app: ASGIApp, limit: int, multipart_limit: int) -> None:
        self.app = app
        self.limit = limit
        self.multipart_limit = multipart_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        content_type = headers.get(b"content-type", b"").decode("latin-1").lower()
        limit = self.multipart_limit if content_type.startswith("multipart/form-data") else self.limit
        length = headers.get(b"content-length")
        if length is not None:
            if not length.isdigit() or int(length) > limit:
                await self._refuse(scope, send, limit)
                return
            await self.app(scope, receive, send)
            return
        if scope.get("method") in ("GET", "HEAD", "OPTIONS", "DELETE"):
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        received = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            received += len(message.get("body", b""))
            if received > limit:
                await self._refuse(scope, send, limit)
                return
            if not message.get("more_body", False):
                break

        async def replay() -> Message:
            if messages:
                return messages.pop(0)
            return await receive()

        await self.app(scope, replay, send)

    @staticmethod
    async def _refuse(scope: Scope, send: Send, limit: int) -> None:
        body = problem(413, f"the request body is larger than {limit} bytes", instance=scope.get("path", ""),
                       kind="payload-too-large", extra={"limit": limit})
        payload = json.dumps(body).encode("utf-8")
        await send({"type": "http.response.start", "status": 413,
                    "headers": [(b"content-type", PROBLEM_JSON.encode()), (b"content-length", str(len(payload)).encode())]})
        await send({"type": "http.response.body", "body": payload})


# -- logs --------------------------------------------------------------------------------------

_SECRET_PATTERNS = (
    re.compile(r"tw_[A-Za-z0-9_-]{20,}"),
    re.compile(r"(?i)((?:authorization|x-api-key)['\"]?\s*[:=]\s*['\"]?)(?:apikey |bearer )?[^\s'\",;]+"),
    re.compile(r"(?i)(password['\"]?\s*[:=]\s*['\"]?)[^\s'\",;&]+"),
    re.compile(r"(?i)((?:tw_session|tw_csrf)=)[^\s;'\"]+"),
)


def redact(text: str) -> str:
    """``text`` with API keys, passwords, auth headers and session cookies masked."""
    text = _SECRET_PATTERNS[0].sub("tw_***", text)
    for pattern in _SECRET_PATTERNS[1:]:
        text = pattern.sub(lambda m: m.group(1) + "***", text)
    return text


class RedactSecrets(logging.Filter):
    """A logging filter that masks secrets in every record's message and arguments."""

    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.msg, str):
            record.msg = redact(record.msg)
        if record.args:
            args: Any = record.args
            if isinstance(args, dict):
                record.args = {k: redact(v) if isinstance(v, str) else v for k, v in args.items()}
            else:
                record.args = tuple(redact(a) if isinstance(a, str) else a for a in args)
        return True


def install_log_redaction(logger_names: tuple[str, ...] = ("", "uvicorn", "uvicorn.access", "uvicorn.error", "tradewarden")) -> None:
    """Attach one :class:`RedactSecrets` filter to the named loggers and their handlers (idempotent)."""
    for name in logger_names:
        logger = logging.getLogger(name)
        targets: list[logging.Filterer] = [logger, *logger.handlers]
        for target in targets:
            if not any(isinstance(f, RedactSecrets) for f in target.filters):
                target.addFilter(RedactSecrets())

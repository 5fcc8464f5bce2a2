"""The one table mapping errors to HTTP statuses, and RFC 9457 ``application/problem+json`` bodies.

Every :class:`~tradewarden.errors.TradewardenError` a route or the library raises is caught
here, once: :data:`ERROR_STATUS` gives its status (looked up along the class's MRO, so a new
subclass inherits its parent's status until it gets its own row), and :func:`problem` builds
the body ``{"type", "title", "status", "detail", "instance", "field", "errors", ...}``.
Request validation errors (FastAPI's) and plain HTTP errors (404 for an unknown route, 405)
get the same shape. Web UI pages (``/ui``) get an HTML page or a login redirect instead.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from tradewarden.errors import (
    AuthError,
    ConfigError,
    ConflictError,
    FetchError,
    InputError,
    ListFormatError,
    NotFound,
    PermissionDenied,
    StoreError,
    TradewardenError,
    ValidationGateError,
)

log = logging.getLogger(__name__)

PROBLEM_JSON = "application/problem+json"


class RateLimited(TradewardenError):
    """Too many requests for one API key, session or address; retry after ``retry_after`` seconds."""


class PayloadTooLarge(TradewardenError):
    """The request body is larger than the API accepts."""


#: Each error class's HTTP status; the first class along an error's MRO decides.
ERROR_STATUS: dict[type[TradewardenError], int] = {
    InputError: 422,
    ListFormatError: 422,
    ValidationGateError: 409,
    ConflictError: 409,
    NotFound: 404,
    AuthError: 401,
    PermissionDenied: 403,
    PayloadTooLarge: 413,
    RateLimited: 429,
    FetchError: 502,
    StoreError: 503,
    ConfigError: 500,
    TradewardenError: 500,
}

#: A short, stable title per status (RFC 9457 ``title``).
TITLES: dict[int, str] = {
    400: "Bad request",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    405: "Method not allowed",
    409: "Conflict",
    413: "Request too large",
    422: "Invalid input",
    429: "Too many requests",
    500: "Internal error",
    502: "Upstream failure",
    503: "Service unavailable",
}

# Detail keys never echoed back to a client.
_SECRET_KEYS = ("password", "key", "token", "secret", "cookie", "authorization")


def status_of(error: TradewardenError) -> int:
    """The HTTP status of ``error`` from :data:`ERROR_STATUS` (500 for an unlisted class)."""
    for cls in type(error).__mro__:
        if cls in ERROR_STATUS:
            return ERROR_STATUS[cls]
    return 500


def _slug(name: str) -> str:
    out = [f"-{c.lower()}" if c.isupper() else c for c in name]
    return "".join(out).lstrip("-")


def problem(
    status: int,
    detail: str,
    *,
    instance: str = "",
    kind: str | None = None,
    field: str | None = None,
    errors: Sequence[Mapping[str, Any]] | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """An RFC 9457 problem document.

    Args:
        status: the HTTP status.
        detail: the human-readable explanation (the error's message).
        instance: the request path it happened on.
        kind: the problem type's name (``input-error``); default from the status.
        field: the field at fault (``body.queries.q1.schema``, ``order.items[3].hs_code``).
        errors: every problem, each ``{"field", "message"}``.
        extra: further JSON-safe members (``retry_after``, ``source``).
    Returns:
        The JSON object.
    """
    body: dict[str, Any] = {
        "type": f"/problems/{kind or TITLES.get(status, 'error').lower().replace(' ', '-')}",
        "title": TITLES.get(status, "Error"),
        "status": status,
        "detail": detail,
        "instance": instance,
    }
    if field is not None:
        body["field"] = field
    if errors:
        body["errors"] = [dict(e) for e in errors]
    for name, value in (extra or {}).items():
        if name not in body and isinstance(value, str | int | float | bool) and not any(s in name.lower() for s in _SECRET_KEYS):
            body[name] = value
    return body


def error_problem(error: TradewardenError, instance: str) -> dict[str, Any]:
    """The problem document of a tradewarden error."""
    details = dict(error.details)
    field = details.pop("field", None)
    errors = details.pop("errors", None)
    if field is None and errors:
        field = errors[0].get("field")
    return problem(
        status_of(error), error.message, instance=instance, kind=_slug(type(error).__name__),
        field=field, errors=errors, extra=details,
    )


def _field_of(loc: Sequence[Any]) -> str:
    path = ""
    for part in loc:
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
    return path


def _wants_html(request: Request) -> bool:
    return request.url.path.startswith("/ui") and not request.url.path.startswith("/ui/static")


def _respond(request: Request, body: dict[str, Any], headers: dict[str, str] | None = None) -> Response:
    if _wants_html(request):
        if body["status"] == 401:
            return RedirectResponse(f"/ui/login?next={request.url.path}", status_code=303)
        from tradewarden.web.render import render_error

        return render_error(request, body)
    return JSONResponse(body, status_code=body["status"], media_type=PROBLEM_JSON, headers=headers)


async def handle_tradewarden_error(request: Request, exc: Exception) -> Response:
    """Turn a :class:`TradewardenError` into its problem response."""
    assert isinstance(exc, TradewardenError)
    body = error_problem(exc, request.url.path)
    headers: dict[str, str] = {}
    if body["status"] == 401:
        headers["WWW-Authenticate"] = 'ApiKey realm="tradewarden"'
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(int(exc.details.get("retry_after", 1)) or 1)
    if body["status"] >= 500:
        log.warning("%s on %s: %s", type(exc).__name__, request.url.path, exc.message)
    return _respond(request, body, headers)


async def handle_validation_error(request: Request, exc: Exception) -> Response:
    """Turn FastAPI's request validation error into a 422 problem naming each field."""
    assert isinstance(exc, RequestValidationError)
    errors = [{"field": _field_of(err.get("loc", ())), "message": str(err.get("msg", ""))} for err in exc.errors()]
    first = errors[0] if errors else {"field": None, "message": "invalid request"}
    more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
    body = problem(422, f"{first['message']}{more}", instance=request.url.path, kind="input-error",
                   field=first["field"], errors=errors)
    return _respond(request, body)


async def handle_http_error(request: Request, exc: Exception) -> Response:
    """Plain HTTP errors (unknown route, wrong method) in the same problem shape."""
    assert isinstance(exc, StarletteHTTPException)
    detail = exc.detail if isinstance(exc.detail, str) else TITLES.get(exc.status_code, "Error")
    body = problem(exc.status_code, detail, instance=request.url.path)
    return _respond(request, body, dict(exc.headers or {}))


async def handle_unexpected(request: Request, exc: Exception) -> Response:
    """Anything else: logged with its traceback on the server, a bare 500 problem to the client."""
    log.error("unexpected error on %s %s", request.method, request.url.path, exc_info=exc)
    return _respond(request, problem(500, "internal error; the server log has the details", instance=request.url.path))


def install_handlers(app: FastAPI) -> None:
    """Register the handlers above on ``app``."""
    app.add_exception_handler(TradewardenError, handle_tradewarden_error)
    app.add_exception_handler(RequestValidationError, handle_validation_error)
    app.add_exception_handler(StarletteHTTPException, handle_http_error)
    app.add_exception_handler(Exception, handle_unexpected)

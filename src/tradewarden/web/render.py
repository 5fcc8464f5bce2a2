"""Rendering the reviewer UI: one Jinja2 environment (autoescaped) over ``web/templates``.

:func:`render` adds what every page needs: the signed-in user, the CSRF form token (setting
the ``tw_csrf`` cookie on first visit), the stale or missing lists (a banner on every page:
screenings cannot be clear until they are updated) and whether the vendored htmx script is
present (the UI works without it; with it, navigation is boosted).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, select_autoescape

from tradewarden.api.security import CSRF_COOKIE, new_csrf_cookie
from tradewarden.errors import TradewardenError
from tradewarden.web.highlight import highlight

WEB = Path(__file__).resolve().parent
TEMPLATES = WEB / "templates"
STATIC = WEB / "static"
HTMX = STATIC / "vendor" / "htmx.min.js"

_ENV = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(["html"]), trim_blocks=True, lstrip_blocks=True)


def _when(value: Any) -> str:
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return "" if value is None else str(value)[:16].replace("T", " ")


_ENV.filters["when"] = _when
_ENV.filters["highlight"] = highlight
_ENV.globals["outcome_class"] = lambda value: {"clear": "ok", "review": "warn", "block": "bad"}.get(str(value), "muted")
_ENV.globals["status_class"] = lambda value: {
    "open": "warn", "escalated": "bad", "pending_second_review": "info", "released": "ok", "blocked": "bad",
}.get(str(value), "muted")


def render(request: Request, template: str, context: dict[str, Any] | None = None, status_code: int = 200) -> HTMLResponse:
    """Render ``template`` with ``context`` plus the user, the CSRF token and the htmx flag.

    Args:
        request: the request (its cookies carry the CSRF seed).
        template: the file under ``web/templates``.
        context: the page's values.
        status_code: the HTTP status.
    Returns:
        The HTML response (setting ``tw_csrf`` when the browser had none).
    """
    state = request.app.state.tw
    seed = request.cookies.get(CSRF_COOKIE)
    fresh = seed is None
    if seed is None:
        seed = new_csrf_cookie()
    user = getattr(request.state, "user", None)
    values = {
        "request": request,
        "user": user,
        "stale_lists": _stale_lists(state) if user is not None else (),
        "csrf_token": state.signer.csrf_token(seed),
        "htmx": HTMX.exists(),
        "path": request.url.path,
        **(context or {}),
    }
    html = _ENV.get_template(template).render(values)
    response = HTMLResponse(html, status_code=status_code)
    response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self'; img-src 'self' data:; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    if fresh:
        response.set_cookie(CSRF_COOKIE, seed, httponly=True, samesite="strict", secure=state.settings.session_cookie_secure or request.url.scheme == "https", path="/")
    return response


def _stale_lists(state: Any) -> tuple[str, ...]:
    """The lists that keep screenings from being clear (stale, or required and never loaded), for the banner."""
    try:
        return tuple(state.policy().stale_sources)
    except TradewardenError:  # the store is down: the error page says so
        return ()


def render_error(request: Request, problem: dict[str, Any]) -> HTMLResponse:
    """An error page for a problem document (status, title, detail, field)."""
    return render(request, "error.html", {"problem": problem}, status_code=int(problem["status"]))

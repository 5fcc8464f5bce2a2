"""Signing in and out of the reviewer UI, and the dependencies that guard its pages.

A login checks the password with :func:`tradewarden.store.users.authenticate_password`
(refusals are audited there) and sets the signed ``tw_session`` cookie; every form carries
the CSRF token of the ``tw_csrf`` cookie. Pages take ``UiUser`` (any signed-in user) and
check their permission with :func:`allow`.
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from tradewarden.api.deps import AppState, State, authenticate, check_csrf, rate_limit, refusals_limited
from tradewarden.api.security import SESSION_COOKIE, caller_key
from tradewarden.errors import AuthError
from tradewarden.store.users import Permission, User, authenticate_password, require_permission
from tradewarden.web.render import render

router = APIRouter()


def ui_user(request: Request, state: State) -> User:
    """The signed-in user of a page (401, which the UI turns into a login redirect, if none)."""
    user = authenticate(request, state).user
    request.state.user = user
    return user


UiUser = Annotated[User, Depends(ui_user)]


def allow(user: User, permission: Permission) -> None:
    """Refuse (403) unless ``user``'s role grants ``permission``."""
    require_permission(user, permission)


def _safe_next(target: str | None) -> str:
    if not target:
        return "/ui/"
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/ui"):
        return "/ui/"
    return target


@router.get("/login", response_class=HTMLResponse, include_in_schema=False)
def login_page(request: Request, next: str | None = None) -> Response:
    """The login form."""
    return render(request, "login.html", {"next": _safe_next(next)})


@router.post("/login", include_in_schema=False)
def login(
    request: Request,
    state: State,
    name: Annotated[str, Form(max_length=100)],
    password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form()] = "",
    next: Annotated[str, Form()] = "/ui/",
) -> Response:
    """Check the password, set the session cookie and go on to ``next``."""
    check_csrf(request, state, csrf_token)
    rate_limit(state, caller_key(None, None, request.client.host if request.client else None) + ":login")
    try:
        with refusals_limited(state, request.client.host if request.client else None):
            user = authenticate_password(state.store, name.strip(), password)
    except AuthError as exc:
        return render(request, "login.html", {"next": _safe_next(next), "error": exc.message, "name": name}, status_code=401)
    return _signed_in(state, request, user, _safe_next(next))


def _signed_in(state: AppState, request: Request, user: User, target: str) -> Response:
    assert state.signer is not None
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(
        SESSION_COOKIE, state.signer.issue(user.name), max_age=state.signer.max_age, httponly=True,
        samesite="lax", secure=state.settings.session_cookie_secure or request.url.scheme == "https", path="/",
    )
    return response


@router.post("/logout", include_in_schema=False)
def logout(request: Request, state: State, csrf_token: Annotated[str, Form()] = "") -> Response:
    """End the session (the cookie is revoked server-side and deleted)."""
    check_csrf(request, state, csrf_token)
    assert state.signer is not None
    session = state.signer.check(request.cookies.get(SESSION_COOKIE))
    if session is not None:
        state.signer.revoke(session)
    response = RedirectResponse("/ui/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax",
                           secure=state.settings.session_cookie_secure or request.url.scheme == "https")
    return response

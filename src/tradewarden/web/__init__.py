"""The reviewer web UI (server-rendered Jinja2, htmx if present), mounted under ``/ui``.

Pages call the same library functions as the API; see :mod:`tradewarden.web.views` for the
pages and :mod:`tradewarden.web.auth` for sign-in, sessions and CSRF.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI
from fastapi.responses import RedirectResponse
from fastapi.staticfiles import StaticFiles

from tradewarden.web import auth, views
from tradewarden.web.render import STATIC


def install_web(app: FastAPI) -> None:
    """Mount the UI's pages under ``/ui`` and its static files under ``/ui/static``."""
    router = APIRouter(prefix="/ui")
    router.include_router(auth.router)
    router.include_router(views.router)
    app.include_router(router)
    app.mount("/ui/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    def root() -> RedirectResponse:
        return RedirectResponse("/ui/", status_code=307)


__all__ = ["install_web"]

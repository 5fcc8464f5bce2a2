"""The HTTP API (FastAPI) and the reviewer UI in one app: ``create_app(settings)``.

Routes (each authorised by role; see :mod:`tradewarden.api.deps`):

* yente-compatible: ``POST /match/{dataset}``, ``GET /search/{dataset}``, ``GET /entities/{id}``, ``GET /catalog``;
* screening and review: ``POST /screen``, ``GET/POST /cases``, ``GET /cases/{id}``, ``POST /cases/{id}/decision``;
* lists and audit: ``GET /lists``, ``POST /lists/update`` (admin), ``GET /audit``, ``GET /audit/verify``;
* operations: ``GET /healthz``, ``GET /readyz``, ``GET /metrics``;
* the web UI under ``/ui`` (:mod:`tradewarden.web`).

Errors are RFC 9457 problem documents (:mod:`tradewarden.api.errors`). Settings come in as an
argument (``tradewarden serve`` passes :func:`~tradewarden.settings.get_settings`).
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from fastapi import FastAPI
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.utils import get_openapi

from tradewarden.api.deps import AppState
from tradewarden.api.errors import install_handlers
from tradewarden.api.metrics import RequestMetrics
from tradewarden.api.routers import audit, cases, catalog, entities, health, lists, match, screen, search
from tradewarden.api.security import BodySizeLimit, install_log_redaction
from tradewarden.errors import TradewardenError
from tradewarden.models import Order
from tradewarden.settings import Settings
from tradewarden.store import Store

__all__ = ["create_app"]

logger = logging.getLogger(__name__)

DESCRIPTION = """Export-control and sanctions screening.

Authenticate with an API key (`tradewarden users key NAME`) in `Authorization: ApiKey <key>`
or `X-API-Key: <key>`. Roles: **analyst** (view, match, screen), **reviewer** (also decide cases
and read the audit trail), **admin** (also update lists). Errors are `application/problem+json`
(RFC 9457) with `field` naming the offending input.
"""


def _openapi(app: FastAPI) -> Callable[[], dict[str, Any]]:
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
            components = schema.setdefault("components", {}).setdefault("schemas", {})
            order = Order.model_json_schema(ref_template="#/components/schemas/{model}")
            components.update(order.pop("$defs", {}))
            components["Order"] = order
            schema["components"]["securitySchemes"] = {
                "ApiKey": {"type": "apiKey", "in": "header", "name": "X-API-Key"},
            }
            schema["security"] = [{"ApiKey": []}]
            app.openapi_schema = schema
        return app.openapi_schema

    return build


def create_app(settings: Settings, *, store: Store | None = None, preload: bool = False) -> FastAPI:
    """Build the API and web UI.

    Args:
        settings: the configuration (store location, limits, list freshness, session length).
        store: an already open store to use (tests); by default one is opened from
            ``settings`` on first use and closed at shutdown.
        preload: load the match index and list data at startup (``tradewarden serve``), so the
            first requests do not wait for them; a failure is logged and left to the first
            request (``/healthz`` still answers; ``/readyz`` says what is missing).
    Returns:
        The FastAPI application.
    """
    state = AppState(settings) if store is None else AppState(settings, store_factory=lambda _: store)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        install_log_redaction()
        if preload:
            try:
                await run_in_threadpool(state.warm)
            except TradewardenError as exc:
                logger.warning("could not preload the lists at startup: %s", exc)
        yield
        if store is None:
            state.close()

    from tradewarden import __version__

    app = FastAPI(title="tradewarden", version=__version__, description=DESCRIPTION, lifespan=lifespan)
    app.state.tw = state
    install_handlers(app)
    for module in (match, search, entities, catalog, screen, cases, lists, audit, health):
        app.include_router(module.router)
    from tradewarden.web import install_web

    install_web(app)
    app.openapi = _openapi(app)  # type: ignore[method-assign]
    assert state.metrics is not None
    app.add_middleware(RequestMetrics, metrics=state.metrics)
    app.add_middleware(
        BodySizeLimit, limit=settings.api_max_body_bytes,
        multipart_limit=settings.api_max_body_bytes + settings.max_attachment_bytes,
    )
    return app

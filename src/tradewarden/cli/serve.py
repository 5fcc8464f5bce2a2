"""``tradewarden serve``: run the HTTP API and the reviewer UI with uvicorn.

Thin: builds the app with :func:`tradewarden.api.create_app` from the environment's settings
(loading the match index before the first request) and hands it to uvicorn, with one worker
process per CPU by default on PostgreSQL (:mod:`tradewarden.api.workers`: one listening socket each, so the
kernel spreads connections over them); secrets are masked in the server's logs.
"""

from __future__ import annotations

import os
from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
        workers: Annotated[int | None, typer.Option(
            help="Worker processes (default: one per CPU on PostgreSQL, 1 on SQLite); each loads the match index; rate limits are per process.",
            show_default=False, min=1)] = None,
        log_level: Annotated[str, typer.Option(help="uvicorn log level: critical, error, warning, info, debug.")] = "info",
        access_log: Annotated[bool, typer.Option(help="Log every request (uvicorn's access log, at info level).")] = True,
    ) -> None:
        """Serve the API (yente-compatible /match, /search, /entities, /catalog; /screen, /cases, /lists, /audit) and the web UI.

        Settings come from TRADEWARDEN_* variables; create users and API keys with `tradewarden users`.
        The OpenAPI page is at /docs, the UI at /ui/. Each worker loads the lists' match index before
        it accepts requests.

        Example: tradewarden serve --host 127.0.0.1 --port 8000 --workers 2
        """
        import uvicorn

        from tradewarden.api import create_app
        from tradewarden.api.security import install_log_redaction
        from tradewarden.settings import get_settings

        install_log_redaction()
        settings = get_settings()
        if workers is None:
            # SQLite takes one writer at a time: worker processes would contend for it (a /screen
            # writes), so one process unless asked; PostgreSQL gets one per CPU.
            sqlite = settings.resolved_database_url().startswith("sqlite")
            workers = 1 if sqlite else os.cpu_count() or 1
        typer.echo(f"tradewarden serving on http://{host}:{port}/ (UI: http://{host}:{port}/ui/, API docs: http://{host}:{port}/docs)"
                   f" with {workers} worker(s)")
        if workers > 1:
            from tradewarden.api.workers import serve_workers

            raise typer.Exit(serve_workers(host, port, workers, log_level, access_log))
        uvicorn.run(create_app(settings, preload=True), host=host, port=port, log_level=log_level, access_log=access_log)

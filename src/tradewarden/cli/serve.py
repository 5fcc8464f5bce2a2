"""``tradewarden serve``: run the HTTP API and the reviewer UI with uvicorn.

Thin: builds the app with :func:`tradewarden.api.create_app` from the environment's settings
and hands it to uvicorn; secrets are masked in the server's logs.
"""

from __future__ import annotations

from typing import Annotated

import typer


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to ``app``."""

    @app.command("serve")
    def serve(
        host: Annotated[str, typer.Option(help="Address to listen on (0.0.0.0 for every interface).")] = "127.0.0.1",
        port: Annotated[int, typer.Option(help="TCP port to listen on.")] = 8000,
        workers: Annotated[int, typer.Option(help="Worker processes (sessions and limits are per process).")] = 1,
        log_level: Annotated[str, typer.Option(help="uvicorn log level: critical, error, warning, info, debug.")] = "info",
    ) -> None:
        """Serve the API (yente-compatible /match, /search, /entities, /catalog; /screen, /cases, /lists, /audit) and the web UI.

        Settings come from TRADEWARDEN_* variables; create users and API keys with `tradewarden users`.
        The OpenAPI page is at /docs, the UI at /ui/.

        Example: tradewarden serve --host 127.0.0.1 --port 8000
        """
        import uvicorn

        from tradewarden.api import create_app
        from tradewarden.api.security import install_log_redaction
        from tradewarden.settings import get_settings

        install_log_redaction()
        typer.echo(f"tradewarden serving on http://{host}:{port}/ (UI: http://{host}:{port}/ui/, API docs: http://{host}:{port}/docs)")
        if workers > 1:
            uvicorn.run("tradewarden.api.server:app", host=host, port=port, workers=workers, log_level=log_level, factory=False)
            return
        uvicorn.run(create_app(get_settings()), host=host, port=port, log_level=log_level)

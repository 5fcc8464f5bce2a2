"""The app built from the environment's settings, for ``uvicorn tradewarden.api.server:app`` (and ``serve --workers N``);
each worker process loads the match index at startup."""

from __future__ import annotations

from tradewarden.api import create_app
from tradewarden.settings import get_settings

app = create_app(get_settings(), preload=True)

"""PDF reports: WeasyPrint renders the HTML; without it the user is told what to install."""

from __future__ import annotations

import builtins
from pathlib import Path
from typing import Any

import pytest
from screen_support import order, screen

from tradewarden.errors import ConfigError
from tradewarden.report import render_pdf, write_report


def test_pdf_report(tmp_path: Path) -> None:
    pytest.importorskip("weasyprint", exc_type=ImportError)
    checked = order(parties=[{"roles": ["buyer"], "name": "Romashka Trading LLC", "country": "RU"}])
    path = write_report(tmp_path / "report.pdf", checked, screen(checked))
    content = path.read_bytes()
    assert content.startswith(b"%PDF-") and len(content) > 5000


def test_missing_weasyprint_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_weasyprint(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    checked = order()
    with pytest.raises(ConfigError, match=r"tradewarden\[pdf\]"):
        render_pdf(checked, screen(checked))

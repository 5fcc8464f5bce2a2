"""Due-diligence reports of a screening decision: HTML (Jinja2) and PDF (WeasyPrint, optional).

``write_report(path, order, decision)`` picks the format from the file suffix (``.html`` or
``.pdf``). The report is what a compliance file keeps: the order, the decision and its reasons,
every finding with its evidence and citation, the matched list entries with the matched names
highlighted, and the list and data versions the decision rests on. PDF needs the ``pdf`` extra
(``pip install 'tradewarden[pdf]'``), imported only when a PDF is asked for.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from tradewarden.decide import Decision
from tradewarden.errors import InputError
from tradewarden.models import Order
from tradewarden.report.html import highlight_names, render_html, report_context
from tradewarden.report.pdf import render_pdf

__all__ = ["highlight_names", "render_html", "render_pdf", "report_context", "write_report"]

FORMATS = (".html", ".htm", ".pdf")


def write_report(path: Path, order: Order, decision: Decision, *, generated_at: datetime | None = None) -> Path:
    """Write the due-diligence report of one decision.

    Args:
        path: the output file; ``.html`` / ``.htm`` for HTML, ``.pdf`` for PDF.
        order: the screened order.
        decision: its decision.
        generated_at: the time printed on the report (default: now, UTC).
    Returns:
        The path written.
    Raises:
        InputError: the suffix is not one of ``.html``, ``.htm``, ``.pdf``, or the file cannot
            be written.
        ConfigError: a PDF was asked for and WeasyPrint (or pango) is not installed.
    """
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise InputError(f"report file must end in .html or .pdf, not {path.name!r}", field="report")
    content: bytes
    if suffix == ".pdf":
        content = render_pdf(order, decision, generated_at=generated_at)
    else:
        content = render_html(order, decision, generated_at=generated_at).encode("utf-8")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    except OSError as exc:
        raise InputError(f"cannot write report {path}: {exc.strerror}", field="report") from None
    return path

"""PDF rendering of the HTML report with WeasyPrint, imported lazily (the ``pdf`` extra)."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from tradewarden.decide import Decision
from tradewarden.errors import ConfigError
from tradewarden.models import Order
from tradewarden.report.html import render_html

INSTALL_HINT = (
    "PDF reports need WeasyPrint: pip install 'tradewarden[pdf]' "
    "(it also needs the pango libraries: `make sysdeps`, or apt-get install libpango-1.0-0 libpangoft2-1.0-0)"
)


def _weasyprint() -> Any:
    try:
        import weasyprint  # type: ignore[import-untyped]
    except (ImportError, OSError) as exc:  # OSError: the package is there, pango is not
        raise ConfigError(f"{INSTALL_HINT}; import failed: {exc}", extra="pdf") from None
    # WeasyPrint logs every CSS property it skips; a report is not the place for that noise.
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    return weasyprint


def render_pdf(order: Order, decision: Decision, *, generated_at: datetime | None = None) -> bytes:
    """The report as PDF bytes.

    Args:
        order: the screened order.
        decision: its decision.
        generated_at: the time printed on the report (default: now, UTC).
    Returns:
        The PDF document.
    Raises:
        ConfigError: WeasyPrint or pango is not installed (the message says what to install).
    """
    weasyprint = _weasyprint()
    html = render_html(order, decision, generated_at=generated_at)
    pdf: bytes = weasyprint.HTML(string=html).write_pdf()
    return pdf

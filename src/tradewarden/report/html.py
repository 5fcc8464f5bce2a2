"""HTML rendering of a decision: ``templates/report.html.j2`` with Jinja2, autoescape on.

:func:`report_context` turns an order and its decision into plain values for the template (so the
template holds layout only); :func:`highlight_names` marks the words two names share, across
scripts (a Cyrillic query word is compared with a Latin listed word through their ASCII forms).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape
from rapidfuzz import fuzz

from tradewarden.decide import Decision
from tradewarden.findings import Evidence, Finding, Outcome
from tradewarden.models import Order
from tradewarden.names.translit import to_ascii
from tradewarden.rules import UNKNOWN_CODE

#: Two words count as the same in a highlight when their ASCII forms are this similar (0-100).
SAME_WORD_RATIO = 80.0
_WORDS = re.compile(r"(\w+)", re.UNICODE)


@cache
def _environment() -> Environment:
    return Environment(
        loader=PackageLoader("tradewarden.report", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def _ascii_words(text: str) -> list[str]:
    return [word for word in to_ascii(text).split() if word]


def highlight_names(name: str, other: str) -> Markup:
    """``name`` with every word that also occurs in ``other`` wrapped in ``<mark>``, HTML-escaped.

    Args:
        name: the name to show (a query name or a listed name, any script).
        other: the name it was matched with.
    Returns:
        Safe markup.
    """
    targets = _ascii_words(other)
    parts: list[str] = []
    for piece in _WORDS.split(name):
        words = _ascii_words(piece) if _WORDS.fullmatch(piece) else []
        same = bool(words) and all(
            any(fuzz.ratio(word, target) >= SAME_WORD_RATIO for target in targets) for word in words
        )
        parts.append(f"<mark>{escape(piece)}</mark>" if same else str(escape(piece)))
    return Markup("".join(parts))


def _list_entries(findings: tuple[Finding, ...]) -> list[dict[str, Any]]:
    """Every matched list entry in the findings' evidence, once, best score first."""
    seen: dict[tuple[str, str], dict[str, Any]] = {}
    for finding in findings:
        for evidence in finding.evidence:
            if evidence.kind != "list_entry":
                continue
            detail = evidence.detail
            key = (str(detail.get("entity_id", evidence.reference)), str(detail.get("query_name", "")))
            query_name = str(detail.get("query_name", ""))
            matched_name = str(detail.get("matched_name", ""))
            entry = {
                "reference": evidence.reference,
                "citation": evidence.citation,
                "subject": finding.subject,
                "finding": finding.code,
                "caption": detail.get("caption", ""),
                "query_html": highlight_names(query_name, matched_name),
                "matched_html": highlight_names(matched_name, query_name),
                "score": detail.get("score"),
                "match_kind": detail.get("match_kind", ""),
                "confirmed": detail.get("confirmed"),
                "list_effect": detail.get("list_effect", ""),
                "programs": _text(detail.get("programs") or []),
                "listed_on": detail.get("listed_on"),
                "explanation": detail.get("explanation", ""),
            }
            if key not in seen:
                seen[key] = entry
    return sorted(seen.values(), key=lambda entry: -float(entry["score"] or 0.0))


def _evidence_rows(evidence: tuple[Evidence, ...]) -> list[dict[str, Any]]:
    rows = []
    for item in evidence:
        shown = {k: v for k, v in item.detail.items() if k not in ("explanation", "entity_id") and v not in (None, "", [], {})}
        rows.append({
            "kind": item.kind,
            "reference": item.reference,
            "citation": item.citation,
            "detail": "; ".join(f"{key}: {_text(value)}" for key, value in shown.items()),
        })
    return rows


def _text(value: object) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_text(part) for part in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}={_text(v)}" for k, v in value.items())
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def _order_summary(order: Order) -> dict[str, Any]:
    route = order.route.model_dump(mode="json", exclude_none=True)
    payment = order.payment.model_dump(mode="json", exclude_none=True)
    stated = {k: v for k, v in order.facts.model_dump(mode="json").items() if v is not None}
    parties = []
    for index, party in enumerate(order.parties):
        ids = [party.registration_number, party.tax_number, party.imo_number, *(f"{i.scheme}: {i.value}" for i in party.identifiers)]
        owners = ", ".join(
            f"{owner.name} ({'?' if owner.percent is None else f'{owner.percent:g} %'})" for owner in party.owners or []
        )
        parties.append({
            "subject": f"order.parties[{index}]",
            "roles": ", ".join(role.value.replace("_", " ") for role in party.roles),
            "name": party.name,
            "country": party.country or "",
            "address": party.address or "",
            "identifiers": ", ".join(value for value in ids if value),
            "business": ", ".join(v for v in (party.business_type.value if party.business_type else "", party.business_line or "") if v),
            "owners": owners if party.owners else ("none declared" if party.owners is None else "none"),
        })
    items = [
        {
            "subject": f"order.items[{index}]",
            "description": item.description,
            "hs_code": item.hs_code or "",
            "eccn": item.eccn or "",
            "part": " ".join(v for v in (item.manufacturer, item.part_number) if v),
            "quantity": "" if item.quantity is None else f"{item.quantity:g}",
            "value": _value(item.value, item.quantity, item.unit_price, item.currency),
        }
        for index, item in enumerate(order.items)
    ]
    return {"parties": parties, "items": items, "route": route, "payment": payment, "stated": stated}


def _value(value: float | None, quantity: float | None, unit_price: float | None, currency: str | None) -> str:
    if value is None and quantity is not None and unit_price is not None:
        value = quantity * unit_price
    return "" if value is None else f"{value:,.2f} {currency or ''}".strip()


def report_context(order: Order, decision: Decision, *, generated_at: datetime | None = None) -> dict[str, Any]:
    """The values the report template shows.

    Args:
        order: the screened order.
        decision: its decision.
        generated_at: the time printed on the report (default: now, UTC).
    Returns:
        A mapping of plain values (and safe markup for highlighted names).
    """
    from tradewarden import __version__

    when = (generated_at or datetime.now(UTC)).astimezone(UTC)
    findings = [f for f in decision.findings if f.code != UNKNOWN_CODE]
    return {
        "title": f"Due-diligence record: {order.reference or 'order without reference'}",
        "reference": order.reference or "(none)",
        "order_date": order.order_date.isoformat() if order.order_date else "",
        "end_use": order.end_use or "",
        "generated_at": when.strftime("%Y-%m-%d %H:%M UTC"),
        "version": __version__,
        "outcome": decision.outcome.value,
        "outcome_label": {Outcome.CLEAR: "CLEAR", Outcome.REVIEW: "REVIEW", Outcome.BLOCK: "BLOCK"}[decision.outcome],
        "risk_score": f"{decision.risk_score:g}",
        "reasons": list(decision.reasons),
        "findings": [
            {
                "code": f.code,
                "category": f.category.value,
                "severity": f.severity.name.lower(),
                "outcome": f.outcome.value,
                "title": f.title,
                "detail": f.detail,
                "subject": f.subject,
                "evidence": _evidence_rows(f.evidence),
            }
            for f in findings
        ],
        "open_questions": [f.title for f in decision.findings if f.code == UNKNOWN_CODE],
        "entries": _list_entries(decision.findings),
        "list_versions": [v.model_dump(mode="json") for v in decision.list_versions],
        "data_versions": dict(decision.data_versions),
        "order": _order_summary(order),
    }


def render_html(order: Order, decision: Decision, *, generated_at: datetime | None = None) -> str:
    """The report as one self-contained HTML page (inline CSS, no scripts).

    Args:
        order: the screened order.
        decision: its decision.
        generated_at: the time printed on the report (default: now, UTC).
    Returns:
        The HTML text.
    """
    template = _environment().get_template("report.html.j2")
    return template.render(**report_context(order, decision, generated_at=generated_at))

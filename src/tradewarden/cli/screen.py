"""``tradewarden screen``: screen one order (or a folder of orders) and show the decision.

Thin: reads the order JSON, loads the index, list data and stale sources from the store
(:func:`tradewarden.screen_service.load_screening`), calls :func:`tradewarden.screen.screen_order`
and renders the decision with Rich, as JSON, or as an HTML / PDF report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from tradewarden.decide import Decision
from tradewarden.errors import InputError
from tradewarden.findings import Finding, Outcome
from tradewarden.models import Order, parse_order
from tradewarden.rules import UNKNOWN_CODE, RuleSet, load_rules, package_rules
from tradewarden.screen import screen_order
from tradewarden.screen_service import Screening, load_screening
from tradewarden.settings import get_settings
from tradewarden.store import Store

#: Files in a folder of orders that are not orders (expected-decision sidecars).
SIDECAR_PREFIX = "expected"
_STYLE = {Outcome.CLEAR: "bold green", Outcome.REVIEW: "bold yellow", Outcome.BLOCK: "bold red"}


def _console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or logged: keep each row on one line
        console = Console(highlight=False, width=max(console.width, 160))
    return console


def read_order(path: Path) -> Order:
    """Read and validate one order file.

    Raises:
        InputError: the file cannot be read or is not a valid order (the field is named).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", field="order") from None
    try:
        return parse_order(raw)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc.message}", field=exc.field, **{k: v for k, v in exc.details.items() if k != "field"}) from None


def order_files(folder: Path) -> list[Path]:
    """The order files of a folder: ``*.json``, sorted, without ``expected*.json`` sidecars."""
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith(SIDECAR_PREFIX))


def decision_json(path: Path, order: Order, decision: Decision) -> dict[str, Any]:
    """The JSON record of one screened order (``--json``)."""
    return {"file": str(path), "reference": order.reference, **decision.model_dump(mode="json")}


def render_decision(console: Console, order: Order, decision: Decision, screening: Screening) -> None:
    """Print one decision: outcome, reasons, every finding with its evidence, versions used."""
    style = _STYLE[decision.outcome]
    head = f"[{style}]{decision.outcome.value.upper()}[/{style}]  risk score {decision.risk_score:g}/100"
    reasons = "\n".join(f"{n}. {reason}" for n, reason in enumerate(decision.reasons, start=1)) or "No finding asks for review."
    console.print(Panel(f"{head}\n\n{reasons}", title=f"Order {order.reference or '(no reference)'}", expand=False))
    findings = [f for f in decision.findings if f.code != UNKNOWN_CODE]
    if findings:
        table = Table(title="Findings", show_lines=True)
        for column in ("outcome", "severity", "code", "finding", "evidence"):
            table.add_column(column)
        for finding in findings:
            table.add_row(
                f"[{_STYLE[finding.outcome]}]{finding.outcome.value}[/]", finding.severity.name.lower(), finding.code,
                f"{finding.title}\n[dim]{finding.subject}[/dim]", _evidence_text(finding),
            )
        console.print(table)
    unknown = [f for f in decision.findings if f.code == UNKNOWN_CODE]
    if unknown:
        console.print(f"[dim]{len(unknown)} red flags could not be evaluated (facts unknown); see --json or the report.[/dim]")
    if screening.stale or screening.missing:
        console.print(f"[yellow]lists stale: {', '.join(screening.stale) or '-'}; missing: {', '.join(screening.missing) or '-'}[/yellow]")
    versions = ", ".join(f"{v.source}#{v.version_id}" for v in decision.list_versions) or "none"
    console.print(f"[dim]list versions: {versions}[/dim]")


def _evidence_text(finding: Finding) -> str:
    lines = []
    for evidence in finding.evidence[:4]:
        line = evidence.reference
        if evidence.kind == "list_entry":
            detail = evidence.detail
            line += f": {detail.get('matched_name')!s} ({float(detail.get('score') or 0):.2f})"  # type: ignore[arg-type]
        if evidence.citation:
            line += f"\n  [dim]{evidence.citation}[/dim]"
        lines.append(line)
    if len(finding.evidence) > 4:
        lines.append(f"[dim]+{len(finding.evidence) - 4} more[/dim]")
    return "\n".join(lines)


def render_summary(console: Console, rows: list[tuple[Path, Order, Decision]]) -> None:
    """Print one line per screened order, and the count of each outcome."""
    table = Table(title=f"Screened {len(rows)} orders")
    for column in ("file", "reference", "decision", "risk", "main reason"):
        table.add_column(column, justify="right" if column == "risk" else "left")
    for path, order, decision in rows:
        style = _STYLE[decision.outcome]
        table.add_row(
            path.name, order.reference or "", f"[{style}]{decision.outcome.value}[/]", f"{decision.risk_score:g}",
            decision.reasons[0] if decision.reasons else "",
        )
    console.print(table)
    counts = {outcome: sum(1 for *_, d in rows if d.outcome is outcome) for outcome in Outcome}
    console.print(", ".join(f"{outcome.value}: {count}" for outcome, count in counts.items()))


def _rules(paths: list[Path] | None) -> RuleSet:
    return load_rules(paths) if paths else package_rules()


def screen(
    target: Annotated[Path, typer.Argument(help="An order JSON file, or a folder of them (expected*.json are skipped).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the decision(s) as JSON.")] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a due-diligence report: out.html, or out.pdf (needs tradewarden[pdf]).")
    ] = None,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="An extra red-flag rule file (YAML); repeat for several.")
    ] = None,
) -> None:
    """Screen an order: parties (and owners) against every current list, items, destination,
    route and red flags; print the decision (clear / review / block) with every finding.

    A folder of orders gives a summary table. Lists older than TRADEWARDEN_MAX_LIST_AGE_HOURS, or
    required lists never loaded, make every decision at least "review".

    Example: tradewarden screen examples/orders/06_subsidiary_owned_by_two_listed.json --report out.html
    """
    if not target.exists():
        raise InputError(f"no such file or folder: {target}", field="order")
    files = order_files(target) if target.is_dir() else [target]
    if target.is_dir() and not files:
        raise InputError(f"no order files (*.json) in {target}", field="order")
    if report is not None and len(files) != 1:
        raise InputError("--report takes a single order, not a folder", field="report")
    orders = [(path, read_order(path)) for path in files]
    rule_set = _rules(rules)
    settings = get_settings()
    store = Store.open(settings)
    try:
        screening = load_screening(store, settings)
    finally:
        store.close()
    rows = [
        (path, order, screen_order(order, screening.index, rule_set, screening.policy, lists=screening.lists, confirm=screening.confirm))
        for path, order in orders
    ]
    if report is not None:
        from tradewarden.report import write_report

        path, order, decision = rows[0]
        write_report(report, order, decision)
    if as_json:
        payload = [decision_json(path, order, decision) for path, order, decision in rows]
        typer.echo(json.dumps(payload if target.is_dir() else payload[0], indent=2, ensure_ascii=False))
        return
    console = _console()
    if target.is_dir():
        render_summary(console, rows)
    else:
        render_decision(console, rows[0][1], rows[0][2], screening)
    if report is not None:
        console.print(f"report written to {report}")


def register(app: typer.Typer) -> None:
    """Add the ``screen`` command to ``app``."""
    app.command("screen")(screen)

"""``tradewarden screen``: screen one order (or a folder of orders), record it, and show the decision.

Thin: reads the order JSON, loads the index, list data and stale sources from the store
(:func:`tradewarden.screen_service.load_screening`), calls :func:`tradewarden.screen.screen_order`,
records each screening with who asked (:func:`tradewarden.cases.record_screening`, as the API's
``POST /screen`` does: anything not clear opens a case) unless ``--no-record``, and renders the
decision with Rich, as JSON, or as an HTML / PDF report.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.panel import Panel
from rich.table import Table

from tradewarden.cases import Screening as RecordedScreening
from tradewarden.cases import record_screening
from tradewarden.cli.audit import cli_actor
from tradewarden.cli.identity import ApiKeyFileOption, authenticate_cli
from tradewarden.decide import Decision
from tradewarden.errors import InputError
from tradewarden.findings import Finding, Outcome
from tradewarden.models import Order, parse_order
from tradewarden.rules import UNKNOWN_CODE, RuleSet, load_rules, package_rules
from tradewarden.screen import screen_order
from tradewarden.screen_service import Screening, load_screening
from tradewarden.settings import get_settings
from tradewarden.store import Store
from tradewarden.store.users import Permission, User, require_permission

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
    return read_order_input(path)[0]


def read_order_input(path: Path) -> tuple[Order, dict[str, Any]]:
    """Read and validate one order file; also return its JSON exactly as written (to record).

    Raises:
        InputError: the file cannot be read or is not a valid order (the field is named).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc.strerror}", field="order") from None
    try:
        return parse_order(raw), json.loads(raw)
    except InputError as exc:
        raise InputError(f"{path.name}: {exc.message}", field=exc.field, **{k: v for k, v in exc.details.items() if k != "field"}) from None


def order_files(folder: Path) -> list[Path]:
    """The order files of a folder: ``*.json``, sorted, without ``expected*.json`` sidecars."""
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith(SIDECAR_PREFIX))


def decision_json(
    path: Path, order: Order, decision: Decision, recorded: RecordedScreening | None = None
) -> dict[str, Any]:
    """The JSON record of one screened order (``--json``), with its screening and case ids when recorded."""
    ids = {} if recorded is None else {"screening_id": recorded.id, "case_id": recorded.case_id}
    return {"file": str(path), "reference": order.reference, **ids, **decision.model_dump(mode="json")}


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


def render_summary(
    console: Console, rows: list[tuple[Path, Order, Decision]], recorded: list[RecordedScreening] | None = None
) -> None:
    """Print one line per screened order (with its case, when recorded), and the count of each outcome."""
    table = Table(title=f"Screened {len(rows)} orders")
    columns = ("file", "reference", "decision", "risk", *(("case",) if recorded else ()), "main reason")
    for column in columns:
        table.add_column(column, justify="right" if column in ("risk", "case") else "left")
    for number, (path, order, decision) in enumerate(rows):
        style = _STYLE[decision.outcome]
        case = [] if not recorded else [_case_text(recorded[number])]
        table.add_row(
            path.name, order.reference or "", f"[{style}]{decision.outcome.value}[/]", f"{decision.risk_score:g}",
            *case, decision.reasons[0] if decision.reasons else "",
        )
    console.print(table)
    counts = {outcome: sum(1 for *_, d in rows if d.outcome is outcome) for outcome in Outcome}
    console.print(", ".join(f"{outcome.value}: {count}" for outcome, count in counts.items()))


def _case_text(recorded: RecordedScreening) -> str:
    return "-" if recorded.case_id is None else str(recorded.case_id)


def _rules(paths: list[Path] | None) -> RuleSet:
    return load_rules(paths) if paths else package_rules()


def _asker(store: Store, name: str | None, key_file: Path | None) -> User | str:
    """Who asks: the ``--as`` user (proven, allowed to screen), or the operating-system user."""
    if name is None:
        return cli_actor()
    user = authenticate_cli(store, name, key_file)
    require_permission(user, Permission.SCREEN)
    return user


def record_rows(
    store: Store, rows: list[tuple[Path, Order, Decision]], inputs: list[dict[str, Any]], actor: User | str
) -> list[RecordedScreening]:
    """Record each screened order (a case opens for any not clear), as ``POST /screen`` does."""
    return [
        record_screening(store, "order", payload, decision, actor, reference=order.reference)
        for (_path, order, decision), payload in zip(rows, inputs)
    ]


def screen(
    target: Annotated[Path, typer.Argument(help="An order JSON file, or a folder of them (expected*.json are skipped).")],
    as_json: Annotated[bool, typer.Option("--json", help="Print the decision(s) as JSON.")] = False,
    report: Annotated[
        Path | None, typer.Option("--report", help="Write a due-diligence report: out.html, or out.pdf (needs tradewarden[pdf]).")
    ] = None,
    rules: Annotated[
        list[Path] | None, typer.Option("--rules", help="An extra red-flag rule file (YAML); repeat for several.")
    ] = None,
    user: Annotated[
        str | None,
        typer.Option("--as", help="Record as this user of `tradewarden users` (default: the operating-system user)."),
    ] = None,
    api_key_file: ApiKeyFileOption = None,
    no_record: Annotated[
        bool, typer.Option("--no-record", help="Dry run: show the decision without recording it or opening a case.")
    ] = False,
) -> None:
    """Screen an order: parties (and owners) against every current list, items, destination,
    route and red flags; print the decision (clear / review / block) with every finding.

    Each screening is recorded with who asked (the operating-system user, or --as USER) and
    anything not clear opens a case in the review queue (`tradewarden cases list`); --no-record
    is a dry run. A folder of orders gives a summary table. Lists older than
    TRADEWARDEN_MAX_LIST_AGE_HOURS, or required lists never loaded, make every decision at
    least "review".

    Example: tradewarden screen examples/orders/06_subsidiary_owned_by_two_listed.json --report out.html
    """
    if not target.exists():
        raise InputError(f"no such file or folder: {target}", field="order")
    files = order_files(target) if target.is_dir() else [target]
    if target.is_dir() and not files:
        raise InputError(f"no order files (*.json) in {target}", field="order")
    if report is not None and len(files) != 1:
        raise InputError("--report takes a single order, not a folder", field="report")
    read = [read_order_input(path) for path in files]
    rule_set = _rules(rules)
    settings = get_settings()
    store = Store.open(settings)
    try:
        actor = None if no_record else _asker(store, user, api_key_file)
        screening = load_screening(store, settings)
        rows = [
            (path, order, screen_order(order, screening.index, rule_set, screening.policy, lists=screening.lists, confirm=screening.confirm))
            for path, (order, _payload) in zip(files, read)
        ]
        recorded = None if actor is None else record_rows(store, rows, [payload for _order, payload in read], actor)
    finally:
        store.close()
    if report is not None:
        from tradewarden.report import write_report

        path, order, decision = rows[0]
        write_report(report, order, decision)
    if as_json:
        payload = [
            decision_json(path, order, decision, None if recorded is None else recorded[number])
            for number, (path, order, decision) in enumerate(rows)
        ]
        typer.echo(json.dumps(payload if target.is_dir() else payload[0], indent=2, ensure_ascii=False))
        return
    console = _console()
    if target.is_dir():
        render_summary(console, rows, recorded)
    else:
        render_decision(console, rows[0][1], rows[0][2], screening)
    if recorded is None:
        console.print("[dim]not recorded (--no-record)[/dim]")
    else:
        opened = [r.case_id for r in recorded if r.case_id is not None]
        console.print(
            f"recorded {len(recorded)} screening(s) as {recorded[0].actor}; "
            + (f"case(s) opened: {', '.join(map(str, opened))} (see `tradewarden cases list`)" if opened else "no case opened")
        )
    if report is not None:
        console.print(f"report written to {report}")


def register(app: typer.Typer) -> None:
    """Add the ``screen`` command to ``app``."""
    app.command("screen")(screen)

"""``tradewarden cases ...``: the review queue, case details, reviewer decisions and verification.

Thin commands over :mod:`tradewarden.cases`; the store comes from the settings
(``TRADEWARDEN_HOME``, ``TRADEWARDEN_DATABASE_URL``) and the deciding reviewer from the store's
users (``--as NAME``, see ``tradewarden users``), proven by an API key or password on PostgreSQL
(:mod:`tradewarden.cli.identity`). Four eyes and attachment limits follow
``TRADEWARDEN_FOUR_EYES_MIN_SCORE`` and ``TRADEWARDEN_MAX_ATTACHMENT_BYTES``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from tradewarden.cases import (
    Attachment,
    CaseStatus,
    DecisionAction,
    case_detail,
    decide_case,
    list_queue,
    queue_counts,
    verify_cases,
)
from tradewarden.cases.queue import OPEN_STATUSES, get_attachment
from tradewarden.cli.audit import JsonOption, console, echo_json, open_store
from tradewarden.cli.identity import ApiKeyFileOption, authenticate_cli
from tradewarden.errors import InputError

app = typer.Typer(help="Review cases: the queue, details, decisions with four eyes, verification.", no_args_is_help=True)

CaseArgument = Annotated[int, typer.Argument(help="The case number.")]
AsOption = Annotated[str, typer.Option(
    "--as", help="The reviewer deciding (a user of `tradewarden users`); on PostgreSQL proven by API key or password.",
)]
RationaleOption = Annotated[str, typer.Option("--rationale", "-r", help="Why, in words (required).")]
AttachOption = Annotated[
    list[Path] | None, typer.Option("--attach", help="A file to attach (repeat for several).", exists=False)
]
ExpectOption = Annotated[
    int | None, typer.Option("--expect-version", help="The case version you reviewed; refuse if it changed since.")
]


@app.command("list")
def list_command(
    status: Annotated[
        list[str] | None, typer.Option("--status", "-s", help="Only this status; repeat for several.")
    ] = None,
    show_all: Annotated[bool, typer.Option("--all", help="Every case, closed ones included.")] = False,
    limit: Annotated[int, typer.Option("--limit", help="At most this many cases.")] = 100,
    as_json: JsonOption = False,
) -> None:
    """Show the review queue: open, escalated and pending cases, highest risk first.

    Example: tradewarden cases list --status pending_second_review
    """
    statuses = None if show_all else (status or list(OPEN_STATUSES))
    with open_store() as store:
        cases = list_queue(store, statuses, limit=limit)
        counts = queue_counts(store)
    if as_json:
        echo_json({"counts": counts, "cases": [case.model_dump(mode="json") for case in cases]})
        return
    table = Table("case", "status", "risk", "outcome", "origin", "version", "opened", "title", title="Review queue")
    for case in cases:
        table.add_row(
            str(case.id), case.status.value, f"{case.risk_score:.1f}", case.outcome, case.origin.value,
            str(case.version), case.created_at.strftime("%Y-%m-%d %H:%M"), case.title,
        )
    out = console()
    out.print(table)
    out.print(", ".join(f"{name}: {count}" for name, count in counts.items()))
    matching = sum(counts.values()) if statuses is None else sum(counts.get(str(s), 0) for s in statuses)
    if matching > len(cases):
        out.print(f"showing {len(cases)} of {matching}; use --limit for more")


@app.command()
def show(case_id: CaseArgument, as_json: JsonOption = False) -> None:
    """Show one case: its screening (input, findings, list versions), decisions and notes.

    Example: tradewarden cases show 7
    """
    with open_store() as store:
        detail = case_detail(store, case_id)
    if as_json:
        echo_json(detail.model_dump(mode="json"))
        return
    case, screening = detail.case, detail.screening
    out = console()
    out.print(f"case {case.id} — {case.status.value} (version {case.version}), risk {case.risk_score:.1f}, "
              f"{case.outcome}, opened {case.created_at:%Y-%m-%d %H:%M} by {screening.actor}")
    out.print(f"screening {screening.id} ({screening.kind.value}{', ' + screening.reference if screening.reference else ''})")
    versions = ", ".join(f"{v.source} v{v.version_id}" for v in screening.decision.list_versions)
    out.print(f"list versions: {versions or 'none recorded'}")
    findings = Table("outcome", "severity", "code", "subject", "title", title="Findings")
    for finding in screening.decision.findings:
        findings.add_row(finding.outcome.value, finding.severity.name.lower(), finding.code, finding.subject,
                         finding.title)
    out.print(findings)
    if detail.decisions:
        decisions = Table("when", "who", "action", "status", "rationale", "attachments", title="Decisions")
        for decision in detail.decisions:
            decisions.add_row(
                f"{decision.created_at:%Y-%m-%d %H:%M}", f"{decision.actor} ({decision.role})", decision.action.value,
                f"{decision.from_status.value} → {decision.to_status.value}", decision.rationale,
                "\n".join(f"#{a.id} {a.name} ({a.size:,} B)" for a in decision.attachments),
            )
        out.print(decisions)
    for note in detail.notes:
        out.print(f"note ({note.kind}, {note.created_at:%Y-%m-%d}): {note.body}")


def _attachments(paths: list[Path] | None) -> list[Attachment]:
    import mimetypes

    found: list[Attachment] = []
    for number, path in enumerate(paths or []):
        if not path.is_file():
            raise InputError(f"no such file: {path}", field=f"--attach[{number}]")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        found.append(Attachment(name=path.name, content_type=content_type, content=path.read_bytes()))
    return found


def _decide(
    action: DecisionAction, case_id: int, user: str, rationale: str, attach: list[Path] | None,
    expect: int | None, key_file: Path | None, as_json: bool,
) -> None:
    attachments = _attachments(attach)
    with open_store() as store:
        reviewer = authenticate_cli(store, user, key_file)
        decision = decide_case(
            store, case_id, reviewer, action, rationale, attachments=attachments, expected_version=expect
        )
    if as_json:
        echo_json(decision.model_dump(mode="json"))
        return
    console().print(
        f"case {case_id}: {decision.from_status.value} → [bold]{decision.to_status.value}[/bold] "
        f"by {decision.actor} (decision {decision.id})"
    )
    if decision.to_status is CaseStatus.PENDING_SECOND_REVIEW:
        console().print("four eyes: a second, different reviewer must release it too")


@app.command()
def release(
    case_id: CaseArgument, user: AsOption, rationale: RationaleOption, attach: AttachOption = None,
    expect: ExpectOption = None, api_key_file: ApiKeyFileOption = None, as_json: JsonOption = False,
) -> None:
    """Release a case (clear the order or party); blocks and high-risk cases need a second reviewer.

    Example: tradewarden cases release 7 --as bob -r "DOB differs by 20 years; different person"
    """
    _decide(DecisionAction.RELEASE, case_id, user, rationale, attach, expect, api_key_file, as_json)


@app.command()
def escalate(
    case_id: CaseArgument, user: AsOption, rationale: RationaleOption, attach: AttachOption = None,
    expect: ExpectOption = None, api_key_file: ApiKeyFileOption = None, as_json: JsonOption = False,
) -> None:
    """Escalate a case for a senior look, with the reason.

    Example: tradewarden cases escalate 7 --as bob -r "Possible owner match; needs legal review"
    """
    _decide(DecisionAction.ESCALATE, case_id, user, rationale, attach, expect, api_key_file, as_json)


@app.command()
def block(
    case_id: CaseArgument, user: AsOption, rationale: RationaleOption, attach: AttachOption = None,
    expect: ExpectOption = None, api_key_file: ApiKeyFileOption = None, as_json: JsonOption = False,
) -> None:
    """Block a case (stop the order or relationship), with the reason and evidence.

    Example: tradewarden cases block 7 --as bob -r "Confirmed SDN match" --attach sdn-entry.pdf
    """
    _decide(DecisionAction.BLOCK, case_id, user, rationale, attach, expect, api_key_file, as_json)


@app.command()
def attachment(
    attachment_id: Annotated[int, typer.Argument(help="The attachment number (see `cases show`).")],
    out: Annotated[Path, typer.Option("--out", "-o", help="Write the file here.")],
) -> None:
    """Save an attachment of a decision to a file.

    Example: tradewarden cases attachment 3 --out statement.pdf
    """
    with open_store() as store:
        info, content = get_attachment(store, attachment_id)
    out.write_bytes(content)
    console().print(f"wrote {out}: {info.name} ({info.size:,} bytes, sha256 {info.sha256[:16]}…)")


@app.command()
def verify(as_json: JsonOption = False) -> None:
    """Check every screening, case, decision and attachment against its hashes and the audit trail.

    Exit status 1 when a record was altered; each problem names the row.

    Example: tradewarden cases verify --json
    """
    with open_store() as store:
        report = verify_cases(store)
    if as_json:
        echo_json({"ok": report.ok, "checked": report.checked, "problems": report.problems})
    else:
        out = console()
        out.print(", ".join(f"{table}: {count}" for table, count in report.checked.items()) + " checked")
        for problem in report.problems:
            out.print(f"[red]{problem}[/red]")
        out.print("[green]case records intact[/green]" if report.ok else "[red]case records altered[/red]")
    if not report.ok:
        raise typer.Exit(1)

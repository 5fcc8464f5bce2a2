"""``tradewarden audit ...``: verify, show, prune and export the hash-chained audit trail.

Thin commands over :mod:`tradewarden.store.audit` and :mod:`tradewarden.store.audit_bundle`;
the store and the signing keys (``TRADEWARDEN_HOME/keys``) come from the settings. Also holds
the small helpers the user and backup commands share (open the store, name the actor).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tradewarden.errors import InputError
from tradewarden.settings import get_settings
from tradewarden.store import Store
from tradewarden.store.audit import audit_log, prune_audit, verify_audit
from tradewarden.store.audit_bundle import export_bundle, verify_bundle

app = typer.Typer(help="Verify, show, prune and export the tamper-evident audit trail.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


@contextmanager
def open_store() -> Iterator[Store]:
    """The store the settings name, closed afterwards."""
    store = Store.open(get_settings())
    try:
        yield store
    finally:
        store.close()


def cli_actor() -> str:
    """The audit actor of a command run from a shell: ``cli:<operating-system user>``."""
    try:
        import pwd

        return f"cli:{pwd.getpwuid(os.getuid()).pw_name}"
    except (ImportError, KeyError, AttributeError):  # no passwd entry (containers) or not POSIX
        return f"cli:uid-{os.getuid()}" if hasattr(os, "getuid") else "cli"


def console() -> Console:
    """A Rich console that keeps each row on one line when piped."""
    found = Console(highlight=False)
    return found if found.is_terminal else Console(highlight=False, width=max(found.width, 200))


def echo_json(payload: Any) -> None:
    """Print ``payload`` as indented JSON."""
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


def parse_since(value: str) -> datetime:
    """A ``--since`` value (``2025-01-31`` or an ISO 8601 time; UTC when no zone is given).

    Raises:
        InputError: not a date or time.
    """
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise InputError(f"not a date or ISO 8601 time: {value!r}", field="--since") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@app.command()
def verify(as_json: JsonOption = False) -> None:
    """Check the whole audit chain: every entry's hash, the links between entries, anchor and head.

    An edited, deleted or reordered entry is reported with its seq number; exit 1 then.

    Example: tradewarden audit verify
    """
    with open_store() as store:
        report = verify_audit(store)
    end = report.end
    if as_json:
        echo_json({
            "ok": report.ok,
            "checked": report.checked,
            "anchor": {"seq": end.anchor_seq, "hash": end.anchor_hash},
            "head": {"seq": end.head_seq, "hash": end.head_hash},
            "problems": [{"seq": p.seq, "reason": p.reason} for p in report.problems],
        })
    elif report.ok:
        typer.echo(f"audit chain intact: {report.checked} entries, head seq {end.head_seq} {end.head_hash}")
    else:
        for problem in report.problems:
            typer.echo(f"BROKEN {problem}")
        typer.echo(f"audit chain broken: {len(report.problems)} problem(s) in {report.checked} entries")
    if not report.ok:
        raise typer.Exit(1)


@app.command()
def log(
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, help="Show at most this many (the newest).")] = 50,
    subject: Annotated[
        str | None, typer.Option("--subject", help="Only entries about this subject, e.g. user:alice.")
    ] = None,
    since: Annotated[str | None, typer.Option("--since", help="Only entries from this date or time on.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show the newest audit entries: seq, time, actor, action, subject and details.

    Example: tradewarden audit log --limit 20 --subject user:alice
    """
    with open_store() as store:
        entries = audit_log(store, limit=limit, subject=subject, since=None if since is None else parse_since(since))
    if as_json:
        echo_json([entry.to_dict() for entry in entries])
        return
    table = Table("seq", "time (UTC)", "actor", "action", "subject", "details", title="Audit trail")
    for entry in entries:
        details = json.dumps(entry.payload, ensure_ascii=False, sort_keys=True)
        when = entry.timestamp[:19].replace("T", " ")
        table.add_row(str(entry.seq), when, entry.actor, entry.action, entry.subject, details)
    console().print(table)


@app.command()
def prune(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only say what would be deleted.")] = False,
) -> None:
    """Delete entries older than TRADEWARDEN_AUDIT_RETENTION_DAYS, keeping the chain verifiable.

    The newest pruned entry's hash becomes the chain's anchor, recorded in an audit.prune entry.

    Example: tradewarden audit prune --dry-run
    """
    settings = get_settings()
    with open_store() as store:
        outcome = prune_audit(store, retention_days=settings.audit_retention_days, actor=cli_actor(), dry_run=dry_run)
    days = settings.audit_retention_days
    if outcome.deleted == 0:
        typer.echo(f"nothing older than {days} days")
    elif dry_run:
        typer.echo(f"would delete {outcome.deleted} entries older than {days} days (up to seq {outcome.anchor_seq})")
    else:
        typer.echo(f"deleted {outcome.deleted} entries up to seq {outcome.anchor_seq}; anchor {outcome.anchor_hash}")


@app.command()
def export(
    out: Annotated[Path, typer.Argument(help="The bundle to write (a .zip).")],
    since: Annotated[str | None, typer.Option("--since", help="Only entries from this date or time on.")] = None,
) -> None:
    """Write a signed bundle of the audit trail for auditors (JSONL, manifest, Ed25519 signature).

    The signing key pair is made on first use under TRADEWARDEN_HOME/keys; give auditors the
    printed fingerprint through another channel.

    Example: tradewarden audit export audit-2025.zip --since 2025-01-01
    """
    settings = get_settings()
    with open_store() as store:
        exported = export_bundle(
            store, out, settings.home / "keys", since=None if since is None else parse_since(since), actor=cli_actor()
        )
    span = "no entries" if exported.first_seq is None else f"entries {exported.first_seq}-{exported.last_seq}"
    typer.echo(f"wrote {out}: {exported.count} {span}, chain head seq {exported.head_seq}")
    typer.echo(f"signing key fingerprint (sha256): {exported.fingerprint}")
    for problem in exported.problems:
        typer.echo(f"BROKEN {problem}")
    if exported.problems:
        raise typer.Exit(1)


@app.command("verify-bundle")
def verify_bundle_command(
    bundle: Annotated[Path, typer.Argument(help="A bundle written by `tradewarden audit export`.")],
    public_key: Annotated[
        Path | None, typer.Option("--public-key", help="A PEM public key the bundle must be signed with.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check an audit bundle offline: signature, file checksums and hash chain (exit 1 if broken).

    Example: tradewarden audit verify-bundle audit-2025.zip --public-key audit_ed25519.pub.pem
    """
    report = verify_bundle(bundle, trusted_key=public_key)
    if as_json:
        echo_json({
            "ok": report.ok,
            "checked": report.checked,
            "fingerprint": report.fingerprint,
            "problems": report.problems,
            "manifest": report.manifest,
        })
    else:
        typer.echo(f"signing key fingerprint (sha256): {report.fingerprint}")
        for problem in report.problems:
            typer.echo(f"BROKEN {problem}")
        verdict = "intact" if report.ok else f"broken: {len(report.problems)} problem(s)"
        typer.echo(f"bundle {verdict}: {report.checked} entries checked")
    if not report.ok:
        raise typer.Exit(1)

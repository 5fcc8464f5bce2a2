"""``tradewarden lists ...``: update, status, versions, show and diff the official lists.

Thin commands over :mod:`tradewarden.lists.update_remote`, :mod:`tradewarden.lists.status`
and the store (:mod:`tradewarden.store`); settings come from the environment
(``TRADEWARDEN_HOME``, ``TRADEWARDEN_DATABASE_URL``) through ``get_settings()``.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from tradewarden.lists.sources import SOURCES
from tradewarden.lists.status import diff_versions_of, source_statuses
from tradewarden.settings import get_settings
from tradewarden.store import EntityDiff, EntitySummary, Store, VersionInfo

app = typer.Typer(help="Get, inspect and compare the official lists.", no_args_is_help=True)

JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")]


@contextmanager
def _store() -> Iterator[Store]:
    store = Store.open(get_settings())
    try:
        yield store
    finally:
        store.close()


def _console() -> Console:
    console = Console(highlight=False)
    if not console.is_terminal:  # piped or logged: keep each row on one line
        console = Console(highlight=False, width=max(console.width, 200))
    return console


def _echo_json(payload: Any) -> None:
    typer.echo(json.dumps(payload, indent=2, ensure_ascii=False, default=str))


def _when(value: datetime | None) -> str:
    return "" if value is None else value.astimezone(UTC).strftime("%Y-%m-%d %H:%M")


def _version_dict(version: VersionInfo) -> dict[str, Any]:
    return {
        "id": version.id,
        "source": version.source,
        "status": str(version.status),
        "created_at": version.created_at.isoformat(),
        "fetched_at": None if version.fetched_at is None else version.fetched_at.isoformat(),
        "published_at": version.published_at,
        "sha256": version.sha256,
        "entity_count": version.entity_count,
        "problem_count": version.problem_count,
        "reason": version.reason,
        "files": version.files,
    }


@app.command()
def update(
    mirror: Annotated[
        str | None,
        typer.Option("--from", help="A folder laid out as DIR/<source>/<file>, or an http(s) base URL; default: the official URLs."),
    ] = None,
    source: Annotated[
        list[str] | None, typer.Option("--source", "-s", help="Only this source; repeat for several.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Accept a version that shrinks more than allowed.")] = False,
    progress: Annotated[bool, typer.Option("--progress/--no-progress", help="Show download progress.")] = True,
    as_json: JsonOption = False,
) -> None:
    """Fetch the lists, check each one and make it current if it passes the gates.

    A source that cannot be fetched or parsed, or fails a gate, keeps its previous version (exit 1).

    Example: tradewarden lists update --from ../shared/data/lists --source us_ofac_sdn
    """
    from tradewarden.lists.update_remote import update_lists

    settings = get_settings()
    with _store() as store:
        outcomes = update_lists(store, settings, sources=source or None, mirror=mirror, force=force, progress=progress)
    if as_json:
        _echo_json([_outcome_dict(o) for o in outcomes])
    else:
        table = Table("source", "outcome", "version", "entities", "problems", "reasons", title="List update")
        for outcome in outcomes:
            status = str(outcome.status)
            colour = {"updated": "green", "unchanged": "cyan"}.get(status, "red")
            version = outcome.version
            table.add_row(
                outcome.source,
                f"[{colour}]{status}[/{colour}]",
                "" if version is None else str(version.id),
                "" if version is None else f"{version.entity_count:,}",
                "" if version is None else f"{version.problem_count:,}",
                "; ".join(outcome.reasons),
            )
        _console().print(table)
    if any(str(o.status) == "rejected" for o in outcomes):
        raise typer.Exit(1)


def _outcome_dict(outcome: Any) -> dict[str, Any]:
    return {
        "source": outcome.source,
        "status": str(outcome.status),
        "version": None if outcome.version is None else _version_dict(outcome.version),
        "reasons": list(outcome.reasons),
        "counts": dict(outcome.counts),
    }


@app.command()
def status(as_json: JsonOption = False) -> None:
    """Show each source's current version, its age and size; warn about stale or missing lists.

    Stale: fetched longer ago than TRADEWARDEN_MAX_LIST_AGE_HOURS.

    Example: tradewarden lists status --json
    """
    settings = get_settings()
    with _store() as store:
        current = {name: store.current(name) for name in sorted({*SOURCES, *store.sources()})}
    statuses = source_statuses(current, max_age_hours=settings.max_list_age_hours, now=datetime.now(UTC))
    stale = [s.source for s in statuses if s.stale]
    missing = [s.source for s in statuses if s.version is None]
    if as_json:
        _echo_json({
            "max_list_age_hours": settings.max_list_age_hours,
            "sources": [s.as_dict() for s in statuses],
            "stale": stale,
            "missing": missing,
        })
        return
    table = Table("source", "version", "published", "fetched", "age (h)", "entities", "problems", "state", title="Lists")
    for entry in statuses:
        version = entry.version
        if version is None:
            table.add_row(entry.source, "", "", "", "", "", "", "[red]missing[/red]")
            continue
        state = "[yellow]stale[/yellow]" if entry.stale else "[green]ok[/green]"
        table.add_row(
            entry.source, str(version.id), version.published_at or "", _when(version.fetched_at or version.created_at),
            f"{entry.age_hours:.1f}", f"{version.entity_count:,}", f"{version.problem_count:,}", state,
        )
    console = _console()
    console.print(table)
    if stale:
        console.print(
            f"[yellow]warning: older than {settings.max_list_age_hours:g} h: {', '.join(stale)}[/yellow]"
        )
    if missing:
        console.print(f"never loaded: {', '.join(missing)}")


@app.command()
def versions(
    source: Annotated[str | None, typer.Argument(help="Only this source's versions.")] = None,
    as_json: JsonOption = False,
) -> None:
    """List the stored versions of every source (or one), newest first.

    Example: tradewarden lists versions us_ofac_sdn
    """
    with _store() as store:
        found = store.versions(source)
    if as_json:
        _echo_json([_version_dict(v) for v in found])
        return
    table = Table("id", "source", "status", "created", "fetched", "published", "entities", "problems", "sha256", "reason")
    for v in found:
        table.add_row(
            str(v.id), v.source, str(v.status), _when(v.created_at), _when(v.fetched_at), v.published_at or "",
            f"{v.entity_count:,}", f"{v.problem_count:,}", v.sha256[:12], v.reason or "",
        )
    _console().print(table)


@app.command()
def show(
    source: Annotated[str, typer.Argument(help="The source, e.g. us_ofac_sdn.")],
    source_id: Annotated[str, typer.Argument(help="The list's own id of the entry, e.g. an OFAC ent_num.")],
    version: Annotated[int | None, typer.Option("--version", help="A version id; default: the current one.")] = None,
    as_json: JsonOption = False,
) -> None:
    """Show one listed entity with all its properties.

    Example: tradewarden lists show us_ofac_sdn 36
    """
    with _store() as store:
        entity = store.entity(source, source_id, version_id=version)
    if as_json:
        _echo_json({**entity.to_dict(), "context": dict(entity.context)})
        return
    table = Table("property", "values", title=f"{entity.caption} ({entity.schema.name}, {entity.id})", show_lines=True)
    table.add_row("source", f"{source} {source_id} (version {entity.context.get('version_id')})")
    for prop, values in sorted(entity.properties.items()):
        table.add_row(prop, "\n".join(values))
    _console().print(table)


@app.command()
def diff(
    source: Annotated[str, typer.Argument(help="The source to compare two versions of.")],
    old: Annotated[int | None, typer.Option("--old", help="Version to compare from; default: the previous one.")] = None,
    new: Annotated[int | None, typer.Option("--new", help="Version to compare to; default: the current one.")] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many rows per table.")] = 50,
    as_json: JsonOption = False,
) -> None:
    """Compare two versions of a source: entities added, removed and changed.

    Example: tradewarden lists diff us_ofac_sdn --old 3 --new 7
    """
    with _store() as store:
        old_version, new_version = diff_versions_of(source, store.versions(source), old, new)
        changes = store.diff(old_version.id, new_version.id, listed_only=True)
    if as_json:
        _echo_json(_diff_dict(source, old_version, new_version, changes))
        return
    console = _console()
    console.print(
        f"{source}: version {old_version.id} → {new_version.id}: "
        f"{len(changes.added)} added, {len(changes.removed)} removed, {len(changes.changed)} changed"
    )
    for title, rows in (("added", changes.added), ("removed", changes.removed)):
        if rows:
            table = Table("source id", "schema", "name", title=title)
            for row in rows[:limit]:
                table.add_row(row.source_id or "", row.schema, row.caption)
            console.print(table)
            if len(rows) > limit:
                console.print(f"... and {len(rows) - limit} more {title}")
    if changes.changed:
        table = Table("source id", "name", "changed properties", title="changed")
        for change in changes.changed[:limit]:
            table.add_row(change.new.source_id or "", change.new.caption, ", ".join(change.changed_props))
        console.print(table)
        if len(changes.changed) > limit:
            console.print(f"... and {len(changes.changed) - limit} more changed")


def _summary_dict(summary: EntitySummary) -> dict[str, Any]:
    return {"id": summary.entity_id, "source_id": summary.source_id, "schema": summary.schema, "caption": summary.caption}


def _diff_dict(source: str, old: VersionInfo, new: VersionInfo, changes: EntityDiff) -> dict[str, Any]:
    return {
        "source": source,
        "old": old.id,
        "new": new.id,
        "counts": {"added": len(changes.added), "removed": len(changes.removed), "changed": len(changes.changed)},
        "added": [_summary_dict(s) for s in changes.added],
        "removed": [_summary_dict(s) for s in changes.removed],
        "changed": [
            {**_summary_dict(c.new), "changed_props": list(c.changed_props)} for c in changes.changed
        ],
    }

"""``tradewarden lists asof DATE NAME``: was a party listed on a date, from the stored list versions.

A thin command over :func:`tradewarden.cases.asof.listed_asof`, registered on the ``lists``
sub-app; the as-of index is kept under ``TRADEWARDEN_HOME/match``.
"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from tradewarden.cases.asof import effective_day, listed_asof, parse_day
from tradewarden.cli.audit import JsonOption, console, echo_json, open_store
from tradewarden.match.model import DEFAULT_THRESHOLD, Query
from tradewarden.match.service import index_folder
from tradewarden.settings import get_settings


def register(app: typer.Typer) -> None:
    """Add the ``asof`` command to the ``lists`` sub-app."""
    app.command("asof")(asof)


def asof(
    day: Annotated[str, typer.Argument(help="The date, YYYY-MM-DD.")],
    name: Annotated[str, typer.Argument(help="The party's name.")],
    source: Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this source; repeatable.")] = None,
    schema: Annotated[str | None, typer.Option("--schema", help="Person, Organization, Vessel ...")] = None,
    threshold: Annotated[float, typer.Option("--threshold", help="The least match score reported.")] = DEFAULT_THRESHOLD,
    as_json: JsonOption = False,
) -> None:
    """Answer whether a party was listed on a date: the list versions in force then, and their matches.

    The version in force is each source's newest stored version published (or loaded) on or
    before the date; a source with no version that old is reported as unknown. Exit status 0
    either way; --json gives "listed": true/false.

    Example: tradewarden lists asof 2023-06-09 "AEROCARIBBEAN AIRLINES"
    """
    settings = get_settings()
    when = parse_day(day)
    with open_store() as store:
        answer = listed_asof(
            store, when, Query(names=[name], schema=schema), sources=source or None,
            cache_dir=index_folder(settings), min_score=threshold,
        )
    if as_json:
        echo_json(answer.as_dict())
        return
    out = console()
    verdict = "[red]LISTED[/red]" if answer.listed else "[green]not listed[/green]"
    out.print(f"{name!r} on {when.isoformat()}: {verdict}")
    table = Table("source", "version in force", "effective", "matches", title=f"Lists as of {when.isoformat()}")
    for entry in answer.sources:
        if entry.version is None:
            table.add_row(entry.source, "[yellow]none that old (unknown)[/yellow]", "", "")
            continue
        matches = "\n".join(f"{m.caption} ({m.source_id}) {m.score:.2f}" for m in entry.matches)
        table.add_row(entry.source, f"{entry.version.id} ({entry.version.status})",
                      effective_day(entry.version).isoformat(), matches or "-")
    out.print(table)

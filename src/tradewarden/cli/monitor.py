"""``tradewarden monitor`` and ``tradewarden parties ...``: continuous re-screening of known parties.

Thin commands over :mod:`tradewarden.cases.rescreen` and :mod:`tradewarden.cases.party_screening`.
``parties import`` loads the customer master, ``parties screen`` screens one party and records
it, ``monitor`` re-screens every monitored party against what changed in each list since the
last run (``--watch`` repeats it, optionally after a ``lists update``). The full index of the
current lists (the matcher's, under ``TRADEWARDEN_HOME/match``) supplies token rarity.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from tradewarden.cases import import_customers, monitor, read_customers, screen_imported, screen_party
from tradewarden.cases.party_screening import monitored_parties
from tradewarden.cases.rescreen import RescreenReport
from tradewarden.cli.audit import JsonOption, cli_actor, console, echo_json, open_store
from tradewarden.errors import InputError
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import Query
from tradewarden.match.service import load_index
from tradewarden.settings import get_settings
from tradewarden.store import Store

parties_app = typer.Typer(help="The monitored parties: import the customer master, list, screen one.",
                          no_args_is_help=True)

SourceOption = Annotated[list[str] | None, typer.Option("--source", "-s", help="Only this source; repeat for several.")]


def register(app: typer.Typer) -> None:
    """Add ``monitor`` and the ``parties`` commands to ``app``."""
    app.command("monitor")(monitor_command)
    app.add_typer(parties_app, name="parties")


def _reference(store: Store) -> MatchIndex:
    return load_index(store, get_settings())


def _report_dict(report: RescreenReport) -> dict[str, Any]:
    return report.as_dict()


def _print_reports(reports: list[RescreenReport]) -> None:
    out = console()
    if not reports:
        out.print("nothing new: every monitored list is at its last monitored version")
        return
    table = Table("source", "versions", "added", "changed", "removed", "parties", "matched", "alerts", "notes",
                  "seconds", title="Re-screening")
    for r in reports:
        table.add_row(
            r.source, f"{r.old_version or '-'} → {r.new_version}", str(r.added), str(r.changed), str(r.removed),
            f"{r.parties:,}", f"{r.candidates:,}", ", ".join(f"case {c}" for c in r.alerts) or "0",
            str(len(r.notes)), f"{r.seconds:.2f}",
        )
    out.print(table)


def monitor_command(
    source: SourceOption = None,
    watch: Annotated[bool, typer.Option("--watch", help="Keep running: repeat every --interval seconds.")] = False,
    interval: Annotated[float, typer.Option("--interval", help="Seconds between rounds with --watch.")] = 3600.0,
    rounds: Annotated[int, typer.Option("--rounds", help="With --watch, stop after this many rounds (0: never).")] = 0,
    update: Annotated[bool, typer.Option("--update", help="Run `lists update` before each round.")] = False,
    mirror: Annotated[
        str | None, typer.Option("--from", help="With --update: a folder or base URL to update from.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Re-screen monitored parties against what changed in each list since the last run.

    Only the entities added or changed since the last monitored version are matched, and only
    against parties sharing a name or identifier key with them; new hits open cases, removed
    entries leave delisting notes on the cases of parties that matched them.

    Example: tradewarden monitor --watch --interval 3600 --update
    """
    done = 0
    while True:
        with open_store() as store:
            if update:
                from tradewarden.lists.update_remote import update_lists

                update_lists(store, get_settings(), sources=source or None, mirror=mirror, progress=False)
            reports = monitor(store, actor=cli_actor(), sources=source or None, reference=lambda: _reference(store))
        if as_json:
            echo_json([_report_dict(r) for r in reports])
        else:
            _print_reports(reports)
        done += 1
        if not watch or (rounds and done >= rounds):
            return
        try:
            time.sleep(max(0.0, interval))
        except KeyboardInterrupt:
            return


@parties_app.command("import")
def import_command(
    path: Annotated[Path, typer.Argument(help="The customer master CSV: id,name[,schema,country,dob,address,email,phone,website,identifier].")],
    screen: Annotated[
        bool,
        typer.Option("--screen/--no-screen", help="Screen new and changed parties now (--no-screen: only against later list changes)."),
    ] = True,
    as_json: JsonOption = False,
) -> None:
    """Import the customer master as monitored parties (new and changed rows are screened once).

    Several values in one cell are separated by ";". Bad rows are reported with their line
    number and the rest is imported.

    Example: tradewarden parties import customers.csv
    """
    if not path.is_file():
        raise InputError(f"no such file: {path}", field="path")
    customers = read_customers(path.read_text(encoding="utf-8-sig"), path.name)
    with open_store() as store:
        report = import_customers(store, customers, actor=cli_actor())
        fresh = report.created + report.updated
        screenings = (
            screen_imported(store, fresh, _reference(store), actor=cli_actor()) if screen and fresh else []
        )
    cases = [s.case_id for s in screenings if s.case_id is not None]
    if as_json:
        echo_json({**report.as_dict(), "screened": len(screenings), "cases": cases})
        return
    out = console()
    out.print(f"{len(report.created)} created, {len(report.updated)} updated, {report.unchanged} unchanged; "
              f"{len(screenings)} screened, {len(cases)} case(s) opened{': ' if cases else ''}"
              + ", ".join(str(c) for c in cases))
    for problem in report.problems:
        out.print(f"[yellow]{problem}[/yellow]")


@parties_app.command("list")
def list_command(
    limit: Annotated[int, typer.Option("--limit", help="At most this many parties.")] = 100,
    offset: Annotated[int, typer.Option("--offset", help="Skip this many first.")] = 0,
    as_json: JsonOption = False,
) -> None:
    """List the monitored parties (from past orders and the customer master).

    Example: tradewarden parties list --limit 20
    """
    with open_store() as store:
        total, parties = monitored_parties(store, limit=limit, offset=offset)
    if as_json:
        echo_json({"total": total, "parties": [
            {"id": p.id, "key": p.key, "origin": p.origin, "external_id": p.external_id, "name": p.name,
             "schema": p.schema, "query": p.query, "screening_id": p.screening_id}
            for p in parties
        ]})
        return
    table = Table("id", "key", "origin", "name", "schema", "countries", "last screening", title=f"{total:,} parties")
    for p in parties:
        table.add_row(str(p.id), p.key, p.origin, p.name, p.schema or "", ", ".join(p.query.get("countries", [])),
                      "" if p.screening_id is None else str(p.screening_id))
    console().print(table)


@parties_app.command("screen")
def screen_command(
    name: Annotated[str, typer.Argument(help="The party's name.")],
    schema: Annotated[str | None, typer.Option("--schema", help="Person, Organization, Company, Vessel ...")] = None,
    country: Annotated[list[str] | None, typer.Option("--country", help="A country name or code; repeatable.")] = None,
    dob: Annotated[str | None, typer.Option("--dob", help="Date of birth (YYYY, YYYY-MM or YYYY-MM-DD).")] = None,
    identifier: Annotated[
        list[str] | None, typer.Option("--id", help="A registration, tax, passport or IMO number; repeatable.")
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Screen one party against the current lists and record it; a match opens a case.

    Example: tradewarden parties screen "Ivan Petrov" --schema Person --country ru --dob 1970
    """
    query = Query(names=[name], schema=schema, countries=list(country or []),
                  birth_dates=[dob] if dob else [], identifiers=list(identifier or []))
    with open_store() as store:
        screening = screen_party(store, query, _reference(store), actor=cli_actor())
    if as_json:
        echo_json(screening.model_dump(mode="json"))
        return
    out = console()
    decision = screening.decision
    out.print(f"screening {screening.id}: [bold]{decision.outcome.value}[/bold] (risk {decision.risk_score:.1f})"
              + (f"; case {screening.case_id} opened" if screening.case_id is not None else ""))
    for reason in decision.reasons:
        out.print(f"  {reason}")

"""``tradewarden match``: match one name against the current lists, or a file of parties.

Thin: builds a ``Query``, calls ``match_party`` (single name) or the batch engine
(``--in``/``--out``), and renders the result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from tradewarden.errors import InputError
from tradewarden.match.model import DEFAULT_THRESHOLD, Match, Query
from tradewarden.settings import get_settings


def match_to_dict(match: Match) -> dict[str, object]:
    """A match as the JSON shape of ``match --json`` and the batch output."""
    return {
        "source": match.source,
        "source_id": match.source_id,
        "entity_id": match.entity_id,
        "caption": match.caption,
        "schema": match.schema,
        "matched_name": match.matched_name,
        "query_name": match.query_name,
        "score": round(match.score, 4),
        "kind": str(match.kind),
        "explanation": match.explanation,
        "features": [
            {"name": f.name, "value": round(f.value, 4), "contribution": round(f.contribution, 4), "detail": f.detail}
            for f in match.features
        ],
    }


def render_matches(console: Console, query_name: str, matches: list[Match], explain: bool = True) -> None:
    """Print matches as a Rich table, then each match's explanation."""
    if not matches:
        console.print(f"[green]no match at or above the threshold for[/green] {query_name!r}")
        return
    table = Table(title=f"Matches for {query_name!r}")
    table.add_column("#", justify="right")
    table.add_column("score", justify="right")
    table.add_column("list")
    table.add_column("id")
    table.add_column("listed entity")
    table.add_column("matched name")
    for rank, match in enumerate(matches, start=1):
        table.add_row(str(rank), f"{match.score:.2f}", match.source, match.source_id, f"{match.caption} ({match.schema})", match.matched_name)
    console.print(table)
    if explain:
        for rank, match in enumerate(matches, start=1):
            console.print(f"[bold]#{rank}[/bold] {match.explanation}", highlight=False)


def register(app: typer.Typer) -> None:
    """Add the ``match`` command to ``app``."""

    @app.command("match")
    def match_command(
        name: Annotated[str | None, typer.Argument(help="The party's name, in any script.")] = None,
        schema: Annotated[str | None, typer.Option(help="Person, Organization, Company, Vessel, Airplane ...")] = None,
        country: Annotated[list[str] | None, typer.Option(help="Country (ISO code or name); repeatable.")] = None,
        dob: Annotated[list[str] | None, typer.Option(help="Birth date (YYYY, YYYY-MM or YYYY-MM-DD); repeatable.")] = None,
        identifier: Annotated[list[str] | None, typer.Option("--id", help="Registration, tax, passport, IMO ... number; repeatable.")] = None,
        address: Annotated[list[str] | None, typer.Option(help="Postal address; repeatable.")] = None,
        email: Annotated[list[str] | None, typer.Option(help="E-mail address; repeatable.")] = None,
        phone: Annotated[list[str] | None, typer.Option(help="Phone number; repeatable.")] = None,
        website: Annotated[list[str] | None, typer.Option(help="Website or domain; repeatable.")] = None,
        limit: Annotated[int, typer.Option(help="At most this many matches.")] = 10,
        min_score: Annotated[float, typer.Option(help="Drop matches scoring below this.")] = DEFAULT_THRESHOLD,
        input_file: Annotated[Path | None, typer.Option("--in", help="Batch mode: JSONL, CSV or Parquet with columns id, name [, schema, country, dob, address, email, phone, website, identifier].")] = None,
        output_file: Annotated[Path | None, typer.Option("--out", help="Batch mode: where to write one result per input record (format from the extension).")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of a table.")] = False,
    ) -> None:
        """Match a party against the current lists and explain every candidate.

        Scores are in [0, 1]; the default threshold is the alert threshold. With --in/--out,
        every record of FILE is matched and each output row is
        {"id", "matches": [{"source", "source_id", "entity_id", "caption", "matched_name", "score", "explanation"}]}.

        Example: tradewarden match "Ivan Petrov" --schema Person --country RU --dob 1970
        """
        settings = get_settings()
        if input_file is not None or output_file is not None:
            if input_file is None or output_file is None:
                raise InputError("batch mode needs both --in and --out", field="--in/--out")
            from tradewarden.batch import BatchJob, ScreenOptions, run_batch
            from tradewarden.match.service import load_index
            from tradewarden.store import Store

            store = Store.open(settings)
            try:
                index = load_index(store, settings)
            finally:
                store.close()
            job = BatchJob(
                input=input_file,
                output=output_file,
                options=ScreenOptions(min_score=min_score, limit=limit),
                resume=False,
            )
            summary = run_batch(job, index)
            report = {"output": str(output_file), "rejects": str(job.rejects_path), "processed": summary.processed}
            message = f"wrote {output_file} ({summary.processed} records); rejects in {job.rejects_path}"
            typer.echo(json.dumps(report) if as_json else message)
            return
        if not name or not name.strip():
            raise InputError("a name is required (or --in/--out for a file)", field="name")
        from tradewarden.match.service import match_party

        query = Query(
            names=[name],
            schema=schema,
            countries=list(country or []),
            birth_dates=list(dob or []),
            identifiers=list(identifier or []),
            addresses=list(address or []),
            emails=list(email or []),
            phones=list(phone or []),
            websites=list(website or []),
        )
        matches = match_party(settings, query, limit=limit, min_score=min_score)
        if as_json:
            typer.echo(json.dumps({"query": name, "matches": [match_to_dict(m) for m in matches]}, ensure_ascii=False, indent=2))
            return
        render_matches(Console(), name, matches)

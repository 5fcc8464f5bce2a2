"""PRC countermeasure, Unreliable Entity and export-control lists (OpenSanctions transcription).

Data: ``cn_countermeasures/sanctions.csv`` from OpenSanctions' ``cn_sanctions`` dataset
(https://github.com/opensanctions/opensanctions, ``datasets/cn/sanctions/sanctions.csv``): one row
per announcement of a party by the Ministry of Foreign Affairs, the Ministry of Commerce or
the Taiwan Affairs Office. The same party recurs under several announcements and lists, so
rows with the same ``Type`` and ``Name`` are one entity (``source_id`` is ``Type:Name``) whose
``program`` keeps every list. English and Chinese names are both ``name`` values. ``Date`` mixes
``dd.mm.yyyy`` and ``dd.mm.yy``.
"""

from __future__ import annotations

from followthemoney import model

from tradewarden.lists.base import ParseContext
from tradewarden.lists.csl import add_date, csv_records, put
from tradewarden.lists.formats import Format
from tradewarden.lists.values import parse_date, split_values

__all__ = ["FORMATS", "parse_cn_sanctions", "program_title"]

CN_HEADER = (
    "Type,QID,Name,Alias,Chinese name,Country,Topics,Summary,Chinese summary,Body,List,Date,End date,"
    "Source URL,Address"
).split(",")

# Abbreviated list names in the file, spelled out for users.
_LIST_TITLES = {
    "AFSL": "Countermeasures under the Anti-Foreign Sanctions Law (AFSL)",
    "UEL": "Unreliable Entity List (UEL)",
}


def program_title(list_name: str, body: str) -> str:
    """The ``program`` of a row: its list (abbreviations spelled out) and the issuing body.

    Args:
        list_name: the ``List`` cell (``UEL``, ``List of Export Controls``, or empty).
        body: the ``Body`` cell (``Ministry of Commerce`` ...).
    Returns:
        ``Unreliable Entity List (UEL) - Ministry of Commerce``; the body alone where the
        row names no list, ``PRC countermeasures`` where it names neither.
    """
    title = _LIST_TITLES.get(list_name, list_name)
    if title and body:
        return f"{title} - {body}"
    return title or body or "PRC countermeasures"


def parse_cn_sanctions(content: bytes, ctx: ParseContext) -> None:
    """Parse the PRC countermeasures CSV into one entity per ``Type`` + ``Name``.

    Args:
        content: the CSV file.
        ctx: the parse context; rows without a name or with an unknown type are problems.
    """
    for line, row in csv_records(content, ctx, CN_HEADER):
        name = " ".join(row["Name"].split())
        if not name:
            ctx.problem(line, "row without a name; skipped")
            continue
        schema = model.get(row["Type"] or "LegalEntity")
        if schema is None or not schema.is_a("LegalEntity"):
            ctx.problem(line, f"unknown type {row['Type']!r}; skipped")
            continue
        entity = ctx.make(schema.name, f"{schema.name}:{name}")
        put(ctx, entity, "name", [name, *split_values(row["Chinese name"])], line)
        put(ctx, entity, "alias", split_values(row["Alias"]), line)
        put(ctx, entity, "wikidataId", row["QID"], line)
        put(ctx, entity, "country", split_values(row["Country"]), line)
        put(ctx, entity, "topics", split_values(row["Topics"]), line)
        put(ctx, entity, "program", program_title(row["List"], row["Body"]), line)
        summary_prop = "position" if schema.is_a("Person") else "notes"
        put(ctx, entity, summary_prop, row["Summary"], line)
        put(ctx, entity, "notes", row["Chinese summary"], line)
        add_date(ctx, entity, "createdAt", row["Date"], "Date", line)
        if row["End date"]:
            put(ctx, entity, "notes", f"End date: {parse_date(row['End date']) or row['End date']}", line)
        put(ctx, entity, "address", row["Address"], line)
        put(ctx, entity, "sourceUrl", row["Source URL"], line)
        ctx.emit(entity)


def _sniff_cn(name: str, head: bytes) -> bool:
    return head.lstrip(b"\xef\xbb\xbf").startswith(b"Type,QID,Name,Alias,Chinese name")


FORMATS: list[Format] = [
    Format(name="cn_sanctions_csv", default_source="cn_countermeasures", sniff=_sniff_cn, parse=parse_cn_sanctions),
]

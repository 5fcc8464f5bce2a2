"""Input records of a batch: one raw row in, a ``Query`` or a ``Reject`` (reason + line) out.

Owns the input columns of ``tradewarden batch`` (and ``match --in``): ``id`` and ``name`` are
required; ``schema``, ``country``, ``dob``, ``address``, ``email``, ``phone``, ``website`` and
``identifier`` are optional, other columns are ignored. A cell may hold several values separated
by ``;`` (except ``name``, which is one name unless given as a JSON list). Readers in
:mod:`tradewarden.batch.io` hand over the raw cells (bytes from CSV/Parquet, JSON values from
JSONL); every check of a record's content lives here, so both engines reject the same rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from tradewarden.lists.values import parse_date, split_values
from tradewarden.match.model import Query

#: Columns read from the input; everything else is ignored.
COLUMNS: tuple[str, ...] = (
    "id", "name", "schema", "country", "dob", "address", "email", "phone", "website", "identifier",
)
#: Longest accepted value of each column, in characters (longer means a broken or hostile row).
FIELD_LIMITS: dict[str, int] = {
    "id": 200,
    "name": 500,
    "schema": 40,
    "country": 200,
    "dob": 200,
    "address": 2000,
    "email": 500,
    "phone": 200,
    "website": 500,
    "identifier": 500,
}
#: Most values one multi-valued cell may hold.
MAX_VALUES = 20
#: Party schemata a record may name, by their case-folded spelling (FtM names).
SCHEMATA: dict[str, str] = {
    name.casefold(): name
    for name in ("Person", "Organization", "Company", "LegalEntity", "PublicBody", "Vessel", "Airplane")
}
# Latin-1 look-alikes that start UTF-8 text decoded as Latin-1 or cp1252 ("Ð˜Ð²Ð°Ð½").
_MOJIBAKE_LEAD = re.compile("[ÂÃÐÑØÙÚÛ]")
# Control characters other than tab, CR and LF, and lone UTF-16 surrogates: never in a clean cell.
_BAD_CHARACTER = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff]")

RawValue = str | bytes | int | float | bool | list[object] | dict[str, object] | None


@dataclass(frozen=True, slots=True)
class RawRecord:
    """One input row as read, before any check.

    Attributes:
        line: line of the row in the input file (1-based; for CSV the header is line 1).
        fields: the cells by column name (bytes, str, numbers, lists or None).
        problem: why the reader could not split the row into cells, if it could not.
    """

    line: int
    fields: Mapping[str, RawValue] = field(default_factory=dict)
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Reject:
    """A record that was not screened, and why.

    Attributes:
        line: line of the row in the input file.
        id: the record's id when it could be read, else an empty string.
        reason: one sentence naming the field and the problem.
    """

    line: int
    id: str
    reason: str


@dataclass(frozen=True, slots=True)
class PartyRecord:
    """A checked record: its id, its line and the query to screen."""

    line: int
    id: str
    query: Query


class RecordError(ValueError):
    """Raised inside validation for one bad cell; becomes a ``Reject``, never reaches a user."""


def encoding_problem(text: str) -> str | None:
    """Why ``text`` looks broken by a wrong encoding upstream, or None when it looks fine.

    Args:
        text: a decoded cell.
    Returns:
        A short reason (replacement characters, control characters, lone surrogates, or UTF-8
        read as Latin-1), or None.
    """
    if "\ufffd" in text:
        return "contains U+FFFD replacement characters"
    bad = _BAD_CHARACTER.search(text)  # the first offender, as a character-by-character scan would find
    if bad is not None:
        code = ord(bad.group())
        if code < 0x20:
            return f"contains control character U+{code:04X}"
        return "contains a lone UTF-16 surrogate"
    if _MOJIBAKE_LEAD.search(text) is not None:
        try:
            repaired = text.encode("cp1252").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return None
        if repaired != text:
            return f"looks like UTF-8 read as Latin-1 ({repaired[:40]!r}?)"
    return None


def _text(column: str, value: RawValue) -> str:
    """One cell as text: bytes must be UTF-8, numbers become their decimal form."""
    if isinstance(value, bytes):
        try:
            text = value.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise RecordError(f"{column}: broken encoding (not UTF-8 at byte {exc.start})") from exc
    elif isinstance(value, bool):
        raise RecordError(f"{column}: expected text, got a boolean")
    elif isinstance(value, (int, float)):
        text = str(value)
    elif isinstance(value, str):
        text = value
    else:
        raise RecordError(f"{column}: expected text, got {type(value).__name__}")
    limit = FIELD_LIMITS[column]
    if len(text) > limit:
        raise RecordError(f"{column}: oversized field ({len(text)} characters, limit {limit})")
    problem = encoding_problem(text)
    if problem is not None:
        raise RecordError(f"{column}: broken encoding ({problem})")
    return text.strip()


def _values(column: str, value: RawValue, split: bool = True) -> list[str]:
    """The values of one cell: a JSON list, or text split on ``;``."""
    if value is None:
        return []
    if isinstance(value, list):
        parts = [_text(column, item) for item in value if item is not None]  # type: ignore[arg-type]
        values = [part for part in parts if part]
    else:
        text = _text(column, value)
        values = split_values(text) if split else ([text] if text else [])
    if len(values) > MAX_VALUES:
        raise RecordError(f"{column}: oversized field ({len(values)} values, limit {MAX_VALUES})")
    return values


def _schema(value: RawValue) -> str | None:
    values = _values("schema", value)
    if not values:
        return None
    schema = SCHEMATA.get(values[0].casefold())
    if schema is None or len(values) > 1:
        allowed = ", ".join(sorted(SCHEMATA.values()))
        raise RecordError(f"schema: {'; '.join(values)!r} is not one of {allowed}")
    return schema


def _dates(value: RawValue) -> list[str]:
    dates: list[str] = []
    for text in _values("dob", value):
        parsed = parse_date(text)
        if parsed is None:
            raise RecordError(f"dob: {text!r} is not a date (use YYYY, YYYY-MM or YYYY-MM-DD)")
        dates.append(parsed)
    return dates


def _record_id(raw: RawRecord) -> str:
    """The id of a row as far as it can be read (for the rejects file), else ``""``."""
    try:
        ids = _values("id", raw.fields.get("id"), split=False)
    except RecordError:
        return ""
    return ids[0] if ids else ""


def check_record(raw: RawRecord) -> PartyRecord | Reject:
    """Check one raw row and build its query.

    Args:
        raw: the row as the reader produced it.
    Returns:
        A ``PartyRecord`` ready to screen, or a ``Reject`` naming the field and the problem.
    """
    if raw.problem is not None:
        return Reject(raw.line, _record_id(raw), raw.problem)
    try:
        ids = _values("id", raw.fields.get("id"), split=False)
        if len(ids) != 1:
            raise RecordError("id: missing" if not ids else "id: several values")
        names = _values("name", raw.fields.get("name"), split=False)
        if not names:
            raise RecordError("name: missing")
        query = Query(
            names=names,
            schema=_schema(raw.fields.get("schema")),
            countries=_values("country", raw.fields.get("country")),
            birth_dates=_dates(raw.fields.get("dob")),
            identifiers=_values("identifier", raw.fields.get("identifier")),
            addresses=_values("address", raw.fields.get("address")),
            emails=_values("email", raw.fields.get("email")),
            phones=_values("phone", raw.fields.get("phone")),
            websites=_values("website", raw.fields.get("website")),
        )
    except RecordError as exc:
        return Reject(raw.line, _record_id(raw), str(exc))
    return PartyRecord(raw.line, ids[0], query)


def query_key(query: Query) -> tuple[object, ...]:
    """A hashable key of everything in ``query`` that matching reads (equal keys, equal results)."""
    return (
        tuple(query.names), query.schema, tuple(query.countries), tuple(query.birth_dates),
        tuple(query.identifiers), tuple(query.addresses), tuple(query.emails), tuple(query.phones),
        tuple(query.websites),
    )

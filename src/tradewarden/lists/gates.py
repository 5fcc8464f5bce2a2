"""Validation gates a freshly parsed list must pass before it may become the current version.

Pure functions over a :class:`~tradewarden.lists.base.ParseResult` and the previous current
version's record: each gate returns the reason it fails, or None. They guard against the
real failures of list updates: a truncated or empty download (OFAC's scrape once committed a
0-byte ``sdn.csv``), a changed file layout that leaves names unread, a partial file that drops
a large share of the entries, and a file that is mostly unreadable rows.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import PurePath

from followthemoney.proxy import EntityProxy

from tradewarden.lists.base import ParseResult
from tradewarden.store.records import VersionInfo

DEFAULT_MAX_SHRINK = 0.20
DEFAULT_MAX_PROBLEM_RATE = 0.10
_EXAMPLES = 5


@dataclass(frozen=True, slots=True)
class GateResult:
    """Whether a parse result may be promoted, and if not, every reason why."""

    ok: bool
    reasons: list[str]


@dataclass(frozen=True, slots=True)
class GateInput:
    """What the gates look at: the parse result, its listed entities, the previous version."""

    result: ParseResult
    listed: list[EntityProxy]
    previous: VersionInfo | None
    max_shrink: float
    max_problem_rate: float
    force: bool
    required_files: Collection[str]


Gate = Callable[[GateInput], str | None]


def _examples(items: list[str]) -> str:
    shown = ", ".join(items[:_EXAMPLES])
    return shown + (", ..." if len(items) > _EXAMPLES else "")


def parsed_entities(gate: GateInput) -> str | None:
    """The files yielded at least one listed entity (an empty or truncated file does not)."""
    if gate.listed:
        return None
    hint = f"; first problem: {gate.result.problems[0]}" if gate.result.problems else ""
    return f"no listed entities parsed from {len(gate.result.files)} file(s){hint}"


def required_files_present(gate: GateInput) -> str | None:
    """Every required file of the source was among the files parsed."""
    parsed: set[str] = set()
    for path in gate.result.files:
        name = PurePath(path).name.lower()
        parsed.update({name, name.removesuffix(".gz"), name.removesuffix(".zip")})
    missing = sorted(name for name in gate.required_files if name.lower() not in parsed)
    if missing:
        return f"required file(s) missing: {', '.join(missing)}"
    return None


def _has_name(entity: EntityProxy) -> bool:
    if entity.names:
        return True
    return any(entity.get(prop, quiet=True) for prop in entity.schema.caption)


def names_and_ids_present(gate: GateInput) -> str | None:
    """Every listed entity has a valid schema, a source id and a name (or caption value)."""
    invalid = [str(e.id) for e in gate.listed if e.schema.abstract]
    if invalid:
        return f"{len(invalid)} listed entities have an abstract schema: {_examples(invalid)}"
    no_id = [str(e.id) for e in gate.listed if not str(e.context.get("source_id") or "").strip()]
    if no_id:
        return f"{len(no_id)} listed entities have an empty source id: {_examples(no_id)}"
    nameless = [str(e.context.get("source_id")) for e in gate.listed if not _has_name(e)]
    if nameless:
        return f"{len(nameless)} listed entities have no name (source ids {_examples(nameless)})"
    return None


def shrink_within_limit(gate: GateInput) -> str | None:
    """The listed count is not down by more than ``max_shrink`` on the current version (unless forced)."""
    previous = gate.previous
    if gate.force or previous is None or previous.entity_count == 0:
        return None
    count = len(gate.listed)
    shrink = 1.0 - count / previous.entity_count
    if shrink > gate.max_shrink:
        return (
            f"{count} listed entities, {shrink:.0%} fewer than the {previous.entity_count} of current "
            f"version {previous.id} (limit {gate.max_shrink:.0%}); force the update if the list really shrank"
        )
    return None


def problem_rate_below_limit(gate: GateInput) -> str | None:
    """Unusable rows are under ``max_problem_rate`` of all rows read (unless forced)."""
    problems = len(gate.result.problems)
    if gate.force or problems == 0:
        return None
    rate = problems / (problems + len(gate.listed))
    if rate > gate.max_problem_rate:
        return (
            f"{problems} problem rows, {rate:.0%} of {problems + len(gate.listed)} "
            f"(limit {gate.max_problem_rate:.0%}); first: {gate.result.problems[0]}"
        )
    return None


# Every gate runs, so that a rejection lists all its reasons at once.
GATES: list[Gate] = [
    parsed_entities,
    required_files_present,
    names_and_ids_present,
    shrink_within_limit,
    problem_rate_below_limit,
]


def check_gates(
    result: ParseResult,
    previous: VersionInfo | None,
    *,
    max_shrink: float = DEFAULT_MAX_SHRINK,
    force: bool = False,
    required_sources_files: Collection[str] | None = None,
    max_problem_rate: float = DEFAULT_MAX_PROBLEM_RATE,
) -> GateResult:
    """Check a parse result against every gate.

    Args:
        result: the freshly parsed source.
        previous: the source's current version, if it has one.
        max_shrink: largest allowed drop of the listed-entity count (0.2 = 20 %).
        force: accept a larger drop and a higher problem rate (never an empty parse,
            missing required files or nameless entries).
        required_sources_files: names of files the source must include (``sdn.csv``);
            a ``.gz``/``.zip`` copy counts.
        max_problem_rate: largest allowed share of unusable rows among all rows read.
    Returns:
        ``ok`` and the reasons of every gate that failed.
    """
    gate_input = GateInput(
        result=result,
        listed=result.listed(),
        previous=previous,
        max_shrink=max_shrink,
        max_problem_rate=max_problem_rate,
        force=force,
        required_files=tuple(required_sources_files or ()),
    )
    reasons = [reason for gate in GATES if (reason := gate(gate_input)) is not None]
    return GateResult(ok=not reasons, reasons=reasons)

"""Parser for FollowTheMoney JSON lines and the OpenSanctions delta files.

Data comes from OpenSanctions exports (source ``opensanctions``): ``entities.ftm.json``
holds one FtM entity per line; the delta protocol publishes ``delta.json`` (an index of
versions) and one ``<version>__entities.delta.json`` per version whose lines are
``{"op": "ADD"|"MOD"|"DEL", "entity": {...}}``.

Mapping choices:

* Entities keep their schema and properties. Their id becomes
  ``make_entity_id("opensanctions", ftm_id)`` like every listed entity, and entity-valued
  properties (``addressEntity``, ``owner`` ...) are rewritten the same way, so references
  inside one export still resolve.
* ``source_id`` is the FtM id, set only on listed parties: OpenSanctions marks them
  ``"target": true``; a file without that flag lists every matchable schema except
  ``Address``. Helper entities (addresses, sanctions, relations) carry only ``source``.
* The OpenSanctions metadata stays in ``entity.context`` (serialised by ``to_dict()``):
  ``ftm_id``, ``datasets``, ``referents``, ``first_seen``, ``last_seen``, ``last_change``
  and ``target``.
* ``MOD`` replaces the whole entity (the delta carries its full new state); ``DEL`` of an
  id that is not loaded is a problem, not an error. Delta files are parsed after base
  files (``order``), in version order (their names start with the version).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, make_entity_id
from tradewarden.lists.formats import Format

SOURCE = "opensanctions"
DELTA_SUFFIX = "__entities.delta.json"
_META_KEYS = ("datasets", "referents", "first_seen", "last_seen", "last_change", "target")
_OPS = frozenset({"ADD", "MOD", "DEL"})
_HEAD_KEY = re.compile(rb'"(schema|properties|op)"\s*:')

Report = Callable[[int | None, str], None]


def _ignore(line: int | None, reason: str) -> None:
    """Drop a problem: the default report of :func:`apply_deltas`."""


def entity_from_ftm(data: Mapping[str, Any], source: str = SOURCE, report: Report = _ignore,
                    line: int | None = None) -> EntityProxy | None:
    """Build a tradewarden entity from one FtM entity object.

    Args:
        data: the decoded JSON object (``id``, ``schema``, ``properties`` ...).
        source: the source the entity is filed under.
        report: called with ``(line, reason)`` for each problem.
        line: the line number used in reports.
    Returns:
        The entity, or None (after a report) when it has no id or an unknown schema.
    """
    ftm_id = data.get("id")
    if not isinstance(ftm_id, str) or not ftm_id.strip():
        report(line, "FtM entity without an id; skipped")
        return None
    schema = model.get(str(data.get("schema")))
    if schema is None:
        report(line, f"entity {ftm_id}: unknown schema {data.get('schema')!r}; skipped")
        return None
    entity = model.make_entity(schema.name)
    entity.id = make_entity_id(source, ftm_id)
    entity.context["source"] = source
    entity.context["ftm_id"] = ftm_id
    for key in _META_KEYS:
        if key in data:
            entity.context[key] = data[key]
    target = data.get("target")
    listed = target is True if target is not None else schema.matchable and not schema.is_a("Address")
    if listed:
        entity.context["source_id"] = ftm_id
    properties = data.get("properties") or {}
    if not isinstance(properties, Mapping):
        report(line, f"entity {ftm_id}: properties is not an object; kept without properties")
        return entity
    for name, values in properties.items():
        prop = schema.get(name)
        if prop is None:
            report(line, f"entity {ftm_id}: {schema.name} has no property {name!r}; dropped")
            continue
        if isinstance(values, str) or not isinstance(values, Iterable):
            values = [values]
        for value in values:
            if value is None or not str(value).strip():
                continue
            text = str(value)
            if prop.type == registry.entity:
                text = make_entity_id(source, text)
            # FtM exports are already clean; cleaning again could drop valid values
            # (phone numbers without a country hint).
            entity.unsafe_add(prop, text, cleaned=True)
    return entity


def _decode(raw: str | bytes | Mapping[str, Any], line: int, report: Report) -> Mapping[str, Any] | None:
    if isinstance(raw, Mapping):
        return raw
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError as exc:
        report(line, f"not valid UTF-8: {exc.reason}; line skipped")
        return None
    if not text.strip():
        return None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        report(line, f"invalid JSON: {exc.msg} (column {exc.colno}); line skipped")
        return None
    if not isinstance(data, dict):
        report(line, "line is not a JSON object; skipped")
        return None
    return data


def _apply_op(entities: dict[str, EntityProxy], data: Mapping[str, Any], line: int, source: str,
              report: Report) -> None:
    op = str(data.get("op", "")).upper()
    record = data.get("entity")
    if op not in _OPS or not isinstance(record, Mapping):
        report(line, f"delta line needs op ADD/MOD/DEL and an entity object, got op {data.get('op')!r}; skipped")
        return
    if op == "DEL":
        ftm_id = record.get("id")
        key = make_entity_id(source, str(ftm_id)) if isinstance(ftm_id, str) and ftm_id else None
        if key is None or entities.pop(key, None) is None:
            report(line, f"DEL of unknown entity {ftm_id!r}; ignored")
        return
    entity = entity_from_ftm(record, source, report, line)
    if entity is not None and entity.id is not None:
        entities[entity.id] = entity


def apply_deltas(entities: Mapping[str, EntityProxy], delta_lines: Iterable[str | bytes | Mapping[str, Any]],
                 *, source: str = SOURCE, report: Report = _ignore) -> dict[str, EntityProxy]:
    """Apply OpenSanctions delta lines to a set of entities, without changing the input.

    Args:
        entities: the entities before the deltas, keyed by tradewarden entity id
            (as in ``ParseResult.entities``).
        delta_lines: delta lines (JSON text or decoded objects) of one or more versions,
            already in version order (see :func:`delta_files`).
        source: the source the entities are filed under.
        report: called with ``(line, reason)`` for each unusable line and each DEL of an
            unknown id; line numbers count the lines given, from 1.
    Returns:
        A new dict: ADD and MOD put the entity (MOD replaces it whole), DEL removes it.
    """
    updated = dict(entities)
    for line, raw in enumerate(delta_lines, start=1):
        data = _decode(raw, line, report)
        if data is not None:
            _apply_op(updated, data, line, source, report)
    return updated


def delta_files(folder: Path) -> list[Path]:
    """The delta files listed by ``folder/delta.json``, oldest version first.

    Args:
        folder: a folder holding ``delta.json`` and ``<version>__entities.delta.json`` files.
    Returns:
        The paths of the version files, in version order.
    Raises:
        ListFormatError: the index is unreadable or names a version whose file is missing.
    """
    index = folder / "delta.json"
    try:
        versions = json.loads(index.read_text(encoding="utf-8"))["versions"]
        names = sorted(str(version) for version in versions)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ListFormatError(f"{index}: not a delta index: {exc}", file=str(index)) from exc
    paths = [folder / f"{version}{DELTA_SUFFIX}" for version in names]
    missing = [path.name for path in paths if not path.is_file()]
    if missing:
        raise ListFormatError(f"{index}: delta files missing: {', '.join(missing)}", file=str(index))
    return paths


def parse_ftm_json(content: bytes, ctx: ParseContext) -> None:
    """Read FtM JSON lines (one entity per line) into ``ctx``.

    Args:
        content: the file's bytes.
        ctx: the parse context; a bad line becomes a problem with its line number.
    """
    for line, raw in enumerate(content.splitlines(), start=1):
        data = _decode(raw, line, ctx.problem)
        if data is None:
            continue
        entity = entity_from_ftm(data, ctx.source, ctx.problem, line)
        if entity is not None:
            ctx.emit(entity)


def parse_ftm_delta(content: bytes, ctx: ParseContext) -> None:
    """Apply one delta file to the entities already parsed for the source.

    Args:
        content: the delta file's bytes (may be empty: a version without changes).
        ctx: the parse context whose result already holds the base entities.
    """
    for line, raw in enumerate(content.splitlines(), start=1):
        data = _decode(raw, line, ctx.problem)
        if data is not None:
            _apply_op(ctx.result.entities, data, line, ctx.source, ctx.problem)


def _first_object(head: bytes) -> bytes | None:
    for raw in head.splitlines():
        if raw.strip():
            stripped = raw.strip().removeprefix(b"\xef\xbb\xbf")
            return stripped if stripped.startswith(b"{") else None
    return None


def _keys(first: bytes) -> set[str]:
    try:
        data = json.loads(first)
    except ValueError:
        # A line longer than the sniffed head: look for the keys in what we have.
        return {match.decode() for match in _HEAD_KEY.findall(first)}
    return set(data) if isinstance(data, dict) else set()


def sniff_ftm_json(name: str, head: bytes) -> bool:
    """True when the first non-empty line is a JSON object with ``schema`` and ``properties``."""
    first = _first_object(head)
    if first is None:
        return False
    keys = _keys(first)
    return {"schema", "properties"} <= keys and "op" not in keys


def sniff_ftm_delta(name: str, head: bytes) -> bool:
    """True for a ``*.delta.json`` file (even an empty one) or lines that carry an ``op``."""
    if name.endswith(".delta.json"):
        return True
    first = _first_object(head)
    return first is not None and "op" in _keys(first)


FORMATS: list[Format] = [
    Format(name="ftm_json", default_source=SOURCE, sniff=sniff_ftm_json, parse=parse_ftm_json, unique_ids=True),
    Format(name="ftm_delta", default_source=SOURCE, sniff=sniff_ftm_delta, parse=parse_ftm_delta, order=10),
]

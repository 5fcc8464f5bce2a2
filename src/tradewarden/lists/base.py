"""What every list parser shares: the parse context, problems, and the result.

A parser is a function ``parse(content, ctx) -> None`` that reads one file's bytes and calls
``ctx.make(...)`` / ``ctx.emit(...)`` for each entity and ``ctx.problem(...)`` for each
row it cannot use. A malformed row never stops the rest of the file from loading.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from functools import lru_cache

from followthemoney import model
from followthemoney.proxy import EntityProxy
from followthemoney.types import registry
from followthemoney.types.common import PropertyType
from followthemoney.util import sanitize_text

_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """Lower-case ``text`` and keep runs of ASCII letters and digits joined by ``-``."""
    return _SLUG_RE.sub("-", text.lower()).strip("-")


def make_entity_id(source: str, source_id: str) -> str:
    """The stable entity id for one listed entry: ``<source>-<slug(source_id)>``.

    The id follows FtM's id syntax (letters, digits, ``-`` and ``.``), so ``_`` in the
    source name becomes ``-`` (``us-ofac-sdn-36``). Long or non-ASCII source ids are
    hashed so that ids stay short and ASCII.
    """
    part = slug(source_id)
    if not part or len(part) > 80:
        part = hashlib.sha1(source_id.encode("utf-8")).hexdigest()[:16]
    return f"{source.replace('_', '-')}-{part}"


@dataclass(frozen=True, slots=True)
class Problem:
    """One row or record that could not be used, and why."""

    file: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where}: {self.reason}"


@dataclass
class ParseResult:
    """Entities and problems from parsing one or more files of one source."""

    source: str
    entities: dict[str, EntityProxy] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    published_at: str | None = None

    def listed(self) -> list[EntityProxy]:
        """Entities that are listed parties (not relations, addresses or sanctions)."""
        return [e for e in self.entities.values() if e.context.get("source_id") is not None and not e.schema.edge]


class ParseContext:
    """Collects entities and problems while a parser reads one file."""

    def __init__(self, source: str, path: Path, result: ParseResult, unique_ids: bool = False) -> None:
        self.source = source
        self.path = path
        self.result = result
        # Formats whose records each carry their own id report a repeated id (see ``emit``).
        self.unique_ids = unique_ids
        self._emitted: set[str] = set()

    def make(self, schema: str, source_id: str | None = None, *, key: Iterable[str] = ()) -> EntityProxy:
        """Create an entity of ``schema``.

        Args:
            schema: FtM schema name (``Person``, ``Organization``, ``Vessel`` ...).
            source_id: the list's own identifier; makes this a listed entity whose id is
                ``<source>-<source_id>`` and which carries ``source`` and ``source_id``.
            key: for helper entities without a source id (relations, addresses): parts
                hashed into a stable id.
        Returns:
            A new, not yet emitted, entity proxy.
        """
        entity = model.make_entity(schema)
        if source_id is not None:
            source_id = str(source_id).strip()
            entity.id = make_entity_id(self.source, source_id)
            entity.context["source"] = self.source
            entity.context["source_id"] = source_id
        else:
            digest = hashlib.sha1("\x1f".join([self.source, schema, *key]).encode("utf-8")).hexdigest()
            entity.id = f"{self.source.replace('_', '-')}-{schema.lower()}-{digest[:16]}"
            entity.context["source"] = self.source
        return entity

    def emit(self, entity: EntityProxy) -> None:
        """Add ``entity`` to the result, merging with an earlier entity of the same id.

        In a format with ``unique_ids``, a listed entity emitted twice from one file is a
        problem (two records share an id); the records are still merged, so no name is lost.
        """
        source_id = entity.context.get("source_id")
        if self.unique_ids and source_id is not None:
            if entity.id in self._emitted:
                self.problem(None, f"record id {source_id!r} appears more than once; the records are merged")
            self._emitted.add(entity.id or "")
        existing = self.result.entities.get(entity.id or "")
        if existing is None:
            self.result.entities[entity.id or ""] = entity
            return
        try:
            existing.schema = model.common_schema(existing.schema, entity.schema)
        except Exception as exc:  # InvalidData: e.g. a Vessel and a Person share an id
            self.problem(None, f"entity {entity.id} conflicts with an earlier record: {exc}")
            return
        for prop, value in entity.itervalues():
            existing.unsafe_add(prop, value, cleaned=True)

    def problem(self, line: int | None, reason: str) -> None:
        """Record a row that could not be used; parsing goes on."""
        self.result.problems.append(Problem(self.path.name, line, reason))

    def add(self, entity: EntityProxy, prop: str, values: Any, line: int | None = None) -> None:
        """Add cleaned values to ``prop``; values FtM rejects are dropped, never raised.

        FtM's cleaning of repeated values (countries, URLs, dates) is cached, since list
        files repeat them thousands of times. A property the schema lacks is a problem.
        """
        if values is None:
            return
        if isinstance(values, str) or not isinstance(values, Iterable):
            values = [values]
        schema_prop = entity.schema.get(prop)
        if schema_prop is None:
            self.problem(line, f"{entity.schema.name} has no property {prop!r}")
            return
        for value in values:
            if value is None:
                continue
            text = str(value).strip()
            if not text:
                continue
            cleaned = clean_value(schema_prop.type, schema_prop.format, text)
            if cleaned is not None:
                entity.unsafe_add(schema_prop, cleaned, cleaned=True)


@lru_cache(maxsize=262_144)
def clean_value(ftype: PropertyType, fmt: str | None, raw: str) -> str | None:
    """FtM's cleaning of one raw value for a property type, cached (list files repeat values)."""
    text = sanitize_text(raw)
    return None if text is None else ftype.clean_text(text, format=fmt)


Parser = Callable[[bytes, "ParseContext"], None]

"""What screening knows about listed entries beyond the match index, and what a match on them means.

* :class:`ListedEntries`: each listed party's programmes, topics and listing date, taken from the
  parsed FtM entities (the match index keeps names and identifiers only);
* :func:`list_effect`: what a *confirmed* match on an entry asks for (block or review, and whether
  the entry counts as blocked for the 50 % rule), from ``data/list_effects.yaml``, every row cited;
* :class:`ListData`: the above plus the list-data :class:`~tradewarden.ownership.OwnershipGraph`
  and the list versions used, built once per set of list versions and handed to ``screen_order``.

Pure: the only I/O is reading the package data file once.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from followthemoney.proxy import EntityProxy

from tradewarden.decide import ListVersionRef
from tradewarden.errors import ConfigError
from tradewarden.findings import Outcome
from tradewarden.match.records import is_party
from tradewarden.ownership import OwnershipGraph

EFFECTS_FILE = "list_effects.yaml"


@dataclass(frozen=True, slots=True)
class ListedEntry:
    """The facts of one listed party a reviewer needs next to a match.

    Attributes:
        programs: sub-lists / sanctions programmes (``RUSSIA-EO14024``, ``Entity List (EL) ...``).
        topics: FtM topics (``sanction``, ``export.control``, ``debarment``).
        listed_on: the listing date (``createdAt``), when the list gives one.
    """

    programs: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    listed_on: str | None = None


class ListedEntries:
    """Listed entries by entity id."""

    def __init__(self, entries: Mapping[str, ListedEntry] | None = None) -> None:
        self._entries: dict[str, ListedEntry] = dict(entries or {})

    @classmethod
    def build(cls, entities: Iterable[EntityProxy]) -> ListedEntries:
        """Collect the programmes, topics and listing dates of listed parties.

        Args:
            entities: parsed FtM entities; relations and non-party schemata are skipped.
        Returns:
            The entries (repeated programme tuples are shared to keep memory small).
        """
        shared: dict[tuple[str, ...], tuple[str, ...]] = {}
        entries: dict[str, ListedEntry] = {}
        for entity in entities:
            if not entity.id or not is_party(entity):
                continue
            programs = tuple(entity.get("program", quiet=True))
            topics = tuple(sorted(entity.get("topics", quiet=True)))
            created = entity.get("createdAt", quiet=True)
            entries[entity.id] = ListedEntry(
                shared.setdefault(programs, programs), shared.setdefault(topics, topics), min(created) if created else None
            )
        return cls(entries)

    def get(self, entity_id: str) -> ListedEntry | None:
        """The entry of ``entity_id``, or None when it was not collected."""
        return self._entries.get(entity_id)

    def __len__(self) -> int:
        return len(self._entries)


@dataclass(frozen=True, slots=True)
class ListEffect:
    """What a confirmed match on a listed entry asks for.

    Attributes:
        outcome: block or review.
        blocking: the entry counts as a blocked person for the 50 % rule.
        label: one line for reviewers.
        citation: where the consequence is stated.
    """

    outcome: Outcome
    blocking: bool
    label: str
    citation: str


@dataclass(frozen=True, slots=True)
class _EffectRow:
    source: str
    program: re.Pattern[str] | None
    topic: str | None
    effect: ListEffect


@cache
def _effect_rows() -> tuple[_EffectRow, ...]:
    text = resources.files("tradewarden").joinpath("data", EFFECTS_FILE).read_text(encoding="utf-8")
    rows: list[_EffectRow] = []
    for number, raw in enumerate(yaml.safe_load(text)["effects"]):
        try:
            outcome = Outcome(raw["outcome"])
            program = re.compile(raw["program"], re.IGNORECASE) if raw.get("program") else None
            effect = ListEffect(outcome, bool(raw["blocking"]), str(raw["label"]), str(raw["citation"]))
        except (KeyError, ValueError, re.error) as exc:
            raise ConfigError(f"{EFFECTS_FILE}: row {number + 1}: {exc}", file=EFFECTS_FILE) from None
        rows.append(_EffectRow(str(raw["source"]), program, raw.get("topic"), effect))
    if not rows or rows[-1].source != "*" or rows[-1].program or rows[-1].topic:
        raise ConfigError(f"{EFFECTS_FILE}: the last row must be the catch-all (source '*')", file=EFFECTS_FILE)
    return tuple(rows)


def list_effect(source: str, entry: ListedEntry | None) -> ListEffect:
    """What a confirmed match on an entry of ``source`` asks for.

    Args:
        source: the list (``us_ofac_sdn``).
        entry: the entry's programmes and topics; None when unknown (then only rows without a
            programme or topic condition apply).
    Returns:
        The effect of the first matching row of ``data/list_effects.yaml``.
    """
    programs = entry.programs if entry else ()
    topics = entry.topics if entry else ()
    for row in _effect_rows():
        if row.source not in (source, "*"):
            continue
        if row.program is not None and not any(row.program.search(p) for p in programs):
            continue
        if row.topic is not None and row.topic not in topics:
            continue
        return row.effect
    return _effect_rows()[-1].effect


@dataclass(slots=True)
class ListData:
    """Everything screening reads from the lists besides the match index.

    Attributes:
        entries: programmes, topics and listing dates of listed parties.
        ownership: ownership links of the list data.
        versions: the list version used for each source.
    """

    entries: ListedEntries = field(default_factory=ListedEntries)
    ownership: OwnershipGraph = field(default_factory=OwnershipGraph)
    versions: dict[str, ListVersionRef] = field(default_factory=dict)

    @classmethod
    def build(cls, entities: Iterable[EntityProxy], versions: Iterable[ListVersionRef] = ()) -> ListData:
        """Build the side tables from parsed entities (a generator is read once).

        Args:
            entities: the FtM entities of the lists (parties and relations).
            versions: the list versions the entities come from.
        Returns:
            The list data.
        """
        kept = list(entities)
        return cls(ListedEntries.build(kept), OwnershipGraph.build(kept), {v.source: v for v in versions})

    def effect(self, source: str, entity_id: str) -> ListEffect:
        """What a confirmed match on ``entity_id`` of ``source`` asks for."""
        return list_effect(source, self.entries.get(entity_id))

    def is_blocking(self, entity_id: str) -> bool:
        """Whether the listed entity counts as blocked for the 50 % rule."""
        node = self.ownership.entities.get(entity_id)
        if node is None:
            return False
        return list_effect(node.source, self.entries.get(entity_id)).blocking

    def reference(self, source: str, source_id: str) -> str:
        """How evidence names a list entry: ``us_ofac_sdn:36 (version 12)``."""
        version = self.versions.get(source)
        suffix = f" (version {version.version_id})" if version is not None else ""
        return f"{source}:{source_id}{suffix}"

"""The engine on the real UN Security Council list (shared snapshot; 1,003 entries per PROVENANCE.md)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from followthemoney.proxy import EntityProxy

from tradewarden.lists.load import load_folder
from tradewarden.match import DEFAULT_THRESHOLD, MatchIndex, Query
from tradewarden.names.east_asian import is_korean_name
from tradewarden.names.script import ABJAD, scripts_of

pytestmark = pytest.mark.shared


@pytest.fixture(scope="module")
def un_entities(shared_lists: Path) -> list[EntityProxy]:
    result = load_folder(shared_lists, sources=["un_sc_sanctions"])["un_sc_sanctions"]
    return result.listed()


def test_indexes_every_un_entry(un_entities: list[EntityProxy]) -> None:
    index = MatchIndex.build(un_entities)
    assert len(index) == 1003
    rng = random.Random(7)
    for entity in rng.sample(un_entities, 40):
        name = entity.first("name") or ""
        words = name.split()
        # A Korean name's given-name syllables keep their order (Chol-sam / Sam-chol are two
        # names): its family name moves to the end (KIM CHOL SAM -> CHOL SAM KIM), not reversed.
        korean = is_korean_name(tuple(word.lower() for word in words))
        reordered = " ".join([*words[1:], words[0]] if korean else reversed(words))
        matches = index.match(Query(names=[reordered], schema=entity.schema.name))
        assert entity.id in [m.entity_id for m in matches], name


def test_held_out_arabic_names_meet_latin_entries(un_entities: list[EntityProxy]) -> None:
    held_out: list[tuple[str, str]] = []
    indexed: list[EntityProxy] = []
    for entity in un_entities:
        copy = entity.clone()
        arabic = [n for n in copy.get("name") + copy.get("alias") if scripts_of(n) & ABJAD]
        latin = [n for n in copy.get("name") + copy.get("alias") if not scripts_of(n) & ABJAD]
        if arabic and latin:
            held_out.append((arabic[0], copy.id or ""))
            for prop in ("name", "alias", "weakAlias"):
                kept = [n for n in copy.get(prop) if not scripts_of(n) & ABJAD]
                copy.set(prop, kept)
        indexed.append(copy)
    assert len(held_out) > 100
    index = MatchIndex.build(indexed)
    scores = []
    for name, entity_id in held_out:
        matches = index.match(Query(names=[name]), min_score=0.0, limit=10)
        scores.append(max((m.score for m in matches if m.entity_id == entity_id), default=0.0))
    # At 0.90 (at most 1 clean alert per 1,000 on the benchmark) only about a quarter of the
    # Arabic-script names reach their Latin entry (measured 0.245); at the default threshold
    # (0.80) about 60 % do (0.595). Both floors guard against regressions, not targets.
    assert sum(s >= 0.90 for s in scores) / len(scores) >= 0.22
    assert sum(s >= DEFAULT_THRESHOLD for s in scores) / len(scores) >= 0.55

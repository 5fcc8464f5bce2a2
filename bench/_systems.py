"""The matchers the quality benchmark scores, behind one shape: cases in, one ``Outcome`` per case.

* ``engine``: tradewarden's ``MatchIndex`` (``src/tradewarden/match``), name-only queries.
* ``jaro_winkler``: the brute-force baseline, a rapidfuzz Jaro-Winkler scan over every indexed
  name of a schema-compatible entity (FtM ``can_match``), best score per entity.
* ``logic_v1``: nomenklatura's ``LogicV1`` (yente's former default scorer) on the Jaro-Winkler
  scan's top-10 candidate entities.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass

from followthemoney import model
from followthemoney.proxy import EntityProxy
from labelled import NAME_PROPS, Case, normalize_name
from rapidfuzz import process
from rapidfuzz.distance import JaroWinkler

JW_DEFAULT_THRESHOLD = 0.90  # a common cut-off for plain Jaro-Winkler screening
LOGIC_V1_DEFAULT_THRESHOLD = 0.70  # yente's default ``threshold``
CANDIDATES = 10


@dataclass(slots=True)
class Outcome:
    """What one matcher returned for one case."""

    top_id: str | None
    top_score: float
    top_name: str
    expected_score: float  # best score of an expected entity (0.0 when none was returned)
    expected_rank: int | None  # 1-based rank of the first expected entity, None when absent


def outcome_from_ranked(ranked: Sequence[tuple[str, float, str]], expected: Sequence[str]) -> Outcome:
    """Turn ``(entity_id, score, matched_name)`` best-first into an ``Outcome``."""
    wanted = set(expected)
    expected_score = 0.0
    rank: int | None = None
    for pos, (entity_id, score, _) in enumerate(ranked, start=1):
        if entity_id in wanted:
            expected_score = max(expected_score, score)
            rank = pos if rank is None else rank
    if not ranked:
        return Outcome(None, 0.0, "", expected_score, rank)
    top_id, top_score, top_name = ranked[0]
    return Outcome(top_id, top_score, top_name, expected_score, rank)


def run_engine(index: object, cases: Sequence[Case]) -> list[Outcome]:
    """Score every case with the tradewarden engine (``min_score=0`` so scores below threshold show)."""
    from tradewarden.match import Query

    queries = [Query(names=[case.query], schema=case.schema) for case in cases]
    results = index.match_many(queries, limit=CANDIDATES, min_score=0.0)  # type: ignore[attr-defined]
    return [
        outcome_from_ranked([(m.entity_id, m.score, m.matched_name) for m in matches], case.expected)
        for case, matches in zip(cases, results, strict=True)
    ]


class JaroWinklerScan:
    """Brute force: Jaro-Winkler of the query against every schema-compatible indexed name."""

    def __init__(self, entities: Sequence[EntityProxy]) -> None:
        self.entities = {entity.id or "": entity for entity in entities}
        self.names: list[str] = []
        self.owners: list[str] = []
        self.schemata: list[str] = []
        self.by_entity: dict[str, list[str]] = {}
        for entity in entities:
            for prop in NAME_PROPS:
                if prop not in entity.schema.properties:
                    continue
                for value in entity.get(prop):
                    norm = normalize_name(value)
                    if norm:
                        self.names.append(norm)
                        self.owners.append(entity.id or "")
                        self.schemata.append(entity.schema.name)
                        self.by_entity.setdefault(entity.id or "", []).append(norm)
        self._choices: dict[str, tuple[list[str], list[str]]] = {}

    def choices(self, schema: str | None) -> tuple[list[str], list[str]]:
        """The names (and their owners) a query of ``schema`` is compared with."""
        key = schema or ""
        if key not in self._choices:
            if schema is None:
                self._choices[key] = (self.names, self.owners)
            else:
                query_schema = model.get(schema)
                keep = [
                    i for i, name in enumerate(self.schemata)
                    if query_schema is None or query_schema.can_match(model[name])
                ]
                self._choices[key] = ([self.names[i] for i in keep], [self.owners[i] for i in keep])
        return self._choices[key]

    def run(self, cases: Sequence[Case], workers: int = -1, chunk: int = 256) -> tuple[list[Outcome], list[list[str]]]:
        """Outcomes for every case, and each case's top-10 candidate ids (for ``logic_v1``).

        Queries of one schema are scored in chunks with ``rapidfuzz.process.cdist`` against
        every compatible name; the expected entity's score is read from the full row, so it is
        exact even when that entity is outside the top 10.
        """
        import numpy as np

        outcomes: list[Outcome | None] = [None] * len(cases)
        candidates: list[list[str]] = [[] for _ in cases]
        by_schema: dict[str | None, list[int]] = {}
        for pos, case in enumerate(cases):
            by_schema.setdefault(case.schema, []).append(pos)
        for schema, positions in by_schema.items():
            names, owners = self.choices(schema)
            owner_rows: dict[str, list[int]] = {}
            for row, owner in enumerate(owners):
                owner_rows.setdefault(owner, []).append(row)
            keep = min(len(names), CANDIDATES * 4)
            for start in range(0, len(positions), chunk):
                block = positions[start : start + chunk]
                queries = [normalize_name(cases[pos].query) for pos in block]
                matrix = process.cdist(queries, names, scorer=JaroWinkler.normalized_similarity, workers=workers)
                for row_scores, pos in zip(matrix, block, strict=True):
                    best = np.argpartition(-row_scores, keep - 1)[:keep] if keep < len(names) else np.arange(len(names))
                    best = best[np.argsort(-row_scores[best], kind="stable")]
                    ranked: list[tuple[str, float, str]] = []
                    seen: set[str] = set()
                    for col in best:
                        owner = owners[col]
                        if owner not in seen:
                            seen.add(owner)
                            ranked.append((owner, float(row_scores[col]), names[col]))
                            if len(ranked) == CANDIDATES:
                                break
                    case = cases[pos]
                    outcome = outcome_from_ranked(ranked, case.expected)
                    outcome.expected_score = max(
                        (float(row_scores[r]) for i in case.expected for r in owner_rows.get(i, [])), default=0.0
                    )
                    outcomes[pos] = outcome
                    candidates[pos] = [entity_id for entity_id, _, _ in ranked]
        return [o for o in outcomes if o is not None], candidates


# logic-v1 runs in worker processes (fork): the entities are handed over as module globals.
_LV1_ENTITIES: dict[str, EntityProxy] = {}


def _logic_v1_one(job: tuple[Case, list[str]]) -> Outcome:
    from nomenklatura.matching import LogicV1

    case, candidate_ids = job
    query = model.make_entity(case.schema)
    query.id = "query"
    query.add("name", case.query)
    config = LogicV1.default_config()
    ranked: list[tuple[str, float, str]] = []
    for entity_id in candidate_ids:
        entity = _LV1_ENTITIES[entity_id]
        result = LogicV1.compare(query, entity, config)
        ranked.append((entity_id, float(result.score), entity.caption))
    ranked.sort(key=lambda item: item[1], reverse=True)
    return outcome_from_ranked(ranked, case.expected)


def run_logic_v1(
    entities: Sequence[EntityProxy], cases: Sequence[Case], candidates: Sequence[list[str]], workers: int | None = None
) -> list[Outcome]:
    """Score each case with nomenklatura's ``LogicV1`` against its Jaro-Winkler candidates."""
    _LV1_ENTITIES.clear()
    _LV1_ENTITIES.update({entity.id or "": entity for entity in entities})
    jobs = list(zip(cases, candidates, strict=True))
    workers = workers or min(2, os.cpu_count() or 1)
    if workers <= 1:
        return [_logic_v1_one(job) for job in jobs]
    import multiprocessing

    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(_logic_v1_one, jobs, chunksize=64))

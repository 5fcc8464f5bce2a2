"""Where a query's time goes: the match_speed single-query set (1x) timed per stage, by CPU time.

Builds the index of the US, UN, UK and EU lists and draws the query set as ``match_speed.py`` does
(the same seed, the name caches emptied before the build, a 50-query warm-up, then the 1,000
single queries), and prints one of:

- ``total``: CPU microseconds per ``MatchIndex.match`` and queries per CPU-second;
- ``staged``: the same queries in separate passes, each stage's CPU time per query: analysis
  (``prepare_query``), blocking (``MatchIndex.blocked_names``), the shortlist beyond blocking
  (``matching._shortlist``), and comparison and scoring (``match_prepared`` less the shortlist);
- ``profile``: cProfile of the single queries (compiled modules show as one call each), sorted by
  ``--sort`` (``tottime``, or ``cumulative`` to see which caller a cost belongs to), ``--lines`` rows;
- ``gc``: the garbage collector's share: collections per generation during the single queries and
  the CPU time they took, per query (the index is frozen out of them, ``freeze_long_lived``, as
  the product does; what remains is the young objects the queries leave in the caches).

The machine is shared: compare two versions back to back in the same conditions, e.g.
``PYTHONPATH=/old/src .venv/bin/python bench/match_stages.py staged`` then with ``src``.
Prints only; writes nothing.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # one core, as match_speed.py

import argparse  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from typing import Any  # noqa: E402

import match_speed  # noqa: E402
from _common import DEFAULT_LISTS, load_listed  # noqa: E402
from labelled import build_labelled_set  # noqa: E402


def _setup(seed: int, queries: int) -> tuple[Any, list[Any]]:
    from tradewarden.lists.sources import SOURCES
    from tradewarden.match import MatchIndex, Query
    from tradewarden.match.index import freeze_long_lived

    entities, _ = load_listed(DEFAULT_LISTS, sorted(s for s in SOURCES if s.startswith(match_speed.SPEED_PREFIXES)))
    wanted = match_speed.WARM_UP + 2 * queries
    cases = build_labelled_set(
        entities, seed=seed, n_aliases=0, n_variants=wanted // 2, n_clean=wanted - wanted // 2, max_script=0,
        link_parties=False,
    ).cases
    random.Random(seed).shuffle(cases)
    made = [Query(names=[case.query], schema=case.schema) for case in cases]
    match_speed.clear_name_caches()
    index = MatchIndex.build(entities)
    for query in made[: match_speed.WARM_UP]:
        index.match(query)
    freeze_long_lived()
    return index, made[match_speed.WARM_UP : match_speed.WARM_UP + queries]


def _staged(index: Any, singles: list[Any]) -> dict[str, float]:
    from tradewarden.match.matching import _shortlist, match_prepared, prepare_query

    seconds: dict[str, float] = {}
    started = time.process_time()
    prepared = [prepare_query(query) for query in singles]
    seconds["analysis"] = time.process_time() - started
    started = time.process_time()
    for each in prepared:
        for _, form in each.names:
            index.blocked_names(form, organisation=each.schema != "Person")
    seconds["blocking"] = time.process_time() - started
    started = time.process_time()
    for each in prepared:
        for _, texts, form in each.written_names():
            _shortlist(index, form, texts, each.schema != "Person")
    shortlist = time.process_time() - started
    started = time.process_time()
    for each, query in zip(prepared, singles):
        match_prepared(index, each, 10, 0.8, query)
    matched = time.process_time() - started
    seconds["shortlist beyond blocking"] = shortlist - seconds["blocking"]
    seconds["comparison and scoring"] = matched - shortlist
    seconds["sum"] = seconds["analysis"] + matched
    return seconds


def _collections(index: Any, singles: list[Any]) -> dict[int, tuple[int, float]]:
    """Collections per generation while the single queries run, and the CPU seconds they took
    (from ``gc.callbacks``; the queries' total is printed too, for the share)."""
    import gc

    counts = {generation: 0 for generation in range(3)}
    spent = {generation: 0.0 for generation in range(3)}
    started = [0.0]

    def note(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started[0] = time.process_time()
        else:
            counts[info["generation"]] += 1
            spent[info["generation"]] += time.process_time() - started[0]

    gc.callbacks.append(note)
    try:
        begun = time.process_time()
        for query in singles:
            index.match(query)
        total = time.process_time() - begun
    finally:
        gc.callbacks.remove(note)
    print(f"queries: {total * 1e6 / len(singles):.1f} us/query CPU, of which collections {sum(spent.values()) / total:.1%}")
    return {generation: (counts[generation], spent[generation]) for generation in range(3)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("total", "staged", "profile", "gc"))
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--sort", default="tottime", help="profile: the pstats sort key (tottime, cumulative ...)")
    parser.add_argument("--lines", type=int, default=40, help="profile: how many rows to print")
    args = parser.parse_args()
    index, singles = _setup(args.seed, args.queries)
    if args.mode == "total":
        started = time.process_time()
        for query in singles:
            index.match(query)
        cpu = time.process_time() - started
        print(f"{cpu * 1e6 / len(singles):.1f} us/query CPU, {len(singles) / cpu:.0f} queries/CPU-s")
    elif args.mode == "gc":
        for generation, (count, spent) in _collections(index, singles).items():
            print(f"generation {generation}: {count:5d} collections, {spent * 1e6 / len(singles):8.1f} us/query CPU")
    elif args.mode == "staged":
        for stage, spent in _staged(index, singles).items():
            print(f"{stage:28s} {spent * 1e6 / len(singles):8.1f} us/query")
    else:
        import cProfile
        import pstats

        profile = cProfile.Profile()
        profile.enable()
        for query in singles:
            index.match(query)
        profile.disable()
        pstats.Stats(profile).sort_stats(args.sort).print_stats(args.lines)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

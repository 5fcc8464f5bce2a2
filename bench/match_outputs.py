"""Every match of the match_speed query set, written out, to check a speed change altered no result.

Builds the index of the US, UN, UK and EU lists as ``match_speed.py`` does, runs its query set
(the same seed: warm-up, single and batch queries, about 2,050) through ``match`` and
``match_many``, and writes the ``repr`` of every match (score, features, explanation) one query
per line. Run it on the code before and after a change and compare the files byte for byte:

    PYTHONPATH=/path/to/old/src .venv/bin/python bench/match_outputs.py /tmp/before.txt
    PYTHONPATH=src .venv/bin/python bench/match_outputs.py /tmp/after.txt
    cmp /tmp/before.txt /tmp/after.txt
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

import match_speed
from _common import DEFAULT_LISTS, load_listed
from labelled import build_labelled_set


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path, help="file to write")
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="folder of list snapshots")
    parser.add_argument("--seed", type=int, default=20261124)
    parser.add_argument("--queries", type=int, default=1000, help="as match_speed.py --queries")
    args = parser.parse_args()
    from tradewarden.lists.sources import SOURCES
    from tradewarden.match import MatchIndex, Query

    entities, _ = load_listed(args.lists, sorted(s for s in SOURCES if s.startswith(match_speed.SPEED_PREFIXES)))
    wanted = match_speed.WARM_UP + 2 * args.queries
    cases = build_labelled_set(
        entities, seed=args.seed, n_aliases=0, n_variants=wanted // 2, n_clean=wanted - wanted // 2, max_script=0,
        link_parties=False,
    ).cases
    random.Random(args.seed).shuffle(cases)
    queries = [Query(names=[case.query], schema=case.schema) for case in cases]
    index = MatchIndex.build(entities)
    single = match_speed.WARM_UP + args.queries
    results = [index.match(query) for query in queries[:single]]
    for start in range(single, len(queries), 100):
        results.extend(index.match_many(queries[start : start + 100]))
    with args.out.open("w", encoding="utf-8") as handle:
        for query, matches in zip(queries, results):
            handle.write(f"{query.names[0]!r}\t{[repr(match) for match in matches]!r}\n")
    print(f"{len(queries)} queries, {sum(len(m) for m in results)} matches written to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

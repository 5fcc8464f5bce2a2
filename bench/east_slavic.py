"""Ukrainian and Belarusian names in Cyrillic: recall with and without their second reading.

A name in Ukrainian's alphabet is also romanised by Ukraine's national system, a Belarusian one
also read as Russian spells it (``analyze.east_slavic_form``, on the query side and in the index).
This bench measures what that reading brings, on real list data and against the same engine
without it (the baseline, built in the same process on the same data):

- every original-script Cyrillic name of the shared lists held out against its entity's other
  names (``labelled.build_labelled_set`` with no cap per script: about 6,100 names), recall at the
  default threshold per alphabet (``translit.is_ukrainian``, ``translit.is_belarusian``, the rest);
- clean Ukrainian names (faker ``uk_UA`` persons written in Ukrainian's alphabet, and companies):
  alerts per 1,000 at the default threshold, since a second reading is a second chance to meet a
  listed name.

Writes ``bench/results/east_slavic.json`` and ``.md``.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from _common import DEFAULT_LISTS, RESULTS_DIR, Report, load_listed, run_main
from labelled import Case, build_labelled_set

ALPHABETS = ("ukrainian", "belarusian", "other")


def _alphabet(text: str) -> str:
    from tradewarden.names.translit import is_belarusian, is_ukrainian

    folded = text.casefold()
    return "ukrainian" if is_ukrainian(folded) else "belarusian" if is_belarusian(folded) else "other"


@contextmanager
def _without_second_reading() -> Iterator[None]:
    """The engine as it was before the second reading: ``east_slavic_form`` gives none."""
    import tradewarden.match.index as index_module
    import tradewarden.match.matching as matching_module

    saved = (index_module.east_slavic_form, matching_module.east_slavic_form)
    none: Callable[..., None] = lambda *_args, **_kwargs: None  # noqa: E731
    index_module.east_slavic_form = none  # type: ignore[assignment]
    matching_module.east_slavic_form = none  # type: ignore[assignment]
    try:
        yield
    finally:
        index_module.east_slavic_form, matching_module.east_slavic_form = saved


def _recall(index: Any, cases: list[Case], threshold: float) -> dict[str, list[bool]]:
    from tradewarden.match import Query

    found: dict[str, list[bool]] = {alphabet: [] for alphabet in ALPHABETS}
    for case in cases:
        matches = index.match(Query(names=[case.query], schema=case.schema), min_score=threshold, limit=50)
        found[_alphabet(case.query)].append(any(match.entity_id in case.expected for match in matches))
    return found


def _clean_names(count: int, seed: int) -> tuple[list[str], list[str]]:
    from faker import Faker

    from tradewarden.names.translit import is_ukrainian

    persons: list[str] = []
    people = Faker("uk_UA")
    people.seed_instance(seed)
    while len(persons) < count:
        name = people.name() if len(persons) % 3 else f"{people.last_name()} {people.first_name()}"
        if is_ukrainian(name.casefold()):
            persons.append(name)
    companies: list[str] = []
    firms = Faker("uk_UA")
    firms.seed_instance(seed + 1)
    while len(companies) < count // 3:
        name = firms.company()
        if is_ukrainian(name.casefold()):
            companies.append(name)
    return persons, companies


def _alerts(index: Any, persons: list[str], companies: list[str], threshold: float) -> list[tuple[str, str, float]]:
    from tradewarden.match import Query

    alerts = []
    for names, schema in ((persons, "Person"), (companies, "Company")):
        for name in names:
            matches = index.match(Query(names=[name], schema=schema), min_score=threshold, limit=1)
            if matches:
                alerts.append((name, matches[0].caption, round(matches[0].score, 3)))
    return alerts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="folder of list snapshots")
    parser.add_argument("--seed", type=int, default=20261124, help="seed of the held-out names and clean names")
    parser.add_argument("--clean", type=int, default=3000, help="clean Ukrainian person names (a third as many companies)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where the .json and .md go")
    args = parser.parse_args()
    from tradewarden.lists.sources import SOURCES
    from tradewarden.match import DEFAULT_THRESHOLD, MatchIndex

    report = Report("east_slavic", "Ukrainian and Belarusian names in Cyrillic: the second reading")
    entities, _ = load_listed(args.lists, sorted(SOURCES))
    labelled = build_labelled_set(entities, seed=args.seed, n_aliases=0, n_variants=0, n_clean=0, max_script=None)
    cases = [case for case in labelled.cases if case.kind == "cyrillic_script"]
    persons, companies = _clean_names(args.clean, args.seed)
    runs: dict[str, dict[str, Any]] = {}
    for label, context in (("engine", None), ("without second reading", _without_second_reading)):
        started = time.perf_counter()
        if context is None:
            index = MatchIndex.build(labelled.indexed)
            found = _recall(index, cases, DEFAULT_THRESHOLD)
            alerts = _alerts(index, persons, companies, DEFAULT_THRESHOLD)
        else:
            with context():
                index = MatchIndex.build(labelled.indexed)
                found = _recall(index, cases, DEFAULT_THRESHOLD)
                alerts = _alerts(index, persons, companies, DEFAULT_THRESHOLD)
        runs[label] = {
            "recall": {alphabet: {"n": len(hits), "found": sum(hits)} for alphabet, hits in found.items()},
            "clean_alerts": alerts,
            "seconds": round(time.perf_counter() - started, 1),
        }
    engine, baseline = runs["engine"], runs["without second reading"]
    rows = []
    for alphabet in ALPHABETS:
        n = engine["recall"][alphabet]["n"]
        with_reading, without = engine["recall"][alphabet]["found"], baseline["recall"][alphabet]["found"]
        rows.append([alphabet, n, round(with_reading / n, 3) if n else None, round(without / n, 3) if n else None,
                     with_reading - without])
    report.table(
        f"Held-out Cyrillic names, recall at {DEFAULT_THRESHOLD}",
        ["alphabet", "names", "engine", "without second reading", "found more"], rows,
    )
    clean_count = len(persons) + len(companies)
    report.table(
        f"Clean Ukrainian names ({len(persons):,} persons, {len(companies):,} companies), alerts at {DEFAULT_THRESHOLD}",
        ["system", "alerts", "per 1,000"],
        [[label, len(run["clean_alerts"]), round(1000 * len(run["clean_alerts"]) / clean_count, 2)] for label, run in runs.items()],
    )
    report.note(
        "Alphabet by the letters a name writes: Ukrainian (є, ї, ґ or і, and none of Russian's, Belarusian's or "
        "Kazakh's own), Belarusian (ў, or і beside ы, э or ё), other (Russian, Serbian, Kazakh ..., and Ukrainian or "
        "Belarusian names written with none of those letters). The baseline is the same engine with "
        "`east_slavic_form` giving nothing, index and queries alike. Clean names are faker's, and faker draws "
        "some real people's names: an alert on a listed namesake is counted like any other."
    )
    report.write({"config": vars(args) | {"lists": str(args.lists), "results_dir": str(args.results_dir)},
                  "cases": len(cases), "runs": runs}, args.results_dir)
    return 0


if __name__ == "__main__":
    run_main(main)

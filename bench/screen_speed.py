"""Order screening speed (issue 4): orders per second and p99 per order, with every shared list loaded.

Loads every list under ``../shared/data/lists`` (``load_folder``), builds the ``MatchIndex`` and
the ``ListData`` side tables, then screens orders on one CPU core with ``screen_order``:

* **engine**: the full screening (parties and owners through the index, items, geo, rules);
* **baseline, brute force**: the same ``screen_order`` with party matching done by a brute-force
  rapidfuzz scan (``token_sort_ratio`` over every listed name), the naive way to screen parties;
* **baseline, no parties**: the same orders with a matcher that finds nothing, i.e. the items,
  geo and rules part alone, to show what party matching adds.

Orders: the example orders of ``examples/orders`` plus generated ones (seeded): two to four
parties (a fifth of them real listed names, some with owners), one to three items from CHPL and
other HS codes, destinations across clean, diversion-hub and sanctioned countries.
Writes ``bench/results/screen_speed.json`` and ``.md``. Run: ``.venv/bin/python bench/screen_speed.py``.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "RAYON_NUM_THREADS"):
    os.environ.setdefault(_var, "1")  # "one core": keep native libraries single-threaded

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import time  # noqa: E402
from collections.abc import Sequence  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

from _common import DEFAULT_LISTS, ROOT, Report, peak_rss_mib, percentile, run_main  # noqa: E402
from rapidfuzz import fuzz, process  # noqa: E402

from tradewarden.decide import ListVersionRef  # noqa: E402
from tradewarden.listed import ListData  # noqa: E402
from tradewarden.lists.load import load_folder  # noqa: E402
from tradewarden.match import MatchIndex  # noqa: E402
from tradewarden.match.model import DEFAULT_THRESHOLD, FeatureResult, Match, Query  # noqa: E402
from tradewarden.match.records import entity_names, is_party  # noqa: E402
from tradewarden.models import Order, parse_order  # noqa: E402
from tradewarden.names.translit import to_ascii  # noqa: E402
from tradewarden.rules import package_rules  # noqa: E402
from tradewarden.screen import screen_order  # noqa: E402

EXAMPLES = ROOT / "examples" / "orders"
CLEAN_NAMES = [
    "Hoffmann Antriebstechnik GmbH", "Kansai Precision Trading K.K.", "Nordlicht Maschinenbau AG", "Vistula Tech Import",
    "Anadolu Elektronik Dagitim", "Gulf Horizon General Trading", "Pacific Reefer Logistics", "Alatoo Industrial Supply",
    "Silverline Commerce Ltd", "Tavria Agro Service", "Nile Delta Engineering Supplies", "Ararat Technical Trading",
    "Maria Gonzalez Ruiz", "Chen Wei Electronics Co", "Olusegun Adebayo Ventures", "Precision Bearings Sp. z o.o.",
]
HS_CODES = ["8542.31", "8526.91", "8482.10", "8501.31", "7307.11", "8481.80", "9403.30", "7017.10", "8517.62", "9030.20"]
DESTINATIONS = ["DE", "JP", "FR", "US", "AE", "TR", "KZ", "KG", "AM", "GE", "CN", "IN", "RU", "BY", "IR"]


class NothingMatcher:
    """A matcher that finds nothing: screening without party matching."""

    def match(self, query: Query, limit: int = 10, min_score: float = DEFAULT_THRESHOLD) -> list[Match]:
        """No matches."""
        return []


class BruteForceMatcher:
    """Party matching by scanning every listed name with rapidfuzz (the naive baseline)."""

    def __init__(self, entities: Sequence[Any]) -> None:
        self.rows: list[tuple[str, str, str, str, str]] = []
        texts: list[str] = []
        for entity in entities:
            if not is_party(entity):
                continue
            for name in entity_names(entity):
                texts.append(to_ascii(name.text))
                self.rows.append((entity.id, str(entity.context.get("source")), str(entity.context.get("source_id")),
                                  entity.caption, entity.schema.name))
        self.texts = texts

    def match(self, query: Query, limit: int = 10, min_score: float = DEFAULT_THRESHOLD) -> list[Match]:
        """The best-scoring listed names of each query name, as name matches."""
        found: dict[str, Match] = {}
        for name in query.names:
            hits = process.extract(to_ascii(name), self.texts, scorer=fuzz.token_sort_ratio, limit=limit,
                                   score_cutoff=min_score * 100)
            for text, score, position in hits:
                entity_id, source, source_id, caption, schema = self.rows[position]
                value = score / 100.0
                feature = FeatureResult("name_similarity", value, 1.0, value, f"{name!r} ~ {text!r}")
                match = Match(entity_id, source, source_id, caption, schema, text, name, value, "name", [feature],
                              f"score {value:.2f}")
                if entity_id not in found or found[entity_id].score < value:
                    found[entity_id] = match
        return sorted(found.values(), key=lambda m: -m.score)[:limit]


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS, help="folder of list snapshots")
    parser.add_argument("--seed", type=int, default=20261126, help="seed of the generated orders")
    parser.add_argument("--orders", type=int, default=400, help="generated orders (plus the examples)")
    parser.add_argument("--brute-orders", type=int, default=25, help="orders timed with the brute-force baseline")
    return parser.parse_args()


def pin_one_core() -> int | None:
    """Pin this process to one CPU (Linux); returns the CPU, or None where affinity is unsupported."""
    if not hasattr(os, "sched_setaffinity"):
        return None
    cpu = min(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {cpu})
    return cpu


def load_average() -> str:
    """The 1-minute load average, or "n/a" where the OS has none."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "n/a"


def generate_orders(count: int, listed_names: Sequence[str], seed: int) -> list[Order]:
    """``count`` seeded orders mixing clean and listed party names, items and destinations."""
    rng = random.Random(seed)
    orders = []
    for number in range(count):
        destination = rng.choice(DESTINATIONS)

        def name() -> str:
            return rng.choice(listed_names) if rng.random() < 0.2 else rng.choice(CLEAN_NAMES)

        parties: list[dict[str, Any]] = [{"roles": ["buyer"], "name": name(), "country": destination}]
        if rng.random() < 0.5:
            parties.append({"roles": ["consignee"], "name": name(), "country": rng.choice(DESTINATIONS)})
        if rng.random() < 0.4:
            parties.append({"roles": ["payer"], "name": name()})
        if rng.random() < 0.3:
            parties[0]["owners"] = [{"name": name(), "percent": 50}, {"name": name(), "percent": 50}]
        items = [{"description": "component", "hs_code": rng.choice(HS_CODES), "quantity": rng.randint(1, 5000)}
                 for _ in range(rng.randint(1, 3))]
        route: dict[str, Any] = {"origin_country": "DE", "destination_country": destination}
        if rng.random() < 0.3:
            route["transit_countries"] = [rng.choice(["TR", "KZ", "GE", "AE", "PL"])]
        orders.append(parse_order({"reference": f"GEN-{number}", "parties": parties, "items": items, "route": route,
                                   "facts": {"customer_is_new": rng.random() < 0.5}}))
    return orders


def time_screening(orders: Sequence[Order], matcher: Any, lists: ListData) -> dict[str, Any]:
    """Screen each order once; orders/s and latency percentiles (ms)."""
    rules = package_rules()
    seconds: list[float] = []
    outcomes: dict[str, int] = {}
    for order in orders:
        start = time.perf_counter()
        decision = screen_order(order, matcher, rules, lists=lists)
        seconds.append(time.perf_counter() - start)
        outcomes[decision.outcome.value] = outcomes.get(decision.outcome.value, 0) + 1
    total = sum(seconds)
    return {
        "orders": len(orders),
        "orders_per_second": len(orders) / total if total else 0.0,
        "p50_ms": percentile(seconds, 50) * 1000,
        "p99_ms": percentile(seconds, 99) * 1000,
        "max_ms": max(seconds) * 1000,
        "outcomes": outcomes,
    }


def main() -> int:
    args = _args()
    cpu = pin_one_core()
    report = Report("screen_speed", "Order screening speed (issue 4)")
    start = time.perf_counter()
    results = load_folder(args.lists)
    entities = [entity for result in results.values() for entity in result.entities.values()]
    load_s = time.perf_counter() - start
    start = time.perf_counter()
    index = MatchIndex.build(entities)
    index_s = time.perf_counter() - start
    start = time.perf_counter()
    versions = [ListVersionRef(source=s, version_id=n) for n, s in enumerate(sorted(results), start=1)]
    lists = ListData.build(entities, versions)
    listdata_s = time.perf_counter() - start
    start = time.perf_counter()
    brute = BruteForceMatcher(entities)
    brute_build_s = time.perf_counter() - start

    listed_names = sorted({e.caption for e in entities if is_party(e) and e.schema.name in ("Company", "Organization", "Person")})
    examples = [parse_order(path.read_bytes()) for path in sorted(EXAMPLES.glob("*.json")) if path.name != "expected.json"]
    orders = examples + generate_orders(args.orders, listed_names, args.seed)
    parties = sum(len(o.parties) + sum(len(p.owners or []) for p in o.parties) for o in orders)
    screen_order(orders[0], index, lists=lists)  # warm-up: item tables, jurisdictions, rules

    engine = time_screening(orders, index, lists)
    no_parties = time_screening(orders, NothingMatcher(), lists)
    subset = orders[: args.brute_orders]
    brute_stats = time_screening(subset, brute, lists)
    engine_subset = time_screening(subset, index, lists)

    report.note(
        f"{len(entities):,} entities from {len(results)} sources ({len(index):,} listed parties, "
        f"{index.name_count:,} names); {len(orders)} orders ({len(examples)} examples + {args.orders} generated), "
        f"{parties / len(orders):.1f} parties and owners per order. One core (cpu {cpu}). "
        f"Load {load_s:.1f} s, index build {index_s:.1f} s, list data {listdata_s:.1f} s, brute-force table {brute_build_s:.1f} s."
    )
    rows = [
        ["engine (MatchIndex)", engine["orders"], engine["orders_per_second"], engine["p50_ms"], engine["p99_ms"], engine["max_ms"], 1.0],
        ["baseline: items + geo + rules only", no_parties["orders"], no_parties["orders_per_second"], no_parties["p50_ms"],
         no_parties["p99_ms"], no_parties["max_ms"], engine["orders_per_second"] / no_parties["orders_per_second"]],
        ["engine, first orders", engine_subset["orders"], engine_subset["orders_per_second"], engine_subset["p50_ms"],
         engine_subset["p99_ms"], engine_subset["max_ms"], 1.0],
        ["baseline: brute-force party scan, same orders", brute_stats["orders"], brute_stats["orders_per_second"], brute_stats["p50_ms"],
         brute_stats["p99_ms"], brute_stats["max_ms"], engine_subset["orders_per_second"] / brute_stats["orders_per_second"]],
    ]
    report.table("Orders per second and latency per order (ms), one core",
                 ["screening", "orders", "orders/s", "p50 ms", "p99 ms", "max ms", "engine speed / this"], rows)
    report.note(
        "`engine speed / this`: engine orders/s divided by this row's orders/s (brute force row: on the same first "
        f"{len(subset)} orders). Outcomes (engine): {json.dumps(engine['outcomes'])}. Peak RSS {peak_rss_mib():.0f} MiB. "
        f"Load average when done: {load_average()} (other processes on the machine slow every row alike)."
    )
    report.write({
        "lists": str(args.lists),
        "entities": len(entities),
        "listed_parties": len(index),
        "names": index.name_count,
        "orders": len(orders),
        "parties_per_order": parties / len(orders),
        "load_s": load_s,
        "index_build_s": index_s,
        "list_data_s": listdata_s,
        "engine": engine,
        "baseline_no_parties": no_parties,
        "engine_first_orders": engine_subset,
        "baseline_brute_force": brute_stats,
        "ratio_engine_vs_brute_force": engine_subset["orders_per_second"] / brute_stats["orders_per_second"],
        "ratio_engine_vs_no_parties": engine["orders_per_second"] / no_parties["orders_per_second"],
        "peak_rss_mib": peak_rss_mib(),
        "load_average": load_average(),
    })
    return 0


if __name__ == "__main__":
    run_main(main)

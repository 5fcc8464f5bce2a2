"""Re-screening benchmark: 100,000 monitored parties after a 1 % list delta, delta versus full.

Setup (timed, not compared): parse the real OFAC SDN snapshot (version 1) and stage it; make
version 2 with ~1 % of its entries changed the way the list really changed later: half amended
with one of their real later aliases and a third added as real later entries known by their
aliases (both from the December 2025 ``alt.csv`` in ``lists-extra``), the rest removed. Import
N synthetic customers (Faker names in eight locales) plus a few dozen planted on the delta's
names, and give those planted on removed entries a hit at version 1. Build the full index of
version 2 (what live screening uses) once.

Measured, in one process: **delta**, ``tradewarden.cases.monitor`` end to end (diff, delta index,
key lookup of candidate parties, the exact score bound against the changed names only
(``cases.delta.DeltaMatcher``), matching the few parties within it against the full index,
writing alerts, notes and audit entries); **full**, matching every party against the full
index (``delta.match_parties``), by default all N of them (about a minute; ``--sample K`` times a
random sample instead and scales it linearly to N, reported as such); it leaves out writing
alerts, which favours it. Both start with empty name-analysis caches, as a fresh process would.
Agreement: every (sampled) party whose full re-screen hits an added or changed entry must have
been alerted by the delta.

Data: ``../shared/data/lists/us_ofac_sdn/sdn.csv`` and ``lists-extra/us_ofac_sdn_2025-12_alt_add/alt.csv``.
Writes ``bench/results/rescreen.json`` and ``.md``. Run: ``.venv/bin/python bench/rescreen.py``
(``--parties 100000 [--sample 1500]``).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import DEFAULT_LISTS, RESULTS_DIR, Report, peak_rss_mib, run_main
from followthemoney import model
from followthemoney.proxy import EntityProxy

from tradewarden.lists.base import make_entity_id

SOURCE = "us_ofac_sdn"
ALIASES = DEFAULT_LISTS.parent / "lists-extra" / "us_ofac_sdn_2025-12_alt_add" / "alt.csv"
LOCALES = ("en_US", "de_DE", "fr_FR", "ru_RU", "es_ES", "tr_TR", "it_IT", "pl_PL")
COUNTRIES = ("US", "DE", "FR", "RU", "ES", "TR", "IT", "PL", "AE", "CN", "KZ", "GB")


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_LISTS / SOURCE / "sdn.csv", help="SDN csv")
    parser.add_argument("--aliases", type=Path, default=ALIASES, help="a later OFAC alt.csv (real delta names)")
    parser.add_argument("--parties", type=int, default=100_000, help="monitored parties (N)")
    parser.add_argument("--delta", type=float, default=0.01, help="share of list entries changed")
    parser.add_argument("--sample", type=int, default=0, help="parties timed for the full re-screen (0: all)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--results", type=Path, default=RESULTS_DIR, help="where to write the results")
    return parser.parse_args()


def _timed(label: str, timings: dict[str, float], work: Any, cpu: dict[str, float] | None = None) -> Any:
    started, started_cpu = time.perf_counter(), time.process_time()
    result = work()
    timings[label] = round(time.perf_counter() - started, 3)
    if cpu is not None:
        cpu[label] = round(time.process_time() - started_cpu, 3)
    print(f"{label}: {timings[label]:.1f} s", file=sys.stderr)
    return result


def cold_caches() -> None:
    """Empty the name-analysis caches (``functools`` caches of tradewarden modules), so each timed
    step starts as a fresh ``tradewarden monitor`` process would, not warmed by the setup."""
    for name, module in list(sys.modules.items()):
        if name.startswith("tradewarden.") and module is not None:
            for value in list(vars(module).values()):
                if callable(getattr(value, "cache_clear", None)):
                    value.cache_clear()


def _copy(entity: EntityProxy) -> EntityProxy:
    clone = model.get_proxy(entity.to_dict())
    clone.context.update(entity.context)
    return clone


def read_aliases(path: Path | None) -> dict[str, list[str]]:
    """Real SDN aliases by ent_num from an OFAC ``alt.csv`` (empty when there is none)."""
    if path is None or not path.is_file():
        return {}
    aliases: dict[str, list[str]] = {}
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        for row in csv.reader(handle):
            if len(row) >= 4 and row[0].strip().isdigit() and row[3].strip() and row[3].strip() != "-0-":
                aliases.setdefault(row[0].strip(), []).append(row[3].strip())
    return aliases


def make_delta(
    listed: list[EntityProxy], share: float, rng: random.Random, fake: Any, aliases: dict[str, list[str]]
) -> tuple[list[EntityProxy], dict[str, list[EntityProxy]]]:
    """Version 2: ``listed`` with ``share`` of its entries amended (an alias more), added or removed.

    With real aliases (a later ``alt.csv``), amended entries get one of their real later aliases
    and added entries are later SDN entries known only by their aliases; without, Faker names.
    """
    by_id = {str(e.context.get("source_id")): e for e in listed}
    parties = [e for e in listed if e.schema.name in ("Person", "Organization", "Company", "LegalEntity")]
    total = max(3, round(len(listed) * share))
    n_changed, n_added = max(1, total // 2), max(1, total // 3)
    n_removed = max(1, total - n_changed - n_added)
    amendable = [
        e for e in parties
        if any(a not in e.get("name") + e.get("alias") for a in aliases.get(str(e.context.get("source_id")), []))
    ]
    pool = amendable if len(amendable) >= n_changed else parties
    changed_ids = {e.id for e in rng.sample(pool, n_changed)}
    removed_ids = {e.id for e in rng.sample([e for e in parties if e.id not in changed_ids], n_removed)}
    version2: list[EntityProxy] = []
    changed: list[EntityProxy] = []
    for entity in listed:
        if entity.id in removed_ids:
            continue
        if entity.id in changed_ids:
            entity = _copy(entity)
            known = entity.get("name") + entity.get("alias")
            later = [a for a in aliases.get(str(entity.context.get("source_id")), []) if a not in known]
            entity.add("alias", later[0] if later else (fake.name() if entity.schema.name == "Person" else fake.company()))
            changed.append(entity)
        version2.append(entity)
    orphans = sorted((n for n in aliases if n not in by_id), key=int)
    added: list[EntityProxy] = []
    for number in range(n_added):
        if number < len(orphans):
            source_id = orphans[rng.randrange(len(orphans))]
            name = aliases[source_id][0]
            schema = "Person" if "," in name else "Organization"
        else:
            source_id = f"900{number:05d}"
            schema = "Person" if number % 2 == 0 else "Company"
            name = fake.name() if schema == "Person" else fake.company()
        if any(e.context["source_id"] == source_id for e in added):
            continue
        entity = model.make_entity(schema)
        entity.id = make_entity_id(SOURCE, source_id)
        entity.context.update(source=SOURCE, source_id=source_id)
        entity.add("name", name)
        added.append(entity)
    version2.extend(added)
    return version2, {"changed": changed, "added": added, "removed": [e for e in listed if e.id in removed_ids]}


def customers_csv(n: int, delta: dict[str, list[EntityProxy]], rng: random.Random, fakes: list[Any]) -> tuple[str, dict[str, str]]:
    """N customer rows: random people and companies, plus planted parties on the delta's entries."""
    planted: dict[str, str] = {}
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "name", "schema", "country"])
    for kind in ("added", "removed", "changed"):
        for entity in delta[kind]:
            customer = f"P-{kind}-{entity.context['source_id']}"
            planted[customer] = kind
            name = entity.get("alias")[-1] if kind == "changed" else entity.first("name")
            writer.writerow([customer, name, entity.schema.name, ""])
    for number in range(n - len(planted)):
        fake = fakes[number % len(fakes)]
        if rng.random() < 0.6:
            writer.writerow([f"C-{number}", fake.name(), "Person", rng.choice(COUNTRIES)])
        else:
            writer.writerow([f"C-{number}", fake.company(), "Company", rng.choice(COUNTRIES)])
    return buffer.getvalue(), planted


def _stage(store: Any, entities: list[EntityProxy], tag: str) -> int:
    digest = hashlib.sha256(tag.encode()).hexdigest()
    return int(store.promote(store.stage_version(SOURCE, entities, sha256=digest).id).id)


def main() -> int:
    args = _args()
    from faker import Faker

    from tradewarden.cases import get_case, import_customers, monitor, read_customers, record_screening
    from tradewarden.cases.alerts import party_decision
    from tradewarden.cases.party_screening import current_versions
    from tradewarden.cases.delta import match_parties
    from tradewarden.lists.load import parse_files
    from tradewarden.match.index import MatchIndex
    from tradewarden.match.model import Query
    from tradewarden.store import Store
    from tradewarden.store import cases_monitor as monitor_rows
    from tradewarden.store.engine import read_transaction

    rng = random.Random(args.seed)
    Faker.seed(args.seed)
    fakes = [Faker(locale) for locale in LOCALES]
    timings: dict[str, float] = {}
    cpu: dict[str, float] = {}
    result = _timed("parse snapshot", timings, lambda: parse_files(SOURCE, [args.snapshot]))
    listed = result.listed()
    aliases = read_aliases(args.aliases)
    version2, delta = make_delta(listed, args.delta, rng, fakes[0], aliases)
    csv_text, planted = customers_csv(args.parties, delta, rng, fakes)
    with tempfile.TemporaryDirectory(prefix="tw-rescreen-") as work:
        store = Store.from_url(f"sqlite:///{Path(work) / 'store.db'}")
        try:
            _timed("stage version 1", timings, lambda: _stage(store, list(result.entities.values()), "v1"))
            customers = read_customers(csv_text)
            _timed("import parties (blocking keys)", timings, lambda: import_customers(store, customers, actor="bench"))
            # Parties planted on to-be-removed entries were screened at version 1 and matched them
            # (this also starts the source's watermark at version 1).
            for entity in delta["removed"]:
                query = Query(names=[entity.first("name") or ""], schema=entity.schema.name)
                matches = MatchIndex.build([entity]).match(query)
                decision = party_decision(matches, "party", query.names[0], current_versions(store))
                record_screening(store, "party", {"names": query.names, "schema": query.schema}, decision, "bench",
                                 party_key=f"customer:P-removed-{entity.context['source_id']}")
            _timed("stage version 2 (the delta)", timings, lambda: _stage(store, version2, "v2"))
            full_index = _timed("build full index (version 2)", timings, lambda: MatchIndex.build(store.current_entities()))
            cold_caches()
            (report,) = _timed("delta re-screen", timings, lambda: monitor(store, actor="bench", reference=full_index), cpu)
            alerted_ids = [get_case(store, case_id).party_id for case_id in report.alerts]
            with read_transaction(store.engine) as conn:
                total = monitor_rows.count_parties(conn)
                sample = monitor_rows.parties_by_ids(conn, rng.sample(range(1, total + 1), min(args.sample or total, total)))
                alerted = {p.id for p in monitor_rows.parties_by_ids(conn, [i for i in alerted_ids if i is not None])}
                alerted_keys = {p.key for p in monitor_rows.parties_by_ids(conn, alerted)}
            cold_caches()
            full_matches = _timed("full re-screen (sample)", timings, lambda: match_parties(full_index, sample), cpu)
            with read_transaction(store.engine) as conn:
                planted_parties = [p for p in monitor_rows.list_parties(conn, limit=len(planted))
                                   if p.key.removeprefix("customer:") in planted]
            planted_full = match_parties(full_index, planted_parties)
            planted_keys = {p.id: p.key.removeprefix("customer:") for p in planted_parties}
        finally:
            store.close()

    delta_ids = {e.id for e in delta["changed"] + delta["added"]}
    with_delta_hits = {pid for pid, ms in full_matches.items() if any(m.entity_id in delta_ids for m in ms)}
    scale = total / max(1, len(sample))
    full_wall, full_cpu = timings["full re-screen (sample)"] * scale, cpu["full re-screen (sample)"] * scale
    delta_wall, delta_cpu = timings["delta re-screen"], cpu["delta re-screen"]
    expected = sorted(k for k, v in planted.items() if v != "removed")
    found = [k for k in expected if f"customer:{k}" in alerted_keys]
    # Which planted parties a full re-screen finds on an added or changed entry: the delta must alert exactly those.
    full_found = sorted(
        planted_keys[pid] for pid, ms in planted_full.items()
        if planted[planted_keys[pid]] != "removed" and any(m.entity_id in delta_ids for m in ms)
    )
    out = Report("rescreen", f"Re-screening {total:,} monitored parties after a {args.delta:.0%} list delta")
    out.table("Delta versus full re-screen (one process)", [
        "parties", "list entries", "added", "changed", "removed", "parties sharing a key", "parties matched in full",
        "alerts", "notes",
        "delta wall s", "delta CPU s", "full wall s (scaled)", "full CPU s (scaled)", "ratio wall", "ratio CPU",
    ], [[
        total, len(listed), report.added, report.changed, report.removed, report.candidates, report.rescored,
        len(report.alerts),
        len(report.notes), delta_wall, delta_cpu, round(full_wall, 1), round(full_cpu, 1),
        round(full_wall / delta_wall, 1), round(full_cpu / max(delta_cpu, 1e-9), 1),
    ]])
    out.table("Full re-screen, measured on all parties (or a random sample, scaled)", [
        "sampled parties", "wall s", "CPU s", "ms per party (CPU)", "scale factor"], [[
        len(sample), timings["full re-screen (sample)"], cpu["full re-screen (sample)"],
        round(1000 * cpu["full re-screen (sample)"] / max(1, len(sample)), 2), round(scale, 2),
    ]])
    out.table("All steps (wall seconds; setup is not compared)", ["step", "seconds"], [[k, v] for k, v in timings.items()])
    out.table("Checks", ["check", "value"], [
        ["planted parties on added/changed entries alerted by the delta", f"{len(found)} of {len(expected)}"],
        ["... found by a full re-screen on those entries", f"{len(full_found)} of {len(expected)}"],
        ["... delta and full agree on which", sorted(found) == full_found],
        ["delisting notes for planted hits on removed entries", f"{len(report.notes)} of {len(delta['removed'])}"],
        ["sampled parties the full re-screen finds on added/changed entries", len(with_delta_hits)],
        ["... of them alerted by the delta", len(with_delta_hits & alerted)],
        ["peak RSS MiB", round(peak_rss_mib(), 1)],
    ])
    out.note(
        f"N = {total:,} parties (synthetic customers: Faker names in {len(LOCALES)} locales, plus {len(planted)} planted "
        f"on the delta's names). List: `{args.snapshot.name}` ({len(listed):,} entries) with "
        f"{report.added + report.changed + report.removed} entries changed ({args.delta:.0%}; real later aliases and "
        f"entries from `{args.aliases.name if args.aliases else '-'}` where available). The delta looked at "
        f"{report.candidates:,} parties, those sharing any blocking key (a name token, its consonant skeleton, a "
        "four-letter prefix or suffix, an identifier) with an added or changed entry; each party's names were "
        "compared with those entries' names only, and the party matched against the full index only if its score "
        f"could reach the alert threshold on one of them (an exact bound): {report.rescored:,} were, so the hits on "
        "the changed entries are exactly a full re-screen's. "
        + (f"The full re-screen matched all {total:,} parties" if len(sample) == total else
           f"The full re-screen was timed on {len(sample):,} randomly sampled parties and scaled linearly to {total:,} "
           f"(about {full_wall / 60:.1f} minutes wall here if run on all of them)")
        + "; it counts matching only, not writing alerts, which favours it. Both start with empty name-analysis "
        "caches, as a fresh process would. The delta figure includes everything: diff, delta index, key lookup, bound, "
        "matching and writing alerts, notes and audit entries. Wall times were taken on a shared 2-core machine "
        "that other jobs were loading; CPU times (this process only) are the steadier comparison."
    )
    out.write({
        "parties": total, "delta_share": args.delta, "list_entries": len(listed), "snapshot": str(args.snapshot),
        "delta": {"added": report.added, "changed": report.changed, "removed": report.removed},
        "candidates": report.candidates, "rescored": report.rescored, "alerts": len(report.alerts), "notes": len(report.notes),
        "delta_wall_s": delta_wall, "delta_cpu_s": delta_cpu,
        "full_sample": len(sample), "full_sample_wall_s": timings["full re-screen (sample)"],
        "full_sample_cpu_s": cpu["full re-screen (sample)"],
        "full_wall_s_scaled": round(full_wall, 2), "full_cpu_s_scaled": round(full_cpu, 2),
        "ratio_wall": round(full_wall / delta_wall, 2), "ratio_cpu": round(full_cpu / max(delta_cpu, 1e-9), 2),
        "planted_alerted": len(found), "planted_expected": len(expected), "planted_full_found": len(full_found),
        "planted_agree": sorted(found) == full_found,
        "sample_full_hits_on_delta": len(with_delta_hits), "sample_full_hits_alerted": len(with_delta_hits & alerted),
        "timings_wall_s": timings, "peak_rss_mib": round(peak_rss_mib(), 1),
    }, args.results)
    return 0


if __name__ == "__main__":
    run_main(main)

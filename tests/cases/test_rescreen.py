"""Continuous re-screening: only what changed is matched, new hits open cases, delistings leave notes."""

from __future__ import annotations

from collections.abc import Callable

from casekit import SOURCE, People, stage_current
from followthemoney.proxy import EntityProxy

from tradewarden.cases import CaseOrigin, case_detail, decide_case, import_customers, read_customers, screen_imported
from tradewarden.cases.party_screening import current_versions, monitored_parties
from tradewarden.cases.delta import DeltaMatcher, build_delta_index, comparable, match_parties
from tradewarden.cases.parties import KEYS_VERSION, party_keys, query_from_json, query_to_json
from tradewarden.cases.rescreen import hits_by_party, monitor, pending_sources, rescreen_full
from tradewarden.match.index import MatchIndex
from tradewarden.match.matching import _shortlist, prepare_query
from tradewarden.match.model import Query
from tradewarden.store import Store
from tradewarden.store.audit import audit_log, verify_audit
from tradewarden.store.cases_monitor import PartyRecord, parties_by_ids, party_keys_among, version_entities
from tradewarden.store.engine import read_transaction

Factory = Callable[..., EntityProxy]

CUSTOMERS = """id,name,schema,country
C-1,Ivan Petrov,Person,RU
C-2,Anna Smirnova,Person,RU
C-3,Acme Widgets GmbH,Company,DE
C-4,Pavel Sidorov,Person,BY
C-5,Orion Trading FZE,Company,AE
"""


def _v1(e: Factory) -> list[EntityProxy]:
    return [
        e("Person", "1", name="Ivan Petrov", country="ru", notes="first listing"),
        e("Person", "2", name="Pavel Sidorov", country="by"),
        e("Company", "3", name="Orion Trading FZE", country="ae"),
        e("Person", "4", name="Boris Volkov", country="ru"),
    ]


def _v2(e: Factory) -> list[EntityProxy]:
    return [
        e("Person", "1", name="Ivan Petrov", country="ru", notes="amended listing"),  # changed, still matches
        # 2 removed: Pavel Sidorov is delisted
        e("Company", "3", name="Nebula Logistics FZE", country="ae"),  # renamed: C-5 no longer matches
        e("Person", "4", name="Boris Volkov", country="ru"),
        e("Person", "5", name="Anna Smirnova", country="ru"),  # added: C-2 is a new hit
    ]


def _full_index(store: Store) -> MatchIndex:
    return MatchIndex.build(store.current_entities())


def _setup(store: Store, e: Factory) -> dict[str, int]:
    stage_current(store, _v1(e), tag="v1")
    report = import_customers(store, read_customers(CUSTOMERS), actor="system")
    assert len(report.created) == 5
    screen_imported(store, report.created, _full_index(store), actor="system")
    _, parties = monitored_parties(store)
    return {party.external_id or "": party.id for party in parties}


def test_a_delta_alerts_new_hits_and_notes_delistings(store: Store, e: Factory, people: People) -> None:
    ids = _setup(store, e)
    hits = hits_by_party(store, ids.values())
    assert {party for party in hits} == {ids["C-1"], ids["C-4"], ids["C-5"]}
    assert pending_sources(store) == []  # the import screening started monitoring at v1
    v2 = stage_current(store, _v2(e), tag="v2")
    assert pending_sources(store) == [(SOURCE, v2 - 1, v2)]

    (report,) = monitor(store, actor="monitor", reference=_full_index(store))
    assert (report.old_version, report.new_version) == (v2 - 1, v2)
    assert (report.added, report.changed, report.removed) == (1, 2, 1)
    assert report.parties == 5
    # Only parties sharing a key with Anna Smirnova, Ivan Petrov or Nebula Logistics FZE, plus
    # those with hits on changed entries, are matched: never Acme Widgets GmbH.
    candidates = {ids[c] for c in ("C-2", "C-1", "C-5")}
    assert report.candidates == len(candidates)
    assert report.new_hits == 1 and len(report.alerts) == 1
    alert = case_detail(store, report.alerts[0])
    assert alert.case.origin is CaseOrigin.MONITOR and alert.case.party_id == ids["C-2"]
    assert alert.screening.kind == "party" and alert.screening.actor == "monitor"
    assert alert.screening.input["trigger"] == {"source": SOURCE, "old_version": v2 - 1, "new_version": v2}
    assert [v.version_id for v in alert.screening.decision.list_versions] == [v2]
    assert "Anna Smirnova" in alert.case.title

    notes = {note: kind for note, kind in _notes(store, report.notes)}
    assert sorted(notes.values()) == ["delisted", "hit_changed"]
    pavel_hit = hits_by_party(store, [ids["C-4"]])[ids["C-4"]][0]
    assert pavel_hit["ended_version"] == v2
    pavel_case = case_detail(store, pavel_hit["case_id"])
    assert [n.kind for n in pavel_case.notes] == ["delisted"]
    assert "Pavel Sidorov" in pavel_case.notes[0].body and f"version {v2}" in pavel_case.notes[0].body
    # The hit on Ivan Petrov survived the amendment without a new alert or a note.
    assert hits_by_party(store, [ids["C-1"]])[ids["C-1"]][0]["ended_version"] is None

    run = audit_log(store, subject=f"list:{SOURCE}")[0]
    assert run.action == "monitor.run" and run.payload["alerts"] == report.alerts
    assert verify_audit(store).ok

    # Nothing new: a second run does nothing, and a full re-screen finds no hit not already known.
    assert monitor(store, reference=_full_index(store)) == []
    full = rescreen_full(store, _full_index(store), current_versions(store))
    assert full.parties == 5 and full.new_hits == 0 and full.alerts == []


def _notes(store: Store, note_ids: list[int]) -> list[tuple[int, str]]:
    cases = {hit["case_id"] for hits in hits_by_party(store, range(1, 6)).values() for hit in hits}
    return [(n.id, n.kind) for case in cases for n in case_detail(store, case).notes if n.id in note_ids]


def test_a_delta_finds_exactly_what_a_full_rescreen_finds_in_the_changed_entities(store: Store, e: Factory) -> None:
    ids = _setup(store, e)
    v2 = stage_current(store, _v2(e), tag="v2")
    full_index = _full_index(store)
    diff = store.diff(v2 - 1, v2, listed_only=True)
    delta_ids = {s.entity_id for s in diff.added} | {c.new.entity_id for c in diff.changed}
    with read_transaction(store.engine) as conn:
        parties = parties_by_ids(conn, ids.values())
        changed = version_entities(conn, v2, sorted(delta_ids))
        held = party_keys_among(conn, DeltaMatcher(full_index, changed).keys())
    delta = build_delta_index(changed, full_index)
    from_delta = {(p, m.entity_id, m.score) for p, ms in match_parties(delta, parties).items() for m in ms}
    from_full = {
        (p, m.entity_id, m.score) for p, ms in match_parties(full_index, parties).items() for m in ms
        if m.entity_id in delta_ids
    }
    assert from_delta == from_full and from_delta
    matcher = DeltaMatcher(full_index, changed)
    assert matcher.exact
    from_matcher = {(p, m.entity_id, m.score) for p, ms in matcher.match(parties, held).items() for m in ms}
    assert from_matcher == from_full
    # Anna and Ivan share keys with changed entities; Acme Widgets GmbH and Orion Trading FZE
    # (whose listed namesake was renamed Nebula Logistics FZE; "FZE" is a legal form) do not.
    assert set(held) == {ids["C-1"], ids["C-2"]}
    orion = next(p for p in parties if p.key == "customer:C-5")
    assert not matcher.could_match(query_from_json(orion.query), set())
    assert matcher.could_match(query_from_json(orion.query)) is False  # keys computed afresh: the same


def _perturbed(name: str) -> list[str]:
    """Spellings of a listed name a customer master might hold: typos, dropped, swapped and extra words."""
    words = name.split()
    found = [name, " ".join(reversed(words)), name.replace("a", "o", 1), name[:-1], name + " Holding"]
    if len(words) > 1:
        found += [words[0], words[-1], " ".join(words[:-1]) + " Ltd", words[0] + " " + words[-1][:3]]
    return found


LISTED = [
    ("Person", "Ivan Sergeyevich Petrov", "ru"), ("Person", "Anna Smirnova", "ru"), ("Person", "Pavel Sidorov", "by"),
    ("Person", "Mohammad Reza Tehrani", "ir"), ("Person", "Ali Hassan Karimi", "ir"), ("Person", "Li Wei", "cn"),
    ("Company", "Orion Trading FZE", "ae"), ("Company", "Nebula Logistics FZE", "ae"),
    ("Company", "Rosneftegaz OAO", "ru"), ("Company", "Global Trading Company Ltd", "hk"),
    ("Company", "Shahed Aviation Industries", "ir"), ("Company", "Sea Star Shipping", "pa"),
]
CHANGED = [  # a new version: two added, two amended with an alias, one renamed
    ("Person", "Anna Sergeyevna Smirnova", "ru"), ("Company", "Global Tradeing Co", "hk"),
]


def test_the_bound_never_skips_a_party_a_full_rescreen_would_alert(e: Factory) -> None:
    """Hundreds of near-miss customers against a delta: the bounded matcher equals the full index."""
    entities = [e(schema, str(n), name=name, country=country) for n, (schema, name, country) in enumerate(LISTED)]
    added = [e(schema, f"new{n}", name=name, country=country) for n, (schema, name, country) in enumerate(CHANGED)]
    amended = [e("Person", "1", name="Anna Smirnova", alias="Anya Smirnowa", country="ru"),
               e("Company", "7", name="Nebula Logistics FZE", alias="Nebula Logistic Free Zone", email="ops@nebula.ae"),
               e("Company", "10", name="Shahed Aviation Industries Research Center", country="ir")]
    by_id = {entity.id: entity for entity in entities}
    by_id.update({entity.id: entity for entity in amended + added})
    full_index = MatchIndex.build(by_id.values())
    changed = amended + added
    matcher = DeltaMatcher(full_index, changed, 0.8)
    assert matcher.exact
    names = [variant for _, name, _ in LISTED + CHANGED for variant in _perturbed(name)] + ["Anya Smirnowa"]
    queries = [Query(names=[name], schema=schema, countries=countries)
               for name in names for schema in (None, "Person", "Company") for countries in ([], ["ru"], ["ir"])]
    queries.append(Query(names=["Acme Widgets"], emails=["OPS@nebula.ae"]))
    parties = [PartyRecord(n, f"p{n}", "customer", None, q.names[0], q.schema, query_to_json(q), KEYS_VERSION, None)
               for n, q in enumerate(queries)]
    keys = {party.id: party_keys(query) & matcher.keys() for party, query in zip(parties, queries)}
    got = {(p, m.entity_id, m.score) for p, ms in matcher.match(parties, keys).items() for m in ms}
    want = {(p, m.entity_id, m.score)
            for p, ms in match_parties(full_index, parties, 0.8, keep=matcher.delta_ids).items() for m in ms}
    assert got == want and len({p for p, _, _ in want}) > 50
    skipped = sum(1 for party, query in zip(parties, queries) if not matcher.could_match(query, keys[party.id]))
    assert skipped > len(parties) // 2  # the bound does cut the work
    # The contract with the matcher: every listed name a full screen compares in full passes
    # ``comparable`` (the private shortlist is read on purpose, to catch a change in match/).
    for query in queries:
        for _, names, form in prepare_query(query).written_names():
            text = " ".join(form.tokens)
            for name_idx in _shortlist(full_index, form, names):
                listed_text, written = full_index.name_token_text(name_idx), full_index.name_text(name_idx)
                assert any(
                    comparable(form, text, listed_text, name, written, full_index.form(name_idx)) for name in names
                ), (query, name_idx)


def test_a_relisted_entry_alerts_again_and_released_cases_stay_closed(store: Store, e: Factory, people: People) -> None:
    ids = _setup(store, e)
    pavel_case = hits_by_party(store, [ids["C-4"]])[ids["C-4"]][0]["case_id"]
    decide_case(store, pavel_case, people.bob, "block", "Same person: passport matches.")
    stage_current(store, _v2(e), tag="v2")
    monitor(store, reference=_full_index(store))
    stage_current(store, _v1(e), tag="v3")  # Pavel Sidorov listed again
    (report,) = monitor(store, reference=_full_index(store))
    # Pavel Sidorov listed again, Orion Trading FZE matching again: both hits had ended, both alert.
    relisted = {case_detail(store, c).case.party_id for c in report.alerts}
    assert relisted == {ids["C-4"], ids["C-5"]}
    assert case_detail(store, pavel_case).case.status.value == "blocked"


def test_a_source_never_monitored_is_screened_in_full_once_there_are_parties(store: Store, e: Factory) -> None:
    stage_current(store, _v1(e), tag="v1")
    assert monitor(store) == []  # no parties: the watermark just starts
    assert pending_sources(store) == []
    stage_current(store, _v1(e)[:1], source="other_list", tag="o1")
    import_customers(store, read_customers(CUSTOMERS), actor="system")  # imported, not screened
    (report,) = monitor(store)
    assert report.source == "other_list" and report.old_version is None and report.added == 1
    assert len(report.alerts) == 1 and case_detail(store, report.alerts[0]).case.party_id is not None

"""Continuous re-screening: match the monitored parties against what changed in a list version.

For a source whose current version is newer than the last one monitored (``monitor_watermark``),
the entities added or changed since (``Store.diff``) are put in a small ``MatchIndex`` whose
blocking keys select, with one indexed lookup of ``party_key``, the parties that could match
them at all. With a reference index (the full index of the current versions that live screening
uses), each such party's names are compared with the changed entities' names only
(:class:`~tradewarden.cases.delta.DeltaMatcher`); a party that could reach the alert threshold
on a changed entity is matched against the reference, keeping its matches on changed entities:
exactly what a full re-screen would find on them. Without one, the parties are matched against
the small index. A new hit opens an alert (a party screening and a case
with origin ``monitor``); a hit whose listed entry was removed gets a ``delisted`` note, and one
whose changed entry no longer matches a ``hit_changed`` note. Each source's run, its alerts,
notes and new watermark commit in one transaction with a ``monitor.run`` audit entry; a run that
dies part-way leaves the watermark behind and is simply repeated.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from tradewarden.cases.alerts import party_decision
from tradewarden.cases.delta import DeltaMatcher, build_delta_index, delta_keys, match_parties
from tradewarden.cases.model import CaseOrigin, ScreeningKind
from tradewarden.cases.parties import KEYS_VERSION, party_keys, query_from_json
from tradewarden.cases.queue import store_screening
from tradewarden.decide import ListVersionRef
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import DEFAULT_THRESHOLD, Match
from tradewarden.store import Store, VersionInfo
from tradewarden.store import cases as rows
from tradewarden.store import cases_monitor as monitor_rows
from tradewarden.store.audit import SYSTEM_ACTOR, append_entry, database_errors
from tradewarden.store.cases_monitor import PartyRecord
from tradewarden.store.engine import read_transaction, write_transaction

if TYPE_CHECKING:
    from sqlalchemy import Connection

#: How many parties are re-keyed per transaction when the key computation changed.
REKEY_BATCH = 2000


@dataclass(slots=True)
class RescreenReport:
    """What one re-screening of one source did.

    Attributes:
        source: the list source.
        old_version: the version monitored before (None: never monitored, all entities count).
        new_version: the version monitored now.
        added, changed, removed: listed entities added, changed and removed between them.
        parties: monitored parties in all.
        candidates: parties looked at (those sharing a key with the delta, or with a hit on it).
        rescored: candidates matched against the full index (all of them, unless the exact
            bound of :class:`~tradewarden.cases.delta.DeltaMatcher` ruled them out).
        alerts: the cases opened for new hits.
        notes: the notes written (delistings, hits that no longer match).
        new_hits: party-entity hits found for the first time.
        seconds: wall time of the run.
    """

    source: str
    old_version: int | None
    new_version: int
    added: int = 0
    changed: int = 0
    removed: int = 0
    parties: int = 0
    candidates: int = 0
    rescored: int = 0
    alerts: list[int] = field(default_factory=list)
    notes: list[int] = field(default_factory=list)
    new_hits: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """The report as a JSON object."""
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


def rekey_parties(store: Store, batch: int = REKEY_BATCH) -> int:
    """Recompute the blocking keys of parties keyed by an older key computation.

    Returns:
        How many parties were re-keyed.
    """
    with database_errors("finding parties to re-key"), read_transaction(store.engine) as conn:
        stale = monitor_rows.stale_key_party_ids(conn, KEYS_VERSION)
    for start in range(0, len(stale), batch):
        with database_errors("re-keying parties"), write_transaction(store.engine) as conn:
            for party in monitor_rows.parties_by_ids(conn, stale[start : start + batch]):
                monitor_rows.replace_party_keys(conn, party.id, party_keys(query_from_json(party.query)))
            monitor_rows.set_keys_version(conn, stale[start : start + batch], KEYS_VERSION)
    return len(stale)


def _version_ref(version: VersionInfo) -> ListVersionRef:
    return ListVersionRef(
        source=version.source, version_id=version.id, published_at=version.published_at, sha256=version.sha256
    )


def rescreen_version(
    store: Store,
    old_version: int | None,
    new_version: int,
    *,
    actor: str = SYSTEM_ACTOR,
    reference: MatchIndex | None = None,
    min_score: float = DEFAULT_THRESHOLD,
) -> RescreenReport:
    """Re-screen the monitored parties against what changed from one version of a source to another.

    Args:
        store: the open store.
        old_version: the version last monitored; None to screen against the whole new version.
        new_version: the version to monitor now (usually the source's current one).
        actor: who runs it (for the screenings, cases and audit entries).
        reference: the full index of the current versions (``match.service.load_index``); with it
            the result equals a full re-screen's hits on the changed entities. None: match against
            the changed entities alone (token rarity then comes from them).
        min_score: the alert threshold.
    Returns:
        What was found; the source's watermark is now ``new_version``.
    Raises:
        NotFound: either version does not exist.
        StoreError: the database refused.
    """
    started = time.perf_counter()
    new = store.version(new_version)
    report = RescreenReport(new.source, old_version, new_version)
    removed: list[str] = []
    changed: list[str] = []
    delta_ids: list[str] | None = None
    if old_version is not None:
        diff = store.diff(old_version, new_version, listed_only=True)
        changed = [change.new.entity_id for change in diff.changed]
        removed = [summary.entity_id for summary in diff.removed]
        delta_ids = [summary.entity_id for summary in diff.added] + changed
        report.added, report.changed, report.removed = len(diff.added), len(changed), len(removed)
    with database_errors(f"reading the delta of {new.source}"), read_transaction(store.engine) as conn:
        entities = monitor_rows.version_entities(conn, new_version, delta_ids)
    if delta_ids is None:
        report.added = len(entities)
    matcher = None if reference is None else DeltaMatcher(reference, entities, min_score)
    index = build_delta_index(entities, None) if matcher is None else matcher.delta
    with database_errors(f"finding the parties to re-screen against {new.source}"), read_transaction(store.engine) as conn:
        report.parties = monitor_rows.count_parties(conn)
        held = monitor_rows.party_keys_among(conn, delta_keys(index, entities) if matcher is None else matcher.keys())
        prior = monitor_rows.hits_on(conn, changed)
        gone = monitor_rows.hits_on(conn, removed)
        candidate_ids = set(held) | {hit["party_id"] for hit in prior}
        parties = monitor_rows.parties_by_ids(conn, candidate_ids)
        known = _live_hits(conn, candidate_ids)
    report.candidates = len(parties)
    matched, report.rescored = _match_changed(matcher, index, parties, held, min_score)
    trigger = {"source": new.source, "old_version": old_version, "new_version": new.id}
    now = datetime.now(UTC)
    with database_errors(f"recording the re-screening of {new.source}"), write_transaction(store.engine) as conn:
        _record_alerts(conn, report, parties, matched, known, {new.source: _version_ref(new)}, trigger, actor, now)
        still = {(party_id, m.entity_id) for party_id, matches in matched.items() for m in matches}
        for hit in prior:
            if (hit["party_id"], hit["entity_id"]) not in still:
                report.notes.append(_note(conn, hit, "hit_changed", new, actor, now,
                                          f"{hit['caption']} ({hit['source']} {hit['source_id']}) changed in "
                                          f"version {new.id} and no longer matches this party"))
                monitor_rows.end_hit(conn, hit["party_id"], hit["entity_id"], new.id)
        for hit in gone:
            report.notes.append(_note(conn, hit, "delisted", new, actor, now,
                                      f"{hit['caption']} ({hit['source']} {hit['source_id']}) was removed from "
                                      f"{new.source} in version {new.id} (delisted)"))
            monitor_rows.end_hit(conn, hit["party_id"], hit["entity_id"], new.id)
        monitor_rows.set_watermark(conn, new.source, new.id, now)
        append_entry(conn, actor, "monitor.run", f"list:{new.source}", {
            "old_version": old_version, "new_version": new.id, "added": report.added,
            "changed": report.changed, "removed": report.removed, "parties": report.parties,
            "candidates": report.candidates, "alerts": report.alerts, "notes": report.notes,
        })
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _match_changed(
    matcher: DeltaMatcher | None,
    index: MatchIndex,
    parties: Sequence[PartyRecord],
    held: Mapping[int, set[str]],
    min_score: float,
) -> tuple[dict[int, list[Match]], int]:
    """The parties' matches on the changed entities, and how many parties were matched in full:
    bounded and exact with a reference holding them; the reference's own for every candidate
    when the delta is too large to bound (exact, slower); otherwise (no reference, or one built
    before this version) the delta index's own."""
    if matcher is None or not matcher.covered:
        return match_parties(index, parties, min_score), len(parties)
    if matcher.exact:
        bounded = [party for party in parties if matcher.could_match(query_from_json(party.query), held.get(party.id, ()))]
        return matcher.match(bounded, held, bounded=True), len(bounded)
    return match_parties(matcher.reference, parties, min_score, keep=matcher.delta_ids), len(parties)


def _live_hits(conn: Connection, party_ids: Iterable[int]) -> set[tuple[int, str]]:
    return {
        (hit["party_id"], hit["entity_id"])
        for hit in monitor_rows.hits_of(conn, party_ids)
        if hit["ended_version"] is None
    }


def _record_alerts(
    conn: Connection,
    report: RescreenReport,
    parties: Sequence[PartyRecord],
    matched: Mapping[int, list[Match]],
    known: set[tuple[int, str]],
    versions: Mapping[str, ListVersionRef],
    trigger: dict[str, Any],
    actor: str,
    now: datetime,
) -> None:
    """Open an alert (party screening and case) for each party with hits not seen before."""
    by_id = {party.id: party for party in parties}
    for party_id, matches in sorted(matched.items()):
        fresh = [m for m in matches if (party_id, m.entity_id) not in known]
        if not fresh:
            continue
        party = by_id[party_id]
        decision = party_decision(fresh, "party", party.name, versions)
        _, case_id = store_screening(
            conn, kind=ScreeningKind.PARTY, reference=party.key, actor=actor,
            input_json={**party.query, "party_key": party.key, "trigger": trigger},
            decision=decision, now=now, origin=CaseOrigin.MONITOR, party_ids={"party": party_id},
        )
        report.new_hits += len(fresh)
        if case_id is not None:
            report.alerts.append(case_id)


def rescreen_full(
    store: Store,
    index: MatchIndex,
    versions: Mapping[str, ListVersionRef],
    *,
    actor: str = SYSTEM_ACTOR,
    min_score: float = DEFAULT_THRESHOLD,
    batch: int = 5000,
) -> RescreenReport:
    """Match every monitored party against a full index; alert on hits not seen before.

    The brute-force alternative to :func:`rescreen_version` (and its benchmark baseline); it
    moves no watermark and writes no delisting notes.

    Args:
        store: the open store.
        index: the index of the current versions (``match.service.load_index``).
        versions: the versions the index holds, by source.
        actor: who runs it.
        min_score: the alert threshold.
        batch: parties read per transaction.
    Returns:
        What was found (``source`` is ``*``).
    """
    started = time.perf_counter()
    report = RescreenReport("*", None, max((v.version_id for v in versions.values()), default=0))
    trigger = {"source": "*", "full": True, "versions": {s: v.version_id for s, v in versions.items()}}
    offset = 0
    while True:
        with database_errors("reading monitored parties"), read_transaction(store.engine) as conn:
            parties = monitor_rows.list_parties(conn, limit=batch, offset=offset)
            known = _live_hits(conn, [party.id for party in parties])
        if not parties:
            break
        offset += len(parties)
        report.parties += len(parties)
        report.candidates += len(parties)
        matched = match_parties(index, parties, min_score)
        with database_errors("recording a full re-screening"), write_transaction(store.engine) as conn:
            _record_alerts(conn, report, parties, matched, known, versions, trigger, actor, datetime.now(UTC))
    report.seconds = round(time.perf_counter() - started, 3)
    return report


def _note(
    conn: Connection, hit: Mapping[str, Any], kind: str, new: VersionInfo, actor: str, now: datetime, body: str
) -> int:
    detail = {
        "entity_id": hit["entity_id"], "source": hit["source"], "source_id": hit["source_id"],
        "caption": hit["caption"], "version_id": new.id, "hit_case_id": hit["case_id"],
    }
    return rows.insert_note(
        conn, case_id=hit["case_id"], party_id=hit["party_id"], kind=kind, body=body, detail=detail,
        actor=actor, now=now,
    )


def pending_sources(store: Store, sources: Sequence[str] | None = None) -> list[tuple[str, int | None, int]]:
    """The sources with a current version newer than the last one monitored.

    Returns:
        ``(source, last monitored version or None, current version)`` in source order.
    """
    with database_errors("reading the monitor watermarks"), read_transaction(store.engine) as conn:
        marks = monitor_rows.watermarks(conn)
    pending: list[tuple[str, int | None, int]] = []
    for source in store.sources():
        if sources is not None and source not in sources:
            continue
        current = store.current(source)
        mark = marks.get(source)
        if current is not None and (mark is None or current.id > mark):
            pending.append((source, mark, current.id))
    return pending


def monitor(
    store: Store,
    *,
    actor: str = SYSTEM_ACTOR,
    sources: Sequence[str] | None = None,
    reference: MatchIndex | Callable[[], MatchIndex | None] | None = None,
    min_score: float = DEFAULT_THRESHOLD,
) -> list[RescreenReport]:
    """Re-screen for every source whose current version is newer than the last one monitored.

    Parties keyed by an older key computation are re-keyed first. A source never monitored
    is screened in full when there are parties to screen (else its watermark just starts at
    the current version).

    Args:
        store: the open store.
        actor: who runs it.
        sources: only these sources (default: every source with a current version).
        reference: the full current index, for token rarity (see :class:`DeltaIndex`), or a
            function returning it, called only when some source has something new.
        min_score: the alert threshold.
    Returns:
        One report per source that had something new, in source order.
    """
    rekey_parties(store)
    with database_errors("counting monitored parties"), read_transaction(store.engine) as conn:
        has_parties = monitor_rows.count_parties(conn) > 0
    reports: list[RescreenReport] = []
    rarity: MatchIndex | None = None
    for source, mark, current in pending_sources(store, sources):
        if mark is None and not has_parties:
            with database_errors("starting a watermark"), write_transaction(store.engine) as conn:
                monitor_rows.set_watermark(conn, source, current, datetime.now(UTC))
            continue
        if rarity is None and reference is not None:
            rarity = reference() if callable(reference) else reference
        reports.append(rescreen_version(store, mark, current, actor=actor, reference=rarity, min_score=min_score))
    return reports


def hits_by_party(store: Store, party_ids: Iterable[int]) -> dict[int, list[dict[str, Any]]]:
    """The stored hits of each party (live and ended), for reports and tests."""
    with database_errors("reading hits"), read_transaction(store.engine) as conn:
        hits = monitor_rows.hits_of(conn, party_ids)
    grouped: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for hit in hits:
        grouped[hit["party_id"]].append(hit)
    return dict(grouped)

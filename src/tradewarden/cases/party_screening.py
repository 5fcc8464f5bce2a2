"""Screening single parties with the matcher, and importing the customer master for monitoring.

:func:`screen_party` matches one party against the current list versions (the matcher's
index, :func:`tradewarden.match.service.load_index`) and records the screening
(:func:`~tradewarden.cases.queue.record_screening`), opening a case for any match.
:func:`import_customers` stores the rows of a customer master CSV as monitored parties; the CLI
then screens the new and changed ones once, after which :mod:`tradewarden.cases.rescreen`
keeps them screened against every list change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from tradewarden.cases.alerts import party_decision
from tradewarden.cases.model import Actor, Screening
from tradewarden.cases.parties import (
    KEYS_VERSION,
    CustomerFile,
    order_party_query,
    party_keys,
    query_from_json,
    query_to_json,
)
from tradewarden.cases.queue import actor_name, record_screening
from tradewarden.decide import DecisionPolicy, ListVersionRef
from tradewarden.match.index import MatchIndex
from tradewarden.match.model import DEFAULT_THRESHOLD, Query
from tradewarden.store import Store
from tradewarden.store import cases_monitor as monitor_rows
from tradewarden.store.audit import append_entry, database_errors
from tradewarden.store.cases_monitor import PartyRecord
from tradewarden.store.engine import read_transaction, write_transaction


def current_versions(store: Store, sources: Sequence[str] | None = None) -> dict[str, ListVersionRef]:
    """The current version of each source (of ``sources``, if given), as references."""
    found: dict[str, ListVersionRef] = {}
    for source in store.sources():
        if sources is not None and source not in sources:
            continue
        version = store.current(source)
        if version is not None:
            found[source] = ListVersionRef(
                source=source, version_id=version.id, published_at=version.published_at, sha256=version.sha256
            )
    return found


def screen_party(
    store: Store,
    party: Query | Mapping[str, Any],
    index: MatchIndex,
    *,
    actor: str | Actor,
    versions: Mapping[str, ListVersionRef] | None = None,
    reference: str | None = None,
    party_key: str | None = None,
    min_score: float = DEFAULT_THRESHOLD,
    policy: DecisionPolicy = DecisionPolicy(),
) -> Screening:
    """Match one party and record the screening; any match (or stale lists) opens a case.

    Args:
        store: the open store.
        party: a match query, or order-party fields (``name``, ``country``, ``email`` ...).
        index: the index of the current list versions.
        actor: who asks.
        versions: the versions ``index`` holds, by source (default: the current ones).
        reference: a customer id or other reference.
        party_key: the monitored-party key (``customer:<id>``), if it has one.
        min_score: the match threshold.
        policy: the decision policy (stale or missing lists: never clear).
    Returns:
        The stored screening.
    """
    query = party if isinstance(party, Query) else order_party_query(party)
    refs = dict(versions) if versions is not None else current_versions(store)
    matches = index.match(query, 10, min_score) if query.names else []
    name = query.names[0] if query.names else "(no name)"
    decision = party_decision(matches, "party", name, refs, policy=policy)
    return record_screening(
        store, "party", query_to_json(query), decision, actor, reference=reference, party_key=party_key
    )


@dataclass(slots=True)
class ImportReport:
    """What importing a customer master did."""

    created: list[int] = field(default_factory=list)
    updated: list[int] = field(default_factory=list)
    unchanged: int = 0
    problems: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """The report as a JSON object (party ids of created and updated rows)."""
        return {
            "created": len(self.created), "updated": len(self.updated), "unchanged": self.unchanged,
            "problems": list(self.problems), "created_ids": self.created, "updated_ids": self.updated,
        }


def import_customers(store: Store, customers: CustomerFile, *, actor: str | Actor, batch: int = 2000) -> ImportReport:
    """Store the customer master's rows as monitored parties (``customer:<id>``), audited.

    Args:
        store: the open store.
        customers: the rows read by :func:`~tradewarden.cases.parties.read_customers`.
        actor: who imports.
        batch: rows per transaction.
    Returns:
        Which parties were created or updated, and the file's problems.
    """
    who = actor_name(actor)
    report = ImportReport(problems=list(customers.problems))
    for start in range(0, len(customers.rows), batch):
        chunk = customers.rows[start : start + batch]
        keyed = [(row, party_keys(row.query)) for row in chunk]
        now = datetime.now(UTC)
        records = [
            {"key": row.key, "origin": "customer", "external_id": row.customer_id, "name": row.query.names[0],
             "schema": row.query.schema, "query": query_to_json(row.query), "keys": keys}
            for row, keys in keyed
        ]
        with database_errors("importing customers"), write_transaction(store.engine) as conn:
            for party_id, what in monitor_rows.upsert_parties(conn, records, keys_version=KEYS_VERSION, now=now):
                if what == "created":
                    report.created.append(party_id)
                elif what == "updated":
                    report.updated.append(party_id)
                else:
                    report.unchanged += 1
            if start + batch >= len(customers.rows):
                append_entry(conn, who, "parties.import", "parties", {
                    "rows": len(customers.rows), "created": len(report.created), "updated": len(report.updated),
                    "unchanged": report.unchanged, "problems": len(report.problems),
                })
    if not customers.rows:
        with database_errors("importing customers"), write_transaction(store.engine) as conn:
            append_entry(conn, who, "parties.import", "parties", {"rows": 0, "problems": len(report.problems)})
    return report


def screen_imported(
    store: Store,
    party_ids: Sequence[int],
    index: MatchIndex,
    *,
    actor: str | Actor,
    min_score: float = DEFAULT_THRESHOLD,
) -> list[Screening]:
    """Screen monitored parties once (after an import), recording each screening.

    Returns:
        The screenings, in party id order.
    """
    with database_errors("reading monitored parties"), read_transaction(store.engine) as conn:
        parties = monitor_rows.parties_by_ids(conn, party_ids)
    refs = current_versions(store)
    return [
        screen_party(
            store, query_from_json(party.query), index, actor=actor, versions=refs, reference=party.external_id,
            party_key=party.key, min_score=min_score,
        )
        for party in parties
    ]


def monitored_parties(store: Store, *, limit: int | None = 100, offset: int = 0) -> tuple[int, list[PartyRecord]]:
    """How many parties are monitored, and a page of them by id."""
    with database_errors("reading monitored parties"), read_transaction(store.engine) as conn:
        return monitor_rows.count_parties(conn), monitor_rows.list_parties(conn, limit=limit, offset=offset)

"""The dashboard's numbers: decisions per day, the risk distribution and the most frequent findings.

Read from the newest stored screenings (:func:`tradewarden.store.cases.list_screenings`, at
most :data:`MAX_SCREENINGS`) and the queue counts; the charts are drawn by
:mod:`tradewarden.web.charts`.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from tradewarden.cases import queue_counts
from tradewarden.store import Store
from tradewarden.store import cases as case_rows
from tradewarden.store.audit import database_errors
from tradewarden.store.engine import read_transaction
from tradewarden.web.charts import Chart, histogram, ranked, stacked_days

#: How many of the newest screenings the dashboard summarises.
MAX_SCREENINGS = 2000


@dataclass(frozen=True, slots=True)
class Dashboard:
    """What the dashboard shows."""

    counts: dict[str, int]
    screenings: int
    outcomes: dict[str, int]
    per_day: Chart
    risk: Chart
    top_findings: Chart


def dashboard(store: Store, days: int = 14, today: date | None = None) -> Dashboard:
    """Summarise the newest screenings and the queue.

    Args:
        store: the open store.
        days: how many days the per-day chart covers (ending today, UTC).
        today: the last day (tests pass it).
    """
    with database_errors("reading screenings"), read_transaction(store.engine) as conn:
        records = case_rows.list_screenings(conn, limit=MAX_SCREENINGS)
    end = today or datetime.now(UTC).date()
    day_list = [(end - timedelta(days=n)).isoformat() for n in range(days - 1, -1, -1)]
    per_day: defaultdict[str, Counter[str]] = defaultdict(Counter)
    outcomes: Counter[str] = Counter()
    scores: list[float] = []
    codes: Counter[str] = Counter()
    for record in records:
        created = record["created_at"]
        day = created.date().isoformat() if isinstance(created, datetime) else str(created)[:10]
        outcome = str(record["outcome"])
        per_day[day][outcome] += 1
        outcomes[outcome] += 1
        scores.append(float(record["risk_score"]))
        decision = record.get("decision") or {}
        for finding in decision.get("findings", []):
            if finding.get("outcome") != "clear":
                codes[str(finding.get("code"))] += 1
    return Dashboard(
        counts=queue_counts(store),
        screenings=len(records),
        outcomes={o: outcomes.get(o, 0) for o in ("clear", "review", "block")},
        per_day=stacked_days(day_list, per_day),
        risk=histogram(scores),
        top_findings=ranked(codes.most_common(8)),
    )

"""Quality metrics of the matching benchmark: recall per kind, alert rates, thresholds at an alert rate.

A positive case is *found* at a threshold ``t`` when an expected entity is among the
matcher's results with a score of at least ``t``; a clean case *alerts* when its best result
scores at least ``t``. "At 1 % alerts" uses, per matcher, the threshold that lets at most
1 % of the clean names alert (found means scoring strictly above it).

Clean names that a variant generator could make from a listed name (``Case.reach``) are left
out of the alert rates and of the 1 % threshold (the benchmark requires such variants to be
found); the alert rate over every clean name is reported beside it, with the count left out.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from typing import Any

from _systems import Outcome
from labelled import KINDS, Case

POSITIVE_KINDS = tuple(kind for kind in KINDS if kind != "clean")
RECALL_TARGETS = {"variant": 0.98, "alias_shared_word": 0.90, "cyrillic_script": 0.95, "arabic_script": 0.70}
MAX_ALERTS_PER_1000 = 1.0
ALERT_RATE = 0.01


def threshold_at_alert_rate(clean_scores: Sequence[float], rate: float = ALERT_RATE) -> float:
    """The score a result must exceed so that at most ``rate`` of the clean names alert."""
    ordered = sorted(clean_scores, reverse=True)
    allowed = int(len(ordered) * rate)
    return ordered[allowed] if allowed < len(ordered) else 0.0


def _rate(hits: int, total: int) -> float | None:
    return hits / total if total else None


def summarise(cases: Sequence[Case], outcomes: Sequence[Outcome], default_threshold: float) -> dict[str, Any]:
    """Recall per kind and clean alert rates of one matcher over ``cases``.

    Args:
        cases: the labelled cases.
        outcomes: the matcher's outcome for each case, in the same order.
        default_threshold: the matcher's own alert threshold.
    Returns:
        A JSON-ready dict: thresholds, alerts per 1,000 clean names (without and with the
        names within a variant generator's reach, and how many were left out by reason), and
        per kind ``n``, ``recall`` (at the default threshold), ``recall_at_1pct`` and ``top1``.
    """
    every_clean = [(c, o.top_score) for c, o in zip(cases, outcomes, strict=True) if c.kind == "clean"]
    clean = [score for c, score in every_clean if not c.reach]
    all_scores = [score for _, score in every_clean]
    t1 = threshold_at_alert_rate(clean)
    summary: dict[str, Any] = {
        "default_threshold": default_threshold,
        "clean_names": len(clean),
        "alerts_per_1000_clean": 1000 * (_rate(sum(s >= default_threshold for s in clean), len(clean)) or 0.0),
        "all_clean_names": len(all_scores),
        "alerts_per_1000_all_clean": 1000 * (_rate(sum(s >= default_threshold for s in all_scores), len(all_scores)) or 0.0),
        "clean_left_out": dict(Counter(c.reach.split(":")[0] for c, _ in every_clean if c.reach)),
        "threshold_at_1pct": t1,
        "alerts_per_1000_at_1pct": 1000 * (_rate(sum(s > t1 for s in clean), len(clean)) or 0.0),
        "kinds": {},
    }
    for kind in POSITIVE_KINDS:
        pairs = [(c, o) for c, o in zip(cases, outcomes, strict=True) if c.kind == kind]
        summary["kinds"][kind] = {
            "n": len(pairs),
            "recall": _rate(sum(o.expected_score >= default_threshold for _, o in pairs), len(pairs)),
            "recall_at_1pct": _rate(sum(o.expected_score > t1 for _, o in pairs), len(pairs)),
            "top1": _rate(sum(o.top_id in c.expected for c, o in pairs), len(pairs)),
        }
    return summary


def recall_by(
    cases: Sequence[Case], outcomes: Sequence[Outcome], threshold: float, kind: str, key: str
) -> dict[str, dict[str, float | int | None]]:
    """Recall at ``threshold`` of one kind, broken down by a case attribute (``detail``, ``source``)."""
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for case, outcome in zip(cases, outcomes, strict=True):
        if case.kind == kind:
            groups[str(getattr(case, key))].append(outcome)
    return {
        group: {"n": len(found), "recall": _rate(sum(o.expected_score >= threshold for o in found), len(found))}
        for group, found in sorted(groups.items())
    }


def target_met(kind: str, value: float | None) -> bool | None:
    """Whether a recall meets its target (None when the kind has no target or no cases)."""
    target = RECALL_TARGETS.get(kind)
    if target is None or value is None:
        return None
    return value >= target

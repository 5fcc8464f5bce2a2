"""What a batch found: counts by decision, hits by list, best-score histogram, top hits.

Each chunk produces a ``ChunkStats`` (kept beside its part file, so a resumed run still counts
the chunks an earlier run screened); the engine merges them into a ``BatchSummary``. Rendered as
Rich tables for the terminal and as one self-contained HTML page whose charts are inline SVG
(no JavaScript, no build chain).
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from tradewarden.findings import Outcome
from tradewarden.match.model import DEFAULT_THRESHOLD

if TYPE_CHECKING:
    from rich.table import Table

    from tradewarden.match.model import Match

#: Best hits kept per chunk and in the summary.
TOP_HITS = 20
#: Bins of the best-score histogram over [0, 1].
SCORE_BINS = 20
DECISIONS = (Outcome.CLEAR.value, Outcome.REVIEW.value, Outcome.BLOCK.value)
_COLOURS = {"clear": "#2e7d32", "review": "#f9a825", "block": "#c62828"}


@dataclass(frozen=True, slots=True)
class TopHit:
    """One of the best-scoring records: who, against which listed entity, how strongly."""

    id: str
    query_name: str
    decision: str
    score: float
    source: str
    source_id: str
    caption: str
    matched_name: str

    def order_key(self) -> tuple[float, str, str, str]:
        """Best score first, then by record id and listed entity (so merges are deterministic)."""
        return (-self.score, self.id, self.source, self.source_id)


@dataclass(slots=True)
class ChunkStats:
    """Counts of one chunk (or, merged, of a whole batch)."""

    screened: int = 0
    rejected: int = 0
    decisions: dict[str, int] = field(default_factory=lambda: dict.fromkeys(DECISIONS, 0))
    sources: dict[str, int] = field(default_factory=dict)
    best_scores: list[int] = field(default_factory=lambda: [0] * SCORE_BINS)
    top: list[TopHit] = field(default_factory=list)

    def add_reject(self) -> None:
        """Count one rejected record."""
        self.rejected += 1

    def add(self, record_id: str, query_name: str, decision: Outcome, matches: Sequence[Match]) -> None:
        """Count one screened record with its decision and shown candidates (best first)."""
        self.screened += 1
        self.decisions[decision.value] = self.decisions.get(decision.value, 0) + 1
        if not matches:
            return
        for source in {m.source for m in matches}:
            self.sources[source] = self.sources.get(source, 0) + 1
        best = matches[0]
        self.best_scores[min(SCORE_BINS - 1, int(best.score * SCORE_BINS))] += 1
        self._keep(TopHit(record_id, query_name, decision.value, best.score, best.source, best.source_id,
                          best.caption, best.matched_name))

    def add_order(self, record_id: str, first_party: str, decision: Outcome, risk_score: float, reason: str) -> None:
        """Count one screened order; its "hit" is its risk (0-100, as a 0-1 score) and main reason."""
        self.screened += 1
        self.decisions[decision.value] = self.decisions.get(decision.value, 0) + 1
        if decision is Outcome.CLEAR and not risk_score:
            return
        score = risk_score / 100.0
        self.best_scores[min(SCORE_BINS - 1, int(score * SCORE_BINS))] += 1
        self._keep(TopHit(record_id, first_party, decision.value, round(score, 4), "order", "", reason, ""))

    def _keep(self, hit: TopHit) -> None:
        if len(self.top) < TOP_HITS or hit.order_key() < self.top[-1].order_key():
            self.top.append(hit)
            self.top.sort(key=TopHit.order_key)
            del self.top[TOP_HITS:]

    def merge(self, other: ChunkStats) -> None:
        """Add ``other``'s counts to these."""
        self.screened += other.screened
        self.rejected += other.rejected
        for key, count in other.decisions.items():
            self.decisions[key] = self.decisions.get(key, 0) + count
        for key, count in other.sources.items():
            self.sources[key] = self.sources.get(key, 0) + count
        self.best_scores = [a + b for a, b in zip(self.best_scores, other.best_scores, strict=True)]
        self.top = sorted([*self.top, *other.top], key=TopHit.order_key)[:TOP_HITS]

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (read back by ``from_dict``)."""
        return asdict(self)

    @classmethod
    def from_dict(cls, payload: dict[str, Any]) -> ChunkStats:
        """Rebuild stats written by ``to_dict``."""
        return cls(
            screened=int(payload["screened"]),
            rejected=int(payload["rejected"]),
            decisions={str(k): int(v) for k, v in payload["decisions"].items()},
            sources={str(k): int(v) for k, v in payload["sources"].items()},
            best_scores=[int(v) for v in payload["best_scores"]],
            top=[TopHit(**hit) for hit in payload["top"]],
        )


@dataclass(slots=True)
class BatchSummary:
    """A finished batch: merged counts plus where things went and how long it took.

    Attributes:
        stats: counts over every chunk, resumed ones included.
        engine: ``local`` or ``dask``.
        output, rejects: the files written.
        chunks: how many chunks the input had; ``resumed_chunks`` of them came from an earlier run.
        processed: records screened or rejected by this run (resumed chunks excluded).
        elapsed_s: wall time of this run.
    """

    stats: ChunkStats
    engine: str
    output: str
    rejects: str
    chunks: int
    resumed_chunks: int
    processed: int
    elapsed_s: float

    @property
    def records(self) -> int:
        """Records read: screened plus rejected."""
        return self.stats.screened + self.stats.rejected

    @property
    def records_per_s(self) -> float:
        """Records this run processed per second of wall time."""
        return self.processed / self.elapsed_s if self.elapsed_s > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy (for ``--json`` and benchmarks)."""
        return {
            "engine": self.engine, "output": self.output, "rejects": self.rejects, "chunks": self.chunks,
            "resumed_chunks": self.resumed_chunks, "processed": self.processed,
            "elapsed_s": round(self.elapsed_s, 3), "records": self.records,
            "records_per_s": round(self.records_per_s, 1), **self.stats.to_dict(),
        }


def summary_tables(summary: BatchSummary) -> list[Table]:
    """Rich tables: the counts by decision and the top hits."""
    from rich.table import Table

    stats = summary.stats
    counts = Table("", "records", title="Batch summary", title_justify="left")
    for decision in DECISIONS:
        colour = {"clear": "green", "review": "yellow", "block": "red"}[decision]
        counts.add_row(f"[{colour}]{decision}[/{colour}]", f"{stats.decisions.get(decision, 0):,}")
    counts.add_row("rejected", f"{stats.rejected:,}")
    counts.add_row("total", f"{summary.records:,}")
    top = Table("score", "decision", "id", "name", "listed as", "list", title="Top hits", title_justify="left")
    for hit in stats.top[:10]:
        top.add_row(f"{hit.score:.2f}", hit.decision, hit.id, hit.query_name, hit.caption, _listed_in(hit))
    return [counts, top]


def _listed_in(hit: TopHit) -> str:
    """``source:source_id`` of a party hit; empty for an order (whose caption is its main reason)."""
    return f"{hit.source}:{hit.source_id}" if hit.source_id else ""


def _hbars(items: Sequence[tuple[str, int, str]], width: int = 520) -> str:
    """A horizontal bar chart as inline SVG: one labelled bar per (label, value, colour)."""
    top = max([value for _, value, _ in items] + [1])
    rows = []
    for i, (label, value, colour) in enumerate(items):
        y = i * 26
        length = int((width - 220) * value / top)
        rows.append(
            f'<text x="0" y="{y + 16}" font-size="13">{html.escape(label)}</text>'
            f'<rect x="150" y="{y + 3}" width="{max(length, 1)}" height="18" fill="{colour}"/>'
            f'<text x="{156 + length}" y="{y + 16}" font-size="12">{value:,}</text>'
        )
    height = max(26, 26 * len(items))
    return f'<svg width="{width}" height="{height}" role="img">{"".join(rows)}</svg>'


def _histogram(bins: Sequence[int], threshold: float, width: int = 520, height: int = 160) -> str:
    """The best-score histogram as inline SVG (x: score 0..1, y: records; bins at or above the
    alert ``threshold`` amber, at or above 0.95 red)."""
    top = max([*bins, 1])
    bar = width / len(bins)
    parts = []
    for i, count in enumerate(bins):
        h = int((height - 30) * count / top)
        lo = i / len(bins)
        colour = "#c62828" if lo >= 0.95 else "#f9a825" if lo + 1e-9 >= threshold else "#90a4ae"
        parts.append(
            f'<rect x="{i * bar:.1f}" y="{height - 20 - h}" width="{bar - 2:.1f}" height="{h}" fill="{colour}">'
            f"<title>{lo:.2f}-{lo + 1 / len(bins):.2f}: {count:,}</title></rect>"
        )
    for tick in sorted({0.0, 0.5, round(threshold, 2), 1.0}):
        x = min(width - 20, tick * width)
        parts.append(f'<text x="{x:.0f}" y="{height - 4}" font-size="11">{tick:.1f}</text>')
    return f'<svg width="{width}" height="{height}" role="img">{"".join(parts)}</svg>'


def render_html(summary: BatchSummary, title: str = "tradewarden batch summary") -> str:
    """One self-contained HTML page with the summary's numbers, charts and top hits.

    Args:
        summary: the finished batch.
        title: the page title.
    Returns:
        The HTML text.
    """
    stats = summary.stats
    esc = html.escape
    decisions = [(d, stats.decisions.get(d, 0), _COLOURS[d]) for d in DECISIONS]
    decisions.append(("rejected", stats.rejected, "#616161"))
    sources = sorted(stats.sources.items(), key=lambda item: (-item[1], item[0]))[:15]
    facts = [
        ("records", f"{summary.records:,}"), ("screened", f"{stats.screened:,}"), ("rejected", f"{stats.rejected:,}"),
        ("engine", summary.engine), ("chunks", f"{summary.chunks:,} ({summary.resumed_chunks:,} resumed)"),
        ("wall time", f"{summary.elapsed_s:,.1f} s"), ("rate", f"{summary.records_per_s:,.0f} records/s"),
        ("output", summary.output), ("rejects", summary.rejects),
    ]
    rows = "".join(
        f"<tr><td>{hit.score:.2f}</td><td>{esc(hit.decision)}</td><td>{esc(hit.id)}</td><td>{esc(hit.query_name)}</td>"
        f"<td>{esc(hit.caption)}</td><td>{esc(hit.matched_name)}</td><td>{esc(_listed_in(hit))}</td></tr>"
        for hit in stats.top
    )
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(title)}</title>
<style>body{{font-family:system-ui,sans-serif;margin:2em;max-width:1100px}}table{{border-collapse:collapse}}
td,th{{border-bottom:1px solid #ddd;padding:4px 8px;text-align:left;font-size:14px}}h2{{margin-top:1.5em}}</style>
</head><body>
<h1>{esc(title)}</h1>
<table>{"".join(f"<tr><th>{esc(k)}</th><td>{esc(v)}</td></tr>" for k, v in facts)}</table>
<h2>Decisions</h2>
{_hbars(decisions)}
<h2>Best score per record with a candidate</h2>
{_histogram(stats.best_scores, DEFAULT_THRESHOLD)}
<h2>Records with a candidate, by list</h2>
{_hbars([(s, n, "#1565c0") for s, n in sources]) if sources else "<p>No candidates.</p>"}
<h2>Top hits</h2>
<table><tr><th>score</th><th>decision</th><th>id</th><th>name</th><th>listed as</th><th>matched name</th><th>list</th></tr>
{rows}</table>
</body></html>
"""

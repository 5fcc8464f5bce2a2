"""Summary counts merge deterministically and render as escaped HTML with inline SVG charts."""

from __future__ import annotations

from html.parser import HTMLParser

from tradewarden.batch.summary import TOP_HITS, BatchSummary, ChunkStats, render_html, summary_tables
from tradewarden.findings import Outcome
from tradewarden.match import FeatureResult, Match


def m(score: float, source: str = "test", source_id: str = "x") -> Match:
    feature = FeatureResult("name_similarity", score, 1.0, score, "")
    return Match(f"{source}-{source_id}", source, source_id, "Listed <b>", "Person", "Listed", "Q", score, "name", [feature], "")


def _stats(offset: int) -> ChunkStats:
    stats = ChunkStats()
    for i in range(30):
        score = 0.80 + (i % 20) / 100
        stats.add(f"r{offset + i}", f"Name {i}", Outcome.REVIEW, [m(score), m(0.81, "other")])
    stats.add(f"r{offset}-clear", "Nobody", Outcome.CLEAR, [])
    stats.add_reject()
    return stats


def test_add_counts_decisions_sources_scores_and_top_hits() -> None:
    stats = _stats(0)
    assert (stats.screened, stats.rejected) == (31, 1)
    assert stats.decisions == {"clear": 1, "review": 30, "block": 0}
    assert stats.sources == {"test": 30, "other": 30}
    assert sum(stats.best_scores) == 30 and stats.best_scores[:16] == [0] * 16
    assert len(stats.top) == TOP_HITS
    assert [h.score for h in stats.top] == sorted((h.score for h in stats.top), reverse=True)
    assert stats.top[0].score == 0.99


def test_merge_is_order_independent_and_round_trips_json() -> None:
    a, b = _stats(0), _stats(100)
    ab, ba = ChunkStats(), ChunkStats()
    for stats in (a, b):
        ab.merge(stats)
    for stats in (b, a):
        ba.merge(ChunkStats.from_dict(stats.to_dict()))
    assert ab == ba
    assert ab.screened == 62 and ab.sources["test"] == 60


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)


def test_html_has_charts_and_escapes_names() -> None:
    stats = _stats(0)
    stats.add("<script>alert(1)</script>", "<img src=x>", Outcome.BLOCK, [m(1.0)])
    summary = BatchSummary(stats, "local", "out.jsonl", "out.rejects.csv", 1, 0, 33, 2.0)
    page = render_html(summary)
    assert "<script>" not in page and "&lt;script&gt;" in page and "&lt;img src=x&gt;" in page
    parser = _Collect()
    parser.feed(page)
    assert parser.tags.count("svg") == 3 and "rect" in parser.tags and "table" in parser.tags
    assert "16 records/s" in page  # 33 processed in 2 s


def test_terminal_tables() -> None:
    summary = BatchSummary(_stats(0), "local", "o", "r", 1, 0, 32, 1.0)
    counts, top = summary_tables(summary)
    assert counts.row_count == 5 and top.row_count == 10

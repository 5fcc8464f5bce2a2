"""The per-record function and the one party decision (block / review / clear)."""

from __future__ import annotations

from collections.abc import Iterable

import pytest

from tradewarden.batch.records import PartyRecord, RawRecord, Reject, check_record, query_key
from tradewarden.batch.screening import (
    BLOCK_SCORE,
    Chunk,
    ResultCache,
    ScreenOptions,
    party_decision,
    screen_chunk,
    screen_party,
)
from tradewarden.findings import Outcome
from tradewarden.match import DEFAULT_THRESHOLD, FeatureResult, Match, MatchIndex, Query


def m(score: float, kind: str = "name", features: tuple[str, ...] = ("name_similarity",)) -> Match:
    """A candidate in one line: its score, kind and the names of its features."""
    results = [FeatureResult(name, 1.0, 1.0, 1.0, name) for name in features]
    return Match("test-x", "test", "x", "X", "Person", "X", "X", score, kind, results, f"score {score:.2f}")


DECISIONS = [
    ([], Outcome.CLEAR),
    ([m(0.79)], Outcome.CLEAR),
    ([m(0.80)], Outcome.REVIEW),
    ([m(0.5), m(0.96)], Outcome.REVIEW),
    ([m(0.97)], Outcome.BLOCK),
    ([m(0.81), m(0.90, features=("name_similarity", "identifier_match"))], Outcome.BLOCK),
    ([m(1.0, "shared_identifier", ("shared_identifier",))], Outcome.BLOCK),
    ([m(0.9, "shared_identifier", ("shared_phone",))], Outcome.REVIEW),
    ([m(0.95, "shared_identifier", ("shared_email",))], Outcome.REVIEW),
]


@pytest.mark.parametrize(("matches", "expected"), DECISIONS)
def test_party_decision_table(matches: list[Match], expected: Outcome) -> None:
    assert party_decision(matches, ScreenOptions(threshold=0.80, block_score=0.97)) is expected


def test_default_thresholds() -> None:
    assert party_decision([m(DEFAULT_THRESHOLD)]) is Outcome.REVIEW
    assert party_decision([m(DEFAULT_THRESHOLD - 0.01)]) is Outcome.CLEAR
    assert party_decision([m(BLOCK_SCORE)]) is Outcome.BLOCK


def test_thresholds_come_from_options() -> None:
    assert party_decision([m(0.7)], ScreenOptions(threshold=0.6)) is Outcome.REVIEW
    assert party_decision([m(0.9)], ScreenOptions(block_score=0.9)) is Outcome.BLOCK


def _record(name: str, **extra: str) -> PartyRecord:
    checked = check_record(RawRecord(2, {"id": b"r1", "name": name.encode(), **{k: v.encode() for k, v in extra.items()}}))
    assert isinstance(checked, PartyRecord)
    return checked


def test_screen_party_row_shape_and_identifier_block(index: MatchIndex) -> None:
    row, decision, shown = screen_party(index, _record("Acme Trading", identifier="1027700132195"))
    assert decision is Outcome.BLOCK
    assert row["id"] == "r1" and row["decision"] == "block"
    assert [r["source_id"] for r in row["matches"]] == ["c1"]
    assert set(row["matches"][0]) == {"source", "source_id", "entity_id", "caption", "matched_name", "score", "explanation"}
    assert shown[0].entity_id == "test-c1"


def test_min_score_filters_output_but_not_the_decision(index: MatchIndex) -> None:
    record = _record("Sheikh Diplomat")  # a weak alias: 1.0 - 0.08
    full = index.match(record.query, 1000, 0.0)
    assert full and DEFAULT_THRESHOLD <= full[0].score < BLOCK_SCORE, full[0].score
    row, decision, _ = screen_party(index, record, ScreenOptions(min_score=0.99))
    assert decision is Outcome.REVIEW and row["matches"] == []
    row, _, _ = screen_party(index, record, ScreenOptions(min_score=0.0))
    assert len(row["matches"]) == len(full) and row["matches"][0]["score"] == full[0].score


def test_cache_returns_what_matching_returns(index: MatchIndex) -> None:
    cache = ResultCache(size=2)
    record = _record("Rosoboronexport")
    first = screen_party(index, record, cache=cache)
    again = screen_party(index, record, cache=cache)
    assert first == again == screen_party(index, record)
    for name in ("A", "B", "C"):
        screen_party(index, _record(name), cache=cache)
    assert len(cache._items) == 2


def test_screen_chunk_keeps_order_and_rejects_bad_rows(index: MatchIndex) -> None:
    chunk = Chunk(4, (
        RawRecord(2, {"id": b"1", "name": b"Rosoboronexport"}),
        RawRecord(3, {"id": b"2", "name": b""}),
        RawRecord(4, problem="malformed CSV row: 5 cells, expected 4"),
        RawRecord(5, {"id": b"3", "name": b"John Smith"}),
    ))
    result = screen_chunk(index, chunk)
    assert result.chunk_id == 4
    assert [(r["id"], r["decision"]) for r in result.rows] == [("1", "block"), ("3", "clear")]
    assert result.rejects == [Reject(3, "2", "name: missing"), Reject(4, "", "malformed CSV row: 5 cells, expected 4")]
    assert (result.stats.screened, result.stats.rejected) == (2, 2)
    assert result.stats.decisions == {"clear": 1, "review": 0, "block": 1}


def test_a_failing_record_is_rejected_not_fatal(index: MatchIndex, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(query: Query, limit: int, min_score: float) -> list[Match]:
        if query.names == ["Boom"]:
            raise ValueError("matcher bug")
        return []

    monkeypatch.setattr(index, "match", broken)
    chunk = Chunk(0, (RawRecord(2, {"id": b"1", "name": b"Boom"}), RawRecord(3, {"id": b"2", "name": b"Fine"})))
    result = screen_chunk(index, chunk)
    assert result.rejects == [Reject(2, "1", "screening failed: ValueError: matcher bug")]
    assert [r["id"] for r in result.rows] == ["2"]


def test_a_chunk_is_matched_in_one_call_each_distinct_query_once(
    index: MatchIndex, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[list[list[str]]] = []
    real = index.match_many

    def counted(queries: Iterable[Query], limit: int = 10, min_score: float = 0.8) -> list[list[Match]]:
        batch = list(queries)
        calls.append([q.names for q in batch])
        return real(batch, limit, min_score)

    monkeypatch.setattr(index, "match_many", counted)
    names = [b"Rosoboronexport", b"John Smith", b"Rosoboronexport", b"Romashka", b"John Smith"]
    chunk = Chunk(0, tuple(RawRecord(i + 2, {"id": str(i).encode(), "name": n}) for i, n in enumerate(names)))
    cache = ResultCache()
    screen_party(index, _record("Romashka"), cache=cache)  # already decided: not matched again
    assert cache.get(query_key(_record("Romashka").query)) is not None
    result = screen_chunk(index, chunk, cache=cache)
    assert calls == [[["Rosoboronexport"], ["John Smith"]]]
    expected = [screen_party(index, _record(n.decode()))[0]["matches"] for n in names]
    assert [r["matches"] for r in result.rows] == expected
    assert [r["id"] for r in result.rows] == ["0", "1", "2", "3", "4"]

"""Chart geometry for the dashboard's inline SVG (pure): stacked daily bars, a histogram, ranked bars.

Each function takes counts and returns rectangles and labels in SVG user units; the
templates only draw them, so the UI needs no JavaScript charting library.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

#: Outcomes in stacking order (bottom first) and their CSS classes.
OUTCOME_SERIES = (("clear", "ok"), ("review", "warn"), ("block", "bad"))


@dataclass(frozen=True, slots=True)
class Rect:
    """One bar segment."""

    x: float
    y: float
    width: float
    height: float
    css: str
    title: str


@dataclass(frozen=True, slots=True)
class Label:
    """One axis label."""

    x: float
    y: float
    text: str
    anchor: str = "middle"


@dataclass(slots=True)
class Chart:
    """An SVG chart: its size, bars, labels and the largest value (for the axis)."""

    width: float
    height: float
    rects: list[Rect] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    max_value: float = 0.0
    empty: bool = True


def stacked_days(days: Sequence[str], counts: Mapping[str, Mapping[str, int]], width: float = 1100, height: float = 220) -> Chart:
    """Decisions per day, stacked by outcome.

    Args:
        days: the days to show, oldest first (``2024-05-03``).
        counts: per day, the count of each outcome.
        width, height: the SVG size.
    Returns:
        The chart; each day's label is its ``MM-DD``.
    """
    chart = Chart(width, height)
    top, bottom, left = 10.0, 22.0, 28.0
    plot_h = height - top - bottom
    totals = [sum(counts.get(day, {}).values()) for day in days]
    peak = max(totals, default=0)
    chart.max_value = float(peak)
    chart.empty = peak == 0
    if not days:
        return chart
    slot = (width - left) / len(days)
    bar_w = max(2.0, slot * 0.7)
    for i, day in enumerate(days):
        x = left + i * slot + (slot - bar_w) / 2
        y = top + plot_h
        for outcome, css in OUTCOME_SERIES:
            value = counts.get(day, {}).get(outcome, 0)
            if value <= 0 or peak == 0:
                continue
            h = plot_h * value / peak
            y -= h
            chart.rects.append(Rect(x, y, bar_w, h, css, f"{day}: {value} {outcome}"))
        if len(days) <= 14 or i % max(1, len(days) // 10) == 0:
            chart.labels.append(Label(x + bar_w / 2, height - 6, day[5:]))
    chart.labels.append(Label(left - 4, top + 8, str(peak), "end"))
    chart.labels.append(Label(left - 4, top + plot_h, "0", "end"))
    return chart


def histogram(values: Sequence[float], buckets: int = 10, low: float = 0.0, high: float = 100.0,
              width: float = 520, height: float = 220) -> Chart:
    """The distribution of risk scores in ``buckets`` equal bins over [low, high].

    Args:
        values: the scores.
        buckets: how many bins.
        low, high: the range (a score of ``high`` falls in the last bin).
        width, height: the SVG size.
    """
    chart = Chart(width, height)
    counts = [0] * buckets
    step = (high - low) / buckets
    for value in values:
        counts[min(buckets - 1, max(0, int((value - low) / step)))] += 1
    peak = max(counts, default=0)
    chart.max_value = float(peak)
    chart.empty = peak == 0
    top, bottom, left = 10.0, 22.0, 28.0
    plot_h = height - top - bottom
    slot = (width - left) / buckets
    for i, count in enumerate(counts):
        start = low + i * step
        css = "ok" if start < 30 else ("warn" if start < 70 else "bad")
        if count and peak:
            h = plot_h * count / peak
            chart.rects.append(Rect(left + i * slot + 1, top + plot_h - h, slot - 2, h, css,
                                    f"{start:.0f}–{start + step:.0f}: {count}"))
        if i % 2 == 0:
            chart.labels.append(Label(left + i * slot, height - 6, f"{start:.0f}", "start"))
    chart.labels.append(Label(left - 4, top + 8, str(peak), "end"))
    return chart


def ranked(items: Sequence[tuple[str, int]], width: float = 520, row: float = 24) -> Chart:
    """Horizontal bars for the most frequent items (finding codes), largest first."""
    chart = Chart(width, max(row, row * len(items)))
    peak = max((count for _, count in items), default=0)
    chart.max_value = float(peak)
    chart.empty = peak == 0
    label_w = 150.0
    for i, (name, count) in enumerate(items):
        w = 0.0 if peak == 0 else (width - label_w - 40) * count / peak
        y = i * row
        chart.rects.append(Rect(label_w, y + 4, max(1.0, w), row - 8, "info", f"{name}: {count}"))
        chart.labels.append(Label(label_w - 6, y + row / 2 + 4, name[:24], "end"))
        chart.labels.append(Label(label_w + w + 4, y + row / 2 + 4, str(count), "start"))
    return chart

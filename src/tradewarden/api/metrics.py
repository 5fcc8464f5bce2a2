"""Prometheus metrics of the API (``GET /metrics``), on a registry of the app's own.

Request counts and latencies come from :class:`RequestMetrics`, an ASGI middleware labelling
each request with its route template (``/match/{dataset}``, never the raw path, so ids do
not explode the label space). Screening outcomes and match queries are counted by the
routers; list freshness (entities and age per source) is read from the store when scraped.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from datetime import UTC, datetime

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from tradewarden.errors import TradewardenError
from tradewarden.store import VersionInfo

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_BUCKETS = (0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ListCollector(Collector):
    """Reads each source's current version at scrape time: entity count and age in hours."""

    def __init__(self, current_versions: Callable[[], Iterable[VersionInfo]]) -> None:
        self._current_versions = current_versions

    def collect(self) -> Iterable[Metric]:
        entities = GaugeMetricFamily("tradewarden_list_entities", "Listed entities in the current version", labels=["source"])
        age = GaugeMetricFamily("tradewarden_list_age_hours", "Hours since the current version was fetched", labels=["source"])
        try:
            versions = list(self._current_versions())
        except TradewardenError:
            versions = []
        now = datetime.now(UTC)
        for version in versions:
            entities.add_metric([version.source], version.entity_count)
            loaded = version.fetched_at or version.created_at
            age.add_metric([version.source], (now - loaded).total_seconds() / 3600)
        yield entities
        yield age


class Metrics:
    """The app's metrics and their registry."""

    def __init__(self, current_versions: Callable[[], Iterable[VersionInfo]]) -> None:
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter(
            "tradewarden_http_requests", "HTTP requests by route and status", ["method", "route", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "tradewarden_http_request_seconds", "HTTP request latency by route", ["method", "route"],
            buckets=_BUCKETS, registry=self.registry,
        )
        self.screenings = Counter("tradewarden_screenings", "Screenings by outcome", ["outcome"], registry=self.registry)
        self.match_queries = Counter("tradewarden_match_queries", "Parties matched through /match", registry=self.registry)
        self.registry.register(ListCollector(current_versions))

    def render(self) -> bytes:
        """The Prometheus text exposition of every metric."""
        return generate_latest(self.registry)


class RequestMetrics:
    """ASGI middleware counting requests and timing them per route template."""

    def __init__(self, app: ASGIApp, metrics: Metrics) -> None:
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500

        async def recording_send(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = int(message["status"])
            await send(message)

        try:
            await self.app(scope, receive, recording_send)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or ("unmatched" if status == 404 else "other")
            method = scope.get("method", "GET")
            self.metrics.requests.labels(method, template, str(status)).inc()
            self.metrics.latency.labels(method, template).observe(time.perf_counter() - started)

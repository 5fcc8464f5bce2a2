"""Soak benchmark (issue 8): mixed /match, /screen and case decisions from concurrent clients
against a real ``tradewarden serve`` on loopback, bounded in time and in requests.

Starts ``python -m tradewarden serve`` in a subprocess on 127.0.0.1 at an ephemeral port over a
store under ``bench/results/tmp/soak/`` (the chosen shared lists, loaded once and kept), and runs
N asyncio clients (httpx, keep-alive, one reviewer API key each) in a closed loop until the time
or the request budget is spent. Each client, in turn: matches a party (``POST /match/default``),
screens an order (``POST /screen``; most open a case), and escalates a case it opened
(``POST /cases/{id}/decision``), in the ratio 3 : 2 : 1. Clients never decide each other's
cases, so a conflict (409) is an error like any other non-2xx answer.

Reported: errors (must be 0), p50 / p99 per route (after one untimed /match and /screen that
make the server build its index and list data), the server's resident memory (``VmRSS`` from
``/proc``) at start, after warm-up and at the end, and its growth against the stated bound
(:data:`RSS_GROWTH_BOUND_MIB`). Baseline, in the same run: the first fifth of the requests
against the last fifth (latency ratio last / first per route; a ratio well above 1 means the
server slows down as the store grows or memory leaks).

``tests/soak/test_soak_short.py`` runs :func:`soak` in a short bounded form in ``make test``
(no timing asserted, only errors and memory growth); ``tests/durability`` uses
:func:`start_serve`.

Run: ``.venv/bin/python bench/soak.py [--seconds 120] [--clients 8] [--max-requests 20000]``.
Writes ``bench/results/soak.json`` and ``.md``. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from _common import DEFAULT_LISTS, ROOT, Report, percentile, run_main
from api_load import free_port, order_for, query_names

WORK = ROOT / "bench" / "results" / "tmp" / "soak"
DEFAULT_SOURCES = "us_ofac_sdn,un_sc_sanctions,gb_hmt_sanctions,us_trade_csl"
#: The most the server's resident memory may grow from after warm-up to the end of a run.
RSS_GROWTH_BOUND_MIB = 100.0
#: Requests each client sends before the run's memory baseline is taken.
WARMUP_ROUNDS = 3
ROUTES = ("/match", "/screen", "/decision")


# -- the server ----------------------------------------------------------------------------------


@dataclass
class Served:
    """A ``tradewarden serve`` subprocess and its base URL."""

    process: subprocess.Popen[bytes]
    base: str

    def rss_mib(self) -> float:
        """The server's resident memory now (``VmRSS``), in MiB."""
        return rss_mib(self.process.pid)

    def stop(self) -> None:
        """Terminate the server (SIGTERM, then SIGKILL after 30 s)."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def rss_mib(pid: int) -> float:
    """The resident memory of process ``pid`` (``VmRSS`` in ``/proc/PID/status``), in MiB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024.0
    raise RuntimeError(f"no VmRSS for process {pid}")


def start_serve(home: Path, database_url: str = "", extra_env: dict[str, str] | None = None, timeout: float = 120.0) -> Served:
    """Start ``python -m tradewarden serve`` on 127.0.0.1 and wait until ``/healthz`` answers.

    Args:
        home: ``TRADEWARDEN_HOME`` of the server (its store, when ``database_url`` is empty).
        database_url: ``TRADEWARDEN_DATABASE_URL`` (empty: SQLite under ``home``).
        extra_env: more ``TRADEWARDEN_*`` variables.
        timeout: seconds to wait for the server.
    Returns:
        The running server. Rate limits are lifted (the clients are the load).
    """
    import httpx

    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRADEWARDEN_")}
    env.update({"TRADEWARDEN_HOME": str(home), "TRADEWARDEN_DATABASE_URL": database_url,
                "TRADEWARDEN_API_RATE_PER_SECOND": "100000", "TRADEWARDEN_API_RATE_BURST": "100000", **(extra_env or {})})
    command = [sys.executable, "-m", "tradewarden", "serve", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                return Served(process, base)
        except httpx.HTTPError:
            time.sleep(0.2)
    process.kill()
    process.wait()
    raise RuntimeError(f"tradewarden serve did not start (exit code {process.returncode})")


# -- the clients ---------------------------------------------------------------------------------


@dataclass
class SoakResult:
    """What a soak run saw: per request (route, start offset, seconds, ok), errors, memory."""

    samples: list[tuple[str, float, float, bool]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_start_mib: float = 0.0
    rss_warm_mib: float = 0.0
    rss_end_mib: float = 0.0
    seconds: float = 0.0

    @property
    def rss_growth_mib(self) -> float:
        """Resident memory growth from after warm-up to the end."""
        return self.rss_end_mib - self.rss_warm_mib

    def latencies(self, route: str, part: slice = slice(None)) -> list[float]:
        """Latencies (ms) of the successful requests to ``route`` in ``part`` of the run (by start time)."""
        ordered = sorted(self.samples, key=lambda s: s[1])[part]
        return [s[2] * 1000 for s in ordered if s[0] == route and s[3]]

    def route_table(self) -> list[dict[str, Any]]:
        """Per route: requests, errors, p50 / p99 (ms), and the last-fifth / first-fifth p50 and p99 ratios."""
        fifth = max(1, len(self.samples) // 5)
        rows = []
        for route in ROUTES:
            every = [s for s in self.samples if s[0] == route]
            ok = self.latencies(route)
            first, last = self.latencies(route, slice(0, fifth)), self.latencies(route, slice(-fifth, None))
            rows.append({
                "route": route, "requests": len(every), "errors": sum(1 for s in every if not s[3]),
                "p50_ms": percentile(ok, 50), "p99_ms": percentile(ok, 99),
                "first_p50_ms": percentile(first, 50), "last_p50_ms": percentile(last, 50),
                "p50_ratio_last_first": _ratio(percentile(last, 50), percentile(first, 50)),
                "p99_ratio_last_first": _ratio(percentile(last, 99), percentile(first, 99)),
            })
        return rows


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 2) if a and b else None


async def _client(http: Any, names: list[str], offset: int, clients: int, budget: dict[str, float], result: SoakResult,
                  started: float, warm: asyncio.Event) -> None:
    try:
        await _requests(http, names, offset, clients, budget, result, started, warm)
    finally:
        warm.set()  # a client that ran out of budget before warming up does not hold the memory baseline back


async def _requests(http: Any, names: list[str], offset: int, clients: int, budget: dict[str, float], result: SoakResult,
                    started: float, warm: asyncio.Event) -> None:
    own_cases: list[int] = []
    i = offset
    rounds = 0
    while time.perf_counter() < budget["deadline"] and budget["left"] > 0:
        for route in ("/match", "/match", "/match", "/screen", "/screen", "/decision"):
            if budget["left"] <= 0 or time.perf_counter() >= budget["deadline"]:
                return
            name = names[i % len(names)]
            i += clients
            body: dict[str, Any]
            if route == "/match":
                path, body = "/match/default", {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
            elif route == "/screen":
                path, body = "/screen", order_for(name)
            elif own_cases:
                path, body = f"/cases/{own_cases.pop()}/decision", {"action": "escalate", "rationale": "soak: needs a second look"}
            else:
                continue
            budget["left"] -= 1
            begun = time.perf_counter()
            try:
                response = await http.post(path, json=body)
                ok = 200 <= response.status_code < 300
                if not ok:
                    result.errors.append(f"{path}: {response.status_code} {response.text[:200]}")
                elif route == "/screen" and response.json().get("case_id") is not None:
                    own_cases.append(int(response.json()["case_id"]))
            except Exception as exc:  # a dropped connection is an error to count, not to crash on
                ok = False
                result.errors.append(f"{path}: {type(exc).__name__}: {exc}")
            result.samples.append((route, begun - started, time.perf_counter() - begun, ok))
        rounds += 1
        if rounds == WARMUP_ROUNDS:
            warm.set()


async def _run(served: Served, key: str, names: list[str], clients: int, seconds: float, max_requests: int) -> SoakResult:
    import httpx

    result = SoakResult(rss_start_mib=served.rss_mib())
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=served.base, headers={"Authorization": f"ApiKey {key}"}, limits=limits,
                                 timeout=60.0) as http:
        # The first requests build the server's index and list data: not part of the timed run.
        for path, body in (("/match/default", {"queries": {"q": {"schema": "Person", "properties": {"name": ["warm up"]}}}}),
                           ("/screen", order_for("Warm Up Trading LLC"))):
            response = await http.post(path, json=body, timeout=600.0)
            if response.status_code != 200:
                result.errors.append(f"warm-up {path}: {response.status_code} {response.text[:200]}")
        started = time.perf_counter()
        budget = {"deadline": started + seconds, "left": float(max_requests)}
        warm = [asyncio.Event() for _ in range(clients)]
        tasks = [asyncio.create_task(_client(http, names, n, clients, budget, result, started, warm[n])) for n in range(clients)]

        async def measure_warm() -> None:
            await asyncio.gather(*(event.wait() for event in warm))
            result.rss_warm_mib = served.rss_mib()

        watcher = asyncio.create_task(measure_warm())
        await asyncio.gather(*tasks)
        await watcher
        result.seconds = time.perf_counter() - started
    result.rss_end_mib = served.rss_mib()
    return result


def soak(served: Served, key: str, names: list[str], *, clients: int, seconds: float, max_requests: int) -> SoakResult:
    """Run ``clients`` closed-loop clients of mixed requests until ``seconds`` pass or ``max_requests`` are sent.

    Args:
        served: the running server.
        key: a reviewer's API key (screens and decides).
        names: party names to match and to put on orders.
        clients: concurrent clients.
        seconds: the time budget.
        max_requests: the request budget, over all clients.
    Returns:
        Every request's route, timing and success, the errors, and the server's memory.
    """
    return asyncio.run(_run(served, key, names, clients, seconds, max_requests))


# -- the benchmark -------------------------------------------------------------------------------


def prepare_store(lists: Path, sources: list[str]) -> tuple[Path, str, list[str]]:
    """The bench home (its store loaded from ``lists``), a reviewer's API key, and names to query."""
    from tradewarden.lists.update import load_into_store
    from tradewarden.security import ScryptParams
    from tradewarden.settings import Settings
    from tradewarden.store import Store
    from tradewarden.store.users import add_user, issue_api_key, list_users

    settings = Settings(home=WORK / "home", database_url="")
    store = Store.open(settings)
    try:
        outcomes = load_into_store(store, lists, sources)
        print("lists: " + ", ".join(f"{o.source} {o.status}" for o in outcomes))
        if "soak" not in {u.name for u in list_users(store)}:
            add_user(store, "soak", "reviewer", "soak-password", actor="bench", params=ScryptParams(n=2**10))
        _, key = issue_api_key(store, "soak", actor="bench")
        listed = [e.caption for e in store.current_entities() if e.context.get("source_id") and e.schema.name in ("Person", "Company", "Organization")]
    finally:
        store.close()
    return settings.home, key, listed


def report(result: SoakResult, clients: int, note: str) -> tuple[Report, dict[str, Any]]:
    """The soak report: per-route table, memory table, and the JSON payload."""
    rows = result.route_table()
    report = Report("soak", "Soak: mixed /match, /screen and decisions against a real server (issue 8)")
    report.note(note)
    report.table(
        "Requests by route",
        ["route", "requests", "errors", "p50 ms", "p99 ms", "first fifth p50 ms", "last fifth p50 ms", "p50 ratio last/first",
         "p99 ratio last/first"],
        [[r["route"], r["requests"], r["errors"], round(r["p50_ms"], 1), round(r["p99_ms"], 1), round(r["first_p50_ms"], 1),
          round(r["last_p50_ms"], 1), r["p50_ratio_last_first"], r["p99_ratio_last_first"]] for r in rows],
    )
    within = result.rss_growth_mib < RSS_GROWTH_BOUND_MIB
    report.table(
        "Server memory (VmRSS, MiB)",
        ["at start", "after warm-up", "at end", "growth after warm-up", "bound", "within bound"],
        [[round(result.rss_start_mib, 1), round(result.rss_warm_mib, 1), round(result.rss_end_mib, 1),
          round(result.rss_growth_mib, 1), f"< {RSS_GROWTH_BOUND_MIB:g}", "yes" if within else "NO"]],
    )
    if result.errors:
        report.note(f"{len(result.errors)} errors; first: " + "; ".join(result.errors[:5]))
    payload = {
        "clients": clients, "seconds": round(result.seconds, 1), "requests": len(result.samples), "errors": len(result.errors),
        "error_examples": result.errors[:20], "routes": rows, "rss_mib": {
            "start": result.rss_start_mib, "after_warmup": result.rss_warm_mib, "end": result.rss_end_mib,
            "growth_after_warmup": result.rss_growth_mib, "bound": RSS_GROWTH_BOUND_MIB, "within_bound": within},
    }
    return report, payload


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--sources", default=DEFAULT_SOURCES, help="comma-separated sources to load")
    parser.add_argument("--seconds", type=float, default=120.0, help="time budget of the run")
    parser.add_argument("--max-requests", type=int, default=50_000, help="request budget of the run, over all clients")
    parser.add_argument("--clients", type=int, default=8, help="concurrent clients")
    args = parser.parse_args()
    sources = [s for s in args.sources.split(",") if s]
    home, key, listed = prepare_store(args.lists, sources)
    names = query_names(listed, 400)
    served = start_serve(home, extra_env={"TRADEWARDEN_MAX_LIST_AGE_HOURS": str(24 * 365 * 10)})
    load_before = os.getloadavg()
    try:
        result = soak(served, key, names, clients=args.clients, seconds=args.seconds, max_requests=args.max_requests)
    finally:
        served.stop()
    load_after = os.getloadavg()
    note = (
        f"Lists: {', '.join(sources)} ({len(listed):,} listed parties). Server: `tradewarden serve` (uvicorn, one process, "
        f"SQLite in WAL mode) on 127.0.0.1; {args.clients} asyncio + httpx clients in the benchmark process, closed loop, "
        f"{result.seconds:.0f} s and {len(result.samples):,} requests (budget {args.seconds:g} s / {args.max_requests:,}); "
        "names half listed (some with a typo), half made up; each client matches, screens and escalates its own cases in the ratio 3 : 2 : 1, so the store grows all run "
        f"long. Load average before / after: {load_before[0]:.2f} / {load_after[0]:.2f} on {os.cpu_count()} cores shared "
        "with the clients and other processes. One untimed /match and /screen first make the server build its index "
        "and list data (memory 'at start' is before them). Baseline: the first fifth of the requests (by start time) against the last "
        "fifth of the same run; memory after warm-up is taken once every client has done "
        f"{WARMUP_ROUNDS} rounds."
    )
    bench, payload = report(result, args.clients, note)
    payload.update({"sources": sources, "budget": {"seconds": args.seconds, "max_requests": args.max_requests},
                    "load_average": [load_before[0], load_after[0]]})
    bench.write(payload)
    return 1 if result.errors or result.rss_growth_mib >= RSS_GROWTH_BOUND_MIB else 0


if __name__ == "__main__":
    run_main(main)

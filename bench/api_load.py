"""API load benchmark (issue 6): /match and /screen under 1, 8 and 32 concurrent clients on loopback.

Loads the chosen lists from ``../shared/data/lists`` into a store under
``bench/results/tmp/api_load/`` (kept between runs; reloaded only when the files change),
starts ``tradewarden serve --workers N`` in a subprocess on 127.0.0.1 at an ephemeral
port (waiting until every worker has loaded the index), and runs N asyncio clients (one
keep-alive connection each, a minimal HTTP/1.1 client over asyncio streams: the clients share
the cores with the server, and httpx spent more CPU per request than the route) in a closed
loop for a fixed time: each client sends its next request as soon as the answer arrives. Reported per
endpoint and concurrency: requests/s, p50 and p99 latency as the client saw it, and errors.

Baseline, in this same process: the library calls the routes make (``MatchIndex.match`` for
one party; ``screen_order`` for one order), called directly in a loop on the same inputs;
each API figure is reported as a ratio to it (the HTTP, auth, validation and JSON overhead).
Target: p99 < 50 ms for a single-party /match at 32 clients on 2 cores.

Run: ``.venv/bin/python bench/api_load.py [--sources us_ofac_sdn,un_sc_sanctions] [--seconds 8] [--workers 2]
[--results-dir DIR]``. Writes ``bench/results/api_load.json`` and ``.md`` (or under ``DIR``). Traffic goes to 127.0.0.1 only, and every
request loop stops after ``--seconds``.
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from _common import DEFAULT_LISTS, RESULTS_DIR, ROOT, Report, percentile, run_main

WORK = ROOT / "bench" / "results" / "tmp" / "api_load"
DEFAULT_SOURCES = "us_ofac_sdn,un_sc_sanctions,gb_hmt_sanctions,us_trade_csl"
TARGET_P99_MS = 50.0
CLIENTS = (1, 8, 32)


def prepare_store(lists: Path, sources: list[str]) -> tuple[Any, str, list[str]]:
    """The bench store (loaded from ``lists``), an analyst's API key, and names to query."""
    from tradewarden.lists.update import load_into_store
    from tradewarden.security import ScryptParams
    from tradewarden.settings import Settings
    from tradewarden.store import Store
    from tradewarden.store.users import add_user, issue_api_key, list_users

    settings = Settings(home=WORK / "home", database_url="", max_list_age_hours=24 * 365 * 10)
    store = Store.open(settings)
    started = time.perf_counter()
    outcomes = load_into_store(store, lists, sources)
    loaded = time.perf_counter() - started
    print("lists: " + ", ".join(f"{o.source} {o.status}" for o in outcomes) + f" ({loaded:.1f} s)")
    if "bench" not in {u.name for u in list_users(store)}:
        add_user(store, "bench", "analyst", "bench-password", actor="bench", params=ScryptParams(n=2**10))
    _, key = issue_api_key(store, "bench", actor="bench")
    names = [e.caption for e in store.current_entities() if e.context.get("source_id") and e.schema.name in ("Person", "Company", "Organization")]
    return settings, key, names


def query_names(listed: list[str], count: int, seed: int = 7) -> list[str]:
    """Half listed names (some with a typo), half made-up names."""
    from faker import Faker

    rng = random.Random(seed)
    fake = Faker(["en_US", "de_DE", "ru_RU", "ar_AA"])
    Faker.seed(seed)
    picked = []
    for name in rng.sample(listed, min(count // 2, len(listed))):
        if rng.random() < 0.5 and len(name) > 6:
            spot = rng.randrange(1, len(name) - 1)
            name = name[:spot] + name[spot + 1 :]
        picked.append(name)
    picked += [fake.name() if i % 2 else fake.company() for i in range(count - len(picked))]
    rng.shuffle(picked)
    return picked


def order_for(name: str) -> dict[str, Any]:
    """A small realistic order whose buyer is ``name``."""
    return {
        "reference": "BENCH",
        "parties": [{"roles": ["buyer", "consignee"], "name": name, "country": "AE"}],
        "items": [{"description": "ball bearings", "hs_code": "8482.10", "quantity": 500}],
        "route": {"origin_country": "DE", "destination_country": "AE"},
    }


def baseline(settings: Any, names: list[str], seconds: float) -> dict[str, dict[str, float]]:
    """Per-call latency of the library functions the routes call, in this process."""
    from tradewarden.api.deps import AppState
    from tradewarden.match.model import DEFAULT_THRESHOLD, Query
    from tradewarden.models import parse_order
    from tradewarden.screen import screen_order

    state = AppState(settings)
    index, _ = state.index()
    lists = state.list_data()
    policy = state.policy()
    results: dict[str, dict[str, float]] = {}
    for endpoint in ("match", "screen"):
        latencies: list[float] = []
        deadline = time.perf_counter() + seconds
        i = 0
        while time.perf_counter() < deadline:
            name = names[i % len(names)]
            i += 1
            started = time.perf_counter()
            if endpoint == "match":
                index.match(Query(names=[name], schema="Person"), 5, DEFAULT_THRESHOLD)
            else:
                screen_order(parse_order(order_for(name)), index, policy=policy, lists=lists)
            latencies.append(time.perf_counter() - started)
        results[endpoint] = summary(latencies, seconds)
    state.close()
    return results


def summary(latencies: list[float], seconds: float, errors: int = 0) -> dict[str, float]:
    """Requests/s, p50, p99 (ms) and errors of one run."""
    ms = [x * 1000 for x in latencies]
    return {"requests": len(ms), "rps": len(ms) / seconds, "p50_ms": percentile(ms, 50), "p99_ms": percentile(ms, 99), "errors": errors}


class Connection:
    """One keep-alive HTTP/1.1 connection speaking just enough of the protocol for the bench.

    A lean client on purpose: the clients share the machine's cores with the server, and a
    full client (httpx) spends more CPU per request than the route itself, which would be
    measured as server latency.
    """

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, host: str, key: str) -> None:
        self.reader = reader
        self.writer = writer
        self.head = f"Host: {host}\r\nAuthorization: ApiKey {key}\r\nContent-Type: application/json\r\n"

    @classmethod
    async def open(cls, base: str, key: str) -> Connection:
        host, port = base.removeprefix("http://").split(":")
        reader, writer = await asyncio.open_connection(host, int(port))
        return cls(reader, writer, f"{host}:{port}", key)

    async def post(self, path: str, body: Any) -> tuple[int, bytes]:
        """POST ``body`` as JSON; the status and the response body."""
        payload = json.dumps(body).encode("utf-8")
        self.writer.write(f"POST {path} HTTP/1.1\r\n{self.head}Content-Length: {len(payload)}\r\n\r\n".encode("latin-1") + payload)
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split(" ", 2)[1])
        length = next((int(line.split(":", 1)[1]) for line in lines[1:] if line.lower().startswith("content-length:")), None)
        if length is None:
            raise RuntimeError(f"response without Content-Length: {lines[:6]}")
        return status, await self.reader.readexactly(length)

    async def close(self) -> None:
        self.writer.close()
        await self.writer.wait_closed()


def request_for(endpoint: str, name: str) -> tuple[str, dict[str, Any]]:
    """The path and JSON body of one request to ``endpoint`` about ``name``."""
    if endpoint == "match":
        return "/match/default", {"queries": {"q": {"schema": "Person", "properties": {"name": [name]}}}}
    return "/screen", order_for(name)


async def load(base: str, key: str, endpoint: str, names: list[str], clients: int, seconds: float) -> dict[str, float]:
    """Run ``clients`` closed-loop clients (one keep-alive connection each) against ``endpoint`` for ``seconds``."""
    latencies: list[float] = []
    errors = 0
    connections = [await Connection.open(base, key) for _ in range(clients)]
    try:
        # Warm the connections and the server's caches first.
        for connection in connections:
            await connection.post(*request_for("match", "warm up"))
        deadline = time.perf_counter() + seconds

        async def worker(offset: int, connection: Connection) -> None:
            nonlocal errors
            i = offset
            while time.perf_counter() < deadline:
                path, body = request_for(endpoint, names[i % len(names)])
                i += clients
                started = time.perf_counter()
                status, _ = await connection.post(path, body)
                elapsed = time.perf_counter() - started
                if status != 200:
                    errors += 1
                else:
                    latencies.append(elapsed)

        started = time.perf_counter()
        await asyncio.gather(*(worker(n, c) for n, c in enumerate(connections)))
        took = time.perf_counter() - started
    finally:
        for connection in connections:
            await connection.close()
    return summary(latencies, took, errors)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(settings: Any, workers: int) -> tuple[subprocess.Popen[str], str]:
    """``tradewarden serve`` on SQLite under ``settings.home`` (rate limits lifted); returns the
    process and its URL once every worker has finished its startup (each loads the match index
    before it accepts). ``tests/api/test_api_workers.py`` uses it too."""
    import httpx

    port = free_port()
    env = {key: value for key, value in os.environ.items() if not key.startswith("TRADEWARDEN_")}
    env.update({"TRADEWARDEN_HOME": str(settings.home), "TRADEWARDEN_DATABASE_URL": "",
                "TRADEWARDEN_MAX_LIST_AGE_HOURS": str(settings.max_list_age_hours),
                "TRADEWARDEN_API_RATE_PER_SECOND": "100000", "TRADEWARDEN_API_RATE_BURST": "100000"})
    command = [sys.executable, "-m", "tradewarden", "serve", "--host", "127.0.0.1", "--port", str(port),
               "--log-level", "info", "--no-access-log", "--workers", str(workers)]
    process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True)
    started = threading.Semaphore(0)
    said: list[str] = []

    def follow() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            if "Application startup complete" in line:
                started.release()
            elif not line.startswith("INFO"):
                said.append(line)
                sys.stderr.write(line)

    threading.Thread(target=follow, daemon=True).start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 300
    for _ in range(workers):
        while not started.acquire(timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                tail = "".join(said[-20:])
                raise RuntimeError(f"the server did not start (exit status {process.poll()}):\n{tail}")
    while time.monotonic() < deadline:  # one worker binds its socket after its startup
        try:
            if httpx.get(f"{base}/healthz", timeout=1.0).status_code == 200:
                return process, base
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the server did not answer /healthz")


def server_stack() -> str:
    """The event loop and HTTP parser uvicorn picks here (``auto``: uvloop and httptools when installed)."""
    loop = "uvloop" if importlib.util.find_spec("uvloop") else "asyncio"
    http = "httptools" if importlib.util.find_spec("httptools") else "h11"
    return f"{loop} + {http}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lists", type=Path, default=DEFAULT_LISTS)
    parser.add_argument("--sources", default=DEFAULT_SOURCES, help="comma-separated sources to load")
    parser.add_argument("--seconds", type=float, default=8.0, help="seconds per run")
    parser.add_argument("--workers", type=int, default=1, help="server worker processes (tradewarden serve --workers)")
    parser.add_argument("--results-dir", type=Path, default=RESULTS_DIR, help="where the .json and .md go")
    args = parser.parse_args()
    sources = [s for s in args.sources.split(",") if s]
    settings, key, listed = prepare_store(args.lists, sources)
    names = query_names(listed, 400)
    print("baseline (library calls in this process) ...")
    base_results = baseline(settings, names, args.seconds / 2)
    load_before = os.getloadavg()
    process, base = start_server(settings, args.workers)
    runs: list[dict[str, Any]] = []
    try:
        for endpoint in ("match", "screen"):
            # Warm the server's index and list data before timing.
            asyncio.run(load(base, key, endpoint, names, 1, 1.0))
            for clients in CLIENTS:
                result = asyncio.run(load(base, key, endpoint, names, clients, args.seconds))
                runs.append({"endpoint": endpoint, "clients": clients, **result})
                print(f"{endpoint} x{clients}: {result['rps']:.0f} req/s, p50 {result['p50_ms']:.1f} ms, p99 {result['p99_ms']:.1f} ms")
    finally:
        process.terminate()
        process.wait(timeout=30)
    load_after = os.getloadavg()
    report = Report("api_load", "API load (issue 6)")
    report.note(
        f"Lists: {', '.join(sources)} ({len(listed):,} listed parties, persons and organisations). Server: `tradewarden serve`, "
        f"{args.workers} worker(s) ({server_stack()}), on 127.0.0.1; clients: asyncio streams in the benchmark process "
        "(one keep-alive connection each, a minimal HTTP/1.1 client: httpx's own CPU per request exceeded the route's), closed loop, "
        f"{args.seconds:g} s per run; both share the machine's {os.cpu_count()} cores. Queries: 400 names, half listed "
        "(half of those with a one-letter typo), half made up. /match sends one Person per request; /screen one order "
        "with one buyer and one item (every screening is stored, so /screen includes a database write). "
        f"Load average before / after the runs: {load_before[0]:.2f} / {load_after[0]:.2f} (other processes on the "
        "machine compete for the same cores; a load above 2 means the numbers are pessimistic)."
    )
    rows = []
    for run in runs:
        lib = base_results[run["endpoint"]]
        rows.append([
            f"/{run['endpoint']}", run["clients"], round(run["rps"], 1), round(run["p50_ms"], 2), round(run["p99_ms"], 2),
            run["errors"], round(lib["rps"], 1), round(lib["p50_ms"], 2), round(run["p50_ms"] / lib["p50_ms"], 2) if lib["p50_ms"] else None,
            round(lib["rps"] / run["rps"], 2) if run["rps"] else None,
        ])
    report.table(
        "Throughput and latency by concurrency",
        ["endpoint", "clients", "req/s", "p50 ms", "p99 ms", "errors", "library calls/s", "library p50 ms",
         "p50 ratio API/library", "throughput ratio library/API"],
        rows,
    )
    match32 = next(r for r in runs if r["endpoint"] == "match" and r["clients"] == 32)
    met = match32["p99_ms"] < TARGET_P99_MS
    report.table("Target", ["measure", "value", "target", "met"],
                 [["/match p99 at 32 clients (ms)", round(match32["p99_ms"], 2), f"< {TARGET_P99_MS:g}", "yes" if met else "NO"]])
    report.note(
        "Baseline: the same library calls the routes make (`MatchIndex.match` for /match, `parse_order` + `screen_order` "
        "for /screen), one at a time in the benchmark process on the same names. With a closed loop, latency at N clients "
        "is about N / throughput: a query that costs the matcher C ms of one core cannot have a p99 under 50 ms at 32 "
        "clients on 2 cores unless C is below about 3 ms."
    )
    report.write({"load_average": [load_before[0], load_after[0]], "sources": sources, "workers": args.workers, "server": server_stack(), "seconds": args.seconds, "baseline": base_results, "runs": runs,
                  "target_p99_ms": TARGET_P99_MS, "target_met": met}, args.results_dir)
    return 0


if __name__ == "__main__":
    run_main(main)

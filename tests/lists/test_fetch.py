"""Downloading list files: mock transport at the network edge, then a real local HTTP server.

The real-server tests serve ``../shared/data/lists`` read-only and check the downloaded
bytes against ``SHA256SUMS`` from the same folder.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest
from httpserver import Fault, ListServer

from tradewarden.errors import FetchError, InputError
from tradewarden.lists.fetch import FetchedFiles, fetch_source, local_mirror
from tradewarden.lists.http_cache import combined_sha256, file_sha256
from tradewarden.lists.sources import SOURCES, Source, SourceFile

DPL = b"Name\tStreet_Address\tCity\nACME TRADING\t1 Main St\tDubai\n"
SMALL = Source("us_bis_dpl", "test", "test", (SourceFile("dpl.txt", "https://example.test/dpl/dpl.txt"),))
WITH_OPTIONAL = Source("us_ofac_cons", "test", "test", (
    SourceFile("cons_prim.csv", "https://example.test/CONS_PRIM.CSV"),
    SourceFile("cons_alt.csv", "https://example.test/CONS_ALT.CSV", required=False),
))

Handler = Callable[[httpx.Request], httpx.Response]


def _client(handler: Handler, log: list[httpx.Request] | None = None) -> httpx.Client:
    def record(request: httpx.Request) -> httpx.Response:
        if log is not None:
            log.append(request)
        return handler(request)

    return httpx.Client(transport=httpx.MockTransport(record))


def _fetch(
    source: Source,
    dest: Path,
    client: httpx.Client,
    *,
    mirror: str | None = None,
    cache_dir: Path | None = None,
    backoff: float = 0.0,
) -> FetchedFiles:
    return fetch_source(
        source, dest, mirror=mirror, timeout=1.0, retries=2, backoff=backoff, cache_dir=cache_dir, client=client
    )


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- mock transport -------------------------------------------------------------------


def test_official_url_is_fetched_and_hashed(tmp_path: Path) -> None:
    log: list[httpx.Request] = []
    client = _client(lambda r: httpx.Response(200, content=DPL), log)
    fetched = fetch_source(SMALL, tmp_path, timeout=1, retries=0, client=client)
    assert [str(r.url) for r in log] == ["https://example.test/dpl/dpl.txt"]
    (only,) = fetched.files
    assert only.path.read_bytes() == DPL
    assert only.sha256 == file_sha256(only.path)
    assert only.bytes == len(DPL)
    assert fetched.sha256 == combined_sha256(fetched.records())
    assert _leftovers(tmp_path) == ["dpl.txt"]


def test_optional_file_that_404s_is_skipped_required_one_fails(tmp_path: Path) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(404) if "ALT" in request.url.path else httpx.Response(200, content=b"1,X\r\n")

    fetched = _fetch(WITH_OPTIONAL, tmp_path / "a", _client(handler))
    assert [f.name for f in fetched.files] == ["cons_prim.csv"]
    with pytest.raises(FetchError, match="404"):
        _fetch(WITH_OPTIONAL, tmp_path / "b", _client(lambda r: httpx.Response(404)))


def test_mirror_tries_alternative_names(tmp_path: Path) -> None:
    log: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/m/us_trade_csl/consolidated.csv.gz":
            return httpx.Response(200, content=b"\x1f\x8bgzipped")
        return httpx.Response(404)

    fetched = _fetch(SOURCES["us_trade_csl"], tmp_path, _client(handler, log), mirror="http://mirror.test/m/")
    assert [r.url.path for r in log] == ["/m/us_trade_csl/consolidated.csv", "/m/us_trade_csl/consolidated.csv.gz"]
    assert [f.name for f in fetched.files] == ["consolidated.csv.gz"]


def test_http_mirror_tries_the_folder_alias(tmp_path: Path) -> None:
    log: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/opensanctions_ftm/entities.ftm.json":
            return httpx.Response(200, content=b'{"id": "x"}\n')
        return httpx.Response(404)

    fetched = _fetch(SOURCES["opensanctions"], tmp_path, _client(handler, log), mirror="http://mirror.test")
    assert [r.url.path for r in log] == ["/opensanctions/entities.ftm.json", "/opensanctions_ftm/entities.ftm.json"]
    assert fetched.files[0].url == "http://mirror.test/opensanctions_ftm/entities.ftm.json"


def test_body_shorter_than_content_length_is_rejected_and_nothing_kept(tmp_path: Path) -> None:
    log: list[httpx.Request] = []
    client = _client(lambda r: httpx.Response(200, content=DPL[:10], headers={"Content-Length": str(len(DPL))}), log)
    with pytest.raises(FetchError, match="truncated: received 10 of"):
        _fetch(SMALL, tmp_path, client)
    assert len(log) == 3  # retried twice
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("content_type", "body"),
    [
        ("text/html; charset=utf-8", b"whatever"),
        ("text/plain", b"\n  <!DOCTYPE html><html><body>Maintenance</body></html>"),
        ("application/octet-stream", b"<HTML><body>Error</body></HTML>"),
    ],
)
def test_html_page_instead_of_list_is_rejected(tmp_path: Path, content_type: str, body: bytes) -> None:
    log: list[httpx.Request] = []
    client = _client(lambda r: httpx.Response(200, content=body, headers={"Content-Type": content_type}), log)
    with pytest.raises(FetchError, match="HTML page"):
        _fetch(SMALL, tmp_path, client)
    assert len(log) == 1  # not retried
    assert _leftovers(tmp_path) == []


def test_5xx_is_retried_until_it_succeeds(tmp_path: Path) -> None:
    answers = iter([httpx.Response(503), httpx.Response(500), httpx.Response(200, content=DPL)])
    fetched = _fetch(SMALL, tmp_path, _client(lambda r: next(answers)))
    assert fetched.files[0].path.read_bytes() == DPL


def test_5xx_gives_up_after_retries_with_backoff(tmp_path: Path) -> None:
    log: list[httpx.Request] = []
    started = time.monotonic()
    with pytest.raises(FetchError, match="HTTP 500.*after 3 attempts") as info:
        _fetch(SMALL, tmp_path, _client(lambda r: httpx.Response(500), log), backoff=0.05)
    assert len(log) == 3
    assert time.monotonic() - started >= 0.05 + 0.1  # backoff doubles: 0.05, then 0.1
    assert info.value.details["status"] == 500


def test_timeouts_and_connection_errors_are_retried(tmp_path: Path) -> None:
    errors: list[Exception] = [httpx.ReadTimeout("slow"), httpx.ConnectError("refused")]

    def handler(request: httpx.Request) -> httpx.Response:
        if errors:
            raise errors.pop(0)
        return httpx.Response(200, content=DPL)

    assert _fetch(SMALL, tmp_path / "ok", _client(handler)).files

    def always_timeout(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow")

    with pytest.raises(FetchError, match="no answer within"):
        _fetch(SMALL, tmp_path / "bad", _client(always_timeout))


def test_client_errors_are_not_retried(tmp_path: Path) -> None:
    log: list[httpx.Request] = []
    with pytest.raises(FetchError, match="HTTP 403"):
        _fetch(SMALL, tmp_path, _client(lambda r: httpx.Response(403), log))
    assert len(log) == 1


def test_empty_required_file_is_rejected(tmp_path: Path) -> None:
    with pytest.raises(FetchError, match="empty file"):
        _fetch(SMALL, tmp_path, _client(lambda r: httpx.Response(200, content=b"")))
    assert _leftovers(tmp_path) == []


def test_conditional_request_reuses_cached_copy_on_304(tmp_path: Path) -> None:
    log: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return httpx.Response(304)
        return httpx.Response(200, content=DPL, headers={"ETag": '"v1"', "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"})

    cache = tmp_path / "home"
    first = _fetch(SMALL, tmp_path / "one", _client(handler, log), cache_dir=cache)
    second = _fetch(SMALL, tmp_path / "two", _client(handler, log), cache_dir=cache)
    assert "If-None-Match" not in log[0].headers
    assert log[1].headers["If-None-Match"] == '"v1"'
    assert log[1].headers["If-Modified-Since"] == "Mon, 01 Jan 2024 00:00:00 GMT"
    assert second.files[0].not_modified and not first.files[0].not_modified
    assert second.files[0].path.read_bytes() == DPL
    assert second.sha256 == first.sha256
    assert (cache / "http_cache.json").is_file()
    assert (cache / "downloads" / "us_bis_dpl" / "dpl.txt").read_bytes() == DPL


def test_damaged_cache_copy_means_an_unconditional_request(tmp_path: Path) -> None:
    log: list[httpx.Request] = []
    client = _client(lambda r: httpx.Response(200, content=DPL, headers={"ETag": '"v1"'}), log)
    cache = tmp_path / "home"
    _fetch(SMALL, tmp_path / "one", client, cache_dir=cache)
    (cache / "downloads" / "us_bis_dpl" / "dpl.txt").write_bytes(b"X" * len(DPL))
    _fetch(SMALL, tmp_path / "two", client, cache_dir=cache)
    assert "If-None-Match" not in log[1].headers


def test_progress_bar_on_a_terminal(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")  # Rich treats stderr as a terminal
    client = _client(lambda r: httpx.Response(200, content=DPL * 100, headers={"Content-Length": str(len(DPL) * 100)}))
    fetched = fetch_source(SMALL, tmp_path, timeout=1, retries=0, client=client, progress=True)
    assert fetched.files[0].bytes == len(DPL) * 100
    assert capsys.readouterr().out == ""  # the bar goes to stderr, never into --json output


def test_combined_sha256_ignores_order_but_not_names() -> None:
    a = {"name": "a.csv", "sha256": "1"}
    b = {"name": "b.csv", "sha256": "2"}
    assert combined_sha256([a, b]) == combined_sha256([b, a])
    assert combined_sha256([a, b]) != combined_sha256([a, {"name": "c.csv", "sha256": "2"}])


# --- local folder mirror --------------------------------------------------------------


def test_local_folder_mirror_is_copied_including_alias_folder(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    (mirror / "us_bis_dpl").mkdir(parents=True)
    (mirror / "us_bis_dpl" / "dpl.txt").write_bytes(DPL)
    (mirror / "opensanctions_ftm").mkdir()
    (mirror / "opensanctions_ftm" / "entities.ftm.json").write_text('{"id": "x", "schema": "Person"}\n')
    fetched = fetch_source(SMALL, tmp_path / "out", mirror=mirror)
    assert fetched.files[0].path.read_bytes() == DPL
    assert fetched.files[0].url == (mirror / "us_bis_dpl" / "dpl.txt").as_uri()
    via_uri = fetch_source(SOURCES["opensanctions"], tmp_path / "os", mirror=mirror.as_uri())
    assert [f.name for f in via_uri.files] == ["entities.ftm.json"]
    with pytest.raises(FetchError, match="not in the mirror"):
        fetch_source(SOURCES["un_sc_sanctions"], tmp_path / "un", mirror=mirror)


def test_mirror_that_is_neither_folder_nor_url_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="neither a folder nor an http"):
        local_mirror(str(tmp_path / "missing"))
    assert local_mirror("https://mirror.test/lists") is None


# --- a real local HTTP server serving the shared snapshots ----------------------------

REAL_SOURCES = ["us_bis_dpl", "un_sc_sanctions", "us_ofac_cons"]


def _published_sha256(shared_lists: Path) -> dict[str, str]:
    sums: dict[str, str] = {}
    for line in (shared_lists / "SHA256SUMS").read_text().splitlines():
        digest, _, name = line.partition("  ")
        sums[name] = digest
    return sums


@pytest.fixture
def server(shared_lists: Path) -> Iterator[ListServer]:
    with ListServer(shared_lists, stall_seconds=3.0, flaky_failures=2) as running:
        yield running


@pytest.mark.shared
@pytest.mark.parametrize("name", REAL_SOURCES)
def test_real_server_download_matches_published_sha256(
    server: ListServer, shared_lists: Path, tmp_path: Path, name: str
) -> None:
    fetched = fetch_source(SOURCES[name], tmp_path, mirror=server.url, timeout=5, retries=0)
    sums = _published_sha256(shared_lists)
    expected = {n.split("/")[-1]: d for n, d in sums.items() if n.startswith(f"lists/{name}/")}
    assert {f.name: f.sha256 for f in fetched.files} == expected
    assert {f.name: file_sha256(f.path) for f in fetched.files} == expected


@pytest.mark.shared
def test_real_server_faults(server: ListServer, tmp_path: Path) -> None:
    source = SOURCES["us_bis_dpl"]
    server.fault = Fault.TRUNCATE
    with pytest.raises(FetchError, match="truncated"):
        fetch_source(source, tmp_path / "t", mirror=server.url, timeout=5, retries=1, backoff=0)
    assert _leftovers(tmp_path / "t") == []

    server.fault = Fault.ERROR_500
    with pytest.raises(FetchError, match="HTTP 500"):
        fetch_source(source, tmp_path / "e", mirror=server.url, timeout=5, retries=1, backoff=0)

    server.fault = Fault.FLAKY_500  # two failures, then the file
    fetched = fetch_source(source, tmp_path / "f", mirror=server.url, timeout=5, retries=2, backoff=0)
    assert fetched.files[0].bytes == (Path(server.state.root) / "us_bis_dpl" / "dpl.txt").stat().st_size

    server.fault = Fault.HTML
    with pytest.raises(FetchError, match="HTML page"):
        fetch_source(source, tmp_path / "h", mirror=server.url, timeout=5, retries=1, backoff=0)


@pytest.mark.shared
def test_real_server_that_stalls_ends_in_fetch_error_within_timeout_times_tries(
    server: ListServer, tmp_path: Path
) -> None:
    server.fault = Fault.STALL
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer within 0.3s"):
        fetch_source(SOURCES["us_bis_dpl"], tmp_path, mirror=server.url, timeout=0.3, retries=1, backoff=0.05)
    assert time.monotonic() - started < 2 * 0.3 + 0.05 + 1.5  # the server would stall 3 s per try
    assert _leftovers(tmp_path) == []


@pytest.mark.shared
def test_real_server_etag_gives_304_and_cached_copy(server: ListServer, tmp_path: Path) -> None:
    cache = tmp_path / "home"
    first = fetch_source(SOURCES["us_bis_dpl"], tmp_path / "1", mirror=server.url, timeout=5, retries=0, cache_dir=cache)
    second = fetch_source(SOURCES["us_bis_dpl"], tmp_path / "2", mirror=server.url, timeout=5, retries=0, cache_dir=cache)
    assert [r.status for r in server.requests] == [200, 304]
    assert second.files[0].not_modified
    assert second.sha256 == first.sha256
    assert second.files[0].path.read_bytes() == first.files[0].path.read_bytes()

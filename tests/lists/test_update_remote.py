"""Fetch → parse → gate → promote per source, and the previous version surviving every fault.

Fault tests run a real local HTTP server (``tests/httpserver.py``) over
``../shared/data/lists`` (read in place, never copied): for each fault there is first a good
update, then the faulty one, after which the same version must still be current and the
outcome must say why. Unit tests use small inline FollowTheMoney files and
``httpx.MockTransport`` at the network edge.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from httpserver import Fault, ListServer

from tradewarden.errors import NotFound
from tradewarden.lists.sources import SOURCES
from tradewarden.lists.update import UpdateOutcome
from tradewarden.lists.update_remote import update_lists
from tradewarden.settings import Settings
from tradewarden.store import Store, VersionInfo


def ftm_lines(*names: str) -> bytes:
    """A small FtM export: one Person per name, id ``p<n>``."""
    rows = [{"id": f"p{i}", "schema": "Person", "properties": {"name": [n], "country": ["ru"]}} for i, n in enumerate(names)]
    return "".join(json.dumps(r) + "\n" for r in rows).encode()


def version_of(outcome: UpdateOutcome) -> VersionInfo:
    """The outcome's version, which must be there."""
    assert outcome.version is not None, outcome.reasons
    return outcome.version


@pytest.fixture
def fast(settings: Settings) -> Settings:
    """Settings with small timeouts so fault tests stay fast."""
    return settings.model_copy(update={"http_timeout": 0.5, "http_retries": 1})


@pytest.fixture
def store(fast: Settings) -> Iterator[Store]:
    opened = Store.open(fast)
    yield opened
    opened.close()


# --- mock transport and local folders (no shared data) --------------------------------


def test_official_download_is_parsed_and_promoted(store: Store, fast: Settings) -> None:
    seen: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        return httpx.Response(200, content=ftm_lines("Ivan Petrov", "Olga Ivanova"), headers={"ETag": '"a"'})

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        (outcome,) = update_lists(store, fast, sources=["opensanctions"], client=client, progress=False, backoff=0)
    assert str(outcome.status) == "updated", outcome.reasons
    assert seen == [SOURCES["opensanctions"].files[0].url]
    current = store.current("opensanctions")
    assert current is not None and current.id == version_of(outcome).id
    assert current.entity_count == 2
    assert current.files[0]["url"] == seen[0]
    assert (fast.home / "http_cache.json").is_file()


def test_a_failing_source_is_rejected_and_the_others_go_on(store: Store, fast: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.host == "data.opensanctions.org":
            return httpx.Response(200, content=ftm_lines("Ivan Petrov"))
        return httpx.Response(503)

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        outcomes = update_lists(
            store, fast, sources=["un_sc_sanctions", "opensanctions"], client=client, progress=False, backoff=0
        )
    assert [(o.source, str(o.status)) for o in outcomes] == [("un_sc_sanctions", "rejected"), ("opensanctions", "updated")]
    assert "download failed" in outcomes[0].reasons[0] and "HTTP 503" in outcomes[0].reasons[0]
    assert store.current("un_sc_sanctions") is None
    assert store.versions("un_sc_sanctions") == []  # nothing staged for a failed download


def test_unknown_source_fails_before_anything_is_fetched(store: Store, fast: Settings) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise AssertionError("nothing may be fetched")

    with httpx.Client(transport=httpx.MockTransport(handler)) as client, pytest.raises(NotFound, match="no_such_list"):
        update_lists(store, fast, sources=["opensanctions", "no_such_list"], client=client, progress=False)


def test_local_folder_is_read_in_place_with_file_digests(store: Store, fast: Settings, tmp_path: Path) -> None:
    folder = tmp_path / "mirror" / "opensanctions_ftm"
    folder.mkdir(parents=True)
    (folder / "entities.ftm.json").write_bytes(ftm_lines("Ivan Petrov", "Olga Ivanova", "Pavel Sidorov"))
    (outcome,) = update_lists(store, fast, mirror=tmp_path / "mirror", progress=False)
    assert (outcome.source, str(outcome.status)) == ("opensanctions", "updated")
    (record,) = version_of(outcome).files
    assert record["name"] == "entities.ftm.json"
    assert record["url"] == (folder / "entities.ftm.json").as_uri()
    assert record["bytes"] == (folder / "entities.ftm.json").stat().st_size
    again = update_lists(store, fast, mirror=str(tmp_path / "mirror"), progress=False)
    assert [str(o.status) for o in again] == ["unchanged"]
    missing = update_lists(store, fast, mirror=tmp_path / "mirror", sources=["us_bis_dpl"], progress=False)
    assert str(missing[0].status) == "rejected" and "no files of us_bis_dpl" in missing[0].reasons[0]


def test_unparseable_download_is_rejected_and_previous_version_kept(store: Store, fast: Settings) -> None:
    bodies = iter([ftm_lines("Ivan Petrov", "Olga Ivanova"), b"\x1f\x8b not really gzip"])

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, content=next(bodies))

    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        (good,) = update_lists(store, fast, sources=["opensanctions"], client=client, progress=False)
        (bad,) = update_lists(store, fast, sources=["opensanctions"], client=client, progress=False)
    assert str(bad.status) == "rejected"
    assert "parse failed" in bad.reasons[0] and "gzip" in bad.reasons[0]
    current = store.current("opensanctions")
    assert current is not None and current.id == version_of(good).id


# --- a real local HTTP server over the shared snapshots -------------------------------

FAULT_SOURCE = "us_bis_dpl"
FAULT_PATH = "us_bis_dpl/dpl.txt"


@pytest.fixture
def server(shared_lists: Path) -> Iterator[ListServer]:
    with ListServer(shared_lists, stall_seconds=2.0, flaky_failures=1) as running:
        yield running


@pytest.mark.shared
def test_good_update_from_server_then_unchanged_via_304(
    server: ListServer, store: Store, fast: Settings, shared_lists: Path
) -> None:
    names = ["us_bis_dpl", "un_sc_sanctions", "us_ofac_cons"]
    outcomes = update_lists(store, fast, sources=names, mirror=server.url, progress=False, backoff=0)
    assert {o.source: str(o.status) for o in outcomes} == dict.fromkeys(names, "updated"), [o.reasons for o in outcomes]
    sums = {line.split("  ")[1]: line.split("  ")[0] for line in (shared_lists / "SHA256SUMS").read_text().splitlines()}
    for outcome in outcomes:
        assert outcome.version is not None and outcome.version.entity_count > 0
        for record in outcome.version.files:
            assert record["sha256"] == sums[f"lists/{outcome.source}/{record['name']}"]
    un = store.current("un_sc_sanctions")
    assert un is not None and un.entity_count == 1003  # PROVENANCE.md: 730 individuals + 273 entities
    again = update_lists(store, fast, sources=names, mirror=server.url, progress=False, backoff=0)
    assert {str(o.status) for o in again} == {"unchanged"}
    conditional = [r for r in server.requests if "If-None-Match" in r.headers]
    assert conditional and {r.status for r in conditional} == {304}


@pytest.mark.shared
@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault.TRUNCATE, "truncated"),
        (Fault.ERROR_500, "HTTP 500"),
        (Fault.STALL, "no answer within 0.5s"),
        (Fault.HTML, "HTML page"),
        (Fault.HTML_AS_OCTETS, "HTML page"),
    ],
)
def test_previous_version_survives_a_faulty_server(
    server: ListServer, store: Store, fast: Settings, fault: Fault, reason: str
) -> None:
    (good,) = update_lists(store, fast, sources=[FAULT_SOURCE], mirror=server.url, progress=False, backoff=0)
    assert str(good.status) == "updated", good.reasons
    before = store.versions(FAULT_SOURCE)
    server.state.faults[FAULT_PATH] = fault
    outcomes = update_lists(
        store, fast, sources=[FAULT_SOURCE, "us_ofac_cons"], mirror=server.url, progress=False, backoff=0
    )
    assert [(o.source, str(o.status)) for o in outcomes] == [(FAULT_SOURCE, "rejected"), ("us_ofac_cons", "updated")]
    assert reason in outcomes[0].reasons[0]
    current = store.current(FAULT_SOURCE)
    assert current is not None and current.id == version_of(good).id
    assert store.versions(FAULT_SOURCE) == before
    assert not list(fast.home.glob(".fetch-*"))  # temporary download folders are gone


@pytest.mark.shared
def test_server_that_fails_once_is_retried(server: ListServer, store: Store, fast: Settings) -> None:
    server.fault = Fault.FLAKY_500
    (outcome,) = update_lists(store, fast, sources=[FAULT_SOURCE], mirror=server.url, progress=False, backoff=0)
    assert str(outcome.status) == "updated", outcome.reasons
    assert [r.status for r in server.requests] == [500, 200]


@pytest.mark.shared
def test_shrunken_list_is_refused_by_the_gate(store: Store, fast: Settings, shared_lists: Path, tmp_path: Path) -> None:
    served = tmp_path / "served" / "us_bis_dpl"
    served.mkdir(parents=True)
    (served / "dpl.txt").symlink_to(shared_lists / "us_bis_dpl" / "dpl.txt")
    with ListServer(tmp_path / "served") as local:
        (good,) = update_lists(store, fast, sources=[FAULT_SOURCE], mirror=local.url, progress=False, backoff=0)
        lines = (shared_lists / "us_bis_dpl" / "dpl.txt").read_bytes().splitlines(keepends=True)
        (served / "dpl.txt").unlink()
        (served / "dpl.txt").write_bytes(b"".join(lines[:6]))  # header and five rows
        (shrunk,) = update_lists(store, fast, sources=[FAULT_SOURCE], mirror=local.url, progress=False, backoff=0)
    assert str(good.status) == "updated" and str(shrunk.status) == "rejected"
    current = store.current(FAULT_SOURCE)
    assert current is not None and current.id == version_of(good).id

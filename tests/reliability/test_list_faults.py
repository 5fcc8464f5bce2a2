"""Every list-update fault of issue #8 against five official formats: the previous version stays current.

For each format (``tests/listfiles.py``: OFAC sdn.csv, CSL CSV, UN XML, EU FSF XML, FtM JSON) and
each fault (a file cut in the middle, another file type, an HTML error page, a list shrunk by
90 %, a renamed column or element, every id twice, invalid UTF-8) a good version is loaded
first, then the faulty file. The fault must be rejected, the store must hold exactly what it
held (same current version, same entity count, ``lists status`` ok) and the reason must name
what went wrong. The matrix runs through :func:`load_into_store` on SQLite and PostgreSQL;
one fault per kind also runs through the ``tradewarden lists`` CLI. Faults at the HTTP edge
(Content-Length shortfall, HTML with a list's content type, 5xx, stalls) are in
``tests/lists/test_fetch.py`` and ``tests/lists/test_update_remote.py``; SIGKILL during
staging is in ``tests/store/test_crash.py`` and, for a whole load, below.
"""

from __future__ import annotations

import json
import signal
import textwrap
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from listfiles import LIST_FILES, ListFile
from sigkill import kill_when_ready
from typer.testing import CliRunner

from tradewarden.cli import app
from tradewarden.lists.status import source_statuses
from tradewarden.lists.update import UpdateStatus, load_into_store
from tradewarden.settings import get_settings
from tradewarden.store import Store, VersionInfo

HTML_ERROR_PAGE = (
    b"<!DOCTYPE html>\n<html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>\n"
)
PDF_FILE = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"


def _truncated(fmt: ListFile) -> bytes:
    content = fmt.content()
    return content[: len(content) * 55 // 100]  # cut inside a record, about half the records gone


def _invalid_utf8(fmt: ListFile) -> bytes:
    return fmt.content().replace(b"TRADING", b"TR\xff\xfeDING")


# fault -> (the faulty file, words the reason must contain, per format where they differ)
Fault = Callable[[ListFile], bytes]
FAULTS: dict[str, Fault] = {
    "truncated": _truncated,
    "wrong_content_type": lambda fmt: PDF_FILE,
    "html_error_page": lambda fmt: HTML_ERROR_PAGE,
    "shrunk_90_percent": lambda fmt: fmt.content(2),
    "schema_drift": lambda fmt: fmt.schema_drift(),
    "duplicate_ids": lambda fmt: fmt.duplicate_ids(),
    "invalid_utf8": _invalid_utf8,
}

_UNRECOGNISED = "{file}: unrecognised file format"
_XML_BROKEN = {"un": "{file}: not a readable UN XML file", "eu": "{file}: EU FSF XML cannot be read"}
EXPECTED: dict[str, dict[str, str] | str] = {
    "truncated": {"un": _XML_BROKEN["un"], "eu": _XML_BROKEN["eu"], "*": "% fewer than the 20 of current version"},
    "wrong_content_type": _UNRECOGNISED,
    "html_error_page": _UNRECOGNISED,
    "shrunk_90_percent": "90% fewer than the 20",
    "schema_drift": {
        "sdn": "{file}:1: expected 12 columns, found 13",
        "csl": "{file}: header lacks name",
        "un": "{file}:5: ENTITY record 1 (KPe.000): no name",
        "eu": "{file}:3: entity 9000: no name",
        "ftm": _UNRECOGNISED,  # without "properties" the file is no longer recognised as FtM
    },
    "duplicate_ids": {
        "sdn": "{file}:21: ent_num 1000 appears twice",
        "*": "{file}: record id ",  # then "'9000' appears more than once; the records are merged"
    },
    "invalid_utf8": {"un": _XML_BROKEN["un"], "eu": _XML_BROKEN["eu"], "*": "{file}:1: not valid UTF-8"},
}
# Legacy-encoded CSV is read on purpose (OFAC's older sdn.csv is Windows-1252; CSL falls back to Latin-1):
# the version is promoted with the fallback recorded as a problem naming the file and the first bad byte.
ACCEPTED_WITH_PROBLEM = {
    ("sdn", "invalid_utf8"): "sdn.csv: not UTF-8 (invalid start byte at byte 13); read as Windows-1252",
    ("csl", "invalid_utf8"): "consolidated.csv: not UTF-8 (invalid start byte at byte 445); read as Latin-1",
}


# CSL repeats an _id on purpose, one row per list that names the party (CAPTA, SDN, SSI ...): the rows
# are merged and every name is kept, so a repeated id is not a fault there.
MERGED_BY_DESIGN = {("csl", "duplicate_ids")}


def expected_reason(fault: str, fmt: ListFile) -> str:
    """The text the rejection must contain for ``fault`` on ``fmt``."""
    rule = EXPECTED[fault]
    text = rule if isinstance(rule, str) else rule.get(fmt.key, rule.get("*", ""))
    return text.format(file=fmt.file_name)


def _good_version(store: Store, root: Path, fmt: ListFile) -> VersionInfo:
    fmt.write(root, fmt.content())
    [good] = load_into_store(store, root)
    assert good.status is UpdateStatus.UPDATED, good.reasons
    assert good.version is not None and good.version.entity_count == 20 and good.version.problem_count == 0
    return good.version


def assert_store_unchanged(store: Store, source: str, previous: VersionInfo) -> None:
    """The previous version is current, complete and ``ok`` in ``lists status``."""
    assert store.current(source) == previous
    assert store.count_entities(previous.id) == previous.entity_count
    assert sum(1 for e in store.current_entities([source]) if e.context.get("source_id")) == previous.entity_count
    [status] = [s for s in source_statuses({source: store.current(source)}, max_age_hours=24,
                                           now=datetime.now(UTC)) if s.source == source]
    assert status.state == "ok" and status.version == previous
    assert [v for v in store.versions(source) if v.status == "staged"] == []


@pytest.mark.parametrize("fault", list(FAULTS))
@pytest.mark.parametrize("key", list(LIST_FILES))
def test_fault_keeps_previous_version_current(store_url: str, tmp_path: Path, key: str, fault: str) -> None:
    with Store.from_url(store_url) as store:
        check_fault(store, tmp_path, LIST_FILES[key], fault)


def check_fault(store: Store, tmp_path: Path, fmt: ListFile, fault: str) -> None:
    """Load a good version of ``fmt``, then the ``fault`` file, and check what the store holds."""
    key = fmt.key
    previous = _good_version(store, tmp_path, fmt)
    fmt.write(tmp_path, FAULTS[fault](fmt))
    [outcome] = load_into_store(store, tmp_path)
    if (key, fault) in MERGED_BY_DESIGN:
        assert outcome.status is UpdateStatus.UPDATED and outcome.counts["entities"] == 20, outcome.reasons
        assert sorted(store.entity(fmt.source, "csl0000").get("name")) == ["AERO SHIPPING 0", "AERO TRADING 0"]
        return
    accepted = ACCEPTED_WITH_PROBLEM.get((key, fault))
    if accepted is not None:
        assert outcome.status is UpdateStatus.UPDATED, outcome.reasons
        assert outcome.version is not None and accepted in outcome.version.problems
        return
    assert outcome.status is UpdateStatus.REJECTED
    reasons = " | ".join(outcome.reasons)
    assert expected_reason(fault, fmt) in reasons
    assert outcome.version is not None and outcome.version.status == "failed"
    assert expected_reason(fault, fmt) in (outcome.version.reason or "")
    assert_store_unchanged(store, fmt.source, previous)


# --- the same through the CLI: exit code, message, `lists status` --------------------------


@pytest.fixture
def lists_cli(tmp_path: Path) -> Iterator[Callable[..., tuple[int, str]]]:
    env = {"TRADEWARDEN_HOME": str(tmp_path / "home"), "TRADEWARDEN_DATABASE_URL": ""}
    runner = CliRunner()

    def run(*args: str) -> tuple[int, str]:
        get_settings.cache_clear()
        try:
            result = runner.invoke(app, ["lists", *args], env=env)
        finally:
            get_settings.cache_clear()
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        return result.exit_code, result.output

    yield run


@pytest.mark.parametrize(
    ("key", "fault"),
    [("un", "truncated"), ("csl", "html_error_page"), ("ftm", "shrunk_90_percent"), ("csl", "schema_drift"),
     ("eu", "duplicate_ids"), ("eu", "invalid_utf8"), ("sdn", "wrong_content_type")],
)
def test_cli_reports_the_fault_and_status_stays_ok(
    lists_cli: Callable[..., tuple[int, str]], tmp_path: Path, key: str, fault: str
) -> None:
    fmt = LIST_FILES[key]
    mirror = tmp_path / "mirror"
    fmt.write(mirror, fmt.content())
    code, output = lists_cli("update", "--from", str(mirror), "--source", fmt.source, "--no-progress", "--json")
    assert code == 0, output
    before = _status_of(lists_cli, fmt.source)
    fmt.write(mirror, FAULTS[fault](fmt))
    code, output = lists_cli("update", "--from", str(mirror), "--source", fmt.source, "--no-progress", "--json")
    assert code != 0
    [outcome] = json.loads(output)
    assert outcome["status"] == "rejected" and expected_reason(fault, fmt) in " | ".join(outcome["reasons"])
    assert "Traceback" not in output
    after = _status_of(lists_cli, fmt.source)
    assert after == before and after["state"] == "ok" and after["entity_count"] == 20


def _status_of(lists_cli: Callable[..., tuple[int, str]], source: str) -> dict[str, object]:
    code, output = lists_cli("status", "--json")
    assert code == 0, output
    [entry] = [s for s in json.loads(output)["sources"] if s["source"] == source]
    return entry  # type: ignore[no-any-return]


# --- SIGKILL in the middle of a whole load (parse + stage), not only of staging ---------------

_KILLED_LOAD = textwrap.dedent(
    """
    import sys
    from pathlib import Path
    import tradewarden.store.store as store_module
    from tradewarden.lists.update import load_into_store
    from tradewarden.store import Store, VersionInfo

    original = store_module.Store.stage_version

    def stage_then_hang(self, source, entities, **kwargs):
        def announcing():
            for number, entity in enumerate(entities):
                if number == len(entities) // 2:
                    print("loading", flush=True)
                    import time
                    time.sleep(600)
                yield entity
        entities = list(entities)
        return original(self, source, announcing(), **kwargs)

    store_module.Store.stage_version = stage_then_hang
    with Store.from_url(sys.argv[1]) as store:
        load_into_store(store, Path(sys.argv[2]))
    """
)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_in_the_middle_of_a_load_keeps_previous_version(store_url: str, tmp_path: Path) -> None:
    fmt = LIST_FILES["csl"]
    with Store.from_url(store_url) as store:
        previous = _good_version(store, tmp_path, fmt)
    fmt.write(tmp_path, fmt.content(5000))
    kill_when_ready(_KILLED_LOAD, store_url, str(tmp_path), ready="loading")
    with Store.from_url(store_url) as store:
        assert store.current(fmt.source) == previous
        assert sum(1 for _ in store.current_entities([fmt.source])) == 20
        # The next load fails the abandoned staging version and promotes the new file.
        store.cleanup_staged(timedelta(0))
        assert_store_unchanged(store, fmt.source, previous)
        [outcome] = load_into_store(store, tmp_path, force=True)
        assert outcome.status is UpdateStatus.UPDATED and outcome.counts["entities"] == 5000

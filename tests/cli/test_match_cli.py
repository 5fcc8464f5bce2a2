"""``tradewarden match`` on a small store built from inline FtM entities."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tradewarden.cli import app
from tradewarden.settings import get_settings

ENTITIES = [
    {"id": "ofac-1", "schema": "Organization", "properties": {"name": ["Joint Stock Company Kalashnikov Concern"], "alias": ["Концерн Калашников"], "country": ["ru"]}, "target": True},
    {"id": "ofac-2", "schema": "Person", "properties": {"name": ["Sergei Kuzhugetovich Shoigu"], "birthDate": ["1955-05-21"]}, "target": True},
]


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    folder = tmp_path / "mirror" / "opensanctions_ftm"
    folder.mkdir(parents=True)
    (folder / "entities.ftm.json").write_text("\n".join(json.dumps(e, ensure_ascii=False) for e in ENTITIES) + "\n", encoding="utf-8")
    environment = {"TRADEWARDEN_HOME": str(tmp_path / "home"), "TRADEWARDEN_DATABASE_URL": ""}
    get_settings.cache_clear()
    runner = CliRunner(env=environment)
    result = runner.invoke(app, ["lists", "update", "--from", str(tmp_path / "mirror"), "--no-progress"])
    assert result.exit_code == 0, result.output
    return environment


def test_match_finds_reordered_person_and_explains(env: dict[str, str]) -> None:
    get_settings.cache_clear()
    result = CliRunner(env=env).invoke(app, ["match", "Shoigu Sergei", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["matches"][0]["source_id"] == "ofac-2"
    assert "Shoigu" in payload["matches"][0]["explanation"] or "shoigu" in payload["matches"][0]["explanation"].lower()


def test_match_clean_name_has_no_match(env: dict[str, str]) -> None:
    get_settings.cache_clear()
    result = CliRunner(env=env).invoke(app, ["match", "Hans Müller Maschinenbau GmbH", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["matches"] == []


def test_match_without_name_is_a_clear_error(env: dict[str, str]) -> None:
    get_settings.cache_clear()
    result = CliRunner(env=env).invoke(app, ["match"])
    assert result.exit_code != 0
    assert "Traceback" not in result.output


def test_match_batch_mode_writes_one_row_per_record(env: dict[str, str], tmp_path: Path) -> None:
    source = tmp_path / "parties.jsonl"
    source.write_text(
        json.dumps({"id": "a", "name": "Shoigu Sergei"}) + "\n" + json.dumps({"id": "b", "name": "Hans Müller"}) + "\n",
        encoding="utf-8",
    )
    target = tmp_path / "out.jsonl"
    get_settings.cache_clear()
    result = CliRunner(env=env).invoke(app, ["match", "--in", str(source), "--out", str(target)])
    assert result.exit_code == 0, result.output
    rows = {row["id"]: row for row in map(json.loads, target.read_text(encoding="utf-8").splitlines())}
    assert rows["a"]["matches"][0]["source_id"] == "ofac-2"
    assert {"source", "source_id", "entity_id", "caption", "matched_name", "score", "explanation"} <= set(rows["a"]["matches"][0])
    assert rows["b"]["matches"] == []

"""bench/rescreen.py runs end to end on a five-entry SDN fixture and reports consistent figures."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[2] / "bench"


def test_the_rescreen_benchmark_runs_small(fixtures_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(BENCH))
    import _common
    import rescreen

    monkeypatch.setattr(_common, "ROOT", tmp_path)
    monkeypatch.setattr(sys, "argv", [
        "rescreen.py", "--snapshot", str(fixtures_dir / "ofac" / "sdn.csv"), "--aliases", str(tmp_path / "none.csv"),
        "--parties", "60", "--sample", "20", "--results", str(tmp_path / "results"),
    ])
    assert rescreen.main() == 0
    result = json.loads((tmp_path / "results" / "rescreen.json").read_text())
    assert result["parties"] == 60 and result["full_sample"] == 20
    assert result["planted_agree"] is True and result["planted_alerted"] == result["planted_full_found"] > 0
    assert result["notes"] == result["delta"]["removed"] > 0
    assert result["sample_full_hits_alerted"] == result["sample_full_hits_on_delta"]
    assert "Delta versus full re-screen" in (tmp_path / "results" / "rescreen.md").read_text()

"""A batch killed mid-run (SIGKILL, in a subprocess) and started again with the same arguments
continues from its checkpoint and writes output identical to an uninterrupted run."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tradewarden.batch import BatchJob, ScreenOptions, run_batch
from tradewarden.match import MatchIndex

FIRST = ["Ivan", "Olga", "Hassan", "Pavel", "Anna", "Mohammed", "Li", "Maria", "Sergei", "Fatima"]
LAST = ["Sidorov", "Ivanova", "Rouhani", "Romashka", "Petrov", "Rosoboronexport", "Wei", "Huawei", "Smith"]


def _command(source: Path, out: Path, index_file: Path) -> list[str]:
    return [sys.executable, "-m", "tradewarden", "batch", str(source), "--out", str(out), "--index", str(index_file),
            "--chunk-size", "50", "--min-score", "0.6", "--no-progress"]


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_killed_run_resumes_to_identical_output(index: MatchIndex, index_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "parties.jsonl"
    with source.open("w", encoding="utf-8") as handle:
        for i in range(3000):  # distinct names: no two records share a cached result
            name = f"{FIRST[i % 10]} {LAST[i // 10 % 9]} {i}" if i % 97 else ""
            handle.write(json.dumps({"id": f"r{i}", "name": name, "country": "ru" if i % 3 else None}) + "\n")
    reference = BatchJob(source, tmp_path / "reference" / "out.parquet", chunk_size=50,
                         options=ScreenOptions(min_score=0.6))
    run_batch(reference, index)

    out = tmp_path / "run" / "out.parquet"
    env = {**os.environ, "TRADEWARDEN_HOME": str(tmp_path / "home")}
    manifest = out.with_name("out.parquet.parts") / "manifest.json"
    killed = subprocess.Popen(_command(source, out, index_file), env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    done: list[int] = []
    while time.monotonic() < deadline and killed.poll() is None:
        try:
            done = json.loads(manifest.read_text())["completed"]
        except (OSError, ValueError, KeyError):
            done = []
        if len(done) >= 3:
            killed.send_signal(signal.SIGKILL)
            break
        time.sleep(0.01)
    killed.communicate(timeout=60)
    assert killed.returncode == -signal.SIGKILL, "the run ended before it could be killed"
    left = json.loads(manifest.read_text())["completed"]
    assert 3 <= len(left) < 60 and not out.exists()

    resumed = subprocess.run(_command(source, out, index_file), env=env, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr
    assert f"{len(left)} of 60 chunks resumed" in " ".join(resumed.stdout.split())
    assert out.read_bytes() == reference.output.read_bytes()
    assert out.with_name("out.rejects.csv").read_bytes() == reference.rejects_path.read_bytes()
    assert not manifest.parent.exists()

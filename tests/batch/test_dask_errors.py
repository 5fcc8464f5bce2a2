"""Dask problems reach the user as one ``ConfigError`` line: an unreachable scheduler, no Dask."""

from __future__ import annotations

import builtins
from pathlib import Path

import pytest

from tradewarden.batch import BatchJob, run_batch
from tradewarden.batch.dask_engine import DaskEngine
from tradewarden.errors import ConfigError
from tradewarden.match import MatchIndex


@pytest.fixture
def parties(tmp_path: Path) -> Path:
    path = tmp_path / "parties.csv"
    path.write_text("id,name\n1,Ivan\n", encoding="utf-8")
    return path


def test_unreachable_scheduler(index: MatchIndex, parties: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("distributed")
    monkeypatch.setattr("tradewarden.batch.dask_engine.CONNECT_TIMEOUT", 1.0)
    engine = DaskEngine(scheduler="tcp://127.0.0.1:9")
    with pytest.raises(ConfigError, match="cannot start Dask on tcp://127.0.0.1:9"):
        run_batch(BatchJob(parties, tmp_path / "out.jsonl"), index, engine)
    assert engine.client is None


def test_missing_dask_names_the_extra(index: MatchIndex, parties: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_distributed(name: str, *args: object, **kwargs: object) -> object:
        if name == "distributed":
            raise ImportError("No module named 'distributed'")
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    with pytest.raises(ConfigError, match=r"pip install 'tradewarden\[dask\]'"):
        run_batch(BatchJob(parties, tmp_path / "out.jsonl"), index, DaskEngine())

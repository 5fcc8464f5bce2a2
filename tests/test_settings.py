from __future__ import annotations

from pathlib import Path

import pytest

from tradewarden.settings import Settings


def test_sqlite_under_home_by_default(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path)
    assert settings.resolved_database_url() == f"sqlite:///{tmp_path / 'tradewarden.db'}"


def test_environment_prefix(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TRADEWARDEN_HOME", str(tmp_path))
    monkeypatch.setenv("TRADEWARDEN_DATABASE_URL", "postgresql+psycopg://u@h/db")
    monkeypatch.setenv("TRADEWARDEN_MAX_SHRINK", "0.5")
    settings = Settings()
    assert settings.home == tmp_path
    assert settings.resolved_database_url() == "postgresql+psycopg://u@h/db"
    assert settings.max_shrink == 0.5

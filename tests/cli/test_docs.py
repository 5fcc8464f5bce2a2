"""The CLI documents itself: every command has help text with an example and is in docs/cli.md."""

from __future__ import annotations

from pathlib import Path

import typer
from typer.main import get_command

from tradewarden.cli import app

DOCS = Path(__file__).resolve().parents[2] / "docs" / "cli.md"


def _commands(group: typer.core.TyperGroup, prefix: str) -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}".strip()
        if hasattr(command, "commands"):
            found.extend(_commands(command, path))  # type: ignore[arg-type]
        else:
            found.append((path, command))
    return found


def test_every_command_has_help_with_example_and_is_documented() -> None:
    root = get_command(app)
    commands = _commands(root, "")  # type: ignore[arg-type]
    assert commands, "no commands registered"
    docs = DOCS.read_text(encoding="utf-8")
    for path, command in commands:
        help_text = getattr(command, "help", None) or ""
        assert help_text.strip(), f"`tradewarden {path}` has no help text"
        assert "Example:" in help_text, f"`tradewarden {path}` help lacks an Example: line"
        assert f"tradewarden {path}" in docs, f"`tradewarden {path}` is not in docs/cli.md"

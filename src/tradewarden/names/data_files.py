"""Reading the package's word tables (``names/data/*.txt``): one entry a line, ``#`` comments."""

from __future__ import annotations

from importlib import resources


def data_lines(name: str) -> list[str]:
    """The entries of one word table, without comments and blank lines.

    Args:
        name: the file name under ``tradewarden/names/data`` (``"particles.txt"``).
    Returns:
        Each remaining line, stripped of surrounding white space (tabs inside are kept).
    """
    text = resources.files("tradewarden.names").joinpath(f"data/{name}").read_text("utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]

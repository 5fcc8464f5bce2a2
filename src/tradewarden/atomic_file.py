"""Write a file so that readers see the old content or the new, never a part of it.

Each writer uses a temporary name of its own in the target's folder, then renames it over the
target: several processes (server workers warming up together) may write the same cache file at
once, and the last rename wins. The temporary file is created private (mode 0600), so this is for
the project's own caches and work files.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any


def _replace_with(path: Path, write: Callable[[IO[bytes]], object]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle_fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            write(handle)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_bytes(data: bytes, path: Path) -> None:
    """Write ``data`` to ``path`` atomically (creating the folder if needed)."""
    _replace_with(path, lambda handle: handle.write(data))


def write_pickle(value: Any, path: Path) -> None:
    """Pickle ``value`` to ``path`` atomically (creating the folder if needed).

    Args:
        value: what to pickle.
        path: the target file.
    """
    _replace_with(path, lambda handle: pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL))


__all__ = ["write_bytes", "write_pickle"]

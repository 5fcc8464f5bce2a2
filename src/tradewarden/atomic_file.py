"""Write a file so that readers see the old content or the new, never a part of it.

Each writer uses a temporary name of its own in the target's folder, then renames it over the
target: several processes (server workers warming up together) may write the same cache file at
once, and the last rename wins.
"""

from __future__ import annotations

import os
import pickle
import tempfile
from pathlib import Path
from typing import Any


def write_pickle(value: Any, path: Path) -> None:
    """Pickle ``value`` to ``path`` atomically (creating the folder if needed).

    Args:
        value: what to pickle.
        path: the target file.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle_fd, tmp_name = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(handle_fd, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


__all__ = ["write_pickle"]

"""Split one written name into the names it holds: ``X (Y)``, ``X / Y`` and ``X; Y`` forms.

Lists often pack an abbreviation or a second script into one name field
(``Акционерное Общество «Алмаз» (АО «Алмаз»)``, ``Ирина ПОПОВА / Iрина ПОПОВА``); each part is
compared on its own, and the name without its bracketed part too. Pure string handling.
"""

from __future__ import annotations

import re
from functools import lru_cache

_BRACKETED = re.compile(r"[(\[{]([^()\[\]{}]*)[)\]}]")
_SPLITS = re.compile(r"\s+/\s+|;\s*")
_MIN_PART = 3


@lru_cache(maxsize=65536)
def name_variants(name: str) -> tuple[str, ...]:
    """The name itself plus the separate names packed into it.

    Args:
        name: a name as written.
    Returns:
        ``name`` first, then (if any) each ``/``- or ``;``-separated part, the name without
        bracketed text, and each bracketed text; parts shorter than three characters are
        dropped, duplicates removed.
    """
    found: list[str] = [name]

    def add(text: str) -> None:
        text = " ".join(text.split()).strip(" ,.-")
        if len(text) >= _MIN_PART and text not in found:
            found.append(text)

    parts = _SPLITS.split(name) if ("/" in name or ";" in name) else [name]
    for part in parts:
        add(part)
        if "(" in part or "[" in part or "{" in part:
            add(_BRACKETED.sub(" ", part))
            for inner in _BRACKETED.findall(part):
                add(inner)
    return tuple(found)

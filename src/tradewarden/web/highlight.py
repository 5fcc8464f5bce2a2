"""Highlighting the words two names share, for the case page's evidence (pure).

Words are compared case- and accent-insensitively (via ``rigour``'s ASCII transliteration),
so ``NASRALLAH, Hasan`` and ``Hasan Nasrallah`` mark both words; the output is escaped HTML.
"""

from __future__ import annotations

import re

from markupsafe import Markup, escape
from rigour.text.scripts import can_latinize
from rigour.text import ascii_text

_WORD = re.compile(r"\w+", re.UNICODE)


def _key(word: str) -> str:
    text = ascii_text(word) if can_latinize(word) else word
    return text.casefold()


def highlight(text: object, other: object) -> Markup:
    """``text`` as HTML with each word that also occurs in ``other`` wrapped in ``<mark>``.

    Args:
        text: the name to show.
        other: the name to compare with.
    Returns:
        Escaped HTML.
    """
    shown = "" if text is None else str(text)
    keys = {_key(w) for w in _WORD.findall("" if other is None else str(other))}
    out: list[str] = []
    last = 0
    for found in _WORD.finditer(shown):
        out.append(str(escape(shown[last:found.start()])))
        word = found.group(0)
        if _key(word) in keys and len(word) > 1:
            out.append(f"<mark>{escape(word)}</mark>")
        else:
            out.append(str(escape(word)))
        last = found.end()
    out.append(str(escape(shown[last:])))
    return Markup("".join(out))

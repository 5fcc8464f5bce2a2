"""Blocking keys: which listed names a query name is compared with at all.

Each analysed name yields keys: its tokens, their consonant skeletons (``~mhmd``), adjacent
tokens fused (``abdulrahman`` from ``abdul rahman``), all its tokens run together (``=xijinping``),
and the first and last four letters of longer tokens (``<rosn``, ``>port``), so a typo in one half
of a single-word name still finds it. The index keeps an inverted list per key; a query adds up
the IDF of the keys it shares with each listed name and compares only the best few.
"""

from __future__ import annotations

from tradewarden.names.analyze import NameForm
from tradewarden.names.phonetic import skeleton

#: Tokens at least this long also get prefix and suffix keys.
MIN_AFFIX_LENGTH = 6
#: Prefix and suffix keys count this much of their IDF (they are weaker evidence).
AFFIX_WEIGHT = 0.5


def affix_keys(token: str) -> tuple[str, ...]:
    """The ``<prefix`` and ``>suffix`` keys of a token long enough to have them."""
    if len(token) < MIN_AFFIX_LENGTH:
        return ()
    return ("<" + token[:4], ">" + token[-4:])


def name_keys(form: NameForm, affixes: bool = True) -> set[str]:
    """The blocking keys of one analysed name.

    Args:
        form: an analysed name.
        affixes: include the prefix and suffix keys of every token (the index does; a query
            adds them only for tokens the index does not know).
    Returns:
        Plain tokens, ``~skeleton`` keys, ``<prefix``/``>suffix`` keys, fused adjacent tokens
        and the ``=joined`` key.
    """
    keys: set[str] = set()
    tokens = form.tokens
    for token, skel, weight in zip(tokens, form.skeletons, form.weights):
        if weight < 1.0 or len(token) < 2:
            continue
        keys.add(token)
        if affixes:
            keys.update(affix_keys(token))
        if len(skel) >= 2:
            keys.add("~" + skel)
    for left, right in zip(tokens, tokens[1:]):
        fused = left + right
        keys.add(fused)
        skel = skeleton(fused)
        if len(skel) >= 3:
            keys.add("~" + skel)
    if len(tokens) > 1:
        keys.add("=" + form.joined)
    return keys

"""Name parts that carry little identity: particles, titles, generic organisation words.

Particles (al-, bin, ibn, abu, van, de ...) come from ``data/particles.txt`` and generic
organisation words (company, joint, stock, obshchestvo ...) from ``data/org_words.txt``, each with
the reasoning beside it; titles and honorifics ("Mr", "Dr", "Sheikh" ...) are removed with
rigour's person-prefix table.
"""

from __future__ import annotations

from functools import lru_cache
from importlib import resources

from rapidfuzz.distance import OSA
from rigour.names import remove_person_prefixes


def _load_words(name: str) -> frozenset[str]:
    text = resources.files("tradewarden.names").joinpath(f"data/{name}").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


PARTICLES: frozenset[str] = _load_words("particles.txt")
ORG_WORDS: frozenset[str] = _load_words("org_words.txt")

#: Weight of a generic organisation word relative to an ordinary name token.
ORG_WORD_WEIGHT = 0.3

#: Weight of a particle relative to an ordinary name token when names are compared.
PARTICLE_WEIGHT = 0.25


def is_particle(token: str) -> bool:
    """Whether an ASCII token is a name particle (``al``, ``bin``, ``abu``, ``van`` ...).

    Args:
        token: one lower-case ASCII token.
    Returns:
        True for particles.
    """
    return token in PARTICLES


@lru_cache(maxsize=65536)
def is_org_word(token: str) -> bool:
    """Whether an ASCII token is a generic organisation word, or a one-letter misspelling of one.

    Args:
        token: one lower-case ASCII token.
    Returns:
        True for ``company``, ``cimpany``, ``obshchyestvo`` ...; False for distinctive words.
    """
    if token in ORG_WORDS:
        return True
    if len(token) < 6:
        return False
    return any(
        abs(len(word) - len(token)) <= 1 and OSA.distance(word, token, score_cutoff=1) <= 1
        for word in ORG_WORDS
        if len(word) >= 6
    )


def strip_titles(text: str) -> str:
    """Remove leading titles and honorifics from a casefolded person name.

    Args:
        text: a casefolded person name (``"mr john smith"``).
    Returns:
        The name without its titles (``"john smith"``), or ``text`` if nothing would remain.
    """
    rest = remove_person_prefixes(text).strip()
    return rest or text

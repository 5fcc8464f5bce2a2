"""Person-name parts: particles (al-, bin, ibn, abu, van, de ...) and titles.

Particles come from ``data/particles.txt`` (with the reasoning beside them); titles and honorifics
("Mr", "Dr", "Sheikh" ...) are removed with rigour's person-prefix table.
"""

from __future__ import annotations

from importlib import resources

from rigour.names import remove_person_prefixes


def _load_particles() -> frozenset[str]:
    text = resources.files("tradewarden.names").joinpath("data/particles.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


PARTICLES: frozenset[str] = _load_particles()

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


def strip_titles(text: str) -> str:
    """Remove leading titles and honorifics from a casefolded person name.

    Args:
        text: a casefolded person name (``"mr john smith"``).
    Returns:
        The name without its titles (``"john smith"``), or ``text`` if nothing would remain.
    """
    rest = remove_person_prefixes(text).strip()
    return rest or text

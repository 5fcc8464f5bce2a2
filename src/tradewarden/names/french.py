"""Which Latin tokens read as a French transcription of an Arabic name, and how English writes them.

``phonetic.french_reading`` gives the reading of any token with French letters (``ou``, ``ch``,
``dj``); ``english_reading`` keeps it only for tokens that may be such a name: not one Chinese or
Korean syllable (Chen / Shen, Chung / Jung are two names there) and not an East Slavic name by
its ending (Chernov / Shernov: Russian ch and sh are two sounds). The comparison
(``compare._Facts``) and blocking (``match.blocking.name_keys``) read tokens so.
"""

from __future__ import annotations

from functools import lru_cache

from tradewarden.names.east_asian import CHINESE_SYLLABLES, korean_key
from tradewarden.names.parts import name_role
from tradewarden.names.phonetic import french_reading


@lru_cache(maxsize=131072)
def english_reading(token: str) -> str:
    """A lower-case ASCII token as English transcriptions of Arabic write it, where it reads as a
    French one (``phonetic.french_reading``: Cherif -> sherif, Ouaz -> waz); the token itself
    otherwise, and for one Chinese or Korean syllable or an East Slavic name (``parts.name_role``).

    Args:
        token: a lower-case ASCII word.
    Returns:
        The English reading, or ``token``.
    """
    reading = french_reading(token)
    if reading == token or name_role(token) is not None or token in CHINESE_SYLLABLES or korean_key(token) is not None:
        return token
    return reading

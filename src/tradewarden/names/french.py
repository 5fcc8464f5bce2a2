"""Which Latin tokens read as a French transcription of an Arabic name, and how English writes them.

``phonetic.french_reading`` gives the reading of any token with French letters (``ou``, ``ch``,
``dj``); ``english_reading`` keeps it only for tokens that may be such a name: not one Chinese or
Korean syllable (Chen / Shen, Chung / Jung are two names there) and not an East Slavic name by
its ending (Chernov / Shernov: Russian ch and sh are two sounds). The comparison
(``compare._Facts``) and blocking (``match.blocking.name_keys``) read tokens so.
``diphthong_reading`` writes Arabic's diphthong ay and a doubled consonant one way (Husayn /
Hussein / Hussain, Ubayd / Obeid) for the same kind of token; the comparison reads tokens so too.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Final

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
    if reading == token or name_role(token) is not None or _east_asian_syllable(token):
        return token
    return reading


def _east_asian_syllable(token: str) -> bool:
    """Whether a Latin token is one Chinese or Korean syllable (Wei / Wai, Mei / Mai are two there)."""
    return token in CHINESE_SYLLABLES or korean_key(token) is not None


#: Arabic's diphthong ay as English and French transcriptions write it, before a consonant or at
#: the end of a word: ay, ai, ei, ey (Husayn / Hussain / Hussein, Zayd / Zaid / Zeid, Haytham /
#: Heitham, Shaykh / Sheikh). Source: Wikipedia, "Romanization of Arabic" (diphthongs ay and aw).
_DIPHTHONG: Final = re.compile("(?:ay|ai|ei|ey)(?![aeiouy])")
#: A doubled consonant (Arabic's shadda, written or not: Hussein / Husayn).
_DOUBLED: Final = re.compile(r"([b-df-hj-np-tv-xz])\1")
#: Tokens shorter than this are not read so (Bai / Bei, Kai / Kei are other words).
DIPHTHONG_MIN_LETTERS: Final = 4


def has_diphthong(token: str) -> bool:
    """Whether ``diphthong_reading`` reads Arabic's diphthong ay in a lower-case ASCII token
    (Husayn, Hussein, Zeid: yes; Hasan, Bai, Wei: no)."""
    return (
        len(token) >= DIPHTHONG_MIN_LETTERS and _DIPHTHONG.search(token) is not None and not _east_asian_syllable(token)
    )


@lru_cache(maxsize=131072)
def diphthong_reading(token: str) -> str:
    """A lower-case ASCII token with Arabic's diphthong ay written ``ay`` however it is spelt
    (``_DIPHTHONG``) and, in such a token only, doubled consonants written once (Dennis / Denise
    keep theirs: a doubled letter alone says no name is Arabic), for a token of ``DIPHTHONG_MIN_LETTERS``
    letters or more that is not one Chinese or Korean syllable; the token itself otherwise.
    Hussein, Hussain and Husayn all read ``husayn``; Obeid ``obayd``, Ubayd ``ubayd``. Russian
    й after a vowel is spelt so too (Gaidar / Gaydar, Sergeyev), one name either way.

    Args:
        token: a lower-case ASCII word (respelt, ``phonetic.respell``, or as written).
    Returns:
        The reading, or ``token``.
    """
    if not has_diphthong(token):
        return token
    return _DIPHTHONG.sub("ay", _DOUBLED.sub(r"\1", token))

"""The table of list file formats: how each is recognised and which parser reads it.

Each parser module exports ``FORMATS``; :data:`ALL_FORMATS` collects them in the order in
which files of one source are parsed (``order``: primary files before the files that
add aliases, addresses or comments to them).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from tradewarden.lists.base import ParseResult, Parser


@dataclass(frozen=True, slots=True)
class Format:
    """One recognisable file format.

    Attributes:
        name: short format name (``ofac_sdn_csv``).
        default_source: the source a file of this format belongs to when its folder
            does not say.
        sniff: ``(file_name, head_bytes) -> bool``; ``head_bytes`` are the first 64 KiB
            of the (decompressed) content, ``file_name`` is lower-case without .gz/.zip.
        parse: reads one file into the parse context.
        order: files of one source are parsed by ascending order.
        finalize: called once per source after all its files are parsed.
        unique_ids: every record carries its own id, so an id seen twice in one file is
            reported as a problem (formats keyed by name, or with one row per alias, are not).
    """

    name: str
    default_source: str
    sniff: Callable[[str, bytes], bool]
    parse: Parser
    order: int = 0
    finalize: Callable[[ParseResult], None] | None = None
    unique_ids: bool = False

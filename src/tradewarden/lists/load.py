"""Load list files from disk into parse results: decompress, sniff the format, parse.

A folder is read recursively. Its first-level sub-folders name the source
(``us_ofac_sdn/sdn.csv``); a file elsewhere belongs to its format's default source.
"""

from __future__ import annotations

import gzip
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path

from tradewarden.errors import ListFormatError
from tradewarden.lists.base import ParseContext, ParseResult
from tradewarden.lists.formats import Format
from tradewarden.lists.registry import ALL_FORMATS
from tradewarden.lists.sources import FOLDER_ALIASES, SOURCES

SNIFF_BYTES = 64 * 1024
_SKIP_SUFFIXES = {".md", ".txt.sha256", ".sha256"}
_SKIP_NAMES = {"sha256sums", "provenance.md", "format.md", "readme.md", "delta.json"}


def read_members(path: Path) -> Iterator[tuple[str, bytes]]:
    """Yield ``(logical_name, content)`` for a file, opening .gz and .zip transparently."""
    raw = path.read_bytes()
    name = path.name
    if raw[:2] == b"\x1f\x8b":
        try:
            yield name.removesuffix(".gz").removesuffix(".GZ"), gzip.decompress(raw)
        except (OSError, EOFError) as exc:
            raise ListFormatError(f"{path.name}: broken gzip file: {exc}", file=str(path)) from exc
        return
    if raw[:4] == b"PK\x03\x04" and name.lower().endswith(".zip"):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                for info in archive.infolist():
                    if not info.is_dir():
                        yield info.filename, archive.read(info)
        except zipfile.BadZipFile as exc:
            raise ListFormatError(f"{path.name}: broken zip file: {exc}", file=str(path)) from exc
        return
    yield name, raw


def sniff(name: str, content: bytes) -> Format | None:
    """The format of a file from its name and first bytes, or None if unknown."""
    lname = name.lower().rsplit("/", 1)[-1]
    head = content[:SNIFF_BYTES]
    for fmt in ALL_FORMATS:
        if fmt.sniff(lname, head):
            return fmt
    return None


def _skip(path: Path) -> bool:
    lname = path.name.lower()
    return lname in _SKIP_NAMES or lname.startswith(".")


def source_of(path: Path, root: Path) -> str | None:
    """The source named by the first folder of ``path`` below ``root``, if it is one."""
    try:
        parts = path.relative_to(root).parts
    except ValueError:
        return None
    if len(parts) < 2:
        return None
    folder = FOLDER_ALIASES.get(parts[0], parts[0])
    return folder if folder in SOURCES else None


def parse_files(source: str, files: list[Path], strict_source: bool = False) -> ParseResult:
    """Parse the files of one source into a single result.

    Args:
        source: the source name the entities are filed under.
        files: files of that source; unknown formats are reported as problems.
        strict_source: unused hook for callers that insist every file is recognised.
    Returns:
        The merged parse result with every problem found.
    """
    result = ParseResult(source=source)
    work: list[tuple[Format, Path, str, bytes]] = []
    for path in files:
        for name, content in read_members(path):
            fmt = sniff(name, content)
            if fmt is None:
                result.problems.append(_unknown(path, name))
                continue
            work.append((fmt, path, name, content))
    work.sort(key=lambda item: (item[0].order, item[2]))
    finalizers: list[Format] = []
    for fmt, path, name, content in work:
        ctx = ParseContext(source, Path(name), result, unique_ids=fmt.unique_ids)
        fmt.parse(content, ctx)
        result.files.append(path)
        if fmt.finalize is not None and fmt not in finalizers:
            finalizers.append(fmt)
    for fmt in finalizers:
        assert fmt.finalize is not None
        fmt.finalize(result)
    return result


def _unknown(path: Path, name: str):  # type: ignore[no-untyped-def]
    from tradewarden.lists.base import Problem

    return Problem(name if name != path.name else path.name, None, "unrecognised file format; skipped")


def group_folder(root: Path) -> dict[str, list[Path]]:
    """Files below ``root`` grouped by source (folder name, else sniffed format)."""
    groups: dict[str, list[Path]] = {}
    if root.is_file():
        paths = [root]
        root = root.parent
    else:
        paths = sorted(p for p in root.rglob("*") if p.is_file() and not _skip(p))
    for path in paths:
        source = source_of(path, root)
        if source is None:
            source = _source_by_sniffing(path)
        if source is None:
            continue
        groups.setdefault(source, []).append(path)
    return groups


def _source_by_sniffing(path: Path) -> str | None:
    try:
        for name, content in read_members(path):
            fmt = sniff(name, content)
            if fmt is not None:
                return fmt.default_source
    except ListFormatError:
        return None
    return None


def load_folder(root: Path, sources: list[str] | None = None) -> dict[str, ParseResult]:
    """Parse every list file below ``root``.

    Args:
        root: a folder laid out like ``shared/data/lists`` (or a single file).
        sources: only these sources, if given.
    Returns:
        One parse result per source found.
    """
    results: dict[str, ParseResult] = {}
    for source, files in group_folder(root).items():
        if sources is not None and source not in sources:
            continue
        results[source] = parse_files(source, files)
    return results

"""Compiled (mypyc) builds of the hot name-comparison and matching modules, used only while they match their source.

``scripts/build_native.py`` (run by ``make``) compiles each module of ``NATIVE_MODULES`` with
mypyc, puts the extension beside its ``.py`` and records the sha256 of the source it was built
from in ``native_hashes.json`` (beside this file). The compiled modules compute the same results
bit for bit (``tests/names/test_compare_equivalence.py`` and ``tests/match/test_equivalence.py``
run against whichever is loaded), only sooner.

Python imports an extension before a ``.py`` of the same name, so a package holding one calls
``prefer_fresh_source`` before anything imports its modules: a module whose extension was built
from other source (the ``.py`` edited since), or left over from a module no longer compiled, is
loaded from its ``.py`` instead, with one warning.
Without a compiler there is no extension and the ``.py`` runs. Build artefacts are gitignored.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

#: The modules compiled by ``scripts/build_native.py`` (each on its own: no shared library).
NATIVE_MODULES = (
    "tradewarden.names.abjad",
    "tradewarden.names.compare",
    "tradewarden.match.ranking",
)
#: The sha256 of each compiled module's source at build time, beside this file.
HASHES_FILE = "native_hashes.json"

_ROOT = Path(__file__).resolve().parent
_log = logging.getLogger(__name__)


def source_path(module: str) -> Path:
    """The ``.py`` file of a ``tradewarden`` module."""
    return _ROOT.joinpath(*module.split(".")[1:]).with_suffix(".py")


def extension_paths(module: str, runtime: bool = False) -> list[Path]:
    """The compiled extensions of a module present beside its source (normally none or one).

    Args:
        module: the dotted module name.
        runtime: also the module's mypyc runtime library (``abjad__mypyc``), which it imports.
    """
    source = source_path(module)
    stems = (source.stem, source.stem + "__mypyc") if runtime else (source.stem,)
    candidates = (source.with_name(stem + suffix) for stem in stems for suffix in EXTENSION_SUFFIXES)
    return [path for path in candidates if path.is_file()]


def source_digest(path: Path) -> str:
    """The sha256 of a source file, as recorded at build time."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def recorded_digests() -> dict[str, str]:
    """Module -> sha256 of the source its extension was built from ({} when none was built)."""
    try:
        data = json.loads((_ROOT / HASHES_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def compiled_modules(package: str) -> list[str]:
    """The modules of ``package`` with an extension beside their ``.py``: those of ``NATIVE_MODULES``
    and any other left there (a module once compiled and since dropped from the list), so that
    no extension is imported unchecked."""
    directory = _ROOT.joinpath(*package.split(".")[1:])
    found = {module for module in NATIVE_MODULES if module.rpartition(".")[0] == package and extension_paths(module)}
    for suffix in EXTENSION_SUFFIXES:
        for path in directory.glob("*" + suffix):
            stem = path.name[: -len(suffix)]
            if not stem.endswith("__mypyc") and path.with_name(stem + ".py").is_file():
                found.add(f"{package}.{stem}")
    return sorted(found)


def stale_modules(package: str) -> list[str]:
    """The modules of ``package`` with an extension not built from their current source (an
    extension of a module not in ``NATIVE_MODULES`` has no recorded source and is stale)."""
    recorded = recorded_digests()
    return [
        module for module in compiled_modules(package)
        if module not in NATIVE_MODULES or recorded.get(module) != source_digest(source_path(module))
    ]


def prefer_fresh_source(package: str) -> None:
    """Load from its ``.py`` every module of ``package`` whose extension is stale (see above).

    Args:
        package: the dotted package name (``"tradewarden.names"``), called from its ``__init__``.
    """
    for module in stale_modules(package):
        if module in sys.modules:
            continue
        source = source_path(module)
        spec = importlib.util.spec_from_file_location(module, source)
        if spec is None or spec.loader is None:  # pragma: no cover - a .py file always has a spec
            continue
        loaded = importlib.util.module_from_spec(spec)
        sys.modules[module] = loaded
        try:
            spec.loader.exec_module(loaded)
        except BaseException:
            del sys.modules[module]
            raise
        if module in NATIVE_MODULES:
            _log.warning(
                "%s: the compiled module was built from other source than %s; running the source "
                "(run `make` to rebuild it)", module, source.name,
            )
        else:
            _log.warning(
                "%s: a compiled module of a module no longer compiled (not in NATIVE_MODULES) lies beside "
                "%s; running the source (`make native` removes it)", module, source.name,
            )

"""Party matching: candidate index, explained features, weighted score.

``MatchIndex.build(entities)`` (or ``MatchIndex.load(path)``) then ``index.match(Query(...))``
returns ``Match`` objects, best first, each with its ``FeatureResult`` evidence and explanation.
"""

import sys as _sys
import types as _types
from typing import Any as _Any

from tradewarden._native import prefer_fresh_source as _prefer_fresh_source

_prefer_fresh_source(__name__)  # before any module of the package is imported (``_native``)

from tradewarden.match.index import MatchIndex  # noqa: E402
from tradewarden.match.model import DEFAULT_THRESHOLD, FeatureResult, Match, MatchKind, Query  # noqa: E402

__all__ = ["DEFAULT_THRESHOLD", "FeatureResult", "Match", "MatchIndex", "MatchKind", "Query"]


class _CallableModule(_types.ModuleType):
    """Lets ``tradewarden.match(...)`` be called while staying the ``match`` package."""

    def __call__(self, *args: _Any, **kwargs: _Any) -> list[Match]:
        from tradewarden.match.call import match

        return match(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule

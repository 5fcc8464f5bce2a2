"""Party matching: candidate index, explained features, weighted score.

``MatchIndex.build(entities)`` (or ``MatchIndex.load(path)``) then ``index.match(Query(...))``
returns ``Match`` objects, best first, each with its ``FeatureResult`` evidence and explanation.
"""

import sys as _sys
import types as _types
from typing import Any as _Any

from tradewarden.match.index import MatchIndex
from tradewarden.match.model import DEFAULT_THRESHOLD, FeatureResult, Match, MatchKind, Query

__all__ = ["DEFAULT_THRESHOLD", "FeatureResult", "Match", "MatchIndex", "MatchKind", "Query"]


class _CallableModule(_types.ModuleType):
    """Lets ``tradewarden.match(...)`` be called while staying the ``match`` package."""

    def __call__(self, *args: _Any, **kwargs: _Any) -> list[Match]:
        from tradewarden.match.call import match

        return match(*args, **kwargs)


_sys.modules[__name__].__class__ = _CallableModule

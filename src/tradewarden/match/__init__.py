"""Party matching: candidate index, explained features, weighted score.

``MatchIndex.build(entities)`` (or ``MatchIndex.load(path)``) then ``index.match(Query(...))``
returns ``Match`` objects, best first, each with its ``FeatureResult`` evidence and explanation.
"""

from tradewarden.match.index import MatchIndex
from tradewarden.match.model import DEFAULT_THRESHOLD, FeatureResult, Match, MatchKind, Query

__all__ = ["DEFAULT_THRESHOLD", "FeatureResult", "Match", "MatchIndex", "MatchKind", "Query"]

"""Parser module placeholder: FORMATS is filled in when the parser is written."""

from __future__ import annotations

from tradewarden.lists.formats import Format

FORMATS: list[Format] = []

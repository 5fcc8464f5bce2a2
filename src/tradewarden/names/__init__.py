"""Pure name handling: normalise, transliterate, legal forms, name parts, phonetic keys."""

from tradewarden._native import prefer_fresh_source as _prefer_fresh_source

_prefer_fresh_source(__name__)

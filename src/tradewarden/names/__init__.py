"""Pure name handling: normalise, transliterate, legal forms, name parts, phonetic keys."""

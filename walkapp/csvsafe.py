"""CSV writing that a spreadsheet opens as data: text that would start a formula is neutralised.

Every CSV the app writes goes through `writer()`. A participant's note or an action title that
begins with `=`, `+`, `-`, `@`, a tab or a carriage return would be run as a formula by Excel or
LibreOffice (e.g. `=HYPERLINK(...)` leaking a neighbouring cell), so such a text cell gets a leading
apostrophe, as OWASP advises. Numbers are left alone: a negative number stays a number.
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

    def __init__(self, file: TextIO, **options: Any) -> None:
        self._writer = csv.writer(file, **options)

    def writerow(self, row: Iterable[Any]) -> Any:
        return self._writer.writerow([safe_cell(value) for value in row])

    def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
        for row in rows:
            self.writerow(row)


def writer(file: TextIO, **options: Any) -> SafeWriter:
    """A CSV writer for anything that leaves the app; options as for csv.writer."""
    return SafeWriter(file, **options)

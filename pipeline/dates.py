"""Dates as the datasets type them: a date32 column holding the first day of the period named,
and a *_precision column (year, month, day) saying how much of it was printed."""

from __future__ import annotations

import re

PRECISIONS = ("year", "month", "day")


def typed_date(
    year: int | None, month: int | None = None, day: int | None = None
) -> tuple[str | None, str | None]:
    """(ISO date, precision): (2025, 9) -> ('2025-09-01', 'month'); (2025,) -> ('2025-01-01', 'year')."""
    if year is None:
        return None, None
    if month is None:
        return f"{year:04d}-01-01", "year"
    if day is None:
        return f"{year:04d}-{month:02d}-01", "month"
    return f"{year:04d}-{month:02d}-{day:02d}", "day"


def parse_printed(text: str | None) -> tuple[str | None, str | None]:
    """A date as written in ISO-ish text ('2025', '2025-12', '2025-12-03') -> typed_date."""
    m = re.fullmatch(r"\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*", text or "")
    if not m:
        return None, None
    return typed_date(*(int(g) if g else None for g in m.groups()))

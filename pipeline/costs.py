"""No stage may cost more than a bounded multiple of its median page (issue 14).

The stages that work page by page (extract, layout) time each page in CPU seconds; a page that
costs more than `limits.page_cost_multiple` times the stage's median page, and more than
`limits.page_cost_min_seconds` (under which no page is worth a reader's look, whatever the
median: a 2 ms median would make a 40 ms page "slow"), is named in a `page_slow` warning. The
hard stops stay where they are (`limits.page_seconds` for MuPDF's reading of a page, the tables'
budgets per area and per file); this says which page of an accepted file cost out of proportion,
so that its cause can be found.

CPU time of this process (a busy machine does not make a page slow). A collection of the garbage
collector falls on whichever page is being read and counts as its cost: a full one after a
760-page volume is read takes 0.1 s, well under the floor. (Its pauses are not taken out through
gc.callbacks: a time budget's signal handled inside a callback raises where the collector
swallows the exception, and the page would run past limits.page_seconds.)
"""

from __future__ import annotations

from statistics import median

from .models import RawDocument, Warning, WarningCode
from .rules import Rules
from .spreads import page_name


def slow_pages(stage: str, costs: dict[int, float], rules: Rules, raw: RawDocument) -> list[Warning]:
    """A `page_slow` warning for each page whose cost in this stage (page number as the stages
    read it -> CPU seconds) is past the bound: over `limits.page_cost_multiple` times the median
    page and over `limits.page_cost_min_seconds`. Pages are named as the PDF shows them."""
    if not costs:
        return []
    multiple = float(rules.get("limits", "page_cost_multiple", default=20))
    least = float(rules.get("limits", "page_cost_min_seconds", default=1.0))
    usual = median(costs.values())
    return [
        Warning(
            WarningCode.PAGE_SLOW,
            f"page {page_name(raw, page)}: {stage} took {cpu:.2f} s of CPU time, {cpu / usual:.0f}x its median page "
            f"({usual * 1000:.1f} ms; limits.page_cost_multiple {multiple:g})"
            if usual > 0
            else f"page {page_name(raw, page)}: {stage} took {cpu:.2f} s of CPU time, its median page none",
            page=page,
        )
        for page, cpu in sorted(costs.items())
        if cpu > least and cpu > multiple * usual
    ]


def by_page_read(raw: RawDocument, costs: dict[int, float]) -> dict[int, float]:
    """Costs by PDF page -> by page as the stages read it (a PDF page holding two facing pages
    is read as two: its cost goes to the first)."""
    first: dict[int, int] = {}
    for p in raw.pages:
        first.setdefault(p.sheet or p.number, p.number)
    return {first.get(n, n): cpu for n, cpu in costs.items()}

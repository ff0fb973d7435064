"""Stage 5: tables. pdfplumber reads only the table areas the layout stage found (never whole pages)."""

from __future__ import annotations

import pymupdf

from .models import Issue
from .rules import Rules


def extract_tables(issue: Issue, doc: pymupdf.Document, rules: Rules) -> Issue:
    return issue

"""A filled-in form (tests/fixtures/forms/form-fields.pdf, pipeline/sample/forms.py): the values a
viewer prints in AcroForm fields are the fields' rows (furniture kind form_field), not residue.

Before: MuPDF read the list box's options with the page's text, its frame (a ring filled even-odd
over a tint, as Acrobat draws it) read as a diagram and the options went to the residue as its
labels (figure_text): 89.2 % of the characters in content rows; pdfminer's AcroForm_TEST and
pdf.js's bug1883609 in `make fuzz-pdf`'s corpus were accepted under 98 % for that cause."""

from __future__ import annotations

import json
from pathlib import Path

from pipeline.rules import Rules
from pipeline.run import ingest_file
from pipeline.sample.forms import FIELDS, HIDDEN_VALUE

FORM = Path(__file__).parent / "fixtures" / "forms" / "form-fields.pdf"


def _rows(out: Path, issue_id: str, table: str) -> list[dict]:
    path = out / "jsonl" / issue_id / f"{table}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_printed_field_values_are_form_field_rows(tmp_path):
    issue = ingest_file(FORM, tmp_path, Rules.load())
    iid = issue.meta.issue_id
    c = issue.conservation
    assert c.claimed == c.chars and not issue.residue  # every character in a content row
    fields = [r for r in _rows(tmp_path, iid, "furniture") if r["kind"] == "form_field"]
    values = {r["text"].strip() for r in fields}
    assert {"Zhang Wei", "2026-0417", "Malaysia", "Energy", "Health", "Space"} <= values
    # each where its widget stands, right of its label
    assert all(r["page"] == 1 and 180 <= r["x0"] < r["x1"] <= 400 for r in fields)
    blocks = " ".join(b["text"] for b in _rows(tmp_path, iid, "blocks"))
    assert all(label in blocks for label, *_ in FIELDS)  # the page's own labels are its text
    assert not any(v in blocks for v in ("Zhang Wei", "Malaysia", "Energy"))
    # a hidden field's value is printed nowhere: read nowhere
    everything = json.dumps([_rows(tmp_path, iid, t) for t in ("blocks", "furniture", "residue")])
    assert HIDDEN_VALUE not in everything

"""A filled-in form: a page of text with AcroForm fields whose values a viewer prints.

Real forms in `make fuzz-pdf`'s corpus (pdfminer's AcroForm_TEST, pdf.js's bug1883609) were
accepted with under 98 % of their characters in content rows: MuPDF reads the text of each
widget's appearance stream (a text field's value, a combo box's choice, the options a list box
shows) with the page's own, the widgets' frames read as a diagram, and their values went to the
residue as a figure's labels. This page reproduces it with PyMuPDF's own widgets: a Chinese title
and paragraph, labels printed on the page, and beside them a text field, a combo box and a list box
with values, radio buttons, a checked box, and a text field whose value is set but which is hidden (flag Hidden:
a viewer prints nothing of it). Deterministic (no new file id, fixed creation data).

    python -m pipeline.sample.forms --out tests/fixtures/forms/form-fields.pdf
"""

from __future__ import annotations

import argparse
from pathlib import Path

from ..pdf import pymupdf

FONT = "china-s"
TITLE = "会员信息登记表"
LEAD = "请如实填写以下信息，提交后由秘书处审核。所填内容仅用于会员服务与联络，不作他用。"
# (label on the page, field type, field name, value, options)
FIELDS = [
    ("Name", pymupdf.PDF_WIDGET_TYPE_TEXT, "name", "Zhang Wei", None),
    ("Member no.", pymupdf.PDF_WIDGET_TYPE_TEXT, "number", "2026-0417", None),
    ("Country", pymupdf.PDF_WIDGET_TYPE_COMBOBOX, "country", "Malaysia", ["China", "Malaysia", "Singapore"]),
    ("Topics", pymupdf.PDF_WIDGET_TYPE_LISTBOX, "topics", "Energy", ["Energy", "Health", "Space"]),
]
HIDDEN_VALUE = "internal-ref-77"  # set, but the widget is hidden: printed nowhere
ANNOT_HIDDEN = 2  # annotation flag Hidden (PDF 32000 12.5.3)


def _ring_border(doc, w) -> None:
    """Redraw the widget's border as Acrobat writes it: the ring between two rectangles filled
    even-odd (re re f*) over the tinted box, rather than a stroked rectangle. The layout reads such
    a ring as four rules, and with the box's fill they make a drawing of many pieces."""
    kind, ref = doc.xref_get_key(w.xref, "AP/N")
    xref = int(ref.split()[0])
    width, height = w.rect.width, w.rect.height
    ring = f".3 .3 .3 rg\n0 0 {width:g} {height:g} re\n1 1 {width - 2:g} {height - 2:g} re\nf*\n"
    stream = doc.xref_stream(xref).decode("latin-1")
    stroked = f".6 w\n.3 .3 .3 RG\n.3 .3 {width - 0.6:g} {height - 0.6:g} re\ns\n"
    assert kind == "xref" and stroked in stream, stream[:200]
    doc.update_stream(xref, stream.replace(stroked, ring).encode("latin-1"))


def build(out: Path) -> None:
    doc = pymupdf.open()
    page = doc.new_page(width=595, height=842)
    page.insert_text((72, 90), TITLE, fontname=FONT, fontsize=18)
    box = pymupdf.Rect(72, 110, 523, 160)
    page.insert_textbox(box, LEAD, fontname=FONT, fontsize=10.5, lineheight=1.5)
    y = 190
    for label, kind, name, value, options in FIELDS:
        page.insert_text((72, y + 13), label, fontname="helv", fontsize=10.5)
        w = pymupdf.Widget()
        w.field_type, w.field_name, w.field_value = kind, name, value
        w.rect = pymupdf.Rect(180, y, 400, y + (54 if kind == pymupdf.PDF_WIDGET_TYPE_LISTBOX else 18))
        w.text_font, w.text_fontsize, w.border_width, w.border_color = "Helv", 10, 0.6, (0.3, 0.3, 0.3)
        w.fill_color = (0.93, 0.95, 1.0)  # a tinted box, as form designers set them
        if options:
            w.choice_values = options
        page.add_widget(w)
        _ring_border(doc, w)
        y += 70 if kind == pymupdf.PDF_WIDGET_TYPE_LISTBOX else 34
    page.insert_text((72, y + 13), "Membership", fontname="helv", fontsize=10.5)
    for k, on in enumerate((True, False, False)):  # radio buttons, drawn as circles (many pieces)
        radio = pymupdf.Widget()
        radio.field_type, radio.field_name = pymupdf.PDF_WIDGET_TYPE_RADIOBUTTON, "membership"
        radio.field_value, radio.border_color = on, (0.3, 0.3, 0.3)
        radio.rect = pymupdf.Rect(180 + 40 * k, y, 194 + 40 * k, y + 14)
        page.add_widget(radio)
    y += 34
    page.insert_text((72, y + 13), "Newsletter", fontname="helv", fontsize=10.5)
    check = pymupdf.Widget()
    check.field_type, check.field_name, check.field_value = pymupdf.PDF_WIDGET_TYPE_CHECKBOX, "news", True
    check.rect = pymupdf.Rect(180, y, 194, y + 14)
    page.add_widget(check)
    hidden = pymupdf.Widget()
    hidden.field_type, hidden.field_name = pymupdf.PDF_WIDGET_TYPE_TEXT, "ref"
    hidden.field_value, hidden.text_font, hidden.text_fontsize = HIDDEN_VALUE, "Helv", 10
    hidden.rect = pymupdf.Rect(300, y + 40, 500, y + 58)
    hidden.field_flags = 0
    page.add_widget(hidden)
    doc.xref_set_key(hidden.xref, "F", str(ANNOT_HIDDEN))
    page.insert_textbox(
        pymupdf.Rect(72, y + 80, 523, y + 140),
        "表格填写完毕后请发送至秘书处邮箱，我们将在五个工作日内回复。",
        fontname=FONT,
        fontsize=10.5,
        lineheight=1.5,
    )
    doc.set_metadata(
        {"creationDate": "D:20260101000000", "modDate": "D:20260101000000", "producer": "forms.py"}
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    doc.save(out, garbage=4, deflate=True, no_new_id=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True, type=Path)
    build(ap.parse_args().out)


if __name__ == "__main__":
    main()

"""A line justified by character spacing, as MuPDF gives it: every gap in it wider than MuPDF's
own threshold comes out as a space, sometimes inside a span, sometimes as a span of its own or at
a span's edge (a producer that draws every glyph on its own). extract.untracked takes out those no
wider than the line's own spacing, wherever they stand."""

from __future__ import annotations

from pipeline.extract import _line_runs

SIZE = 8.6
TRACK = 2.85  # the line's character spacing, in points


def _glyph(c: str, x: float, width: float) -> dict:
    return {"c": c, "origin": (x, 70.0), "bbox": (x, 60.0, x + width, 72.4)}


def _span(glyphs: list[dict], font: str) -> dict:
    return {
        "size": SIZE,
        "flags": 0,
        "font": font,
        "color": 0,
        "origin": glyphs[0]["origin"],
        "bbox": (glyphs[0]["bbox"][0], 60.0, glyphs[-1]["bbox"][2], 72.4),
        "chars": glyphs,
    }


def _line(text: str, latin_from: int) -> list[dict]:
    """text set glyph by glyph at TRACK apart, a space of MuPDF's in every gap of its Latin part,
    each glyph and each such space a span of its own (the Chinese part one span)."""
    x, spans, cjk = 48.0, [], []
    for i, c in enumerate(text):
        width = SIZE if i < latin_from else 0.55 * SIZE
        g = _glyph(c, x, width)
        if i < latin_from:
            cjk.append(g)
        else:
            if i > latin_from:
                spans.append(_span([_glyph(" ", x - TRACK, TRACK)], "Latin"))
            spans.append(_span([g], "Latin"))
        x += width + TRACK
    return [_span(cjk, "CJK"), *spans]


def test_spaces_made_of_letter_spacing_between_spans_are_taken_out():
    runs = _line_runs(_line("遗传学》（Nature", latin_from=5))
    assert [r["text"] for r in runs] == ["遗传学》（", "Nature"]


def test_a_word_space_wider_than_the_spacing_stays():
    spans = _line("遗传学》（Nat", latin_from=5)
    last = spans[-1]["chars"][0]
    x = last["bbox"][2] + TRACK + 0.3 * SIZE  # a word space: the spacing and a space's width
    spans += [
        _span([_glyph(" ", last["bbox"][2], x - last["bbox"][2])], "Latin"),
        _span([_glyph("G", x, 5.0)], "Latin"),
    ]
    text = "".join(r["text"] for r in _line_runs(spans))
    assert text.endswith("t G"), text  # the word space kept

"""Shared test helpers."""

from __future__ import annotations

from pathlib import Path

import yaml

from pipeline.rules import DEFAULT_RULES, Rules


def rules_copy(tmp_path: Path, **limits) -> Path:
    """A copy of the default rules (its base merged in) with other limits, dictionary paths made
    absolute."""
    data = Rules.load(DEFAULT_RULES).data
    data["limits"] = {**data.get("limits", {}), **limits}
    root = DEFAULT_RULES.resolve().parent.parent
    for key in ("user_dict", "stop_words"):
        if data.get("keywords", {}).get(key):
            data["keywords"][key] = str(root / data["keywords"][key])
    path = tmp_path / "rules" / "limited.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def misplaced(warnings) -> list[str]:
    """The warnings that do not point where their scope says (models.WARNING_SCOPE): a warning about
    a place has its page and bbox, one about a page its page and no bbox, one about the issue no
    bbox (a page only to open the review at)."""
    from pipeline.models import WarningScope

    allowed = {  # (page set, bbox set)
        WarningScope.PLACE: {(True, True)},
        WarningScope.PAGE: {(True, False)},
        WarningScope.ISSUE: {(False, False), (True, False)},
    }
    return [
        f"{w.code} ({w.code.scope}) page={w.page} bbox={w.bbox}: {w.message}"
        for w in warnings
        if (w.page is not None, w.bbox is not None) not in allowed[w.code.scope]
    ]


def turned_by_rotate(src: Path, dst: Path) -> Path:
    """src's pages drawn sideways on landscape pages turned upright by /Rotate: a person sees the
    same pages; MuPDF reports their text in the unrotated page."""
    import pymupdf

    with pymupdf.open(src) as doc, pymupdf.open() as out:
        for i, page in enumerate(doc):
            turned = out.new_page(width=page.rect.height, height=page.rect.width)
            turned.show_pdf_page(turned.rect, doc, i, rotate=90)
            turned.set_rotation(90)
        out.save(dst)
    return dst

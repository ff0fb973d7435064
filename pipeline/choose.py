"""`--rules auto`: the rules file of the publication a PDF names, else the generic profile.

A PDF names its publication on its cover, in its running heads and masthead lines and often in
its metadata. Each rules file in rules/ that has a `journal:` (zh, en, and any `names` it is
also printed as) is looked for there; the file named most often wins. A PDF that names none of
them gets rules/generic-zh.yaml, which names no journal: a periodical we have no file for is
never stamped with another magazine's name.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .pdf import pymupdf
from .rules import load_yaml

RULES_DIR = Path(__file__).resolve().parent.parent / "rules"
GENERIC = RULES_DIR / "generic-zh.yaml"
AUTO = "auto"
FIRST_PAGES = 3  # cover, masthead, contents or an article's first page: read whole
BAND_PAGES = 12  # pages whose top and bottom bands (running heads) are read
BAND = 0.12  # share of the page height at top and bottom read as running heads
# a line of the first pages this short may be the publication's name on a cover or masthead; a
# longer one is a sentence that mentions it (an affiliation, a citation of another journal)
NAME_LINE_CHARS = 30


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text).lower()


def _names(path: Path) -> list[str]:
    """The names a rules file's publication is printed as (its own file only, not its base)."""
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError):
        return []  # a broken file is reported when it is loaded, not here
    journal = data.get("journal") if isinstance(data, dict) else None
    if not isinstance(journal, dict):
        return []
    names = [journal.get("zh"), journal.get("en"), *(journal.get("names") or [])]
    return [_squash(n) for n in names if isinstance(n, str) and len(_squash(n)) >= 2]


def pdf_text_for_names(pdf: Path) -> str:
    """Metadata, the first pages and the bands of the next ones, squashed (no spaces, lower case):
    where a publication prints its own name."""
    parts = []
    try:
        with pymupdf.open(pdf) as doc:
            meta = doc.metadata or {}
            parts += [str(meta.get(k) or "") for k in ("title", "subject", "keywords")]
            for i in range(min(doc.page_count, BAND_PAGES)):
                page = doc[i]
                h = page.rect.height
                for line in page.get_text("text").splitlines() if i < FIRST_PAGES else []:
                    if len(_squash(line)) <= NAME_LINE_CHARS:
                        parts.append(line)  # a cover or masthead line, not a sentence naming it
                for _x0, y0, _x1, y1, text, *_ in page.get_text("blocks"):
                    if y1 <= h * BAND or y0 >= h * (1 - BAND):
                        parts.append(text)
    except Exception:  # an unreadable file is reported by the ingest itself, with its reason
        return ""
    return _squash(" ".join(parts))


def rules_for(pdf: str | Path, rules_dir: Path = RULES_DIR) -> Path:
    """The rules file whose publication the PDF names most often; the generic profile if none."""
    text = pdf_text_for_names(Path(pdf))
    best, best_hits = None, 0
    for path in sorted(Path(rules_dir).glob("*.yaml")):
        hits = sum(text.count(n) for n in _names(path))
        if hits > best_hits:
            best, best_hits = path, hits
    return best or Path(rules_dir) / GENERIC.name


class RulesChooser:
    """The rules for each PDF: one file given with --rules, or `auto` (the default) per PDF.
    Rules objects are loaded once per file and kept (a batch reads many PDFs of one magazine)."""

    def __init__(self, option: str | Path | None = None):
        from .rules import Rules

        self.auto = option is None or str(option) == AUTO
        self._loaded: dict[Path, Rules] = {}
        # the fixed file, or the generic profile (loaded now: a broken file fails before any PDF)
        self.base = self._load(GENERIC if self.auto else Path(option))

    def _load(self, path: Path):
        from .rules import Rules

        key = Path(path).resolve()
        if key not in self._loaded:
            self._loaded[key] = Rules.load(key)
        return self._loaded[key]

    def for_pdf(self, pdf: str | Path):
        return self._load(rules_for(pdf)) if self.auto else self.base

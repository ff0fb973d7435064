"""A fifth producer for test fixtures: articles of an answer key typeset by XeLaTeX, the way a
society journal or a LaTeX-minded editorial office makes them: ctex (ctexart, fontset=ubuntu:
Noto Serif/Sans CJK SC) with Latin Modern for English (TeX's hyphenation, fi/ff ligatures),
multicol's balanced two columns with articles running on under one another, a long booktabs
table (multirow cells, no inner rules) floating across both columns to the top of the next page,
a short one inside a column, breakable tcolorbox summary boxes with a title bar, shaded bio and
afterword boxes, photos with unnumbered captions, fancyhdr running heads (with a head rule) and
folios. xdvipdfmx writes CID-keyed CFF subsets (Identity-H) and puts no space glyphs in the text:
word spaces are kerns. Deterministic (SOURCE_DATE_EPOCH, a file ID from the source's hash).
Needs TeX Live from Debian (`apt-get install --no-install-recommends texlive-xetex
texlive-lang-chinese texlive-latex-extra lmodern fonts-noto-cjk`); the PDF it wrote is committed,
so tests never need TeX.

`--style academic` sets articles the way a Chinese academic journal does (also needs
fonts-texgyre): 11 pt Noto Serif CJK with Fandol 黑体/楷体 and TeX Gyre Termes for English, a
centred title area with 摘要：/关键词： run-in paragraphs and the English abstract as plain text
across the page, headings in 黑体 by numbering level, [n] references in small type, bios and
afterwords as plain text set off by a rule, other English summaries as a paragraph at the end of
the columns, at most two photos per article (captions below), different running heads on even
(journal) and odd (article title) pages, folios centred below. An article with a 摘要 opens a
new page; the others run on.

`--style tricky` is the magazine style on facing pages, made hard on purpose: running heads that
differ on even (journal) and odd (section) pages, folios at the outer corners; articles alternate
between two columns with photos that the next paragraph's lines wrap around (the caption under the
photo, beside the shortened lines), the section label flush right and a Reading Summary box in the
middle of the body that breaks across a page, and three columns under an English title set above
the Chinese one, with a lettrine drop cap, a pull quote (a body sentence again in big type between
rules, not in the key) and the summary after the last paragraph.

    python -m pipeline.sample.latex --truth KEY.json --articles a09,a22,a27 --blocks a22:72-92 \
        --table-after a22:74,91 --out tests/fixtures/latex-columns.pdf
    python -m pipeline.sample.latex --style academic --first-folio 31 --truth KEY.json \
        --articles a25,a28,a30 --blocks "a25:0-2,9-13;a28:0-6,12-14;a30:0-6,11-23,81-98" \
        --out tests/fixtures/latex-academic.pdf
    python -m pipeline.sample.latex --style tricky --first-folio 41 --truth KEY.json \
        --articles a10,a23 --out tests/fixtures/latex-tricky.pdf
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pymupdf

from .fixture import abstract_lines, first_column_spans, producer_parser, save_fixture
from .story import HEADINGS

PREAMBLE = r"""
\documentclass[a4paper,zihao=5,fontset=ubuntu]{ctexart}
\usepackage[a4paper,top=24mm,bottom=22mm,left=18mm,right=18mm,headsep=6mm,footskip=11mm]{geometry}
\usepackage{multicol,graphicx,booktabs,multirow,fancyhdr,xcolor}
\usepackage[most]{tcolorbox}
\usepackage[labelformat=empty,font={footnotesize,color=black!65},skip=3pt]{caption}
\setlength{\columnsep}{6mm}
\raggedcolumns
\linespread{1.3}
\ctexset{section={numbering=false,format=\heiti\color{red!55!black}\raggedright,
  beforeskip=7pt plus 2pt,afterskip=3pt}}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[L]{\footnotesize\color{black!60}HEAD}
\fancyfoot[R]{\small\thepage}
\renewcommand{\headrulewidth}{0.4pt}
\tcbset{summary/.style={enhanced,breakable,colback=blue!4!white,colframe=blue!30!black!60,boxrule=0.5pt,
  arc=1pt,left=4pt,right=4pt,top=3pt,bottom=3pt,fonttitle=\bfseries\small,colbacktitle=blue!12!white,
  coltitle=black,before skip=6pt,after skip=6pt},
  shaded/.style={colback=black!6,colframe=black!6,boxrule=0pt,arc=0pt,left=4pt,right=4pt,
  top=3pt,bottom=3pt,before skip=6pt,after skip=6pt}}
\begin{document}
\special{pdf:trailerid [<IDHEX> <IDHEX>]}
\setcounter{page}{FOLIO}
"""

ACADEMIC_PREAMBLE = r"""
\documentclass[a4paper,twoside,zihao=false,11pt,fontset=fandol]{ctexart}
\setCJKmainfont{Noto Serif CJK SC}
\usepackage[a4paper,top=27mm,bottom=25mm,inner=22mm,outer=17mm,headsep=5mm,footskip=10mm]{geometry}
\usepackage{multicol,graphicx,fancyhdr}
\usepackage[labelformat=empty,font=small,skip=4pt]{caption}
\setmainfont{TeX Gyre Termes}
\setlength{\columnsep}{7mm}
\raggedcolumns
\linespread{1.2}
\ctexset{section={numbering=false,format=\heiti\large\raggedright,beforeskip=8pt plus 2pt,afterskip=4pt},
  subsection={numbering=false,format=\heiti\raggedright,beforeskip=5pt plus 1pt,afterskip=3pt}}
\pagestyle{fancy}
\fancyhf{}
\fancyhead[LE]{\small HEAD}
\fancyhead[RO]{\small\rightmark}
\fancyfoot[C]{\small\thepage}
\renewcommand{\headrulewidth}{0.5pt}
\fancypagestyle{opening}{\fancyhf{}\fancyfoot[C]{\small\thepage}\renewcommand{\headrulewidth}{0pt}}
\begin{document}
\special{pdf:trailerid [<IDHEX> <IDHEX>]}
\setcounter{page}{FOLIO}
"""

# tricky: the magazine style on facing pages (running heads and folios outside), with lettrine and
# a photo that the next paragraph's lines wrap around (hanging indentation over the photo's depth,
# the caption under the photo)
TRICKY_CHANGES = {
    "a4paper,zihao": "a4paper,twoside,zihao",
    "left=18mm,right=18mm": "inner=20mm,outer=16mm",
    "fancyhdr,": "fancyhdr,lettrine,",
    "\\fancyhead[L]{\\footnotesize\\color{black!60}HEAD}": "\\fancyhead[LE]{\\footnotesize\\color{black!60}HEAD}"
    "\\fancyhead[RO]{\\footnotesize\\color{black!60}\\rightmark}",
    "\\fancyfoot[R]": "\\fancyfoot[LE,RO]",
    "enhanced,breakable,": "enhanced,breakable,shrink break goal=12pt,",  # in multicols: less than it thinks
    "\\begin{document}": r"""\newsavebox\wrapbox
\newcommand\wrapphoto[2]{\par\sbox\wrapbox{\begin{minipage}[t]{0.46\linewidth}\vspace{0pt}%
  \includegraphics[width=\linewidth,height=22mm]{photo.png}\par\vspace{2pt}{\footnotesize\color{black!65}#2\par}%
  \end{minipage}}\hangindent=\if r#1-\fi\dimexpr\wd\wrapbox+3mm\relax
  \hangafter=-\numexpr(\dimexpr\dp\wrapbox+1mm\relax-\baselineskip/2)/\baselineskip+1\relax
  \noindent\if r#1\rlap{\hspace{\dimexpr\linewidth-\wd\wrapbox}\smash{\raisebox{0.85em}{\usebox\wrapbox}}}%
  \else\llap{\smash{\raisebox{0.85em}{\usebox\wrapbox}}\hspace{3mm}}\fi\indent}
\begin{document}""",
}

TEX_ESCAPES = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "#": r"\#",
    "$": r"\$",
    "%": r"\%",
    "&": r"\&",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    # straight quotes as printed in the key (TeX's input ligatures would curl them)
    '"': r"\textquotedbl{}",
    "'": r"\textquotesingle{}",
    "-": "-{}",  # no -- or --- ligature
}
_ESC = re.compile("|".join(re.escape(k) for k in TEX_ESCAPES))


def tex(s: str | None) -> str:
    return _ESC.sub(lambda m: TEX_ESCAPES[m.group()], s or "")


def title_tex(a: dict, runon: bool, en_first: bool = False, label_right: bool = False) -> str:
    """The title area across the page, in one unbreakable box (a label never ends a page);
    en_first: the English title above the Chinese one; label_right: the section label flush right."""
    out = "\\clearpage\n" if not runon else "\\par\\vspace{10pt}\n"
    out += "\\noindent\\begin{minipage}{\\linewidth}\\raggedright\n"
    if runon:
        out += "\\rule{\\linewidth}{0.8pt}\\par\\vspace{6pt}\n"
    label = f"{{\\small\\heiti\\color{{red!65!black}}{tex(a['section_zh'])} {tex(a['section_en'])}}}\\par\\vspace{{4pt}}\n"
    out += f"{{\\raggedleft{label}}}" if label_right else label
    zh = f"{{\\zihao{{2}}\\heiti\\bfseries {tex(a['title_zh'])}\\par}}\\vspace{{3pt}}\n"
    if a.get("subtitle_zh"):
        zh += f"{{\\zihao{{4}}——{tex(a['subtitle_zh'])}\\par}}\\vspace{{3pt}}\n"
    en = f"{{\\large\\itshape {tex(a['title_en'])}\\par}}\\vspace{{4pt}}\n"
    out += en + zh if en_first else zh + en
    out += f"{{\\small {tex(a['byline'])}\\par}}\\vspace{{5pt}}\n"
    if a.get("deck_zh"):
        out += f"{{\\zihao{{-4}}\\color{{blue!30!black}} {tex(a['deck_zh'])}\\par}}\n"
    return out + "\\end{minipage}\\par\\vspace{8pt}\n"


def table_tex(t: dict, wide: bool) -> str:
    """booktabs rules only; equal consecutive values in the first column become one multirow cell."""
    n = len(t["header"])
    cols = "l" * n if wide else "@{\\extracolsep{\\fill}}l" + "r" * (n - 1)
    size = "\\small" if wide else "\\footnotesize\\setlength{\\tabcolsep}{2pt}"
    env = ("tabular", "") if wide else ("tabular*", "{\\linewidth}")
    out = f"\\par\\vspace{{6pt}}{{\\centering{size}\\begin{{{env[0]}}}{env[1]}{{{cols}}}\\toprule\n"
    out += " & ".join(f"{{\\heiti {tex(h)}}}" for h in t["header"]) + "\\\\\\midrule\n"
    for cells, span in zip(t["rows"], first_column_spans(t["rows"]), strict=True):
        first = f"\\multirow{{{span}}}{{*}}{{{tex(cells[0])}}}" if span > 1 else tex(cells[0]) if span else ""
        out += " & ".join([first] + [tex(c) for c in cells[1:]]) + "\\\\\n"
    out += f"\\bottomrule\\end{{{env[0]}}}\\par}}\\vspace{{4pt}}\n"
    return out + "".join(f"{{\\footnotesize\\noindent {tex(x)}\\par}}\n" for x in t.get("notes") or [])


def block_tex(b: dict) -> str:
    text = tex(b["text"])
    if b["type"] == "heading":
        return f"\\section*{{{text}}}\n"
    if b["type"] in ("list_item", "reference"):
        return f"{{\\small\\hangindent=2em\\hangafter=1\\noindent {text}\\par}}\n"
    if b["type"] == "note":
        return f"{{\\footnotesize\\noindent {text}\\par}}\n"
    if b["type"] == "bio":
        return f"\\begin{{tcolorbox}}[shaded]\\small {text}\\end{{tcolorbox}}\n"
    if b["type"] == "afterword":
        return (
            f"\\begin{{tcolorbox}}[shaded]\\small{{\\heiti 编后：{tex(b.get('title'))}}}\\par "
            f"{text}\\end{{tcolorbox}}\n"
        )
    return f"{text}\\par\n"


def article_tex(a: dict, runon: bool, table_after: list[int] | None, kept: list[int]) -> str:
    """The title area across the page, then the body in two balanced columns; a wide table
    floats to the top of the next page, across both columns (multicol's starred floats)."""
    out = title_tex(a, runon) + "\\begin{multicols}{2}\n"
    n, m = len(a["blocks"]), len(a["captions"])
    photo_at = [(k + 1) * n // (m + 1) for k in range(m)]  # photos spread evenly through the body
    tables, summaries = list(a["tables"]), a["summaries"]
    after = table_after or []
    for i, b in enumerate(a["blocks"]):
        out += block_tex(b)
        if summaries and i and b["type"] != "heading":  # the box after the second paragraph or so
            out, summaries = out + _summary_boxes(summaries), []
        k = kept[i]
        if tables and (k in after if after else b["text"].rstrip().endswith(("：", ":"))):
            wide = len(tables[0]["rows"]) > 3  # long tables across the page, short ones in a column
            t = table_tex(tables.pop(0), wide)
            out += f"\\begin{{table*}}[tp]\n{t}\\end{{table*}}\n" if wide else t
        out += "".join(_photo(c) for j, c in enumerate(a["captions"]) if photo_at[j] == i)
    return out + _summary_boxes(summaries) + "\\end{multicols}\n"


def _pull_quote(blocks: list[dict]) -> tuple[int, str] | None:
    """A sentence of 16-60 characters from the paragraph nearest the middle, without its full stop."""
    mid = len(blocks) // 2
    for i in sorted(range(len(blocks)), key=lambda i: (abs(i - mid), i)):
        if blocks[i]["type"] == "paragraph":
            for sentence in re.findall(r"[^。！？]+(?=[。！？])", blocks[i]["text"]):
                if 16 <= len(sentence) <= 60:
                    return i, sentence
    return None


def tricky_tex(a: dict, n: int) -> str:
    """Articles alternate. Even: the section label flush right, two columns, photos the next
    paragraph wraps around (right, left, …) and the summary box in the middle of the body, where it
    breaks across columns or pages. Odd: the English title above the Chinese, three columns, a drop
    cap, a pull quote (a body sentence again in big type between rules) after its paragraph, photos
    in the column and the summary after the last paragraph. The odd pages' running head is the
    section."""
    three = n % 2 == 1
    out = title_tex(a, n > 0, en_first=three, label_right=not three)
    out += f"\\markright{{{tex(a['section_zh'])}\\quad {tex(a['section_en'])}}}\\begin{{multicols}}{{{3 if three else 2}}}\n"
    blocks, caps, summaries = a["blocks"], a["captions"], a["summaries"]
    # photos spread evenly: after that paragraph in three columns, wrapped by the next one in two
    n_b = len(blocks)
    photo_at = [min((k + 1) * n_b // (len(caps) + 1) + (not three), n_b - 1) for k in range(len(caps))]
    quote = _pull_quote(blocks) if three else None
    for i, b in enumerate(blocks):
        photos = [(j, c) for j, c in enumerate(caps) if photo_at[j] == i]
        if photos and not three and b["type"] == "paragraph":
            j, c = photos.pop(0)
            out += f"\\wrapphoto{{{'rl'[j % 2]}}}{{{tex(c)}}}"
        if i == 0 and three and b["type"] == "paragraph":  # the first character as a two-line drop cap
            out += f"\\noindent\\lettrine[lines=2,findent=2pt]{{{tex(b['text'][0])}}}{{}}{tex(b['text'][1:])}\\par\n"
        else:
            out += block_tex(b)
        out += "".join(_photo(c, "26mm") for _, c in photos)
        if quote and quote[0] == i:
            rule = "\\rule{\\linewidth}{1.2pt}\\par"  # in one box: never broken by a column
            q = f"\\centering\\zihao{{4}}\\heiti\\color{{red!55!black}} {tex(quote[1])}\\par"
            out += f"\\par\\vspace{{4pt}}\\noindent\\parbox{{\\linewidth}}{{{rule}{q}{rule}}}\\par\\vspace{{4pt}}\n"
        if not three and i == n_b // 2:
            out, summaries = out + _summary_boxes(summaries), []
    for s in summaries:
        out += f"\\par\\vspace{{6pt}}\\noindent\\rule{{\\linewidth}}{{0.4pt}}\\par\\nobreak\\noindent{{\\bfseries {HEADINGS[s['kind']]}}}\\par\\nobreak"
        out += f"{{\\footnotesize\\noindent {tex(s['text'])}\\par}}\n"
    return out + "\\end{multicols}\n"


def _summary_boxes(summaries: list[dict]) -> str:
    """Framed, breakable boxes with the heading in a title bar; English set small in a column
    narrow enough for TeX to hyphenate."""
    return "".join(
        f"\\begin{{tcolorbox}}[summary,title={HEADINGS[s['kind']]}]\\footnotesize {tex(s['text'])}"
        "\\end{tcolorbox}\n"
        for s in summaries
    )


def _photo(caption: str, height: str = "36mm") -> str:
    return (
        f"\\par\\vspace{{4pt}}{{\\centering\\includegraphics[width=\\linewidth,height={height}]{{photo.png}}"
        f"\\captionof{{figure}}{{{tex(caption)}}}\\par}}\\vspace{{4pt}}\n"
    )


def _runin(text: str) -> str:
    """A label printed in 黑体 before the text it opens ("作者简介：", "专家小传：")."""
    label, sep, rest = text.partition("：")
    return f"{{\\heiti {tex(label + sep)}}}{tex(rest)}" if sep and len(label) <= 6 else tex(text)


def academic_head(a: dict, runon: bool) -> str:
    """Centred title area across the page; 摘要/关键词 and an English abstract under it."""
    out = "\\clearpage\\thispagestyle{opening}\n" if not runon else "\\par\\vspace{16pt}\n"
    out += f"\\markright{{{tex(a['title_zh'])}}}\\noindent\\begin{{minipage}}{{\\linewidth}}\n"
    out += f"{{\\small\\kaishu {tex(a['section_zh'])}\\quad {tex(a['section_en'])}\\par}}\\vspace{{1pt}}"
    out += "\\rule{\\linewidth}{0.4pt}\\par\\vspace{12pt}\\centering\n"
    out += f"{{\\zihao{{3}}\\heiti {tex(a['title_zh'])}\\par}}\\vspace{{5pt}}\n"
    if a.get("subtitle_zh"):
        out += f"{{\\zihao{{-4}}\\kaishu ——{tex(a['subtitle_zh'])}\\par}}\\vspace{{5pt}}\n"
    out += f"{{\\bfseries {tex(a['title_en'])}\\par}}\\vspace{{6pt}}\n"
    out += f"{{\\kaishu {tex(a['byline'])}\\par}}\\vspace{{8pt}}\\raggedright\\small\n"
    if a.get("deck_zh"):
        out += f"{{\\leftskip=2em\\rightskip=2em\\noindent {tex(a['deck_zh'])}\\par}}\\vspace{{4pt}}\n"
    for label, text in abstract_lines(a):  # more space under the keywords, before the English
        space = "6pt" if label.startswith("关键词") else "3pt"
        out += f"\\noindent{{\\heiti {label}}}{tex(text)}\\par\\vspace{{{space}}}\n"
    for s in a["summaries"]:
        if s["kind"] == "abstract":
            out += f"\\noindent{{\\bfseries {HEADINGS[s['kind']]}}}\\par\\noindent {tex(s['text'])}\\par\n"
    return out + "\\end{minipage}\\par\\vspace{10pt}\n"


def academic_tex(a: dict, runon: bool) -> str:
    """The body in two balanced columns: headings by numbering level, photos where the text cites
    them (图N) or spread evenly, other English summaries at the end in the column."""
    out = academic_head(a, runon) + "\\begin{multicols}{2}\n"
    n, caps = len(a["blocks"]), a["captions"]
    photo_at = []
    for k, c in enumerate(caps):
        cite = re.match(r"图\s*\d+", c)
        at = [i for i, b in enumerate(a["blocks"]) if cite and cite.group() in b["text"]]
        photo_at.append(at[0] if at else (k + 1) * n // (len(caps) + 1))
    for i, b in enumerate(a["blocks"]):
        text, kind = tex(b["text"]), b["type"]
        if kind == "heading":
            top = re.match(r"[一二三四五六七八九十]+、", b["text"]) or b["text"] == "参考文献"
            out += f"\\{'section' if top else 'subsection'}*{{{text}}}\n"
        elif kind == "list_item":
            out += f"{{\\hangindent=1.5em\\hangafter=1\\noindent {text}\\par}}\n"
        elif kind == "reference":
            out += f"{{\\footnotesize\\hangindent=2em\\hangafter=1\\noindent {text}\\par}}\n"
        elif kind == "note":
            out += f"\\par\\vspace{{3pt}}{{\\small\\noindent {text}\\par}}\n"
        elif kind == "bio":
            rule, bio = (
                "\\noindent\\rule{0.4\\linewidth}{0.4pt}\\par",
                f"{{\\small\\noindent {_runin(b['text'])}\\par}}",
            )
            out += f"\\par\\vspace{{4pt}}{rule + bio if i else bio + rule}\\vspace{{4pt}}\n"  # set off from the body
        elif kind == "afterword":
            out += (
                f"\\par\\vspace{{6pt}}\\noindent\\rule{{\\linewidth}}{{0.4pt}}\\par{{\\heiti 编后：{tex(b.get('title'))}}}"
                f"\\par{{\\small {text}\\par}}\n"
            )
        else:
            out += f"{text}\\par\n"
        out += "".join(_photo(c, "30mm") for j, c in enumerate(caps) if photo_at[j] == i)
    for s in a["summaries"]:
        if s["kind"] != "abstract":
            out += f"\\par\\vspace{{8pt}}\\noindent{{\\bfseries {HEADINGS[s['kind']]}}}\\par"
            out += f"{{\\small\\noindent {tex(s['text'])}\\par}}\n"
    return out + "\\end{multicols}\n"


def _photo_png() -> bytes:
    """A small grey gradient 'photo' (no file from outside)."""
    pix = pymupdf.Pixmap(pymupdf.csGRAY, pymupdf.IRect(0, 0, 64, 40), 0)
    for y in range(40):
        for x in range(64):
            pix.set_pixel(x, y, (90 + x + y,))
    return pix.tobytes("png")


def build(
    truth: dict,
    ids: list[str],
    out: Path,
    first_folio: int = 30,
    blocks: dict[str, list[tuple[int, int]]] | None = None,
    table_after: dict[str, list[int]] | None = None,
    tex_out: Path | None = None,
    style: str = "columns",
) -> dict:
    """blocks {id: [(start, end), …]}: keep these slices of that article's blocks (a short fixture);
    table_after {id: [index, …]}: the block index (of the whole article) after which each table
    goes (default: after a paragraph ending with a colon). Articles run on, each opening under the
    balanced columns of the one before (academic: an article with a 摘要 opens a new page).
    tex_out: also write the LaTeX source there."""
    xelatex = shutil.which("xelatex")
    if not xelatex:
        raise SystemExit(
            "needs XeLaTeX (apt-get install --no-install-recommends texlive-xetex "
            "texlive-lang-chinese texlive-latex-extra lmodern)"
        )
    arts = [json.loads(json.dumps(a)) for a in truth["articles"] if a["id"] in ids]
    issue = truth["issue"]
    head = f"{issue['journal_zh']}  {issue['year']}年第{issue['volume']}卷第{issue['number']}期"
    printed = head.replace("  ", "\\quad ")
    academic, tricky = style == "academic", style == "tricky"
    preamble = ACADEMIC_PREAMBLE if academic else PREAMBLE
    for old, new in TRICKY_CHANGES.items() if tricky else ():
        assert old in preamble, old
        preamble = preamble.replace(old, new)
    body = preamble.replace("HEAD", printed).replace("FOLIO", str(first_folio))
    for n, a in enumerate(arts):
        kept = [i for lo, hi in (blocks or {}).get(a["id"], [(0, len(a["blocks"]))]) for i in range(lo, hi)]
        a["blocks"] = [a["blocks"][i] for i in kept]
        a["captions"] = a["captions"][:2] if academic else a["captions"]  # a journal prints few photos
        if academic:
            body += academic_tex(a, runon=n > 0 and not a.get("abstract_zh"))
        elif tricky:
            body += tricky_tex(a, n)
        else:
            body += article_tex(a, runon=n > 0, table_after=(table_after or {}).get(a["id"]), kept=kept)
    body += "\\end{document}\n"
    body = body.replace("IDHEX", hashlib.md5(body.encode()).hexdigest())  # the same file ID each run
    if tex_out:
        tex_out.write_text(body, encoding="utf-8")
    env = dict(os.environ, SOURCE_DATE_EPOCH="0", FORCE_SOURCE_DATE="1", TZ="UTC")
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "issue.tex").write_text(body, encoding="utf-8")
        (Path(tmp) / "photo.png").write_bytes(_photo_png())
        run = subprocess.run(
            [xelatex, "-interaction=nonstopmode", "-halt-on-error", "issue.tex"],
            cwd=tmp, env=env, capture_output=True, text=True, timeout=600,
        )  # fmt: skip
        log = (Path(tmp) / "issue.log").read_text(encoding="utf-8", errors="replace")
        if run.returncode:
            raise SystemExit(f"xelatex failed:\n{log[-3000:]}")
        missing = sorted(set(re.findall(r"Missing character: There is no (.) ", log)))
        if missing:
            raise SystemExit(f"glyphs missing from the fonts: {' '.join(missing)}")
        doc = pymupdf.open(stream=(Path(tmp) / "issue.pdf").read_bytes(), filetype="pdf")
    # odd pages carry the article's title (tricky: its section) as their running head: furniture
    # too, where printed
    tops = "".join(p.get_text(clip=pymupdf.Rect(0, 0, p.rect.width, 70)) for p in doc)
    key = save_fixture(doc, out, truth, arts, head)
    marks = [a["title_zh"] if academic else f"{a['section_zh']} {a['section_en']}" for a in arts]
    titles = [m for m in marks if style != "columns" and "".join(m.split()) in "".join(tops.split())]
    if titles:
        key["furniture"] += titles
        out.with_suffix(".truth.json").write_text(
            json.dumps(key, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return key


def _per_article(spec: str | None, parse) -> dict:
    """'a22:63-92;a30:0-20' -> {'a22': parse('63-92'), …}"""
    return {k: parse(v) for k, v in (p.split(":", 1) for p in spec.split(";"))} if spec else {}


def main() -> None:
    ap = producer_parser(__doc__)
    ap.add_argument(
        "--blocks", help="ID:START-END[,START-END…][;…]: keep these slices of that article's blocks"
    )
    ap.add_argument("--table-after", help="ID:I,J[;…]: block index after which each table goes")
    ap.add_argument("--tex", type=Path, help="also write the LaTeX source here")
    ap.add_argument("--style", choices=("columns", "academic", "tricky"), default="columns")
    ap.add_argument("--first-folio", type=int, default=30)
    args = ap.parse_args()
    build(
        json.loads(args.truth.read_text(encoding="utf-8")),
        args.articles.split(","),
        args.out,
        first_folio=args.first_folio,
        blocks=_per_article(
            args.blocks, lambda v: [tuple(int(x) for x in r.split("-")) for r in v.split(",")]
        ),
        table_after=_per_article(args.table_after, lambda v: [int(x) for x in v.split(",")]),
        tex_out=args.tex,
        style=args.style,
    )


if __name__ == "__main__":
    main()

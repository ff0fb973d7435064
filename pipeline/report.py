"""The review page: an archivist checks every decision beside its page, and copies the address of
anything to correct into the corrections file (pipeline/corrections.py).

`write_review(out, issue_id)` writes OUT/report/<issue_id>.html from the issue's output tables
(OUT/jsonl/<issue_id>/*.jsonl): what `ingest --report` writes and `pipeline review OUT` rewrites
at any time, without running the stages again. Page images are JPEG files beside it,
OUT/report/<issue_id>/pNNN.jpg, loaded by the browser only when scrolled to.

The page, top to bottom: counts; "check first": every warning and the least confident units, each
a link that opens its page with the region outlined; a search box over the whole issue; then every
unit: its pages (zoomable; the layout overlay drawn over them from the blocks' boxes, coloured by
block type) beside its text in reading order (coloured by type), summaries, items and tables
(each table beside a crop of its page), and the addresses ready to paste into a corrections file.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections import defaultdict
from html import escape
from pathlib import Path
from urllib.parse import quote

from .confidence import doubts
from .inspect import ROLE_COLORS
from .models import UnitKind

PAGE_DPI = 100  # readable on screen at 100 %; the zoom enlarges it further
JPEG_QUALITY = 72
LEAST_CONFIDENT = 8  # units listed under "check first"
RESIDUE_SHOWN = 40  # lines of text in no row listed there (all are outlined on their pages)
ADDRESS_MIN = 6  # characters of a text prefix in an address; more when needed to be unique
ZOOM_STEPS = (0.5, 0.75, 1.0, 1.5, 2.0, 3.0)
# articles columns shown in a unit's heading (or too long to list); every other one that is set is
# listed under it, so a column added to the articles table shows up here without a change
SHOWN_FIELDS = {
    "issue_id",
    "article_id",
    "seq",
    "kind",
    "title_zh",
    "title_en",
    "subtitle_zh",
    "section_zh",
    "section_en",
    "authors",
    "page_start",
    "page_end",
    "body_zh",
    "n_paragraphs",
    "tokens",
    "confidence",
}

CSS = """
:root{--pw:520px}
body{font-family:system-ui,"Noto Sans CJK SC","PingFang SC",sans-serif;margin:0;color:#222;background:#f4f4f4}
header{position:sticky;top:0;z-index:5;background:#fff;border-bottom:1px solid #ccc;padding:8px 16px;
display:flex;gap:16px;align-items:center;flex-wrap:wrap}
header h1{font-size:1.1em;margin:0}main{padding:8px 16px}
#search{font-size:1em;padding:4px 8px;width:18em}#hits{color:#555;font-size:.9em}
.counts span{margin-right:10px;color:#444}.counts b{color:#000}
h2{margin:18px 0 6px;border-bottom:2px solid #ddd}
.first{display:grid;grid-template-columns:1fr 1fr;gap:16px}
.first ol{margin:0;padding-left:1.4em}.first li{margin:2px 0}
a.warn,a.low,a.hit{cursor:pointer;color:#1a4f9c;text-decoration:none}a.warn:hover,a.low:hover{text-decoration:underline}
.code{font-family:monospace;background:#fde8e8;color:#900;padding:0 4px;border-radius:3px}
.unit{background:#fff;border:1px solid #ddd;border-radius:8px;margin:14px 0;padding:10px 14px}
.unit h3{margin:0 0 4px}.kind{font-size:.75em;color:#fff;background:#888;border-radius:4px;padding:1px 6px;margin-right:6px}
.kind.article{background:#2a6}.en{color:#335;font-style:italic}.meta{color:#666;font-size:.9em}
.conf{font-variant-numeric:tabular-nums}.conf.lowc{color:#c00;font-weight:bold}
.cols{display:flex;gap:16px;align-items:flex-start}
.pages{flex:0 0 auto;display:flex;flex-direction:column;gap:10px}
.text{flex:1 1 auto;min-width:0}
.page{position:relative;width:var(--pw);margin:0;border:1px solid #aaa;background:#fff;cursor:zoom-in}
.page.zoomed{width:calc(var(--pw) * 2);cursor:zoom-out}
.page img{display:block;width:100%;height:100%}
.page figcaption{position:absolute;left:0;top:0;background:#0008;color:#fff;font-size:.75em;padding:1px 5px}
.box{position:absolute;border:1.5px solid;box-sizing:border-box;pointer-events:auto;opacity:.75}
.box.furniture{background:#8884;border-color:#888}.box.residue{border:2px dashed #e00;background:#f003}
dl.fields{display:grid;grid-template-columns:max-content 1fr;gap:1px 10px;margin:4px 0;font-size:.9em}
dl.fields dt{color:#666}dl.fields dd{margin:0}ol.refs{font-size:.85em;color:#333}
.region{position:absolute;border:3px solid #e00;background:#f002;box-sizing:border-box;display:none;
box-shadow:0 0 0 4000px #0001;pointer-events:none}
.region.on{display:block;animation:pulse 1s 2}
@keyframes pulse{50%{border-color:#fc0}}
.blk{border-left:4px solid #999;padding:2px 8px;margin:4px 0;white-space:pre-wrap}
.blk.sel{background:#fff6c4}.blk .t{font-size:.7em;color:#666;margin-right:6px}
.addr{font-family:monospace;font-size:.72em;color:#555;background:#f0f0f0;border:0;padding:1px 4px;cursor:copy;
display:block;margin-top:2px;width:100%;box-sizing:border-box}
.summary{border-left:4px solid #e80;background:#fff8ef;padding:4px 8px;margin:6px 0}
.item{border:1px dashed #bbb;padding:4px 8px;margin:6px 0}
.tbl{display:flex;gap:10px;align-items:flex-start;margin:8px 0;flex-wrap:wrap}
.crop{flex:0 0 auto;border:1px solid #aaa;background-repeat:no-repeat;background-color:#fff}
table.data{border-collapse:collapse;background:#fff}table.data td,table.data th{border:1px solid #ccc;padding:2px 5px;font-size:.85em}
table.data th{background:#eee}
mark{background:#ffe14d}.legend span{display:inline-block;border-left:4px solid;padding:0 5px;margin:1px;font-size:.75em}
"""

JS = """
const $=(s,r=document)=>r.querySelector(s),$$=(s,r=document)=>[...r.querySelectorAll(s)];
function show(fig,bbox){ // scroll a page into view, outline a region (PDF points) on it
  $$('.region.on').forEach(r=>r.classList.remove('on'));
  if(!fig)return;
  const img=$('img',fig);if(img.loading==='lazy')img.loading='eager';
  const reg=$('.region',fig),w=+fig.dataset.w,h=+fig.dataset.h;
  const b=bbox&&bbox.length===4?bbox:[0,0,w,h];
  Object.assign(reg.style,{left:100*b[0]/w+'%',top:100*b[1]/h+'%',width:100*(b[2]-b[0])/w+'%',height:100*(b[3]-b[1])/h+'%'});
  reg.classList.add('on');
  reg.scrollIntoView({block:'center'});
}
function figFor(unit,page){return $(`#u${unit}-p${page}`)||$(`figure.page[data-page="${page}"]`);}
document.addEventListener('click',e=>{
  const a=e.target.closest('[data-goto]');
  if(a){e.preventDefault();const g=JSON.parse(a.dataset.goto);
    const fig=figFor(g.unit,g.page);
    if(g.block){const blk=$('#'+g.block);if(blk){$$('.blk.sel').forEach(x=>x.classList.remove('sel'));blk.classList.add('sel');}}
    show(fig,g.bbox);return;}
  const box=e.target.closest('.box[data-block]');
  if(box){const blk=$('#'+box.dataset.block);if(blk){$$('.blk.sel').forEach(x=>x.classList.remove('sel'));
    blk.classList.add('sel');blk.scrollIntoView({block:'center'});}return;}
  const ad=e.target.closest('.addr');
  if(ad){navigator.clipboard&&navigator.clipboard.writeText(ad.textContent).catch(()=>{});ad.select&&ad.select();return;}
  const fig=e.target.closest('figure.page');if(fig){fig.classList.toggle('zoomed');}
});
$('#zoom').addEventListener('input',e=>{document.documentElement.style.setProperty('--pw',(BASE*ZOOM[+e.target.value])+'px');
  $('#zoomv').textContent=Math.round(100*ZOOM[+e.target.value])+' %';});
function unmark(){$$('mark').forEach(m=>{const t=document.createTextNode(m.textContent);m.replaceWith(t);t.parentNode.normalize();});}
function search(q){
  unmark();const list=$('#hitlist');list.innerHTML='';
  if(!q){$('#hits').textContent='';return;}
  const ql=q.toLowerCase();let n=0;
  for(const el of $$('[data-search]')){
    const walker=document.createTreeWalker(el,NodeFilter.SHOW_TEXT);const nodes=[];
    while(walker.nextNode())nodes.push(walker.currentNode);
    let found=false;
    for(const node of nodes){
      if(node.parentNode.closest('.addr'))continue;
      let i=node.textContent.toLowerCase().indexOf(ql);
      if(i<0)continue;found=true;
      const r=document.createRange();r.setStart(node,i);r.setEnd(node,i+q.length);
      const m=document.createElement('mark');r.surroundContents(m);n++;
    }
    if(found&&list.children.length<50){const u=el.closest('.unit');
      const li=document.createElement('li');const a=document.createElement('a');a.className='hit';a.href='#'+el.id;
      a.textContent=(u?u.dataset.label+': ':'')+el.textContent.slice(0,60);
      a.onclick=ev=>{ev.preventDefault();el.scrollIntoView({block:'center'});$$('.blk.sel').forEach(x=>x.classList.remove('sel'));el.classList.add('sel');
        if(el.dataset.goto){const g=JSON.parse(el.dataset.goto);show(figFor(g.unit,g.page),g.bbox);}};
      li.appendChild(a);list.appendChild(li);}
  }
  $('#hits').textContent=n+' match'+(n===1?'':'es');
  const first=$('mark');if(first)first.scrollIntoView({block:'center'});
}
let timer;$('#search').addEventListener('input',e=>{clearTimeout(timer);timer=setTimeout(()=>search(e.target.value.trim()),200);});
$('#search').addEventListener('keydown',e=>{if(e.key==='Enter'){clearTimeout(timer);search(e.target.value.trim());}});
"""


# ---------------------------------------------------------------- page images
def render_pages(pdf: str | Path, folder: Path, dpi: int = PAGE_DPI) -> dict[int, tuple[float, float]]:
    """Every page of the PDF as folder/pNNN.jpg; returns page -> (width, height) in points.
    PIL encodes the JPEG: MuPDF's own encoder takes four times as long."""
    from PIL import Image

    from .pdf import pymupdf

    folder.mkdir(parents=True, exist_ok=True)
    sizes = {}
    with pymupdf.open(pdf) as doc:
        for page in doc:
            pix = page.get_pixmap(dpi=dpi, alpha=False)
            img = Image.frombuffer("RGB", (pix.width, pix.height), pix.samples, "raw", "RGB", 0, 1)
            img.save(folder / f"p{page.number + 1:03d}.jpg", "JPEG", quality=JPEG_QUALITY)
            sizes[page.number + 1] = (page.rect.width, page.rect.height)
    (folder / "sizes.json").write_text(json.dumps(sizes), encoding="utf-8")
    return sizes


class PageRenderer:
    """Renders the page images in a forked helper process while the stages run (the machine's
    other core does it), into a private folder that `finish` moves into place."""

    def __init__(self, pdf: str | Path, out: Path):
        import multiprocessing as mp

        self.folder = Path(out) / "report" / f".pages-{os.getpid()}"
        shutil.rmtree(self.folder, ignore_errors=True)
        ctx = mp.get_context("fork")
        self.proc = ctx.Process(target=_render_quietly, args=(str(pdf), str(self.folder)), daemon=True)
        self.proc.start()

    def finish(self, target: Path) -> bool:
        """Wait for the helper; move its images to target. False when it failed (no images)."""
        self.proc.join()
        ok = self.proc.exitcode == 0 and (self.folder / "sizes.json").exists()
        if ok:
            old = target.with_name(f".old-{target.name}-{os.getpid()}")
            if target.exists():
                os.replace(target, old)
            os.replace(self.folder, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            shutil.rmtree(self.folder, ignore_errors=True)
        return ok

    def cancel(self) -> None:
        if self.proc.is_alive():
            self.proc.kill()
        self.proc.join()
        shutil.rmtree(self.folder, ignore_errors=True)
        with contextlib.suppress(OSError):
            self.folder.parent.rmdir()  # a failed ingest leaves no report folder behind


def _render_quietly(pdf: str, folder: str) -> None:
    try:
        render_pages(pdf, Path(folder))
    except Exception:  # the review page is then written without images; the ingest stands
        os._exit(1)


# ---------------------------------------------------------------- reading the output
def read_rows(out: Path, issue_id: str) -> dict[str, list[dict]]:
    folder = Path(out) / "jsonl" / issue_id
    if not folder.is_dir():
        raise FileNotFoundError(f"{out}: no issue {issue_id} (no {folder})")
    return {
        f.stem: [json.loads(line) for line in f.read_text(encoding="utf-8").splitlines() if line]
        for f in sorted(folder.glob("*.jsonl"))
    }


def issue_ids(out: Path) -> list[str]:
    root = Path(out) / "jsonl"
    return sorted(p.name for p in root.iterdir() if (p / "issues.jsonl").exists()) if root.is_dir() else []


# ---------------------------------------------------------------- building the page
def _rgb(role: str) -> str:
    r, g, b = ROLE_COLORS.get(role, (0.5, 0.5, 0.5))
    return f"rgb({r * 255:.0f},{g * 255:.0f},{b * 255:.0f})"


def _bbox(row: dict) -> list[float] | None:
    box = [row.get(k) for k in ("x0", "y0", "x1", "y1")]
    return [round(float(v), 1) for v in box] if all(v is not None for v in box) else None


def _yaml_str(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML string


def _prefix(text: str, others: list[str]) -> str:
    """The shortest prefix (at least ADDRESS_MIN characters, spaces dropped) that no other text on
    the page starts with: the address then finds this one and only this one."""
    t = "".join((text or "").split())
    rest = ["".join(o.split()) for o in others]
    n = ADDRESS_MIN
    while n < len(t) and any(o.startswith(t[:n]) for o in rest):
        n += 4
    return t[:n]


def _conf(value) -> str:
    if value is None:
        return ""
    cls = "conf lowc" if value < 0.8 else "conf"
    return f'<span class="{cls}">{value:.2f}</span>'


class _Page:
    """What the HTML needs to know about the issue, indexed once."""

    def __init__(self, rows: dict[str, list[dict]], sizes: dict[int, tuple[float, float]], img_dir: str):
        self.rows, self.sizes, self.img_dir = rows, sizes, img_dir
        self.units = sorted(rows.get("articles", []), key=lambda a: a["seq"])
        self.seq_of = {a["article_id"]: a["seq"] for a in self.units}
        self.by_unit: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
        for table in (
            "blocks",
            "summaries",
            "captions",
            "items",
            "tables",
            "warnings",
            "corrections",
            "references",
        ):
            for r in rows.get(table, []):
                if r.get("article_id"):
                    self.by_unit[r["article_id"]][table].append(r)
        self.on_page: dict[int, list[dict]] = defaultdict(list)  # every block, for unique addresses
        for b in rows.get("blocks", []):
            self.on_page[b["page"]].append(b)
        self.titles_on: dict[int, list[str]] = defaultdict(list)
        for a in self.units:
            if a.get("page_start"):
                self.titles_on[a["page_start"]].append(a.get("title_zh") or a.get("title_en") or "")
        self.furniture: dict[int, list[dict]] = defaultdict(list)
        for f in rows.get("furniture", []):
            self.furniture[f["page"]].append(f)
        self.residue: dict[int, list[dict]] = defaultdict(list)  # text no row holds
        for r in rows.get("residue", []):
            self.residue[r["page"]].append(r)

    def block_address(self, b: dict) -> str:
        others = [o["text"] for o in self.on_page[b["page"]] if o is not b]
        return f"- block: {{page: {b['page']}, text: {_yaml_str(_prefix(b['text'], others))}}}"

    def unit_address(self, a: dict) -> str:
        title = a.get("title_zh") or a.get("title_en") or ""
        others = [t for t in self.titles_on[a["page_start"]] if t is not title]
        if not title:
            return f"- unit: {{page: {a['page_start']}}}"
        return f"- unit: {{page: {a['page_start']}, title: {_yaml_str(_prefix(title, others))}}}"

    def figure(self, unit_seq: int | None, page: int, boxes: list[tuple[str, list[float], str]]) -> str:
        """One page image with its overlay: boxes (block id, bbox, type) and the furniture."""
        w, h = self.sizes.get(page, (595.0, 842.0))

        def pct(b):
            return (
                f"left:{100 * b[0] / w:.2f}%;top:{100 * b[1] / h:.2f}%;"
                f"width:{100 * (b[2] - b[0]) / w:.2f}%;height:{100 * (b[3] - b[1]) / h:.2f}%"
            )

        parts = [
            f'<figure class="page" id="u{unit_seq}-p{page}" data-page="{page}" data-w="{w:.1f}" data-h="{h:.1f}" '
            f'style="aspect-ratio:{w:.1f}/{h:.1f}">'  # its height known before the image loads
        ]
        if page in self.sizes:
            parts.append(f'<img loading="lazy" alt="page {page}" src="{self.img_dir}/p{page:03d}.jpg">')
        else:
            parts.append('<div class="meta">(no page image)</div>')
        for bid, b, kind in boxes:
            parts.append(
                f'<div class="box" data-block="{bid}" title="{escape(kind)}" style="{pct(b)};border-color:{_rgb(kind)}"></div>'
            )
        for f in self.furniture.get(page, []):
            if (b := _bbox(f)) is not None:
                parts.append(f'<div class="box furniture" title="furniture" style="{pct(b)}"></div>')
        for r in self.residue.get(page, []):
            if (b := _bbox(r)) is not None and r.get("reason") != "unreadable_page":
                parts.append(
                    f'<div class="box residue" title="in no row: {escape(r["reason"])}" style="{pct(b)}"></div>'
                )
        parts.append(f'<div class="region"></div><figcaption>p. {page}</figcaption></figure>')
        return "".join(parts)

    def crop(self, page: int, b: list[float], width: int = 300) -> str:
        """A crop of the page image showing bbox b (CSS background: no other image is made)."""
        if page not in self.sizes:
            return ""
        w, h = self.sizes[page]
        bw, bh = max(b[2] - b[0], 1.0), max(b[3] - b[1], 1.0)
        scale = width / bw
        return (
            f'<div class="crop" style="width:{width}px;height:{bh * scale:.0f}px;'
            f"background-image:url('{self.img_dir}/p{page:03d}.jpg');"
            f"background-size:{w * scale:.0f}px {h * scale:.0f}px;"
            f'background-position:-{b[0] * scale:.0f}px -{b[1] * scale:.0f}px"></div>'
        )


def _goto(unit_seq, page, bbox=None, block: str | None = None) -> str:
    g = {"unit": unit_seq, "page": page, "bbox": bbox}
    if block:
        g["block"] = block
    return escape(json.dumps(g), quote=True)


def _table_html(t: dict) -> str:
    head = "".join(f"<th>{escape(c or '')}</th>" for c in t.get("header") or [])
    body = "".join(
        "<tr>" + "".join(f"<td>{escape(c or '')}</td>" for c in row) + "</tr>" for row in t.get("rows") or []
    )
    caption = "<br>".join(escape(c) for c in (t.get("caption"), t.get("caption_en")) if c)
    cap = f"<caption>{caption}</caption>" if caption else ""
    notes = "".join(f"<div class='meta'>{escape(n)}</div>" for n in t.get("notes") or [])
    return f'<div><table class="data">{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{notes}</div>'


def _unit_html(pg: _Page, a: dict) -> str:
    seq, aid = a["seq"], a["article_id"]
    mine = pg.by_unit[aid]
    label = f"{seq}. {a.get('title_zh') or a.get('title_en') or '(no title)'}"
    pages = list(range(a["page_start"], a["page_end"] + 1)) if a.get("page_start") else []
    out = [
        f'<section class="unit" id="u{seq}" data-label="{escape(label, quote=True)}">',
        f'<h3 id="u{seq}-title" data-search><span class="kind {escape(a["kind"])}">{escape(a["kind"])}</span>'
        f"{escape(label)}</h3>",
    ]
    if a.get("subtitle_zh"):
        out.append(f"<div>{escape(a['subtitle_zh'])}</div>")
    if a.get("title_en"):
        out.append(f'<div class="en" id="u{seq}-en" data-search>{escape(a["title_en"])}</div>')
    section = " / ".join(s for s in (a.get("section_zh"), a.get("section_en")) if s)
    info = [
        f"pp. {a['page_start']}–{a['page_end']}" if pages else "no pages",
        escape(section),
        escape(", ".join(a.get("authors") or [])),
        f"confidence {_conf(a.get('confidence'))}",
        f"{len(mine['blocks'])} blocks, {len(mine['captions'])} captions, {len(mine['items'])} items, "
        f"{len(mine['tables'])} tables",
    ]
    out.append('<div class="meta">' + " · ".join(x for x in info if x) + "</div>")
    if pages:
        out.append(f'<input class="addr" readonly value="{escape(pg.unit_address(a), quote=True)}">')
    fields = [
        (k, ", ".join(v) if isinstance(v, list) else str(v))
        for k, v in a.items()
        if k not in SHOWN_FIELDS and v not in (None, "", [])
    ]
    if fields:
        out.append(
            f'<dl class="fields" id="f{seq}" data-search>'
            + "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in fields)
            + "</dl>"
        )
    for w in mine["warnings"]:
        out.append(
            f'<div><a class="warn" href="#u{seq}" data-goto="{_goto(seq, w.get("page"), _bbox(w))}">'
            f'⚠ <span class="code">{escape(w["code"])}</span> {escape(w["message"])}</a></div>'
        )
    for c in mine["corrections"]:
        state = "applied" if c["applied"] else "NOT applied"
        out.append(
            f'<div class="meta">correction #{c["correction_seq"]} ({escape(c["action"])}): {state}, {escape(c["detail"])}</div>'
        )
    # the pages with their overlay, beside the text
    boxes: dict[int, list] = defaultdict(list)
    text = []
    for b in sorted(mine["blocks"], key=lambda b: (b.get("item_seq") or 0, b["block_seq"])):
        bid = f"b{seq}-{b['block_seq']}"
        bb = _bbox(b)
        if bb:
            boxes[b["page"]].append((bid, bb, b["type"]))
        text.append(
            f'<div class="blk" id="{bid}" data-search data-goto="{_goto(seq, b["page"], bb, bid)}" '
            f'style="border-color:{_rgb(b["type"])}"><span class="t">{escape(b["type"])} · p. {b["page"]}</span>'
            f"{escape(b['text'])}"
            f'<input class="addr" readonly value="{escape(pg.block_address(b), quote=True)}"></div>'
        )
    for i, c in enumerate(mine["captions"]):
        bb = _bbox(c)
        cid = f"c{seq}-{i}"
        if bb:
            boxes[c["page"]].append((cid, bb, "caption"))
        text.append(
            f'<div class="blk" id="{cid}" data-search data-goto="{_goto(seq, c["page"], bb, cid)}" '
            f'style="border-color:{_rgb("caption")}"><span class="t">caption · p. {c["page"]}</span>{escape(c["text"])}</div>'
        )
    for i, s in enumerate(mine["summaries"]):
        where = f" (item {s['item_seq']})" if s.get("item_seq") is not None else ""
        text.append(
            f'<div class="summary" id="s{seq}-{i}" data-search><div class="meta">{escape(s["summary_kind"])}{where} · '
            f"pp. {escape(', '.join(map(str, s.get('pages') or [])))} · confidence {_conf(s.get('summary_confidence'))} · "
            f"{escape(s.get('signal') or '')}</div>{escape(s['text'])}</div>"
        )
    for it in mine["items"]:
        text.append(
            f'<div class="item" id="i{seq}-{it["item_seq"]}" data-search><b>{escape(it.get("title_zh") or "")}</b> '
            f'<span class="en">{escape(it.get("title_en") or "")}</span>'
            f'<div class="meta">English: {_conf(it.get("en_confidence"))} {escape(it.get("en_signal") or "")}</div>'
            f"<div class='en'>{escape(it.get('text_en') or '')}</div></div>"
        )
    for t in mine["tables"]:
        bb = _bbox(t)
        crop = pg.crop(t["page"], bb) if bb else ""
        if bb:
            boxes[t["page"]].append((f"t-{t['table_id']}", bb, "table"))
        text.append(
            f'<div class="tbl" id="t-{escape(t["table_id"])}" data-search data-goto="{_goto(seq, t["page"], bb)}">'
            f"{crop}{_table_html(t)}</div>"
        )
    refs = sorted(mine["references"], key=lambda r: r["ref_seq"])
    if refs:
        text.append(
            f'<div class="meta">references</div><ol class="refs" id="r{seq}" data-search>'
            + "".join(
                f"<li>{escape(r['ref_text'])} <span class='meta'>p. {r['page']}</span></li>" for r in refs
            )
            + "</ol>"
        )
    figs = "".join(pg.figure(seq, p, boxes.get(p, [])) for p in pages)
    out.append(
        f'<div class="cols"><div class="pages">{figs}</div><div class="text">{"".join(text)}</div></div>'
    )
    out.append("</section>")
    return "\n".join(out)


def render_review(rows: dict[str, list[dict]], sizes: dict[int, tuple[float, float]], img_dir: str) -> str:
    pg = _Page(rows, sizes, img_dir)
    issue = (rows.get("issues") or [{}])[0]
    iid = issue.get("issue_id", "")
    title = f"{issue.get('journal_zh') or ''} {iid}".strip()
    units = pg.units
    warnings = rows.get("warnings", [])
    counts = {
        "pages": issue.get("page_count"),
        "units": len(units),
        "articles": sum(a["kind"] == UnitKind.ARTICLE for a in units),
        "blocks": len(rows.get("blocks", [])),
        "summaries": len(rows.get("summaries", [])),
        "tables": len(rows.get("tables", [])),
        "warnings": len(warnings),
        "corrections": len(rows.get("corrections", [])),
    }
    zoom_opts = json.dumps(list(ZOOM_STEPS))
    # 100 % shows a page image pixel for pixel (the width of the issue's most common page size)
    widths = sorted(w for w, _ in sizes.values()) or [595.0]
    base = round(widths[len(widths) // 2] * PAGE_DPI / 72)
    out = [
        "<!DOCTYPE html>",
        f'<html lang="zh" style="--pw:{base}px"><head><meta charset="utf-8">',
        f"<title>Review {escape(iid)}</title><style>{CSS}</style></head><body>",
        f"<header><h1>{escape(title)}</h1>"
        '<input id="search" type="search" placeholder="search the issue…" autocomplete="off">'
        '<span id="hits"></span>'
        f'<label>pages <input id="zoom" type="range" min="0" max="{len(ZOOM_STEPS) - 1}" '
        f'value="{ZOOM_STEPS.index(1.0)}"></label><span id="zoomv">100 %</span></header>',
        "<main>",
        f'<div class="meta">{escape(issue.get("journal_en") or "")} · source {escape(issue.get("source_path") or "?")} · '
        f"pipeline {escape(issue.get('pipeline_version') or '?')} · rules {escape(issue.get('rules_file') or '?')}</div>",
        '<div class="counts">'
        + "".join(f"<span><b>{v}</b> {escape(k)}</span>" for k, v in counts.items())
        + "</div>",
        '<ol id="hitlist"></ol>',
        '<h2>Check first</h2><div class="first"><div><h4>Warnings</h4><ol id="warnings">',
    ]
    for w in warnings:
        seq = pg.seq_of.get(w.get("article_id"))
        where = f"p. {w['page']}" if w.get("page") else "issue"
        out.append(
            f'<li><a class="warn" href="#u{seq or ""}" data-goto="{_goto(seq, w.get("page"), _bbox(w))}">'
            f'<span class="code">{escape(w["code"])}</span> {escape(where)}: {escape(w["message"])}</a></li>'
        )
    if not warnings:
        out.append("<li>none</li>")
    out.append('</ol></div><div><h4>Least confident units</h4><ol id="least">')
    ranked = sorted(
        (a for a in units if a.get("confidence") is not None), key=lambda a: (a["confidence"], a["seq"])
    )
    for a in ranked[:LEAST_CONFIDENT]:
        label = f"{a['seq']}. {a.get('title_zh') or a.get('title_en') or '(no title)'}"
        why = doubts(a.get("evidence") or [])  # what lowered it: what to check
        out.append(
            f'<li><a class="low" href="#u{a["seq"]}" data-goto="{_goto(a["seq"], a.get("page_start"))}">'
            f"{_conf(a['confidence'])} {escape(a['kind'])} {escape(label)}"
            + (f' <span class="code">{escape(", ".join(why))}</span>' if why else "")
            + "</a></li>"
        )
    out.append("</ol>")
    residue = [r for r in rows.get("residue", []) if r.get("reason") != "label"]
    if residue:
        out.append(f'<h4>Text in no row ({len(residue)} lines)</h4><ol id="residue">')
        for r in residue[:RESIDUE_SHOWN]:
            out.append(
                f'<li><a class="warn" href="#" data-goto="{_goto(None, r["page"], _bbox(r))}">p. {r["page"]}: '
                f"{escape(r['text'][:60] or r['reason'])}</a></li>"
            )
        out.append("</ol>")
    out.append("</div></div>")
    out.append(
        '<h2>Units</h2><div class="meta">Click a page to zoom it, a frame to find its text, a text to find its frame. '
        "Each grey line is an address to paste into the corrections file (docs in README).</div>"
    )
    out.append(
        '<div class="legend">'
        + "".join(f'<span style="border-color:{_rgb(r)}">{escape(r)}</span>' for r in ROLE_COLORS)
        + "</div>"
    )
    for a in units:
        out.append(_unit_html(pg, a))
    covered = {p for a in units if a.get("page_start") for p in range(a["page_start"], a["page_end"] + 1)}
    rest = [p for p in sorted(sizes) if p not in covered]
    if rest:
        out.append('<h2>Pages outside every unit</h2><div class="cols"><div class="pages">')
        out.append("".join(pg.figure(None, p, []) for p in rest))
        out.append("</div></div>")
    out.append(f"</main><script>const ZOOM={zoom_opts},BASE={base};\n{JS}</script></body></html>")
    return "\n".join(out)


def write_review(
    out: str | Path, issue_id: str, pdf: str | Path | None = None, renderer: PageRenderer | None = None
) -> Path:
    """Write OUT/report/<issue_id>.html and its page images (from the renderer already at work,
    else rendered now from pdf, else from the source_path the issues table names)."""
    out = Path(out)
    rows = read_rows(out, issue_id)
    report = out / "report"
    img_dir = report / issue_id
    report.mkdir(parents=True, exist_ok=True)
    if renderer is not None:
        renderer.finish(img_dir)
    else:
        source = pdf or (rows.get("issues") or [{}])[0].get("source_path")
        if source and Path(source).is_file():
            tmp = report / f".pages-{os.getpid()}"
            shutil.rmtree(tmp, ignore_errors=True)
            render_pages(source, tmp)
            shutil.rmtree(img_dir, ignore_errors=True)
            os.replace(tmp, img_dir)
    sizes_file = img_dir / "sizes.json"
    sizes = (
        {int(k): tuple(v) for k, v in json.loads(sizes_file.read_text(encoding="utf-8")).items()}
        if sizes_file.exists()
        else {}
    )
    target = report / f"{issue_id}.html"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.write_text(render_review(rows, sizes, quote(issue_id)), encoding="utf-8")
    os.replace(tmp, target)
    return target

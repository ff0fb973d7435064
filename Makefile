# Every target is self-sufficient on a fresh machine: it creates .venv and installs first.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
CORPUS ?= ../shared/corpus/issue-2026-v2n1.truth.json
SAMPLE := data/raw/issue-2026-v2n1-classic.pdf
OUT    ?= data/out

.PHONY: demo test eval typst bench fuzz fuzz-pdf nightly samples fixtures inspect clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev]'
	touch $(STAMP)

# The committed sample is rebuilt only when missing (it needs the corpus answer key).
$(SAMPLE): | $(STAMP)
	$(BIN)/python -m pipeline.sample.typeset --truth $(CORPUS) --profile classic --out $@

demo: $(STAMP) $(SAMPLE)
	$(BIN)/ingest $(SAMPLE) --out $(OUT) --report
	$(BIN)/pipeline eval $(OUT) --truth $(SAMPLE:.pdf=.truth.json)

test: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/pytest -q

# Score every sample PDF (full issues and fixtures) against its own answer key: one table; and the
# sample issue typeset by two other engines in ../shared/foreign, and the real journal articles in
# ../shared/wild-dev against their light keys, when those folders are there (read in place, never
# copied into the repository).
# The issue typeset by Typst in a house style of its own (pipeline/sample/typst_issue.py, two
# seconds) is made from the corpus key first and scored with them (not committed: 1.7 MB).
FOREIGN ?= ../shared/foreign
WILD ?= ../shared/wild-dev
TYPST_DIR := $(OUT)/typst
# and in its second house style (--style plain: two columns, folios between dashes, pull quotes
# under a quotation mark, an editorial set bigger than the body; row typst-plain)
TYPST_PLAIN_DIR := $(OUT)/typst-plain
# The issue typeset by ReportLab in another house style (pipeline/sample/reportlab_issue.py, half a
# minute: the CJK fonts are cut down and converted to TrueType first; not committed: 1.5 MB).
REPORTLAB_DIR := $(OUT)/reportlab
# The issue typeset by WeasyPrint (HTML and CSS Paged Media: multi-column, @page margin boxes) in a
# third house style (pipeline/sample/weasy_issue.py, some 15 s of CPU; not committed: 1.9 MB).
WEASY_DIR := $(OUT)/weasy
# and by WeasyPrint in a fourth house style (pipeline/sample/weasy_outer.py): furniture on the outer
# edge (section tabs turned 90°, folios in the margin), English titles over the Chinese, decks in two
# columns of slanted grey, pull quotes across the page, summaries boxed beside the body, captions over
# pictures, tables with no rules, page numbers before the contents' titles (not committed: 2 MB).
OUTER_DIR := $(OUT)/weasy-outer
# The issue typeset by fpdf2 in a fifth house style (pipeline/sample/fpdf_issue.py: every line broken
# and placed by the producer, Chinese justified by character spacing, English word by word; pull quotes
# between two lines of the paragraph they cut, the English title flush right, the Reading Summary at
# the article's head, folios white on a coloured square; some 15 s of CPU; not committed: 1.3 MB).
FPDF_DIR := $(OUT)/fpdf
# The issue in a sixth house style, written by a PDF writer of our own with a hostile engine's text
# layer (pipeline/sample/glyph_issue.py on rawpdf.py: every glyph shown on its own at an absolute
# position, no space glyph, the columns' lines interleaved in the stream, display type in faces with
# no ToUnicode, read through /ActualText; bylines over the title, decks in serif beside a bar, pull
# quotes on a tint, briefs numbered 01 on a line of their own, a table with no rule; not committed: 1.9 MB).
GLYPH_DIR := $(OUT)/glyph
# The issue in a seventh house style, a news weekly's, by WeasyPrint (pipeline/sample/quad_issue.py):
# four narrow columns, titles broken over two lines of two sizes, the section label set vertically
# beside the title, the deck beside the title, the English summary boxed before the Chinese text,
# drop caps, profiles and briefs boxed one a box, zebra tables with no rule, the article's title as
# the running head, folios at the inner margin (some 15 s of CPU; not committed: 1.9 MB).
QUAD_DIR := $(OUT)/quad
# The issue in a ninth house style, an association bulletin's, written as a flat ODF document and
# exported to PDF by LibreOffice Writer (pipeline/sample/office_issue.py: Writer's own sections with
# a rule in the gutter, a deck in a text frame, list-numbered briefs in three columns, chapter-field
# running heads, a contents of tab leaders and page-reference fields, a rule-less table on the page
# after a ruled one; one conversion, some 20 s; not committed: 2 MB). Made only when soffice is
# on the machine, else skipped in one line.
OFFICE_DIR := $(OUT)/office
SOFFICE := $(shell command -v soffice)
# Real journal PDFs of other publishers and engines (tests/wild/manifest.json: repository, commit,
# path, sha256), each read from the local mirror of its repository (../.mirror/<owner>+<name>) when
# it is there and laid out with its light key (tests/wild/keys) by tools/wild_corpus.py; files of
# absent mirrors are skipped, said in one line. Never committed, never downloaded.
WILD_MORE := $(OUT)/wild
# Fixtures kept in folders of their own that carry answer keys (the journals' 29 papers, the other
# magazine, the wrapped and squeezed tables): eval-samples reads one folder deep, so each is named.
KEYED_FIXTURE_DIRS := $(sort $(dir $(wildcard tests/fixtures/*/*.truth.json)))
eval: $(STAMP)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.typst_issue --truth $(CORPUS) --out $(TYPST_DIR)/typst-issue.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.typst_issue --style plain --truth $(CORPUS) --out $(TYPST_PLAIN_DIR)/typst-plain.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.reportlab_issue --truth $(CORPUS) --out $(REPORTLAB_DIR)/reportlab-issue.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.weasy_issue --truth $(CORPUS) --out $(WEASY_DIR)/weasy-issue.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.weasy_outer --truth $(CORPUS) --out $(OUTER_DIR)/weasy-outer.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.fpdf_issue --truth $(CORPUS) --out $(FPDF_DIR)/fpdf-issue.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.glyph_issue --truth $(CORPUS) --out $(GLYPH_DIR)/glyph-issue.pdf)
	$(if $(wildcard $(CORPUS)),$(BIN)/python -m pipeline.sample.quad_issue --truth $(CORPUS) --out $(QUAD_DIR)/quad-issue.pdf)
	$(if $(wildcard $(CORPUS)),$(if $(SOFFICE),$(BIN)/python -m pipeline.sample.office_issue --truth $(CORPUS) --out $(OFFICE_DIR)/office-issue.pdf,@echo "office-issue skipped: no LibreOffice (soffice) on this machine"))
	$(BIN)/python tools/wild_corpus.py --out $(WILD_MORE)
	$(BIN)/pipeline eval-samples data/raw tests/fixtures $(KEYED_FIXTURE_DIRS) $(if $(wildcard $(CORPUS)),$(TYPST_DIR) $(TYPST_PLAIN_DIR) $(REPORTLAB_DIR) $(WEASY_DIR) $(OUTER_DIR) $(FPDF_DIR) $(GLYPH_DIR) $(QUAD_DIR) $(if $(SOFFICE),$(OFFICE_DIR))) $(wildcard $(FOREIGN)) $(wildcard $(WILD)) $(WILD_MORE) --out $(OUT)/eval-runs --md $(OUT)/eval.md

# Both Typst renditions (house styles grid and plain) made and scored on their own.
typst: $(STAMP)
	$(BIN)/python -m pipeline.sample.typst_issue --truth $(CORPUS) --out $(OUT)/typst/typst-issue.pdf
	$(BIN)/python -m pipeline.sample.typst_issue --style plain --truth $(CORPUS) --out $(OUT)/typst-plain/typst-plain.pdf
	$(BIN)/pipeline eval-samples $(OUT)/typst $(OUT)/typst-plain --out $(OUT)/eval-runs

bench: $(STAMP) $(SAMPLE)
	$(BIN)/python tools/bench.py $(SAMPLE)

# Typeset the sample issue in 12 seeded random layouts and score each (needs the corpus key).
fuzz: $(STAMP)
	$(BIN)/python tools/fuzz_layouts.py --truth $(CORPUS) --out $(OUT)/fuzz

# Damaged and odd PDFs: seeded mutations of the sample issue and the PDF libraries' own test
# files (tools/fuzz_pdf_corpus.json, read from local git mirrors: MIRROR=../.mirror), each
# ingested with a limit of 60 s of CPU time: crashes, time-outs, partial outputs, coverage of
# accepted files. `make fuzz-pdf MUTATIONS=300 JOBS=2` for the wide run.
MIRROR ?= ../.mirror
MUTATIONS ?= 60
JOBS ?= 1
fuzz-pdf: $(STAMP) $(SAMPLE)
	$(BIN)/python tools/fuzz_pdf.py --sample $(SAMPLE) --mirror $(MIRROR) --out $(OUT)/fuzz-pdf \
	  --mutations $(MUTATIONS) --jobs $(JOBS)

inspect: $(STAMP) $(SAMPLE)
	$(BIN)/pipeline inspect $(SAMPLE) --pages 10-13 --out $(OUT)/inspect

# Regenerate every sample PDF from the corpus answer key (deterministic: same bytes each time).
samples: $(STAMP)
	for p in classic dense tricky; do \
	  $(BIN)/python -m pipeline.sample.typeset --truth $(CORPUS) --profile $$p --out data/raw/issue-2026-v2n1-$$p.pdf; done

nightly:
	@echo "# crontab line for an archive: ingest new issues every night at 02:30, log kept"
	@echo "30 2 * * * cd $(CURDIR) && $(BIN)/ingest batch data/raw --out $(OUT) --workers 2 >> $(OUT)/nightly.log 2>&1"

clean:
	rm -rf $(OUT)

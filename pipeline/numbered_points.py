"""A journal paper's numbered points are its paragraphs.

Chinese papers number the points of their argument inside the running text with parenthesized
Arabic numbers ("(1) 本模板中要求的各项内容正确齐全，无遗漏；", "（2）…。"), the lowest level of the
numbering (一、 / （一） / 1. / （1）): a reader quotes and cites each as a paragraph, however short,
and the light keys of real papers type them so. Items numbered "1." or "1、", bullets, and
magazines' lists stay a list unless they read as prose (paragraphs.numbered_paragraphs), as the
sample issue's key types them (its paper's "1. 引发资本市场震荡…；" is list_item). So in a paper, a
run of consecutive numbered body blocks opening with the points' marker (rules:
academic.numbered_points.marker) is paragraphs when at least `run_share` of them end a sentence
or a clause (。！？；, a Latin stop, a closing mark after them); a run of fragments ("（1）输入层")
stays a list.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .models import Block, Role
from .paragraphs import _stream
from .rules import Rules

_ENDS_SENTENCE = re.compile(r"[。．.！!？?；;][”’」』）)]*$")


def _sentence(blk: Block) -> bool:
    return bool(_ENDS_SENTENCE.search(blk.text.strip()))


def numbered_points(blocks: list[Block], rules: Rules) -> list[Block]:
    """The paper's blocks, each run of numbered points (module doc) that mostly end a sentence
    typed paragraph (new blocks; the input is untouched)."""
    share = rules.get("academic", "numbered_points", "run_share", default=None)
    marker = rules.get("academic", "numbered_points", "marker", default=None)
    if share is None or not marker:
        return blocks
    points = re.compile(marker)
    runs: list[list[int]] = [[]]
    for i, blk in enumerate(blocks):
        if _stream(blk) != "body":
            continue  # a caption, a table or a box beside the list does not end it
        if blk.role == Role.LIST_ITEM:
            runs[-1].append(i)
        elif runs[-1]:
            runs.append([])
    out = list(blocks)
    for run in runs:
        if not run or not all(points.match(blocks[i].text) for i in run):
            continue
        if sum(_sentence(blocks[i]) for i in run) >= float(share) * len(run):
            for i in run:
                out[i] = replace(blocks[i], role=Role.PARAGRAPH)
    return out

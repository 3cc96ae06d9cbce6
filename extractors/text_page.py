"""Plain text -> Page. Lines become blocks: headings, list items, table rows (tab/pipe separated), paragraphs.

The same line classifier reads the text pypdf extracts from PDFs (see pdf_page.py).
"""

from __future__ import annotations

import re

from .decoding import clean, decode
from .model import Block, Page

_LIST = re.compile(r"^(?:\d{1,2}[.)]|\(\d{1,2}\)|[a-z][.)]|\([a-z]\)|[-•*·▪►»o]\s)\s*\S", re.I)
_LETTER_HEADING = re.compile(r"^(?:[A-Z]|[IVX]{1,4})[.)]\s+\S")
_CELL_SPLIT = re.compile(r"\t+| {3,}|\s\|\s?|\|")
_LETTERS = re.compile(r"[A-Za-z]")


def classify_line(raw: str, *, table_index: int, page: int = 0, allow_spaces_table: bool = False) -> Block | None:
    """One line -> a Block (or None for an empty line). table_index is the index a table row would get."""
    indent = len(raw) - len(raw.lstrip(" \t"))
    line = clean(raw)
    if not line:
        return None
    if "|" in line or "\t" in raw or (allow_spaces_table and re.search(r"\S {3,}\S", raw.strip())):
        parts = [clean(c) for c in _CELL_SPLIT.split(raw.strip().strip("|"))]
        parts = [c for c in parts]
        if sum(1 for c in parts if c) >= 2:
            cells = tuple(parts)
            return Block("table_row", " | ".join(c for c in cells if c), cells=cells, table=table_index, page=page)
    words = len(line.split())
    letters = _LETTERS.findall(line)
    if _LETTER_HEADING.match(line) and words <= 10 and not line.endswith((".", ";", ",")):
        return Block("heading", line, level=3, page=page)
    if _LIST.match(line):
        return Block("list_item", line, level=1 + indent // 4, page=page)
    if line.endswith(":") and words <= 10:
        return Block("heading", line, level=4, page=page)
    if letters and words <= 12 and all(c.isupper() for c in letters) and len(letters) >= 3:
        return Block("heading", line, level=2, page=page)
    return Block("paragraph", line, page=page)


def lines_to_blocks(text: str, *, page: int = 0, first_table: int = 0, allow_spaces_table: bool = False) -> tuple[list[Block], int]:
    """Blocks for `text`, and the next free table index. Consecutive table lines share one table index."""
    blocks: list[Block] = []
    table = first_table
    in_table = False
    for raw in text.splitlines():
        block = classify_line(raw, table_index=table, page=page, allow_spaces_table=allow_spaces_table)
        if block is None:
            continue
        if block.kind == "table_row":
            in_table = True
        elif in_table:
            in_table = False
            table += 1
        blocks.append(block)
    if in_table:
        table += 1
    return blocks, table


def build_text(url: str, body: bytes, content_type: str | None = None) -> Page:
    text = decode(body, content_type)
    blocks, _ = lines_to_blocks(text, allow_spaces_table=False)
    title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")
    return Page(url=url, title=title[:200], blocks=blocks, source="text")

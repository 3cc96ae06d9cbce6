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
# a line in capitals that opens with a duration or an amount ("6 (ENAM) HARI KERJA (PROSES …)", "RP. 50.000,-") is
# a field's value, not a heading
_VALUE_FIRST = re.compile(r"^(?:\d+(?:[.,]\d+)?\s*(?:\([A-Z ]+\)\s*)?(?:HARI|JAM|MENIT|MINGGU|BULAN)\b|RP\.?\s*\d)")


# Table cells flattened without a space between them: "4Jangka Waktu Penyelesaian1 Hari" -> "4 Jangka …n 1 Hari"
# and words run together the same way: "SistemMekanisme dan Prosedur"
_GLUED = re.compile(r"(?<=\d)(?=[A-Z][a-z]{3,})|(?<=[a-z]{4})(?=\d)|(?<=[a-z]{3})(?=[A-Z][a-z]{3,})")


def classify_line(raw: str, *, table_index: int, page: int = 0, allow_spaces_table: bool = False) -> Block | None:
    """One line -> a Block (or None for an empty line). table_index is the index a table row would get."""
    raw = _GLUED.sub(" ", raw)
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
    if letters and words <= 12 and all(c.isupper() for c in letters) and len(letters) >= 3 \
            and not _VALUE_FIRST.match(line):
        return Block("heading", line, level=2, page=page)
    return Block("paragraph", line, page=page)


# A line that is only a list marker or an ordinal ("3.", "b)", "Pertama", "Kedua"): a table flattened one cell a
# line, or steps written as ordinals. The marker belongs to the line after it.
_MARKER_ONLY = re.compile(r"^\s*(?:\d{1,2}|[a-zA-Z])\s*[.)]\s*$|^\s*(?:pertama|kedua|ketiga|keempat|kelima|keenam|"
                          r"ketujuh|kedelapan|kesembilan|kesepuluh|terakhir)\s*[:.]?\s*$", re.I)


# A line that is only a colon: a key-value table flattened one cell a line ("WNI" / ":" / "Rp. 0,-"); the key,
# the colon and the value are one line.
_COLON_ONLY = re.compile(r"^\s*:\s*$")
KEY_WORDS = 8  # the longest key a lone colon joins to its value


def _join_markers(lines: list[str]) -> list[str]:
    out: list[str] = []
    pending = ""
    colon = False
    for raw in lines:
        if not raw.strip():
            continue
        if _COLON_ONLY.match(raw):
            colon = bool(out) and len(out[-1].split()) <= KEY_WORDS and not out[-1].rstrip().endswith(":")
            continue
        if colon:
            out[-1] = f"{out[-1].rstrip()} : {raw.strip()}"
            colon = False
            continue
        if _MARKER_ONLY.match(raw):
            pending = raw.strip()
            continue
        if pending:
            marker = pending if pending[-1] in ".)" else pending.rstrip(":.") + "."
            raw = f"{marker} {raw.strip()}"
            pending = ""
        out.append(raw)
    return out


def lines_to_blocks(text: str, *, page: int = 0, first_table: int = 0, allow_spaces_table: bool = False) -> tuple[list[Block], int]:
    """Blocks for `text`, and the next free table index. Consecutive table lines share one table index."""
    blocks: list[Block] = []
    table = first_table
    in_table = False
    for raw in _join_markers(text.splitlines()):
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
    # A stored page's text starts with its title more often than not; a long first line is prose, not a title.
    first = blocks[0].text if blocks else ""
    title = first if first and len(first.split()) <= 16 else next((b.text for b in blocks if b.kind == "heading"), first)
    return Page(url=url, title=title[:200], blocks=blocks, source="text", plain=True)

"""Word (.docx) -> Page with python-docx: paragraphs and tables in document order.

Structure kept the way html_page.py keeps it: heading styles ("Heading 2", Indonesian Word's "Judul 2") and
bold-only short paragraphs are headings, numbered or bulleted paragraphs are list items, tables are table rows
with their cells (merged cells repeated per grid column, as colspan/rowspan are in HTML). A paragraph with no
style is read as a line of plain text is read ("1. Fotokopi KTP", "PERSYARATAN :", "Biaya\t: Gratis").

python-docx parses with lxml and `resolve_entities=False` (no XML entity expansion); the zip is checked by
documents.open_zip before it is opened.
"""

from __future__ import annotations

import io
import re

import docx
from docx.table import Table
from docx.text.paragraph import Paragraph

from .decoding import clean, clean_lines
from .documents import open_zip
from .errors import ExtractionError
from .model import Block, Page
from .text_page import classify_line

MAX_BLOCKS = 10_000
MAX_TABLE_ROWS = 2000
_HEADING_STYLE = re.compile(r"^(?:heading|judul)\s*([1-6])$", re.I)
_TITLE_STYLES = {"title", "judul", "subtitle", "subjudul"}
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def build_docx(url: str, body: bytes) -> Page:
    open_zip(body)  # raises on a zip bomb before python-docx reads anything
    try:
        document = docx.Document(io.BytesIO(body))
        reader = _Reader()
        for item in _items(document.element.body, document):
            if len(reader.blocks) >= MAX_BLOCKS:
                break
            if isinstance(item, Table):
                reader.table(item)
            else:
                reader.paragraph(item)
        title = (document.core_properties.title or "").strip()
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - python-docx raises anything on a malformed package
        raise ExtractionError(f"malformed .docx: {type(exc).__name__}: {exc}") from exc
    blocks = reader.blocks[:MAX_BLOCKS]
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")
    return Page(url=url, title=clean(title)[:200], blocks=blocks, source="docx", links=reader.links)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.links: list[str] = []
        self.table_index = 0

    def paragraph(self, p) -> None:
        text = clean(p.text)
        for link in p.hyperlinks:
            if link.address:
                self.links.append(link.address)
        if not text:
            return
        style = _style_name(p)
        heading = _HEADING_STYLE.match(style)
        if heading:
            self.blocks.append(Block("heading", text, level=int(heading.group(1))))
        elif style.lower() in _TITLE_STYLES:
            self.blocks.append(Block("heading", text, level=1))
        elif _numbered(p) or "list" in style.lower():
            self.blocks.append(Block("list_item", text, level=_list_level(p)))
        elif _all_bold(p) and len(text.split()) <= 15:
            self.blocks.append(Block("heading", text, level=6))
        else:
            block = classify_line(p.text, table_index=self.table_index) or Block("paragraph", text)
            if block.kind == "table_row":  # a tab-aligned "Biaya\t: Gratis" is a line, not a table
                block = Block("paragraph", text)
            self.blocks.append(block)

    def table(self, table) -> None:
        index = self.table_index
        self.table_index += 1
        for n, row in enumerate(table.rows):
            if n >= MAX_TABLE_ROWS:
                break
            cells = tuple(clean_lines(_cell_text(cell)) for cell in row.cells)
            if not any(cells):
                continue
            distinct = [c for c in dict.fromkeys(cells) if c]
            if len(cells) >= 2 and len(distinct) == 1 and len(distinct[0]) <= 200:
                # one merged cell across the table: a divider naming what follows ("B. IZIN REKLAME")
                self.blocks.append(Block("heading", distinct[0].replace("\n", " "), level=5))
                continue
            header = _repeats_as_header(row) or (n == 0 and all(_cell_bold(c) for c in row.cells if c.text.strip()))
            text = " | ".join(c.replace("\n", " ") for c in _dedup_spans(cells) if c)
            self.blocks.append(Block("table_row", text, cells=cells, table=index, header=header))


def _items(element, parent, depth: int = 0):
    """Paragraphs and tables in document order, also those inside content controls (<w:sdt>), which Word
    templates wrap whole sections in and python-docx's iter_inner_content skips."""
    for child in element.iterchildren():
        if child.tag == f"{_W}p":
            yield Paragraph(child, parent)
        elif child.tag == f"{_W}tbl":
            yield Table(child, parent)
        elif child.tag == f"{_W}sdt" and depth < 5:
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _items(content, parent, depth + 1)


def _cell_text(cell, depth: int = 0) -> str:
    """A cell's paragraphs, with a table nested in it written one row a line ("a | b")."""
    lines = []
    for item in _items(cell._tc, cell):
        if isinstance(item, Table):
            if depth < 3:
                lines.extend(" | ".join(dict.fromkeys(_cell_text(c, depth + 1).replace("\n", " ") for c in row.cells))
                             for row in item.rows)
        else:
            lines.append(item.text)
    return "\n".join(lines)


def _style_name(p) -> str:
    try:
        return (p.style.name or "") if p.style is not None else ""
    except Exception:  # noqa: BLE001 - a style id the styles part does not define
        return ""


def _numbered(p) -> bool:
    ppr = p._p.pPr
    return ppr is not None and ppr.numPr is not None


def _list_level(p) -> int:
    ppr = p._p.pPr
    try:
        return int(ppr.numPr.ilvl.val) + 1
    except (AttributeError, TypeError, ValueError):
        return 1


def _all_bold(p) -> bool:
    runs = [r for r in p.runs if r.text.strip()]
    style_bold = bool(p.style is not None and p.style.font.bold)
    return bool(runs) and all(r.bold or (r.bold is None and style_bold) for r in runs)


def _cell_bold(cell) -> bool:
    return all(_all_bold(p) for p in cell.paragraphs if p.text.strip())


def _repeats_as_header(row) -> bool:
    """Word's "repeat as header row at the top of each page" marks a header row."""
    trpr = row._tr.trPr
    return trpr is not None and trpr.find(f"{_W}tblHeader") is not None


def _dedup_spans(cells: tuple[str, ...]) -> list[str]:
    """A merged cell repeated over its grid columns is written once in the row's text."""
    out: list[str] = []
    for c in cells:
        if not out or c != out[-1]:
            out.append(c)
    return out

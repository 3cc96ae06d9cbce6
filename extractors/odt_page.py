"""OpenDocument text (.odt) -> Page: content.xml read with lxml (headings, paragraphs, lists, tables).

The parser resolves no entities, loads no DTD and touches no network; the zip is checked by
documents.open_zip first. Repeated columns and rows (table:number-*-repeated) are capped.
"""

from __future__ import annotations

from lxml import etree

from .decoding import clean, clean_lines
from .documents import open_zip
from .errors import ExtractionError
from .model import Block, Page
from .text_page import classify_line

MAX_BLOCKS = 10_000
MAX_REPEAT = 30  # a cell or row repeated more often than this is layout padding
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def build_odt(url: str, body: bytes) -> Page:
    archive = open_zip(body)
    try:
        root = etree.fromstring(archive.read("content.xml"), _PARSER)
    except Exception as exc:  # noqa: BLE001 - a missing part, bad CRC, unknown compression, malformed XML
        raise ExtractionError(f"malformed .odt: {type(exc).__name__}: {exc}") from exc
    office_text = root.find(f"{{{OFFICE}}}body/{{{OFFICE}}}text")
    reader = _Reader()
    if office_text is not None:
        reader.children(office_text, 0)
    blocks = reader.blocks[:MAX_BLOCKS]
    title = next((b.text for b in blocks if b.kind == "heading"), blocks[0].text if blocks else "")
    return Page(url=url, title=title[:200], blocks=blocks, source="odt", links=reader.links)


class _Reader:
    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self.links: list[str] = []
        self.table_index = 0

    def children(self, el, depth: int) -> None:
        for child in el:
            if len(self.blocks) >= MAX_BLOCKS:
                return
            tag = child.tag
            if tag == f"{{{TEXT}}}h":
                text = clean(_text(child))
                if text:
                    level = _int(child.get(f"{{{TEXT}}}outline-level"), 2)
                    self.blocks.append(Block("heading", text, level=min(max(level, 1), 6)))
            elif tag == f"{{{TEXT}}}p":
                self._links(child)
                text = _text(child)
                block = classify_line(text, table_index=self.table_index) if "\n" not in text else None
                if block is not None and block.kind == "table_row":
                    block = Block("paragraph", clean(text))
                if block is None and clean(text):
                    block = Block("paragraph", clean(text))
                if block is not None:
                    self.blocks.append(block)
            elif tag == f"{{{TEXT}}}list":
                self.list(child, depth + 1)
            elif tag == f"{{{TABLE}}}table":
                self.table(child)
            elif tag in (f"{{{TEXT}}}section", f"{{{TEXT}}}soft-page-break", f"{{{TABLE}}}table-header-rows"):
                self.children(child, depth)

    def list(self, el, level: int) -> None:
        for item in el:
            if item.tag != f"{{{TEXT}}}list-item":
                continue
            own = clean(" ".join(_text(p) for p in item if p.tag in (f"{{{TEXT}}}p", f"{{{TEXT}}}h")))
            if own and len(self.blocks) < MAX_BLOCKS:
                self.blocks.append(Block("list_item", own, level=level))
            for sub in item:
                if sub.tag == f"{{{TEXT}}}list":
                    self.list(sub, level + 1)

    def table(self, table) -> None:
        index = self.table_index
        self.table_index += 1
        for tr in table.iter(f"{{{TABLE}}}table-row"):
            cells: list[str] = []
            for cell in tr:
                if cell.tag not in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
                    continue
                text = clean_lines("\n".join(_text(p) for p in cell.iter(f"{{{TEXT}}}p")))
                repeat = min(_int(cell.get(f"{{{TABLE}}}number-columns-repeated"), 1), MAX_REPEAT)
                cells.extend([text] * repeat)
                if len(cells) >= MAX_REPEAT:
                    break
            while cells and not cells[-1]:
                cells.pop()
            if not any(cells):
                continue
            header = tr.getparent() is not None and tr.getparent().tag == f"{{{TABLE}}}table-header-rows"
            text = " | ".join(c.replace("\n", " ") for c in cells if c)
            self.blocks.append(Block("table_row", text, cells=tuple(cells), table=index, header=header))
            if len(self.blocks) >= MAX_BLOCKS:
                return

    def _links(self, el) -> None:
        for a in el.iter(f"{{{TEXT}}}a"):
            href = a.get("{http://www.w3.org/1999/xlink}href")
            if href:
                self.links.append(href)


def _text(el) -> str:
    """The text of a paragraph: <text:s c="3"/> spaces, <text:tab/> and <text:line-break/> kept as whitespace."""
    out: list[str] = [el.text or ""]
    for child in el:
        tag = child.tag
        if tag == f"{{{TEXT}}}s":
            out.append(" " * min(_int(child.get(f"{{{TEXT}}}c"), 1), 10))
        elif tag == f"{{{TEXT}}}tab":
            out.append(" ")
        elif tag == f"{{{TEXT}}}line-break":
            out.append("\n")
        elif tag not in (f"{{{TEXT}}}note",):
            out.append(_text(child))
        out.append(child.tail or "")
    return "".join(out)


def _int(value, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default

"""PDF -> Page with pypdf: the text of each page, line by line, as blocks located by page number.

Scanned PDFs give no text (an OCR step would be needed); they yield a Page without blocks.
Any failure to read the file (malformed, encrypted with a password, ...) raises ExtractionError.
"""

from __future__ import annotations

import io
import logging

from .errors import ExtractionError
from .model import Block, Page
from .pdf_layout import layout_blocks
from .text_page import classify_line, lines_to_blocks

logging.getLogger("pypdf").setLevel(logging.ERROR)

MAX_PAGES = 300


def build_pdf(url: str, body: bytes, content_type: str | None = None) -> Page:
    try:
        from pypdf import PdfReader
    except ImportError as exc:  # pragma: no cover - pypdf is a dependency
        raise ExtractionError("pypdf is not installed") from exc
    if not body.lstrip()[:5].startswith(b"%PDF"):
        raise ExtractionError("not a PDF file (no %PDF header)")
    try:
        reader = PdfReader(io.BytesIO(body), strict=False)
        if reader.is_encrypted:
            try:
                ok = reader.decrypt("")
            except Exception as exc:  # noqa: BLE001 - pypdf raises many types (and needs a crypto lib for AES)
                raise ExtractionError(f"encrypted PDF cannot be opened: {exc}") from exc
            if not ok:
                raise ExtractionError("encrypted PDF: a password is required")
        title = ""
        try:
            meta = reader.metadata
            title = str(meta.title) if meta and meta.title else ""
        except Exception:  # noqa: BLE001 - broken metadata must not sink the text
            title = ""
        blocks = []
        table = 0
        for number, pdf_page in enumerate(reader.pages, start=1):
            if number > MAX_PAGES:
                break
            page_blocks, table = _page_blocks(pdf_page, number, table)
            blocks.extend(page_blocks)
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises anything on malformed input
        raise ExtractionError(f"malformed PDF: {type(exc).__name__}: {exc}") from exc
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading"), "")
    return Page(url=url, title=title[:200], blocks=blocks, source="pdf")


def _page_blocks(pdf_page, number: int, table: int):
    """Blocks of one PDF page: tables rebuilt from the layout text where a header row is found, the rest
    line by line."""
    try:
        layout = pdf_page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode is fussier; fall back to plain text
        layout = ""
    if layout:
        rows, used, next_table = layout_blocks(layout, page=number, first_table=table)
        if rows:
            by_line = dict(rows)
            blocks = []
            for k, raw in enumerate(layout.split("\n")):
                if k in by_line:
                    blocks.append(by_line[k])
                    # wrapped rows are emitted at their anchor line; rows anchored later come in order
                    continue
                if k in used:
                    continue
                block = classify_line(raw, table_index=next_table, page=number)
                if block is not None and block.kind != "table_row":
                    blocks.append(block)
                elif block is not None:
                    blocks.append(Block("paragraph", block.text, page=number))
            return blocks, next_table
    try:
        text = pdf_page.extract_text() or ""
    except Exception:  # noqa: BLE001 - one broken page: skip it, keep the rest
        return [], table
    return lines_to_blocks(text, page=number, first_table=table)

"""PDF -> Page with pypdf: the text of each page, line by line, as blocks located by page number.

Scanned PDFs give no text (an OCR step would be needed); they yield a Page without blocks.
Any failure to read the file (malformed, encrypted with a password, ...) raises ExtractionError.
"""

from __future__ import annotations

import io
import logging
import re
from dataclasses import replace

from .cuts import cut
from .errors import ExtractionError
from .model import Block, Page
from .pdf_layout import layout_blocks
from .text_page import classify_line, lines_to_blocks
from .vocab import cached, normalise

logging.getLogger("pypdf").setLevel(logging.ERROR)

MAX_PAGES = 300
HEADER_MAX_WORDS = 14
# a running footer/header: "… - hal. 1", "Halaman 2 dari 5", "Page 3 of 4", "- 2 -"
_PAGE_MARK = re.compile(r"(?:\b(?:hal|halaman|page)\.?\s*\d{1,3}(?:\s*(?:dari|of|/)\s*\d{1,3})?|^\s*-\s*\d{1,3}\s*-)\s*$", re.I)


def drop_page_marks(blocks: list[Block]) -> list[Block]:
    """Running page footers are not content (they would end up in the last field of the page)."""
    return [b for b in blocks if not (len(b.text) < 160 and _PAGE_MARK.search(b.text))]


def _label_heads(v) -> dict[str, frozenset[str]]:
    """Per label head, the components it opens a label of: the first words (4+ letters) of each component's
    labels ("persyaratan", "syarat", "kelengkapan" -> persyaratan; "standar" -> prosedur and waktu)."""
    out: dict[str, set[str]] = {}
    for cls, phrases in (v.get("labels") or {}).items():
        for head in {normalise(p).split(" ", 1)[0] for p in phrases if normalise(p)}:
            if len(head) >= 4:
                out.setdefault(head, set()).add(cls)
    return {head: frozenset(classes) for head, classes in out.items()}


_heads = cached(_label_heads)


def looks_tabular(text: str) -> bool:
    """A short line naming three or more components reads like a table's header row (a component is named by
    a word that opens one of its labels)."""
    heads = _heads()
    lines = [normalise(x) for x in text.split("\n")]
    for norm in lines:
        words = norm.split()
        if not words or len(words) > HEADER_MAX_WORDS:
            continue
        # a set lookup per word of the (normalised) line: one regex search per component cost 3x as much
        named = set()
        for word in words:
            named.update(heads.get(word, ()))
        if len(named) >= 3:
            return True
    return _transposed_hint(lines, heads)


_TRANSPOSED_HEAD = re.compile(r"^(?:komponen|unsur|uraian|komponen standar pelayanan|komponen pelayanan)\s+\S")


def _transposed_hint(lines: list[str], heads) -> bool:
    """A table with one column per service ("Komponen | Izin A | Izin B" over rows "Persyaratan …",
    "Prosedur …"): a line opening with "Komponen" and three or more lines opening with different labels.
    lines: the page's lines, normalised."""
    if not any(_TRANSPOSED_HEAD.match(x) for x in lines):
        return False
    starts = set()
    for x in lines:
        starts.update(heads.get(x.split(" ", 1)[0], ()) if x else ())
    return len(starts) >= 3


def open_pdf(body: bytes):
    """pypdf's reader of a PDF body, decrypted with the empty password; ExtractionError for what cannot be opened.
    build_page opens a PDF once with it and hands the reader to the scan test and to build_pdf."""
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
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf raises anything on malformed input
        raise ExtractionError(f"malformed PDF: {type(exc).__name__}: {exc}") from exc
    return reader


def build_pdf(url: str, body: bytes, content_type: str | None = None, *, reader=None) -> Page:
    """reader: open_pdf(body) when the caller already opened it (else it is opened here)."""
    if reader is None:
        reader = open_pdf(body)
    try:
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
                cut(f"PDF of {len(reader.pages)} pages: the first {MAX_PAGES} were read")
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
    """Blocks of one PDF page. Plain extraction first; pypdf's layout mode (several times slower) only when
    the plain text has a line that looks like a table header (No | Jenis Layanan | Persyaratan | Waktu …):
    then tables are rebuilt from the layout text and the rest is read line by line."""
    try:
        text = pdf_page.extract_text() or ""
    except Exception:  # noqa: BLE001 - one broken page: skip it, keep the rest
        text = ""
    if looks_tabular(text):
        found = _layout_page(pdf_page, number, table)
        if found is not None:
            return found
    blocks, table = lines_to_blocks(text, page=number, first_table=table)
    return join_wrapped_headings(drop_page_marks(blocks)), table


def _layout_page(pdf_page, number: int, table: int):
    try:
        layout = pdf_page.extract_text(extraction_mode="layout") or ""
    except Exception:  # noqa: BLE001 - layout mode is fussier; fall back to plain text
        return None
    if not layout:
        return None
    rows, used, next_table = layout_blocks(layout, page=number, first_table=table)
    if not rows:
        return None
    by_line: dict[int, list] = {}
    for k, block in rows:
        by_line.setdefault(k, []).append(block)
    blocks = []
    for k, raw in enumerate(layout.split("\n")):
        if k in by_line:
            blocks.extend(by_line[k])
            # wrapped rows are emitted at their anchor line; rows anchored later come in order
            continue
        if k in used:
            continue
        block = classify_line(raw, table_index=next_table, page=number)
        if block is not None and block.kind != "table_row":
            blocks.append(block)
        elif block is not None:
            blocks.append(Block("paragraph", block.text, page=number))
    return join_wrapped_headings(drop_page_marks(blocks)), next_table


def join_wrapped_headings(blocks: list[Block]) -> list[Block]:
    """A title set in capitals that wraps onto a short next line ("C. STANDAR PELAYANAN PENERBITAN NIB
    MELALUI OSS" + "RBA") is one heading."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if (prev is not None and prev.kind == "heading" and b.kind == "heading" and b.level == 2
                and prev.page == b.page and len(prev.text.split()) >= 6 and len(b.text.split()) <= 3
                and not prev.text.rstrip().endswith((":", ".", ","))):
            out[-1] = replace(prev, text=f"{prev.text} {b.text}")
            continue
        out.append(b)
    return out

"""Excel (.xlsx) -> Page with openpyxl in read-only mode: each sheet a heading and its rows table rows.

A row with a single filled cell is a title or a divider ("STANDAR PELAYANAN KTP-el") and is read as a line;
a row with two or more is a table row with its cells. An empty row ends a table. Bounded: sheets, rows and
columns read are capped, so a sheet claiming a million rows costs no more than the cap.

openpyxl parses with lxml's `resolve_entities=False` and streams sheets through defusedxml's iterparse when
defusedxml is installed (it is a dependency of pantau for that reason); the zip is checked by
documents.open_zip before it is opened.
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from .decoding import clean, clean_lines
from .documents import open_zip
from .errors import ExtractionError
from .model import Block, Page
from .text_page import classify_line

MAX_SHEETS = 20
MAX_ROWS = 2000  # per sheet, empty rows included
MAX_TOTAL_ROWS = 5000  # all sheets together: the extractors' time grows with the rows they are given
MAX_COLUMNS = 30


def build_xlsx(url: str, body: bytes) -> Page:
    open_zip(body)  # raises on a zip bomb before openpyxl reads anything
    blocks: list[Block] = []
    table = 0
    rows_read = 0
    try:
        book = openpyxl.load_workbook(io.BytesIO(body), read_only=True, data_only=True, keep_links=False)
        try:
            title = (book.properties.title or "").strip() if book.properties else ""
            for sheet in book.worksheets[:MAX_SHEETS]:
                if rows_read >= MAX_TOTAL_ROWS:
                    break
                blocks.append(Block("heading", clean(sheet.title), level=2))
                in_table = False
                for n, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)):
                    if n >= MAX_ROWS or rows_read >= MAX_TOTAL_ROWS:
                        break
                    rows_read += 1
                    cells = tuple(clean_lines(_text(v)) for v in values)
                    while cells and not cells[-1]:
                        cells = cells[:-1]
                    filled = [c for c in cells if c]
                    if len(filled) >= 2:
                        text = " | ".join(c.replace("\n", " ") for c in filled)
                        blocks.append(Block("table_row", text, cells=cells, table=table, header=not in_table))
                        in_table = True
                        continue
                    if in_table:
                        in_table = False
                        table += 1
                    if filled:
                        blocks.append(classify_line(filled[0].replace("\n", " "), table_index=table)
                                      or Block("paragraph", filled[0]))
                if in_table:
                    table += 1
        finally:
            book.close()
    except ExtractionError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl raises anything on a malformed workbook
        raise ExtractionError(f"malformed .xlsx: {type(exc).__name__}: {exc}") from exc
    if not title:
        title = next((b.text for b in blocks if b.kind != "heading" or b.level != 2), "")
    return Page(url=url, title=clean(title)[:200], blocks=blocks, source="xlsx")


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    return str(value)

"""Wide tables: a header row naming components (Jenis Layanan | Persyaratan | Waktu | Biaya …) gives one
service section per data row."""
from __future__ import annotations

import re

from .components import biaya
from .fields import Field, Section
from .labels import LABEL_MAX_WORDS
from .model import COMPONENTS, Block
from .names import clean_service_name
from .vocab import SERVICE_NAME, classify_label, normalise

def wide_tables(blocks: list[Block]) -> dict[int, tuple[int, int, dict[int, str]]]:
    """table index -> (header row block index, name column, {column: component}) for wide tables."""
    rows_by_table: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.kind == "table_row" and b.table >= 0:
            rows_by_table.setdefault(b.table, []).append(i)
    out = {}
    for table, idxs in rows_by_table.items():
        if len(idxs) < 2:
            continue
        for hi in idxs[:3]:
            cells = blocks[hi].cells
            if len(cells) < 2:
                continue
            cols: dict[int, str] = {}
            name_col = None
            for c, cell in enumerate(cells):
                if not cell or len(cell.split()) > LABEL_MAX_WORDS:
                    continue
                lab = classify_label(cell)
                if lab is None or lab.words - lab.phrase_words > 3:
                    continue
                if lab.cls == SERVICE_NAME and name_col is None:
                    name_col = c
                elif lab.cls in COMPONENTS and lab.cls not in cols.values():
                    cols[c] = lab.cls
            price_list = set(cols.values()) == {"biaya"} and _price_rows(blocks, idxs, hi, next(iter(cols)))
            if len(cells) >= 3 and len(cols) >= 2 and len(set(cols.values()) & {"persyaratan", "prosedur", "waktu", "biaya", "produk"}) >= 2 \
                    or price_list:
                if name_col is None:
                    for c, cell in enumerate(cells):
                        if c in cols or not cell:
                            continue
                        if normalise(cell) in ("no", "nomor", "no urut", "nomor urut", "kode"):
                            continue
                        name_col = c
                        break
                if name_col is not None:
                    out[table] = (hi, name_col, cols)
                break
    return out


_BARE_AMOUNT = re.compile(r"^\s*\d{1,3}(?:[.,]\d{3})+(?:,-|,00|\.-)?\s*$|^\s*\d{4,9}\s*$")


_RP_HEADER = re.compile(r"\b(?:rp|rupiah|idr)\b", re.I)


def money_cell(header: str, cell: str) -> str:
    """ "Tarif (Rp)" over "150.000": the header gives the currency of a bare number."""
    if _RP_HEADER.search(header) and _BARE_AMOUNT.match(cell):
        return f"Rp {cell.strip()}"
    return cell


def _price_rows(blocks: list[Block], idxs: list[int], hi: int, col: int) -> bool:
    """A price list (Jenis Layanan | Tarif): most rows under the header state a fee of their own."""
    rows = [blocks[i].cells for i in idxs if i > hi]
    head = blocks[hi].cells[col]
    fees = sum(1 for cells in rows if col < len(cells) and len(cells[col]) < 120
               and biaya.parse(money_cell(head, cells[col])))
    return len(rows) >= 2 and fees >= max(2, 0.6 * len(rows))


def wide_sections(blocks, table, spec) -> list[Section]:
    hi, name_col, cols = spec
    header_cells = blocks[hi].cells
    sections = []
    for i, b in enumerate(blocks):
        if b.kind != "table_row" or b.table != table or i <= hi:
            continue
        cells = b.cells
        if name_col >= len(cells):
            continue
        distinct = {c for c in cells if c}
        if len(distinct) <= 1 and len(cells) > 2:  # a group row spanning all columns
            continue
        if tuple(cells[: len(header_cells)]) == tuple(header_cells):
            continue
        name = clean_service_name(cells[name_col].split("\n")[0] if len(cells[name_col]) > 160 else cells[name_col])
        if not name:
            continue
        sec = Section(name=name, index=i)
        for c, cls in cols.items():
            if c < len(cells) and cells[c]:
                inline = money_cell(header_cells[c], cells[c]) if cls == "biaya" else cells[c]
                sec.fields.append(Field(cls=cls, label=header_cells[c], inline=inline, index=i, kind="wide",
                                        table=table))
        if sec.fields:
            sections.append(sec)
    return sections

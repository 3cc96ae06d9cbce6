"""Tables in PDF text laid out with spaces (pypdf's layout mode): column positions come from a header line
whose cells are labels ("No  Jenis Layanan  Persyaratan  Waktu  Biaya"); each later line is cut at those
positions, and the lines of one row (wrapped cells) are grouped around the line that carries the row number.
"""

from __future__ import annotations

import re

from .decoding import clean
from .model import Block
from .vocab import classify_label

_CELL = re.compile(r"\S+(?: \S+)*")  # runs of text separated by 2+ spaces
_ROW_NUMBER = re.compile(r"^\s{0,6}(\d{1,3})[.)]?(?:\s{2,}|\s*$)")


def _header_columns(line: str) -> list[int] | None:
    cells = [(m.start(), m.group(0)) for m in _CELL.finditer(line)]
    if len(cells) < 3:
        return None
    labelled = sum(1 for _, text in cells if len(text.split()) <= 6 and classify_label(text) is not None)
    if labelled < 3 or labelled < len(cells) - 1:
        return None
    return [start for start, _ in cells]


def _cut(line: str, cols: list[int]) -> list[str]:
    out = []
    for k, start in enumerate(cols):
        end = cols[k + 1] if k + 1 < len(cols) else len(line)
        a = 0 if k == 0 else start
        out.append(line[a:end] if a < len(line) else "")
    return out


def layout_blocks(text: str, *, page: int, first_table: int) -> tuple[list[tuple[int, Block]], set[int], int]:
    """Table rows found in layout text: ([(line index, Block)], line indexes used, next table index)."""
    lines = text.split("\n")
    used: set[int] = set()
    out: list[tuple[int, Block]] = []
    table = first_table
    i = 0
    while i < len(lines):
        cols = _header_columns(lines[i])
        if cols is None:
            i += 1
            continue
        header = [clean(c) for c in _cut(lines[i], cols)]
        body = []
        j = i + 1
        blank = 0
        while j < len(lines):
            if not lines[j].strip():
                blank += 1
                if blank >= 2:
                    break
                j += 1
                continue
            blank = 0
            # a line that starts left of the table and runs across it as prose ends the table
            if len(_CELL.findall(lines[j])) == 1 and len(lines[j].strip()) > 60:
                break
            body.append(j)
            j += 1
        numbered = [k for k in body if _ROW_NUMBER.match(lines[k])]
        if len(numbered) < 1:
            i += 1
            continue
        out.append((i, Block("table_row", " | ".join(c for c in header if c), cells=tuple(header), table=table,
                             header=True, page=page)))
        groups: dict[int, list[int]] = {a: [] for a in numbered}
        for k in body:
            if k in groups:
                groups[k].append(k)
                continue
            prev = max((a for a in numbered if a < k), default=None)
            nxt = min((a for a in numbered if a > k), default=None)
            if prev is None:
                owner = nxt
            elif nxt is None:
                owner = prev
            else:
                owner = prev if (k - prev) <= (nxt - k) else nxt
            groups[owner].append(k)
        for anchor in numbered:
            rows = sorted(groups[anchor])
            cells = [[] for _ in cols]
            for k in rows:
                for c, part in enumerate(_cut(lines[k], cols)):
                    if part.strip():
                        cells[c].append(part.strip())
            texts = tuple(clean(" ".join(p)) for p in cells)
            out.append((anchor, Block("table_row", " | ".join(t for t in texts if t), cells=texts, table=table,
                                      page=page)))
        used.update([i, *body])
        table += 1
        i = j
    return out, used, table

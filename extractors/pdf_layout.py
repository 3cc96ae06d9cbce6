"""Tables in PDF text laid out with spaces (pypdf's layout mode): column positions come from a header line
whose cells are labels ("No  Jenis Layanan  Persyaratan  Waktu  Biaya"); each later line is cut at those
positions, and the lines of one row (wrapped cells) are grouped around the line that carries the row number.
"""

from __future__ import annotations

import re

from .decoding import clean
from .model import COMPONENTS, Block
from .vocab import classify_label

_CELL = re.compile(r"\S+(?: \S+)*")  # runs of text separated by 2+ spaces
_ROW_NUMBER = re.compile(r"^\s{0,6}(\d{1,3})[.)]?(?:\s{2,}|\s*$)")



def _table_body(lines: list[str], header: int) -> tuple[list[int], int]:
    """(indexes of the lines under a table header, index where the table ends): it ends at two blank lines or
    at a line of prose that starts left of the table and runs across it."""
    body, blank, j = [], 0, header + 1
    while j < len(lines):
        if not lines[j].strip():
            blank += 1
            if blank >= 2:
                break
            j += 1
            continue
        blank = 0
        if len(_CELL.findall(lines[j])) == 1 and len(lines[j].strip()) > 60:
            break
        body.append(j)
        j += 1
    return body, j

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
            found = _transposed(lines, i, page, table)
            if found is not None:
                rows, used_lines, table, i = found
                out.extend(rows)
                used.update(used_lines)
                continue
            i += 1
            continue
        header = [clean(c) for c in _cut(lines[i], cols)]
        body, j = _table_body(lines, i)
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
        label_col = _label_column(lines, body, cols, len(numbered))
        if label_col is not None:
            # the long form: one row per component ("1. | Izin X | Persyaratan | …", then "| | Prosedur | …"),
            # the service's number and name only on its first row. Every line with a label in the component
            # column starts a row; wrapped lines join the nearest such line; the name cells are carried down.
            widest = max((len(" ".join(_cut(lines[k], cols)[label_col + 1:]).strip()) for k in body), default=0)
            starts = sorted({k for k in body if _is_label_cell(_cut(lines[k], cols)[label_col])} | set(numbered))
            groups = {a: [] for a in starts}
            for k in body:
                if k in groups:
                    groups[k].append(k)
                    continue
                prev = max((a for a in starts if a < k), default=None)
                nxt = min((a for a in starts if a > k), default=None)
                tie_next = False
                if prev is not None and nxt is not None and (nxt - k) == (k - prev):
                    # equally near: a short line ends the cell above (the last line of a wrapped cell is
                    # short); a full-width line wraps on, into the cell whose label sits mid-cell below
                    content = " ".join(_cut(lines[k], cols)[label_col + 1:]).strip()
                    tie_next = len(content) >= 0.75 * widest
                    tie_next = tie_next and content[:1].isupper()
                if prev is None or (nxt is not None and ((nxt - k) < (k - prev) or tie_next)):
                    groups[nxt].append(k)
                else:
                    groups[prev].append(k)
            numbered = starts
        carried: tuple[str, ...] = ()
        for anchor in numbered:
            rows = sorted(groups[anchor])
            cells = [[] for _ in cols]
            for k in rows:
                for c, part in enumerate(_cut(lines[k], cols)):
                    if part.strip():
                        cells[c].append(part.strip())
            texts = tuple(clean(" ".join(p)) for p in cells)
            if label_col is not None:
                # emitted as the HTML shape of the same table: the service's name as a heading, then one
                # "Komponen | Uraian" row per component
                if any(texts[:label_col]) and texts[:label_col] != carried:
                    carried = texts[:label_col]
                    name = next((t for t in reversed(carried) if t and not _ROW_NUMBER.match(t)), "")
                    if name:
                        out.append((anchor, Block("heading", name, level=5, page=page)))
                texts = texts[label_col:]
            out.append((anchor, Block("table_row", " | ".join(t for t in texts if t), cells=texts, table=table,
                                      page=page)))
        used.update([i, *body])
        table += 1
        i = j
    return out, used, table


def _is_label_cell(text: str) -> bool:
    text = text.strip()
    if not text or len(text.split()) > 4:
        return False
    label = classify_label(text)
    return label is not None and label.cls in COMPONENTS and not label.rest


def _label_column(lines: list[str], body: list[int], cols: list[int], n_numbered: int) -> int | None:
    """The column (after the first) whose cells name components on more lines than there are numbered rows:
    a table with components as rows under each service."""
    if len(cols) < 3:
        return None
    best, best_count = None, 0
    for c in range(1, len(cols) - 1):
        count = sum(1 for k in body if _is_label_cell(_cut(lines[k], cols)[c]))
        if count > best_count:
            best, best_count = c, count
    if best is None or best_count < 3 or best_count <= n_numbered:
        return None
    return best


def _transposed(lines: list[str], i: int, page: int, table: int):
    """A table with one column per service: a header line "Komponen | Izin A | Izin B | …" and, under it,
    rows whose first cell is a component label. Emitted as the HTML shape of one service after another:
    the service's name as a heading, then one "Label | content" row per component.
    -> (rows, used line indexes, next table index, next line index) or None."""
    line = lines[i]
    cells = [(m.start(), m.group(0)) for m in _CELL.finditer(line)]
    if len(cells) < 3 or cells[0][0] > 6 or len(cells[0][1].split()) > 3:
        return None
    if any(classify_label(text) is not None and classify_label(text).cls in COMPONENTS for _, text in cells[1:]):
        return None  # a header of labels: the usual shape
    cols = [start for start, _ in cells]
    body, j = _table_body(lines, i)
    starts = [k for k in body if _is_label_cell(_cut(lines[k], cols)[0])]
    if len({classify_label(_cut(lines[k], cols)[0].strip()).cls for k in starts}) < 3:
        return None
    anchors = [i, *starts]
    widest = max((len(" ".join(_cut(lines[k], cols)[1:]).strip()) for k in body), default=0)
    groups: dict[int, list[int]] = {a: [a] for a in anchors}
    for k in body:
        if k in groups:
            continue
        prev = max((a for a in anchors if a < k), default=None)
        nxt = min((a for a in anchors if a > k), default=None)
        content = " ".join(_cut(lines[k], cols)[1:]).strip()
        tie_next = nxt is not None and (nxt - k) == (k - prev) and len(content) >= 0.75 * widest \
            and content[:1].isupper()
        if nxt is not None and ((nxt - k) < (k - prev) or tie_next):
            groups[nxt].append(k)
        else:
            groups[prev].append(k)
    owner = {k: a for a, ks in groups.items() for k in ks}
    for k in body:
        # a line that opens in lower case in every cell continues the line above: it stays in that line's row
        prev_line = k - 1
        if k in groups or owner.get(k) is None or owner.get(prev_line) is None or owner[k] == owner[prev_line]:
            continue
        parts = [p.strip() for p in _cut(lines[k], cols)[1:] if p.strip()]
        if parts and all(p[:1].islower() for p in parts) and not _cut(lines[k], cols)[0].strip():
            groups[owner[k]].remove(k)
            owner[k] = owner[prev_line]
            groups[owner[k]].append(k)
    grid = []
    for a in anchors:
        parts = [[] for _ in cols]
        for k in sorted(groups[a]):
            for c, part in enumerate(_cut(lines[k], cols)):
                if part.strip():
                    parts[c].append(part.strip())
        grid.append([clean(" ".join(p)) for p in parts])
    names, rows_out = grid[0], []
    for c in range(1, len(cols)):
        if not names[c]:
            continue
        rows_out.append((i, Block("heading", names[c], level=5, page=page)))
        for row in grid[1:]:
            if row[c]:
                rows_out.append((i, Block("table_row", f"{row[0]} | {row[c]}", cells=(row[0], row[c]), table=table,
                                          page=page)))
        table += 1
    return rows_out, {i, *body}, table, j

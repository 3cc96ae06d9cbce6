"""A komponen table or a labelled list run into one line, cut back into its rows or items.

Document mirrors (docplayer, vdokumen, 123dok) and some PDF or Word copies give the whole table as one line:
"No Komponen Uraian 1 Dasar Hukum … 2 Persyaratan Pelayanan 1 Untuk perorangan a. … 3 Sistem, mekanisme dan
prosedur …", or "A. Persyaratan Pelayanan : … B. Prosedur C. Waktu pelayanan … D. Biaya / Tarif : …". The row
markers go up one by one, each before a label: the line is cut there and every piece becomes a table row
(marker | label | content), which is what it was.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice, pairwise

from .labels import label_of, row_content
from .model import COMPONENTS, Block, Page

MIN_CHARS = 300  # a shorter line holds one row at most
MIN_ROWS = 3  # rows in sequence before a line counts as a table
# row markers: numbers, letters A-J, or Roman numerals I-XII (a decree's lampiran: "I PERSYARATAN: … II Prosedur :
# … III Waktu Pelayanan : … IV Biaya Pelayanan : …"); "I" is both the ninth letter and Roman one
_MARKER = re.compile(r"(?<!\S)(\d{1,2}|XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I|[A-J])[.)]?\s+(?=[A-Za-z])")
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10, "XI": 11,
          "XII": 12}
_KINDS = ("paragraph", "list_item", "heading")
# a cheap test before the label look-ups: a run-on table or list names components
_COMPONENT_WORD = re.compile(r"(?i)syarat|prosedur|mekanisme|alur|waktu|biaya|tarif|retribusi|produk|pengaduan")
_HEADER = re.compile(r"(?i)(?<![a-z])(?:no|nomor)\.?\s+(?:komponen|unsur)\s+(?:uraian|keterangan)(?![a-z])")
MAX_MARKERS = 80  # label look-ups per block, bounded on hostile text


def _ordinals(marker: str) -> list[tuple[str, int]]:
    """What a marker may count: a number, a letter, a Roman numeral, or ("I") a letter or a Roman numeral."""
    if marker.isdigit():
        return [("n", int(marker))]
    letter = [("a", ord(marker) - ord("A") + 1)] if len(marker) == 1 and "A" <= marker <= "J" else []
    return letter + ([("r", _ROMAN[marker])] if marker in _ROMAN else [])


def row_starts(text: str) -> list[int]:
    """Where the rows of a run-on komponen table start in `text` (empty when it is not one)."""
    if len(_COMPONENT_WORD.findall(text, 0, 20_000)) < 2:
        return []
    markers = [(m.start(), o, m.end()) for m in islice(_MARKER.finditer(text), MAX_MARKERS)
               for o in _ordinals(m.group(1))]
    labelled = []
    for at, (kind, n), end in markers:
        hit = row_content(text[end:end + 160])
        if hit is not None:
            labelled.append((at, kind, n, hit.label.cls))
    # the longest chain of labelled markers of one kind whose numbers go up by 1 (or 2: a row whose label is
    # not known, or misspelt, lies between)
    best: list[int] = []
    chains: list[list[int]] = []
    for j, (at, kind, n, cls) in enumerate(labelled):
        chain = [j]
        for prev in chains:
            p = labelled[prev[-1]]
            if p[1] == kind and 1 <= n - p[2] <= 2 and len(prev) + 1 > len(chain):
                chain = prev + [j]
        chains.append(chain)
        if len(chain) > len(best):
            best = chain
    rows = [labelled[j] for j in best]
    # under the table's own header ("No Komponen Uraian 1. Persyaratan … 2. Sistem, mekanisme dan prosedur …", a
    # copy cut after its second row) two rows are enough
    least = 2 if rows and _HEADER.search(text, 0, rows[0][0]) else MIN_ROWS
    if len(rows) < least or len({r[3] for r in rows if r[3] in COMPONENTS}) < 2:
        return []
    starts = [r[0] for r in rows]
    # a skipped number: cut at its marker too, so its text does not run into the row before
    kind = rows[0][1]
    for a, b in pairwise(rows):
        if b[2] - a[2] == 2:
            gap = [at for at, (k, n), _ in markers if a[0] < at < b[0] and k == kind and n == a[2] + 1]
            if gap:
                starts.append(gap[0])
    return sorted(starts)


def _row(piece: str, table: int, page: int) -> Block:
    m = _MARKER.match(piece)
    marker, rest = (m.group(0).strip(), piece[m.end():]) if m else ("", piece)
    hit = row_content(rest)
    if hit is None:
        cells = (marker, rest.strip())
    else:
        cells = (marker, hit.text, hit.inline) if hit.inline else (marker, hit.text)
    return Block("table_row", " | ".join(c for c in cells if c), cells=cells, table=table, page=page)



def _cut(b: Block, table: int) -> list[Block] | None:
    """The block cut into rows (a run-on komponen table, as table `table`) or items (a run-on labelled list); None
    when it is neither."""
    if len(b.text) < MIN_CHARS:
        return None
    starts = row_starts(b.text) if b.kind in _KINDS else []
    if starts:
        head = b.text[:starts[0]].strip()
        rows = [_row(b.text[at:end].strip(), table, b.page) for at, end in zip(starts, starts[1:] + [len(b.text)])]
        return [replace(b, text=head), *rows] if head else rows
    pieces = list_pieces(b.text) if b.kind in ("paragraph", "list_item") else []
    return [replace(b, kind=kind, text=text, level=1 if kind == "list_item" else b.level)
            for kind, text in pieces if text] or None


def split_run_on(page: Page) -> Page:
    """The page with each run-on komponen table cut into rows and each run-on labelled list into items; other
    blocks as they were."""
    if not any(len(b.text) >= MIN_CHARS and b.kind in _KINDS for b in page.blocks):
        return page
    table = max((b.table for b in page.blocks), default=-1) + 1
    blocks: list[Block] = []
    for b in page.blocks:
        cut = _cut(b, table) or [b]
        blocks.extend(cut)
        table += any(c.table == table for c in cut)  # a table was cut into rows: the next one gets the next index
    return replace(page, blocks=blocks)


# A list run into a paragraph: "… Persyaratan Pendaftaran objek pajak baru 1. Mengisi Surat Permohonan 2. Mengisi
# SPOP/LPOP 3. Foto copy KTP …" (a document mirror's text layer, a theme that drops line breaks). The numbers go
# 1, 2, 3 … right after a label: the label becomes a line of its own and each number an item.
_ITEM = re.compile(r"(?<!\S)(\d{1,2})[.)](?=\s)")
MIN_ITEMS = 3
INTRO_WORDS = 12  # how far before "1." the label may start
INTRO_CHARS = 1000  # ... read within this many characters: a paragraph of many lists is not read again per list
_WORD_START = re.compile(r"(?<!\S)\S")


def _chains(text: str) -> list[list[re.Match]]:
    """Runs of list markers numbered 1, 2, 3 … in `text`, in order."""
    chains: list[list[re.Match]] = []
    current: list[re.Match] = []
    for m in _ITEM.finditer(text):
        n = int(m.group(1))
        if n == 1:
            if len(current) >= MIN_ITEMS:
                chains.append(current)
            current = [m]
        elif current and n == int(current[-1].group(1)) + 1:
            current.append(m)
    if len(current) >= MIN_ITEMS:
        chains.append(current)
    return chains


def _intro_start(text: str, before: int, floor: int) -> int | None:
    """Where a component label starts in the words right before a list (None when none does)."""
    low = max(floor, before - INTRO_CHARS)
    starts = [m.start() for m in _WORD_START.finditer(text[low:before])]
    if low > floor and starts and starts[0] == 0 and not text[low - 1].isspace():
        starts = starts[1:]  # the window cut a word: its tail starts no word
    for at in [low + s for s in starts][-INTRO_WORDS:]:
        hit = label_of(Block("paragraph", text[at:before].strip()), "text")
        if hit is not None and hit.label.cls in COMPONENTS and not hit.inline:
            return at
    return None


def list_pieces(text: str) -> list[tuple[str, str]]:
    """`text` cut into (kind, text) pieces at each labelled run-on list; [] when it holds none."""
    if not _COMPONENT_WORD.search(text):
        return []
    found: list[tuple[int, list[re.Match]]] = []
    floor = 0
    for chain in _chains(text)[:MAX_MARKERS]:
        intro = _intro_start(text, chain[0].start(), floor)
        if intro is not None:
            found.append((intro, chain))
            floor = chain[-1].end()
    if not found:
        return []
    pieces: list[tuple[str, str]] = []
    if text[:found[0][0]].strip():
        pieces.append(("paragraph", text[:found[0][0]].strip()))
    for k, (intro, chain) in enumerate(found):
        pieces.append(("paragraph", text[intro:chain[0].start()].strip()))
        ends = [m.start() for m in chain[1:]] + [found[k + 1][0] if k + 1 < len(found) else len(text)]
        pieces.extend(("list_item", text[m.start():end].strip()) for m, end in zip(chain, ends))
    return pieces

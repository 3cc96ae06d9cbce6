"""A service section's parts: a *field* is a component label with the content that follows it (a table
row "Persyaratan | 1. KTP …", a heading and the list under it, a line "Biaya: Gratis"); a *section* is one
service's fields. Segmentation (segment.py) builds them; the component finders read them."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .model import Block
from .vocab import normalise, strip_numbering

_ITEM_NUMBER = re.compile(r"(?:(?<=\s)|^)(?:\d{1,2}|[a-z])[.)]\s+(?=\S)")


ONLY_MARKER = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z]|[ivxlIVXL]{1,5})\s*[.)]?\s*$")


# the last word of a label that wrapped onto a line of its own ("Jangka Waktu" / "Pelayanan"): not content
LABEL_TAILS = frozenset({"pelayanan", "layanan", "penyelesaian", "pelaksanaan", "pelayanan publik", "tarif"})
_DASH_ONLY = re.compile(r"^[\s\-–—:.,;/]*$")


@dataclass
class Field:
    cls: str  # component key, or OTHER
    label: str  # the label as published
    inline: str  # content given with the label (the rest of the row / text after the colon)
    index: int  # block index of the label
    kind: str  # "row" | "wide" | "heading" | "inline" | "term" | "line"
    level: int = 0  # heading level, for headings
    table: int = -1
    blocks: list[tuple[int, Block]] = field(default_factory=list)  # content blocks after the label

    def lines(self, max_blocks: int = 60) -> list[str]:
        """Content lines: the inline content's lines, then the text of each content block."""
        out = [ln.strip() for ln in self.inline.split("\n") if ln.strip()]
        for _, b in self.blocks[:max_blocks]:
            if b.kind == "table_row":
                out.append(" ".join(c for c in dedupe_cells(b.cells) if c and not ONLY_MARKER.match(c)))
            elif b.text.lstrip().startswith("|"):
                # a flattened table's row the text builder left as a line ("| | a. Fotokopi KTP |"): its cells
                out.append(" ".join(c.strip() for c in b.text.split("|") if c.strip()))
            elif b.kind != "image":
                out.append(b.text)
        return [ln for ln in out if ln and not _DASH_ONLY.match(ln) and not ONLY_MARKER.match(ln)
                and normalise(ln) not in LABEL_TAILS]

    def items(self, max_items: int = 60) -> list[str]:
        """Content as a list of items: numbered/bulleted parts split apart, markers removed."""
        out: list[str] = []
        for line in self.lines():
            for part in split_items(line):
                if part and not _DASH_ONLY.match(part):
                    out.append(part)
        return out[:max_items]

    def text(self, max_blocks: int = 60) -> str:
        return " ".join(self.lines(max_blocks))

    @property
    def images(self) -> list[Block]:
        return [b for _, b in self.blocks if b.kind == "image"]

    @property
    def has_content(self) -> bool:
        return bool(self.lines()) or bool(self.images)


@dataclass
class Section:
    name: str | None  # None: unit-level (not one service)
    fields: list[Field] = field(default_factory=list)
    index: int = 0

    def of(self, cls: str) -> list[Field]:
        return [f for f in self.fields if f.cls == cls]


@dataclass
class Segmentation:
    services: list[Section]
    unit: Section  # fields that belong to no service (a page-wide "Pengaduan" section, the maklumat)
    labels: list[tuple | None]  # per block: the label found on it (see label_of), for unit-level scans
    owned: set[int] = field(default_factory=set)  # blocks inside a service's fields (labels and content)
    page_name: str = ""  # unnamed sections' name: what the page names itself (names.title_name, else last_resort_name)


def split_items(line: str) -> list[str]:
    """ "1. KTP 2. KK 3. Pas foto" -> ["KTP", "KK", "Pas foto"]; bullets and markers stripped."""
    if len(line) > _MEMO_CHARS:
        return _split_items(line)
    # the finders split a field's lines again and again (5,331 calls a bench pass, 610 lines): remembered per line,
    # each caller handed its own list
    return list(_split_items_memo(line))


_MEMO_CHARS = 300  # memory stays bounded: 4,096 lines of at most this length


@lru_cache(maxsize=4096)
def _split_items_memo(line: str) -> tuple[str, ...]:
    return tuple(_split_items(line))


def _split_items(line: str) -> list[str]:
    """split_items, computed."""
    line = line.strip()
    parts = [line]
    if len(_ITEM_NUMBER.findall(line)) >= 2:
        parts = [p for p in _ITEM_NUMBER.split(line) if p.strip()]
    elif line.count(";") >= 2:
        parts = [p for p in line.split(";") if p.strip()]
    out = []
    for p in parts:
        p = strip_numbering(p).strip(" ;,")
        if p:
            out.append(p)
    return out


def dedupe_cells(cells):
    out = []
    for c in cells:
        if not out or c != out[-1]:
            out.append(c)
    return out

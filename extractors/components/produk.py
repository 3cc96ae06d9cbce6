"""produk: the product of the service, by name ("KTP-el", "Akta Kelahiran", "Izin Usaha …")."""

from __future__ import annotations

import re

from ..segment import Section
from ..vocab import normalise
from .base import Context, make

COMPONENT = "produk"
MAX_WORDS = 16
_LETTER = re.compile(r"[A-Za-z]")


def parse(lines: list[str]) -> dict | None:
    names = []
    for line in lines[:6]:
        from ..segment import split_items

        for item in split_items(line):
            item = item.strip(" .;,")
            if not _LETTER.search(item) or normalise(item) in ("tidak ada", "none"):
                continue
            if len(item.split()) > MAX_WORDS:
                if not names:
                    return None  # a sentence, not a product's name
                break
            names.append(item)
        if len(names) >= 3:
            break
    if not names:
        return None
    return {"name": "; ".join(names[:3])}


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        value = parse(f.lines(max_blocks=4))
        if value is not None:
            out.append(make(COMPONENT, section, f, value, ctx))
    return out

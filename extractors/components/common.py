"""Helpers shared by the list-like components (persyaratan, prosedur)."""

from __future__ import annotations

import re

from ..segment import Field
from ..segment import _institution
from ..vocab import normalise

_NOTHING = {"tidak ada", "tidak ada persyaratan", "belum ada", "none", "n a", "na", "nihil", "kosong"}
_LETTER = re.compile(r"[A-Za-z]")


def concrete_items(f: Field, max_items: int = 60) -> list[str]:
    """The field's items, when they are concrete published content (not empty, not "-")."""
    items = []
    for item in f.items(max_items):
        if not _LETTER.search(item):
            continue
        if normalise(item) in _NOTHING:
            continue
        items.append(item[:300])
    if len(items) == 1 and _institution(items[0]):
        return []  # "ALUR PELAYANAN KTP-EL" over "Disdukcapil Kabupaten Contoh": a letterhead, not a step
    return items

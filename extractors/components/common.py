"""Helpers shared by the list-like components (persyaratan, prosedur)."""

from __future__ import annotations

import re

from ..fields import Field
from ..items import mostly_legal
from ..names import is_institution_heading
from ..vocab import classify_label, normalise

_NOTHING = {"tidak ada", "tidak ada persyaratan", "belum ada", "none", "n a", "na", "nihil", "kosong"}
_LETTER = re.compile(r"[A-Za-z]")
# a letterhead is a line; a sentence that opens with an office ("Kepala Dinas … mengatakan, pendaftaran dapat
# dilakukan melalui situs …", 40 words) tells what it says
_LETTERHEAD_WORDS = 20


def concrete_items(f: Field, max_items: int = 60) -> list[str]:
    """The field's items, when they are concrete published content (not empty, not "-")."""
    items = []
    for item in f.items(max_items):
        if not _LETTER.search(item) or item.rstrip().endswith(":"):
            continue  # "Berikut syarat membuat akta …:": an introduction or a group's header, not an item
        if normalise(item) in _NOTHING:
            continue
        label = classify_label(item) if len(item.split()) <= 8 else None
        if label is not None and label.cls == f.cls:
            continue  # "Prosedur Pengambilan Akta Cerai (AC)" under "PROSEDUR PENGAMBILAN PRODUK": a title again
        items.append(item[:300])
    if len(items) == 1 and len(items[0].split()) <= _LETTERHEAD_WORDS and is_institution_heading(items[0]):
        return []  # "ALUR PELAYANAN KTP-EL" over "Disdukcapil Kabupaten Contoh": a letterhead, not a step
    if mostly_legal(items[:8]):
        return []  # "Tata cara …" over "Permendagri Nomor 64 Tahun 2011 …": regulations, not the service's content
    return items

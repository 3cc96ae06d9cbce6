"""persyaratan: the requirements, as a list of items ("Fotokopi KTP", "Surat pengantar RT/RW", ...)."""

from __future__ import annotations

from ..fields import Section
from .base import Context, make
from .common import concrete_items

COMPONENT = "persyaratan"


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        items = concrete_items(f)
        if items:
            out.append(make(COMPONENT, section, f, {"items": items}, ctx))
    return out

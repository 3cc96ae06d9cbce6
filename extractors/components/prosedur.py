"""prosedur: the steps (sistem, mekanisme dan prosedur), as a list; a flow chart image counts too."""

from __future__ import annotations

from ..segment import Section
from .base import Context, make
from .common import concrete_items

COMPONENT = "prosedur"


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        steps = concrete_items(f)
        if steps:
            out.append(make(COMPONENT, section, f, {"steps": steps}, ctx))
        elif f.images and f.kind in ("heading", "line", "term", "inline"):
            out.append(make(COMPONENT, section, f, {"steps": [], "image": f.images[0].text}, ctx, confidence=0.7))
    return out

"""prosedur: the steps (sistem, mekanisme dan prosedur), as a list.

A label followed only by an image (a flow chart) publishes no text: it is not counted here. OCR, when it
runs, turns the image into text blocks and the steps are read from those.
"""

from __future__ import annotations

from ..fields import Section
from .base import Context, make
from .common import concrete_items

COMPONENT = "prosedur"


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        steps = concrete_items(f)
        if steps:
            out.append(make(COMPONENT, section, f, {"steps": steps}, ctx))
    return out

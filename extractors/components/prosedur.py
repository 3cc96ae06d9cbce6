"""prosedur: the steps (sistem, mekanisme dan prosedur), as a list.

A label followed only by an image (a flow chart) publishes no text: it is not counted here. OCR, when it
runs, turns the image into text blocks and the steps are read from those.
"""

from __future__ import annotations

from ..fields import Section
from ..items import defines, item_kind
from .base import Context, make
from .common import concrete_items

COMPONENT = "prosedur"


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        steps = concrete_items(f)
        if steps and defines(steps[0]) and sum(item_kind(s) == "step" for s in steps[1:8]) < 3:
            continue  # "Akta cerai merupakan akta otentik …": what the product is, not how to get it
        if steps:
            out.append(make(COMPONENT, section, f, {"steps": steps}, ctx))
    return out

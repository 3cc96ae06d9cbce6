"""Site chrome in pages that carry no markup for it: menus, portal boilerplate and footers in plain text (or
HTML made of bare lines). Structured HTML has its chrome taken out by html_page.py (nav, header, footer,
sidebars); this does the same for the lines of a plain page, so that a "Pengaduan" menu entry or SIPPN's
"sampaikan pengaduan melalui LAPOR!" box is not read as the page publishing a complaints channel.

Chrome blocks are kept on `Page.chrome`: a complaints channel found only there is a *site* channel
(Extraction.site_channels), which may count for the unit but is not the page publishing pengaduan.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from .model import COMPONENTS, Block, Page
from .vocab import classify_label, normalise, phrase_regex, vocabulary

MENU_WORDS_MAX = 4  # a menu entry is a word or a few
MENU_RUN_MIN = 4  # entries in a row before a run of short lines is a menu
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=1)
def _vocab() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    v = vocabulary().get("chrome") or {}
    return (phrase_regex(v.get("boilerplate") or [], prefix="^"),
            phrase_regex(v.get("menu_words") or [], prefix="^", suffix="$"),
            phrase_regex(v.get("footer_starts") or [], prefix="^"))


def split_plain_chrome(page: Page) -> Page:
    """The page with its chrome lines moved from `blocks` to `chrome` (plain pages only)."""
    if not page.plain or not page.blocks:
        return page
    boiler, menu, footer = _vocab()
    blocks = page.blocks
    chrome_at: set[int] = set()
    norms = [normalise(b.text) for b in blocks]
    for i, norm in enumerate(norms):
        if boiler.search(norm):
            chrome_at.add(i)
    # menus: runs of short entries, two or more of them navigation words
    run: list[int] = []
    for i, b in enumerate(blocks + [Block("paragraph", "x " * 9)]):
        if i < len(blocks) and b.kind != "list_item" and 0 < len(b.text.split()) <= MENU_WORDS_MAX \
                and (not _DIGIT.search(b.text) or menu.search(norms[i])) and not b.text.rstrip().endswith(":") \
                and not _titles_a_section(b.text):
            run.append(i)
            continue
        if len(run) >= MENU_RUN_MIN and sum(1 for j in run if menu.search(norms[j])) >= 2:
            chrome_at.update(run)
        run = []
    # a footer: everything from a copyright line on
    for i, norm in enumerate(norms):
        if i > len(blocks) // 2 and footer.search(norm):
            chrome_at.update(range(i, len(blocks)))
            break
    if not chrome_at:
        return page
    content = [b for i, b in enumerate(blocks) if i not in chrome_at]
    chrome = [b for i, b in enumerate(blocks) if i in chrome_at]
    return replace(page, blocks=content, chrome=list(page.chrome) + chrome)


def _titles_a_section(text: str) -> bool:
    """ "Persyaratan Pembuatan KTP-el": a component label with more words after it titles content; a menu
    entry is a bare word ("Pengaduan", "Layanan")."""
    lab = classify_label(text)
    return lab is not None and lab.cls in COMPONENTS and bool(lab.rest)

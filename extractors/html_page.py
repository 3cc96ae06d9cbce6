"""HTML -> Page: ordered structural blocks of the main content, without menus, headers, footers, sidebars.

Built on lxml (BeautifulSoup is ~10x slower on 30 KB pages). Structure kept:
headings (h1-h6; bold-only short lines; accordion/tab titles), paragraphs (also <br>-separated lines),
list items with depth, table rows (cells, table index, header flag; colspan/rowspan expanded), dt/dd,
<details><summary>, Bootstrap accordions (.card-header, .accordion-header/-button, .panel-heading) and tab
panes (the tab's title is emitted as a heading before its pane), and image alt texts ("image" blocks).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from urllib.parse import urljoin, urlsplit

from lxml import etree

from . import urls
from .cuts import cut
from .decoding import clean, clean_lines, decode
from .errors import ExtractionError
from .hidden import hidden_elements
from .model import Block, Page
from .text_page import classify_line
from .vocab import classify_label

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "aside", "blockquote", "center", "pre", "address", "figure",
    "figcaption", "form", "fieldset", "legend", "body", "html", "dl", "hgroup", "details", "caption",
    "tbody", "thead", "tfoot",
}
DROP_TAGS = {
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "embed", "canvas", "select",
    "option", "nav", "map", "audio", "video", "input", "textarea", "meta", "link",
}
BOLD_TAGS = {"b", "strong"}
# class/id tokens (whole tokens, not substrings) that mark page chrome
CHROME_TOKENS = {
    "menu", "menus", "main-menu", "mainmenu", "top-menu", "topmenu", "sub-menu", "submenu", "dropdown-menu",
    "mega-menu", "menu-item", "nav", "navbar", "navigation", "main-navigation", "site-navigation", "navmenu",
    "nav-menu", "nav-tabs_", "sidebar", "side-bar", "sidebar-right", "sidebar-left", "widget", "widget-area",
    "widgets", "secondary", "site-footer", "footer", "footer-widgets", "footer-widget", "page-footer",
    "site-header", "main-header", "header-top", "top-header", "topbar", "top-bar", "header-area", "masthead",
    "breadcrumb", "breadcrumbs", "social", "social-share", "share", "sharing", "share-buttons", "sharedaddy",
    "copyright", "related-posts", "related", "comments", "comment-respond", "comments-area", "skip-link",
    "offcanvas", "mobile-menu", "search-form", "searchform", "pagination", "post-navigation", "nav-links",
    "running-text", "marquee", "ticker", "cookie", "cookie-notice", "cookie-consent", "article-info", "popup", "modal-menu", "textwidget_",
}
CHROME_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "menu", "menubar"}
ACCORDION_TITLE_TOKENS = {
    "card-header", "accordion-header", "accordion-button", "accordion-title", "accordion-toggle",
    "panel-heading", "panel-title", "collapsible-header", "elementor-tab-title", "elementor-accordion-title",
    "tab-title", "toggle-title", "su-spoiler-title", "wp-block-coblocks-accordion-item__title",
    "et_pb_toggle_title", "vc_tta-title-text", "ui-accordion-header",
}
TAB_PANE_TOKENS = {"tab-pane", "elementor-tab-content", "vc_tta-panel-body"}
# containers of a collapsible group (accordion, tab set): what follows the group is not its last item's
GROUP_TOKENS = {
    "accordion", "accordion-item", "panel-group", "tab-content", "tabs", "elementor-accordion",
    "elementor-tabs", "elementor-toggle", "su-accordion", "su-spoiler", "su-tabs", "wp-block-coblocks-accordion",
    "et_pb_accordion", "et_pb_tabs", "vc_tta-panels", "vc_tta-container", "ui-accordion", "collapse",
    "accordion-collapse", "panel-collapse", "tab-pane", "schema-faq", "wp-block-yoast-faq-block",
}

_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|bmp|svg|pdf)(?:[?#]|$)", re.I)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
_WS = re.compile(r"\s+")


_NO_TOKENS: frozenset[str] = frozenset()


def _tokens(el) -> set[str]:
    cls = el.get("class")
    ident = el.get("id")
    out = set(cls.lower().split()) if cls else set()
    if ident:
        out.add(ident.lower())
    return out


def _is_chrome(el, tag: str, inside_article: bool, toks: set[str] | frozenset[str]) -> bool:
    """toks: the element's _tokens (walk reads them once per element, not once per test)."""
    if tag in ("nav",):
        return True
    if tag == "footer":
        return True
    if tag == "header":
        # <header class="entry-header"> inside an article holds the post's title: keep it
        return not inside_article
    if tag == "aside":
        return True
    role = el.get("role")
    if role and role.lower() in CHROME_ROLES:
        return True
    if toks and toks & CHROME_TOKENS:
        # a wrapper that happens to carry e.g. "widget" but holds the post's body (Blogger's "widget Blog",
        # page builders) is not chrome
        if toks & _WEAK_CHROME and _HOLDS_CONTENT(el):
            return False
        return True
    return False


_WEAK_CHROME = {"widget", "widgets", "widget-area", "secondary", "related", "share", "sharing", "social"}
_HOLDS_CONTENT = etree.XPath(
    "boolean(.//*[@itemprop='articleBody' or contains(@class,'post-body') or contains(@class,'entry-content')"
    " or contains(@class,'article-content') or contains(@class,'post-content') or contains(@class,'article-body')]"
    " | .//article | .//main)"
)


# a line that may be a list item or a lettered heading: "1. …", "a) …", "- …", "• …", "IV. …"
_MAY_BE_STRUCTURE = re.compile(r"^\s*(?:[0-9a-zA-Z]{1,4}\s*[.)]|\(\w{1,2}\)|[-•*·▪►»o]\s)")
def _capitals(text: str) -> bool:
    return text.isupper() and sum(c.isalpha() for c in text) >= 6  # "PERSYARATAN", not "NIP. 1970…"


def plain_paragraph(text: str) -> bool:
    """A speed shortcut: True when the line classifier would find no list item, heading or table row in this
    (cleaned) text (tests/test_extract_real_shapes.py checks it over the corpora)."""
    return not _MAY_BE_STRUCTURE.match(text) and "|" not in text and not text.endswith(":") and not _capitals(text)


# Markup that gives a page structure of its own; a page without any is read line by line, as plain text.
_STRUCTURE_TAGS = ("h1", "h2", "h3", "h4", "h5", "h6", "li", "table", "dt", "th")


def _has_structure(root) -> bool:
    return next(root.iter(*_STRUCTURE_TAGS), None) is not None  # stops at the first one (XPath's union did not)


_STRUCTURE_SET = frozenset(_STRUCTURE_TAGS)


class _Builder:
    def __init__(self, base_url: str):
        self.base_url = base_url
        self.blocks: list[Block] = []
        self.links: list[str] = []
        self.buf: list[tuple[str, bool]] = []  # (text, inside bold)
        self.buf_measured = (0, 0)  # (pieces of buf counted, their characters): see _short_buffer_text
        self.link_chars = 0  # characters of the buffer that came from inside <a>
        self.in_link = 0
        self.table_index = 0
        self.root = None  # the whole tree, for the tab titles
        self.tab_titles: dict[str, str] | None = None  # read from root when the first tab pane asks (_tab_title)
        self.detached = None  # the group whose tail _walk_group reads after it (at most one: groups do not nest)
        self.chrome: list = []  # chrome elements that may hold a complaints box (turned into blocks on demand)
        self.scope = 0  # id of the collapsible group being walked (0: none)
        self.scopes = 0
        self.pipe_rows = False  # the last block is a "| a | b |" line read as a table row
        self.structured = False  # the walk met an element _has_structure looks for (the page has structure)

    # -- inline buffer -------------------------------------------------------------------------
    def flush(self) -> None:
        if not self.buf:
            return
        buf = self.buf
        raw = "".join(t for t, _ in buf)
        text = clean(raw)
        is_link = self.link_chars > 0 and self.link_chars >= len(raw.strip()) - 2
        self.buf = []
        self.buf_measured = (0, 0)
        self.link_chars = 0
        if not text:
            return
        if is_link:
            self.blocks.append(Block("paragraph", text, link=True))
            return
        bold_text = "".join(t for t, b in buf if b)
        if not bold_text.strip():  # the common case: no bold heading, bold label or run-in title can follow
            self.blocks.append(self._line_block(text))
            return
        plain_text = "".join(t for t, b in buf if not b)
        words = len(text.split())
        if bold_text.strip() and not plain_text.strip() and words <= 15:
            self.blocks.append(Block("heading", text, level=6))
        elif bold_text.strip() and plain_text.strip() and _bold_label_prefix(bold_text, text):
            # "<b>Persyaratan:</b> fotokopi KTP" reads as "Persyaratan: fotokopi KTP"
            self.blocks.append(Block("paragraph", text))
        elif _run_in_title(bold_text, text):
            # "<b>Surat Keterangan Usaha.</b> Warga cukup membawa …": a run-in title over a prose paragraph
            head = clean(bold_text)
            self.blocks.append(Block("heading", head.rstrip(" ."), level=6))
            self.blocks.append(Block("paragraph", text[len(head):].strip()))
        else:
            self.blocks.append(self._line_block(text))

    def _short_buffer_text(self) -> str:
        """The buffer's text while it is short enough to be a bare label, else "". The length is counted
        incrementally: joining the whole buffer at every inline element made a paragraph of 20k adjacent links
        take a minute (quadratic)."""
        pieces, chars = self.buf_measured
        while pieces < len(self.buf) and chars <= _LABEL_PROBE_CHARS:
            chars += len(self.buf[pieces][0])
            pieces += 1
        self.buf_measured = (pieces, chars)
        return "" if chars > _LABEL_PROBE_CHARS else "".join(t for t, _ in self.buf)

    def _line_block(self, text: str) -> Block:
        """A run of inline text read as a line of plain text is read: "1. Fotokopi KTP" is a list item,
        "PERSYARATAN PELAYANAN" or "Persyaratan :" a heading, "| 2 | Persyaratan | … |" a table row. Pages that
        mark nothing up (one <p> or <br> a line) keep their structure this way."""
        if plain_paragraph(text):
            self.pipe_rows = False
            return Block("paragraph", text)  # the common case, without the line classifier's regexes
        block = classify_line(text, table_index=self.table_index) or Block("paragraph", text)
        if block.kind == "heading" and block.level == 2 and not _capitals(text):
            block = Block("paragraph", text)  # capitals only by its initials and numbers
        if block.kind == "table_row":
            if text.count("|") < 2:
                return Block("paragraph", text)
            last = self.blocks[-1] if self.blocks else None
            if last is not None and last.kind == "table_row" and last.table == self.table_index - 1 and self.pipe_rows:
                return replace(block, table=last.table)
            self.table_index += 1
            self.pipe_rows = True
            return block
        self.pipe_rows = False
        return block

    def add(self, block: Block) -> None:
        if block.text:
            self.blocks.append(block)

    # -- walking -------------------------------------------------------------------------------
    def walk(self, el, depth: int = 0, bold: bool = False, inside_article: bool = False) -> None:
        tag = el.tag
        if not isinstance(tag, str):  # comments, processing instructions
            self._tail(el, bold)
            return
        if tag in _STRUCTURE_SET:
            self.structured = True  # (an element of the tree as _has_structure's iter names it)
        tag = tag.lower()
        if tag == "template" and el.get("x-if") is not None:
            # Alpine's <template x-if>: content rendered when a toggle is open (published, only folded away)
            self.flush()
            self._children(el, depth, bold, inside_article)
            self.flush()
            self._tail(el, bold)
            return
        toks = _tokens(el) if tag not in DROP_TAGS and (el.get("class") or el.get("id")) else _NO_TOKENS
        if tag in DROP_TAGS or _is_chrome(el, tag, inside_article, toks):
            self._collect_links(el)
            if tag not in DROP_TAGS and not _is_menu(el, tag):
                self.chrome.append(el)  # read when Page.chrome is first asked for (_ChromeBlocks)
            self._tail(el, bold)
            return
        if tag in ("article", "main"):
            inside_article = True
        if self.scope == 0 and (tag == "details" or (el.get("class") and toks & GROUP_TOKENS)):
            self._walk_group(el, depth, bold, inside_article)
            return
        if tag == "form" and _is_message_form(el):
            # a form with a free-text box (not a comment or search form): an online form the page offers
            self.flush()
            action = (el.get("action") or "").strip()
            opens_page = action and not action.startswith(("#", "javascript:"))
            target = (urls.join(self.base_url, action) or "") if opens_page else ""
            self.add(Block("paragraph", f"Formulir online: {target}".strip(" :")))
        if tag == "a":
            href = el.get("href")
            if href and _CHANNEL_HREF.match(href.strip()) and any(h in _text(el).lower() for h in _COMPLAINT_HINTS):
                # a "Pengaduan via WhatsApp" button (often floating) linking to wa.me / mailto: / tel: /
                # lapor.go.id: content that names a complaints channel, with its address
                self.links.append(href)
                self._children(el, depth, bold, inside_article)
                self.buf.append((f" ({_channel_address(href.strip())})", False))
                self.flush()
                self._tail(el, bold)
                return
            if href:
                self.links.append(href)
                self.link_chars += len(_text(el).strip())
        if tag == "br":
            self.flush()
            self._tail(el, bold)
            return
        if tag == "img":
            alt = clean(el.get("alt") or el.get("title") or "")
            src = el.get("src") or el.get("data-src") or ""
            link = _nearest_owner(el, ("a",))
            if link is not None and not _IMAGE_FILE.search(link.get("href") or ""):
                # an icon or banner that links somewhere: navigation, not content
                self._tail(el, bold)
                return
            self.flush()
            self.add(Block("image", alt or src.rsplit("/", 1)[-1] or "image"))
            self._tail(el, bold)
            return
        if tag in HEADINGS:
            self.flush()
            self.add(Block("heading", clean(_text(el)), level=HEADINGS[tag]))
            self._collect_links(el)
            self._tail(el, bold)
            return
        if tag == "summary":
            self.flush()
            self.add(Block("heading", clean(_text(el)), level=4))
            self._tail(el, bold)
            return
        if ((toks & ACCORDION_TITLE_TOKENS) or (tag == "button" and _is_toggle(el))) and len(_text(el)) < 300:
            self.flush()
            self.add(Block("heading", clean(_text(el)), level=4))
            self._collect_links(el)
            self._tail(el, bold)
            return
        if tag == "table":
            self.flush()
            if _is_layout_table(el):
                for child in el:
                    self.walk(child, depth, bold, inside_article)
            else:
                self._table(el)
                self._collect_links(el)
            self._tail(el, bold)
            return
        if tag in ("tr", "td", "th"):  # stray cells of a layout table
            self.flush()
            self._children(el, depth, bold, inside_article)
            self.flush()
            self._tail(el, bold)
            return
        if tag in ("ul", "ol", "menu", "dir"):
            self.flush()
            for child in el:
                self.walk(child, depth + 1, bold, inside_article)
            self.flush()
            self._tail(el, bold)
            return
        if tag == "li":
            self.flush()
            own = clean(_own_text(el))
            self.add(Block("list_item", own, level=max(depth, 1), link=_all_link(el, own)))
            self._collect_links(el)
            for sub in el.iter("ul", "ol", "table", "dl"):
                if _nearest_li(sub) is el:
                    self.walk(sub, depth, bold, inside_article)
                    # walking a list increments depth itself
            self._tail(el, bold)
            return
        if tag in ("dt", "dd"):
            self.flush()
            kind = "term" if tag == "dt" else "definition"
            self.add(Block(kind, clean(_own_text(el))))
            self._collect_links(el)
            for sub in el.iter("ul", "ol", "table"):
                if sub is not el and _nearest_owner(sub, ("dt", "dd")) is el:
                    self.walk(sub, depth, bold, inside_article)
            self._tail(el, bold)
            return
        if toks & TAB_PANE_TOKENS:
            ident = el.get("id")
            title = self._tab_title(ident.lower()) if ident else None
            self.flush()
            if title:
                self.add(Block("heading", title, level=4))
            self._children(el, depth, bold, inside_article)
            self.flush()
            self._tail(el, bold)
            return
        if tag in BLOCK_TAGS or tag in ("tr",):
            self.flush()
            self._children(el, depth, bold, inside_article)
            self.flush()
            self._tail(el, bold)
            return
        # inline element
        is_bold = bold or tag in BOLD_TAGS or _bold_style(el)
        self._children(el, depth, is_bold, inside_article)
        self._tail(el, bold)

    def _walk_group(self, el, depth, bold, inside_article) -> None:
        """Walk a collapsible group; its blocks carry the group's scope id."""
        self.flush()
        self.scopes += 1
        self.scope = self.scopes
        start = len(self.blocks)
        # the group's tail is read after the group, outside its scope: set aside by _tail while the group is walked
        # (not taken off the tree: lxml would refuse to put back a tail holding a control character, "\x0b" or an
        # expanded "&#11;", which it parsed without complaint)
        self.detached = el
        try:
            self.walk(el, depth, bold, inside_article)
            self.flush()
        finally:
            self.detached = None
            self.scope = 0
        self.blocks[start:] = [replace(b, scope=self.scopes if b.scope == 0 else b.scope) for b in self.blocks[start:]]
        self._tail(el, bold)

    def _tab_title(self, ident: str) -> str | None:
        """The title of the tab that shows the pane `ident`. The titles are read the first time a pane asks: few
        pages have tab panes (none of the bench's 940), and reading them walks the whole tree four times (~0.2
        ms on a 30 KB page). They are read from the tree as parsed (a tab's text holds the tails of its
        descendants)."""
        if self.tab_titles is None:
            self.tab_titles = _tab_titles(self.root)
        return self.tab_titles.get(ident)

    def _children(self, el, depth, bold, inside_article) -> None:
        if el.text:
            self.buf.append((el.text, bold))
        prev_inline = False  # the previous child was an inline element with no text after it
        for child in el:
            tag = child.tag.lower() if isinstance(child.tag, str) else ""
            inline = bool(tag) and tag not in BLOCK_TAGS and tag not in _NOT_INLINE
            if inline and prev_inline and self.buf and not self.buf[-1][0][-1:].isspace():
                # adjacent inline elements (<span>1 hari kerja</span><span>Biaya: Rp50.000</span>, chips and
                # pills in a card) are separate pieces of text: a new "Label: …" starts a new line, anything
                # else is at least a word apart
                if _LABEL_START.match(_itertext_head(child)) and not self.buf[-1][0].rstrip().endswith(":"):
                    self.flush()
                elif _is_bare_label(self._short_buffer_text()):
                    # a key/value tile (<span>Durasi</span><strong>10 HK</strong>): "Durasi: 10 HK"
                    self.buf.append((": ", bold))
                else:
                    self.buf.append((" ", bold))
            self.walk(child, depth, bold, inside_article)
            prev_inline = inline and not (child.tail and child.tail.strip()) and not (
                child.tail and child.tail[:1].isspace())

    def _tail(self, el, bold) -> None:
        if el.tail and el is not self.detached:
            self.buf.append((el.tail, bold))

    def _collect_links(self, el) -> None:
        for a in el.iter("a"):
            href = a.get("href")
            if href:
                self.links.append(href)

    # -- tables --------------------------------------------------------------------------------
    def _table(self, table) -> None:
        index = self.table_index
        self.table_index += 1
        caption = table.find("caption")
        if caption is not None and clean(_text(caption)):
            self.add(Block("heading", clean(_text(caption)), level=6))
        pending: dict[int, list] = {}  # column -> [text, rows left]
        widest = 0
        for tr in _rows(table):
            n = sum(_int(c.get("colspan"), 1, 20) for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th"))
            widest = max(widest, n)
        for tr in _rows(table):
            real: list[int] = []  # spans of the cells the row itself holds
            cells: list[str] = []
            all_th = True
            any_cell = False
            col = 0
            for cell in tr:
                if not isinstance(cell.tag, str) or cell.tag.lower() not in ("td", "th"):
                    continue
                while col in pending:
                    cells.append(pending[col][0])
                    pending[col][1] -= 1
                    if pending[col][1] <= 0:
                        del pending[col]
                    col += 1
                any_cell = True
                if cell.tag.lower() != "th":
                    all_th = False
                text = clean_lines(_text(cell, breaks=True))
                span = _int(cell.get("colspan"), 1, 20)
                rows = _int(cell.get("rowspan"), 1, 200)
                real.append(span)
                for _ in range(span):
                    if rows > 1:
                        pending[col] = [text, rows - 1]
                    cells.append(text)
                    col += 1
            while col in pending:
                cells.append(pending[col][0])
                pending[col][1] -= 1
                if pending[col][1] <= 0:
                    del pending[col]
                col += 1
            if not any_cell or not any(cells):
                continue
            if len(cells) >= 2 and len(real) == 1 and real[0] == len(cells) and not pending and cells[0] \
                    and len(cells[0]) <= 200 and widest >= 2:
                # one cell spanning the whole table: a divider naming what follows ("B. IZIN REKLAME") —
                # one table holding several services' rows
                self.blocks.append(Block("heading", cells[0].replace("\n", " "), level=5))
                continue
            parent = tr.getparent()
            header = all_th or (parent is not None and parent.tag == "thead")
            text = " | ".join(c.replace("\n", " ") for c in cells if c)
            self.blocks.append(Block("table_row", text, cells=tuple(cells), table=index, header=header))


MENU_TOKENS = {"menu", "menus", "main-menu", "mainmenu", "top-menu", "topmenu", "sub-menu", "submenu", "navbar",
               "nav", "navigation", "main-navigation", "site-navigation", "nav-menu", "mega-menu", "breadcrumb",
               "breadcrumbs", "social-share", "share", "sharing", "share-buttons", "sharedaddy"}
_CHANNEL_HREF = re.compile(r"^(?:mailto:|tel:|https?://(?:www\.)?(?:wa\.me|api\.whatsapp\.com|lapor\.go\.id))", re.I)


_COMPLAINT_HINTS = ("adu", "lapor", "keluhan", "saran", "complain")
_TEXT_CONTENT = etree.XPath("string()", smart_strings=False)  # what lxml.html's text_content() runs


def _mentions_complaints(el) -> bool:
    """A cheap first test (lxml's text_content is C code) before a chrome element is turned into blocks."""
    try:
        text = _TEXT_CONTENT(el).lower()
    except ValueError:
        return False
    return any(h in text for h in _COMPLAINT_HINTS)


_COMMENT_FORM = re.compile(r"comment|search|cari|login|subscribe|newsletter|respond", re.I)


def _is_message_form(el) -> bool:
    """A POST form with a textarea that is not a blog comment / search / login form."""
    if (el.get("method") or "").lower() != "post":
        return False
    sig = " ".join(filter(None, (el.get("id"), el.get("class"), el.get("action"), el.get("name"))))
    if _COMMENT_FORM.search(sig):
        return False
    return next(el.iter("textarea"), None) is not None


def _is_menu(el, tag: str) -> bool:
    if tag == "nav" or (el.get("role") or "").lower() in ("navigation", "menu", "menubar", "search"):
        return True
    # bool(_tokens(el) & MENU_TOKENS), without building the set: chrome_blocks asks this of every element
    cls = el.get("class")
    if cls and not MENU_TOKENS.isdisjoint(cls.lower().split()):
        return True
    ident = el.get("id")
    return bool(ident) and ident.lower() in MENU_TOKENS


def _channel_address(href: str) -> str:
    """wa.me/6281… -> "https://wa.me/6281…" (query dropped); mailto:/tel: -> the address."""
    if href.lower().startswith(("mailto:", "tel:")):
        return href.split(":", 1)[1].split("?", 1)[0]
    return href.split("?", 1)[0]


# Until it is read, a lazy chrome holds the whole parsed tree (~10 bytes a byte of HTML: an 11 MB page, ~110 MB more
# through its extraction); a page longer than this has its chrome built with it (the time saved is in small pages)
_LAZY_CHROME_CHARS = 1_000_000


class _ChromeBlocks(Sequence):
    """Page.chrome of an HTML page: the blocks of its chrome elements that mention complaints (at most 400), as
    the walk used to build them, built the first time they are asked for. Only a page on which nothing else
    names a complaints channel reads its chrome (pengaduan.find_chrome: ~3 pages in 10 on the bench), and
    turning the sidebars and footers of the others into blocks cost ~a tenth of their extraction. The walk is
    over and nothing changes the tree after it, so the blocks are the ones it would have built. Compares,
    prints, copies and pickles as the list it stands for."""

    __slots__ = ("_blocks", "_elements")

    def __init__(self, elements: list) -> None:
        self._elements = elements
        self._blocks: list[Block] | None = None

    def _list(self) -> list[Block]:
        if self._blocks is None:
            blocks: list[Block] = []
            for el in self._elements:
                if _mentions_complaints(el):
                    blocks.extend(chrome_blocks(el))
            self._blocks, self._elements = blocks[:400], None  # (the tree is let go)
        return self._blocks

    def __getitem__(self, i):
        return self._list()[i]

    def __len__(self) -> int:
        return len(self._list())

    def __iter__(self):
        return iter(self._list())

    def __eq__(self, other) -> bool:
        return self._list() == (other._list() if isinstance(other, type(self)) else other)

    __hash__ = None  # as a list's

    def __repr__(self) -> str:
        return repr(self._list())

    def __reduce__(self):
        return list, (self._list(),)


def chrome_blocks(el) -> list[Block]:
    """The text of a chrome element, one paragraph a line; a link to a complaint channel (wa.me, mailto:,
    tel:, lapor.go.id) keeps its address, so "Layanan Pengaduan WA" says which number."""
    parts: list[str] = []
    add = parts.append

    def rec(node, tag: str) -> None:
        # node: an element that is not dropped (nor, below el, a menu); tag: its tag in lower case. Comments and
        # processing instructions are not walked: only their tails are text.
        blockish = tag in _BLOCKISH
        if blockish or tag == "br":
            add("\n")
        if node.text:
            add(node.text)
        for child in node:
            ctag = child.tag
            if isinstance(ctag, str):
                ctag = ctag.lower()
                if ctag not in DROP_TAGS and not _is_menu(child, ctag):
                    rec(child, ctag)
            if child.tail:
                add(child.tail)
        if tag == "a":
            href = node.get("href")
            if href and _CHANNEL_HREF.match(href):
                add(f" ({href.split(':', 1)[1] if href.lower().startswith(('mailto:', 'tel:')) else href})")
        if blockish:
            add("\n")

    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag and tag not in DROP_TAGS:
        rec(el, tag)
    # (blank lines, most of them between block elements, clean to nothing: they are not cleaned)
    lines = (clean(x) for x in "".join(parts).split("\n") if x and not x.isspace())
    return [Block("paragraph", line) for line in lines if line]


def _rows(table):
    for child in table:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "tr":
            yield child
        elif tag in ("thead", "tbody", "tfoot"):
            for tr in child:
                if isinstance(tr.tag, str) and tr.tag.lower() == "tr":
                    yield tr


def _int(value, default, cap) -> int:
    if value is None:  # most cells: no colspan/rowspan ("None" is no number either, without raising to say so)
        return default
    try:
        return max(1, min(int(str(value).strip()), cap))
    except (TypeError, ValueError):
        return default


def _is_layout_table(table) -> bool:
    """Tables used for page layout (whole page in cells) are walked as containers, not rows."""
    for sub in table.iter("table", "h1", "h2", "h3", "ul", "ol", "form"):
        if sub is table:
            continue
        if sub.tag == "table" or sub.tag in ("h1", "h2", "h3"):
            return True
    # a "table" with one huge cell is a layout box too
    cells = list(table.iter("td", "th"))
    return len(cells) <= 2 and sum(len(_text(c)) for c in cells) > 1500


_BLOCKISH = {"p", "div", "li", "br", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "dt", "dd", "ul", "ol", "table",
             "section", "blockquote", "pre"}


def _text(el, breaks: bool = False) -> str:
    """Text content; with breaks=True, block children and <br> become line breaks (for table cells)."""
    if not breaks:
        return "".join(_itertext(el))
    parts: list[str] = []

    def rec(node):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if tag in DROP_TAGS:
            return
        if tag == "br":
            parts.append("\n")
        elif tag in _BLOCKISH:
            parts.append("\n")
        if tag == "li":
            parts.append("• ")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            rec(child)
            if child.tail:
                parts.append(child.tail)
        if tag in _BLOCKISH:
            parts.append("\n")

    rec(el)
    return "".join(parts)


def _itertext(el):
    tag = el.tag.lower() if isinstance(el.tag, str) else ""
    if tag in DROP_TAGS:
        return
    if isinstance(el.tag, str) and el.text:
        yield el.text
    for child in el:
        yield from _itertext(child)
        if child.tail:
            yield child.tail


def _nearest_li(el):
    p = el.getparent()
    while p is not None and p.tag != "li":
        p = p.getparent()
    return p


def _nearest_owner(el, tags):
    p = el.getparent()
    while p is not None and p.tag not in tags:
        p = p.getparent()
    return p


def _own_text(el) -> str:
    """Text of a list item / dt / dd without its nested lists and tables."""
    parts: list[str] = []

    def rec(node, top=False):
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if not top and tag in ("ul", "ol", "table", "dl"):
            return
        if tag in DROP_TAGS:
            return
        if tag in ("br", "p", "div") and parts:
            parts.append(" ")
        if isinstance(node.tag, str) and node.text:
            parts.append(node.text)
        for child in node:
            if parts and isinstance(child.tag, str) and not parts[-1][-1:].isspace():
                parts.append(" ")  # <span>1</span><span>Ajukan permohonan</span>: two words
            rec(child)
            if child.tail:
                parts.append(child.tail)

    rec(el, top=True)
    return "".join(parts)


def _bold_style(el) -> bool:
    style = el.get("style")
    if style and "font-weight" in style and ("bold" in style or "700" in style or "600" in style):
        return True
    cls = el.get("class")
    # utility-class frameworks (Tailwind font-semibold/font-bold, Bootstrap fw-bold)
    return bool(cls) and bool(_BOLD_CLASSES.intersection(cls.lower().split()))


_BOLD_CLASSES = {"font-bold", "font-semibold", "font-extrabold", "fw-bold", "fw-semibold", "fw-bolder", "text-bold",
                 "font-weight-bold", "bold", "strong"}
_TOGGLE_ATTRS = ("aria-expanded", ":aria-expanded", "x-bind:aria-expanded", "aria-controls", "data-toggle",
                 "data-bs-toggle", "@click", "x-on:click", "v-on:click", "data-target", "data-bs-target")
# tags that are neither block containers nor runs of text
_NOT_INLINE = {"br", "img", "table", "tr", "td", "th", "ul", "ol", "li", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
               "h6", "hr", "menu", "dir", "summary", "script", "style", "wbr"}
# a bare label is at most 40 characters once cleaned: a longer buffer (even of spaces) is not read as one
_LABEL_PROBE_CHARS = 1000
_LABEL_START = re.compile(r"^\s*[A-Za-z][\w/()&.\- ]{1,40}:\s*\S")


def _itertext_head(el, limit: int = 80) -> str:
    out = []
    n = 0
    for t in _itertext(el):
        out.append(t)
        n += len(t)
        if n >= limit:
            break
    return "".join(out)


def _is_bare_label(raw: str) -> bool:
    """The text is a component label and nothing else ("Durasi", "Biaya Layanan")."""
    text = clean(raw)
    if not text or len(text) > 40 or len(text.split()) > 4 or text[-1:] in ":.;,":
        return False
    label = classify_label(text)
    return label is not None and not label.rest


def _is_toggle(el) -> bool:
    """A button that opens a collapsible panel (Alpine/Vue/Bootstrap accordions): its text is the panel's title."""
    return any(el.get(a) is not None for a in _TOGGLE_ATTRS)


def _run_in_title(bold_text: str, text: str) -> bool:
    """The paragraph opens with a bold sentence of a few words ending in a full stop, then goes on in prose."""
    head = clean(bold_text)
    if not head.endswith(".") or not text.startswith(head) or not 2 <= len(head.split()) <= 10:
        return False
    rest = text[len(head):].strip()
    return len(rest.split()) >= 12 and classify_label(head.rstrip(".")) is None


def _bold_label_prefix(bold_text: str, text: str) -> bool:
    return text.startswith(clean(bold_text)) and ":" in bold_text


# The elements that carry one of the attributes, in document order, as a union of attribute steps (libxml2 runs it
# in about half the time of one predicate tested on every element); their tag is tested below.
_TAB_CANDIDATES = etree.XPath(
    "(descendant-or-self::*/@aria-controls | descendant-or-self::*/@data-bs-target"
    " | descendant-or-self::*/@data-target | descendant-or-self::*/@href[starts-with(., '#')])/..")
_TAB_TAGS = ("a", "button", "li")


def tab_target(a) -> str:
    """The id of the tab pane an element shows ("" when it shows none): aria-controls, data-(bs-)target, or the
    "#pane" href of a toggle."""
    target = a.get("aria-controls") or a.get("data-bs-target") or a.get("data-target") or ""
    href = a.get("href") or ""
    if not target and href.startswith("#") and (a.get("data-toggle") or a.get("data-bs-toggle") or a.get("role") == "tab"):
        target = href
    return target.lstrip("#").lower()


def _tab_titles(root) -> dict[str, str]:
    """Map tab-pane id -> the title of the tab that shows it (Bootstrap nav-tabs, aria-controls)."""
    titles: dict[str, str] = {}
    # libxml2 lists the few elements that can title a tab; the same tests below decide
    for a in _TAB_CANDIDATES(root):
        if a.tag not in _TAB_TAGS:
            continue
        target = tab_target(a)
        if target and target not in titles:
            title = clean(_text(a))
            if title and len(title) < 200:
                titles[target] = title
    return titles


# The walk recurses once per level of markup: deeper parts are read as lines of text (libxml2 alone stopped at
# 255 levels and silently dropped the rest of the page).
MAX_DEPTH = 250


def _parse(text: str):
    text = _XML_DECL.sub("", text, count=1)
    if not text.strip():
        raise ExtractionError("empty HTML document")
    # huge_tree: without it libxml2 silently drops everything after a 10 MB text node or below 255 levels.
    # Its limits guard against unbounded input; ours is bounded already (DOWNLOAD_MAXSIZE, 20 MB), HTML parsing
    # expands no entities, and nesting stays capped (2048 levels) and is flattened below MAX_DEPTH.
    # A plain etree parser, as lxml.html.document_fromstring parses but without its element classes: those cost
    # a Python call for every element the walk touches, and nothing here uses their methods.
    parser = etree.HTMLParser(huge_tree=True)
    try:
        root = etree.fromstring(text, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise ExtractionError(f"unparseable HTML: {exc}") from exc
    if root is None:
        raise ExtractionError("unparseable HTML: Document is empty")  # lxml.html's words for it
    return root


def _flatten_deep(root, limit: int = MAX_DEPTH) -> int:
    """Replace the content of each element `limit` levels down by its text, one line per block (<br>-separated),
    so the recursive walk stays shallow and nothing is lost; returns how many subtrees were flattened."""
    # the elements `limit` levels down (root is level 1), found by libxml2 itself: a shallow page ends the path
    # after a few steps, where walking every element from Python cost a tenth of extraction time
    deep = [el for el in _levels_down(limit - 1)(root) if len(el)] if limit > 1 else []
    for el in deep:
        # (lines go back into the tree, which refuses what XML cannot hold: "\x01", "\x0b", U+FFFF)
        lines = [_NOT_XML.sub(" ", line) for line in _flat_lines(el)]
        el[:] = []
        el.text = lines[0] if lines else None
        for line in lines[1:]:
            etree.SubElement(el, "br").tail = line
    return len(deep)


_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


@lru_cache(maxsize=4)
def _levels_down(levels: int) -> etree.XPath:
    return etree.XPath("/".join(["*"] * levels))  # compiled once: compiling 250 steps cost a sixth of the call


def _flat_lines(top) -> list[str]:
    """The text of a subtree, a line per block element, without recursion (the subtree is deep)."""
    parts: list[str] = []
    stack = [(top, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if closing:
            if tag in _BLOCKISH:
                parts.append("\n")
            elif tag in ("td", "th"):
                parts.append(" | ")  # a table row stays one line that reads as a row: "1 | Persyaratan | …"
            if node is not top and node.tail:
                parts.append(node.tail)
            continue
        if not tag or tag in DROP_TAGS:  # a comment, or a script: only the text after it
            if node.tail:
                parts.append(node.tail)
            continue
        if tag in _BLOCKISH:
            parts.append("\n")
        if node.text:
            parts.append(node.text)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(node))
    return [line for line in (clean(x) for x in "".join(parts).split("\n")) if line]


def _title(root) -> str:
    found = _FIRST_TITLE(root)  # root.find(".//title"), which scanned the whole tree for a second <title>
    return clean(_text(found[0])) if found else ""


_FIRST_TITLE = etree.XPath("descendant::title[1]")


def build_html(url: str, body: bytes, content_type: str | None = None) -> Page:
    text = decode(body, content_type)
    root = _parse(text)
    flattened = _flatten_deep(root)
    if flattened:
        cut(f"HTML nested deeper than {MAX_DEPTH} levels: {flattened} part(s) below that read as plain lines, "
            f"without their tables and lists")
    title = _title(root)
    # recorded for the spam verdict; still walked below (folded content)
    hidden = hidden_elements(root, url, len(text))
    builder = _Builder(url)
    builder.root = root
    body_el = root.find("body")
    builder.walk(body_el if body_el is not None else root)
    builder.flush()
    blocks = [b for b in builder.blocks if b.text]
    if not title:
        title = next((b.text for b in blocks if b.kind == "heading" and b.level <= 2), "")
    links = _absolute_links(url, builder.links)
    chrome = _ChromeBlocks(builder.chrome)
    if len(text) > _LAZY_CHROME_CHARS:
        chrome._list()  # built now: the tree is let go when this returns, not when extraction ends
    # an element the walk met answers _has_structure without a second look over the tree
    return Page(url=url, title=title, blocks=blocks, source="html", links=links, chrome=chrome,
                plain=not (builder.structured or _has_structure(root)), hidden=hidden)


def _absolute_links(base: str, hrefs: list[str]) -> list[str]:
    """Absolute http(s) links, deduplicated, in page order (javascript:, mailto:, #fragments dropped)."""
    seen: set[str] = set()
    out: list[str] = []
    origin = None
    for href in dict.fromkeys(hrefs):
        known = _HREFS.get(href)
        if known is None:
            known = _href_kind(href)
            if len(href) <= _HREF_MAX:
                if len(_HREFS) >= _HREF_ENTRIES:
                    _HREFS.clear()
                _HREFS[href] = known
        kind, absolute = known
        if kind is _DROPPED:
            continue
        if kind is _FROM_ROOT:
            if origin is None:
                parts = urlsplit(base)
                origin = (bool(base), parts.scheme, parts.netloc)
            key = (*origin, absolute)
            joined = _ROOTED.get(key)
            if joined is None:
                if len(_ROOTED) >= _ROOTED_ENTRIES:
                    _ROOTED.clear()
                joined = _ROOTED[key] = urljoin(base, absolute).split("#", 1)[0]
            absolute = joined
        elif kind is _RELATIVE:
            absolute = urljoin(base, absolute).split("#", 1)[0]
        if absolute not in seen:
            seen.add(absolute)
            out.append(absolute)
    return out


# What an href is does not depend on the page (a site's menu repeats its hrefs on every page): told once per
# process. (kind, text): dropped (javascript:, mailto:, #…), absolute (the link without its #fragment), from the
# root (the stripped href: joined by host, _ROOTED) or relative to the page (the stripped href: joined per page).
_DROPPED, _ABSOLUTE, _FROM_ROOT, _RELATIVE = "dropped", "absolute", "from the root", "relative"
_HREFS: dict[str, tuple[str, str]] = {}
_HREF_MAX = 300  # characters of a remembered href
_HREF_ENTRIES = 4096


def _href_kind(href: str) -> tuple[str, str]:
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")) or not urls.parses(href):
        return _DROPPED, ""  # (a link urllib refuses, "//[x/", would raise when joined: no link)
    if href.startswith(("http://", "https://")):
        return _ABSOLUTE, href.split("#", 1)[0]
    if href.startswith("/") and not href.startswith("//") and len(href) <= _HREF_MAX:
        return _FROM_ROOT, href
    return _RELATIVE, href  # (a longer path from the root too: _ROOTED keeps short ones only)


# "/layanan/kk" joins the same way on every page of a host (urljoin reads only the base's scheme and host for a
# path from the root), and a site's menu repeats its links on every page: joined once per process, not per page
_ROOTED: dict[tuple[bool, str, str, str], str] = {}
_ROOTED_ENTRIES = 4096


def _all_link(el, own: str) -> bool:
    """The item's own text is the text of its links (a menu entry)."""
    if not own:
        return False
    linked = " ".join(clean(_text(a)) for a in el.iter("a") if a.get("href") and _nearest_li(a) is el)
    return bool(linked) and len(linked) >= len(own) - 2

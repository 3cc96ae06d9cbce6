"""Elements of an HTML page a visitor does not see: inline `display:none`, `visibility:hidden`, `font-size:0`,
`opacity:0`, zero-size boxes and off-screen positions, the `hidden` attribute, and classes or ids a <style> block
hides that way.

html_page.py keeps walking them (folded accordions and tab panes are hidden this way too, and are published
content); this module only records them, with their text and links, so that extractors/spam.py can tell a
hidden link farm (the usual way gambling spam is injected into a hijacked site) from the page's own content.
No judgement here: a hidden element is a fact about the page, spam or not.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from lxml import etree

from . import urls
from .decoding import clean
from .model import HiddenText

MAX_HIDDEN = 50  # hidden elements kept per page (the first in document order)
MAX_TEXT = 4000  # characters of text kept per element
MAX_LINKS = 100  # links kept per element
MAX_STYLE = 200_000  # characters of <style> blocks read for hiding rules
MAX_RULE_SELECTORS = 40  # class/id selectors looked up from <style> rules
_SKIP = {"script", "style", "template", "head", "title", "meta", "link"}

MAX_ELEMENTS = 300_000  # elements looked at per page (the tree is bounded already: 20 MB, 2048 levels)
MAX_SOURCE_CHARS = MAX_ELEMENTS // 2  # a page this short cannot hold MAX_ELEMENTS elements (see _candidates)
_COUNT = etree.XPath("count(descendant-or-self::*)")

# (how it is named in evidence, the declaration that hides)
_HIDING = (
    ("display:none", re.compile(r"display\s*:\s*none", re.IGNORECASE)),
    ("visibility:hidden", re.compile(r"visibility\s*:\s*(?:hidden|collapse)", re.IGNORECASE)),
    ("font-size:0", re.compile(r"font-size\s*:\s*0(?:\.0+)?(?:px|pt|em|rem|%)?\s*(?:[;!}]|$)", re.IGNORECASE)),
    ("opacity:0", re.compile(r"opacity\s*:\s*0(?:\.0+)?\s*(?:[;!}]|$)", re.IGNORECASE)),
    ("di luar layar", re.compile(r"(?:left|top|right|text-indent|margin-left)\s*:\s*-\s*\d{3,}", re.IGNORECASE)),
)
_ANY_HIDING = re.compile(r"none|hidden|collapse|font-size\s*:\s*0|opacity\s*:\s*0|-\s*\d{3}", re.IGNORECASE)  # cheap prefilter
_RULE = re.compile(r"([^{}]{1,300})\{([^{}]{0,2000})\}")
_SIMPLE_SELECTOR = re.compile(r"^\s*([.#])([A-Za-z_][\w-]{0,80})\s*$")


_ZERO_HEIGHT = re.compile(r"(?<![-\w])(?:max-)?height\s*:\s*0(?:px)?\s*(?:[;!}]|$)", re.IGNORECASE)
_OVERFLOW_HIDDEN = re.compile(r"overflow\s*:\s*hidden", re.IGNORECASE)


def hiding(style: str) -> str | None:
    """How a CSS declaration list hides its element ("display:none", ...), or None."""
    for how, rx in _HIDING:
        if rx.search(style):
            return how
    if _ZERO_HEIGHT.search(style) and _OVERFLOW_HIDDEN.search(style):
        return "ukuran 0"  # a zero-height box that clips its content
    return None


def hidden_elements(root, base_url: str, source_chars: int | None = None) -> list[HiddenText]:
    """The page's hidden elements (outermost ones only), with their text and absolute links. source_chars: the
    length of the HTML text the tree was parsed from, when known (it bounds the number of elements)."""
    classes, ids = _hiding_rules(root)
    found: list[tuple[object, str]] = []
    for el in _candidates(root, classes, ids, source_chars):
        if len(found) >= MAX_HIDDEN * 4:
            break
        if el.tag.lower() in _SKIP:
            continue
        style = el.get("style")
        how = ("atribut hidden" if el.get("hidden") is not None else
               hiding(style) if style and _ANY_HIDING.search(style) else None)
        if not how and (classes or ids):
            how = _by_rule(el, classes, ids)
        if how:
            found.append((el, how))
    chosen = {id(el) for el, _ in found}
    out: list[HiddenText] = []
    seen: set[int] = set()
    for el, how in sorted(found, key=lambda pair: _position(root, pair[0])):
        if id(el) in seen or any(id(a) in chosen for a in el.iterancestors()):
            continue  # inside another hidden element: that one carries the text
        seen.add(id(el))
        text = _text(el)
        joined = (urls.join(base_url, a.get("href").strip()) for a in el.iter("a")
                  if (a.get("href") or "").strip()[:1] not in ("", "#"))
        links = tuple(dict.fromkeys(u for u in joined if u))[:MAX_LINKS]
        if text or links:
            out.append(HiddenText(how=how, text=text, links=links))
        if len(out) >= MAX_HIDDEN:
            break
    return out


def _candidates(root, classes: dict[str, str], ids: dict[str, str], source_chars: int | None = None):
    """The elements that may hide, in document order: the first MAX_ELEMENTS elements, or (a speed shortcut)
    only those libxml2 finds with a hiding attribute, an inline style, a hidden id or a class attribute that
    contains a hidden class's name. That is a superset of what the checks in hidden_elements accept: walking
    every element from Python cost ~15 % of extraction on 30 KB pages.
    A tree parsed from at most MAX_SOURCE_CHARS characters is not counted (~0.1 ms on a 30 KB page): libxml2
    builds an element from a tag of 3 or more characters ("<a>"), plus html and body, and html_page's flattening
    adds at most a <br> per line of text, so it holds far fewer than MAX_ELEMENTS (tests/test_extract_speed.py)."""
    if (source_chars is None or source_chars > MAX_SOURCE_CHARS) and _COUNT(root) > MAX_ELEMENTS:
        return islice(root.iter(etree.Element), MAX_ELEMENTS)
    return _prefilter(tuple(classes), tuple(ids))(root)


@lru_cache(maxsize=256)
def _prefilter(classes: tuple[str, ...], ids: tuple[str, ...]) -> etree.XPath:
    # the names match _SIMPLE_SELECTOR ([\w-]): no quote can end the XPath string literals. A union of
    # attribute steps runs about twice as fast in libxml2 as one predicate over every element.
    steps = ["descendant-or-self::*/@hidden", "descendant-or-self::*/@style"]
    if ids:
        steps.append("descendant-or-self::*/@id[" + " or ".join(f".='{i}'" for i in ids) + "]")
    if classes:
        steps.append("descendant-or-self::*/@class[" + " or ".join(f"contains(.,'{c}')" for c in classes) + "]")
    return etree.XPath("(" + " | ".join(steps) + ")/..")


def _hiding_rules(root) -> tuple[dict[str, str], dict[str, str]]:
    """Classes and ids a <style> block hides (`.x1{display:none}`), each with how. The returned dicts are shared
    (the pages of a site repeat the same <style> blocks): read them, never change them."""
    return _rules_of("".join(s.text or "" for s in root.iter("style"))[:MAX_STYLE])


@lru_cache(maxsize=64)
def _rules_of(css: str) -> tuple[dict[str, str], dict[str, str]]:
    classes: dict[str, str] = {}
    ids: dict[str, str] = {}
    for match in _RULE.finditer(css):
        how = hiding(match.group(2)) if _ANY_HIDING.search(match.group(2)) else None
        if not how:
            continue
        for part in match.group(1).split(","):
            simple = _SIMPLE_SELECTOR.match(part)
            if simple:
                (ids if simple.group(1) == "#" else classes).setdefault(simple.group(2), how)
        if len(classes) + len(ids) >= MAX_RULE_SELECTORS:
            break
    return classes, ids


def _by_rule(el, classes: dict[str, str], ids: dict[str, str]) -> str | None:
    ident = el.get("id")
    if ident and ident in ids:
        return f"CSS #{ident} {{{ids[ident]}}}"
    for c in (el.get("class") or "").split():
        if c in classes:
            return f"CSS .{c} {{{classes[c]}}}"
    return None


def _position(root, el) -> int:
    """Document order, for a stable evidence order (sourceline is None for built trees)."""
    return el.sourceline or 0


def _text(el) -> str:
    parts: list[str] = []
    size = 0
    for piece in el.itertext():
        parts.append(piece)
        size += len(piece)
        if size > MAX_TEXT:
            break
    return clean(" ".join(parts))[:MAX_TEXT]

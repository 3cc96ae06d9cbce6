"""The links of an HTML page that a crawl of its site may follow, and those worth keeping as evidence.

Scrapy's LinkExtractor is general and slow (a fifth of the crawling process's time in the benchmark); pantau
needs only: a/area/iframe/embed targets, resolved, on the site's domains, not an asset by extension.
"""

from __future__ import annotations

from itertools import islice
from urllib.parse import urlsplit

from parsel import Selector
from scrapy.linkextractors import IGNORED_EXTENSIONS
from scrapy.utils.response import get_base_url

from crawler.outlinks import Outlinks, classify, file_name
from crawler.scope import in_scope
from extractors import urls

_SKIP_SCHEMES = ("javascript:", "mailto:", "tel:", "data:", "#", "whatsapp:", "sms:")
# Documents pemda publish standards in are followed: PDF, Word, Excel, OpenDocument text. Legacy .doc/.xls are
# fetched too, so that an assessor sees an `unsupported_format` row for a standard pantau cannot read.
DOCUMENT_EXTENSIONS = frozenset({".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt"})
DENIED_EXTENSIONS = frozenset("." + e for e in IGNORED_EXTENSIONS) - DOCUMENT_EXTENSIONS


def is_document_url(url: str) -> bool:
    """True for a URL whose path ends in a document extension pantau reads or records."""
    path = urlsplit(url).path.lower()
    dot = path.rfind(".")
    return dot > path.rfind("/") and path[dot:] in DOCUMENT_EXTENSIONS


def page_base(response) -> str:
    """What the page's relative links are relative to: its <base href>, unless urllib refuses that, then its URL."""
    try:
        return get_base_url(response)
    except ValueError:
        return response.url


def page_root(response):
    """The page's parsed tree. Scrapy's selector resolves the page's <base href> when it is built, and raises for
    one urllib refuses ("https://x.go.id]/"): then the tree is parsed against the page's own URL."""
    try:
        return response.selector.root
    except ValueError:
        return Selector(text=response.text, type="html", base_url=response.url).root


def page_links(response, domains: list[str]) -> list[str]:
    """Absolute, in-scope, de-duplicated links in document order."""
    return links_and_outlinks(response, domains)[0]


def links_and_outlinks(response, domains: list[str]) -> tuple[list[str], list[dict[str, str]]]:
    """One pass over the page's links: (the in-scope links to follow, the outlinks worth keeping as evidence).

    Outlinks (crawler/outlinks.py) come from the whole page, site chrome included (a unit publishes its social
    media in the footer); off-site ones are only recorded, never followed."""
    out: dict[str, None] = {}
    kept = Outlinks()
    base = page_base(response)
    for element in page_root(response).iter("a", "area", "iframe", "embed"):
        href = element.get("src" if element.tag in ("iframe", "embed") else "href")
        href = (href or "").strip()
        if not href or href.lower().startswith(_SKIP_SCHEMES):
            continue
        url = urls.join(base, href)  # without its #fragment
        parts = urls.split(url) if url else None
        if parts is None or parts.scheme not in ("http", "https"):
            continue  # (a link urllib refuses, "http://[nama-domain]/", is no link: it took the page with it)
        scoped = any(in_scope(parts.hostname, d) for d in domains)
        if not kept.full:
            text = _link_text(element) if scoped else ""  # off-site links are classified by host alone
            kind = classify(url, text, scoped)
            if kind:
                kept.add(url, text or _link_text(element) or file_name(url), kind)
        if not scoped:
            continue
        path = parts.path.lower()
        dot = path.rfind(".")
        if dot > path.rfind("/") and path[dot:] in DENIED_EXTENSIONS:
            continue
        out[url] = None
    return list(out), kept.items


def _link_text(element, limit: int = 500) -> str:
    """What a link says: its text, else its title, an image's alt (icon and banner links), bounded."""
    parts: list[str] = []
    size = 0
    for piece in element.itertext() if element.tag == "a" else ():
        parts.append(piece)
        size += len(piece)
        if size > limit:
            break
    text = " ".join(" ".join(parts).split())[:limit]
    if text:
        return text
    images = islice(element.iter("img"), 3) if element.tag == "a" else ()
    alts = [img.get("alt") or img.get("title") or "" for img in images]
    return " ".join(filter(None, [element.get("title") or element.get("alt") or "", *alts])).strip()[:limit]

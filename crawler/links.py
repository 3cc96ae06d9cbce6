"""The links of an HTML page that a crawl of its site may follow.

Scrapy's LinkExtractor is general and slow (a fifth of the crawling process's time in the benchmark); pantau
needs only: a/area/iframe/embed targets, resolved, on the site's domains, not an asset by extension.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from scrapy.linkextractors import IGNORED_EXTENSIONS

from crawler.scope import in_scope

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


def page_links(response, domains: list[str]) -> list[str]:
    """Absolute, in-scope, de-duplicated links in document order."""
    out: dict[str, None] = {}
    for href in response.xpath("//a/@href | //area/@href | //iframe/@src | //embed/@src").getall():
        href = href.strip()
        if not href or href.lower().startswith(_SKIP_SCHEMES):
            continue
        url = response.urljoin(href)
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not any(in_scope(parts.hostname, d) for d in domains):
            continue
        path = parts.path.lower()
        dot = path.rfind(".")
        if dot > path.rfind("/") and path[dot:] in DENIED_EXTENSIONS:
            continue
        out[url.split("#", 1)[0]] = None
    return list(out)

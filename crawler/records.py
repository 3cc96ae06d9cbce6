"""The typed records that travel from a fetched page to storage: what was fetched (`PageRecord`), what the
extractors made of it (`Document`), and what an earlier run stored of a page (`PriorPage`).

They are plain frozen dataclasses with no I/O: the pipeline builds them, a sink stores them (pantau's Store in
one process, a Redis list in distributed mode: `crawler.wire` is their JSON form there).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from crawler.items import PageItem
from extractors.model import Extraction


@dataclass(frozen=True, slots=True)
class PageRecord:
    """A fetched page as stored. `body` is kept only while something still needs the bytes (the WARC)."""

    url: str
    unit: str
    status: int
    content_type: str
    body_hash: str
    size: int
    depth: int
    fetched_at: str
    headers: dict[str, str] = field(default_factory=dict, repr=False)
    links: tuple[str, ...] = field(default=(), repr=False)
    outlinks: tuple[dict[str, str], ...] = field(default=(), repr=False)  # {url, text, kind} (crawler/outlinks.py)
    body: bytes | None = field(default=None, repr=False)
    ip_address: str | None = None  # evidence: the server's address and the request headers sent (WARC records)
    request_headers: dict[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def from_item(cls, item: PageItem) -> "PageRecord":
        return cls(url=item.url, unit=item.unit, status=item.status, content_type=item.content_type,
                   body_hash=hashlib.sha256(item.body).hexdigest(), size=len(item.body), depth=item.depth,
                   fetched_at=item.fetched_at, headers=dict(item.headers), links=tuple(item.links),
                   outlinks=tuple(item.outlinks), body=item.body,
                   ip_address=item.ip_address, request_headers=dict(item.request_headers))

    @property
    def etag(self) -> str | None:
        return self.headers.get("ETag")

    @property
    def last_modified(self) -> str | None:
        return self.headers.get("Last-Modified")


@dataclass(frozen=True, slots=True)
class Document:
    """What extraction made of a page's bytes: its text and the findings (extract_document's result)."""

    title: str
    text: str
    source: str  # html | pdf | text | ocr, with "+js" when the browser rendered it
    extraction: Extraction
    cuts: tuple[str, ...] = ()  # what a size limit left unread (extractors/cuts.py): one error row each

    @property
    def has_findings(self) -> bool:
        return bool(self.extraction.findings)


@dataclass(frozen=True, slots=True)
class PriorPage:
    """A page an earlier run (or this run, before it was interrupted) stored: enough to ask for it
    conditionally, to tell whether it changed, and to follow its links without fetching it."""

    id: int
    url: str
    status: int | None
    content_hash: str | None
    etag: str | None
    last_modified: str | None
    links: tuple[str, ...] = ()

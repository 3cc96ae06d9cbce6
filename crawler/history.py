"""What earlier runs already know about the pages a crawl meets.

- `done`: pages the *current* run stored before it was interrupted (a resumed run follows their stored links
  instead of fetching them again);
- `previous`: pages of the pemda's previous run (an incremental run asks for them conditionally, and carries
  their findings over when they are unchanged).
The sink fills it when the crawl opens (pantau's Store reads the database) and the pipeline announces it
with the `runs_opened` signal; the spider only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.records import PriorPage


@dataclass
class History:
    done: dict[str, PriorPage] = field(default_factory=dict)
    previous: dict[str, PriorPage] = field(default_factory=dict)

    def conditional_headers(self, url: str) -> dict[str, str]:
        page = self.previous.get(url)
        if page is None or page.status not in (200, 304):
            return {}
        headers = {}
        if page.etag:
            headers["If-None-Match"] = page.etag
        if page.last_modified:
            headers["If-Modified-Since"] = page.last_modified
        return headers

    def unchanged(self, url: str, content_hash: str) -> PriorPage | None:
        """The previous run's page when URL's content is byte-identical to it."""
        page = self.previous.get(url)
        return page if page is not None and page.content_hash == content_hash else None

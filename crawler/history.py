"""What earlier runs already know about the pages a crawl meets.

- `done`: pages the *current* run stored before it was interrupted (a resumed run follows their stored links
  instead of fetching them again);
- `previous`: pages of the pemda's previous run (an incremental run asks for them conditionally, and carries
  their findings over when they are unchanged).
The pipeline fills it from the database when the crawl opens; the spider only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class History:
    done: dict[str, dict] = field(default_factory=dict)
    previous: dict[str, dict] = field(default_factory=dict)

    def conditional_headers(self, url: str) -> dict[str, str]:
        page = self.previous.get(url)
        if not page or page.get("status") not in (200, 304):
            return {}
        headers = {}
        if page.get("etag"):
            headers["If-None-Match"] = page["etag"]
        if page.get("last_modified"):
            headers["If-Modified-Since"] = page["last_modified"]
        return headers

    def unchanged(self, url: str, content_hash: str) -> dict | None:
        """The previous run's page when URL's content is byte-identical to it."""
        page = self.previous.get(url)
        return page if page and page.get("content_hash") == content_hash else None

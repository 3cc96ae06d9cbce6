"""What the spider yields: a fetched page, or a recorded failure. Pipelines persist both."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class PageItem:
    url: str
    pemda_id: str
    unit: str  # the host: one OPD (or the portal) is one unit
    status: int
    content_type: str
    body: bytes = field(repr=False)
    depth: int = 0
    fetched_at: str = ""
    headers: dict = field(default_factory=dict, repr=False)
    rendered: bool = False  # fetched through the browser (JavaScript ran)
    links: list[str] = field(default_factory=list, repr=False)  # in-scope links, kept to follow a 304 later
    # evidence links ({url, text, kind}: standard_link, sippn, social, app, lapor; crawler/outlinks.py)
    outlinks: list[dict] = field(default_factory=list, repr=False)
    previous_page_id: int | None = None  # set on a 304: the earlier run's page that still stands
    ip_address: str | None = None  # the server's address, for the WARC record (WARC-IP-Address)
    request_headers: dict = field(default_factory=dict, repr=False)  # what was sent, for the WARC request record


@dataclass
class ErrorItem:
    url: str
    pemda_id: str | None
    kind: str  # http_404, timeout, dns, forbidden_address, not_in_resolve_map, robots, tls, extract, ...
    message: str


@dataclass
class SiteIssueItem:
    """A problem of a whole site (e.g. an expired TLS certificate), recorded once per run and unit."""

    url: str
    pemda_id: str
    unit: str
    kind: str  # tls_expired, tls_self_signed, tls_wrong_host, ...
    detail: str

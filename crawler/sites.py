"""The sites one crawl covers: each pemda with its domains, start URLs and page budget.

`pantau audit` crawls one; `pantau nightly` many in the same Scrapy process, so that total concurrency is
high while each host stays politely throttled by Scrapy's per-host download slots.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field

from crawler.scope import in_scope, parse_target


@dataclass
class Site:
    pemda_id: str  # the pemda's main domain
    domains: list[str]
    start_urls: list[str]
    name: str | None = None
    level: str | None = None
    province: str | None = None
    max_pages: int | None = None  # None: the PANTAU_MAX_PAGES setting
    render_js: bool = False  # render every page of this site in the browser (a registry override)
    exclude: list[str] = field(default_factory=list)  # subdomains that belong to another pemda (jakarta.go.id)
    time_budget: float | None = None  # seconds; None: the PANTAU_SITE_TIME_BUDGET setting (0 = none)
    started: float | None = field(default=None, repr=False)
    seen: set[str] = field(default_factory=set, repr=False)
    sitemaps: set[str] = field(default_factory=set, repr=False)  # sitemap URLs requested (they count in the budget)
    query_variants: dict[str, int] = field(default_factory=dict, repr=False)  # path -> distinct query strings
    traps_reported: set[str] = field(default_factory=set, repr=False)
    tls_checked: set[str] = field(default_factory=set, repr=False)

    def out_of_time(self, default_budget: float) -> bool:
        """True once the site has had its time budget, counted from its first request."""
        budget = self.time_budget if self.time_budget is not None else default_budget
        now = time.monotonic()
        if self.started is None:
            self.started = now
        return bool(budget) and now - self.started > budget

    def owns(self, host: str | None) -> bool:
        return any(in_scope(host, d) for d in self.domains) and not any(in_scope(host, d) for d in self.exclude)

    def to_dict(self) -> dict:
        return {"pemda_id": self.pemda_id, "domains": self.domains, "start_urls": self.start_urls,
                "name": self.name, "level": self.level, "province": self.province,
                "max_pages": self.max_pages, "render_js": self.render_js, "time_budget": self.time_budget,
                "exclude": self.exclude}


def site_from_target(target: str, name: str | None = None, max_pages: int | None = None) -> Site:
    domain, start_urls = parse_target(target)
    return Site(pemda_id=domain, domains=[domain], start_urls=start_urls, name=name, max_pages=max_pages)


def site_for_host(sites: list[Site], host: str | None) -> Site | None:
    """The site a host belongs to; the most specific domain wins if two pemda's domains nest."""
    best, best_len = None, -1
    for site in sites:
        if not site.owns(host):
            continue
        for domain in site.domains:
            if in_scope(host, domain) and len(domain) > best_len:
                best, best_len = site, len(domain)
    return best

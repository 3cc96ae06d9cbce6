"""How a finished crawl went for its site: reached, lost part-way (`partial`), or never reached (`unreachable`).

A site that answered nothing must not be graded: an E for a server that was down for the night, or for a
misspelt domain, says nothing about what the pemda publishes. Pure functions over a run's page count and its
error rows, so the one-process crawl and the distributed coordinator decide the same way (Store.finish_run).
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlsplit

# error kind (crawler/failures.py, crawler/resolver.py) -> cause shown to users. Only failures to get an answer
# from the server count; a 404 or a robots.txt refusal is an answer.
FETCH_FAILURES = {
    "dns": "dns", "not_in_resolve_map": "dns", "forbidden_address": "forbidden",
    "connection_refused": "refused", "timeout": "timeout", "tls": "tls",
    "connection": "connection", "data_loss": "connection",
}
# Why no page at all was stored although the server answered (every page 404, robots.txt forbids all).
ANSWERED = {"robots": "robots", "offsite": "offsite", "redirect": "redirect", "redirect_loop": "redirect"}
# Order for a tie between causes: the one nearest the root of the problem first.
CAUSE_ORDER = ("dns", "forbidden", "refused", "tls", "timeout", "connection", "http", "robots", "redirect",
               "offsite", "other")
# A run whose failed page fetches reach this share of its attempted pages lost its site part-way.
PARTIAL_FAILURE_SHARE = 0.5


def fetch_failure(kind: str) -> str | None:
    """The cause of a failed fetch (the server gave no usable answer), or None."""
    if kind in FETCH_FAILURES:
        return FETCH_FAILURES[kind]
    if kind.startswith("http_5"):
        return "http"
    return None


def _any_cause(kind: str) -> str:
    return fetch_failure(kind) or ANSWERED.get(kind) or ("http" if kind.startswith("http_") else "other")


def _page_key(url: str | None) -> str | None:
    """Scheme- and www-blind key of a page URL; None for robots.txt and sitemaps (optional, not pages)."""
    parts = urlsplit(url or "")
    path = parts.path or "/"
    if path == "/robots.txt" or path.lower().endswith((".xml", ".xml.gz")):
        return None
    host = (parts.hostname or "").removeprefix("www.")
    return f"{host}{path}?{parts.query}"


def _main_cause(causes: list[str]) -> str:
    counts = Counter(causes)
    return max(counts, key=lambda c: (counts[c], -CAUSE_ORDER.index(c) if c in CAUSE_ORDER else -len(CAUSE_ORDER)))


def run_outcome(pages: int, errors: list[tuple[str | None, str]], page_urls: list[str] = ()) -> tuple[str, str | None]:
    """("finished" | "partial" | "unreachable", cause) of a crawl that ran to its end.

    pages: pages stored; errors: (url, kind) rows; page_urls: the stored pages' URLs (an https:// start URL
    that failed before its http:// twin answered is not a lost page).
    """
    if pages == 0:
        if not errors:
            return "unreachable", "other"
        return "unreachable", _main_cause([_any_cause(kind) for _, kind in errors])
    stored = {_page_key(u) for u in page_urls}
    lost: dict[str, str] = {}  # page key -> cause; https and http tries of one page count once
    for url, kind in errors:
        cause, key = fetch_failure(kind), _page_key(url)
        if cause and key and key not in stored:
            lost.setdefault(key, cause)
    if lost and len(lost) >= PARTIAL_FAILURE_SHARE * (pages + len(lost)):
        return "partial", _main_cause(list(lost.values()))
    return "finished", None

"""Every `kind` an `errors` row can have, named once. The code that writes a row uses these names; the Datasette
metadata (pantau/datasette/metadata.yaml, `errors` table) explains each one in Bahasa Indonesia, and
tests/test_error_kinds.py checks that none is missing there and that no row is written with a bare string.

Kinds are stable keys (reports, the run outcome in pantau/outcome.py and facets count on them): add, never rename.
"""

from __future__ import annotations

import re

from extractors.errors import UnsupportedFormat

# -- a request that got no usable answer (crawler/failures.py, crawler/resolver.py, crawler/browser.py) -----------
DNS = "dns"  # the name does not resolve
NOT_IN_RESOLVE_MAP = "not_in_resolve_map"  # --resolve given and this host is not in it: refused, not looked up
FORBIDDEN_ADDRESS = "forbidden_address"  # resolves to a private, loopback or reserved address: refused
CONNECTION_REFUSED = "connection_refused"
TIMEOUT = "timeout"
CONNECTION = "connection"  # the connection dropped, or no answer came
DATA_LOSS = "data_loss"  # the body ended before its declared length
TLS = "tls"  # the TLS handshake failed
UNSUPPORTED_SCHEME = "unsupported_scheme"
HTTP_PREFIX = "http_"  # http_404, http_503…: the server answered this HTTP status
RENDER = "render"  # the browser could not load or render a JavaScript page
OTHER = "other"  # any other failure of a request (its message says what)

# -- an answer pantau did not read or follow (crawler/failures.py, crawler/pipelines.py) ---------------------------
ROBOTS = "robots"  # forbidden by the site's robots.txt
TOO_LARGE = "too_large"  # above the size cap (DOWNLOAD_MAXSIZE), declared, streamed or rendered
REDIRECT = "redirect"  # a redirect that could not be followed
REDIRECT_LOOP = "redirect_loop"
OFFSITE = "offsite"  # a redirect off the pemda's sites (not followed)
IGNORED = "ignored"  # a request dropped for another stated reason

# -- the crawl's bounds (crawler/spiders/pemda.py) -----------------------------------------------------------------
SPIDER_TRAP = "spider_trap"
BUDGET_TIME = "budget_time"
BUDGET_SITEMAPS = "budget_sitemaps"
SITEMAP = "sitemap"  # a sitemap that could not be read
SITEMAP_TRUNCATED = "sitemap_truncated"

# -- reading a fetched document (crawler/pipelines.py, crawler/extraction.py, extractors/) ---------------------------
EXTRACT = "extract"  # the document could not be read (malformed or encrypted PDF, unreadable image…)
EXTRACT_TIMEOUT = "extract_timeout"  # reading took longer than PANTAU_EXTRACT_TIMEOUT
EXTRACT_CRASH = "extract_crash"  # the reader failed (a bug, or its worker process died)
EXTRACT_CUT = "extract_cut"  # a size limit left part of the document unread
UNSUPPORTED_FORMAT = UnsupportedFormat.kind  # Word/Excel 97-2003, presentations…: seen, not read

# -- pantau's own steps after the crawl (pantau/cluster.py, pantau/screenshots.py, pantau/storage.py) -------------
REJECTED_RECORD = "rejected_record"  # a distributed worker's record the coordinator refused
SCREENSHOT = "screenshot"  # a page whose screenshot could not be taken
FLAGS = "flags"  # a flag rule failed while the run was scored (pantau/storage.py): the run has no flags

ERROR_KINDS = (
    DNS, NOT_IN_RESOLVE_MAP, FORBIDDEN_ADDRESS, CONNECTION_REFUSED, TIMEOUT, CONNECTION, DATA_LOSS, TLS,
    UNSUPPORTED_SCHEME, RENDER, OTHER,
    ROBOTS, TOO_LARGE, REDIRECT, REDIRECT_LOOP, OFFSITE, IGNORED,
    SPIDER_TRAP, BUDGET_TIME, BUDGET_SITEMAPS, SITEMAP, SITEMAP_TRUNCATED,
    EXTRACT, EXTRACT_TIMEOUT, EXTRACT_CRASH, EXTRACT_CUT, UNSUPPORTED_FORMAT,
    REJECTED_RECORD, SCREENSHOT, FLAGS,
)
_HTTP_KIND = re.compile(r"http_[1-5][0-9][0-9]")


def http_kind(status: int) -> str:
    """The kind of an HTTP error answer: http_404, http_503…"""
    return f"{HTTP_PREFIX}{status}"


def is_error_kind(kind: str) -> bool:
    """One of ERROR_KINDS, or http_<status>."""
    return kind in ERROR_KINDS or bool(_HTTP_KIND.fullmatch(kind))

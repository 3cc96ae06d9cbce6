"""JavaScript rendering: which pages need a browser, and how the browser is kept inside pantau's rules.

Most pemda pages are plain HTML and stay on the fast HTTP path. A page whose HTML has almost no text but
scripts (an SPA shell, a menu built by JS, standards loaded by XHR) is fetched again through scrapy-playwright
in Debian's chromium. The browser resolves names itself, so the `--resolve` map is handed to it as
`--host-resolver-rules`, and every sub-request it makes is checked by the crawl's `BrowserScope` (other sites,
internal addresses, heavy media).
"""

from __future__ import annotations

import re
import socket
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.addresses import ResolveMap, is_forbidden_address
from crawler.resolver import resolve_only

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
BLOCKED_RESOURCES = {"image", "media", "font"}

_SCRIPT = re.compile(rb"<script\b", re.I)
# Elements read past whole: their text is never shown (head, scripts…) or is the chrome around the content, which
# a shell has too (a server-rendered menu beside a "Memuat..." placeholder). Each maps to its closing tag.
_SKIPPED = {name: re.compile(rb"</%s\s*>" % name) for name in (
    b"head", b"script", b"style", b"noscript", b"template", b"nav", b"header", b"footer", b"aside")}
# One piece of lower-cased HTML: a comment's opening, a tag (with an opening tag's name), or a run of text.
# Tags stop at the next "<", so a stray "<" costs one step, not a scan to the end of the page.
_PIECE = re.compile(rb"(<!--)|<([a-z][a-z0-9]*)?[^<>]*>|([^<]+)")


def content_text_length(body: bytes, enough: int | None = None) -> int:
    """Visible characters of the page's content, runs of text joined by one space; stops counting at ENOUGH.

    Reads the page once: a skipped element jumps to its closing tag, and a name found unclosed is not looked
    for again, so hostile markup (thousands of unclosed <nav>) stays linear."""
    html = body.lower()
    length, pos, end = -1, 0, len(html)
    unclosed: set[bytes] = set()
    while pos < end and (enough is None or length < enough):
        piece = _PIECE.match(html, pos)
        if piece is None:  # a "<" that opens no tag
            pos += 1
            continue
        pos = piece.end()
        comment, name, text = piece.groups()
        if text:
            words = text.split()
            if words:
                length += 1 + len(b" ".join(words))
        elif comment:
            close = html.find(b"-->", pos)
            pos = end if close < 0 else close + 3
        elif name in _SKIPPED and name not in unclosed:
            close = _SKIPPED[name].search(html, pos)
            if close:
                pos = close.end()
            else:
                unclosed.add(name)
    return max(length, 0)


def needs_rendering(body: bytes, min_text: int = 400) -> bool:
    """True for an HTML shell: a script, and less than MIN_TEXT characters of content outside the chrome.

    Any number of scripts counts: many shells are one bundle or one inline script, mounted on any element."""
    # Cheap tests first: this runs on every page. Most have scripts (analytics at least), so the text count
    # stops as soon as it has seen MIN_TEXT characters.
    if len(body) > 200_000 or not _SCRIPT.search(body):
        return False
    return content_text_length(body, enough=min_text) < min_text


def host_resolver_rules(resolve: ResolveMap, only_mapped: bool) -> str | None:
    """Chromium's --host-resolver-rules for the map (ports included); `MAP * ~NOTFOUND` refuses the rest."""
    rules = []
    for host in sorted(resolve.hosts()):
        target = resolve.lookup(host, 80) or resolve.lookup(host, 443)
        if target:
            rules.append(f"MAP {host} {target.address}:{target.port}")
    if only_mapped:
        rules.append("MAP * ~NOTFOUND")
    return ", ".join(rules) or None


def launch_options(resolve: ResolveMap, only_mapped: bool) -> dict:
    args = list(CHROMIUM_ARGS)
    rules = host_resolver_rules(resolve, only_mapped)
    if rules:
        args.append(f"--host-resolver-rules={rules}")
    return {"executable_path": CHROMIUM, "headless": True, "args": args}


@lru_cache(maxsize=1024)
def _resolves_to_forbidden(host: str) -> bool:
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except OSError:
        return False  # unresolvable: the browser fails on its own
    return any(is_forbidden_address(info[4][0]) for info in infos)


@dataclass(frozen=True)
class BrowserScope:
    """Where the browser may go during one crawl: the spider's sites, through the --resolve map.

    Built by the browser's download handler (crawler.browser) from its crawler; its `should_abort` is
    scrapy-playwright's abort_request."""

    domains: tuple[str, ...]
    resolve: ResolveMap
    only_mapped: bool  # hosts outside the map are refused

    @classmethod
    def from_crawler(cls, crawler) -> "BrowserScope":
        settings = crawler.settings
        return cls(tuple(crawler.spider.allowed_domains), ResolveMap(settings.getlist("PANTAU_RESOLVE")),
                   resolve_only(settings))

    def should_abort(self, request) -> bool:
        """Keep the browser on the pemda's own sites (and off heavy media)."""
        if request.resource_type in BLOCKED_RESOURCES:
            return True
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return False
        host = (parts.hostname or "").lower()
        if not any(host == d or host.endswith("." + d) for d in self.domains):
            return True
        if self.resolve.lookup(host, parts.port or (443 if parts.scheme == "https" else 80)):
            return False
        if self.only_mapped:
            return True
        return _resolves_to_forbidden(host)

"""JavaScript rendering: which pages need a browser, and how the browser is kept inside pantau's rules.

Most pemda pages are plain HTML and stay on the fast HTTP path. A page whose HTML has almost no text but
scripts (an SPA shell, a menu built by JS, standards loaded by XHR) is fetched again through scrapy-playwright
in Debian's chromium. Chromium resolves no name and connects nowhere itself: every connection goes through
pantau's own proxy (crawler/browser_proxy.py), which applies the `--resolve` map and the address guard to each
request, redirects included. The crawl's `BrowserScope` keeps the pages it sees on the pemda's sites; WebSockets,
WebRTC, service workers and background traffic are switched off.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

# Debian's /usr/bin/chromium is a wrapper that exports Google API keys and adds --enable-remote-extensions (calls
# home to Google); the binary behind it is started directly.
CHROMIUM = next((p for p in ("/usr/lib/chromium/chromium", "/usr/bin/chromium") if os.path.exists(p)),
                "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
    # No traffic of Chromium's own (updates, metrics, sync, safe browsing, pings) to anyone.
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-pings",
    "--disable-default-apps", "--metrics-recording-only", "--disable-domain-reliability", "--disable-breakpad",
    "--disable-client-side-phishing-detection", "--safebrowsing-disable-auto-update", "--disable-extensions",
    "--no-default-browser-check",
    # WebRTC sends UDP (STUN) where no proxy sees it: only proxied traffic.
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
]
# Proxy variables would send the browser (and its Google update checks) through whatever they name.
PROXY_VARIABLES = {"http_proxy", "https_proxy", "all_proxy", "ftp_proxy", "no_proxy", "socks_proxy"}
BLOCKED_RESOURCES = {"image", "media", "font"}
# Browser contexts: service workers fetch behind the page's back (Playwright's routes never see them).
CONTEXT_OPTIONS = {"service_workers": "block"}
# Run before any page script in every frame: APIs that open connections other than http(s) requests.
NO_SIDE_CHANNELS = """for (const name of ["RTCPeerConnection", "webkitRTCPeerConnection", "RTCDataChannel",
    "WebTransport"]) { try { delete window[name]; } catch (e) {} }"""

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


def launch_options(proxy: str) -> dict:
    """Chromium's launch options: every connection through pantau's proxy at PROXY ("127.0.0.1:PORT").

    Chromium sends loopback addresses past any proxy unless told `<-loopback>`; its own resolver answers
    nothing but the proxy's address, so no connection can leave without the proxy's check."""
    host = proxy.rsplit(":", 1)[0]
    args = [*CHROMIUM_ARGS, f"--proxy-server=http://{proxy}", "--proxy-bypass-list=<-loopback>",
            f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {host}"]
    env = {k: v for k, v in os.environ.items() if k.lower() not in PROXY_VARIABLES}
    return {"executable_path": CHROMIUM, "headless": True, "args": args, "env": env}


def refuse_websocket(ws) -> None:
    """A route_web_socket handler for the sync API: the socket is never connected to any server."""
    ws.close()


async def refuse_websocket_async(ws) -> None:
    await ws.close()


@dataclass(frozen=True)
class BrowserScope:
    """Which requests a page may make during one crawl: to the spider's sites, no heavy media.

    Built by the browser's download handler (crawler.browser) from its crawler; its `should_abort` is
    scrapy-playwright's abort_request. Addresses are not its business: the proxy checks every connection."""

    domains: tuple[str, ...]

    @classmethod
    def from_crawler(cls, crawler) -> "BrowserScope":
        return cls(tuple(crawler.spider.allowed_domains))

    def should_abort(self, request) -> bool:
        """Keep the browser on the pemda's own sites (and off heavy media)."""
        if request.resource_type in BLOCKED_RESOURCES:
            return True
        parts = urlsplit(request.url)
        if parts.scheme in ("data", "blob", "about"):
            return False
        return not self.allows(request.url)

    def allows(self, url: str) -> bool:
        """An http(s) URL on one of the crawl's sites."""
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        return parts.scheme in ("http", "https") and any(host == d or host.endswith("." + d) for d in self.domains)

"""JavaScript rendering: which pages need a browser, and how the browser is kept inside pantau's rules.

Most pemda pages are plain HTML and stay on the fast HTTP path. A page whose HTML has almost no text but
scripts (an SPA shell, a menu built by JS, standards loaded by XHR) is fetched again through scrapy-playwright
in Debian's chromium. The browser resolves names itself, so the `--resolve` map is handed to it as
`--host-resolver-rules`, and every sub-request it makes is checked by `should_abort` (other sites, internal
addresses, heavy media).
"""

from __future__ import annotations

import re
import socket
from functools import lru_cache
from urllib.parse import urlsplit

from crawler.addresses import ResolveMap, is_forbidden_address

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"]
BLOCKED_RESOURCES = {"image", "media", "font"}

_SCRIPT = re.compile(rb"<script\b", re.I)
_SPA_ROOT = re.compile(rb"""<div[^>]+id=["'](app|root|__next|__nuxt|main-app)["'][^>]*>\s*</div>""", re.I)
_TAGS = re.compile(rb"<(script|style|noscript)\b.*?</\1>|<[^>]+>", re.I | re.S)
_SPACE = re.compile(rb"\s+")

# The sites of the running crawl (set by the spider when it opens) and whether unmapped hosts are refused.
SCOPE: dict[str, object] = {"domains": (), "resolve": ResolveMap(), "only_mapped": False}


def visible_text_length(body: bytes) -> int:
    return len(_SPACE.sub(b" ", _TAGS.sub(b" ", body)).strip())


def needs_rendering(body: bytes, min_text: int = 400) -> bool:
    """True for an HTML shell: little visible text, and scripts that would fill it in."""
    # Cheap tests first: this runs on every page, and most have no scripts or plenty of text.
    scripts = body.count(b"<script") + body.count(b"<SCRIPT")
    if scripts == 0 or len(body) > 200_000:
        return False
    if scripts < 2 and not _SPA_ROOT.search(body):
        return False
    return visible_text_length(body) < min_text


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


def should_abort(request) -> bool:
    """scrapy-playwright's PLAYWRIGHT_ABORT_REQUEST: keep the browser on the pemda's own sites."""
    if request.resource_type in BLOCKED_RESOURCES:
        return True
    parts = urlsplit(request.url)
    if parts.scheme in ("data", "blob", "about"):
        return False
    host = (parts.hostname or "").lower()
    if not any(host == d or host.endswith("." + d) for d in SCOPE["domains"]):
        return True
    resolve: ResolveMap = SCOPE["resolve"]
    if resolve.lookup(host, parts.port or (443 if parts.scheme == "https" else 80)):
        return False
    if SCOPE["only_mapped"]:
        return True
    return _resolves_to_forbidden(host)

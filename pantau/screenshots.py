"""Screenshots as evidence: a PNG of each archived HTML page with findings, rendered from its WARC record.

Rendering the archived bytes (not a new fetch) shows exactly what pantau read. Chromium may load the page's own
stylesheets and scripts from the pemda's sites, nothing else, and only through pantau's browser proxy, which
applies the resolve map and the address guard to every connection (as in the crawl).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from urllib.parse import urlsplit

from crawler.addresses import ResolveMap
from crawler.browser_proxy import BrowserProxy
from crawler.error_kinds import SCREENSHOT
from crawler.rendering import CONTEXT_OPTIONS, NO_SIDE_CHANNELS, launch_options, refuse_websocket
from crawler.settings import DOWNLOAD_MAXSIZE
from pantau.archive import read_record

logger = logging.getLogger(__name__)

_HEAD = re.compile(rb"<head[^>]*>", re.I)


def _with_base(html: bytes, url: str) -> str:
    """Relative links in the archived page resolve against its original URL."""
    base = f'<base href="{url}">'.encode()
    html = _HEAD.sub(lambda m: m.group(0) + base, html, count=1) if _HEAD.search(html) else base + html
    return html.decode("utf-8", errors="replace")


def screenshot_runs(store, run_ids: list[int], resolve: list[str] | None = None, limit: int = 2000) -> int:
    """Screenshot the runs' archived HTML pages with findings; returns how many were taken."""
    marks = ",".join("?" for _ in run_ids) or "null"
    pages = list(store.db.query(
        "select p.id, p.url, p.warc_file, p.warc_offset, p.run_id, r.pemda_id from pages p join runs r on r.id = p.run_id "
        f"where p.run_id in ({marks}) and p.warc_file is not null and p.content_type like 'text/html%' "
        "and exists (select 1 from findings f where f.page_id = p.id) limit ?", [*run_ids, limit]))
    return _shoot(store, pages, ResolveMap(resolve or []))


def _shoot(store, pages: list[dict], resolve: ResolveMap) -> int:
    if not pages:
        return 0
    from playwright.sync_api import sync_playwright

    taken = 0
    domains = {p["pemda_id"] for p in pages}
    guard = BrowserProxy(resolve, only_mapped=bool(resolve), domains=domains, max_bytes=DOWNLOAD_MAXSIZE)
    with guard as proxy, sync_playwright() as pw:
        browser = pw.chromium.launch(**launch_options(proxy.address))
        try:
            context = browser.new_context(viewport={"width": 1280, "height": 1600}, **CONTEXT_OPTIONS)
            context.route_web_socket(lambda url: True, refuse_websocket)
            context.add_init_script(NO_SIDE_CHANNELS)
            for page_row in pages:
                shot = Path(page_row["warc_file"]).with_suffix("").with_suffix("")
                shot = shot.parent / f"{shot.name}-screenshots" / f"page-{page_row['id']}.png"
                try:
                    _render(context, page_row, shot)
                except Exception as exc:  # one page that will not render must not cost the others
                    store.record_error(page_row["run_id"], page_row["url"], SCREENSHOT, f"{type(exc).__name__}: {exc}")
                    continue
                with store.db.atomic():
                    store.db.execute("update findings set screenshot = ? where page_id = ?", [str(shot), page_row["id"]])
                taken += 1
        finally:
            browser.close()
    return taken


def _render(context, page_row: dict, target: Path) -> None:
    url, html = read_record(page_row["warc_file"], page_row["warc_offset"])
    domain = page_row["pemda_id"]
    page = context.new_page()
    try:
        def guard(route):
            host = urlsplit(route.request.url).hostname or ""
            if host == domain or host.endswith("." + domain):
                return route.continue_()
            return route.abort()

        page.route("**/*", guard)
        page.set_content(_with_base(html, url), wait_until="load", timeout=15_000)
        target.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(target), full_page=False)
    finally:
        page.close()

"""A Scrapy add-on that derives settings from pantau's own, before Scrapy freezes them.

So that `scrapy crawl pemda -s PANTAU_RESOLVE=…` and `pantau audit --resolve …` configure the browser the same
way: the Playwright download handler is switched on unless PANTAU_JS is "never". The handler itself launches
Chromium behind pantau's browser proxy (crawler/browser.py), which applies the resolve map.
"""

from __future__ import annotations

PLAYWRIGHT_HANDLER = "crawler.browser.LazyPlaywrightHandler"


class PantauAddon:
    def update_settings(self, settings):
        if settings.get("PANTAU_JS", "auto") == "never":
            return
        settings.set("DOWNLOAD_HANDLERS", {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER}, priority="addon")

"""A Scrapy add-on that derives settings from pantau's own, before Scrapy freezes them.

So that `scrapy crawl pemda -s PANTAU_RESOLVE=…` and `pantau audit --resolve …` configure the browser the same
way: the Playwright download handler is switched on unless PANTAU_JS is "never", and Chromium gets the
resolve map as host-resolver rules.
"""

from __future__ import annotations

from crawler.addresses import ResolveMap
from crawler.rendering import launch_options
from crawler.resolver import resolve_only

PLAYWRIGHT_HANDLER = "crawler.browser.LazyPlaywrightHandler"


class PantauAddon:
    def update_settings(self, settings):
        if settings.get("PANTAU_JS", "auto") == "never":
            return
        settings.set("DOWNLOAD_HANDLERS", {"http": PLAYWRIGHT_HANDLER, "https": PLAYWRIGHT_HANDLER}, priority="addon")
        options = launch_options(ResolveMap(settings.getlist("PANTAU_RESOLVE")), resolve_only(settings))
        settings.set("PLAYWRIGHT_LAUNCH_OPTIONS", options, priority="addon")

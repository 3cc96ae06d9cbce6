"""Scrapy settings for pantau. One place for every crawl default; the CLI overrides a few per run.

Defaults are polite (robots.txt obeyed, 2 requests at a time per host, a delay with AutoThrottle) because
pemda sites are often small shared hosts; tests and the demo lower the delay through the CLI.
"""

import os

BOT_NAME = "pantau"
SPIDER_MODULES = ["crawler.spiders"]
NEWSPIDER_MODULE = "crawler.spiders"

USER_AGENT = "pantau/0.1 (audit of published standar pelayanan; UU 25/2009 Pasal 21)"
ROBOTSTXT_OBEY = True
DOWNLOADER_MIDDLEWARES = {
    # Scrapy's own lets every request but the first through while robots.txt downloads (crawler/robots.py).
    "scrapy.downloadermiddlewares.robotstxt.RobotsTxtMiddleware": None,
    "crawler.robots.RobotsTxtMiddleware": 100,
    # Scrapy's raise on a page whose <base href>, or a redirect whose Location, urllib refuses (crawler/redirects.py)
    "scrapy.downloadermiddlewares.redirect.MetaRefreshMiddleware": None,
    "crawler.redirects.MetaRefreshMiddleware": 580,
    "scrapy.downloadermiddlewares.redirect.RedirectMiddleware": None,
    "crawler.redirects.RedirectMiddleware": 600,
}
ROBOTSTXT_PARSER = "crawler.robots.CappedRobotParser"  # reads the first 500 KiB only (RFC 9309)

# Politeness: per-host concurrency and delay, adapted to the server's latency.
CONCURRENT_REQUESTS = 32
CONCURRENT_REQUESTS_PER_DOMAIN = 2
DOWNLOAD_DELAY = 0.5
DOWNLOAD_DELAY_JITTER = 0.5  # ±50 %, so requests do not beat in step
AUTOTHROTTLE_ENABLED = True
AUTOTHROTTLE_START_DELAY = 0.5
AUTOTHROTTLE_TARGET_CONCURRENCY = 2.0
DOWNLOAD_TIMEOUT = 30
RETRY_TIMES = 1

# Bounds: a crawl of one pemda stays finite even on a spider trap.
DEPTH_LIMIT = 5
DEPTH_PRIORITY = 1  # breadth-first: the pages nearest the portal (where menus lead) come first
SCHEDULER_DISK_QUEUE = "scrapy.squeues.PickleFifoDiskQueue"
SCHEDULER_MEMORY_QUEUE = "scrapy.squeues.FifoMemoryQueue"
DOWNLOAD_MAXSIZE = 20 * 1024 * 1024  # also caps decompressed size (gzip bombs)
DOWNLOAD_WARNSIZE = 4 * 1024 * 1024
PANTAU_MAX_PAGES = 500
PANTAU_MAX_URL_LENGTH = 400
PANTAU_SITE_TIME_BUDGET = 0  # seconds per site (0 = no limit); one slow site cannot hold up the night
PANTAU_MAX_QUERY_VARIANTS = 20  # distinct query strings per path before it counts as a trap (calendars)
# Sitemaps count in a site's page budget; at most this many per site (and half its page budget), nested indexes
# at most this deep (the protocol allows none), and the XML of one sitemap (after gunzip) is cut at this size.
PANTAU_MAX_SITEMAPS = 20
PANTAU_MAX_SITEMAP_DEPTH = 2
PANTAU_MAX_SITEMAP_SIZE = 10 * 1024 * 1024

# Safety: the resolver applies the --resolve map and refuses private/loopback addresses after DNS.
TWISTED_DNS_RESOLVER = "crawler.resolver.GuardedResolver"
PANTAU_RESOLVE = []
PANTAU_RESOLVE_ONLY = None  # None: true whenever PANTAU_RESOLVE is set
# Proxy variables (http_proxy…) are ignored: a proxy would connect to targets the guard never saw. The browser
# goes through pantau's own proxy (crawler/browser_proxy.py) whatever the environment says.
HTTPPROXY_ENABLED = False

# A nightly crawler on a shared server exposes no control surfaces.
TELNETCONSOLE_ENABLED = False
REMOTE_CONTROL_ENABLED = False

# JavaScript pages: rendered in Debian's chromium through scrapy-playwright, only when a page needs it.
PANTAU_JS = "auto"  # auto: pages that are script shells | always | never (no browser at all)
PANTAU_JS_MIN_TEXT = 400  # content characters (chrome not counted) under which a page with a script is a shell
ADDONS = {"crawler.addons.PantauAddon": 0}
PLAYWRIGHT_BROWSER_TYPE = "chromium"
PLAYWRIGHT_MAX_CONTEXTS = 1
PLAYWRIGHT_MAX_PAGES_PER_CONTEXT = 2
PLAYWRIGHT_DEFAULT_NAVIGATION_TIMEOUT = 30_000

# Images and scanned PDFs: read with Tesseract (Indonesian data); images are fetched only when their file name,
# alt or title suggests a standard, an SOP flow chart or a maklumat.
PANTAU_OCR = True

# Cloaking: the first pages of each host are fetched once more as Googlebot with a google.com Referer; spam served
# only to that crawler is a `cloaked` site issue (crawler/cloaking.py). At most this many extra fetches per host,
# outside the page budget. Off for a bare `scrapy crawl`; `pantau audit` switches it on (--no-cloak-probe: off).
PANTAU_CLOAK_PROBE = False
PANTAU_CLOAK_PROBES_PER_HOST = 3

ITEM_PIPELINES = {"crawler.pipelines.PagePipeline": 300}
# Where the pipeline's records go: a class with from_crawler (see crawler/sink.py). pantau's Store by default;
# distributed workers send them to Redis instead (crawler.distributed.scrapy_settings).
PANTAU_SINK = "pantau.recorder.StoreSink"
EXTENSIONS = {"crawler.extensions.Progress": 500}
PANTAU_DB = "pantau.db"
# processes for extraction (auto = one per core; 0 = inline, in the reactor); CPU seconds one document may take
# in a worker before it is stopped (an `extract_timeout` row); documents per worker before it is replaced (memory
# creep). The environment variables let operators and tests change the first two.
PANTAU_EXTRACT_WORKERS = os.environ.get("PANTAU_EXTRACT_WORKERS") or "auto"
PANTAU_EXTRACT_TIMEOUT = float(os.environ.get("PANTAU_EXTRACT_TIMEOUT") or 120)
PANTAU_EXTRACT_TASKS_PER_WORKER = 200
PANTAU_ARCHIVE_DIR = None  # WARC files; default: beside the database (pantau.db -> pantau-warc/)
PANTAU_INCREMENTAL = True  # conditional requests; unchanged pages carry their findings over
PANTAU_RESUME = False  # reopen the interrupted runs (of PANTAU_BATCH_ID) instead of starting new ones
PANTAU_BATCH_ID = None  # a nightly run's id, shared by its per-pemda runs
PANTAU_PROGRESS = "auto"  # auto | rich | plain | off

FEED_EXPORT_ENCODING = "utf-8"
LOG_LEVEL = "INFO"

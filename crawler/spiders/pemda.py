"""The one generic spider: pemda domains and their OPD subdomains, robots.txt and sitemaps included.

    scrapy crawl pemda -a domain=lampungtimurkab.go.id -s PANTAU_DB=pantau.db
    scrapy crawl pemda -a domain=http://lampungtimurkab.go.id/ -s PANTAU_RESOLVE=lampungtimurkab.go.id=127.0.0.1:8000

`domain` may list several targets separated by commas; `pantau nightly` passes `sites` (a list of
`crawler.sites.Site`) instead. The spider fetches and yields pages (HTML, PDF, plain text) and failures,
each tagged with its pemda; it never interprets them.
"""

from __future__ import annotations

import hashlib
import re
from datetime import datetime, timezone
from urllib.parse import urldefrag, urlsplit

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.http import Response
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.sitemap import Sitemap

from crawler import error_kinds as kinds
from crawler import rendering
from crawler.cloaking import PROBE_HEADERS, PROBE_META, ProbeBudget, ProbeItem
from crawler.distributed import SharedBudget, plan_sites
from crawler.failures import classify_failure
from crawler.history import History
from crawler.items import ErrorItem, PageItem, SiteIssueItem
from crawler.links import is_document_url, links_and_outlinks, page_base, page_root
from crawler.robots import ROBOTS_MAX_BYTES, cut_robots, sitemap_urls
from crawler.signals import runs_opened
from crawler.sitemaps import sitemap_xml
from crawler.sites import Site, site_for_host, site_from_target
from crawler.tls import certificate_issues
from crawler.urls import has_repeating_path, path_of, strip_session_ids, usable_url
from extractors import urls

DOCUMENT_TYPES = ("text/html", "application/xhtml+xml", "application/pdf", "text/plain", "image/",
                  # Word, Excel, OpenDocument text (read), and Word/Excel 97-2003 (recorded as unsupported_format)
                  "application/vnd.openxmlformats-officedocument.", "application/vnd.oasis.opendocument.text",
                  "application/msword", "application/vnd.ms-excel")
# An <img> worth reading with OCR: standards are often published as infographics ("SP KTP.jpg", alt="Alur").
STANDARD_IMAGE = re.compile(r"standar|pelayanan|layanan|maklumat|alur|sop|persyaratan|biaya|tarif|prosedur|"
                            r"infografi|pengaduan|\bsp[-_ ]", re.I)


def unit_of(host: str) -> str:
    """One unit per site: `www.` and the bare host are the same portal."""
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


def seen_key(url: str) -> str:
    """`http://www.x.go.id/a` and `http://x.go.id/a` are one page: pemda sites serve both, and counting both
    would fetch a whole portal twice and double its findings."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if host.startswith("www."):
        return url.replace(parts.netloc, parts.netloc[4:], 1)
    return url


def content_type_of(response: Response) -> str:
    raw = response.headers.get(b"Content-Type", b"") or b""
    return raw.decode("latin-1").split(";")[0].strip().lower()


class PemdaSpider(scrapy.Spider):
    name = "pemda"

    @classmethod
    def from_crawler(cls, crawler, *args, **kwargs):
        # A distributed worker takes its sites from the batch plan in Redis.
        if crawler.settings.get("PANTAU_REDIS_URL") and not kwargs.get("sites") and not kwargs.get("domain"):
            kwargs["sites"] = plan_sites(crawler.settings)
        spider = super().from_crawler(crawler, *args, **kwargs)
        if crawler.settings.get("PANTAU_REDIS_URL"):
            spider.shared_budget = SharedBudget(crawler.settings)
        spider.cloak_probes = ProbeBudget(crawler.settings.getbool("PANTAU_CLOAK_PROBE"),
                                          crawler.settings.getint("PANTAU_CLOAK_PROBES_PER_HOST"))
        # What earlier runs stored comes from the pipeline's sink once it has opened the runs.
        crawler.signals.connect(spider.on_runs_opened, signal=runs_opened)
        return spider

    shared_budget = None
    cloak_probes: ProbeBudget | None = None  # which pages get a second fetch as Googlebot (crawler/cloaking.py)

    def __init__(self, domain: str | None = None, sites: list[Site] | None = None,
                 max_pages: int | str | None = None, **kwargs):
        super().__init__(**kwargs)
        if sites is None:
            if not domain:
                raise ValueError("the pemda spider needs -a domain=DOMAIN_OR_URL (e.g. lampungtimurkab.go.id)")
            sites = [site_from_target(t) for t in domain.split(",") if t.strip()]
        if max_pages:
            for site in sites:
                site.max_pages = site.max_pages or int(max_pages)
        self.sites = sites
        self.target = domain or ",".join(s.pemda_id for s in sites)
        self.allowed_domains = sorted({d for s in sites for d in s.domains})
        self._hosts_seen: set[str] = set()
        self.history = History()

    @property
    def pemda_domain(self) -> str:
        return self.sites[0].pemda_id

    def budget(self, site: Site) -> int:
        return site.max_pages or self.settings.getint("PANTAU_MAX_PAGES")

    def on_runs_opened(self, run_ids: dict[str, int], history: History) -> None:
        self.history = history

    async def start(self):
        for site in self.sites:
            for url in site.start_urls:
                for request in self._page_request(url, fallback_http=url.startswith("https://")):
                    yield request

    # -- requests ---------------------------------------------------------------------------------------

    def _page_request(self, url: str, fallback_http: bool = False):
        """Yield requests for an in-scope page and, for pages this run already stored before it was
        interrupted, for the links they had (no refetch: a resumed run continues where it stopped)."""
        pending = [url]
        while pending:
            url = pending.pop()
            for out in self._one_page_request(url, fallback_http):
                if isinstance(out, str):
                    pending.extend(self.history.done[out].links)
                else:
                    yield out

    def _one_page_request(self, url: str, fallback_http: bool = False):
        """A request for URL unless it was seen, looks like a spider trap, or its site's budget or time is
        spent; the URL itself (a str) when this run already stored it."""
        try:
            url = strip_session_ids(urldefrag(url)[0])
            site, key = site_for_host(self.sites, urlsplit(url).hostname), seen_key(url)
        except ValueError:  # a link or <loc> urllib refuses
            site = key = None
        if site is None or key in site.seen:
            return
        if not usable_url(url):  # a typo a request cannot be made for ("…:80808/"): skipped, not raised
            self.crawler.stats.inc_value("pantau/skipped_bad_url")
            return
        trap = self._trap(site, url)
        if trap:
            self.crawler.stats.inc_value("pantau/skipped_trap")
            if trap not in site.traps_reported:  # one row per trap, not one per URL it mints
                site.traps_reported.add(trap)
                yield ErrorItem(url, site.pemda_id, kinds.SPIDER_TRAP, trap)
            return
        if not self._claim(site):
            self.crawler.stats.inc_value("pantau/skipped_budget")
            return
        if site.out_of_time(self.settings.getfloat("PANTAU_SITE_TIME_BUDGET")):
            self.crawler.stats.inc_value("pantau/skipped_time")
            if "time" not in site.traps_reported:
                site.traps_reported.add("time")
                yield ErrorItem(url, site.pemda_id, kinds.BUDGET_TIME,
                                "site time budget spent; pages after this one were not fetched")
            return
        site.seen.add(seen_key(url))
        yield from self._discover_host(url, site)  # also for replayed pages: sitemaps may list pages not yet seen
        if url in self.history.done:
            self.crawler.stats.inc_value("pantau/resumed_pages")
            yield url
            return
        meta = {"pantau_pemda": site.pemda_id, "pantau_fallback_http": fallback_http}
        headers = self.history.conditional_headers(url)
        if headers:  # incremental: the server may answer 304 Not Modified
            meta["handle_httpstatus_list"] = [304]
        if site.render_js or self.settings.get("PANTAU_JS") == "always":
            meta.update(self._render_meta())
        yield scrapy.Request(url, callback=self.parse, errback=self.on_error, meta=meta, headers=headers)

    @staticmethod
    def _render_meta() -> dict:
        return {"playwright": True, "playwright_page_goto_kwargs": {"wait_until": "networkidle"}}

    def _js_shell(self, response: Response, ctype: str) -> bool:
        """An HTML page that only scripts fill in: worth a second fetch through the browser."""
        return (
            self.settings.get("PANTAU_JS") == "auto"
            and not response.meta.get("playwright")
            and ctype.startswith(("text/html", "application/xhtml"))
            and rendering.needs_rendering(response.body, self.settings.getint("PANTAU_JS_MIN_TEXT"))
        )

    def _claim(self, site: Site) -> bool:
        """One more page for SITE within its budget? (Counted in Redis when workers share the site.)"""
        if self.shared_budget is not None:
            return self.shared_budget.claim(site, self.budget(site))
        return not self._spent(site)

    def _spent(self, site: Site | None) -> bool:
        """SITE's own page budget is used up in this process (a budget shared by workers is counted in Redis,
        and asked entry by entry instead)."""
        return (site is not None and self.shared_budget is None
                and len(site.seen) + len(site.sitemaps) >= self.budget(site))

    def _trap(self, site: Site, url: str) -> str | None:
        """Why URL looks like a spider trap (endless URLs for no new content), or None."""
        if len(url) > self.settings.getint("PANTAU_MAX_URL_LENGTH"):
            return f"URL longer than {self.settings.getint('PANTAU_MAX_URL_LENGTH')} characters: {url[:120]}…"
        if has_repeating_path(url):
            return f"path repeats one segment endlessly: {path_of(url)[:120]}"
        if urlsplit(url).query:
            path = path_of(url)
            site.query_variants[path] = site.query_variants.get(path, 0) + 1
            limit = self.settings.getint("PANTAU_MAX_QUERY_VARIANTS")
            if site.query_variants[path] > limit:
                return f"more than {limit} query-string variants of {path} (calendar or filter trap)"
        return None

    def _discover_host(self, url: str, site: Site):
        """On the first page of a host, read its robots.txt for sitemaps (falling back to /sitemap.xml)."""
        parts = urlsplit(url)
        base = f"{parts.scheme}://{parts.netloc}"
        if base in self._hosts_seen:
            return
        self._hosts_seen.add(base)
        yield scrapy.Request(
            f"{base}/robots.txt", callback=self.parse_robots, errback=self.on_optional_error,
            meta={"pantau_base": base, "pantau_pemda": site.pemda_id}, priority=10,
        )

    def _sitemap_request(self, url: str, depth: int):
        """A request for a sitemap of one of the sites, if its sitemap cap (at most half its page budget),
        nesting DEPTH, page budget and time allow: a sitemap is a fetch like a page, and indexes that list
        indexes would otherwise fetch without end."""
        try:
            url = urldefrag(url)[0]
            site = site_for_host(self.sites, urlsplit(url).hostname)
        except ValueError:  # a <loc> or Sitemap: line urllib refuses
            site = None
        if site is None or url in site.sitemaps:
            return
        if not usable_url(url):
            self.crawler.stats.inc_value("pantau/skipped_bad_url")
            return
        cap = min(self.settings.getint("PANTAU_MAX_SITEMAPS"), max(1, self.budget(site) // 2))
        max_depth = self.settings.getint("PANTAU_MAX_SITEMAP_DEPTH")
        if depth > max_depth or len(site.sitemaps) >= cap:
            self.crawler.stats.inc_value("pantau/skipped_sitemaps")
            if "sitemaps" not in site.traps_reported:  # one row per site
                site.traps_reported.add("sitemaps")
                yield ErrorItem(url, site.pemda_id, kinds.BUDGET_SITEMAPS,
                                f"sitemaps not read past {cap} per site or {max_depth} nested indexes; this one and "
                                "later ones were skipped")
            return
        if site.out_of_time(self.settings.getfloat("PANTAU_SITE_TIME_BUDGET")) or not self._claim(site):
            self.crawler.stats.inc_value("pantau/skipped_sitemaps")
            return
        site.sitemaps.add(url)
        yield scrapy.Request(url, callback=self.parse_sitemap, errback=self.on_optional_error, priority=5,
                             meta={"pantau_pemda": site.pemda_id, "pantau_sitemap_depth": depth})

    # -- callbacks --------------------------------------------------------------------------------------

    def parse(self, response: Response):
        site = site_for_host(self.sites, urlsplit(response.url).hostname)
        if site is None:  # redirected off-site; the offsite middleware normally stops this earlier
            return
        if response.url != response.request.url:
            site.seen.add(seen_key(urldefrag(response.url)[0]))
        yield from self._check_certificate(response, site)
        if response.status == 304:
            yield from self._not_modified(response, site)
            return
        ctype = content_type_of(response)
        if not any(ctype.startswith(t) for t in DOCUMENT_TYPES) and not is_document_url(response.url):
            self.crawler.stats.inc_value("pantau/skipped_content_type")
            return
        if self._js_shell(response, ctype):
            self.crawler.stats.inc_value("pantau/rendered")
            yield response.request.replace(dont_filter=True, meta={**response.meta, **self._render_meta()})
            return
        links, outlinks = [], []
        if ctype.startswith(("text/html", "application/xhtml")):
            links, outlinks = links_and_outlinks(response, site.domains)
            links += self._standard_images(response)
        probe = self._cloak_probe(response, ctype, site)  # claimed before the page reaches the pipeline
        yield PageItem(
            url=response.url,
            pemda_id=site.pemda_id,
            unit=unit_of(urlsplit(response.url).hostname or ""),
            status=response.status,
            content_type=ctype or "application/octet-stream",
            body=response.body,
            depth=response.meta.get("depth", 0),
            fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
            headers={k.decode("latin-1"): b", ".join(v).decode("latin-1") for k, v in response.headers.items()},
            rendered=bool(response.meta.get("playwright")),
            links=links,
            outlinks=outlinks,
            ip_address=str(response.ip_address) if response.ip_address else None,
            request_headers={k.decode("latin-1"): b", ".join(v).decode("latin-1")
                             for k, v in response.request.headers.items()},
        )
        if probe is not None:
            yield probe
        for link in links:
            yield from self._page_request(link)

    def _cloak_probe(self, response: Response, ctype: str, site: Site) -> scrapy.Request | None:
        """The same page fetched once more as a crawler from Google asks for it, for the first few HTML pages of
        each host: a hijacked site may serve its spam only to search engines (crawler/cloaking.py). It goes
        through the same downloader middlewares (address guard, --resolve map, size caps) as every fetch."""
        if (self.cloak_probes is None or response.meta.get("playwright")
                or not ctype.startswith(("text/html", "application/xhtml"))
                or not self.cloak_probes.claim(urlsplit(response.url).hostname or "", response.url)):
            return None
        return scrapy.Request(response.url, callback=self.parse_probe, errback=self.on_probe_error,
                              headers=dict(PROBE_HEADERS), dont_filter=True, priority=-1,
                              meta={"pantau_pemda": site.pemda_id, PROBE_META: response.url,
                                    "pantau_cloak_hash": hashlib.sha256(response.body).hexdigest()})

    def parse_probe(self, response: Response):
        """A cloaking probe's answer: handed on only when it differs from what the visitor got."""
        url = response.meta[PROBE_META]
        site = site_for_host(self.sites, urlsplit(response.url).hostname)
        ctype = content_type_of(response)
        if (site is None or response.status != 200 or not ctype.startswith(("text/html", "application/xhtml"))
                or hashlib.sha256(response.body).hexdigest() == response.meta.get("pantau_cloak_hash")):
            return
        yield ProbeItem(url=url, probe_url=response.url, pemda_id=site.pemda_id,
                        unit=unit_of(urlsplit(url).hostname or ""),
                        content_type=(response.headers.get(b"Content-Type") or b"").decode("latin-1") or ctype,
                        body=response.body)

    def on_probe_error(self, failure):
        """A probe that fails proves nothing (the page itself was fetched): counted, not recorded."""
        self.crawler.stats.inc_value("pantau/cloak_probe_errors")

    def _standard_images(self, response: Response) -> list[str]:
        """Images that look like published standards (by file name, alt or title text), for OCR."""
        if not self.settings.getbool("PANTAU_OCR"):
            return []
        found = []
        base = page_base(response)
        for img in page_root(response).iter("img"):
            src = (img.get("src") or img.get("data-src") or "").strip()
            if not src or src.startswith("data:"):
                continue
            words = " ".join(filter(None, (src, img.get("alt"), img.get("title"))))
            url = urls.join(base, src) if STANDARD_IMAGE.search(words) else None
            if url:  # (None: a src urllib refuses, "http://[nama-domain]/a.jpg")
                found.append(url)
        return list(dict.fromkeys(found))

    def _not_modified(self, response: Response, site: Site):
        """Unchanged since the last run: carry its findings over and follow the links it had then."""
        previous = self.history.previous[response.request.url]
        yield PageItem(url=response.request.url, pemda_id=site.pemda_id,
                       unit=unit_of(urlsplit(response.url).hostname or ""), status=304, content_type="",
                       body=b"", depth=response.meta.get("depth", 0),
                       fetched_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
                       headers={k.decode("latin-1"): b", ".join(v).decode("latin-1")
                                for k, v in response.headers.items()},
                       previous_page_id=previous.id)
        for link in previous.links:
            yield from self._page_request(link)

    def _check_certificate(self, response: Response, site: Site):
        """Once per https host: an expired, self-signed or wrong-host certificate is a site issue."""
        host = urlsplit(response.url).hostname or ""
        if not response.url.startswith("https://") or host in site.tls_checked:
            return
        site.tls_checked.add(host)
        for kind, detail in certificate_issues(response.certificate, host):
            yield SiteIssueItem(response.url, site.pemda_id, unit_of(host), kind, detail)

    def parse_robots(self, response: Response):
        body = cut_robots(response.body)  # as the robots middleware reads it (crawler/robots.py)
        if len(body) < len(response.body):
            host = urlsplit(response.url).hostname or ""
            yield SiteIssueItem(response.url, response.meta["pantau_pemda"], unit_of(host), "robots_txt_too_large",
                                f"robots.txt is larger than {ROBOTS_MAX_BYTES // 1024} KiB; only its first "
                                f"{ROBOTS_MAX_BYTES // 1024} KiB are read (RFC 9309)")
        sitemaps = sitemap_urls(body, response.url)
        if not sitemaps:
            sitemaps = [response.meta["pantau_base"] + "/sitemap.xml"]
        for url in sitemaps:
            yield from self._sitemap_request(url, depth=0)

    def parse_sitemap(self, response: Response):
        pemda = response.meta.get("pantau_pemda")
        limit = self.settings.getint("PANTAU_MAX_SITEMAP_SIZE")
        try:
            xml, cut = sitemap_xml(response.body, limit)
            sitemap = Sitemap(xml)
        except Exception as exc:  # malformed XML or gzip is a recorded failure, not a crash
            yield ErrorItem(response.url, pemda, kinds.SITEMAP, f"unreadable sitemap: {exc}")
            return
        if cut:  # e.g. a gzip bomb: inflated no further than the limit
            yield ErrorItem(response.url, pemda, kinds.SITEMAP_TRUNCATED,
                            f"sitemap larger than {limit // (1024 * 1024)} MiB (after gunzip); only its first "
                            f"{limit // (1024 * 1024)} MiB were read")
        depth = response.meta.get("pantau_sitemap_depth", 0)
        site = site_for_host(self.sites, urlsplit(response.url).hostname)
        for entry in sitemap:
            loc = entry.get("loc")
            if not loc:
                continue
            if sitemap.type == "sitemapindex":
                yield from self._sitemap_request(loc, depth + 1)
            elif self._spent(site):
                # a 10 MiB sitemap lists 200,000 pages: read past its site's budget, each entry cost the reactor
                # thread (every site of the night waits on it) a seen, trap and claim test for nothing
                self.crawler.stats.inc_value("pantau/sitemap_entries_past_budget")
                break
            else:
                yield from self._page_request(loc)

    # -- failures ---------------------------------------------------------------------------------------

    def on_error(self, failure):
        request = failure.request
        pemda = request.meta.get("pantau_pemda")
        yield ErrorItem(request.url, pemda, *classify_failure(failure))
        if request.meta.get("pantau_fallback_http") and not failure.check(HttpError, IgnoreRequest):
            # https:// did not answer; many pemda sites still serve only http://.
            http_url = "http://" + request.url.split("://", 1)[1]
            yield from self._page_request(http_url)

    def on_optional_error(self, failure):
        """robots.txt and sitemaps are optional: a 404 is normal, other failures are worth a row."""
        if failure.check(HttpError):  # HttpError is an IgnoreRequest: test it first
            if failure.value.response.status == 404:
                return
        elif failure.check(IgnoreRequest):
            return
        yield ErrorItem(failure.request.url, failure.request.meta.get("pantau_pemda"), *classify_failure(failure))

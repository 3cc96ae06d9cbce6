"""The baseline: a bare Scrapy spider that only follows in-domain links and parses nothing else.

Same concurrency, scheduler (breadth-first, depth limit), robots.txt, timeout/retry settings and the same
resolver (`crawler.resolver.GuardedResolver` through TWISTED_DNS_RESOLVER with a PANTAU_RESOLVE map) as pantau's
crawl, and the same link extractor arguments; no pipeline, no extraction, no storage, no add-ons. What it costs is
the floor any Scrapy crawler pays on this corpus; pantau's time over it is what pantau adds.

    python -m bench.baseline_spider JOB.json     # JOB: see bench/run.py (targets, resolve, concurrency, …)
"""

from __future__ import annotations

import json
import sys
import time
from urllib.parse import urlsplit

import scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.linkextractors import IGNORED_EXTENSIONS, LinkExtractor

from crawler.scope import parse_target

FOLLOW_EXTENSIONS_DENIED = [e for e in IGNORED_EXTENSIONS if e != "pdf"]


class BaselineSpider(scrapy.Spider):
    name = "baseline"

    def __init__(self, targets: list[str], **kwargs):
        super().__init__(**kwargs)
        self.targets = targets
        self.allowed_domains = sorted({parse_target(t)[0] for t in targets})
        self.links = LinkExtractor(allow_domains=self.allowed_domains, deny_extensions=FOLLOW_EXTENSIONS_DENIED,
                                   tags=("a", "area", "iframe", "embed"), attrs=("href", "src"), unique=True)

    async def start(self):
        for target in self.targets:
            for url in parse_target(target)[1]:
                yield scrapy.Request(url)

    def parse(self, response):
        self.crawler.stats.inc_value("baseline/pages")
        if not hasattr(response, "text"):  # PDF and other binary bodies: fetched, not parsed
            return
        for link in self.links.extract_links(response):
            yield scrapy.Request(link.url)


def settings_for(job: dict) -> dict:
    """The crawl settings pantau's crawl uses (crawler/settings.py), minus everything pantau adds on top."""
    from crawler import settings as pantau

    return {
        "USER_AGENT": pantau.USER_AGENT,
        "ROBOTSTXT_OBEY": pantau.ROBOTSTXT_OBEY,
        "CONCURRENT_REQUESTS": job["concurrency"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": job["per_domain"],
        "DOWNLOAD_DELAY": job.get("delay") or 0,
        "DOWNLOAD_DELAY_JITTER": pantau.DOWNLOAD_DELAY_JITTER if job.get("delay") else 0,
        "AUTOTHROTTLE_ENABLED": False,
        "CLOSESPIDER_TIMEOUT": job.get("time_limit") or 0,
        "DOWNLOAD_TIMEOUT": pantau.DOWNLOAD_TIMEOUT,
        "RETRY_TIMES": pantau.RETRY_TIMES,
        "DEPTH_LIMIT": job.get("depth", pantau.DEPTH_LIMIT),
        "DEPTH_PRIORITY": pantau.DEPTH_PRIORITY,
        "SCHEDULER_DISK_QUEUE": pantau.SCHEDULER_DISK_QUEUE,
        "SCHEDULER_MEMORY_QUEUE": pantau.SCHEDULER_MEMORY_QUEUE,
        "DOWNLOAD_MAXSIZE": pantau.DOWNLOAD_MAXSIZE,
        "TWISTED_DNS_RESOLVER": pantau.TWISTED_DNS_RESOLVER,
        "PANTAU_RESOLVE": job["resolve"],
        "TELNETCONSOLE_ENABLED": False,
        "REMOTE_CONTROL_ENABLED": False,
        "LOG_LEVEL": "INFO",
        "LOG_FILE": job.get("log"),
    }


def jsonable(stats: dict) -> dict:
    return {k: (v if isinstance(v, (int, float, str, bool, type(None))) else str(v)) for k, v in stats.items()}


def main(job_path: str) -> int:
    job = json.loads(open(job_path).read())
    process = CrawlerProcess(settings_for(job), install_root_handler=True)
    crawler = process.create_crawler(BaselineSpider)
    process.crawl(crawler, targets=job["targets"])
    started = time.monotonic()
    process.start()
    stats = jsonable(crawler.stats.get_stats())
    stats["bench/wall_in_process"] = time.monotonic() - started
    stats["bench/pages"] = stats.get("baseline/pages", 0)
    with open(job["stats_out"], "w") as f:
        json.dump(stats, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

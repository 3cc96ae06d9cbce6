"""pantau end to end (crawl + extract + store) for the bench, in its own process.

What `pantau.crawl.run_crawl` does (pantau's own `crawl_settings` and `PemdaSpider`, the `PagePipeline` with
its `StoreSink` into a fresh SQLite file), keeping the crawler so its stats can be written out. The job's resolve map goes through the
settings object rather than the command line, so thousands of hosts fit.

    python -m bench.pantau_runner JOB.json       # JOB: see bench/run.py

Set PANTAU_BENCH_PROFILE=path.prof to run the crawl under cProfile (the crawling process only; extraction
workers are separate processes unless the job sets extract_workers to 0).
"""

from __future__ import annotations

import json
import os
import sys
import time

from scrapy.crawler import CrawlerProcess

from bench.baseline_spider import jsonable
from crawler.spiders.pemda import PemdaSpider
from pantau.crawl import crawl_settings


def main(job_path: str) -> int:
    job = json.loads(open(job_path).read())
    extra = {
        "CONCURRENT_REQUESTS": job["concurrency"],
        "CONCURRENT_REQUESTS_PER_DOMAIN": job["per_domain"],
        "LOG_FILE": job.get("log"),
        "CLOSESPIDER_TIMEOUT": job.get("time_limit") or 0,
    }
    if job.get("delay"):  # polite mode: pantau's jitter, but a fixed delay (no AutoThrottle) like the baseline
        extra["AUTOTHROTTLE_ENABLED"] = False
    if job.get("extract_workers") is not None:
        extra["PANTAU_EXTRACT_WORKERS"] = job["extract_workers"]
    settings = crawl_settings(job["db"], resolve=job["resolve"], delay=job.get("delay") or 0, max_depth=job.get("depth"),
                              progress="off", log_level="INFO", **extra)
    process = CrawlerProcess(settings)
    crawler = process.create_crawler(PemdaSpider)
    process.crawl(crawler, domain=",".join(job["targets"]), max_pages=job["max_pages"])
    started = time.monotonic()
    profile = os.environ.get("PANTAU_BENCH_PROFILE")
    if profile:
        import cProfile

        cProfile.runctx("process.start()", globals(), {"process": process}, profile)
    else:
        process.start()
    stats = jsonable(crawler.stats.get_stats())
    stats["bench/wall_in_process"] = time.monotonic() - started
    stats["bench/pages"] = stats.get("pantau/pages", 0)
    with open(job["stats_out"], "w") as f:
        json.dump(stats, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))

"""pantau's own Scrapy signals (sent with `crawler.signals.send_catch_log`, connected in `from_crawler`)."""

# The pipeline's sink has opened (or reopened) the crawl's runs. Arguments: run_ids ({pemda_id: run_id}),
# history (crawler.history.History: what earlier runs, and this run before an interruption, stored).
runs_opened = object()

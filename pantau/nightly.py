"""The nightly job: every selected pemda of the registry in one Scrapy process, incremental and resumable.

One crawl covers all sites, so total concurrency is high while Scrapy's per-host slots, the delay and
AutoThrottle keep each server's load polite; per-site page and time budgets keep one slow site from holding
up the night. Each pemda gets its own run, all runs of one night share a batch id.
"""

from __future__ import annotations

from datetime import datetime, timezone

from crawler.sites import Site
from pantau.registry import PemdaEntry


ENDED = ("finished", "partial", "unreachable")  # run statuses a resumed night does not crawl again


class NightlyError(RuntimeError):
    """A nightly run that cannot start (nothing selected, nothing to resume)."""


def nested_domains(entry: PemdaEntry, registry: list[PemdaEntry]) -> list[str]:
    """Other entries' domains under this entry's (Jakarta's cities live on *.jakarta.go.id): not its sites."""
    mine = entry.all_domains
    return sorted({d for other in registry if other is not entry for d in other.all_domains
                   if d not in mine and any(d.endswith("." + m) for m in mine)})


def site_for_entry(entry: PemdaEntry, max_pages: int | None = None, registry: list[PemdaEntry] = ()) -> Site:
    domains = [entry.domain, *[d for d in (entry.domains or []) if d != entry.domain]]
    start_urls = list(entry.start_urls or [])
    if not start_urls:
        start_urls = [f"https://{entry.domain}/"]
        start_urls += [f"https://{sub}.{entry.domain}/" for sub in entry.opd_subdomains or []]
    return Site(
        pemda_id=entry.domain, domains=domains, start_urls=start_urls, name=entry.name, level=entry.level,
        province=entry.province, max_pages=entry.max_pages or max_pages, render_js=bool(entry.render_js),
        exclude=nested_domains(entry, list(registry)),
    )


def new_batch_id() -> str:
    return "nightly-" + datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")


def plan(store, entries: list[PemdaEntry], max_pages: int | None, resume: bool,
         registry: list[PemdaEntry] = ()) -> tuple[str, list[Site]]:
    """(batch id, sites to crawl). A resumed night continues its latest batch and skips finished pemda."""
    if not entries:
        raise NightlyError("no pemda selected: check --registry and --province")
    sites = [site_for_entry(e, max_pages, registry or entries) for e in entries]
    if not resume:
        return new_batch_id(), sites
    batch_id = store.latest_batch_id()
    unfinished = store.resumable_runs(batch_id) if batch_id else {}
    if not unfinished:
        raise NightlyError("nothing to resume: the latest nightly run finished (run without --resume)")
    # A run that ended (a site down for the night included) is done; only unfinished ones are crawled again.
    ended = {r["pemda_id"] for r in store.batch_runs(batch_id) if r["status"] in ENDED}
    return batch_id, [s for s in sites if s.pemda_id not in ended]

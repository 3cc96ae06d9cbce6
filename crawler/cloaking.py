"""Cloaking: a hijacked site serves gambling spam only to search engines (a Googlebot user agent, a visitor who
comes from a Google result) and the real page to everyone else, so its owners never see the spam.

The probe: for the first few HTML pages of each host (PANTAU_CLOAK_PROBES_PER_HOST, the home page first), the
spider fetches the page once more as a crawler from Google would ask for it. The probe is an ordinary Scrapy
request: it passes the same downloader middlewares as every fetch (the private-address guard, the --resolve map,
the size caps, robots.txt for that user agent). The pipeline extracts both answers; when the probe's answer is
spam and the visitor's is not, the host gets a `cloaked` site_issues row with both URLs.

PANTAU_CLOAK_PROBE switches it (on by default; `pantau audit --no-cloak-probe`). At most N extra fetches per host:
the probe cannot double a crawl.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from extractors.model import SpamVerdict

# What Googlebot sends (https://developers.google.com/search/docs/crawling-indexing/overview-google-crawlers),
# and a Referer from a Google search result.
GOOGLEBOT_UA = ("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)")
GOOGLE_REFERER = "https://www.google.com/"
PROBE_HEADERS = {"User-Agent": GOOGLEBOT_UA, "Referer": GOOGLE_REFERER}
PROBE_META = "pantau_cloak_probe"  # request meta key: the URL the probe is for
MAX_PENDING = 10_000  # URLs whose other half has not arrived yet (bounded: a probe may never be answered)


class ProbeBudget:
    """Which pages the spider probes: the first `per_host` HTML pages of each host. `urls` are the pages probed:
    the pipeline keeps the visitor's verdict of those (and only those) to compare with the probe's."""

    def __init__(self, enabled: bool, per_host: int):
        self.enabled = enabled and per_host > 0
        self.per_host = per_host
        self.used: dict[str, int] = {}
        self.urls: set[str] = set()

    def claim(self, host: str, url: str) -> bool:
        if not self.enabled or not host:
            return False
        n = self.used.get(host, 0)
        if n >= self.per_host:
            return False
        self.used[host] = n + 1
        self.urls.add(url)
        return True


@dataclass
class ProbeItem:
    """What the spider yields for a probe whose answer differs from the visitor's (identical bytes prove
    nothing and are not yielded): the pipeline extracts it and compares the spam verdicts."""

    url: str  # the page as the visitor fetched it (the key the pipeline pairs on)
    probe_url: str  # where the probe ended (after redirects)
    pemda_id: str
    unit: str
    content_type: str
    body: bytes = field(repr=False)


@dataclass(frozen=True, slots=True)
class Cloaked:
    """A page served as spam to a crawler and clean to a visitor."""

    url: str  # the page as a visitor fetched it
    probe_url: str  # the page as the probe got it (after redirects)
    verdict: SpamVerdict  # what the probe's answer is


class CloakCheck:
    """Pairs the two answers of a probed URL in the pipeline (either may arrive first: extraction runs in a pool).

    `normal(url, verdict)` when the visitor's page is extracted, `probe(url, probe_url, verdict)` when the probe's
    is; each returns a Cloaked once both halves are known and only the probe's is spam."""

    def __init__(self) -> None:
        self._normal: dict[str, SpamVerdict | None] = {}  # probed URLs only (ProbeBudget.urls)
        self._probe: dict[str, tuple[str, SpamVerdict | None]] = {}

    def normal(self, url: str, verdict: SpamVerdict | None) -> Cloaked | None:
        if url in self._probe:
            probe_url, probe = self._probe.pop(url)
            return _compare(url, verdict, probe_url, probe)
        if len(self._normal) < MAX_PENDING:
            self._normal[url] = verdict
        return None

    def probe(self, url: str, probe_url: str, verdict: SpamVerdict | None) -> Cloaked | None:
        if url in self._normal:
            return _compare(url, self._normal.pop(url), probe_url, verdict)
        if len(self._probe) < MAX_PENDING:
            self._probe[url] = (probe_url, verdict)
        return None


def _compare(url: str, normal: SpamVerdict | None, probe_url: str, probe: SpamVerdict | None) -> Cloaked | None:
    if probe is not None and normal is None:
        return Cloaked(url, probe_url, probe)
    return None

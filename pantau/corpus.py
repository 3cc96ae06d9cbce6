"""The real-page corpus: which split a page belongs to, and the layout families it is sliced by.

Pages are split by *host*, never by page, so that a site's template cannot be learned from the tuning part
and then met again in the held-out part. The split is a fixed function of the host name (a hash), so a
collector can place a new page without seeing the other split, and a test can check that no host is on
both sides.

    python -m pantau.corpus where https://disdukcapil.bulelengkab.go.id/layanan/akta   # -> .../holdout
"""

from __future__ import annotations

import hashlib
import sys
from urllib.parse import urlsplit

from pantau.paths import bundled_corpus

TUNING, HOLDOUT = "tuning", "holdout"
# Share of hosts held out. The hash spreads hosts evenly; 0.38 keeps the held-out share of hosts above
# the 30 % the issue asks for with a margin for the hash's unevenness on a few hundred hosts.
HOLDOUT_SHARE = 0.38

# How a page lays its standard out; eval reports recall per family. "none" for pages that publish nothing.
LAYOUTS = ("table", "flattened_table", "headings_lists", "sippn_slots", "post_with_news", "prose", "none")


def host_of(url: str) -> str:
    host = (urlsplit(url).hostname or "").lower().rstrip(".")
    return host[4:] if host.startswith("www.") else host


def split_of(url_or_host: str) -> str:
    """TUNING or HOLDOUT for a page, decided by its host alone."""
    host = host_of(url_or_host) if "/" in url_or_host else url_or_host.lower().removeprefix("www.")
    digest = hashlib.sha256(host.encode("utf-8")).digest()
    return HOLDOUT if int.from_bytes(digest[:4], "big") / 2**32 < HOLDOUT_SHARE else TUNING


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] != "where":
        print("usage: python -m pantau.corpus where URL", file=sys.stderr)
        return 2
    print(bundled_corpus("real") / split_of(argv[1]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))

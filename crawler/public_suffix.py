"""Public suffixes (`go.id`, `desa.id`, `co.id`, `id`, `com`, `blogspot.com`…): names under which anyone may
register a site, so never one pemda's own domain.

Read from the Public Suffix List that tldextract (a Scrapy dependency) bundles. tldextract's default is to
download the list over HTTPS on first use, from this process and outside pantau's address guard: this module
and crawler/__init__.py turn that off.
"""

from __future__ import annotations

from functools import lru_cache

import tldextract


@lru_cache(maxsize=1)
def _extractor() -> tldextract.TLDExtract:
    # No URLs and no cache directory: the bundled snapshot only, nothing fetched or written.
    # Private suffixes (blogspot.com, github.io) count too: they are shared by unrelated owners.
    return tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, include_psl_private_domains=True)


def is_public_suffix(domain: str) -> bool:
    """True when DOMAIN is itself a public suffix (nothing left once the suffix is taken off)."""
    name = domain.strip().lower().rstrip(".")
    return not name or not _extractor()(name).domain

"""The Scrapy project: fetches pemda pages politely and hands them on. It fetches; it does not interpret."""

import os

# Scrapy's cookie middleware builds a tldextract.TLDExtract with the defaults when it is imported, and those
# download the Public Suffix List over HTTPS on first use: traffic outside pantau's address guard (and through
# any proxy variable). An empty list of URLs makes every TLDExtract built later use its bundled copy.
os.environ["TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS"] = ""

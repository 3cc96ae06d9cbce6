"""Addresses read out of untrusted documents. urllib raises ValueError for some of them ("http://[x/", an unclosed
IPv6 bracket; "//a]b/"), and one such link on a page must not cost the page its findings: here a refused address
is no address (no parts, no host, no path, no joined link)."""

from __future__ import annotations

import re
from urllib.parse import SplitResult, urljoin, urlsplit

# a web address written in running text ("https://skck.polri.go.id/", "www.x.com", "silatnaker.demakkab.go.id/daftar"):
# a channel the text gives, whether or not it is a link
IN_TEXT = re.compile(r"(?:https?://|www\.)[^\s,;)\]>\"']+"
                     r"|\b[a-z0-9\-]+(?:\.[a-z0-9\-]+)*\.(?:go\.id|id|com|net|org)(?:/[^\s,;)\]>\"']*)?", re.I)


def split(url: str) -> SplitResult | None:
    """urlsplit's parts; None for an address urllib refuses."""
    try:
        return urlsplit(url)
    except ValueError:
        return None


def parses(url: str) -> bool:
    """urllib can split it (and so can join against it)."""
    return split(url) is not None


def hostname(url: str) -> str:
    """The lower-case host; "" for none, or for an address urllib refuses."""
    parts = split(url)
    return (parts.hostname or "").lower() if parts else ""


def path(url: str) -> str:
    """The path; "" for an address urllib refuses."""
    parts = split(url)
    return parts.path if parts else ""


def join(base: str, href: str) -> str | None:
    """HREF made absolute against BASE, without its #fragment; None when either is refused."""
    try:
        return urljoin(base, href).split("#", 1)[0]
    except ValueError:
        return None

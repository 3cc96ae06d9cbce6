"""Sitemap bodies read within a bound: plain or gzipped XML (`sitemap.xml.gz`), cut at a size.

A gzip bomb (a few hundred KB that inflate to gigabytes) is inflated only up to the bound, never whole.
"""

from __future__ import annotations

import zlib

GZIP_MAGIC = b"\x1f\x8b"


def sitemap_xml(body: bytes, limit: int) -> tuple[bytes, bool]:
    """The sitemap's XML, gunzipped if it is gzip, at most LIMIT bytes; and whether something was cut.

    Raises zlib.error for a body that starts like gzip but is not.
    """
    xml = _gunzip(body, limit + 1) if body[:2] == GZIP_MAGIC else body
    return xml[:limit], len(xml) > limit


def _gunzip(data: bytes, limit: int) -> bytes:
    """Up to LIMIT bytes inflated from DATA, member after member (a gzip file may hold several)."""
    out = bytearray()
    first = True
    while data and len(out) < limit:
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += inflater.decompress(data, limit - len(out))  # never more than the bound
        except zlib.error:
            if first:
                raise
            break  # trailing bytes that are not gzip: keep what came before
        if inflater.unconsumed_tail:
            break  # the bound was reached inside this member
        data, first = inflater.unused_data, False
    return bytes(out)

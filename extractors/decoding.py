"""Bytes to text, trusting a declared charset only as far as the bytes allow, and whitespace clean-up."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([a-zA-Z0-9_\-.]+)""", re.I)
_CT_CHARSET = re.compile(r"charset\s*=\s*[\"']?([a-zA-Z0-9_\-:.]+)", re.I)

# Latin-1 is never what a page means: browsers read it as Windows-1252, and so do we.
_ALIASES = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "us-ascii": "cp1252",
            "ascii": "cp1252", "windows-1252": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def _codec(name: str | bytes | None) -> str | None:
    if not name:
        return None
    if isinstance(name, bytes):
        name = name.decode("ascii", "ignore")
    name = name.strip().lower()
    name = _ALIASES.get(name, name)
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset the server or the document claims: Content-Type, then BOM, XML declaration, <meta>."""
    if content_type:
        m = _CT_CHARSET.search(content_type)
        if m and _codec(m.group(1)):
            return _codec(m.group(1))
    if body.startswith(codecs.BOM_UTF8):
        return "utf-8"
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    head = body[:4096]
    m = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    return _codec(m.group(1)) if m else None


def decode(body: bytes, content_type: str | None = None) -> str:
    """Decode a document's bytes.

    UTF-8 is tried first whenever the bytes are valid UTF-8 (a page declared Latin-1/1252 but written in
    UTF-8 is common, and valid multi-byte UTF-8 is almost never an accident). When UTF-8 fails, a declared
    single-byte charset is used, else Windows-1252 (the usual lie: 1252 bytes declared or served as UTF-8).
    """
    declared = declared_charset(body, content_type)
    if declared == "utf-16":
        return body.decode("utf-16", errors="replace")
    if body.startswith(codecs.BOM_UTF8):
        body = body[3:]
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared not in ("utf-8", "utf_8"):
        try:
            return body.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    return body.decode("cp1252", errors="replace")


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                        "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2022": "•", "\uf0b7": "•",
                        "\uf0a7": "•", "\u25cf": "•"})


def clean(text: str) -> str:
    """One line of text: NBSP and odd spaces to a space, zero-width characters dropped, quotes/dashes plain."""
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.translate(_TRANS).strip()


def clean_lines(text: str) -> str:
    """Like clean() but keeps line breaks (used for table cells whose lines are list items)."""
    lines = (clean(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)

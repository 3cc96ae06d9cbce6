"""Bytes to text, trusting a declared charset only as far as the bytes allow, and whitespace clean-up."""

from __future__ import annotations

import codecs
import re
from functools import lru_cache

from bs4.dammit import EncodingDetector, UnicodeDammit

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
    except (LookupError, ValueError):  # ValueError: a declared name with a NUL byte in it (<meta charset="\0">)
        return None


def declared_charset(body: bytes, content_type: str | None = None) -> str | None:
    """The charset the server or the document claims: Content-Type, then the BOM, then the XML declaration or
    <meta> (read by bs4's EncodingDetector)."""
    if content_type:
        m = _CT_CHARSET.search(content_type)
        if m and _codec(m.group(1)):
            return _codec(m.group(1))
    _, bom = EncodingDetector.strip_byte_order_mark(body[:4])
    if bom:
        return "utf-16" if bom.startswith("utf-16") else _codec(bom)
    return _codec(EncodingDetector.find_declared_encoding(body[:4096], is_html=True))


def decode(body: bytes, content_type: str | None = None) -> str:
    """Decode a document's bytes.

    UTF-8 is tried first whenever the bytes are valid UTF-8 (a page declared Latin-1/1252 but written in
    UTF-8 is common, and valid multi-byte UTF-8 is almost never an accident: bs4's UnicodeDammit would trust
    the declaration and make mojibake of it). Otherwise UnicodeDammit decides, the declared charset first and
    Windows-1252 last (the usual lie: 1252 bytes declared or served as UTF-8).
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
    known = [declared] if declared and declared not in ("utf-8", "utf_8") else []
    dammit = UnicodeDammit(body, known_definite_encodings=known + ["cp1252"], is_html=True)
    if dammit.unicode_markup is not None:
        return dammit.unicode_markup
    return body.decode("cp1252", errors="replace")


_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SEPARATORS = re.compile(r"[\x1c-\x1f]")  # whitespace to str.split(), text to clean()
_ZERO_WIDTH = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_TRANS = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-",
                        "\u2014": "-", "\u2012": "-", "\u2212": "-", "\u2022": "•", "\uf0b7": "•",
                        "\uf0a7": "•", "\u25cf": "•"})


def clean(text: str) -> str:
    """One line of text: NBSP and odd spaces to a space, zero-width characters dropped, quotes/dashes plain."""
    if text.isascii():  # the common case: no zero-width characters, odd spaces or curly quotes to replace
        if _SEPARATORS.search(text) is None:
            return " ".join(text.split())  # the same, faster: split() also cuts at \x1c-\x1f, not spaces here
        return _SPACES.sub(" ", text.replace("\n", " ")).strip()
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.translate(_TRANS).strip()


def clean_lines(text: str) -> str:
    """Like clean() but keeps line breaks (used for table cells whose lines are list items)."""
    if len(text) > _MEMO_CHARS:
        return _clean_lines(text)
    return _clean_lines_memo(text)  # a site's tables repeat their cells on many pages (5,656 cells, 1,494 texts)


_MEMO_CHARS = 300  # memory stays bounded: 4,096 texts of at most this length


@lru_cache(maxsize=4096)
def _clean_lines_memo(text: str) -> str:
    return _clean_lines(text)


def _clean_lines(text: str) -> str:
    """clean_lines, computed."""
    lines = (clean(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)

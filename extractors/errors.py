"""The one exception the extractors raise for a document they cannot read."""

from __future__ import annotations


class ExtractionError(Exception):
    """A document could not be turned into a Page (malformed or encrypted PDF, unsupported type, ...)."""


class UnsupportedFormat(ExtractionError):
    """A document in a format pantau recognises but cannot read (Word/Excel 97-2003, a presentation, an
    encrypted Office file): recorded as `unsupported_format` so an assessor sees the standard exists there."""

    kind = "unsupported_format"

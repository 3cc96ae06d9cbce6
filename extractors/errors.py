"""The one exception the extractors raise for a document they cannot read."""

from __future__ import annotations


class ExtractionError(Exception):
    """A document could not be turned into a Page (malformed or encrypted PDF, unsupported type, ...)."""

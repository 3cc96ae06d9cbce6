"""What a size limit cut from a document, for the assessor to see.

A builder that stops short of the whole document (PDF pages beyond the OCR cap, a picture read scaled down,
markup nested too deep to walk) calls `cut("…")` and goes on with what it has. Whoever builds the page inside
`recording_cuts()` gets the messages (crawler/extraction.py stores each as an error row of the page); outside
it a cut is silent, so the pure extractors stay usable on their own (tests, `pantau extract`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_cuts: ContextVar[list[str] | None] = ContextVar("pantau_extraction_cuts", default=None)


def cut(message: str) -> None:
    recorded = _cuts.get()
    if recorded is not None and message not in recorded:
        recorded.append(message)


@contextmanager
def recording_cuts() -> Iterator[list[str]]:
    recorded: list[str] = []
    token = _cuts.set(recorded)
    try:
        yield recorded
    finally:
        _cuts.reset(token)

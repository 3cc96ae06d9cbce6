"""Extraction gives identical results inline and in the process pool that keeps it off the crawl loop."""

from __future__ import annotations

import asyncio
from pathlib import Path

from crawler.extraction import Extractor
from extractors import ExtractionError

CORPUS = Path(__file__).parent / "fixtures" / "pages"
CONTENT_TYPES = {".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf", ".txt": "text/plain"}


async def _extract_all(extractor: Extractor, files: list[Path]) -> list:
    async def one(path):
        try:
            return await extractor.run(f"https://example.go.id/{path.name}", path.read_bytes(),
                                       CONTENT_TYPES[path.suffix])
        except ExtractionError as exc:
            return f"error: {exc}"
    return await asyncio.gather(*(one(p) for p in files))


def test_pool_and_inline_extraction_agree():
    files = sorted(p for p in CORPUS.iterdir() if p.suffix in CONTENT_TYPES)
    assert len(files) >= 50
    inline, pool = Extractor(0), Extractor(2)
    try:
        a = asyncio.run(_extract_all(inline, files))
        b = asyncio.run(_extract_all(pool, files))
    finally:
        pool.close()
    assert a == b
    assert sum(1 for r in a if not isinstance(r, str) and r.has_findings) > 30

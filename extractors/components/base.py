"""What every component finder shares: the context it runs in and how a Finding is made from a field."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Block, Finding, Page
from ..fields import Field, Section

SNIPPET_CHARS = 300


@dataclass
class Context:
    """The page being read, and a locator per block ("table 1 row 4", "pdf page 2", "block 17")."""

    page: Page
    locators: list[str] = field(default_factory=list)

    @classmethod
    def for_page(cls, page: Page) -> "Context":
        return cls(page=page, locators=locators(page))

    def locate(self, index: int) -> str:
        return self.locators[index] if 0 <= index < len(self.locators) else ""


def locators(page: Page) -> list[str]:
    out = []
    rows: dict[int, int] = {}
    ocr = "ocr " if page.source == "ocr" else ""  # an assessor should see the text was read from an image
    for i, b in enumerate(page.blocks):
        if b.page:
            loc = f"{ocr}pdf page {b.page}"
        elif ocr and not page.url.lower().split("?")[0].endswith(".pdf"):
            loc = "ocr image"
        elif b.kind == "table_row" and b.table >= 0:
            rows[b.table] = rows.get(b.table, 0) + 1
            loc = f"table {b.table + 1} row {rows[b.table]}"
        else:
            loc = f"block {i + 1}"
        out.append(loc)
    return out


def trim(text: str, limit: int = SNIPPET_CHARS) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0]
    return cut + "…"


def field_snippet(f: Field, max_blocks: int = 8) -> str:
    body = " ".join(f.lines(max_blocks))
    if not body and f.images:
        body = "[gambar] " + "; ".join(b.text for b in f.images[:2])
    return trim(f"{f.label}: {body}" if f.label else body)


def make(component: str, section: Section, f: Field, value, ctx: Context, *, snippet: str | None = None,
         confidence: float = 1.0) -> Finding:
    return Finding(
        component=component,
        service=section.name,
        value=value,
        snippet=snippet if snippet is not None else field_snippet(f),
        url=ctx.page.url,
        locator=ctx.locate(f.index),
        confidence=confidence,
        source=ctx.page.source,
    )


def block_finding(component: str, service, value, blocks: list[tuple[int, Block]], ctx: Context,
                  confidence: float = 1.0) -> Finding:
    first = blocks[0][0] if blocks else -1
    return Finding(
        component=component,
        service=service,
        value=value,
        snippet=trim(" ".join(b.text for _, b in blocks)),
        url=ctx.page.url,
        locator=ctx.locate(first),
        confidence=confidence,
        source=ctx.page.source,
    )

"""The data that flows from page to findings. Plain dataclasses: no I/O, JSON-able via `to_dict()`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

CHROME_LOCATOR = "chrome"  # the locator of a finding read from the site's chrome (a menu, footer, sidebar)



@dataclass(frozen=True, slots=True)
class ComponentSpec:
    """One standard component: the one record the component lists, report columns, eval labels and scoring
    keys derive from (components/__init__.py binds each to its finder and value parser).

    per_service: published for a concrete service; per_unit: published once for the whole unit (OPD) also counts
    """

    key: str
    per_service: bool
    per_unit: bool
    label_id: str  # a report's column header, Bahasa Indonesia
    label_en: str


# The components, in the order reports show them (UU 25/2009 Pasal 21's delivery components, then the pledge).
COMPONENT_SPECS: tuple[ComponentSpec, ...] = (
    ComponentSpec("persyaratan", True, False, "Persyaratan", "Requirements"),
    ComponentSpec("prosedur", True, False, "Prosedur", "Procedure"),
    ComponentSpec("waktu", True, False, "Waktu", "Time"),
    ComponentSpec("biaya", True, False, "Biaya", "Fee"),
    ComponentSpec("produk", True, False, "Produk", "Product"),
    ComponentSpec("pengaduan", True, True, "Pengaduan", "Complaints"),
    ComponentSpec("maklumat", False, True, "Maklumat", "Pledge"),
)
COMPONENTS = tuple(s.key for s in COMPONENT_SPECS)
SERVICE_COMPONENTS = tuple(s.key for s in COMPONENT_SPECS if s.per_service)
UNIT_COMPONENTS = tuple(s.key for s in COMPONENT_SPECS if s.per_unit)
SPEC_BY_KEY = {s.key: s for s in COMPONENT_SPECS}
if len(SPEC_BY_KEY) != len(COMPONENT_SPECS):
    raise RuntimeError("duplicate component key in COMPONENT_SPECS")


_set_attribute = object.__setattr__


@dataclass(frozen=True, init=False)
class Block:
    """One structural piece of a page's text, in reading order.

    kind: "heading" | "paragraph" | "list_item" | "table_row" | "term" | "definition"
    level: heading level (1-6); list nesting depth for list items
    cells: the cells of a table row, stripped text; empty for other kinds
    table: index of the table a row belongs to within the page (-1 otherwise)
    header: for table rows, True when the row is a header row (th cells / first row of headings)
    page: for PDF pages, the 1-based page number the block comes from (0 otherwise)
    link: True when the whole text is a hyperlink (a menu-like entry, not content)
    scope: id (1, 2, ...) of the collapsible group (accordion, tab set, <details>) the block sits in, 0 outside
        any: content after a group closes is not part of the group's last item
    """

    kind: str
    text: str
    level: int = 0
    cells: tuple[str, ...] = ()
    table: int = -1
    header: bool = False
    page: int = 0
    link: bool = False
    scope: int = 0

    def __init__(self, kind: str, text: str, level: int = 0, cells: tuple[str, ...] = (), table: int = -1,
                 header: bool = False, page: int = 0, link: bool = False, scope: int = 0) -> None:
        # The generated frozen __init__ sets the 9 fields one object.__setattr__ at a time (~2-3 µs, ~57 blocks a
        # page); one __dict__ gives the same instance in half the time. Same fields, order and defaults
        # (tests/test_extract_speed.py holds it to the generated one).
        _set_attribute(self, "__dict__", {"kind": kind, "text": text, "level": level, "cells": cells, "table": table,
                                          "header": header, "page": page, "link": link, "scope": scope})


@dataclass(frozen=True)
class HiddenText:
    """An element of an HTML page a visitor does not see (extractors/hidden.py): evidence for a hidden link farm.

    how: what hides it ("display:none", "visibility:hidden", "font-size:0", "di luar layar", "CSS .x {…}")
    """

    how: str
    text: str
    links: tuple[str, ...] = ()


@dataclass
class Page:
    """A fetched document reduced to structured text. Built once from HTML, PDF, plain text or OCR."""

    url: str
    title: str
    blocks: list[Block]
    source: str = "html"  # "html" | "pdf" | "text" | "ocr" | "docx" | "xlsx" | "odt"
    links: list[str] = field(default_factory=list)
    # text of the page's chrome (sidebar widgets, footer, floating buttons), one line a block: not content,
    # read only for a unit-level complaints box ("Layanan Pengaduan: SP4N-LAPOR!, WA 08…" in a widget). An HTML
    # page's is a read-only sequence built when first read (html_page._ChromeBlocks); it equals and pickles as a list
    chrome: Sequence[Block] = field(default_factory=list)
    # True when the document's structure is only lines (plain text, or HTML with nothing but <p>/<br>): labels,
    # lists and flattened tables are then read from the lines, the way plain text is read
    plain: bool = False
    # elements hidden from visitors (HTML only), kept apart for the spam verdict (extractors/spam.py)
    hidden: list[HiddenText] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def reading(self) -> str:
        """How segmentation reads the blocks: "html" for structured markup, else the text rules."""
        return "text" if self.plain and self.source == "html" else self.source


@dataclass
class Finding:
    """One component published on a page, with the evidence that shows it.

    service: the service it belongs to, or None for unit-level findings (a maklumat or complaints page)
    value: normalised value (see docs/extraction.md), JSON-able
    snippet: the text that shows it, as published (trimmed)
    locator: where on the page ("table 1 row 4", "block 17", "pdf page 2")
    method: how it was read: "rule" (the component's finder) or "learned" (extractors/blockcat.py's fallback,
      whose confidence is the model's score): an assessor weighs a model's reading differently
    """

    component: str
    service: str | None
    value: Any
    snippet: str
    url: str
    locator: str = ""
    confidence: float = 1.0
    source: str = "html"
    method: Literal["rule", "learned"] = "rule"

    def to_dict(self) -> dict[str, Any]:
        return {name: _plain(getattr(self, name)) for name in _FINDING_FIELDS}


@dataclass
class Service:
    name: str
    findings: list[Finding] = field(default_factory=list)

    @property
    def components(self) -> dict[str, bool]:
        found = {f.component for f in self.findings}
        return {c: c in found for c in SERVICE_COMPONENTS}


SPAM_KINDS = ("spam_page", "spam_links")


@dataclass(frozen=True)
class SpamVerdict:
    """Injected gambling spam found on a page (extractors/spam.py), with its evidence.

    kind: "spam_page" (the whole page is spam: it publishes nothing) or "spam_links" (spam blocks inside a real
        page: they were dropped, the rest still counts)
    cues: the spam words found, most telling first; snippet: a piece of the spam as published
    hidden: how the spam was hidden from visitors ("display:none", ...), "" when visible
    blocks: spam blocks dropped; links: off-site links the spam points to (a few, as evidence)
    """

    kind: str
    cues: tuple[str, ...]
    snippet: str
    hidden: str = ""
    blocks: int = 0
    links: tuple[str, ...] = ()

    def checked(self) -> "SpamVerdict":
        """The verdict as it may be stored, or ValueError: it crosses a process boundary (the extraction pool, a
        worker's message), so its kind is checked and its text bounded before it becomes a site_issues row."""
        if self.kind not in SPAM_KINDS:
            raise ValueError(f"unknown spam verdict kind {self.kind!r}")
        if not isinstance(self.cues, tuple) or not all(isinstance(c, str) for c in self.cues):
            raise ValueError("spam verdict cues must be a tuple of str")
        if not isinstance(self.blocks, int) or self.blocks < 0:
            raise ValueError("spam verdict blocks must be a non-negative int")
        return SpamVerdict(self.kind, tuple(c[:60] for c in self.cues[:12]), str(self.snippet)[:300],
                           str(self.hidden)[:80], self.blocks,
                           tuple(str(u)[:300] for u in self.links[:5] if isinstance(u, str)))


@dataclass
class Extraction:
    """Everything the extractors found on one page."""

    url: str
    title: str
    source: str
    services: list[Service] = field(default_factory=list)
    unit_findings: list[Finding] = field(default_factory=list)  # maklumat, unit-wide pengaduan
    spam: SpamVerdict | None = None  # injected gambling spam found on the page (its blocks publish nothing)

    @property
    def findings(self) -> list[Finding]:
        out = [f for s in self.services for f in s.findings]
        return out + list(self.unit_findings)

    @property
    def components(self) -> dict[str, bool]:
        """What the page's *content* publishes: a channel seen only in the site's chrome is not the page
        publishing pengaduan (see site_channels)."""
        found = {f.component for f in self.findings if f.locator != CHROME_LOCATOR}
        return {c: c in found for c in COMPONENTS}

    @property
    def site_channels(self) -> list[Finding]:
        """Complaint channels in the site's chrome (menu, footer, sidebar): they may count for the unit."""
        return [f for f in self.unit_findings if f.locator == CHROME_LOCATOR]

    def to_dict(self) -> dict[str, Any]:
        return {
            "url": self.url,
            "title": self.title,
            "source": self.source,
            "components": self.components,
            "site_channels": [c for f in self.site_channels for c in f.value.get("channels", [])],
            "services": [
                {"name": s.name, "components": s.components} for s in self.services
            ],
            "findings": [f.to_dict() for f in self.findings],
            "spam": {name: _plain(getattr(self.spam, name)) for name in _SPAM_FIELDS} if self.spam else None,
        }


@dataclass
class _Box:
    value: Any


_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(value: Any) -> Any:
    """What `dataclasses.asdict` makes of a field's value, without its deep-copy machinery on the common JSON
    shapes (to_dict was ~6 % of extraction): exact lists, tuples and dicts are rebuilt, immutable atoms shared
    (asdict's deepcopy returns them as they are); anything else goes through asdict itself."""
    kind = type(value)
    if kind in _ATOMS:
        return value
    if kind is list:
        return [_plain(v) for v in value]
    if kind is dict:
        return {_plain(k): _plain(v) for k, v in value.items()}
    if kind is tuple:
        return tuple(_plain(v) for v in value)
    return asdict(_Box(value))["value"]


_FINDING_FIELDS = tuple(f.name for f in fields(Finding))
_SPAM_FIELDS = tuple(f.name for f in fields(SpamVerdict))

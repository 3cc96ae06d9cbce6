"""Segmentation: a Page's blocks -> the service sections it publishes, each a list of labelled fields.

A *field* is a component label with the content that follows it: a table row "Persyaratan | 1. KTP …",
a heading "Persyaratan" and the list under it, a term/definition pair, a line "Biaya: Gratis". A *section*
is one service: the fields between one service name and the next. Service names come from the nearest
heading / accordion or tab title / caption / "Jenis Pelayanan: …" row above the fields, or the page title.

Two shapes are read differently:
- a wide table whose header row names components (Jenis Layanan | Persyaratan | Waktu | Biaya …):
  one section per data row, the name from the name column;
- everything else is read linearly, block by block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .decoding import clean
from .model import COMPONENTS, Block, Page
from .vocab import OTHER, SERVICE_NAME, Label, classify_label, normalise, strip_numbering, vocabulary

LABEL_MAX_WORDS = 9  # a label (cell, heading, text before a colon) is short
_ITEM_NUMBER = re.compile(r"(?:(?<=\s)|^)(?:\d{1,2}|[a-z])[.)]\s+(?=\S)")
_ONLY_MARKER = re.compile(r"^\s*(?:\d{1,3}|[a-zA-Z]|[ivxlIVXL]{1,5})\s*[.)]?\s*$")
_DASH_ONLY = re.compile(r"^[\s\-–—:.,;/]*$")


@dataclass
class Field:
    cls: str  # component key, or OTHER
    label: str  # the label as published
    inline: str  # content given with the label (the rest of the row / text after the colon)
    index: int  # block index of the label
    kind: str  # "row" | "wide" | "heading" | "inline" | "term" | "line"
    level: int = 0  # heading level, for headings
    table: int = -1
    blocks: list[tuple[int, Block]] = field(default_factory=list)  # content blocks after the label

    def lines(self, max_blocks: int = 60) -> list[str]:
        """Content lines: the inline content's lines, then the text of each content block."""
        out = [ln.strip() for ln in self.inline.split("\n") if ln.strip()]
        for _, b in self.blocks[:max_blocks]:
            if b.kind == "table_row":
                out.append(" ".join(c for c in _dedupe(b.cells) if c and not _ONLY_MARKER.match(c)))
            elif b.kind != "image":
                out.append(b.text)
        return [ln for ln in out if ln and not _DASH_ONLY.match(ln)]

    def items(self, max_items: int = 60) -> list[str]:
        """Content as a list of items: numbered/bulleted parts split apart, markers removed."""
        out: list[str] = []
        for line in self.lines():
            for part in split_items(line):
                if part and not _DASH_ONLY.match(part):
                    out.append(part)
        return out[:max_items]

    def text(self, max_blocks: int = 60) -> str:
        return " ".join(self.lines(max_blocks))

    @property
    def images(self) -> list[Block]:
        return [b for _, b in self.blocks if b.kind == "image"]

    @property
    def has_content(self) -> bool:
        return bool(self.lines()) or bool(self.images)


@dataclass
class Section:
    name: str | None  # None: unit-level (not one service)
    fields: list[Field] = field(default_factory=list)
    index: int = 0

    def of(self, cls: str) -> list[Field]:
        return [f for f in self.fields if f.cls == cls]


@dataclass
class Segmentation:
    services: list[Section]
    unit: Section  # fields that belong to no service (a page-wide "Pengaduan" section, the maklumat)
    labels: list[tuple | None]  # per block: the label found on it (see label_of), for unit-level scans
    owned: set[int] = field(default_factory=set)  # blocks inside a service's fields (labels and content)


def split_items(line: str) -> list[str]:
    """ "1. KTP 2. KK 3. Pas foto" -> ["KTP", "KK", "Pas foto"]; bullets and markers stripped."""
    line = line.strip()
    parts = [line]
    if len(_ITEM_NUMBER.findall(line)) >= 2:
        parts = [p for p in _ITEM_NUMBER.split(line) if p.strip()]
    elif line.count(";") >= 2:
        parts = [p for p in line.split(";") if p.strip()]
    out = []
    for p in parts:
        p = strip_numbering(p).strip(" ;,")
        if p:
            out.append(p)
    return out


def _dedupe(cells):
    out = []
    for c in cells:
        if not out or c != out[-1]:
            out.append(c)
    return out


# ---------------------------------------------------------------------------------------------------
# labels


def _def_cues():
    v = vocabulary()
    return frozenset(normalise(x) for x in v.get("definition_cues") or [])


@lru_cache(maxsize=1)
def _filler() -> frozenset[str]:
    return frozenset(normalise(x) for x in vocabulary().get("label_filler") or [])


def _is_definition(content: str) -> bool:
    norm = normalise(content)
    if not norm:
        return False
    first = norm.split(" ", 1)[0]
    cues = _def_cues()
    return first in cues or " ".join(norm.split(" ", 2)[:2]) in cues


def _after_phrase(text: str, n_words: int) -> str:
    """The original text after the first n normalised words (numbering removed)."""
    text = strip_numbering(text)
    pos = 0
    for _ in range(n_words):
        m = re.compile(r"[^0-9A-Za-z]*[0-9A-Za-z]+").match(text, pos)
        if not m:
            return ""
        pos = m.end()
    return text[pos:].strip(" :.-–|\t")


def _clean_label(text: str) -> str:
    return clean(text).rstrip(" :")


@dataclass(frozen=True)
class LabelHit:
    label: Label
    text: str  # the label as published
    inline: str  # content on the same block
    name_hint: str | None  # "Persyaratan Pembuatan KTP" -> "Pembuatan KTP"
    kind: str


def _name_hint(label: Label, text: str) -> str | None:
    if label.cls not in ("persyaratan", "prosedur") or not label.rest:
        return None
    words = label.rest.split()
    if all(w in _filler() for w in words) or len(words) > 8:
        return None
    if words[0] in _filler() and words[0] not in ("pembuatan", "penerbitan", "pengurusan"):
        # "Persyaratan untuk Pembuatan KTP" -> drop the leading filler
        while words and words[0] in _filler():
            words = words[1:]
        if not words:
            return None
    hint = _after_phrase(text, label.phrase_words)
    if hint[:1] in "/|(" or classify_label(hint.strip(" /|()")) is not None:
        # "Requirements / Persyaratan", "Prosedur (Procedure)": the label again in another language
        return None
    hwords = hint.split()
    while hwords and normalise(hwords[0]) in _filler() and normalise(hwords[0]) not in ("pembuatan", "penerbitan", "pengurusan"):
        hwords = hwords[1:]
    return " ".join(hwords).strip(" :") or None


def label_of(block: Block, source: str = "html") -> LabelHit | None:
    """The component label a block starts with, if it is one."""
    kind = block.kind
    if kind == "image" or block.link:
        return None
    if kind == "table_row":
        cells = [c for c in block.cells]
        i = 0
        while i < len(cells) and (not cells[i] or _ONLY_MARKER.match(cells[i])):
            i += 1
        if i >= len(cells):
            return None
        head = cells[i]
        if len(head.split()) > LABEL_MAX_WORDS:
            # "Persyaratan: 1. KTP …" in one cell
            return _colon_label(block, head, "\n".join(cells[i + 1:]), "row")
        if ":" in head and head.split(":", 1)[1].strip() and not re.search(r"\d:\d", head):
            # "Pengaduan: SP4N-LAPOR! | WA 0812…": the value starts in the label's cell
            hit = _colon_label(block, head, "\n".join(cells[i + 1:]), "row")
            if hit is not None:
                return hit
        lab = classify_label(head)
        if lab is None or lab.words - lab.phrase_words > 4:
            return _colon_label(block, head, "\n".join(cells[i + 1:]), "row")
        rest = [c for c in cells[i + 1:] if c and c != head and c.strip() != ":"]
        inline = "\n".join(_dedupe(rest)).strip()
        inline = re.sub(r"^\s*:\s*", "", inline)
        if inline and _is_definition(inline):
            return LabelHit(Label(OTHER, 0, 0, ""), head, "", None, "row")
        return LabelHit(lab, _clean_label(head), inline, _name_hint(lab, head), "row")
    text = block.text
    if _ADDRESS_ONLY.match(text):
        return None  # "pengaduan.dinas@x.go.id", "layanan.x.go.id": an address, not a label
    if source != "html" and kind == "paragraph":
        row = _row_label(text)
        if row is not None:
            return row
    words = text.split()
    if kind in ("heading", "term") and text.rstrip().endswith("?"):
        return _question_label(text)
    if kind in ("heading", "term") or len(words) <= 6:
        plain = text.rstrip(" :")
        if ":" not in plain and len(words) <= LABEL_MAX_WORDS and not _wrapped_tail(plain):
            lab = classify_label(plain)
            if lab is not None:
                k = "heading" if kind == "heading" else ("term" if kind == "term" else "line")
                rest = _after_phrase(plain, lab.phrase_words) if lab.rest else ""
                if k == "line" and rest and _states_value(lab, rest):
                    # "3. Waktu 15 menit", "4. Biaya Gratis": label and value on one short line
                    return LabelHit(lab, _clean_label(_head_before(plain, rest)), rest, None, "line")
                return LabelHit(lab, _clean_label(plain), "", _name_hint(lab, plain), k)
    hit = _colon_label(block, text, None, "inline")
    if hit is not None:
        return hit
    # "Waktu penyelesaian 3 hari kerja" (no colon): a label phrase at the start of a short line
    if kind in ("paragraph", "list_item", "heading") and (source != "html" or len(words) <= 14):
        lab = classify_label(" ".join(words[:LABEL_MAX_WORDS + 2]))
        if lab is not None and lab.cls in COMPONENTS and lab.phrase_words >= 1:
            rest = _after_phrase(text, lab.phrase_words)
            if rest and re.search(r"[0-9A-Za-z]", rest) and not _is_definition(rest):
                if lab.cls in ("waktu", "biaya") or (source != "html" and lab.phrase_words >= 2):
                    return LabelHit(lab, _clean_label(_head_before(text, rest)), rest, None, "line")
    return None


_ADDRESS_ONLY = re.compile(r"^\s*(?:https?://)?[\w.\-+%]+(?:@[\w\-.]+)?\.[A-Za-z]{2,}(?:/\S*)?\s*$")
@lru_cache(maxsize=1)
def _faq():
    from .vocab import phrase_regex

    faq = vocabulary().get("faq") or {}
    return ({cls: phrase_regex(v) for cls, v in (faq.get("questions") or {}).items()},
            frozenset(normalise(x) for x in faq.get("strip") or []))


def _question_label(text: str) -> LabelHit | None:
    """A FAQ question heading: the component its answer states, and the service it asks about
    ("Apa syarat membuat KIA?" -> persyaratan, "KIA")."""
    cues, strip = _faq()
    norm = normalise(strip_numbering(text))
    if len(norm.split()) > 20:
        return None
    hits = [(m.start(), cls) for cls, rx in cues.items() for m in [rx.search(norm)] if m]
    if not hits:
        return None
    cls = min(hits)[1]
    # the longest run of words that are not question/cue words, in the published spelling
    runs, run = [], []
    for word in strip_numbering(text).rstrip(" ?").split():
        if normalise(word) in strip or not normalise(word):
            if run:
                runs.append(run)
            run = []
        else:
            run.append(word.strip(",.;:()\"'"))
    if run:
        runs.append(run)
    name = " ".join(max(runs, key=len)) if runs else None
    if name and len(name.split()) == 1 and not re.search(r"[A-Z]", name):
        name = None  # "menunggu": a left-over verb, not a service
    return LabelHit(Label(cls, 0, len(norm.split()), ""), clean(text), "", name, "question")


_ROW_NO = re.compile(r"^\s*(\d{1,2})\s+(?=[A-Za-z])")
_ROW_NO_ANY = re.compile(r"^\s*(\d{1,2})[.)]?\s+(?=[A-Za-z])")
# "No | Komponen | Uraian": the header of the PermenPANRB komponen table, as one line of PDF text
_KOMPONEN_HEADER = re.compile(r"^(?:no|nomor)\s+(?:komponen|unsur|jenis komponen)\b")


def _states_value(lab: Label, rest: str) -> bool:
    """The words after a label on a short line are its content, not part of the label or a service name."""
    if lab.cls not in COMPONENTS or _is_definition(rest):
        return False
    if all(w in _filler() for w in normalise(rest).split()):
        return False
    if lab.cls in ("waktu", "biaya", "produk", "pengaduan"):
        return True
    return bool(re.search(r"[;,\d]", rest))


def _head_before(text: str, rest: str) -> str:
    """The label part of `text` given the content `rest` that follows it."""
    if not rest:
        return text
    at = text.find(rest)
    return strip_numbering(text[:at] if at > 0 else text).strip(" :.-–|\t")


def _wrapped_tail(text: str) -> bool:
    """ "retribusi;" / "biaya," alone on a line: the end of a wrapped list item, not a label."""
    return text.rstrip().endswith((";", ","))


def _row_label(text: str, pattern: re.Pattern = _ROW_NO) -> LabelHit | None:
    """ "2 Persyaratan", "4 Jangka Waktu Penyelesaian 5 (lima) hari kerja.", "8 Sarana dan Prasarana Ruang
    tunggu…": a komponen table flattened by PDF text extraction, one row per line with its row number.
    The number says this is a row, so any label counts (a manufacturing component ends the field above)."""
    m = pattern.match(text)
    if not m:
        return None
    rest_text = text[m.end():]
    words = rest_text.split()
    lab = classify_label(" ".join(words[: LABEL_MAX_WORDS + 2]))
    if lab is None or lab.cls == SERVICE_NAME:
        return None
    colon = _colon_label(Block("paragraph", rest_text), rest_text, None, "row")
    if colon is not None and colon.label.cls == lab.cls:
        return colon
    inline = _after_phrase(rest_text, lab.phrase_words)
    head = _head_before(rest_text, inline)
    if inline and _is_definition(inline):
        return None
    return LabelHit(lab, _clean_label(head), inline, None, "line")


_DASH_SEP = re.compile(r"\s[-–—]\s|\s*[–—]\s")


def _colon_label(block: Block, text: str, extra: str | None, kind: str) -> LabelHit | None:
    idx = text.find(":")
    width = 1
    dash = _DASH_SEP.search(text, 0, 90)
    if dash and dash.start() > 0 and (idx <= 0 or dash.start() < idx):
        # "Biaya - gratis", "Tata Cara – pemohon datang …": a dash between label and value, as a colon
        idx, width = dash.start(), dash.end() - dash.start()
    if idx <= 0 or idx > 90:
        return None
    head, rest = text[:idx], text[idx + width:]
    if len(head.split()) > LABEL_MAX_WORDS or re.search(r"\d[:.]\d", text[max(0, idx - 2): idx + 3]):
        return None
    lab = classify_label(head)
    if lab is None or lab.words - lab.phrase_words > 4:
        return None
    inline = rest.strip()
    if extra:
        inline = (inline + "\n" + extra).strip()
    if inline and _is_definition(inline):
        return LabelHit(Label(OTHER, 0, 0, ""), _clean_label(head), "", None, kind)
    hint = _name_hint(lab, head)
    return LabelHit(lab, _clean_label(head), inline, hint, kind if kind != "inline" else "inline")


# ---------------------------------------------------------------------------------------------------
# service names


@lru_cache(maxsize=1)
def _name_prefix_re() -> re.Pattern:
    prefixes = sorted((normalise(p) for p in vocabulary().get("service_name_prefixes") or []), key=len, reverse=True)
    alts = "|".join(r"\W+".join(re.escape(w) for w in p.split()) for p in prefixes if p)
    return re.compile(rf"^\W*(?:{alts})\b[\s:.\-–]*", re.I)


@lru_cache(maxsize=1)
def _non_service() -> frozenset[str]:
    return frozenset(normalise(x) for x in vocabulary().get("non_service_headings") or [])


@lru_cache(maxsize=1)
def _institution_re() -> re.Pattern:
    from .vocab import phrase_regex

    return phrase_regex(vocabulary().get("institution_heading_prefixes") or [], prefix="^")


def _institution(text: str) -> bool:
    """A heading that names the issuing body or the document, not a service."""
    return bool(_institution_re().search(normalise(strip_numbering(text))))


def clean_service_name(text: str) -> str | None:
    """A heading/caption/cell -> a service name, or None when it names no service."""
    text = clean(strip_numbering(clean(text))).strip(" :.-–|")
    if not text or len(text) > 160:
        return None
    stripped = _name_prefix_re().sub("", text).strip(" :.-–|")
    if stripped:
        text = stripped
    elif normalise(text) in ("standar pelayanan", "standar pelayanan publik", "standar layanan", "sop"):
        return None
    norm = normalise(text)
    if not norm or norm in _non_service() or len(norm.split()) > 20 or _institution(text):
        return None
    if not re.search(r"[A-Za-z]{2}", text):
        return None  # "81,32", "2024": a number (an index widget, a year), not a service
    return text


def title_name(page: Page) -> str | None:
    """A service name from the page itself: the first h1/h2, else the <title> without the site's name."""
    for b in page.blocks[:40]:
        if b.kind == "heading" and b.level <= 2:
            name = clean_service_name(b.text)
            if name and not classify_label(name):
                return name
    title = page.title or ""
    parts = [p for p in re.split(r"\s+[|\-–—»]\s+", title) if p.strip()]
    for p in parts:
        name = clean_service_name(p)
        if name and not classify_label(name):
            return name
    return None


# ---------------------------------------------------------------------------------------------------
# wide tables (one row per service)


def _wide_tables(blocks: list[Block]) -> dict[int, tuple[int, int, dict[int, str]]]:
    """table index -> (header row block index, name column, {column: component}) for wide tables."""
    rows_by_table: dict[int, list[int]] = {}
    for i, b in enumerate(blocks):
        if b.kind == "table_row" and b.table >= 0:
            rows_by_table.setdefault(b.table, []).append(i)
    out = {}
    for table, idxs in rows_by_table.items():
        if len(idxs) < 2:
            continue
        for hi in idxs[:3]:
            cells = blocks[hi].cells
            if len(cells) < 2:
                continue
            cols: dict[int, str] = {}
            name_col = None
            for c, cell in enumerate(cells):
                if not cell or len(cell.split()) > LABEL_MAX_WORDS:
                    continue
                lab = classify_label(cell)
                if lab is None or lab.words - lab.phrase_words > 3:
                    continue
                if lab.cls == SERVICE_NAME and name_col is None:
                    name_col = c
                elif lab.cls in COMPONENTS and lab.cls not in cols.values():
                    cols[c] = lab.cls
            price_list = set(cols.values()) == {"biaya"} and _price_rows(blocks, idxs, hi, next(iter(cols)))
            if len(cells) >= 3 and len(cols) >= 2 and len(set(cols.values()) & {"persyaratan", "prosedur", "waktu", "biaya", "produk"}) >= 2 \
                    or price_list:
                if name_col is None:
                    for c, cell in enumerate(cells):
                        if c in cols or not cell:
                            continue
                        if normalise(cell) in ("no", "nomor", "no urut", "nomor urut", "kode"):
                            continue
                        name_col = c
                        break
                if name_col is not None:
                    out[table] = (hi, name_col, cols)
                break
    return out


_BARE_AMOUNT = re.compile(r"^\s*\d{1,3}(?:[.,]\d{3})+(?:,-|,00|\.-)?\s*$|^\s*\d{4,9}\s*$")
_RP_HEADER = re.compile(r"\b(?:rp|rupiah|idr)\b", re.I)


def money_cell(header: str, cell: str) -> str:
    """ "Tarif (Rp)" over "150.000": the header gives the currency of a bare number."""
    if _RP_HEADER.search(header) and _BARE_AMOUNT.match(cell):
        return f"Rp {cell.strip()}"
    return cell


def _price_rows(blocks: list[Block], idxs: list[int], hi: int, col: int) -> bool:
    """A price list (Jenis Layanan | Tarif): most rows under the header state a fee of their own."""
    from .components import biaya as biaya_mod

    rows = [blocks[i].cells for i in idxs if i > hi]
    head = blocks[hi].cells[col]
    fees = sum(1 for cells in rows if col < len(cells) and len(cells[col]) < 120
               and biaya_mod.parse(money_cell(head, cells[col])))
    return len(rows) >= 2 and fees >= max(2, 0.6 * len(rows))


def _wide_sections(blocks, table, spec) -> list[Section]:
    hi, name_col, cols = spec
    header_cells = blocks[hi].cells
    sections = []
    for i, b in enumerate(blocks):
        if b.kind != "table_row" or b.table != table or i <= hi:
            continue
        cells = b.cells
        if name_col >= len(cells):
            continue
        distinct = {c for c in cells if c}
        if len(distinct) <= 1 and len(cells) > 2:  # a group row spanning all columns
            continue
        if tuple(cells[: len(header_cells)]) == tuple(header_cells):
            continue
        name = clean_service_name(cells[name_col].split("\n")[0] if len(cells[name_col]) > 160 else cells[name_col])
        if not name:
            continue
        sec = Section(name=name, index=i)
        for c, cls in cols.items():
            if c < len(cells) and cells[c]:
                inline = money_cell(header_cells[c], cells[c]) if cls == "biaya" else cells[c]
                sec.fields.append(Field(cls=cls, label=header_cells[c], inline=inline, index=i, kind="wide",
                                        table=table))
        if sec.fields:
            sections.append(sec)
    return sections


# ---------------------------------------------------------------------------------------------------
# the linear walk


def segment(page: Page) -> Segmentation:
    blocks = page.blocks
    wide = _wide_tables(blocks)
    labels: list[LabelHit | None] = [
        None if (b.kind == "table_row" and b.table in wide) else label_of(b, page.source) for b in blocks
    ]
    if page.source != "html":
        _komponen_rows(blocks, labels)
        _drop_wrapped_labels(blocks, labels)
    services: list[Section] = []
    unit = Section(name=None)
    fallback = title_name(page)

    candidate: str | None = None
    candidate_version = 0
    current: Section | None = None
    current_version = -1
    current_open = False  # no non-label heading since the current section's last field
    fld: Field | None = None
    emitted_wide: set[int] = set()
    candidate_scope = 0  # the collapsible group the candidate name was read in
    section_scope = 0

    def close():
        nonlocal fld
        fld = None

    n = len(blocks)
    for i, b in enumerate(blocks):
        if b.kind == "table_row" and b.table in wide:
            if b.table not in emitted_wide:
                emitted_wide.add(b.table)
                if fld is not None and fld.kind == "heading" and fld.cls in wide[b.table][2].values() \
                        and current is not None and current.fields and current.fields[-1] is fld:
                    # "Tarif Layanan" over a price list: the heading titles the table, it is not a field
                    current.fields.pop()
                    if not current.fields:
                        services.remove(current)
                        current, current_version = None, -1
                services.extend(_wide_sections(blocks, b.table, wide[b.table]))
            close()
            current_open = False
            continue
        if section_scope and b.scope != section_scope and current is not None:
            # a collapsible group closed: what follows is not part of its last item
            if fld is not None and blocks[fld.index].scope == section_scope:
                close()
            if current_open or candidate_scope == section_scope:
                current_open = False
                candidate, candidate_version, candidate_scope = None, candidate_version + 1, b.scope
            section_scope = 0
        hit = labels[i]
        if hit is not None and fld is not None and _restates(fld, hit):
            fld.blocks.append((i, b))
            continue
        if hit is not None:
            cls = hit.label.cls
            if cls == SERVICE_NAME:
                close()
                name = clean_service_name(hit.inline.split("\n")[0]) if hit.inline else None
                if not hit.inline and hit.label.rest and hit.kind in ("heading", "line", "term"):
                    # "I. PELAYANAN REKOMENDASI KIS PBI", "1. Pelayanan Pemeriksaan Umum": the line is the name
                    name = clean_service_name(hit.text)
                    if hit.label.rest.split()[0] in ("dan", "serta", "atau"):
                        # "Jenis Pelayanan dan Tarif 2024": a title over a list, not one service (and it ends
                        # whatever the heading above named)
                        name = None
                        candidate, candidate_version, candidate_scope = None, candidate_version + 1, b.scope
                    current_open = False
                if name:
                    candidate, candidate_version, candidate_scope = name, candidate_version + 1, b.scope
                continue
            if cls == OTHER:
                fld = Field(cls=OTHER, label=hit.text, inline=hit.inline, index=i, kind=hit.kind, level=b.level,
                            table=b.table)
                continue
            if hit.name_hint:
                hint = clean_service_name(hit.name_hint)
                if hint and candidate and (normalise(hint) == normalise(candidate) or _similar(hint, candidate)):
                    hint = None
                if hint and hint != candidate and not (candidate and _names_part(hint, candidate)):
                    candidate, candidate_version, candidate_scope = hint, candidate_version + 1, b.scope
            fld = Field(cls=cls, label=hit.text, inline=hit.inline, index=i, kind=hit.kind, level=b.level,
                        table=b.table)
            if cls == "maklumat":
                unit.fields.append(fld)
                continue
            if cls == "pengaduan" and not (current is not None and current_open and current_version == candidate_version):
                unit.fields.append(fld)
                continue
            if current is None or current_version != candidate_version:
                current = Section(name=candidate or fallback, index=i)
                current_version = candidate_version
                section_scope = candidate_scope if candidate else b.scope
                services.append(current)
            current.fields.append(fld)
            current_open = True
            continue
        # not a label
        if b.kind == "heading" or (b.kind == "term"):
            if fld is not None and (_inside_field(fld, b) or _heading_is_value(fld, b, page.source)):
                fld.blocks.append((i, b))
                continue
            close()
            current_open = False
            if b.text.rstrip().endswith("?"):
                continue  # a question ("Bisakah diterbitkan lagi?") names no service and keeps the one above
            if _institution(b.text):
                continue  # "DINAS SOSIAL KABUPATEN …", "TENTANG STANDAR PELAYANAN …": the document's heading
            name = clean_service_name(b.text)
            if name is not None or b.level <= 3 or b.kind == "term":
                candidate, candidate_version, candidate_scope = name, candidate_version + 1, b.scope
            continue
        if fld is not None:
            if fld.kind in ("row", "wide"):
                if b.kind == "table_row" and b.table == fld.table and _continuation(b):
                    fld.blocks.append((i, b))
                    continue
                if b.kind == "table_row" and b.table == fld.table:
                    # an unlabelled row in a komponen table: ends the field, does not end the table
                    fld = Field(cls=OTHER, label="", inline="", index=i, kind="row", table=b.table)
                    continue
                close()
            elif fld.cls not in ("pengaduan", OTHER) and _complaints_line(b):
                close()  # "Punya keluhan? … WhatsApp 0811…" after the last field: the unit's complaints box
            else:
                if len(fld.blocks) < 80:
                    fld.blocks.append((i, b))
                continue
        if (b.kind == "paragraph" and i > 0 and blocks[i - 1].kind == "heading" and blocks[i - 1].level == 6
                and candidate and page.source == "html" and len(b.text) <= 1200):
            # a run-in title over a prose paragraph ("Surat Keterangan Usaha. Warga cukup membawa …"): the
            # paragraph is the service's standard when its sentences publish two or more components
            prose = _prose_fields(b.text, i, page.source)
            if len(prose) >= 2:
                current = Section(name=candidate, index=i, fields=prose)
                current_version = candidate_version
                services.append(current)
                current_open = False
                continue
        # content outside any field: a short line right before a label may name the next service
        if b.kind in ("paragraph", "list_item", "table_row") and i + 1 < n and labels[i + 1] is not None:
            nxt = labels[i + 1]
            if nxt.label.cls in ("persyaratan", "prosedur", "waktu", "biaya", "produk") and nxt.kind != "row" or (
                b.kind == "table_row" and nxt.kind == "row" and _is_title_row(b)
            ):
                name = clean_service_name(b.text) if len(b.text.split()) <= 14 and not b.text.endswith(".") else None
                if name and b.text.strip().startswith("(") and b.text.strip().endswith(")"):
                    name = None  # "(untuk pernikahan yang …)": a note in brackets under the name, not a name
                if name and _KOMPONEN_HEADER.match(normalise(name)):
                    name = None
                if name and classify_label(name) is None:
                    candidate, candidate_version, candidate_scope = name, candidate_version + 1, b.scope
    for sec in services:
        _sentence_fields(sec, page.source)
    owned: set[int] = set()
    for sec in services:
        for f in sec.fields:
            owned.add(f.index)
            owned.update(i for i, _ in f.blocks)
    for i, b in enumerate(blocks):
        if b.kind == "table_row" and b.table in wide:
            owned.add(i)
    return Segmentation(services=services, unit=unit, labels=labels, owned=owned)


_OPEN_END = re.compile(r"(?:[0-9A-Za-z)]|(?:^|\s)[a-z][.)])$")


def _komponen_rows(blocks: list[Block], labels: list) -> None:
    """Under a "No Komponen Uraian" line (a komponen table flattened to text), every numbered line that
    starts with a label is one row: "1. Persyaratan KTP; KK" is persyaratan with content "KTP; KK"."""
    rows = False
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            rows = False
            continue
        if b.kind == "paragraph" and _KOMPONEN_HEADER.match(normalise(b.text)):
            rows = True
            continue
        if rows and b.kind in ("list_item", "paragraph"):
            hit = _row_label(b.text, _ROW_NO_ANY)
            if hit is not None:
                labels[i] = hit


def _drop_wrapped_labels(blocks: list[Block], labels: list) -> None:
    """In text from PDFs a list item wraps onto the next line ("4. Penerbitan SKRD dan pembayaran" /
    "retribusi Rp …"): a line that continues an unfinished line is not a label, unless a row number or a
    colon marks it as one."""
    for i in range(1, len(blocks)):
        hit = labels[i]
        b, prev = blocks[i], blocks[i - 1]
        if hit is None or hit.kind != "line" or b.kind != "paragraph" or _ROW_NO.match(b.text):
            continue
        if prev.kind in ("list_item", "paragraph") and prev.page == b.page and labels[i - 1] is None \
                and _OPEN_END.search(prev.text.rstrip()):
            labels[i] = None


def _similar(hint: str, name: str) -> bool:
    """Most words of the hint are in the name: "legalisir ijazah SD/SMP" under "Legalisir Ijazah/STTB SD dan SMP"."""
    noise = _filler() | frozenset(normalise(x) for x in vocabulary().get("service_name_noise") or [])
    h = set(normalise(hint).split()) - noise
    n = set(normalise(name).split()) - noise
    return bool(h) and len(h & n) >= max(1, 0.5 * len(h))


def _names_part(hint: str, name: str) -> bool:
    """ "SKTM" is part of "Surat Keterangan Tidak Mampu (SKTM)": the hint adds nothing to the name."""
    h, n = normalise(hint), normalise(name)
    return bool(h) and f" {h} " in f" {n} "


def _restates(fld: Field, hit: LabelHit) -> bool:
    """ "Biaya/Tarif" then "Retribusi PBG sesuai Perda …": a line that opens with a word of the same component
    right under an empty label is that label's content, not a new field."""
    return (hit.kind == "line" and hit.label.cls == fld.cls and fld.kind not in ("row", "wide")
            and not fld.inline and not fld.blocks)


def _inside_field(fld: Field, b: Block) -> bool:
    """A heading that belongs to the field's content ("Untuk WNI:" under "Persyaratan")."""
    if fld.cls == OTHER:
        return False
    if b.kind == "heading" and b.text.rstrip().endswith(":") and fld.kind in ("heading", "line", "term", "inline"):
        return True
    if fld.kind == "heading" and b.kind == "heading" and b.level > fld.level:
        return True
    if fld.kind == "term" and b.kind == "term":
        return False
    return False


def _complaints_line(b: Block) -> bool:
    """A paragraph about complaints that gives a channel's address or number."""
    if b.kind not in ("paragraph", "list_item") or len(b.text) > 400:
        return False
    from .components import pengaduan as pengaduan_mod

    return pengaduan_mod.is_about_complaints(b.text) and any(
        pengaduan_mod._concrete(c) for c in pengaduan_mod.parse_channels(b.text))


def _heading_is_value(fld: Field, b: Block, source: str) -> bool:
    """ "BIAYA" then "GRATIS": under an empty label, a heading-looking line that states the label's value is its
    content (OCR and PDF text make every short ALL-CAPS line a heading)."""
    if fld.inline or fld.blocks or fld.kind not in ("heading", "line", "term") or len(b.text.split()) > 8:
        return False
    if fld.cls == "biaya":
        from .components import biaya as biaya_mod

        return biaya_mod.parse(b.text) is not None
    if fld.cls == "waktu":
        from .components import waktu as waktu_mod

        return waktu_mod.parse(b.text) is not None
    return fld.cls == "produk" and source != "html" and clean_service_name(b.text) is not None


def _continuation(b: Block) -> bool:
    """A komponen-table row without its own label (the label cell was merged with the row above)."""
    cells = [c for c in b.cells if c]
    if not cells:
        return False
    first = b.cells[0] if b.cells else ""
    return (not first or _ONLY_MARKER.match(first) is not None) and classify_label(cells[0]) is None


def _is_title_row(b: Block) -> bool:
    cells = [c for c in b.cells if c]
    return len(set(cells)) == 1


# ---------------------------------------------------------------------------------------------------
# values stated in running sentences inside a service section

_SENTENCE_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
_CLAUSE_SPLIT = re.compile(r",\s+|\s+dan\s+|\s+serta\s+")


@lru_cache(maxsize=1)
def _prose_cues():
    from .vocab import phrase_regex

    cues = vocabulary().get("prose_cues") or {}
    return {k: phrase_regex(v) for k, v in cues.items()}


def _sentence_fields(sec: Section, source: str) -> None:
    """Fields found in the sentences of a section's paragraphs: "Hasil: Surat …", "Jangka waktu penyelesaian
    1 hari kerja, tidak dipungut biaya.", "KIA selesai di tempat dan tanpa biaya.". A labelled line that
    goes on with another label ("Waktu: ± 30 menit. Biaya: gratis.") is cut there."""
    have = {f.cls for f in sec.fields}
    new: list[Field] = []
    for f in list(sec.fields):
        if f.inline and f.kind in ("inline", "line", "sentence") and len(f.inline) <= 600:
            parts = _SENTENCE_SPLIT.split(f.inline)
            for k in range(1, len(parts)):
                hit = label_of(Block("paragraph", parts[k]), source)
                if hit is not None and hit.kind == "inline" and hit.label.cls in COMPONENTS and hit.label.cls != f.cls:
                    f.inline = " ".join(parts[:k])
                    _scan_sentences(parts[k:], f.index, source, have, new)
                    break
            if f.cls in ("waktu", "biaya"):
                # "Jangka waktu penyelesaian 1 hari kerja, tidak dipungut biaya."
                _scan_sentences(_SENTENCE_SPLIT.split(f.inline), f.index, source, have, new)
        for i, b in f.blocks:
            if b.kind not in ("paragraph", "definition") or len(b.text) > 600:
                continue
            _scan_sentences(_SENTENCE_SPLIT.split(b.text), i, source, have, new)
    sec.fields.extend(new)


def _prose_fields(text: str, index: int, source: str) -> list[Field]:
    """Fields stated in running prose: waktu and biaya as _scan_sentences finds them, persyaratan from a
    sentence that says what to bring ("Warga cukup membawa fotokopi KTP dan KK")."""
    sentences = _SENTENCE_SPLIT.split(text)
    have: set = set()
    new: list[Field] = []
    _scan_sentences(sentences, index, source, have, new)
    cues = _prose_cues()
    for sentence in sentences:
        norm = normalise(sentence)
        for cls in ("persyaratan", "prosedur", "produk"):
            if cls not in have and cues.get(cls) and cues[cls].search(norm):
                new.append(Field(cls=cls, label="", inline=sentence, index=index, kind="sentence"))
                have.add(cls)
    return new


def _scan_sentences(sentences: list[str], index: int, source: str, have: set, new: list) -> None:
    from .components import biaya as biaya_mod
    from .components import waktu as waktu_mod

    cues = _prose_cues()
    for sentence in sentences:
        hit = label_of(Block("paragraph", sentence), source)
        if hit is not None and hit.label.cls in COMPONENTS and hit.inline:
            if hit.label.cls not in have:
                new.append(Field(cls=hit.label.cls, label=hit.text, inline=hit.inline, index=index, kind="sentence"))
                have.add(hit.label.cls)
        norm = normalise(sentence)
        if "waktu" not in have and cues.get("waktu") and cues["waktu"].search(norm):
            if waktu_mod.parse(sentence) is not None:
                new.append(Field(cls="waktu", label="", inline=sentence, index=index, kind="sentence"))
                have.add("waktu")
        if "biaya" not in have and cues.get("biaya") and cues["biaya"].search(norm):
            for clause in _CLAUSE_SPLIT.split(sentence):
                if cues["biaya"].search(normalise(clause)) and biaya_mod.parse(clause) is not None:
                    new.append(Field(cls="biaya", label="", inline=clause, index=index, kind="sentence"))
                    have.add("biaya")
                    break

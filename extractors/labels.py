"""Component labels: which component a block introduces ("Persyaratan Pelayanan ;", "4 Jangka Waktu 5 hari",
"Biaya: Gratis", "Apa syarat membuat KIA?"), and the content given on the same block."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .decoding import clean
from .fields import LABEL_TAILS, ONLY_MARKER, dedupe_cells
from .items import item_kind
from .model import COMPONENTS, Block
from .vocab import (OTHER, SERVICE_NAME, Label, VocabularyMemo, cached, classify_label, normalise, phrase_regex,
                    strip_numbering, vocabulary, word_set)

LABEL_MAX_WORDS = 9  # a label (cell, heading, text before a colon) is short


# (built once per process: it was built anew at every call)
_def_cues = word_set("definition_cues")


@lru_cache(maxsize=1)
def label_filler() -> frozenset[str]:
    return frozenset(normalise(x) for x in vocabulary().get("label_filler") or [])


def _is_definition(content: str, apposition: bool = True) -> bool:
    norm = normalise(content)
    if not norm:
        return False
    first = norm.split(" ", 1)[0]
    cues = _def_cues()
    return first in cues or " ".join(norm.split(" ", 2)[:2]) in cues or apposition and _defines_by_apposition(
        content, norm)


GENUS_MAX_WORDS = 20  # a definition by apposition is one short clause


def _defines_by_apposition(content: str, norm: str) -> bool:
    """ "Syarat-syarat yang harus dipenuhi.", "Ongkos yang dikenakan, terjangkau, dan diketahui masyarakat.": the
    kind of thing the component is (vocabulary definition_genus), qualified within a few words, and nothing a value
    has (a number, a colon, "berupa …")."""
    words = norm.split()
    if len(words) > GENUS_MAX_WORDS or any(c.isdigit() or c == ":" for c in content):
        return False
    genus, qualifiers, goes_on = _genus()
    head = next((n for n in (3, 2, 1) if " ".join(words[:n]) in genus), 0)
    return bool(head) and any(w in qualifiers for w in words[head:head + 3]) and not goes_on.search(norm)


@cached
def _genus(v):
    d = v.get("definition_genus") or {}
    return (frozenset(normalise(x) for x in d.get("genus") or []), frozenset(d.get("qualifiers") or []),
            phrase_regex(d.get("goes_on") or []))


_PREFIX_CHARS = 2000  # what defines_component and components_named read of a text: its first 60 words and more


def defines_component(text: str) -> bool:
    """ "Persyaratan, yaitu syarat yang harus dipenuhi …", "Prosedur adalah tata cara …": the text defines a
    component (a regulation, a guide to the standard), it does not publish one."""
    # its first sentence is all it reads: a guide lists the components one after another in a paragraph ("1.
    # Persyaratan :Syarat-syarat yang harus dipenuhi. 2. Sistem, Mekanisme, dan Prosedur :Tata cara …")
    sentence = _FIRST_SENTENCE.split(strip_numbering(text[:_PREFIX_CHARS]), maxsplit=1)[0]
    words = normalise(sentence).split()
    # (a definition by apposition needs the label's colon: "Syarat-syarat untuk mendapatkan KIA sangat mudah" is
    # no "Persyaratan: syarat-syarat yang …")
    colon = ":" in sentence[:_LABEL_CHARS]
    for n in range(1, min(5, len(words))):
        lab = classify_label(" ".join(words[:n]))
        if lab is not None and lab.cls in COMPONENTS and not lab.rest and _is_definition(" ".join(words[n:]), colon):
            return True
    return False


_LABEL_CHARS = 90  # where a label's colon (or dash) can be
_FIRST_SENTENCE = re.compile(r"(?<=[.;])\s+(?=\d|[A-Z])")


def components_named(text: str, limit: int = 60) -> set[str]:
    """The components whose label phrases a text names anywhere in its first `limit` words ("Persyaratan,
    prosedur, waktu penyelesaian dan biaya setiap layanan tercantum dalam …" names four: it talks about the
    standard)."""
    norm = " ".join(normalise(text[:_PREFIX_CHARS]).split()[:limit])
    return {c for c, rx in _component_phrases().items() if rx.search(norm)}


_component_phrases = cached(lambda v: {c: phrase_regex(p) for c, p in (v.get("labels") or {}).items()
                                       if c in COMPONENTS and p})


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
    if all(w in label_filler() for w in words) or len(words) > 8:
        return None
    if words[0] in label_filler() and words[0] not in ("pembuatan", "penerbitan", "pengurusan"):
        # "Persyaratan untuk Pembuatan KTP" -> drop the leading filler
        while words and words[0] in label_filler():
            words = words[1:]
        if not words:
            return None
    hint = _after_phrase(text, label.phrase_words)
    if hint[:1] in "/|(" or classify_label(hint.strip(" /|()")) is not None:
        # "Requirements / Persyaratan", "Prosedur (Procedure)": the label again in another language
        return None
    hwords = hint.split()
    while hwords and normalise(hwords[0]) in label_filler() and normalise(hwords[0]) not in ("pembuatan", "penerbitan", "pengurusan"):
        hwords = hwords[1:]
    return " ".join(hwords).strip(" :") or None


# "Prosedur ini meliputi", "persyaratan tersebut": the word refers back or defines, it labels nothing
_REFERS = frozenset({"ini", "tersebut", "itu", "adalah", "merupakan", "yaitu", "ialah", "bertujuan", "meliputi"})
# "SOP Pelayanan Pengujian Kendaraan", "Standar Operasional Prosedur …" with a name after it: a document's title
_TITLE_PHRASES = ("sop", "standar operasional prosedur")


# A site repeats its blocks (a service's labels, a unit's address) on many pages, and the prose readers ask again
# about the sentences of a block: label_of is remembered per distinct block and source. It reads nothing but its
# arguments and the vocabulary (read once per process), and returns frozen LabelHits, so a remembered answer is
# the answer. Bounded: 8,192 blocks of at most 500 characters (and 12 cells); a new vocabulary starts a new memo.
_LABEL_MEMO = VocabularyMemo(entries=8192, chars=500)


def label_of(block: Block, source: str = "html") -> LabelHit | None:
    """The component label a block starts with, if it is one."""
    if len(block.text) > _LABEL_MEMO.chars or len(block.cells) > 12:
        return _label_of_block(block, source)
    # (cells given as a list by some builders make the key unhashable: computed, not remembered)
    return _LABEL_MEMO.get((block, source), lambda: _label_of_block(block, source))


def _label_of_block(block: Block, source: str) -> LabelHit | None:
    """label_of, computed."""
    hit = _label_of(block, source)
    if hit is not None and hit.label.cls == "prosedur" and hit.inline and "\n" not in hit.inline \
            and normalise(strip_numbering(hit.text)) in _TITLE_PHRASES and len(hit.inline.split()) <= 14 \
            and item_kind(hit.inline) != "step":
        # "STANDAR OPERASIONAL PROSEDUR: PELAYANAN KECAMATAN DAN KELURAHAN …": a document's title, naming
        # what it covers, not a procedure
        return LabelHit(Label(SERVICE_NAME, hit.label.phrase_words, hit.label.words, hit.label.rest), hit.text,
                        hit.inline, None, hit.kind)
    if hit is None or not hit.label.rest:
        return hit
    first = hit.label.rest.split()[0]
    if first in _REFERS:
        return None
    if hit.label.cls == "prosedur" and hit.kind in ("heading", "line") and not hit.inline and len(hit.label.rest.split()) >= 2 \
            and normalise(strip_numbering(hit.text)).startswith(_TITLE_PHRASES):
        return LabelHit(Label(SERVICE_NAME, hit.label.phrase_words, hit.label.words, hit.label.rest), hit.text, "",
                        None, hit.kind)
    if hit.kind in ("heading", "line") and not hit.inline and _names_two_components(hit.label.rest, hit.label.cls):
        # "Prosedur dan Persyaratan Pengambilan Produk Perkara": a page's title over both, naming the service
        return LabelHit(Label(SERVICE_NAME, hit.label.phrase_words, hit.label.words, hit.label.rest), hit.text, "",
                        None, hit.kind)
    return hit


def _names_two_components(rest: str, cls: str) -> bool:
    """ "Prosedur dan Persyaratan …" names two components; "Alur dan Cara mengurus …" one, twice."""
    words = rest.split()
    if len(words) < 4 or words[0] not in ("dan", "serta"):
        return False
    other = classify_label(" ".join(words[1:]))
    return other is not None and other.cls in COMPONENTS and other.cls != cls and len(other.rest.split()) >= 2


def _label_of(block: Block, source: str) -> LabelHit | None:
    hit = _label_at_start(block, source)
    if hit is not None:
        return hit
    text = block.text
    if block.kind in ("heading", "paragraph", "list_item") and block.kind != "table_row":
        words = strip_numbering(text).split()
        lead = 0
        while lead < 2 and lead < len(words) - 1 and normalise(words[lead]) in _lead_words():
            lead += 1  # "Besarnya Biaya retribusi : GRATIS", "Sistim, Mekanisme, Prosedur"
        if lead:
            hit = _label_at_start(Block(block.kind, " ".join(words[lead:]), level=block.level), source)
            if hit is not None and hit.label.cls in COMPONENTS and (
                    hit.label.cls in ("waktu", "biaya") or ":" in text or block.kind == "heading"
                    or len(hit.label.rest.split()) <= 4):
                # (a sentence that only uses a list's word, "Berkas persyaratan baru dapat diterima apabila …",
                # is no label; "Adapun biaya pembuatannya sebesar Rp 50.000" states a value as labels do)
                return hit
        if text.rstrip().endswith(":") and 3 <= len(words) <= 30 and item_kind(text) != "step":
            # (a step that opens sub-items, "Petugas meneliti kelengkapan persyaratan:", announces no list)
            return _intro_label(text)
    return None


@lru_cache(maxsize=1)
def _lead_words() -> frozenset[str]:
    return frozenset(normalise(w) for w in vocabulary().get("label_lead_words") or [])


@lru_cache(maxsize=1)
def _intro_not() -> re.Pattern:
    return phrase_regex(vocabulary().get("intro_not") or [])


@lru_cache(maxsize=1)
def _intro_cues() -> dict[str, re.Pattern]:
    return {cls: phrase_regex(cues) for cls, cues in (vocabulary().get("intro_cues") or {}).items()}


def _intro_label(text: str) -> LabelHit | None:
    """ "Untuk membuat Kartu AK1, pencari kerja perlu menyiapkan:", "Berikut tahapan mengajukan permohonan:":
    a sentence that announces the list under it."""
    norm = normalise(text)
    if _intro_not().search(norm):
        return None  # "Pilih jenis layanan untuk melihat persyaratan:": a menu's prompt, not a list's label
    found = [(m.start(), cls) for cls, rx in _intro_cues().items() for m in [rx.search(norm)] if m]
    if not found:
        return None
    cls = min(found)[1]
    return LabelHit(Label(cls, 0, len(norm.split()), ""), clean(text).rstrip(" :"), "", None, "heading")


def _label_at_start(block: Block, source: str) -> LabelHit | None:
    kind = block.kind
    if kind == "image" or block.link:
        return None
    if kind == "table_row":
        cells = [c for c in block.cells]
        i = 0
        while i < len(cells) and (not cells[i] or ONLY_MARKER.match(cells[i])):
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
        inline = "\n".join(dedupe_cells(rest)).strip()
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
    if kind in ("heading", "term") and text.rstrip().endswith("?") or \
            kind in ("list_item", "paragraph") and text.rstrip().endswith("?") and len(words) <= 16:
        return _question_label(text)
    if kind in ("heading", "term") or len(words) <= (6 if source == "html" else LABEL_MAX_WORDS):
        plain = text.rstrip(" :;")  # "Syarat mengambil Salinan Putusan;": a label ended like a list's line
        semi = plain.find(";")
        if ":" not in plain and not (semi > 0 and _semicolon_label(plain[:semi])) and len(words) <= LABEL_MAX_WORDS \
                and (not _wrapped_tail(plain) or _spaced_tail(plain)):
            lab = classify_label(plain)
            if lab is not None and header_then_name(lab, plain):
                lab = None  # "Nomor Induk Berusaha (NIB).": a name that opens with a header word
            if lab is not None:
                k = "heading" if kind == "heading" else ("term" if kind == "term" else "line")
                rest = _after_phrase(plain, lab.phrase_words) if lab.rest else ""
                if rest and _states_value(lab, rest) and (
                        k == "line" or k == "heading" and lab.cls in ("waktu", "biaya") and _VALUE_AFTER.search(rest)):
                    # "3. Waktu 15 menit", "4. Biaya Gratis": label and value on one short line; a line set as a
                    # heading holds its value too when an amount or a duration follows the label ("D. Biaya/Tarif
                    # Rp. 0,- (GRATIS)")
                    return LabelHit(lab, _clean_label(_head_before(plain, rest)), rest, None, "line")
                return LabelHit(lab, _clean_label(plain), "", _name_hint(lab, plain), k)
    hit = _colon_label(block, text, None, "inline")
    if hit is not None:
        return hit
    # "Waktu penyelesaian 3 hari kerja" (no colon): a label phrase at the start of a short line
    # "2.Prosedur/Mekanisme 1. Pemohon menyampaikan berkas …": a label glued to its list's first item, any length
    # (not a quote that opens on the word: "\"Biaya SKCK itu disetor ke kas negara,\" katanya" is speech)
    if kind in ("paragraph", "list_item", "heading") and not _QUOTE_OPENING.match(text) and (
            len(words) <= (40 if source != "html" else 14) or _FIRST_ITEM.search(text[:120])):
        lab = classify_label(" ".join(words[:LABEL_MAX_WORDS + 2]))
        if lab is not None and lab.cls in COMPONENTS and lab.phrase_words >= 1:
            rest = _after_phrase(text, lab.phrase_words)
            if rest and re.search(r"[0-9A-Za-z]", rest) and not _is_definition(rest):
                if lab.cls in ("waktu", "biaya") or _FIRST_ITEM.match(rest) or (
                        source != "html" and lab.phrase_words >= 2 and not (
                        kind == "list_item" and _SENTENCE_GOES_ON.match(normalise(rest)))
                        and not _TIME_GOES_ON.match(normalise(rest))):
                    # (a step that only uses the words, "3. Berkas persyaratan baru dapat diterima apabila …",
                    # is no label; nor a sentence that times the process, "Proses pengurusan selama 10 hari kerja")
                    return LabelHit(lab, _clean_label(_head_before(text, rest)), rest, None, "line")
    return None


_FIRST_ITEM = re.compile(r"(?:^|\s)1[.)]\s*[A-Za-z]")
# an amount or a duration right after a fee's or a time's label
_VALUE_AFTER = re.compile(r"(?i)^\W*(?:rp\.?\s*\d|gratis|tidak dipungut|\d+(?:\s*\([a-z ]+\))?\s*(?:hari|jam|menit|minggu)"
                          r"(?![a-z]))")
_QUOTE_OPENING = re.compile(r"\s*[\"“”„«]")
_SENTENCE_GOES_ON = re.compile(r"(?:yang|baru|dapat|akan|harus|sudah|telah|belum|tidak|wajib|bisa|perlu|"
                               r"diterima|diserahkan|diproses|diperiksa|dikembalikan)(?![0-9a-z])")
_TIME_GOES_ON = re.compile(r"(?:selama|memakan|membutuhkan|memerlukan|hanya|paling|maksimal|sekitar|kurang)"
                           r"(?: [0-9a-z]+){0,6}? (?:hari|jam|menit|minggu|bulan)(?![0-9a-z])")  # a duration follows
_ADDRESS_ONLY = re.compile(r"^\s*(?:https?://)?[\w.\-+%]+(?:@[\w\-.]+)?\.[a-z]{2,}(?:/\S*)?\s*$")


@lru_cache(maxsize=1)
def _faq():
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
KOMPONEN_HEADER = re.compile(r"^(?:no|nomor)\s+(?:komponen|unsur|jenis komponen)\b")


def _states_value(lab: Label, rest: str) -> bool:
    """The words after a label on a short line are its content, not part of the label or a service name."""
    if lab.cls not in COMPONENTS or _is_definition(rest):
        return False
    if all(w in label_filler() for w in normalise(rest).split()):
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


def _spaced_tail(text: str) -> bool:
    """ "Persyaratan Pelayanan ;": punctuation set off by a space closes a label, it does not wrap a list item."""
    return bool(re.search(r"\s[;,]$", text.rstrip()))


def _row_label(text: str, pattern: re.Pattern = _ROW_NO) -> LabelHit | None:
    """ "2 Persyaratan", "4 Jangka Waktu Penyelesaian 5 (lima) hari kerja.", "8 Sarana dan Prasarana Ruang
    tunggu…": a komponen table flattened by PDF text extraction, one row per line with its row number.
    The number says this is a row, so any label counts (a manufacturing component ends the field above)."""
    m = pattern.match(text)
    return row_content(text[m.end():]) if m else None


def row_content(rest_text: str) -> LabelHit | None:
    """A komponen row's text after its number: its label and, inline, the content that follows."""
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
    dash = _DASH_SEP.search(text, 0, _LABEL_CHARS)
    if dash and dash.start() > 0 and (idx <= 0 or dash.start() < idx):
        # "Biaya - gratis", "Tata Cara – pemohon datang …": a dash between label and value, as a colon
        idx, width = dash.start(), dash.end() - dash.start()
    semi = text.find(";", 0, _LABEL_CHARS)
    if semi > 0 and (idx <= 0 or semi < idx) and _semicolon_label(text[:semi]):
        # "C. Jangka waktu; 2 Hari Kerja", "Persyaratan Pelayanan ; 1. …": a semicolon typed for the colon, right
        # after a component's label (a list's "1. Fotokopi KTP; 2. KK" is no label)
        idx, width = semi, 1
    if idx <= 0 or idx > _LABEL_CHARS:
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


def _semicolon_label(head: str) -> bool:
    """The text before a semicolon is a component's label and nothing more ("Jangka waktu", "Biaya/tarif"; not
    "Persyaratan KTP" in a komponen row "1. Persyaratan KTP; NPWP", whose value runs on after the label)."""
    lab = classify_label(head)
    return lab is not None and lab.cls in COMPONENTS and lab.words == lab.phrase_words


_OPEN_END = re.compile(r"(?:[0-9A-Za-z)]|(?:^|\s)[a-z][.)])$")


def mark_komponen_rows(blocks: list[Block], labels: list) -> None:
    """Under a "No Komponen Uraian" line (a komponen table flattened to text), every numbered line that
    starts with a label is one row: "1. Persyaratan KTP; KK" is persyaratan with content "KTP; KK"."""
    rows = False
    for i, b in enumerate(blocks):
        if b.kind == "heading":
            rows = False
            continue
        if b.kind == "paragraph" and KOMPONEN_HEADER.match(normalise(b.text)):
            rows = True
            continue
        if rows and b.kind in ("list_item", "paragraph"):
            hit = _row_label(b.text, _ROW_NO_ANY)
            if hit is not None:
                labels[i] = hit


def drop_wrapped_labels(blocks: list[Block], labels: list) -> None:
    """In text from PDFs a list item wraps onto the next line ("4. Penerbitan SKRD dan pembayaran" /
    "retribusi Rp …"): a line that continues an unfinished line is not a label, unless a row number or a
    colon marks it as one."""
    for i in range(1, len(blocks)):
        hit = labels[i]
        b, prev = blocks[i], blocks[i - 1]
        if hit is None or hit.kind != "line" or b.kind != "paragraph" or _ROW_NO.match(b.text):
            continue
        if not _wraps(prev, b):
            continue
        if prev.kind in ("list_item", "paragraph") and prev.page == b.page and labels[i - 1] is None \
                and _OPEN_END.search(prev.text.rstrip()):
            labels[i] = None


_JOINERS = frozenset({"dan", "atau", "serta", "dengan", "yang", "untuk", "oleh", "pada", "ke", "di", "dari", "bagi",
                      "tentang"})  # "… Perwali Nomor 72 Tahun 2024 tentang" / "Tata Cara Pemungutan …": a title


def _wraps(prev: Block, line: Block) -> bool:
    """`line` may be the wrapped tail of `prev`: it starts in lower case, or `prev` ends on a joining word. A
    capitalised line after a complete-looking one ("Sistem, Mekanisme, dan Prosedur" under "3. Rekening
    listrik") is a line of its own, as it always is in plain text copied from a web page."""
    first = line.text.lstrip()[:1]
    last_word = prev.text.rstrip().rsplit(" ", 1)[-1].lower()
    return first.islower() or last_word in _JOINERS


def drop_label_tails(blocks: list[Block], labels: list) -> None:
    """ "Jangka Waktu" / "Pelayanan": a label wrapped onto the next line. The tail names no service and does
    not end the label's field (fields.LABEL_TAILS keeps it out of the content)."""
    for i in range(1, len(blocks)):
        hit, prev = labels[i], labels[i - 1]
        if hit is not None and hit.label.cls == SERVICE_NAME and normalise(blocks[i].text) in LABEL_TAILS \
                and prev is not None and not prev.inline:
            labels[i] = None


def drop_component_enumerations(blocks: list[Block], labels: list) -> None:
    """Three or more lines in a row that are only component names ("a. persyaratan;", "b. sistem, mekanisme,
    dan prosedur;", "c. jangka waktu …"): a regulation or a news story listing what a standard contains, or
    a wide table's header row flattened to one cell a line ("Jenis Pelayanan / Persyaratan / Sistem,
    Mekanisme, dan Prosedur / Jangka Waktu"). They label nothing, and each is not the content of the one
    before; what follows a header row is read by its content (unlabelled.py)."""
    run: list[int] = []
    for i, b in enumerate(blocks + [Block("paragraph", "")]):
        if i < len(blocks) and (_names_a_component(b) or _bare_heading_label(b, labels[i])):
            run.append(i)
            continue
        if len(run) >= 3 and sum(1 for j in run if _names_a_component(blocks[j], strict=True)) >= 2:
            for j in run:
                labels[j] = LabelHit(Label(OTHER, 0, 0, ""), blocks[j].text, "", None, "line")
        run = []


def _bare_heading_label(b: Block, hit) -> bool:
    """A header cell on its own line: a short label of any class with no value ("Jenis Pelayanan", "Komponen",
    "Prosedur Peninjauan Lapangan")."""
    return hit is not None and not hit.inline and hit.kind in ("line", "heading") and len(b.text.split()) <= 6


_header_words = word_set("header_words")


def header_then_name(lab: Label, text: str) -> bool:
    """A row-number header word ("No", "Nomor") followed by words that label nothing: a name ("Nomor Induk
    Berusaha (NIB)." under "Produk Layanan"), not a header cell. Other one-word labels stay labels ("Keterangan
    lebih lanjut …", "Sarana …": REVIEW6)."""
    return lab.cls == OTHER and lab.phrase_words == 1 \
        and (normalise(strip_numbering(text)).split() or [""])[0] in _header_words() \
        and bool(set(lab.rest.split()) - label_filler() - _JOINERS)


def _names_a_component(b: Block, strict: bool = False) -> bool:
    """The line is only a component's name; strict: one of the seven, not "Dasar Hukum" or "Komponen"."""
    if b.kind not in ("paragraph", "list_item", "heading") or len(b.text.split()) > 10:
        return False
    text = b.text.strip().rstrip(";,.:")
    if ":" in text:
        return False  # "Biaya: Gratis" states a value
    lab = classify_label(text)
    return lab is not None and (lab.cls in COMPONENTS if strict else lab.cls != SERVICE_NAME) \
        and set(lab.rest.split()) <= label_filler() | _JOINERS

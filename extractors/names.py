"""Service names: a heading, caption or cell -> the name of the service it titles, or None."""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from urllib.parse import parse_qsl, unquote

from . import urls
from .decoding import clean
from .labels import label_filler
from .model import Page
from .vocab import (MONTHS, SERVICE_NAME, VocabularyMemo, cached, classify_label, normalise, phrase_regex,
                    strip_numbering, vocabulary, word_set)

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
    return phrase_regex(vocabulary().get("institution_heading_prefixes") or [], prefix="^")


def is_institution_heading(text: str) -> bool:
    """A heading that names the issuing body or the document, not a service."""
    return bool(_institution_re().search(normalise(strip_numbering(text))))


_AMOUNT_ONLY = re.compile(r"(?:rp|idr)\.?\s*\d[\d.,\s]*$", re.I)


# "Sabtu, 19 Oktober 2019", "Rabu 5 Juni 2024": a blog's or portal's date line over a post
_DATE_ONLY = re.compile(r"(?:(?:senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|monday|tuesday|wednesday|"
                        r"thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\W+)?"
                        r"\d{1,2}\W+(?:" + MONTHS + r")\W+\d{4}"
                        r"(?:\W+\d{1,2}[:.]\d{2}(?:\W*(?:wib|wita|wit))?)?\W*$", re.I)


# A site repeats its headings and its <title> on every page, and segment and the finders ask about them again:
# 3,613 calls a bench pass, 555 distinct texts. The answer is remembered per text (a str or None: immutable); it
# reads nothing but the text and the vocabulary (read once per process). Bounded: 4,096 texts of at
# most 300 characters, then forgotten at once; a new vocabulary starts a new memo.
_NAME_MEMO = VocabularyMemo(entries=4096, chars=300)


def clean_service_name(text: str) -> str | None:
    """A heading/caption/cell -> a service name, or None when it names no service."""
    return _NAME_MEMO.of_text(text, _clean_service_name)


def _clean_service_name(text: str) -> str | None:
    """clean_service_name, computed."""
    text = clean(strip_numbering(clean(text))).strip(" :.-–|")
    if not text or len(text) > 160:
        return None
    stripped = _name_prefix_re().sub("", text).strip(" :.-–|")
    if stripped:
        text = stripped
    elif normalise(text) in ("standar pelayanan", "standar pelayanan publik", "standar layanan", "sop"):
        return None
    norm = normalise(text)
    if not norm or norm in _non_service() or len(norm.split()) > 20 or is_institution_heading(text):
        return None
    if not re.search(r"[A-Za-z]{2}", text) or _AMOUNT_ONLY.match(text) or _DATE_ONLY.match(text):
        return None  # "81,32", "2024", "Rp. 0,-": a number (an index widget, a year, a fee), not a service
    if _WEB_NAME.search(text) or _WIRE_DATELINE.search(text) or _DOCUMENT_LINE.match(norm) or _BYLINE.search(text):
        return None
    if norm.split()[0] in _clause_openers() or text.startswith("(") and ")" not in text:
        return None  # "oleh", "sesuai jenisnya", "(jika ada": the rest of a sentence, not a title
    return text


_clause_openers = word_set("service_name_clause_openers")
_slug_leads = word_set("service_name_slug_leads")


# "bakabar.com, KUALA KAPUAS", "REPUBLIKA.CO.ID, JAKARTA -- …", "redaksi[at]timlo.net", "ONLINE :https://…": a
# news site's name or an address over the story, never a service. A government address may be what a service
# is about ("Permohonan Subdomain tulangbawangbaratkab.go.id").
_WEB_NAME = re.compile(r"(?i)https?://|(?<![\w.])[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*"
                       r"(?<!\.go)(?<!\.desa)(?<!\.ac)(?<!\.sch)\.(?:com|net|org|info|news|id|co|tv)(?![\w.-])")
# "Sentani (ANTARA)", "Surabaya (Antaranews Jatim)": a wire agency's dateline
_WIRE_DATELINE = re.compile(r"(?i)\((?:antara|antaranews)\b[^)]*\)")
# a SIPPN decree line ("No. SK: 67 Tahun 2024") or a komponen table's header row, glued or not
# ("NOKOMPONENURAIAN", "No. Komponen Uraian"): the document's furniture
_DOCUMENT_LINE = re.compile(r"^(?:no sk|nomor sk|no ?k[oe]mp[oe]nen|nomor komponen|no dokumen|nomor dokumen|no revisi|"
                            r"tanggal terbit|tgl terbit)(?![a-z])|^nokomponen")
# "Pewarta: Ali Nur Ichsan", "Laporan : MAMAT MULYADI", "Diposting oleh Admin …": who wrote the story, not what
# it is about; "Home > Layanan Publik > Surat Masuk": a breadcrumb trail
_BYLINE = re.compile(r"^(?:pewarta|penulis|reporter|editor|redaktur|penyunting|laporan|sumber|foto|fotografer|"
                     r"kontributor|author)\s*[:|]|^(?:diposting|ditulis|dipublikasikan|diterbitkan|posted|written)\s+"
                     r"(?:oleh|by)\b|^(?:home|beranda)\s*[>»/]|[>»].*\s[>»]\s", re.I)


# "SMS/WA : 0877 1237 4217", "Email : x@y.go.id": a contact line set large, never a service's name
_CONTACT_LINE = re.compile(r"^[^:]{1,30}:\s*\S*[\d@]")


def title_name(page: Page) -> str | None:
    """A service name from the page itself: the first h1/h2, else the <title> without the site's name, else
    (a page read as text, or one without either) a short line among its first ones. Of those, the first that
    names what a service issues or does (`service_words`: "Ada Layanan Mobil Jenazah …") wins; then the words
    of the page's address; then the first line that names nothing (a dateline "Kutai Kartanegara", a byline): a
    stored text's first line is its title less often than its site's furniture is."""
    names = []
    for text in _title_lines(page):
        if _CONTACT_LINE.match(text):
            continue
        name = clean_service_name(text)
        if not name or _names_a_label(name):
            continue
        if _service_word().search(normalise(name)):
            return name
        names.append(name)
    slug = _slug_words(page.url)
    name = clean_service_name(slug) if slug else None
    if name and not _names_a_label(name):
        # the post's address over a line that names nothing ("PALANGKA RAYA", "Jakarta, NextID"); as the page
        # spells it when a line says the same words ("Pelayanan Loket" for "…/pelayanan-loket")
        return next((n for n in names if normalise(n) == normalise(name)), name)
    return names[0] if names else None


def _names_a_label(name: str) -> bool:
    """A label ("Persyaratan :", "Jenis Layanan"), not a title; "Pelayanan Laboratorium", which opens with the
    word a service-name label is made of, names its service (SIPPN titles every standard so)."""
    label = classify_label(name)
    return label is not None and not (label.cls == SERVICE_NAME and label.rest)


def _title_lines(page: Page):
    """The texts that may title the page, in the order title_name weighs them."""
    for b in page.blocks[:40]:
        if b.kind == "heading" and b.level <= 2:
            yield b.text
    yield from (p for p in re.split(r"\s+[|\-–—»]\s+", page.title or "") if p.strip())
    for b in page.blocks[:_TITLE_LINES]:
        if b.kind in ("heading", "paragraph") and len(b.text.split()) <= _TITLE_WORDS and not b.text.endswith("."):
            yield b.text


def last_resort_name(page: Page) -> str:
    """The name of a service where title_name finds none: the page's title, cleaned when it can be, unless it is
    only a component's label ("Persyaratan :" over the text), else the page's address. A complaints page's title
    "Pengaduan" stays: handling complaints is the service it describes."""
    title = (page.title or "").strip()
    if not title:
        return page.url
    name = clean_service_name(title) or title
    label = classify_label(name)
    if label is None or label.cls == "pengaduan" or label.cls == SERVICE_NAME and label.rest:
        return name
    return page.url


def _slug_words(url: str) -> str | None:
    """The last words of the page's address ("…/2023/05/syarat-perpanjang-stnk-5-tahunan.html" -> "perpanjang
    stnk 5 tahunan"): a post's address is its title, without the words that only say the post tells how. An
    address whose path names nothing may name the page in its query ("…/pelayanan?page=kartu-keluarga"). (A
    later page of a story, "…/judul-berita/2", names nothing: its text opens in the story, not under its title.)"""
    parts = urls.split(url or "")  # a malformed address ("http://[bad/…") names nothing
    if parts is None:
        return None
    last = unquote(parts.path).rstrip("/").rsplit("/", 1)[-1]
    for piece in last, *(value for _, value in reversed(parse_qsl(parts.query))):
        words = _address_words(piece)
        if len(words) >= 2:
            return " ".join(words)
    return None


def _address_words(piece: str) -> list[str]:
    last = re.sub(r"\.(?:html?|php|aspx?|jsp)$", "", piece, flags=re.I)
    words = [w for w in re.split(r"[-_+\s]+", last) if w and not (w.isdigit() and len(w) >= 4)]
    while words and words[0].lower() in _slug_leads():
        words = words[1:]
    return words


_TITLE_LINES = 12  # a stored text's title sits under at most a few lines of chrome, datelines and bylines
_TITLE_WORDS = 16  # a longer line is prose (text_page's test for a first line that is a title)
_service_word = cached(lambda v: phrase_regex(v.get("service_words") or []))


_PUNCT = re.compile(r"[^\w\s]|_", re.UNICODE)


@lru_cache(maxsize=1)
def _noise() -> frozenset[str]:
    return frozenset(str(w).casefold() for w in vocabulary().get("service_name_noise") or [])


def service_key(name: str | None) -> str:
    """The identity of a service name, the one meaning of "the same service" for segmentation, scoring and
    eval: "Pelayanan Akta Kelahiran", "1. AKTA  KELAHIRAN." and "Penerbitan Akta Kelahiran" -> "akta kelahiran".

    NFKC and casefold, punctuation to spaces, leading numbering dropped, the words of `service_name_noise`
    (config/vocabulary.yaml) dropped; a name made only of those words keeps them."""
    text = unicodedata.normalize("NFKC", name or "").casefold()
    words = _PUNCT.sub(" ", text).split()
    if len(words) > 1 and words[0].isdigit():  # "1. Akta Kelahiran", "2) KTP-el": numbering is not the name
        words = words[1:]
    kept = [w for w in words if w not in _noise()]
    return " ".join(kept or words)


def similar_names(hint: str, name: str) -> bool:
    """Most words of the hint are in the name: "legalisir ijazah SD/SMP" under "Legalisir Ijazah/STTB SD dan SMP"."""
    h = set(service_key(hint).split()) - label_filler()
    n = set(service_key(name).split()) - label_filler()
    return bool(h) and len(h & n) >= max(1, 0.5 * len(h))


def names_part_of(hint: str, name: str) -> bool:
    """ "SKTM" is part of "Surat Keterangan Tidak Mampu (SKTM)": the hint adds nothing to the name."""
    h, n = normalise(hint), normalise(name)
    return bool(h) and f" {h} " in f" {n} "

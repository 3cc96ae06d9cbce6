"""Values stated in running sentences: "Jangka waktu penyelesaian 1 hari kerja, tidak dipungut biaya.",
"Warga cukup membawa fotokopi KTP dan KK"."""
from __future__ import annotations

import re
from functools import lru_cache

from .components import biaya, maklumat, pengaduan, produk, waktu
from .fields import Field, Section
from .labels import label_of
from .model import COMPONENTS, Block
from .vocab import normalise, phrase_regex, vocabulary

_SENTENCE_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
_CLAUSE_SPLIT = re.compile(r",\s+|\s+dan\s+|\s+serta\s+")


@lru_cache(maxsize=1)
def _prose_cues():
    cues = vocabulary().get("prose_cues") or {}
    return {k: phrase_regex(v) for k, v in cues.items()}


def sentence_fields(sec: Section, source: str) -> None:
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


def prose_fields(text: str, index: int, source: str) -> list[Field]:
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
    cues = _prose_cues()
    for sentence in sentences:
        hit = label_of(Block("paragraph", sentence), source)
        if hit is not None and hit.label.cls in COMPONENTS and hit.inline:
            if hit.label.cls not in have:
                new.append(Field(cls=hit.label.cls, label=hit.text, inline=hit.inline, index=index, kind="sentence"))
                have.add(hit.label.cls)
        norm = normalise(sentence)
        if "waktu" not in have and cues.get("waktu") and cues["waktu"].search(norm):
            if waktu.parse(sentence) is not None:
                new.append(Field(cls="waktu", label="", inline=sentence, index=index, kind="sentence"))
                have.add("waktu")
        if "biaya" not in have and cues.get("biaya") and cues["biaya"].search(norm):
            for clause in _CLAUSE_SPLIT.split(sentence):
                if cues["biaya"].search(normalise(clause)) and biaya.parse(clause) is not None:
                    new.append(Field(cls="biaya", label="", inline=clause, index=index, kind="sentence"))
                    have.add("biaya")
                    break


def page_prose_fields(blocks: list[Block], owned: set[int], source: str, *, in_context: bool) -> list[Field]:
    """waktu, biaya (and, beside a standard, produk) stated in sentences outside every labelled field
    ("Pembuatan kartu kuning tidak dipungut biaya alias gratis.", "waktu penerbitan hanya butuh 15 menit"):
    the first of each, as fields.

    in_context: the page publishes other parts of a standard. Without that, a sentence counts only when it
    ties the value to a service's process ("pengurusan KTP-el tidak dipungut biaya"), not to a benefit or a
    whole portal ("penyaluran bantuan tidak dipungut biaya", "seluruh layanan tetap gratis")."""
    have: set = set()
    new: list[Field] = []
    for i, b in enumerate(blocks):
        if i in owned or b.kind not in ("paragraph", "list_item") or len(b.text) > 1200 or b.link:
            continue
        norm = normalise(b.text)
        if not worth_reading(norm, in_context and "produk" not in have):
            continue  # no word of time, fee or product: the common case, skipped cheaply
        if pengaduan.is_about_complaints(b.text) or maklumat.is_pledge(b.text) or _intent().search(norm):
            continue  # how fast complaints are answered; "… pasti dan gratis" in a pledge; a promise or a KPI
        found: list[Field] = []
        _scan_sentences(_SENTENCE_SPLIT.split(b.text), i, source, have, found)
        named = produk.from_step(b.text) if in_context and "produk" not in have else None
        if named:
            have.add("produk")
            new.append(Field(cls="produk", label="", inline=named, index=i, kind="sentence"))
        for f in found:
            tied = in_context or bool(_service_process().search(normalise(f.inline)))
            if tied and (f.cls == "waktu" or f.cls == "biaya" and (biaya.parse(f.inline) or {}).get("amount") is not None):
                new.append(f)
            else:
                have.discard(f.cls)  # a regulation cited in passing ("… tentang Retribusi Daerah") is no fee
        if {"waktu", "biaya"} <= have:
            break
    return new


@lru_cache(maxsize=1)
def _service_process() -> re.Pattern:
    return phrase_regex(vocabulary().get("service_process_nouns") or [])


@lru_cache(maxsize=1)
def _intent() -> re.Pattern:
    return phrase_regex(vocabulary().get("prose_intent_cues") or [])


def worth_reading(norm: str, produk_too: bool) -> bool:
    """A speed shortcut for page_prose_fields: False only when no sentence of the block can give a field (no
    time or fee cue, no waktu/biaya label phrase, no product verb). tests/test_extract_real_shapes.py checks
    that over the corpora."""
    cues = _prose_cues()
    return bool(cues["waktu"].search(norm) or cues["biaya"].search(norm) or _value_labels().search(norm)
                or produk_too and produk.may_name_product(norm))


@lru_cache(maxsize=1)
def _value_labels() -> re.Pattern:
    """The waktu and biaya label phrases _scan_sentences finds at a sentence's start ("Waktu penyelesaian …")."""
    labels = vocabulary().get("labels") or {}
    return phrase_regex([*(labels.get("waktu") or []), *(labels.get("biaya") or [])])

"""produk: the product of the service, by name ("KTP-el", "Akta Kelahiran", "Izin Usaha …")."""

from __future__ import annotations

import re

from functools import lru_cache

from ..fields import Section, split_items
from ..vocab import normalise, phrase_regex, strip_numbering, vocabulary
from .base import Context, make

COMPONENT = "produk"
MAX_WORDS = 16
_LETTER = re.compile(r"[A-Za-z]")


def parse(lines: list[str]) -> dict | None:
    names = []
    for line in lines[:6]:
        for item in split_items(line):
            item = item.strip(" .;,")
            if not _LETTER.search(item) or normalise(item) in ("tidak ada", "none"):
                continue
            if len(item.split()) > MAX_WORDS:
                if not names:
                    return None  # a sentence, not a product's name
                break
            names.append(item)
        if len(names) >= 3:
            break
    if not names:
        return None
    return {"name": "; ".join(names[:3])}


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        value = parse(f.lines(max_blocks=4))
        if value is not None:
            out.append(make(COMPONENT, section, f, value, ctx))
    if out:
        return out
    # no produk field: the steps (or a note under another field) often say what is issued or handed over
    # ("… menerbitkan Kutipan Akta Kelahiran", "Dokumen Kartu Keluarga diserahkan kepada pemohon")
    for f in [f for f in section.fields if f.cls != "persyaratan"]:
        for line in f.items():  # one step at a time: a table cell holds "1. … 11. Petugas menyerahkan …"
            name = from_step(line)
            if name:
                return [make(COMPONENT, section, f, {"name": name}, ctx, snippet=line[:300], confidence=0.8)]
    return out


# the step's subject is the applicant: what follows "menyerahkan" is handed in, not issued
_APPLICANT_HANDS_IN = re.compile(r"(?<![0-9a-z])(?:pemohon|pihak|pelapor|warga|masyarakat|pasien|peserta|"
                                 r"pendaftar|pengguna|calon)(?![0-9a-z])")
_HANDING = frozenset({"menyerahkan", "penyerahan"})
_BARE_NOUNS = frozenset({"surat", "dokumen", "berkas", "kartu", "izin", "ijin", "sk", "bukti", "salinan",
                         "keputusan", "sertifikat", "rekomendasi"})
_NEGATIONS = (" tidak", " belum", " bukan", " tak")
_RESULT_HEADS = ("produk", "hasil", "output", "keluaran")
_RESULT = re.compile(rf"^(?:{'|'.join(_RESULT_HEADS)})(?: [a-z]+){{0,8}}? (?:adalah|berupa|yaitu|ialah)(?: berupa)?(?= )")


@lru_cache(maxsize=1)
def _step_patterns():
    v = vocabulary().get("produk_in_steps") or {}
    nouns = phrase_regex(v.get("nouns") or [], prefix="^")
    stop = frozenset(normalise(w) for w in v.get("stop") or [])
    issue = phrase_regex(v.get("issue") or [])
    handover = phrase_regex(v.get("handover") or [])
    # "pemohon menerima …", "Anda akan dipanggil untuk mengambil …": up to three words between
    receive = re.compile(phrase_regex(v.get("receivers") or []).pattern + r"(?: +[0-9a-z]+){0,3}? +" +
                         phrase_regex(v.get("receive") or []).pattern)
    return nouns, stop, issue, handover, receive


@lru_cache(maxsize=1)
def _cue() -> re.Pattern:
    v = vocabulary().get("produk_in_steps") or {}
    return phrase_regex([*(v.get("issue") or []), *(v.get("handover") or []), *(v.get("receive") or []),
                         *_RESULT_HEADS])


def may_name_product(norm: str) -> bool:
    """Cheap test on normalised text: without one of from_step's verbs or a result word, from_step finds
    nothing."""
    return bool(_cue().search(norm))


def from_step(line: str) -> str | None:
    """The product a step names, or None: what is issued ("menerbitkan X"), received by the applicant
    ("pemohon menerima X") or handed over ("X diserahkan kepada pemohon")."""
    nouns, stop, issue, handover, receive = _step_patterns()
    pairs = [(w, normalise(w)) for w in strip_numbering(line).split()]
    pairs = [(w, n) for w, n in pairs if n]  # "…", "-": no word, and they would shift the positions below
    words, norm_words = [w for w, _ in pairs], [n for _, n in pairs]
    norm = " ".join(norm_words)
    candidates = []
    for rx in (receive, issue):
        for m in rx.finditer(norm):
            if norm[: m.start()].rstrip().endswith(_NEGATIONS):
                continue  # "POLSEK tidak menerbitkan SKCK untuk …"
            if m.group() in _HANDING and _APPLICANT_HANDS_IN.search(" ".join(norm[: m.start()].split()[:4])):
                continue  # "Pihak berperkara … menyerahkan surat gugatan": what the applicant hands in
            candidates.append(len(norm[: m.end()].split()))  # the name starts after the verb
    m = _RESULT.search(norm)
    if m:  # "Hasil pelayanan yang diterima oleh pelanggan adalah berupa Kartu Kuning (AK1)"
        candidates.append(len(norm[: m.end()].split()))
    for m in handover.finditer(norm):
        candidates.append(-len(norm[: m.start()].split()))  # the name ends before "diserahkan kepada"
    for at in candidates:
        name = _name_after(words, norm_words, at, stop) if at >= 0 else _name_before(words, norm_words, -at, stop)
        if name and nouns.search(normalise(name)) and normalise(name) not in _BARE_NOUNS:
            return name  # not a bare "Surat diserahkan kepada warga": a named product
    return None


def _name_after(words, norm_words, start, stop) -> str | None:
    out = []
    for w, n in zip(words[start:], norm_words[start:]):
        if n in stop or len(out) >= 8:
            break
        out.append(w)
        if w.endswith((",", ";", ".", ":")):
            break
    return " ".join(out).strip(" ,;.:") or None


def _name_before(words, norm_words, end, stop) -> str | None:
    out = []
    for w, n in zip(reversed(words[:end]), reversed(norm_words[:end])):
        if n in stop or len(out) >= 8 or w.endswith((",", ";", ".", ":")):
            break
        out.append(w)
    return " ".join(reversed(out)).strip(" ,;.:") or None

"""biaya: the fee, as a Rupiah integer, free (0), or a reference to the regulation that sets it.

parse("Rp.50.000,-") -> {"amount": 50000, "free": False, "regulation": None, "text": "Rp.50.000,-"}
parse("GRATIS") / "tidak dipungut biaya" / "nihil" / "Rp 0,-" -> amount 0, free True
parse("sesuai Perda No. 3 Tahun 2012") -> amount None, regulation "Perda No. 3 Tahun 2012"
Not biaya: "bermaterai Rp 10.000" (stamp duty inside a requirement), "berobat gratis" (a benefit).
"""

from __future__ import annotations

import re

from ..fields import Section
from ..vocab import VocabularyMemo, cached, normalise, phrase_regex, strip_numbering
from .base import Context, make, trim

COMPONENT = "biaya"

_MONEY = re.compile(
    r"(?:\bRp\.?|\bIDR)\s*(\d{1,3}(?:[.,\s]\d{3})+|\d+)(?:[.,](\d{1,2}))?\s*(?:,-|,--|\.-)?\s*"
    r"(ribu|rb|juta|jt|miliar|milyar)?"
    r"|(?<!\d)(\d{1,3}(?:\.\d{3})+|\d+)(?:,(\d{1,2}))?\s*(ribu|juta|miliar|milyar)?\s*(?:rupiah|,-\s*rupiah)",
    re.I,
)
# an amount without "Rp" right after a word of the fee: "dengan biaya 350.000", "tarifnya 50.000,-", "biaya
# 600 ribu" (thousands dotted, or a multiplier word: a bare "biaya 2" is no amount)
_BARE_FEE = re.compile(
    r"(?<![0-9a-z])(?:biaya|biayanya|tarif|tarifnya)\s*(?:(?:sebesar|senilai|hanya|cuma|yaitu|yakni|adalah|:)\s*)?"
    r"(?:(\d{1,3}(?:\.\d{3})+)(?:,(\d{1,2}))?|(\d+)(?:,(\d{1,2}))?\s*(ribu|juta))(?![0-9])",
    re.I,
)
_MULT = {"ribu": 1000, "rb": 1000, "juta": 1_000_000, "jt": 1_000_000, "miliar": 1_000_000_000,
         "milyar": 1_000_000_000}
_REG_REF = re.compile(
    r"((?:peraturan|perda|perbup|perwali|perwal|pergub|permen\w*|pp|uu|undang[- ]undang|qanun|keputusan|kepmen\w*|sk)\b"
    r"[^;\n]{0,120}?(?:tahun|th\.?)\s*\d{4}(?:\s*tentang\s[^;\n.]{0,80})?)",
    re.I,
)


def _patterns(v):
    b = v.get("biaya") or {}
    return {
        "free": phrase_regex(b.get("free") or []),
        "regulation": phrase_regex(b.get("regulation") or []),
        "negative": phrase_regex(b.get("negative_cues") or []),
        "benefit": phrase_regex(b.get("benefit_cues") or []),
        "free_exact": frozenset(normalise(x) for x in b.get("free_exact") or []),
    }


_pat = cached(_patterns)


# more digits than any fee has: no amount (int() refuses 4,300 digits, float() makes 309 of them infinite)
_MAX_DIGITS = 15


def _amount(m: re.Match) -> int | None:
    if m.group(1) is not None:
        digits, _cents, mult = m.group(1), m.group(2), m.group(3)
    else:
        digits, _cents, mult = m.group(4), m.group(5), m.group(6)
    raw = re.sub(r"[.,\s]", "", digits)
    if not raw.isdigit() or len(raw) > _MAX_DIGITS:
        return None
    value = int(raw)
    if mult:
        # "Rp 1,5 juta": the decimal part belongs to the multiplier
        if _cents:
            value = int(float(f"{raw}.{_cents}") * _MULT[mult.lower()])
        else:
            value *= _MULT[mult.lower()]
    return value


def _bare_amount(m: re.Match) -> int | None:
    if len(m.group(1) or m.group(3)) > _MAX_DIGITS + 5:  # (group 1 holds its thousands' dots)
        return None
    if m.group(1) is not None:
        return int(m.group(1).replace(".", ""))
    whole = f"{m.group(3)}.{m.group(4)}" if m.group(4) else m.group(3)
    return int(float(whole) * _MULT[m.group(5).lower()])


def _amounts(text: str) -> list[tuple[int, int]]:
    """(start, amount) of each amount TEXT states that no negative cue stands around ("denda Rp …", "Rp 10.000
    untuk materai", "… 500.000 sebagai sanksi"), Rupiah amounts and bare ones after a fee word, in text order."""
    pats = _pat()
    found = []
    for rx, value_of in ((_MONEY, _amount), (_BARE_FEE, _bare_amount)):
        for m in rx.finditer(text):
            around = normalise(text[max(0, m.start() - 40): m.start()]) + " " + normalise(text[m.end(): m.end() + 24])
            if pats["negative"].search(around):
                continue
            value = value_of(m)
            if value is not None:
                found.append((m.start(), value))
    return sorted(found)


def amount_at(text: str) -> int:
    """Where the amount parse() reads starts in TEXT; -1 when there is none."""
    return next((start for start, _ in _amounts(text)), -1)


def names_something_else(text: str) -> bool:
    """TEXT has a word that makes an amount in it something else than a service's fee (a fine, a budget, a
    purchase: negative_cues)."""
    return bool(_pat()["negative"].search(normalise(text)))


def parse(text: str) -> dict | None:
    """Normalise a fee text; None when it states no fee (e.g. "-", a stamp duty, a benefit)."""
    return _PARSED.parsed(text, _parse)


# The same fee texts are parsed again and again (each field's lines by the finder, prose and the segmenter; a site
# repeats its standards): remembered per text, 4,096 texts of at most 300 characters. The value holds only numbers,
# strings and None, so a shallow copy is a fresh value.
_PARSED = VocabularyMemo(entries=4096, chars=300)


def _parse(text: str) -> dict | None:
    """parse, computed."""
    if not text or not text.strip():
        return None
    pats = _pat()
    norm = normalise(text)
    lead = pats["free"].match(norm)
    if lead and not pats["benefit"].search(norm):
        # "gratis (SKCK di kepolisian dikenakan PNBP Rp 30.000)": the fee is stated first; an amount after it
        # is about something else
        return {"amount": 0, "free": True, "regulation": None, "text": trim(text, 200)}
    amount = next((value for _, value in _amounts(text)), None)
    free = False
    if amount is None and pats["free"].search(norm) and not pats["benefit"].search(norm):
        amount, free = 0, True
    elif amount == 0:
        free = True
    regulation = None
    ref = _REG_REF.search(text)
    if ref:
        regulation = trim(ref.group(1).strip(" ,.;"), 160)
    elif pats["regulation"].search(norm):
        m = pats["regulation"].search(norm)
        regulation = trim(norm[m.start():], 160)
    if amount is None and regulation is None:
        return None
    return {"amount": amount, "free": free, "regulation": regulation, "text": trim(text, 200)}


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        lines = f.lines(max_blocks=6)
        value = None
        if lines and normalise(lines[0]) in _pat()["free_exact"]:
            # "Retribusi | Tidak ada": under a fee label, "none" is the fee
            out.append(make(COMPONENT, section, f, {"amount": 0, "free": True, "regulation": None,
                                                    "text": trim(lines[0], 200)}, ctx))
            continue
        for line in lines[:8]:
            value = parse(line)
            if value is not None:
                break
        if value is None and lines and _pat()["free"].match(normalise(strip_numbering(lines[0]))):
            # under a fee label, "1. Gratis bagi Pasien Peserta JKN-KIS/BPJS" is the fee, for whom it is free
            # (outside one, "gratis bagi" describes a benefit)
            value = {"amount": 0, "free": True, "regulation": None, "text": trim(lines[0], 200)}
        if value is None and lines:
            value = parse(" ".join(lines[:8]))
        if value is not None:
            out.append(make(COMPONENT, section, f, value, ctx))
    if out:
        return out
    # no fee field: a step or a requirement that says what to pay ("Membayar PNBP SKCK Rp 30 ribu",
    # "Pasien membayar retribusi Rp 3.000")
    for f in section.of("prosedur") + section.of("persyaratan"):
        lines = f.lines()
        for i, line in enumerate(lines):
            if _PAYS.search(normalise(line)):
                # "3. Membayar biaya PNBP sebesar :" announces the amounts on the lines under it
                said = [line] + (lines[i + 1:i + 4] if line.rstrip().endswith(":") else [])
                for text in said:
                    value = parse(text)
                    if value is not None and value["amount"] is not None:
                        return [make(COMPONENT, section, f, value, ctx, snippet=trim(" ".join(said)),
                                     confidence=0.8)]
    return out


_PAYS = re.compile(r"(?<![0-9a-z])(?:membayar|bayar|dibayar|pembayaran|biaya|tarif|retribusi|pnbp)(?![0-9a-z])")

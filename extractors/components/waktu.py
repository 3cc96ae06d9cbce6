"""waktu: the time the whole service takes, as amount + unit.

parse("1 (satu) hari kerja") -> {"amount": 1, "unit": "working_days", ...}; "14 HK" -> 14 working_days;
"15 menit" -> 15 minutes; "1 x 24 jam" -> 24 hours; "selesai di tempat" -> unit "on_the_spot".
A range ("5–7 HK", "15 - 20 menit", "3 s.d. 5 hari kerja") is extracted as its upper bound: the longest the
unit commits to (docs/labels.md labels it the same way).
Not waktu: opening hours ("Senin-Jumat 08.00-15.00"), validity ("berlaku 5 tahun"), a citizen's deadline
("wajib dilaporkan paling lambat 60 hari sejak kelahiran").
"""

from __future__ import annotations

import math
import re

from ..fields import Section
from ..vocab import VocabularyMemo, cached, normalise, phrase_regex
from .base import Context, make, trim

COMPONENT = "waktu"
_DECIMAL = re.compile(r"(\d)[.,](\d)(?!\d)")
_TIMES = re.compile(r"(\d)\s*[xX×]\s*(\d)")
_GLUED = re.compile(r"(\d)([A-Za-z]{3,})")
# the words between a range's two ends, normalised ("3 s.d. 5", "15 menit hingga 1 hari kerja")
_RANGE_WORDS = "s d|sd|sampai dengan|sampai|hingga"
_RANGE_TO = re.compile(rf" (?:{_RANGE_WORDS}) ")


def _patterns(v):
    w = v.get("waktu") or {}
    units = {normalise(k): val for k, val in (w.get("units") or {}).items()}
    minutes = {k: float(val) for k, val in (w.get("unit_minutes") or {}).items()}
    unweighed = sorted(set(units.values()) - set(minutes))
    if unweighed:  # a range's longer end is read by these weights: a unit without one would weigh nothing
        raise ValueError(f"vocabulary.yaml waktu.unit_minutes has no weight for {', '.join(unweighed)}")
    words = {normalise(k): float(val) for k, val in (w.get("number_words") or {}).items()}
    unit_alt = "|".join(re.escape(u).replace(r"\ ", " ") for u in sorted(units, key=len, reverse=True))
    word_alt = "|".join(re.escape(u).replace(r"\ ", " ") for u in sorted(words, key=len, reverse=True))
    num = rf"(\d+(?: koma \d+)?|{word_alt})"
    # a number spelled out after the figure, in any spelling: "30 (tigapuluh)", "3 (tiga puluh)"
    # (bounded: an unbounded [a-z]* backtracks quadratically over a hostile page's 100,000-letter "word")
    spelled = rf"(?:{word_alt}|[a-z]{{0,12}}(?:puluh|belas|ratus)[a-z]{{0,12}})"
    # normalised text: "1 (satu) hari kerja" -> "1 satu hari kerja"; "3-5 hari" -> "3 5 hari"
    duration = re.compile(
        rf"(?<![0-9a-z]){num}(?: {spelled}){{0,4}}(?: (?:{_RANGE_WORDS}|atau|-))?(?: (\d+)(?: {spelled}){{0,4}})?"
        rf" ({unit_alt})(?![0-9a-z])"
    )
    times = re.compile(rf"(?<![0-9a-z])(\d+) x (\d+) ({unit_alt})(?![0-9a-z])")
    return {
        "units": units,
        "minutes": minutes,
        "words": words,
        "duration": duration,
        "times": times,
        "convert": w.get("convert") or {},
        "spot": phrase_regex(w.get("on_the_spot") or []),
        "negative": phrase_regex(w.get("negative_cues") or []),
        "service_clock": phrase_regex(w.get("service_clock") or []),
        "step_completion": phrase_regex(w.get("step_completion") or []),
        "payment_step": phrase_regex(w.get("payment_step") or []),
        "step_duration": phrase_regex(w.get("step_duration") or []),
        "timed_subject": phrase_regex([*(w.get("step_duration_subjects") or []),
                                       *((v.get("produk_in_steps") or {}).get("nouns") or [])]),
        "process": phrase_regex((v.get("prose_cues") or {}).get("waktu") or []),
    }


_pat = cached(_patterns)


def _number(token: str, words: dict) -> float | None:
    token = token.strip()
    if token in words:
        return words[token]
    if " koma " in token:
        whole, frac = token.split(" koma ", 1)
        return float(f"{whole}.{frac}")
    return float(token) if token.isdigit() else None


def _upper_bound(norm: str, m: re.Match, amount: float | None, unit: str, p: dict) -> tuple[float | None, str]:
    # a range whose ends have their own units ("15 menit hingga 1 hari kerja") ends at its longer end:
    # labels (docs/labels.md) and extraction take a range's upper bound
    to = _RANGE_TO.match(norm, m.end())
    nxt = p["duration"].match(norm, to.end()) if to else None
    if amount is None or nxt is None:
        return amount, unit
    other = _number(nxt.group(2) or nxt.group(1), p["words"])
    other_unit = p["units"][nxt.group(3)]
    if other is not None and other * p["minutes"][other_unit] > amount * p["minutes"][unit]:
        return other, other_unit
    return amount, unit


def parse(text: str) -> dict | None:
    """Normalise a duration text; None when it is not a service duration."""
    return _PARSED.parsed(text, _parse)


# The same duration texts are parsed again and again (each field's lines by the finder, prose and the segmenter; a site
# repeats its standards): remembered per text, 4,096 texts of at most 300 characters. The value holds only numbers,
# strings and None, so a shallow copy is a fresh value.
_PARSED = VocabularyMemo(entries=4096, chars=300)


_NEGATIONS = frozenset({"tidak", "belum", "bukan", "tak"})


def _parse(text: str) -> dict | None:
    """parse, computed."""
    if not text or not text.strip():
        return None
    p = _pat()
    text = _GLUED.sub(r"\1 \2", _TIMES.sub(r"\1 x \2", text))  # "2x24jam" -> "2 x 24 jam"
    norm = normalise(_DECIMAL.sub(r"\1 koma \2", text))
    spot = p["spot"].search(norm)
    if spot and _NEGATIONS & set(norm[: spot.start()].rsplit(None, 3)[-3:]):  # the three words before it
        spot = None  # "belum dapat langsung diterbitkan pada hari itu juga", "tidak akan langsung jadi"
    neg = p["negative"].search(norm)
    if neg and p["service_clock"].search(norm):
        neg = None  # "1 hari sejak tanggal diterimanya berkas": the clock starts at the application
    m_times = p["times"].search(norm)
    m = p["duration"].search(norm)
    candidates = []
    if m_times:
        unit = p["units"][m_times.group(3)]
        candidates.append((m_times.start(), float(m_times.group(1)) * float(m_times.group(2)), unit))
    if m:
        amount = _number(m.group(1), p["words"])
        upper = _number(m.group(2), p["words"]) if m.group(2) else None
        if upper is not None and amount is not None and upper > amount:
            amount = upper
        unit = p["units"][m.group(3)]
        amount, unit = _upper_bound(norm, m, amount, unit, p)
        if amount is not None and not (m_times and m_times.start() <= m.start() < m_times.end()):
            candidates.append((m.start(), amount, unit))
    if spot and (not candidates or spot.start() < min(c[0] for c in candidates)):
        if neg and neg.start() < spot.start():
            return None
        return {"amount": None, "unit": "on_the_spot", "text": trim(text, 200)}
    if not candidates:
        return None
    start, amount, unit = min(candidates)
    if neg and (neg.start() < start or abs(neg.start() - start) < 30):
        return None
    if unit in p["convert"]:
        factor, unit = p["convert"][unit]
        amount *= factor
    if not math.isfinite(amount) or amount <= 0 or amount > 1000:  # ("9…9 x 0 hari": inf, and 0 × inf is NaN)
        return None
    if amount == int(amount):
        amount = float(int(amount))
    return {"amount": amount, "unit": unit, "text": trim(text, 200)}


def runs_from_application(text: str) -> bool:
    """The text counts time from the application ("… 1 (satu) hari sejak berkas pengajuan diterima")."""
    return bool(_pat()["service_clock"].search(normalise(text)))


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        lines = f.lines(max_blocks=6)
        value = None
        for line in lines[:8]:
            value = parse(line)
            if value is not None:
                break
        if value is not None:
            out.append(make(COMPONENT, section, f, value, ctx))
    if out:
        return out
    # no waktu field: a step often says how long the service takes ("6. Paspor dapat diambil setelah selesai
    # (biasanya 3-4 hari kerja)", "Penerbitan ID rekomendasi: maksimal 2 hari kerja")
    for f in section.of("prosedur"):
        for line in f.items():
            norm = normalise(line)
            # a step that finishes the service, or the service's process timed from the complete application
            # ("Proses pembuatan Akta Perceraian paling lambat 3 (tiga) hari kerja setelah persyaratan dinyatakan
            # lengkap"; not "keberatan paling lambat 14 hari sejak diterimanya berkas", a deadline of the applicant's)
            if (_pat()["step_completion"].search(norm) or _times_the_service(norm)
                    or _pat()["service_clock"].search(norm) and _pat()["process"].search(norm)) \
                    and not _pat()["payment_step"].search(norm):
                value = parse(line)
                if value is not None:
                    return [make(COMPONENT, section, f, value, ctx, snippet=line[:300], confidence=0.8)]
    return out


def _times_the_service(norm: str) -> bool:
    """ "Proses pembuatan hanya membutuhkan waktu 15 menit", "KTP-el jadi dalam waktu 7 hari": a step that says how
    long the process or the product takes, named before the phrase (not "antrean membutuhkan waktu 2 jam")."""
    m = _pat()["step_duration"].search(norm)
    return m is not None and _pat()["timed_subject"].search(norm[: m.start()]) is not None

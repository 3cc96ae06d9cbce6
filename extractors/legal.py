"""Decrees and regulations named in a page's text: "Keputusan Camat Candipuro Nomor : 05 Tahun 2017 tentang
Standar Pelayanan", "Perbup No 5/2018", "UU 25/2009", "KepmenPAN 63/KEP/M.PAN/7/2003".

Pure: text in, dataclasses out. Two readers:
  decrees_in(text)          every decree/regulation with a number and a year, and whether it is the one that
                            SETS a standard (its subject is the standar pelayanan / SOP / maklumat) or just one
                            cited (a "Dasar Hukum" entry, a news post quoting UU 25/2009);
  match_regulations(text, decrees, regulations)
                            those of them in a list of known regulations (in force, amended or repealed),
                            with what replaced them; scoring.legal.cited_regulations(text) passes the list
                            config/legal.yaml holds (extractors never import scoring).

How a decree is found: every "Nomor"/"No." (or an abbreviation directly followed by a number, "UU 25/2009") is
an anchor; the nearest decree-kind word before it (within a short heading, no digits or list punctuation in
between) names the kind; the year comes from "Tahun YYYY" after the number, a trailing "/YYYY" in the number,
or a "tanggal 2 Januari 2016" date just after. No kind or no year: not a decree ("Nomor HP 0812…", "Lembaran
Negara … Nomor 112", "Tahun Anggaran 2016"). Every regular expression is bounded and the text is capped, so
hostile pages cost linear time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from collections.abc import Iterable, Sequence

from .vocab import MONTHS

MAX_TEXT = 2_000_000  # characters read per page: decrees sit in headings and Dasar Hukum lists, not at 2 MB
MAX_ANCHORS = 5_000  # "Nomor"s examined per page: ~0.2 ms each, so a hostile page costs ~1 s at most
MAX_DECREES = 300
LOOKBACK = 160  # characters before "Nomor" searched for the decree kind
SNIPPET_MAX = 240
ABOUT_MAX = 150
BASIS_LOOKBACK = 6_000  # characters before a citation searched for a "Dasar Hukum"/"Mengingat" heading
MIN_YEAR, MAX_YEAR = 1945, 2100

# (kind, pattern), most specific first: at one position the first alternative that matches wins.
_KINDS: tuple[tuple[str, str], ...] = (
    ("keputusan_kepala", r"(?:surat\s+)?keputusan\s+kepala|\bsk\s+(?:kepala|kadis)\b"),
    ("keputusan_camat", r"(?:surat\s+)?keputusan\s+camat|\bsk\s+camat\b"),
    ("keputusan_lurah", r"(?:surat\s+)?keputusan\s+(?:lurah|kepala\s+desa|perbekel)|\bsk\s+(?:lurah|kades)\b"),
    ("keputusan_bupati", r"(?:surat\s+)?keputusan\s+bupati|\bkepbup\b|\bsk\s+bupati\b"),
    ("keputusan_walikota", r"(?:surat\s+)?keputusan\s+wali\s*kota|\bkepwal(?:i|kot)?\b|\bsk\s+wali\s*kota\b"),
    ("keputusan_gubernur", r"(?:surat\s+)?keputusan\s+gubernur|\bkepgub\b|\bsk\s+gubernur\b"),
    ("keputusan_menteri", r"(?:surat\s+)?keputusan\s+menteri|\bkepmen[a-z]*\b"),
    ("keputusan_presiden", r"keputusan\s+presiden|\bkeppres\b"),
    ("peraturan_menteri", r"peraturan\s+menteri|\bpermen[a-z]*\b"),
    ("peraturan_presiden", r"peraturan\s+presiden|\bperpres\b"),
    ("peraturan_pemerintah", r"peraturan\s+pemerintah|\bpp\b"),
    ("peraturan_daerah", r"peraturan\s+daerah|\bperda\b"),
    ("peraturan_bupati", r"peraturan\s+bupati|\bperbup\b"),
    ("peraturan_walikota", r"peraturan\s+wali\s*kota|\bperwal(?:i|kot)?\b"),
    ("peraturan_gubernur", r"peraturan\s+gubernur|\bpergub\b"),
    ("peraturan_desa", r"peraturan\s+(?:desa|kepala\s+desa)|\bperdes\b"),
    ("peraturan_lembaga", r"peraturan\s+(?:komisi|kepala|ketua|lembaga|badan|mahkamah)"),
    ("undang_undang", r"undang\s*[-\u2013\u2014]\s*undang|undang\s+undang|\buu\b"),
    ("keputusan", r"surat\s+keputusan|\bkeputusan\b|\bsk\b"),
)
_KIND_RE = re.compile("|".join(f"(?P<k{i}>{p})" for i, (_, p) in enumerate(_KINDS)), re.IGNORECASE)
KINDS = tuple(k for k, _ in _KINDS)
# National laws and regulations set rules, not one office's standard: a "Peraturan Komisi Informasi … tentang
# Standar Layanan" quoted on a PPID page is not the page's own standard.
NATIONAL_KINDS = frozenset({"undang_undang", "peraturan_pemerintah", "peraturan_presiden", "keputusan_presiden",
                            "peraturan_lembaga"})

# An anchor: "Nomor"/"No."/"Nomer"/"N0" then the number, or an abbreviation right before a number ("UU 25/2009").
_ANCHOR = re.compile(
    r"\b(?:nomor|nomer|no|n0)(?![a-z])\.?[ \t]*:?[ \t]*"
    r"|\b(?P<abbr>uu|pp|perpres|keppres|perbup|perda|perwali?|pergub|permen[a-z]{0,12}|kepmen[a-z]{0,12})\b"
    r"\.?[ \t]*(?=[0-9])",
    re.IGNORECASE,
)
# The number: "12", "470/123/2016", "63/KEP/M.PAN/7/2003", "Kep/25/M,PAN/2/2004", "04.a/09/01/2020", and with
# spaces around its slashes as typed in many SKs: "470 / 2043 / I / DUKCAPIL / 2017", "800/210 /IV.12/2020".
_NUMBER = re.compile(r"(?:[A-Za-z]{1,6}[ \t]?[/.][ \t]?)?[0-9][0-9A-Za-z.,-]{0,24}"
                     r"(?:[ \t]?/[ \t]?[0-9A-Za-z][0-9A-Za-z.,-]{0,24}){0,8}")
_SLASH_SPACES = re.compile(r"[ \t]*/[ \t]*")
_YEAR_AFTER = re.compile(r"[ \t]*,?[ \t\r\n]*(?:tahun|thn\.?)[ \t\r\n]*:?[ \t]*((?:19|20)[0-9]{2})(?![0-9])",
                         re.IGNORECASE)
_TRAILING_YEAR = re.compile(r"[/-]((?:19|20)[0-9]{2})$")
_DATE_AFTER = re.compile(
    rf"\btanggal\b[ \t\r\n]*:?[ \t\r\n]*[0-9]{{1,2}}[ \t]+(?:{MONTHS})\.?[ \t]+((?:19|20)[0-9]{{2}})(?![0-9])",
    re.IGNORECASE)
_ABOUT = re.compile(r"\btentang\b[\s:]*", re.IGNORECASE)
# Between the kind word and "Nomor": a heading of names ("Kepala Dinas Kependudukan … Kabupaten Lampung Timur"),
# never digits, list punctuation or the words that introduce another reference.
_FILLER_BREAK = re.compile(r"[0-9;()]|\b(?:lembaran|berita|tambahan|tentang|nomor|pasal)\b", re.IGNORECASE)
_ABOUT_STOP = re.compile(
    r";|\(|\bMenimbang\b|\bDENGAN RAHMAT\b|\bsebagaimana\b|\bNomor\b|\bNo\.|\bLembaran\b|\bMengingat\b"
    r"|\btanggal\b|\bditetapkan\b|\bUkuran:|\bDownload\b|\bPERSYARATAN\b|\s[0-9]{1,2}[.)]\s"
    r"|\b(?:Undang|Peraturan|Keputusan|WALIKOTA|BUPATI|GUBERNUR)\b|\b(?-i:KEPALA DINAS|MENTERI)\b",
    re.IGNORECASE)
_SETS_STANDARD = re.compile(r"\bstandar[dt]?\s+(?:pelayanan|layanan|operasional)|\bsop\b|\bmaklumat\b",
                            re.IGNORECASE)
_NOT_A_STANDARD = re.compile(r"\b(?:minimal|pedoman|petunjuk|penyusunan|nasional|tarif|kompetensi)\b",
                             re.IGNORECASE)
_BASIS_HEADING = re.compile(r"\bdasar\s+hukum\b|\bmengingat\b|\blandasan\s+hukum\b|\bdasar\s+pelaksanaan\b",
                            re.IGNORECASE)
_SPACES = re.compile(r"\s+")
_LEADING_DIGITS = re.compile(r"[0-9]+")


@dataclass(frozen=True)
class Decree:
    """A decree or regulation named with its number and year.

    kind: one of KINDS ("keputusan_kepala", "peraturan_bupati", "undang_undang", …)
    number: as written ("470/123/2016", "12", "" when the page leaves it blank: "NOMOR TAHUN 2018")
    about: the subject after "tentang", whitespace collapsed ("" when none)
    sets_standard: the subject is a service standard / SOP / maklumat (not a guideline for writing one, not
        a minimum-service standard (SPM)): this decree is the one that sets the page's standard
    issuer: the heading from the kind word to "Nomor" ("Keputusan Menteri Pendayagunaan Aparatur Negara")
    offset: where the heading starts in the text
    """

    kind: str
    number: str
    year: int
    about: str
    snippet: str
    sets_standard: bool
    issuer: str = ""
    offset: int = 0


@dataclass(frozen=True)
class RegulationSpec:
    """One regulation config/legal.yaml knows (scoring/legal.py reads and validates the file)."""

    key: str
    label: str
    kinds: tuple[str, ...]
    number: str
    year: int
    role: str  # standard_basis | other
    status: str  # in_force | amended | superseded | repealed
    repealed_by: str | None
    confidence: str  # high | medium | low
    issuer: tuple[str, ...] = ()
    amended_by: str | None = None


@dataclass(frozen=True)
class Citation:
    """A regulation from config/legal.yaml found in the text.

    repealed_by: what replaced it (None while in force or only amended)
    in_basis_list: it sits under a "Dasar Hukum"/"Mengingat" heading (a basis the page relies on, not a
        mention in prose)
    """

    key: str
    label: str
    year: int | None
    repealed_by: str | None
    snippet: str
    status: str = "in_force"
    confidence: str = "high"
    role: str = "other"
    in_basis_list: bool = False


def _collapse(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


def _kind_before(text: str, anchor: int) -> tuple[str, int, str] | None:
    """The decree kind named in the heading just before `anchor`: (kind, heading start, heading text)."""
    start = max(0, anchor - LOOKBACK)
    window = text[start:anchor]
    # the kind word follows the last digit or list punctuation (a filler never holds one): skip what precedes
    # it, with plain string searches, so that the kind pattern runs over a few characters, not 160
    cut = max(window.rfind(c) for c in "0123456789;()") + 1
    start, window = start + cut, window[cut:]
    last = None
    for m in _KIND_RE.finditer(window):
        last = m
    if last is None:
        return None
    filler = window[last.end():]
    if _FILLER_BREAK.search(filler) or len(_collapse(filler)) > 120:
        return None
    kind = KINDS[int(last.lastgroup[1:])]
    return kind, start + last.start(), _collapse(window[last.start():])


def _year(text: str, number: str, after: int) -> tuple[int | None, int]:
    """The decree's year and where the reference ends: "Tahun YYYY" after the number, else a trailing
    "/YYYY" in it, else a "tanggal 2 Januari 2016" within the next ~120 characters."""
    m = _YEAR_AFTER.match(text, after, min(len(text), after + 40))
    if m:
        return int(m.group(1)), m.end()
    m = _TRAILING_YEAR.search(number)
    if m:
        return int(m.group(1)), after
    m = _DATE_AFTER.search(text, after, min(len(text), after + 120))
    if m and not _ANCHOR.search(text, after, m.start()):
        return int(m.group(1)), after
    return None, after


def _about(text: str, end: int) -> tuple[str, int]:
    """The subject after "tentang" when it follows the reference closely (no other "Nomor" in between)."""
    stop = min(len(text), end + 200)
    m = _ABOUT.search(text, end, stop)
    if not m or _ANCHOR.search(text, end, m.start()):
        return "", end
    raw = _collapse(text[m.end():m.end() + 4 * ABOUT_MAX])
    cut = _ABOUT_STOP.search(raw)
    about = raw[:cut.start()] if cut else raw
    about = about[:ABOUT_MAX].rstrip(" ,.:-")
    return about, m.end() + len(about)


def _sets_standard(about: str) -> bool:
    head = about[:80]
    return bool(_SETS_STANDARD.search(head)) and not _NOT_A_STANDARD.search(head)


def _number_at(text: str, pos: int) -> tuple[str, int]:
    """The decree number at `pos`, slashes unspaced, and where it ends in `text`."""
    m = _NUMBER.match(text, pos, min(len(text), pos + 120))
    if not m:
        return "", pos
    raw = m.group(0).rstrip(".,-/ \t")
    return _SLASH_SPACES.sub("/", raw), pos + len(raw)


def decrees_in(text: str) -> list[Decree]:
    """Every decree/regulation in `text` with a kind, a number (possibly blank) and a year, in page order, one
    per (kind, number, year) — the first occurrence, or the first that sets a standard if a later one does."""
    text = (text or "")[:MAX_TEXT]
    found: dict[tuple[str, str, int], Decree] = {}
    for n, anchor in enumerate(_ANCHOR.finditer(text)):
        if n >= MAX_ANCHORS or len(found) >= MAX_DECREES:
            break
        number, after = _number_at(text, anchor.end())
        if not number and not _YEAR_AFTER.match(text, anchor.end(), anchor.end() + 40):
            continue  # "Nomor HP …", "Nomor Induk …": no number, no year
        # an abbreviation anchor ("UU 25/2009") names the kind itself; "Nomor" takes it from the heading before
        kind_hit = _kind_before(text, anchor.end("abbr") if anchor.group("abbr") else anchor.start())
        if kind_hit is None:
            continue
        kind, start, issuer = kind_hit
        year, end = _year(text, number, after)
        if year is None or not MIN_YEAR <= year <= MAX_YEAR:
            continue
        about, end = _about(text, end)
        snippet = _collapse(text[start:end])[:SNIPPET_MAX]
        decree = Decree(kind=kind, number=number, year=year, about=about, snippet=snippet,
                        sets_standard=kind not in NATIONAL_KINDS and _sets_standard(about),
                        issuer=issuer, offset=start)
        key = (kind, number.lower(), year)
        old = found.get(key)
        if old is None or (decree.sets_standard and not old.sets_standard):
            found[key] = decree
    return sorted(found.values(), key=lambda d: d.offset)


def _leading_number(number: str) -> str:
    m = _LEADING_DIGITS.search(number)
    return (m.group(0).lstrip("0") or "0") if m else ""


def _issuer_matches(spec: RegulationSpec, decree: Decree) -> bool:
    if not spec.issuer:
        return True
    words = "|".join(re.escape(w.lower()) for w in spec.issuer)
    return re.search(rf"\b(?:{words})", f"{decree.issuer} {decree.number}".lower()) is not None


def in_basis_list(text: str, offset: int) -> bool:
    """True when a "Dasar Hukum"/"Mengingat" heading precedes `offset` closely: the reference is a basis the
    page relies on, not a mention in prose."""
    return _BASIS_HEADING.search(text, max(0, offset - BASIS_LOOKBACK), offset) is not None


def match_regulations(text: str, decrees: Iterable[Decree],
                      regulations: Sequence[RegulationSpec]) -> list[Citation]:
    """The `regulations` among `decrees` (found in `text`), one Citation per regulation, in page order."""
    text = (text or "")[:MAX_TEXT]
    out: dict[str, Citation] = {}
    for decree in decrees:
        for spec in regulations:
            if (decree.kind in spec.kinds and decree.year == spec.year
                    and _leading_number(decree.number) == spec.number.lstrip("0")
                    and _issuer_matches(spec, decree)):
                basis = in_basis_list(text, decree.offset)
                old = out.get(spec.key)
                if old is None or (basis and not old.in_basis_list):
                    out[spec.key] = Citation(
                        key=spec.key, label=spec.label, year=spec.year,
                        repealed_by=spec.repealed_by if spec.status in ("superseded", "repealed") else None,
                        snippet=decree.snippet, status=spec.status, confidence=spec.confidence,
                        role=spec.role, in_basis_list=basis)
    return list(out.values())

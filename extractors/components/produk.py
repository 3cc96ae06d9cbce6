"""produk: the product of the service, by name ("KTP-el", "Akta Kelahiran", "Izin Usaha …")."""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import islice

from ..fields import Section, split_items
from ..vocab import cached, may_match, normalise, phrase_regex, strip_numbering, vocabulary, word_set
from .base import Context, make

COMPONENT = "produk"
MAX_WORDS = 16
_LETTER = re.compile(r"[A-Za-z]")


def parse(lines: list[str], named: bool = False) -> dict | None:
    """The product's name(s) under a produk label. named: the label says "produk"/"output" (not a bare "Hasil",
    which also opens sentences), so a long value may still be names: a list run together with commas
    ("Pelayanan rawat jalan, klinik THT, klinik Syaraf, …") or one name with its qualification ("Tera dan tera
    ulang alat UTTP sesuai dengan Surat Keterangan …")."""
    names = []
    for line in lines[:6]:
        for item in split_items(line):
            item = _COPULA.sub("", item.strip(" .;,"))  # "Hasil layanan berupa Akta …": the name after "berupa"
            if not _LETTER.search(item) or normalise(item) in ("tidak ada", "none"):
                continue
            if len(item.split()) > MAX_WORDS:
                if not names and named and (shorter := _names_in_long(item)):
                    names.extend(shorter)
                    break
                if not names:
                    return None  # a sentence, not a product's name
                break
            names.append(item)
        if len(names) >= 3:
            break
    if not names:
        return None
    return {"name": "; ".join(names[:3])}


# the words that join a result to its name ("Hasil layanan berupa …", "Produk yang dihasilkan adalah …")
_COPULAS = "adalah|berupa|yaitu|yakni|ialah"
_COPULA = re.compile(rf"^(?:(?:{_COPULAS})\s+)+(?=\S)", re.IGNORECASE)
_ENUMERATION = re.compile(r"\s*[,;]\s*|\.\s+")
_QUALIFIER = re.compile(r"\s+(?:sesuai|berdasarkan)\s", re.IGNORECASE)
_named_label = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("named_labels") or []))


def _names_in_long(item: str) -> list[str]:
    """A long produk value that is still names: three or more short parts between commas, or a name of at most
    eight words before "sesuai/berdasarkan …"; [] for a sentence."""
    parts = [p.strip(" .") for p in _ENUMERATION.split(item) if p.strip(" .")]
    if len(parts) >= 3 and all(len(p.split()) <= 6 for p in parts):
        return parts
    m = _QUALIFIER.search(item)
    if m and len(item[: m.start()].split()) <= 8 and "," not in item[: m.start()]:
        return [item[: m.start()]]
    return []


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        if _compound_result(f, ctx):
            # "Hasil akhir pelayanan adalah Surat Izin …" opening a sentence: no label, but it may still say the
            # product; on a list's line only the service's result ("3. Hasil akhir pelayanan adalah …", not "2. Hasil
            # uji kompetensi berupa sertifikat …", a requirement)
            sentence = f"{f.label} {f.inline}"
            if (f.kind == "sentence" or _SERVICE_RESULT.match(normalise(sentence))) and (name := from_step(sentence)):
                out.append(make(COMPONENT, section, f, {"name": name}, ctx, snippet=sentence[:300], confidence=0.8))
            continue
        if _restated_action(f, section, ctx):
            continue
        value = parse(f.lines(max_blocks=4), named=bool(_named_label().search(normalise(f.label))))
        if value is not None:
            out.append(make(COMPONENT, section, f, value, ctx))
    if out:
        return out
    # no produk field: the steps (or a note under another field) often say what is issued or handed over
    # ("… menerbitkan Kutipan Akta Kelahiran", "Dokumen Kartu Keluarga diserahkan kepada pemohon")
    for f in section.fields:
        for line in f.items():  # one step at a time: a table cell holds "1. … 11. Petugas menyerahkan …"
            # a requirements list hands things in ("Menyerahkan fotokopi KTP"); only steps it swallowed say what
            # the applicant receives ("Pemohon mengambil SKD di kantor desa")
            name = from_step(line, received_only=f.cls == "persyaratan")
            if name:
                return [make(COMPONENT, section, f, {"name": name}, ctx, snippet=line[:300], confidence=0.8)]
    return out


_SERVICE_RESULT = re.compile(r"hasil (?:akhir )?(?:dari )?(?:pelayanan|layanan)(?![0-9a-z])")
_RESULT_OF = re.compile(r"^hasil\s+[^\s:|\-–]", re.IGNORECASE)


def _compound_result(f, ctx: Context) -> bool:
    """ "a. Hasil studi Kelayakan" in a list of requirements, "Hasil rapat koordinasi akan disampaikan …" opening
    a sentence: "Hasil" run into its noun with no separator is the result of a study, a test or a meeting, not a
    "Hasil:" label."""
    if normalise(f.label) != "hasil" or f.kind not in ("line", "sentence") or not f.inline \
            or not 0 <= f.index < len(ctx.page.blocks):
        return False
    text = strip_numbering(ctx.page.blocks[f.index].text).strip()
    if f.kind == "line":
        return bool(_RESULT_OF.match(text))
    return re.search(rf"(?i)(?:^|[.!?:;]\s*)[\"'“‘(]?hasil\s+{re.escape(f.inline.split()[0])}", text) is not None


@lru_cache(maxsize=1)
def _actions() -> re.Pattern:
    return phrase_regex((vocabulary().get("produk_in_steps") or {}).get("actions") or [], prefix="^")


def _restated_action(f, section: Section, ctx: Context) -> bool:
    """An unlabelled product slot (SIPPN's layout with its labels stripped) that only repeats the service's
    title, and the title names an act ("Legalisasi Surat Keterangan Tidak Mampu", "Pengesahan …"): the page
    does not say what the applicant receives. A title that names a document ("Surat Pengantar Nikah") does.
    The title: the section's name, the page's, or the page's first line (a page read without its <title>)."""
    if f.kind != "slot":
        return False
    value = normalise(f.text(max_blocks=2))
    if not value or not _actions().search(value):
        return False
    first = ctx.page.blocks[0].text if ctx.page.blocks else ""
    return value in {normalise(t) for t in (section.name, ctx.page.title, first) if t}


# the step's subject is the applicant: what follows "menyerahkan" is handed in, not issued
_APPLICANT_HANDS_IN = re.compile(r"(?<![0-9a-z])(?:pemohon|pihak|pelapor|warga|masyarakat|pasien|peserta|"
                                 r"pendaftar|pengguna|calon)(?![0-9a-z])")


def _word_set(key: str):
    return word_set("produk_in_steps", key)


_handing = _word_set("handing")
_sending = _word_set("sending")
_obtaining = _word_set("obtaining")
_numerals = _word_set("copy_numerals")
_copies = _word_set("copy_units")
# words right before a verb that leave it without a subject: the step is the applicant's imperative
_no_subject = _word_set("no_subject")


def _recipients(v, key: str) -> str:
    """The pattern of a produk_in_steps list of recipients, right after "kepada ": no left boundary."""
    return phrase_regex((v.get("produk_in_steps") or {}).get(key) or [], prefix="").pattern


_to_applicant = cached(lambda v: re.compile(r"^(?:[0-9a-z]+ ){0,10}?(?:kepada|ke) " + _recipients(v, "to_applicant")))
# after the verb: a numbered regulation ("menerbitkan Keputusan Menteri … Nomor 061-3755 Tahun 2014 tentang …"),
# or an internal note addressed to an official ("menerbitkan rekomendasi … kepada Kepala DPMPTSP")
_not_for_applicant = cached(lambda v: re.compile(
    r"^(?:[0-9a-z]+ ){0,8}?(?:nomor|no) [0-9a-z]+(?: [0-9a-z]+){0,4}? tahun [0-9]{4}"
    # an intermediate letter the applicant takes on to another office ("Pemohon akan mendapatkan surat keterangan
    # yang akan diteruskan ke kantor Disdukcapil", "… surat pengantar untuk dibawa ke kecamatan")
    r"|^(?:[0-9a-z]+ ){0,6}?(?:yang akan |yang |untuk )(?:diteruskan|dibawa) ke "
    r"|^(?:[0-9a-z]+ ){0,10}?kepada " + _recipients(v, "to_official")))

# "hingga mendapatkan X", "sampai dengan terbitnya X", "sekaligus mendapatkan X": what the applicant gets
_until = cached(lambda v: re.compile(
    phrase_regex((v.get("produk_in_steps") or {}).get("until") or []).pattern + " "
    + phrase_regex((v.get("produk_in_steps") or {}).get("until_verbs") or [], prefix="").pattern))
_lead = _word_set("lead")
_bundle = _word_set("bundle")
_inputs = _word_set("inputs")
_not_products = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("not_products") or [],
                                              prefix="^"))
# the thing goes to an officer: handed in ("Surat pengantar diserahkan kepada petugas loket")
_to_officer = cached(lambda v: re.compile(r"^(?:[0-9a-z]+ ){0,10}?(?:kepada|ke) " + phrase_regex(
    [*((v.get("produk_in_steps") or {}).get("to_officer") or []),
     *((v.get("produk_in_steps") or {}).get("to_official") or [])], prefix="").pattern))
_applicant_bound = cached(lambda v: re.compile(r"(?<![0-9a-z])(?:kepada|ke) " + _recipients(v, "to_applicant")))
# "diserahkan oleh petugas kepada pemohon", "diserahkan langsung kepada pemohon": the name ends before the verb
_passive_to_applicant = cached(lambda v: re.compile(
    phrase_regex((v.get("produk_in_steps") or {}).get("handover_verbs") or []).pattern
    + r"(?: [0-9a-z]+){0,4}? (?:kepada|ke) " + _recipients(v, "to_applicant")))
# words between a name and its verb that are not the name ("KTP-el yang sudah jadi diserahkan …")
_tail = _word_set("tail")

_BARE_NOUNS = frozenset({"surat", "dokumen", "berkas", "kartu", "izin", "ijin", "sk", "bukti", "salinan",
                         "keputusan", "sertifikat", "rekomendasi"})
_NEGATIONS = (" tidak", " belum", " bukan", " tak")
# "tidak mendapatkan", "ingin mendapatkan": nothing received
_not_received = cached(lambda v: re.compile(
    phrase_regex((v.get("produk_in_steps") or {}).get("not_received") or []).pattern + r" (?:[0-9a-z]+ ){0,2}?"
    + phrase_regex((v.get("produk_in_steps") or {}).get("receive") or [], prefix="", suffix="").pattern + "$"))
_RESULT_HEADS = ("produk", "hasil", "output", "keluaran")
_RESULT = re.compile(rf"^(?:{'|'.join(_RESULT_HEADS)})(?: [a-z]+){{0,8}}? (?:{_COPULAS}|dalam bentuk)"
                     r"(?: berupa)?(?= )")

_DEFINES = re.compile(r"(?<![0-9a-z])(?:adalah|merupakan|ialah)(?![0-9a-z])")
_OFFICE = re.compile(r"(?<![0-9a-z])(?:dinas|kantor|instansi|petugas|kami)(?![0-9a-z])")
# "Dokumen kependudukan yang dihasilkan yaitu KK, …": what a service produces, said anywhere in a sentence
_OUTPUT_CLAUSE = re.compile(r"(?<![0-9a-z])(?:yang (?:dihasilkan|diterbitkan|diperoleh|didapat|didapatkan) "
                            rf"(?:{_COPULAS})(?: berupa)?"
                            r"|(?:diterbitkan|dikeluarkan|dicetak|diberikan) dalam bentuk)(?= )")


@lru_cache(maxsize=1)
def _step_patterns():
    v = vocabulary().get("produk_in_steps") or {}
    nouns = phrase_regex(v.get("nouns") or [], prefix="^")
    stop = frozenset(normalise(w) for w in v.get("stop") or [])
    issue = phrase_regex(v.get("issue") or [])
    handover = phrase_regex(v.get("handover") or [])
    # "pemohon menerima …", "Anda akan dipanggil untuk mengambil …": up to three words between
    # or a clause on "yang" between ("Setiap pemustaka yang telah memenuhi ketentuan diatas akan mendapatkan …")
    receive = re.compile(phrase_regex(v.get("receivers") or []).pattern
                         + r"(?:(?: +[0-9a-z]+){0,3}?| +yang(?: +[0-9a-z]+){1,12}?) +"
                         + phrase_regex(v.get("receive") or []).pattern)
    return nouns, stop, issue, handover, receive


# each verb read costs a pass over the line's text before it: a step names its product in its first few verbs, and
# a hostile line repeating one thousands of times must not make the reading quadratic
_MAX_VERBS_READ = 50


@lru_cache(maxsize=1)
def _receive_verbs() -> re.Pattern:
    return phrase_regex((vocabulary().get("produk_in_steps") or {}).get("receive_step") or [])


@lru_cache(maxsize=1)
def _cue() -> re.Pattern:
    v = vocabulary().get("produk_in_steps") or {}
    return phrase_regex([*(v.get("issue") or []), *(v.get("handover") or []), *(v.get("receive") or []),
                         *_RESULT_HEADS])


def may_name_product(norm: str, words: list[str] | None = None) -> bool:
    """Cheap test on normalised text: without one of from_step's verbs or a result word, from_step finds
    nothing. words: norm.split(), when the caller has it (the search runs only where a word opens a cue)."""
    cue = _cue()
    return may_match(cue, norm.split() if words is None else words) and bool(cue.search(norm))


def from_step(line: str, received_only: bool = False) -> str | None:
    """The product a step names, or None: what is issued ("menerbitkan X"), received by the applicant
    ("pemohon menerima X") or handed over ("X diserahkan kepada pemohon"). received_only: only what the
    applicant receives, and not from another office ("Pemohon mendapatkan surat pengantar dari RT" is a
    requirement)."""
    nouns, stop, issue, handover, receive = _step_patterns()
    words, norm_words = _aligned_words(line)
    norm = " ".join(norm_words)
    bundle_ok = bool(_applicant_bound().search(norm))  # "penyerahan berkas SKD kepada pemohon": "berkas" goes out
    candidates = []
    for rx in (receive, issue):
        for m in islice(rx.finditer(norm), _MAX_VERBS_READ):
            if received_only and rx is issue and not (
                    m.group() in _handing() and _to_applicant().match(" ".join(norm[m.end():].split()[:12]))
                    or m.group() == "menerbitkan" and _office_issues(norm[: m.start()].split())):
                continue  # among requirements, only an officer's step handing it to the applicant ("Petugas
                # menyerahkan kartu berobat kepada pasien": SIPPN's steps swallowed by its requirements) or an
                # office issuing it ("… pihak kelurahan akan menerbitkan Surat Keterangan Tidak Mampu")
            if norm[: m.start()].rstrip().endswith(_NEGATIONS):
                continue  # "POLSEK tidak menerbitkan SKCK untuk …"
            if rx is issue and "yang" in norm[: m.start()].split()[-2:]:
                continue  # "surat dari instansi yang mengeluarkan izin", "orang tua yang akan membuatkan akta …":
                # an issuer or an applicant described, not an issue
            if rx is receive and _not_received().search(m.group()):
                continue  # "Warga yang belum merekam tidak mendapatkan …", "Warga yang ingin mendapatkan …": no output
            if m.group() in _handing() and _APPLICANT_HANDS_IN.search(_step_opening(words, norm_words, norm, m)):
                continue  # "Pihak berperkara … menyerahkan surat gugatan": what the applicant hands in
            if m.group() == "menyerahkan" and _subjectless(norm[: m.start()].split()) \
                    and not _to_applicant().match(" ".join(norm[m.end():].split()[:12])):
                continue  # "Menyerahkan surat pengantar RT", "… dilengkapi dan menyerahkan …": the applicant's step
            if norm[: m.end()].split()[-2:-1] == ["untuk"] and m.group().split()[-1] in _obtaining():
                continue  # "… diikuti oleh pemohon untuk mendapatkan izin": the aim of a procedure, no output
            if _not_for_applicant().match(" ".join(norm[m.end():].split()[:16])):
                continue  # a regulation it issued ("… Nomor 061 Tahun 2014 tentang …"), a note to an official
            if m.group() in _handing() and _to_officer_only(norm[m.end():]):
                continue  # "Penyerahan berkas KTP kepada petugas loket": handed in
            if m.group() in _sending() and _to_someone_else(norm[m.end():]):
                continue  # "Pengadilan mengirimkan surat panggilan kepada tergugat": what another party gets
            # the name starts after the verb; what the applicant receives goes out, so a bundle word before it is
            # not the name ("Pemohon menerima Dokumen KK di loket")
            candidates.append((len(norm[: m.end()].split()), bundle_ok or rx is receive))
    if received_only:
        return next((name for at, bundled in candidates
                     if (name := _received(words, norm_words, at, stop, nouns, bundled))), None)
    for m in islice(_receive_verbs().finditer(norm), _MAX_VERBS_READ):
        before = norm[: m.start()].split()
        if before and (before[-1] == "untuk" or not _subjectless(before)):
            continue  # "… untuk mengambil …": an aim; "Pemohon menerima …" is read above
        # "Menerima penerbitan lembar SKPWNI …": the applicant's step of an online service; an officer's step takes
        # an input in ("Menerima surat permohonan", "Menerima SK dari Bupati")
        at = len(norm[: m.end()].split())
        name = _received(words, norm_words, at, stop, nouns, bundle_ok=False)
        if name and not _inputs() & set(normalise(name).split()):
            return name
    m = _RESULT.search(norm) or _OUTPUT_CLAUSE.search(norm)
    if m:  # "Hasil pelayanan yang diterima oleh pelanggan adalah berupa Kartu Kuning (AK1)"
        candidates.append((len(norm[: m.end()].split()), bundle_ok))
    for m in [*islice(handover.finditer(norm), _MAX_VERBS_READ),
              *islice(_passive_to_applicant().finditer(norm), _MAX_VERBS_READ)]:
        if norm[: m.start()].rstrip().endswith(_NEGATIONS):
            continue  # "SKCK tidak dapat diterbitkan apabila …"
        if _to_officer_only(norm[m.start():]):
            continue  # "Surat pengantar diserahkan kepada petugas loket": handed in
        if m.group() == "diterbitkan oleh" and norm[: m.start()].split()[-1:] == ["yang"]:
            continue  # "Surat Keterangan … yang diterbitkan oleh Disdukcapil …": describes a document brought in
        if norm[: m.start()].split()[-1:] == ["yang"] and _DEFINES.search(norm[: m.start()]):
            continue  # "NPWP adalah nomor yang diberikan kepada wajib pajak": what a document is, not a hand-over
        if m.group().startswith("dikirim") and _OFFICE.search(" ".join(norm[m.end():].split()[:6])):
            continue  # "surat permohonan dikirim ke alamat email dinas": the application sent in
        candidates.append((-len(norm[: m.start()].split()), bundle_ok))  # the name ends before "diserahkan kepada"
    found = next((name for at, bundled in candidates
                  if (name := _product_at(words, norm_words, at, stop, nouns, bundled))), None)
    if found is None and bundle_ok:
        # "Surat Keterangan yang telah ditandatangani Camat diserahkan kepada pemohon": the clause's subject,
        # when what stands right before the verb is its agent or another passive
        found = next((name for at, _ in candidates if at < 0
                      if (name := _clause_subject(words, norm_words, -at, stop, nouns))), None)
    return found or _until_received(words, norm_words, norm, stop, nouns) or _requested_information(norm)


# a PPID's service hands over the information asked for: "Pemohon menerima informasi yang telah diminta", "Petugas
# memberikan salinan informasi yang dimohon kepada pemohon"; not information in general ("petugas memberikan
# informasi persyaratan kepada pemohon", an information desk's step)
_REQUESTED_INFORMATION = re.compile(r"(?<![0-9a-z])(?:(?:salinan|dokumen) )?informasi(?: publik)? yang "
                                    r"(?:telah |sudah )?di(?:minta|mohon|mohonkan)(?![0-9a-z])")
_PURPOSE = re.compile(r"(?<![0-9a-z])untuk [a-z]+ $")  # "… untuk memperoleh " right before it


def _requested_information(norm: str) -> str | None:
    """The information asked for, as the product, when a verb of receiving or giving comes right before it or a
    hand-over right after it."""
    _, _, issue, handover, _ = _step_patterns()
    for m in islice(_REQUESTED_INFORMATION.finditer(norm), _MAX_VERBS_READ):
        if _PURPOSE.search(norm[: m.start()]):
            continue  # "… cara pembayaran untuk memperoleh informasi yang diminta": a purpose, not a receipt
        before = " ".join(norm[: m.start()].split()[-4:])
        if _receive_words().search(before) or issue.search(before) or handover.match(norm[m.end():].lstrip()):
            return m.group()[:1].upper() + m.group()[1:]
    return None


# the verbs of receiving that end every match of _step_patterns()'s receive, alone (received_by_applicant's cheap test)
_receive_words = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("receive") or []))


def received_by_applicant(line: str) -> str | None:
    """What a sentence says the applicant gets ("warga sudah bisa mendapatkan KTP-el mereka", "pemohon bisa
    langsung mendapatkan KTPnya"): on a page that publishes no standard (news), the one reading of a product, as
    it ties a named document to whoever applies. Not a category of documents ("masyarakat bisa mendapatkan
    dokumen kependudukan"), not a ceremony ("warga menerima sertifikat secara simbolis"), not from another
    office ("… surat pengantar dari RT"), not an input."""
    nouns, stop, _, _, receive = _step_patterns()
    if not may_match(_receive_words(), normalise(line).split()):
        # every match of receive ends on one of these verbs, and the words read below are the line's: no verb,
        # nothing received (every one of the 1,066 sentences a bench pass asks about)
        return None
    words, norm_words = _aligned_words(line)
    norm = " ".join(norm_words)
    for m in islice(receive.finditer(norm), _MAX_VERBS_READ):
        before = norm[: m.end()].split()
        if _not_received().search(m.group()) or before[-2:-1] == ["untuk"]:
            continue  # "Warga yang belum mendapat …", "… masyarakat untuk mendapatkan …": nothing received
        if _ceremony().search(_sentence_at(words, norm_words, len(before) - 1)):
            continue  # "Bupati membagikan sertifikat …, warga menerima sertifikat tanah …": an event
        name = _received(words, norm_words, len(before), stop, nouns, bundle_ok=True)
        norm_name = normalise(name or "")
        if name and not _generic().search(norm_name) and not _inputs() & set(norm_name.split()):
            return name
    return None


def _sentence_at(words, norm_words, at) -> str:
    """The normalised sentence that holds position `at`."""
    ends = [i for i, w in enumerate(words) if w.rstrip("\"'”’)").endswith((".", "!", "?"))]
    start = max((i + 1 for i in ends if i < at), default=0)
    end = min((i + 1 for i in ends if i >= at), default=len(words))
    return " ".join(norm_words[start:end])


_generic = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("generic") or [], prefix="^"))
_ceremony = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("ceremony") or []))


def _until_received(words, norm_words, norm, stop, nouns) -> str | None:
    """What a time frame ends with the applicant getting ("proses dari awal hingga mendapatkan buku KIR ini
    memakan waktu sekitar 18 menit"), or a 3-in-1 service gives besides ("Sekaligus mendapatkan Kartu Keluarga"),
    unless it comes from another office or is an input."""
    for m in islice(_until().finditer(norm), _MAX_VERBS_READ):
        if norm[: m.start()].rstrip().endswith(_NEGATIONS):
            continue
        name = _received(words, norm_words, len(norm[: m.end()].split()), stop, nouns)
        if name and not _inputs() & set(normalise(name).split()):
            return name
    return None


_PASSIVE = re.compile(r"^di[a-z]{3,}$")
_not_passive = _word_set("not_passive")


def _clause_subject(words, norm_words, end, stop, nouns) -> str | None:
    """The noun phrase opening the clause that ends at `end`, up to its first passive verb or stop word."""
    start = max((i + 1 for i in range(end) if words[i].rstrip("\"'”’)").endswith((".", ";", ":"))), default=0)
    out = []
    for w, n in zip(words[start:end], norm_words[start:end]):
        if n in stop or len(out) >= 8 or w[:1].islower() and _PASSIVE.match(n) and n not in _not_passive():
            break
        out.append(w)
    name = " ".join(w for w in out if w).strip(" ,;.:") or None
    between = norm_words[start + len(out):end]
    if not any(n == "oleh" or _PASSIVE.match(n) and n not in _not_passive() for n in between):
        return None  # "SK Izin dan Nonizin diserahkan …": no agent or passive between, the name was right there
    norm = normalise(name or "")
    if name and nouns.search(norm) and norm not in _BARE_NOUNS and not _not_products().search(norm) \
            and not _inputs() & set(norm.split()):
        return name
    return None


def _step_opening(words, norm_words, norm, m) -> str:
    """The first four words of the step or sentence the verb at m stands in: a table cell that runs a whole
    procedure together ("1. Kunjungan pasien baru: … 5. Pasien menyerahkan kertas kecil … 19. Petugas menyerahkan
    kartu berobat kepada pasien") has the applicant at its start, and an officer's step later on."""
    at = len(norm[: m.start()].split())
    start = max((i + 1 for i in range(min(at, len(words))) if words[i].rstrip("\"'”’)").endswith((".", ";"))),
                default=0)
    return " ".join(norm_words[start:at][:4])


def _office_issues(before: list[str]) -> bool:
    """ "pihak kelurahan akan menerbitkan …": a subject before the verb that is not the applicant, and not the
    relative clause of a document brought in ("surat dari instansi yang menerbitkan izin")."""
    return bool(before) and not _subjectless(before) and "yang" not in before[-3:] \
        and not _applicant().search(" ".join(before[-4:])) and not {"dari", "oleh"} & set(before[-4:])


# the applicant as a subject ("pihak" alone is not: "pihak kelurahan menerbitkan …")
_applicant = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("applicant") or []))


def _to_officer_only(after: str) -> bool:
    """The thing goes to an officer and not on to the applicant ("… ke loket untuk diserahkan kepada pemohon")."""
    return bool(_to_officer().match(" ".join(after.split()[:12]))) and not _applicant_bound().search(after)


_RECIPIENT = re.compile(r"^(?:[0-9a-z]+ ){0,14}?(?:kepada|ke) ")


def _to_someone_else(after: str) -> bool:
    """What is sent names a recipient who is not the applicant ("… kepada tergugat"); sent with no recipient named
    ("Sistem akan mengirimkan kartu SIM") it goes to the applicant."""
    head = " ".join(after.split()[:16])
    return bool(_RECIPIENT.match(head)) and not _applicant_bound().search(head)


def _subjectless(before: list[str]) -> bool:
    """The verb opens the step or its clause ("Menyerahkan …", "… dan menyerahkan …"): no officer hands over."""
    return not before or before[-1] in _no_subject()


def _received(words, norm_words, at, stop, nouns, bundle_ok=False) -> str | None:
    """The product received after position `at`, unless it comes from another office ("… surat pengantar dari
    RT/RW": a requirement obtained beforehand)."""
    name = _product_at(words, norm_words, at, stop, nouns, bundle_ok)
    if name is None:
        return None
    norm_name = normalise(name).split()
    start = _past_count(norm_words, at)
    # where the name ends: past the lead words skipped before it ("hasil pembuatan SKCK dari …")
    end = next((i + len(norm_name) for i in range(start, len(norm_words))
                if norm_words[i:i + len(norm_name)] == norm_name), start + len(norm_name))
    return name if norm_words[end:end + 1] != ["dari"] else None


def _product_at(words, norm_words, at, stop, nouns, bundle_ok=False) -> str | None:
    """The product's name after position `at` (before position -at when negative), or None. Lead words before
    it are skipped ("hasil pembuatan SKCK"), and bundle words ("berkas …") when the line hands it to the
    applicant (bundle_ok)."""
    # "Petugas menerbitkan dan menyerahkan ICV kepada pemohon": initials handed to the applicant are the product
    acronym_ok = at > 0 and (_acronym_issued(words, norm_words, at)
                             or bundle_ok and norm_words[at - 1] in _handing() and not words[at - 1].isupper())
    at = _past_count(norm_words, at)
    name = _name_after(words, norm_words, at, stop) if at >= 0 else _name_before(words, norm_words, -at, stop)
    if name and not nouns.search(normalise(name)) and " atau " in f" {name} ":
        alternative = name.split(" atau ", 1)[-1]  # "BR-1.01 atau Surat Keterangan Pengganti …": the one named
        name = alternative if nouns.search(normalise(alternative)) else name
    if name and not nouns.search(normalise(name)):
        skip = _lead() | _bundle() if bundle_ok else _lead()
        parts = name.split()
        while len(parts) > 1 and normalise(parts[0]) in skip:
            parts = parts[1:]
        name = " ".join(parts)
    if name and at < 0 and not nouns.search(normalise(name)):
        name = _from_noun(name, nouns)  # "Selanjutnya surat pindah diterbitkan oleh Dinas": the name starts at its noun
        if not nouns.search(normalise(name)):
            name = _first_conjunct(words, norm_words, -at, stop) or name  # "SK IMB dan Pangeng dapat diambil"
    if name and not nouns.search(normalise(name)) and normalise(name.split()[0]).endswith("nya"):
        stem = re.sub(r"[^0-9A-Za-z]+$", "", name.split()[0])[:-3]  # "mendapatkan KTPnya,”": without "-nya"
        name = " ".join([stem, *name.split()[1:]]) if nouns.search(normalise(stem)) else name
    norm = normalise(name or "")
    if name and nouns.search(norm) and norm not in _BARE_NOUNS and not _not_products().search(norm):
        return name  # not a bare "Surat diserahkan kepada warga": a named product
    if name and acronym_ok and _ACRONYM.match(name.split()[0].strip("\"'”’()")) and len(name.split()) <= 3 \
            and norm.split()[0] not in _not_acronyms() and not _not_products().search(norm):
        return name  # "7. Menerbitkan SKHP": a document named by its initials
    return None


_openers = _word_set("openers")


def _from_noun(name: str, nouns: re.Pattern) -> str:
    """The name past a word that opens its clause ("Setelah itu KTP-el …": "itu"), when a noun follows; else the
    name as it was."""
    parts = name.split()
    if len(parts) > 1 and normalise(parts[0]) in _openers() and nouns.search(normalise(" ".join(parts[1:]))):
        return " ".join(parts[1:])
    return name


_ACRONYM = re.compile(r"^[A-Z][A-Z0-9]{2,5}$")  # "SKHP", "PKKPR"; not "SE" (two letters), not a word in capitals
_acronym_verbs = _word_set("acronym_verbs")
_not_acronyms = _word_set("not_acronyms")


def _acronym_issued(words, norm_words, at) -> bool:
    """The word before position `at` is an officer's active verb of issuing, written in lower case (a line in
    capitals, "MENYERAHKAN BERKAS", has no initials to tell apart)."""
    return norm_words[at - 1] in _acronym_verbs() and not words[at - 1].isupper()


def _past_count(norm_words: list[str], at: int) -> int:
    """Where the name starts after position `at`: past a count of copies ("menerima satu rangkap surat Gugatan":
    the count is not the name)."""
    if 0 <= at < len(norm_words) - 2 and norm_words[at + 1] in _copies() and (
            norm_words[at].isdigit() or norm_words[at] in _numerals()):
        return at + 2
    return at


def _aligned_words(line: str) -> tuple[list[str], list[str]]:
    """The line's words and their normalised forms, one normalised word per position: "Desa/Kelurahan"
    normalises to two words, so it takes two positions ("", "Desa/Kelurahan"), the original on the last one
    (where a name ending at its punctuation stops). "…", "-": no word, and they would shift the positions."""
    words, norm_words = [], []
    for w in strip_numbering(line).split():
        parts = normalise(w).split()
        words.extend([""] * (len(parts) - 1) + [w] if parts else [])
        norm_words.extend(parts)
    return words, norm_words


_duration = _word_set("duration")


def _name_after(words, norm_words, start, stop) -> str | None:
    out = []
    for i, (w, n) in enumerate(zip(words[start:], norm_words[start:]), start):
        if n in stop or len(out) >= 8 or out and n.isdigit() and norm_words[i + 1:i + 2] and \
                norm_words[i + 1] in _duration():
            break  # "mengambil e-KTP 14 hari sejak …": a duration is not the name
        out.append(w)
        if w.rstrip("\"'”’").endswith((",", ";", ".", ":")):  # "KTPnya,” tandasnya": the quote closes after it
            break
    return " ".join(w for w in out if w).strip(" ,;.:\"'”’") or None


def _name_before(words, norm_words, end, stop) -> str | None:
    start, end = _span_before(words, norm_words, end, stop)
    return " ".join(w for w in words[start:end] if w).strip(" ,;.:") or None


def _span_before(words, norm_words, end, stop) -> tuple[int, int]:
    """Where the name that ends at position `end` starts and ends (past the tail words before the verb)."""
    while end > 0 and norm_words[end - 1] in _tail() and not words[end - 1].endswith((",", ";", ".", ":")):
        end -= 1  # "KTP-el yang sudah jadi diserahkan …", "… Pindah Keluar selesai dan diserahkan …"
    start = end
    while start > 0 and end - start < 8:
        w, n = words[start - 1], norm_words[start - 1]
        if n in stop or w.endswith((",", ";", ".", ":")):
            break
        start -= 1
    return start, end


_CONJUNCTIONS = frozenset({"dan", "atau", "serta"})


def _first_conjunct(words, norm_words, end, stop) -> str | None:
    """The first of two names joined before the verb ("SK IMB dan Pangeng dapat diambil di Kecamatan"), when the
    last one is no product's name; None when no conjunction joins them."""
    start, _ = _span_before(words, norm_words, end, stop)
    if start > 1 and norm_words[start - 1] in _CONJUNCTIONS:
        name = _name_before(words, norm_words, start - 1, stop)
        # not kinds of paper ("SK Izin dan Nonizin diserahkan …": what every licence office hands over)
        return name if name and not set(normalise(name).split()) <= _BARE_NOUNS else None
    return None

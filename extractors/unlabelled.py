"""Standards published without their field labels, read in slot order.

SIPPN (sippn.menpan.go.id) and the pemda sites that copy its layout print a service's fields with the labels
stripped: the title, a list of requirements, a list of steps, "30 Menit", "Tidak dipungut biaya", the product,
the complaint channels. Other themes drop a label here and there. What the labels would have said is read
from the content itself:

- a list whose items name documents ("Fotokopi KTP", "Surat pengantar RT/RW") is persyaratan;
- a list whose items are steps (an actor or a verb of handing in, checking, issuing) is prosedur;
- after such a list, in the slots that follow: a short line that is only a duration is waktu, one that is only
  a fee (or "gratis") is biaya, the short name-like line after them is produk, and channel lines are pengaduan.

Lists of legal citations ("Undang-Undang Nomor …", "bahwa …") and of an office's duties ("perumusan kebijakan
…") are neither. Vocabulary: `unlabelled` in config/vocabulary.yaml.
"""

from __future__ import annotations

import re

from .components import biaya, pengaduan, waktu
from .fields import Field, Section
from .items import is_credit, item_kind
from .vocab import normalise, strip_numbering
from .model import Block

SLOT_WINDOW = 14  # blocks after the last list that may still be slots
SHORT_SLOT_WORDS = 10  # a slot line is short: "30 Menit", "Tidak dipungut biaya", "Kartu Anggota"
MIN_SHARE = 0.5  # share of a list's items that must look like documents (or steps)


def _names_list(items: list[str]) -> bool:
    """Most items are names of services: short, opening with the same noun ("Penerbitan …", "Surat
    Keterangan …", "Izin …") or with a noun of a service's process ("Pengurusan Akta Kematian", "Pembuatan
    KIA", "Pelayanan Surat Pengantar Nikah")."""
    firsts = [normalise(strip_numbering(t)).split()[:1] for t in items]
    firsts = [f[0] for f in firsts if f]
    if not firsts or not all(len(t.split()) <= 10 for t in items):
        return False
    top = max(set(firsts), key=firsts.count)
    if any(len(_STEP_AFTER_FIRST.findall(normalise(strip_numbering(t)))) for t in items):
        return False  # "Pembuatan surat rekomendasi setelah memenuhi syarat": a step, not a service's name
    if firsts.count(top) >= 0.6 * len(firsts) and (top.endswith("an") or top in _NAME_HEADS):
        return True
    return sum(1 for f in firsts if f in _PROCESS_NOUNS) >= 0.6 * len(firsts)


# words that make an item a step wherever they stand ("… setelah …", "… kepada pemohon", "… diserahkan …")
_STEP_AFTER_FIRST = re.compile(r"(?<![0-9a-z])(?:setelah|kemudian|selanjutnya|kepada|oleh|diserahkan|diproses|"
                               r"diverifikasi|ditandatangani|pemohon|petugas|apabila|jika)(?![0-9a-z])")
_NAME_HEADS = frozenset({"surat", "izin", "ijin", "akta", "kartu", "legalisir", "rekomendasi", "sertifikat"})
_PROCESS_NOUNS = frozenset({"pengurusan", "pembuatan", "penerbitan", "pelayanan", "layanan", "pendaftaran",
                            "pencatatan", "perekaman", "legalisir", "legalisasi", "perpanjangan", "permohonan"})


def _names_process(text: str) -> bool:
    """ "Pengurusan Surat Pindah": the name of the service's process, not its product."""
    first = normalise(strip_numbering(text)).split()[:1]
    return bool(first) and first[0] in _PROCESS_NOUNS - {"penerbitan", "legalisir", "legalisasi"}


def classify_run(items: list[str], complaints_service: bool = False) -> str | None:
    """persyaratan | prosedur | None for a list, from the kinds of its items (group headers ending in ":"
    don't vote, nor do an article's credits: "» PENDAFTARAN NIKAH" over "Dilihat: 120 kali" is a title and a
    counter, no list). On the page of a complaint-handling service, lists about complaints are its own fields."""
    items = [t for t in items if not is_credit(t)]
    kinds = [item_kind(t) for t in items if not t.rstrip().endswith(":")]
    n = len(kinds)
    if n < 2:
        return None
    if _names_list(items):
        return None  # "Penerbitan Izin Gangguan", "Penerbitan Izin Usaha Restoran", …: a menu of services
    docs, steps, legal = kinds.count("document"), kinds.count("step"), kinds.count("legal")
    complaints = 0 if complaints_service else sum(1 for t in items if pengaduan.is_about_complaints(t))
    if legal >= n * MIN_SHARE or complaints >= n * 0.25:
        return None  # a regulation's or an office's list; how complaints are handled (pengaduan's business)
    if docs >= n * MIN_SHARE and docs > steps:
        return "persyaratan"
    if steps >= n * MIN_SHARE and steps >= docs:
        return "prosedur"
    # long lists with sub-group headers ("• Data Tanah") and items the lexicon cannot place: decide on the
    # items it can, when they are many and agree
    decided = docs + steps + legal
    if n >= 6 and decided >= 0.4 * n and legal <= 0.1 * n:
        if docs >= 0.75 * decided:
            return "persyaratan"
        if steps >= 0.75 * decided:
            return "prosedur"
    return None


_FIRST_MARKER = re.compile(r"^\s*(?:1|a|i)\s*[.)]\s", re.I)


def _group_header(b: Block, cur: list[int], blocks: list[Block]) -> bool:
    """ "• Untuk pelaksanaan tera di kantor:" after a list at its level: the head of another list."""
    return b.text.rstrip().endswith(":") and len(cur) >= 2 and all(blocks[i].level == b.level for i in cur[-2:])


_MARKER = re.compile(r"^\s*(?:(?P<bullet>[•\-*·–◦▪])|(?P<number>\d{1,2}\s*[.)]))\s")


def _marker_changes(prev: Block, b: Block) -> bool:
    """ "• Fotokopi KTP" then "1. Pemohon mengambil formulir": bullets, then numbers at the same level, are two
    lists."""
    m1, m2 = _MARKER.match(prev.text), _MARKER.match(b.text)
    return bool(m1 and m2 and prev.level == b.level and m1.lastgroup != m2.lastgroup)


def _numbers_after_bullets(prev: Block, b: Block) -> bool:
    """A "1." right after a bullet starts a list of its own, even indented deeper (SIPPN indents its numbered
    steps under the bulleted requirements); numbers are rarely a bullet's sub-items."""
    m1 = _MARKER.match(prev.text)
    return bool(m1 and m1.lastgroup == "bullet" and re.match(r"^\s*1\s*[.)]\s", b.text))


def _runs(blocks: list[Block], owned: set[int]) -> list[list[int]]:
    """Consecutive unowned list items (nested ones included), as lists of block indexes. Numbering that starts
    again at "1." at the run's own level, or bullets that turn into numbers, start a new list (two lists printed
    one after the other)."""
    runs: list[list[int]] = []
    cur: list[int] = []
    for i, b in enumerate(blocks):
        if b.kind == "list_item" and i not in owned and not b.link:
            if cur and ((_FIRST_MARKER.match(b.text) or _group_header(b, cur, blocks)
                         or _marker_changes(blocks[cur[-1]], b)) and b.level <= blocks[cur[0]].level
                        or _numbers_after_bullets(blocks[cur[-1]], b)):
                runs.append(cur)
                cur = []
            cur.append(i)
            continue
        if cur:
            runs.append(cur)
            cur = []
    if cur:
        runs.append(cur)
    return runs


def _short(b: Block, limit: int = SHORT_SLOT_WORDS) -> bool:
    return b.kind in ("paragraph", "list_item", "heading") and 0 < len(b.text.split()) <= limit


def _channels(text: str) -> bool:
    return any(pengaduan.is_concrete_channel(c) for c in pengaduan.parse_channels(text))


# SIPPN prints the decree's number ("No. SK: 188.4/I/004/Tahun 2024") right above the stripped fields
_SIPPN_DECREE = re.compile(r"^\s*no\.?\s*sk\s*:", re.I)


# a sentence in the time slot that says what it is ("… dengan jangka waktu penyelesaian 3 - 14 hari kerja")
_WAKTU_SENTENCE = re.compile(r"\b(?:jangka\s+waktu|batas\s+waktu|waktu\s+(?:penyelesaian|pelayanan|layanan|proses|tunggu))\b",
                             re.I)


def _time_slot(b: Block) -> bool:
    """A line in the time slot: short, or a sentence that says it is the time or starts with the duration
    ("1 (satu) sampai 4 (empat) jam, jika terjadi gangguan …"), or counts from the application."""
    if _short(b):
        return True
    if not _short(b, 40):
        return False
    return bool(_WAKTU_SENTENCE.search(b.text) or waktu.runs_from_application(b.text)
                or waktu.parse(" ".join(b.text.split()[:8])) is not None)


# a fee slot may cite the regulation that sets the fee at length ("Sesuai dengan Peraturan Daerah Kota Salatiga
# Nomor 7 Tahun 2021 tentang retribusi Pelayanan Tera/ Tera Ulang"): up to 40 words when it opens so and names
# the fee (not "Pemohon menghubungi petugas sesuai Peraturan Daerah … tentang Pelayanan Publik …")
_FEE_BY_REGULATION = re.compile(r"\b(?:sesuai|berdasarkan|retribusi|tarif|biaya|bayar)\b", re.I)
_FEE_WORD = re.compile(r"\b(?:retribusi|tarif|biaya|bayar|pungutan)\b", re.I)


def _fee_slot(b: Block) -> bool:
    """A line in the fee slot: short, or a sentence that opens on the fee or its regulation and cites one."""
    if _short(b, 14):
        return True
    return _short(b, 40) and bool(_FEE_BY_REGULATION.search(b.text[:60]) and _FEE_WORD.search(b.text)) \
        and bool((biaya.parse(b.text) or {}).get("regulation"))


def _cites_only(fee: dict) -> bool:
    """A fee value that only cites a regulation: no amount, not free."""
    return fee.get("amount") is None and not fee.get("free")


def _inside_list(blocks: list[Block], i: int) -> bool:
    """Block I is a list item with another list item right before or after it."""
    if blocks[i].kind != "list_item":
        return False
    return any(0 <= j < len(blocks) and blocks[j].kind == "list_item" for j in (i - 1, i + 1))


def _after_lists(runs: list[list[int]], start: int) -> int:
    """The last block of the lists that follow START one after another (each at most 3 blocks after the one
    before), or START when none does."""
    end = start
    for run in runs:
        if run[0] <= end:
            continue
        if run[0] - end > 3:
            break
        end = run[-1]
    return end


def slot_fields(blocks: list[Block], owned: set[int], complaints_service: bool = False) -> list[Field]:
    """Fields read from unlabelled lists and the slots after them, in page order. COMPLAINTS_SERVICE: the
    page's service is complaint handling, so its lists may talk about complaints."""
    fields: list[Field] = []
    have: set[str] = set()
    last = -1
    runs = _runs(blocks, owned)
    decree = next((i for i, b in enumerate(blocks[:SLOT_WINDOW]) if _SIPPN_DECREE.match(b.text)), -1)
    # a complaint-handling service's own standard (under its decree) lists complaint steps as its procedure;
    # elsewhere such a list is the office's complaints page (pengaduan's business)
    own = decree >= 0 and (complaints_service or decree > 0 and pengaduan.is_about_complaints(blocks[decree - 1].text))
    kinds = [classify_run([blocks[i].text for i in run], own) for run in runs]
    for k in range(len(runs) - 1):
        if kinds[k + 1] == "prosedur" and runs[k + 1][0] - runs[k][-1] <= 3 and (
                kinds[k] == "prosedur" or kinds[k] is None and (
                    any(item_kind(blocks[i].text) == "document" for i in runs[k])
                    or 0 <= decree and runs[k][0] - decree <= 2)):
            # two lists one after the other, the second of steps: slot order makes the first the requirements
            # (on a SIPPN page, the first list under the decree's number is the requirements slot)
            kinds[k] = "persyaratan"
    for run, cls in zip(runs, kinds):
        if cls is not None and fields and fields[-1].cls == cls and run[0] - fields[-1].blocks[-1][0] <= 3:
            # the steps go on after a sub-heading ("Di kecamatan:"): one procedure in two lists
            fields[-1].blocks.extend((i, blocks[i]) for i in run)
            last = max(last, run[-1])
            continue
        if cls is None or cls in have:
            continue
        have.add(cls)
        fields.append(Field(cls=cls, label="", inline="", index=run[0], kind="slot",
                            blocks=[(i, blocks[i]) for i in run]))
        last = max(last, run[-1])
    if last < 0 and decree >= 0:
        # no list read: on a SIPPN page the slots follow the decree's number and the lists under it, whatever
        # those lists are (requirements and steps the classifier could not tell), or the prose steps there
        last = _after_lists(runs, decree)
    if last < 0:
        return fields
    # the slots after the lists: duration, fee, product, channels, each at most once, in any order that
    # keeps the product after a duration or a fee
    produk_open = False
    for i in range(last + 1, min(len(blocks), last + 1 + SLOT_WINDOW)):
        b = blocks[i]
        if i in owned:
            if waktu.parse(b.text) is None and biaya.parse(b.text) is None:
                break
            produk_open = True  # a labelled time or fee line among the slots: the product may follow
            continue
        if "waktu" not in have and _time_slot(b) and waktu.parse(b.text) is not None:
            have.add("waktu")
            fields.append(_one(b, i, "waktu"))
            produk_open = True
        elif "biaya" not in have and _fee_slot(b) and (fee := biaya.parse(b.text)) is not None \
                and not (_cites_only(fee) and _inside_list(blocks, i) and item_kind(b.text) != "legal"):
            # (an item of a list nobody classified that mentions a decree, "1) fotokopi sah surat keputusan …",
            # "• … sesuai ketentuan peraturan perundang-undangan;", is a requirement, not the fee slot; a list of
            # the tariff's regulations, "1. Perda Tarif RSUD …", is)
            have.add("biaya")
            fields.append(_one(b, i, "biaya"))
            produk_open = True
        elif "pengaduan" not in have and _channels(b.text) and (have & {"waktu", "biaya", "produk"}
                                                               or pengaduan.is_about_complaints(b.text)):
            # channels after the lists alone may be the office's contact line; in slot order they come after
            # the time, fee and product slots, or say they are for complaints
            have.add("pengaduan")
            fields.append(_one(b, i, "pengaduan"))
            produk_open = False
        elif produk_open and "produk" not in have and _short(b, 12) and item_kind(b.text) != "step" \
                and re.search(r"[A-Za-z]{3}", b.text) and not b.text.rstrip().endswith((".", ":")) \
                and not _names_process(b.text):
            have.add("produk")
            fields.append(_one(b, i, "produk"))
            produk_open = False
    return fields


def _one(b: Block, i: int, cls: str) -> Field:
    return Field(cls=cls, label="", inline="", index=i, kind="slot", blocks=[(i, b)])


def attach(services: list[Section], fields: list[Field], fallback: str | None) -> None:
    """Give each slot field to the service section it sits in (the last one starting before it), or to a
    section named by the page when there is none; a component the section already has is not added twice."""
    for f in fields:
        owner = None
        for sec in services:
            if sec.index <= f.index:
                owner = sec
        if owner is None:
            owner = services[0] if services else None
        if owner is None:
            owner = Section(name=fallback, index=f.index)
            services.append(owner)
        if not any(_says_something(g) for g in owner.of(f.cls)):
            owner.fields.append(f)  # (a label with nothing under it, "Cara Daftar BPJS …" over another label)


def _says_something(f: Field) -> bool:
    """A field that already holds its component: blocks under it, or text beside its label; a time label's text
    only when it holds a duration ("Waktu Pelayanan : Pengaduan", a slot label misread, holds none)."""
    if f.blocks:
        return True
    if not f.inline.strip():
        return False
    return f.cls != "waktu" or f.kind == "slot" or waktu.parse(f.inline) is not None


_ITEM_NO = re.compile(r"^\s*(\d{1,2})\s*[.)]\s")


def _numbering_restarts(prev: Block, b: Block) -> bool:
    """ "3. Satu lembar pas foto …" then "1. Datang ke kantor Disnaker": a second numbered list."""
    m1, m2 = _ITEM_NO.match(prev.text), _ITEM_NO.match(b.text)
    return bool(m1 and m2 and int(m2.group(1)) == 1 and int(m1.group(1)) > 1 and prev.level == b.level)


def steps_among_requirements(services: list[Section]) -> None:
    """Steps printed under the requirements' label ("Persyaratan yang diperlukan:" … "Proses di Kelurahan" / "-
    Pemohon datang ke Ketua RT …"): from three or more step items in a row, after a line that is not an item,
    the rest of the field is the procedure."""
    for sec in services:
        if sec.of("prosedur"):
            continue
        for f in sec.of("persyaratan"):
            blocks = f.blocks
            for k in range(1, len(blocks)):
                if blocks[k - 1][1].kind == "list_item" and not _numbering_restarts(blocks[k - 1][1], blocks[k][1]):
                    continue  # a run must start after a break (a sub-heading, a paragraph, numbering from 1 again)
                run = []
                for i, b in blocks[k:]:
                    if b.kind != "list_item" or item_kind(b.text) != "step":
                        break
                    run.append((i, b))
                if len(run) >= 3:
                    # the steps go on to the field's end, across sub-headings ("Proses di Kecamatan")
                    sec.fields.append(Field(cls="prosedur", label="", inline="", index=run[0][0], kind="slot",
                                            blocks=blocks[k:]))
                    break
            if sec.of("prosedur"):
                break


def requirements_among_steps(services: list[Section]) -> None:
    """Requirements printed under a procedure's label: a "Tata cara" whose items are all documents to bring
    ("Membawa fotocopy KTP", "Pas foto 4x6") is the requirements list, and a step that announces them
    ("… dengan membawa lampiran:") is followed by the requirements. Labelled by content, not by the heading."""
    for sec in services:
        if sec.of("persyaratan"):
            continue
        for f in sec.of("prosedur"):
            items = [(i, b) for i, b in f.blocks if b.kind in ("list_item", "paragraph")]
            kinds = [item_kind(b.text) for _, b in items]
            if len(kinds) >= 2 and kinds.count("document") >= 0.8 * len(kinds) and not kinds.count("step"):
                f.cls = "persyaratan"
                break
            run = _document_run(items, kinds)
            if run:
                sec.fields.append(Field(cls="persyaratan", label="", inline="", index=run[0][0], kind="slot",
                                        blocks=run))
                break


def _document_run(items, kinds) -> list:
    """The longest run of two or more consecutive document items."""
    best: list = []
    cur: list = []
    for item, kind in zip(items, kinds):
        if kind == "document":
            cur.append(item)
            if len(cur) > len(best):
                best = list(cur)
        else:
            cur = []
    return best if len(best) >= 2 else []

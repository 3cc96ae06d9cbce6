"""Values stated in running sentences: "Jangka waktu penyelesaian 1 hari kerja, tidak dipungut biaya.",
"Warga cukup membawa fotokopi KTP dan KK"."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .components import biaya, maklumat, pengaduan, produk, waktu
from .context import is_reported_speech
from .fields import Field, Section
from .labels import label_of
from .model import COMPONENTS, Block
from .steps import (
    application_step,
    introduces_requirements,
    may_tell_steps,
    named_step,
    ordinal_start,
    ordinal_steps,
    step_verbs,
    told_steps,
)
from . import urls
from .vocab import VocabularyMemo, cached, may_match, normalise, phrase_regex, vocabulary, word_set

_SENTENCE_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])")
_CLAUSE_SPLIT = re.compile(r",\s+|\s+dan\s+|\s+serta\s+")
# the parts of an enumeration in a sentence: "KTP, Kartu Keluarga, foto ukuran 4 x 6 dua lembar, serta …"
_ENUM_SPLIT = re.compile(r"\s*[,;]\s*(?:dan\s+|serta\s+|atau\s+)?|\s+(?:dan|serta|atau|dan/atau)\s+", re.I)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|[\"“”]")
# the words that open an enumeration's first item ("yang dibutuhkan hanya e-KTP", "… yaitu fotokopi KTP")
_INTRO_WORDS = r"berupa|yaitu|yakni|adalah|ialah|antara lain|meliputi|seperti|hanya|cukup|hanya perlu"
_FIRST_INTRO = re.compile(rf"\b(?:{_INTRO_WORDS})\s+", re.I)
_ENUM_INTRO = re.compile(r"^(?:berupa|yaitu|yakni|adalah|antara lain|meliputi|seperti)\s+", re.I)
# a Field kind: documents listed in a sentence, steps told in a paragraph: a fact whatever the page's genre
PROSE_FACT = "fact"


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
    _facts_in_other_fields(sec, have, new)
    sec.fields.extend(new)


def _facts_in_other_fields(sec: Section, have: set, new: list[Field]) -> None:
    """Requirements and steps told in the sentences of another component's field, when the section has no field
    of their own: a blog's "Persyaratan lengkap …" paragraph under its "Prosedur Pembuatan SKCK" title ("Awalnya,
    saya menyiapkan fotokopi KTP dan KK, lalu …"), steps told under the documents' list ("… kita harus
    mendaftarkan kendaraan kita ke Loket 1 …"). Facts, whatever the genre (PROSE_FACT)."""
    for f in list(sec.fields):
        paragraphs = [(i, b.text) for i, b in f.blocks if b.kind == "paragraph" and len(b.text) <= 1200]
        for k, (i, text) in enumerate(paragraphs):
            if "persyaratan" not in have and f.cls != "persyaratan":
                documents = requirement_list(text)
                if len(documents) >= 2:  # one document ("cukup membawa fotokopi KK") in a teaser is no list
                    have.add("persyaratan")
                    new.append(Field(cls="persyaratan", label="", inline="\n".join(documents), index=i,
                                     kind=PROSE_FACT))
            if "prosedur" not in have and f.cls != "prosedur" and may_tell_steps(normalise(text)):
                after = paragraphs[k + 1][1] if k + 1 < len(paragraphs) and paragraphs[k + 1][0] == i + 1 else ""
                steps = _told(f"{text}\n{after}" if len(after) <= 600 else text, True)
                if steps:
                    have.add("prosedur")
                    new.append(Field(cls="prosedur", label="", inline="\n".join(steps), index=i, kind=PROSE_FACT))


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


@lru_cache(maxsize=1)
def _recruitment() -> re.Pattern:
    return phrase_regex((vocabulary().get("prose_requirements") or {}).get("recruitment") or [])


_only_cues = cached(lambda v: phrase_regex((v.get("prose_requirements") or {}).get("only_cues") or [],
                                           prefix="(?<![a-z])", suffix=r"\s*$"))
_aid = cached(lambda v: phrase_regex((v.get("prose_requirements") or {}).get("aid") or []))


def _only_before(head: str) -> bool:
    """The words right before a cue say it is all the service asks ("… cukup dengan", "… hanya")."""
    return _only_cues().search(normalise(head[-40:])) is not None


@lru_cache(maxsize=1)
def _requirement_patterns() -> tuple[re.Pattern, re.Pattern]:
    v = vocabulary().get("prose_requirements") or {}
    return phrase_regex(v.get("cues") or []), phrase_regex(v.get("documents") or [])


def requirement_list(sentence: str, in_context: bool = True) -> list[str]:
    """The documents a sentence says to bring: "Persyaratan itu, berupa KTP, Kartu Keluarga, foto ukuran 4 x 6
    dua lembar, …", "cukup membawa fotokopi KTP dan KK". Two or more parts of the enumeration after a
    requirement cue must each name a document in their first three words (not "formulir tersebut", one
    already named); else [] (a cue alone, "sesuai dengan persyaratan",
    or "membawa dampak", publishes no requirement).

    in_context False (nothing else of a standard on the page): a verb of bringing counts only when the text ties
    it to an application ("… mengajukan surat permohonan perekaman KTP-el dengan melampirkan …"), not to
    receiving aid ("KPM cukup membawa KTP, KK dan undangan"); the word persyaratan/syarat itself always does."""
    cues, documents = _requirement_patterns()
    norm = normalise(sentence)
    words = norm.split()  # (a search only where a word of the sentence opens one of its phrases)
    if len(sentence) > 1200 or not (may_match(cues, words) and cues.search(norm)) \
            or not (may_match(documents, words) and documents.search(norm)):
        return []
    # … or the sentence names the applicant's step the documents go with ("warga datang ke kantor Disdukcapil dengan
    # membawa fotokopi KK dan KTP lama")
    tied = in_context or bool(_service_process().search(norm) or _applicant().search(norm) or may_tell_steps(norm))
    if not in_context and _recruitment().search(norm):
        return []  # "PNS yang berminat cukup melampirkan surat lamaran, surat izin …": a selection's, no service's
    low = sentence.lower()
    # an untied sentence may still state the one document a service asks ("cukup dengan menunjukkan KTP"), not
    # aid handed out
    may_be_only = not tied and _aid().search(norm) is None
    for cue in cues.finditer(low):
        only = may_be_only and cue.group() in _single_document_cues() and _only_before(low[:cue.start()])
        if not tied and not only and not cue.group().startswith(("syarat", "persyaratan")):
            continue
        rest = sentence[cue.end():]
        if cue.group() in _passive_cues() and not _PASSIVE_OPENS.match(rest):
            continue  # "Diperlukan untuk pendaftaran …, perubahan data KK …": what it is for, no documents
        end = _SENTENCE_END.search(rest)
        parts = [p.strip(" :-–") for p in _ENUM_SPLIT.split(rest[:end.start()] if end else rest)]
        items: list[str] = []
        misses = 0
        skipped = 0  # parts before the first document
        for part in parts:
            if not part:
                continue
            if not items:
                # "yang dibutuhkan hanya e-KTP", "yang harus dipenuhi yaitu fotokopi KTP": the first document after
                # the words that introduce the enumeration
                intro = _FIRST_INTRO.search(part)
                if intro and intro.start() < 60 and documents.match(normalise(part[intro.end():])):
                    part = part[intro.end():]
            words = normalise(part).split()
            head = " ".join(words[:3])
            if len(words) > 14 or not documents.search(head) or not _REFERS_BACK.isdisjoint(words):
                misses += 1
                skipped += not items
                if items and misses >= 3:
                    break  # the enumeration is over
                continue  # "itu, berupa" before the first document; "keterangan RT atau Kelurahan" within
            misses = 0
            items.append(_ENUM_INTRO.sub("", part))
        # (one document only right after the verb: "… menunjukkan kesadaran masyarakat atas pentingnya KTP atau KK"
        # shows nothing)
        if len(items) >= 2 or len(items) == 1 and not skipped and (tied or only) \
                and cue.group() in _single_document_cues() \
                and len(items[0].split()) <= 8 and documents.match(normalise(items[0])) \
                and not _recruitment().search(norm):
            # one document after a verb of bringing, tied to a service's process: "agar membawa foto copy Kartu
            # Keluarga" at a KTP-el recording drive is a requirement published (domain.md: facts, whatever
            # the genre)
            return items
    return []


# words of a part that point back at documents named elsewhere ("formulir tersebut", "selembar salinan untuk tiap
# dokumen"): no document of its own
_REFERS_BACK = frozenset({"tersebut", "tiap", "setiap", "semua", "seluruh"})
_passive_cues = word_set("prose_requirements", "passive_cues")
_PASSIVE_OPENS = re.compile(rf"\s*(?::|(?:{_INTRO_WORDS}|di ?antaranya)\b)", re.I)


@lru_cache(maxsize=1)
def _single_document_cues() -> frozenset[str]:
    cues = (vocabulary().get("prose_requirements") or {}).get("single_document_cues") or []
    return frozenset(normalise(w) for w in cues)


def _scan_sentences(sentences: list[str], index: int, source: str, have: set, new: list) -> None:
    cues = _prose_cues()
    for sentence in sentences:
        hit = label_of(Block("paragraph", sentence), source)
        if hit is not None and hit.label.cls in COMPONENTS and hit.inline:
            if hit.label.cls not in have:
                new.append(Field(cls=hit.label.cls, label=hit.text, inline=hit.inline, index=index, kind="sentence"))
                have.add(hit.label.cls)
        norm = normalise(sentence)
        words = norm.split()  # a cue's search only where a word of the sentence opens one of its phrases
        if "waktu" not in have and cues.get("waktu") and may_match(cues["waktu"], words) and cues["waktu"].search(norm):
            if waktu.parse(sentence) is not None:
                new.append(Field(cls="waktu", label="", inline=sentence, index=index, kind="sentence"))
                have.add("waktu")
        if "biaya" not in have and cues.get("biaya") and may_match(cues["biaya"], words) and cues["biaya"].search(norm):
            for clause in _fee_clauses(sentence):
                if cues["biaya"].search(normalise(clause)) and biaya.parse(clause) is not None:
                    new.append(Field(cls="biaya", label="", inline=clause, index=index, kind="sentence"))
                    have.add("biaya")
                    break


def _fee_clauses(sentence: str) -> list[str]:
    """The sentence's clauses; a clause that names the fee without its amount runs on into the next clause
    ("Terkait biaya PNBP yang harus dibayarkan pemohon …, yakni Rp350 ribu untuk paspor biasa", "harga pembuatan
    paspor masih berlaku tarif lama, yakni Rp350.000")."""
    clauses = _CLAUSE_SPLIT.split(sentence)
    cue = _prose_cues().get("biaya")
    out = []
    for n, clause in enumerate(clauses):
        value = biaya.parse(clause)
        names_fee = value is not None or cue is not None and cue.search(normalise(clause)) is not None
        if names_fee and (value or {}).get("amount") is None and n + 1 < len(clauses):
            end = sentence.find(clauses[n + 1], sentence.find(clause) + len(clause))
            joined = sentence[sentence.find(clause):end + len(clauses[n + 1])]
            if (biaya.parse(joined) or {}).get("amount") is not None:
                clause = joined
        out.append(clause)
    return out


def page_prose_fields(blocks: list[Block], owned: set[int], source: str, *, in_context: bool) -> list[Field]:
    """waktu, biaya (and, beside a standard, produk) stated in sentences outside every labelled field
    ("Pembuatan kartu kuning tidak dipungut biaya alias gratis.", "waktu penerbitan hanya butuh 15 menit"):
    the first of each, as fields.

    in_context: the page publishes other parts of a standard. Without that, a sentence counts only when it
    ties the value to a service's process ("pengurusan KTP-el tidak dipungut biaya"), not to a benefit or a
    whole portal ("penyaluran bantuan tidak dipungut biaya", "seluruh layanan tetap gratis"), or when the story
    tells the service's requirements or steps, or (a fee) when it says a service is free on its own ("Pelayanan
    ini gratis")."""
    have: set = set()
    new: list[Field] = []
    untied = _Untied()
    for i, b in enumerate(blocks):
        # a numbered item may run a whole procedure together (PRODUK3: c10-13, 1,840 characters, "… 19. Petugas
        # menyerahkan kartu berobat kepada pasien"): read up to 4,000 characters there, 1,200 in a paragraph
        if i in owned or b.kind not in ("paragraph", "list_item") or b.link \
                or len(b.text) > (4000 if b.kind == "list_item" else 1200):
            if i not in owned and b.kind == "paragraph" and not b.link and len(b.text) <= _LONG_PARAGRAPH \
                    and not pengaduan.is_about_complaints(b.text):
                # a news article flattened into one paragraph: read sentence by sentence
                if not {"persyaratan", "prosedur"} <= have:
                    _facts_in_long_paragraph(b.text, i, in_context, have, new)
                _fee_in_long_paragraph(b.text, i, source, in_context, have, new, untied)
            continue
        leads = _leads(b.text)
        reading = _reading(leads, in_context, have)
        if reading is None:
            continue  # no word of time, fee, product, requirements or steps: the common case, skipped cheaply
        norm = leads[0]
        # on a page with no standard, a product verb alone makes a sentence worth reading for what the
        # applicant gets, not for steps ("Kantor Imigrasi menerbitkan paspor …" is no procedure)
        product_only = reading == "product"
        if pengaduan.is_about_complaints(b.text) or maklumat.is_pledge(b.text):
            continue  # how fast complaints are answered; "… pasti dan gratis" in a pledge
        if product_only:
            _read_product(b.text, norm, i, in_context, have, new)
            continue
        if "persyaratan" not in have:
            documents = requirement_list(b.text, in_context) or _listed_below(b.text, blocks, i, owned)
            if documents:
                have.add("persyaratan")
                new.append(Field(cls="persyaratan", label="", inline="\n".join(documents), index=i,
                                 kind=PROSE_FACT))
        if "prosedur" not in have:
            steps = steps_in_prose(blocks, i, owned) or _told_in_sentences(blocks, i, owned, in_context) \
                or request_by_contact(b.text)
            if steps:
                have.add("prosedur")
                new.append(Field(cls="prosedur", label="", inline="\n".join(steps), index=i, kind=PROSE_FACT))
        found: list[Field] = []
        sentences = _FACT_SPLIT.split(b.text)
        _scan_sentences(sentences, i, source, have, found)
        _read_product(b.text, norm, i, in_context, have, new)
        _keep_stated(found, sentences, in_context, have, new, untied)
        if {"waktu", "biaya"} <= have:
            break
    if {"persyaratan", "prosedur"} & have:
        # a story that tells the service's requirements or steps is about that service: a time or a fee it
        # states with a completion or fee cue is the service's ("… KTP sudah bisa dicetak", told after the
        # documents to bring), though its own sentence names no process
        for f in untied.first:
            if f.cls not in have:
                have.add(f.cls)
                new.append(f)
    if "biaya" not in have and untied.fee_alone is not None:
        # a service stated free on its own ("Pelayanan ini gratis", a headline's "Gratis !!!"): real stories say
        # a service is free without naming its process far more often than they call something else free
        # (docs/real-corpus.md, ninth session); an amount still needs its tie (a ticket, a stall, a budget)
        have.add("biaya")
        new.append(untied.fee_alone)
    return new


@dataclass
class _Untied:
    """The times and fees page_prose_fields found that failed only the tie to a service's process: the first of
    each class, kept when the story tells the service's requirements or steps; and the first free fee that stands
    on its own, kept in any case."""
    first: list[Field] = field(default_factory=list)
    fee_alone: Field | None = None


# A site repeats its short paragraphs on many pages (a unit's address, a footer's note): what the test above reads
# of a text is remembered per text. Pure in the text and the vocabulary (read once per process); bounded: at most
# 4,096 texts of at most 300 characters (99.9 % of the bench's repeats), then forgotten at once. A new vocabulary
# starts a new memo.
_LEADS = VocabularyMemo(entries=4096, chars=300)


def _leads(text: str) -> tuple[str, bool, bool, bool, bool]:
    """normalise(text) and what page_prose_fields' cheap test asks of it: a time or fee cue or label
    (worth_reading without products), a product verb (produk.may_name_product), a requirement cue, a procedure's
    opening or a step told (may_tell_steps)."""
    return _LEADS.of_text(text, _read_leads)


def _reading(leads: tuple[str, bool, bool, bool, bool], in_context: bool, have: set) -> str | None:
    """How page_prose_fields reads a block given its _leads: None (nothing it could give), "product" (only what
    the applicant gets) or "all"."""
    _, cue, product, requirement, steps = leads
    if cue or product and in_context and "produk" not in have or requirement and "persyaratan" not in have \
            or steps and "prosedur" not in have:
        return "all"
    return None if in_context or "produk" in have or not product else "product"


def _read_leads(text: str) -> tuple[str, bool, bool, bool, bool]:
    """_leads, computed."""
    norm = normalise(text)
    words = norm.split()  # split once for the five tests
    cues = _requirement_patterns()[0]
    return (norm, worth_reading(norm, False, words), produk.may_name_product(norm, words),
            may_match(cues, words) and bool(cues.search(norm)),
            bool(_procedure_opening().match(norm)) or may_tell_steps(norm, words)
            or _may_request_by_contact(norm, words))


def _read_product(text: str, norm: str, i: int, in_context: bool, have: set, new: list[Field]) -> None:
    """The product a paragraph names, as a field, unless one is had or the paragraph states a plan: beside a
    standard, any step's reading; on a page with none (news), only a sentence that says the applicant gets the
    document ("warga sudah bisa mendapatkan KTP-el mereka")."""
    if "produk" in have or (_product_intent() if in_context else _intent()).search(norm):
        return  # (in news, "akan" still plans: "Tahun depan warga akan mendapatkan KTP-el baru")
    named = produk.from_step(text) if in_context else produk.received_by_applicant(text)
    if named:
        have.add("produk")
        new.append(Field(cls="produk", label="", inline=named, index=i, kind="sentence"))


def _keep_stated(found: list[Field], sentences: list[str], in_context: bool, have: set,
                 new: list[Field], untied: _Untied) -> None:
    """Keep the fees and times _scan_sentences found in a paragraph's sentences that a service's process owns;
    those that fail only that tie go to UNTIED (page_prose_fields keeps them when the story tells the service's
    requirements or steps, and a free fee whose sentence biaya.not_alone does not disown in any case)."""
    for f in found:
        # the clause's sentence names the process before it: "… biaya pengurusan surat keterangan …,
        # tidak dipungut biaya." (not a claim about everything, "… bersifat gratis dan … pengurusan cepat")
        sentence = next((t for t in sentences if f.inline in t), f.inline)
        said, clause = normalise(sentence), normalise(f.inline)
        upto = sentence[:sentence.find(f.inline) + len(f.inline)]
        tied = in_context or bool(_service_process().search(normalise(upto))) or (
            # "biaya PNBP yang harus dibayarkan pemohon …, yakni Rp350 ribu untuk paspor": who pays or what
            # the levy is makes an amount in a news quote a service's fee
            f.cls == "biaya" and bool(_fee_of_service().search(said))) \
            or _tied_in_story(f.cls, sentence)
        # a promise or a KPI in the same sentence ("akan selesai dalam 3 hari") is no published time or fee
        fine = f.cls == "biaya" and bool(_frees().search(clause)) and not _frees_service().search(clause)
        if fine:
            tied = False  # "menggratiskan seluruh denda … dalam pengurusan …": a fine made free, not a service
        # the plan words of the value's own clauses: a plan in a later clause is about something else ("… tidak
        # dipungut biaya agar semua nelayan …, mengingat ke depan akan diperketat"), one right after the value is
        # not ("… tidak dipungut biaya, ditargetkan mulai tahun depan")
        own = upto + _NEXT_CLAUSE.split(sentence[len(upto):], maxsplit=1)[0]
        amount = (biaya.parse(f.inline) or {}).get("amount") if f.cls == "biaya" else None
        stated = not _states_intent(normalise(own), f.cls) and (f.cls == "waktu" or amount is not None)
        if tied and stated:
            new.append(f)
        else:
            have.discard(f.cls)  # a regulation cited in passing ("… tentang Retribusi Daerah") is no fee
            if not stated or fine or f.cls == "waktu" and _event().search(said):
                continue  # (not how long an event lasts: "Acara berlangsung selama 3 hari")
            if not any(g.cls == f.cls for g in untied.first):
                untied.first.append(f)
            if amount == 0 and untied.fee_alone is None and not _fee_not_alone().search(said):
                untied.fee_alone = f


def _fee_in_long_paragraph(text: str, i: int, source: str, in_context: bool, have: set, new: list[Field],
                           untied: _Untied) -> None:
    """A fee in a news article flattened into one paragraph of 1,200 to _LONG_PARAGRAPH characters, not about
    complaints (page_prose_fields checks both) ("Bangkalan (Antara
    Jatim) - Pemerintah Kabupaten Bangkalan … menggratiskan biaya pembuatan kartu tanda penduduk …"): each
    sentence read as a short paragraph's is. Only the fee: times and products read this way found nothing on the
    unseen pages and two false ones (369 held-out pages, 2026-11-30)."""
    if "biaya" in have or maklumat.is_pledge(text):
        return
    sentences = _FACT_SPLIT.split(text)
    for sentence in sentences:
        if not worth_reading(normalise(sentence), False):
            continue
        found: list[Field] = []
        _scan_sentences([sentence], i, source, have | {"waktu"}, found)
        kept = len(new)
        _keep_stated([f for f in found if f.cls == "biaya"], sentences, in_context, have, new, untied)
        if len(new) > kept:
            have.add("biaya")
            return


_LONG_PARAGRAPH = 8000  # a whole flattened article; past this, a stored page's text, not a paragraph
_WINDOW = 600  # the sentences read together in a long paragraph


def _facts_in_long_paragraph(text: str, i: int, in_context: bool, have: set, new: list[Field]) -> None:
    """Requirements and steps in a news article flattened into one paragraph of 1,200 to _LONG_PARAGRAPH
    characters, not about complaints (page_prose_fields checks both) ("… Persyaratan yang harus dibawa pemohon untuk membuat SKCK, kata Iwan, cukup pas foto 4x6 dan foto kopi
    KTP saja. Kemudian pemohon dipersilakan melakukan pengambilan sidik jari …"): read as runs of sentences of
    up to 600 characters, each held to what a short paragraph is (requirement_list, _told)."""
    sentences = [s for s in _SENTENCE_SPLIT.split(text) if s.strip()]
    for k in range(len(sentences)):
        window = sentences[k]
        for nxt in sentences[k + 1:k + 3]:
            if len(window) + len(nxt) + 1 > _WINDOW:
                break
            window = f"{window} {nxt}"
        if len(window) > 1200:
            continue
        if "persyaratan" not in have:
            documents = requirement_list(sentences[k], in_context)
            if documents:
                have.add("persyaratan")
                new.append(Field(cls="persyaratan", label="", inline="\n".join(documents), index=i,
                                 kind=PROSE_FACT))
        if "prosedur" not in have and may_tell_steps(normalise(window)):
            steps = _told(window, in_context)
            if steps:
                have.add("prosedur")
                new.append(Field(cls="prosedur", label="", inline="\n".join(steps), index=i, kind=PROSE_FACT))


# sentences for the fee and time scan: also where a quote opens right after a full stop ("… dari kelurahan.\"Jika
# persyaratannya lengkap, dijamin dalam waktu dua hari sudah jadi"), so a promise before it stays in its own sentence
_FACT_SPLIT = re.compile(r"(?<=[.;!?])\s+(?=[A-Z(])|(?<=[.!?])(?=[\"“][A-Z])")


def _tied_in_story(cls: str, sentence: str) -> bool:
    """A fee in a story that names no process in its own sentence, still tied to a service: the sentence makes a
    service or a document free ("Pemkab Bangkalan Gratiskan Biaya Pembuatan KTP", "Gratiskan Akta Kelahiran"),
    not a fine or a ticket ("menggratiskan seluruh denda"); or it puts the amount on a document a service issues
    (_priced_document)."""
    return cls == "biaya" and bool(_frees_service().search(normalise(sentence)) or _priced_document(sentence))


# "… maka akan dikenakan biaya sebesar Rp600 ribu", "tidak ada biaya yang akan dikenakan": how a fee is stated,
# not a plan
_CHARGED = re.compile(r"(?<![0-9a-z])akan (?:dikenakan|dikenai|dipungut)(?![0-9a-z])")


# a conjunction that opens a clause of its own after a stated value (its plan words are not the value's)
_NEXT_CLAUSE = re.compile(r"(?i)(?<![0-9a-z])(?:mengingat|karena|namun|tetapi|sedangkan|agar|supaya|sehingga|sebab)"
                          r"(?![0-9a-z])")


def _states_intent(norm: str, cls: str) -> bool:
    """The sentence states a plan, a target or a promise (prose_intent_cues), not a published time or fee. For a
    fee, "akan dikenakan" is the ordinary way to state it."""
    if cls == "biaya":
        norm = _CHARGED.sub("dikenakan", norm)
    return bool(_intent().search(norm))


def _priced_document(sentence: str) -> bool:
    """An amount the sentence puts on a document a service issues ("paspor biasa 48 halaman … dengan biaya
    350.000", "e-paspor … tarifnya Rp650 ribu"): the document named before the amount."""
    value = biaya.parse(sentence)
    if not value or not value.get("amount"):
        return False
    documents = _product_nouns()
    cut = biaya.amount_at(sentence)
    # a purchase or a budget beside the document is no fee ("Pengadaan mesin cetak KTP-el dengan biaya …")
    return cut > 0 and bool(documents.search(normalise(sentence[:cut]))) and not biaya.names_something_else(
        sentence[:cut])


@lru_cache(maxsize=1)
def _frees() -> re.Pattern:
    return phrase_regex((vocabulary().get("biaya") or {}).get("frees") or [])


@lru_cache(maxsize=1)
def _frees_service() -> re.Pattern:
    """ "gratiskan" and its object within three words: a document, or a service's process of one ("biaya
    pembuatan KTP"); a process alone is not ("menggratiskan pembuatan seragam sekolah", "… sumur bor")."""
    v = vocabulary()
    documents = phrase_regex((v.get("produk_in_steps") or {}).get("nouns") or []).pattern
    processes = phrase_regex(v.get("service_process_nouns") or []).pattern
    verbs = phrase_regex((v.get("biaya") or {}).get("frees") or [])
    return re.compile(verbs.pattern + r"(?: +[0-9a-z]+){0,3}? +(?:" + processes + r"(?: +[0-9a-z]+){0,2}? +)?"
                      + documents)


@lru_cache(maxsize=1)
def _fee_of_service() -> re.Pattern:
    return phrase_regex((vocabulary().get("biaya") or {}).get("service_fee_words") or [])


# what makes a fee stated without a service's process no service's fee: a claim about every service, a demand,
# aid handed out (biaya.not_alone)
_fee_not_alone = cached(lambda v: phrase_regex((v.get("biaya") or {}).get("not_alone") or []))


@lru_cache(maxsize=1)
def _service_process() -> re.Pattern:
    return phrase_regex(vocabulary().get("service_process_nouns") or [])


@lru_cache(maxsize=1)
def _procedure_opening() -> re.Pattern:
    labels = (vocabulary().get("labels") or {}).get("prosedur") or []
    return phrase_regex([*labels, *((vocabulary().get("prose_steps") or {}).get("openings") or [])],
                        prefix=r"^(?:[0-9a-z ]{0,24} )??")


def steps_in_prose(blocks: list[Block], i: int, owned: set[int]) -> list[str]:
    """A procedure told in sentences: a paragraph that opens on a procedure word ("Prosedur pendaftaran SKTM
    dapat dilakukan melalui Kantor Desa. Pemohon harus mengajukan …", "Tata cara …") and, with the paragraphs
    that go on from it ("Selanjutnya, staff Kelurahan akan …"), names an applicant or an officer doing two or
    more distinct steps. Its sentences are the steps; [] otherwise.

    Also: a how-to title ("Panduan Membuat …", "Proses Pembuatan …") over paragraphs that tell the steps in order;
    steps worded with ordinals (ordinal_steps); one step that names itself ("Langkah pertama … adalah …
    mengajukan permohonan …") or introduces the requirements (_step_before_requirements)."""
    norm = normalise(blocks[i].text)
    if ordinal_start().match(norm):
        following = []
        for k in range(i, min(i + 2 * _TITLED_SPAN, len(blocks))):
            if k in owned or blocks[k].link or blocks[k].kind not in ("paragraph", "list_item", "heading"):
                break
            following.append(blocks[k].text)
        steps = ordinal_steps(following)
        if steps:
            return steps
    if not _procedure_opening().match(norm):
        return _step_before_requirements(blocks, i, owned)
    verbs, actors = step_verbs()
    texts = [blocks[i].text]
    titled = _is_title(blocks[i].text)
    for k in range(i + 1, min(i + (_TITLED_SPAN if titled else 4), len(blocks))):
        nxt = blocks[k]
        if k in owned or nxt.link or nxt.kind not in ("paragraph", "list_item") \
                or not titled and (nxt.kind != "paragraph" or not _GOES_ON.match(nxt.text)):
            break
        texts.append(nxt.text)  # under a how-to title ("Panduan Membuat …") every paragraph is the guide's
    joined = normalise(" ".join(texts))
    if len(set(verbs.findall(joined))) < 2 or not actors.search(joined):
        if named_step(blocks[i].text):  # "Langkah pertama … adalah … mengajukan permohonan …": one step, named so
            return [t for t in _SENTENCE_SPLIT.split(blocks[i].text) if t.strip()][:3]
        return _step_before_requirements(blocks, i, owned)
    if titled and (not _in_order().search(joined) or any(is_reported_speech(t) for t in texts[1:])):
        # a title over paragraphs on what the letter is for, not over steps told in order; or a news headline
        # over what people say happened ("Camat mengatakan …")
        return []
    if titled:
        texts = texts[1:]  # the title is no step
    return [t for text in texts for t in _SENTENCE_SPLIT.split(text) if t.strip()][:20]


def _told_in_sentences(blocks: list[Block], i: int, owned: set[int], in_context: bool) -> list[str]:
    """Steps told in sentences with no procedure word (steps.told_steps), in a paragraph and the one after it
    ("… harus terlebih dahulu mengisi data diri di 'Siap Kerja'." / "Jadi sebelum mengambil antrean itu, …").
    Without other parts of a standard on the page the text must tie them to a service's process or an
    application ("dalam mengurus pembuatan kartu kuning …"), not to an event ("warga datang ke lokasi …")."""
    text = blocks[i].text
    if i + 1 < len(blocks) and i + 1 not in owned and blocks[i + 1].kind == "paragraph" and not blocks[i + 1].link \
            and len(blocks[i + 1].text) <= 600:
        text = f"{text}\n{blocks[i + 1].text}"
    if i > 0 and i - 1 not in owned and len(blocks[i - 1].text) <= 200 and _HOW_QUESTION.search(blocks[i - 1].text):
        # "Trus, bagaimana cara bikin NIB? Gampang!" over "Pelaku usaha cukup memilih menu …, lalu klik …": the
        # question names what the steps obtain
        text = f"{blocks[i - 1].text}\n{text}"
    return _told(text, in_context)


def request_by_contact(text: str) -> list[str]:
    """The sentence that tells the public to request the service by contacting the office, as the one step
    (vocabulary prose_steps.contact_request): an offer word, a verb of contacting or applying and a channel in it;
    not a complaint, not a number given for more information."""
    norm = normalise(text)
    if not _may_request_by_contact(norm, norm.split()):
        return []
    p = _contact_request()
    for sentence in _FACT_SPLIT.split(text):
        norm = normalise(sentence)
        number = bool(_NUMBER.search(sentence) or p["short_numbers"].search(norm) and _SHORT_NUMBER.search(sentence))
        web = bool(urls.IN_TEXT.search(sentence))  # "mendaftar melalui website silatnaker.demakkab.go.id"
        if (p["verbs"].search(norm) and (number or web or p["channels"].search(norm))
                or p["access_verbs"].search(norm) and number
                or p["web_access_verbs"].search(norm) and web) and p["offers"].search(norm) \
                and not p["not"].search(norm) \
                and not pengaduan.is_about_complaints(sentence):
            return [sentence.strip()]
    return []


def _may_request_by_contact(norm: str, words: list[str]) -> bool:
    """request_by_contact's cheap test: a verb of contacting, applying or reaching a site, and a digit, a channel word
    or what a web address leaves ("Hubungi Kami", a site's menu entry, has none). words: norm.split(); each phrase
    list is searched only where a word of the text opens one of its phrases (vocab.may_match: 3,750 texts a bench
    pass, two searches each)."""
    p = _contact_request()

    def found(rx: re.Pattern) -> bool:
        return may_match(rx, words) and rx.search(norm) is not None

    return (found(p["verbs"]) or found(p["access_verbs"]) or found(p["web_access_verbs"])) \
        and (any(c.isdigit() for c in norm) or found(p["channels"]) or _WEB_WORDS.search(norm) is not None)


# what any address urls.IN_TEXT finds leaves in normalised text ("https x com", "www …", "… go id", "… polri id"):
# its scheme, "www" or one of its endings
_WEB_WORDS = re.compile(r"\b(?:https?|www|id|com|net|org)\b")


_NUMBER = re.compile(r"\d[\d\s\-.()]{5,}\d")  # a phone number: seven digits or more, spaced as people write them
_SHORT_NUMBER = re.compile(r"(?<![\d.,])\d{3,4}(?![\d.,])")  # an emergency line: 112, 119, 1500


@cached
def _contact_request(v):
    d = (v.get("prose_steps") or {}).get("contact_request") or {}
    return {k: phrase_regex(d.get(k) or []) for k in ("offers", "verbs", "access_verbs", "web_access_verbs", "channels",
                                                      "short_numbers", "not")}


_HOW_QUESTION = re.compile(r"\b(?:bagaimana|gimana)\s+(?:cara|caranya)\b[^?]{0,80}\?", re.IGNORECASE)


def _told(text: str, in_context: bool) -> list[str]:
    """told_steps on a text, held to a concrete service: tied to one (in_context, or a word of its process, of
    applying, of requirements or of how), naming a document or what the service issues, and no selection's
    steps or account of trouble."""
    norm = normalise(text)
    words = norm.split()

    def found(rx: re.Pattern) -> bool:
        # a phrase list's search only where a word of the text opens one of its phrases (1,463 texts a bench
        # pass, ~500 characters each); tests/test_extract_speed.py holds it to the searches
        return may_match(rx, words) and bool(rx.search(norm))

    if not in_context and not (found(_service_process()) or found(_applicant()) or _REQUIREMENT_WORD.search(norm)):
        return []
    if found(_recruitment()):
        return []  # "pelamar harus mendaftar …, kemudian mengunggah ijazah": a selection's steps, no service's
    if found(_trouble()):
        return []  # "Sejumlah warga mengeluhkan … Kemudian warga mengisi formulir, namun …": an account of trouble
    if not (found(_requirement_patterns()[1]) or found(_product_nouns()) or _APPLICANT_BRINGS.search(norm)):
        # no document, form or card named: the flow of a whole kind of service ("Warga cukup menyerahkan berkas
        # ke petugas meja/loket pelayanan, … kemudian dipanggil …" explaining PATEN), not a concrete service's;
        # but the applicant told to come with what to bring is ("Pemohon cukup datang ke kantornya dengan membawa
        # kelengkapan data diri")
        return []
    return told_steps(text, lambda sentence: requirement_list(sentence, in_context))


_APPLICANT_BRINGS = re.compile(r"(?<![a-z])(?:pemohon|pendaftar)(?: [a-z]+){0,4} datang(?: [a-z]+){1,6} dengan membawa"
                               r"(?![a-z])")
# what a service issues ("buku KIR", "PBG", "paspor"): a step toward it is a concrete service's
_product_nouns = cached(lambda v: phrase_regex((v.get("produk_in_steps") or {}).get("nouns") or []))
_trouble = cached(lambda v: phrase_regex((v.get("prose_steps") or {}).get("trouble_words") or []))
# a word of requirements or of how a service is obtained ties told steps to a service ("Syaratnya …", "Caranya, …")
_REQUIREMENT_WORD = re.compile(r"(?<![a-z])(?:(?:per)?syarat|caranya|dengan cara|alurnya|prosedurnya|mekanismenya)")
_TITLED_SPAN = 7  # a how-to title and the paragraphs under it, up to the next heading or field
# words that tell steps in order ("Pertama-tama, pemohon …", "Kemudian, …", "Terakhir, …")
_in_order = cached(lambda v: phrase_regex((v.get("prose_steps") or {}).get("in_order") or []))


def _is_title(text: str) -> bool:
    """A short line that is not a sentence: "Panduan Membuat Surat Keterangan Domisili"."""
    return len(text.split()) <= 16 and not text.rstrip().endswith((".", ";", ","))


_ATTACHING = re.compile(r"^(?:dengan )?(?:melampirkan|membawa|dilampiri|dilengkapi)\b", re.I)


def _step_before_requirements(blocks: list[Block], i: int, owned: set[int]) -> list[str]:
    """One step that introduces the requirements list: "… pemohon mengajukan permohonan secara tertulis kepada
    Kepala Dinas dengan melampirkan persyaratan sebagai berikut :", or "Mengajukan permohonan kepada Walikota
    melalui Pejabat yang ditunjuk" over "dengan melampirkan persyaratan:". How pages copied from a Perda word
    the procedure; [] for a sentence that only says where to apply."""
    text = blocks[i].text.strip()
    if not application_step(text):
        return []
    if introduces_requirements().search(text):
        return [text]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    if nxt is not None and len(nxt.text.split()) <= 12 and _ATTACHING.match(nxt.text.strip()) \
            and introduces_requirements().search(nxt.text):
        return [f"{text} {nxt.text.strip()}"]
    return []


_GOES_ON = re.compile(r"^(?:selanjutnya|kemudian|setelah|lalu|berikutnya|terakhir|staff?|petugas|pemohon)\b", re.I)
_ENDS_WITH_REQUIREMENTS = re.compile(r"(?:per)?syarat(?:-syarat|an)?(?:nya)?\s*[.:]?\s*$", re.I)
_OPENS_ENUMERATION = re.compile(r"^(?:di ?antaranya|antara lain|yaitu|yakni|meliputi|berupa)\b[\s,:]*", re.I)


def _listed_below(text: str, blocks: list[Block], i: int, owned: set[int]) -> list[str]:
    """ "… harus melengkapi syarat-syaratnya." then "Diantaranya, KTP, KK, Fotocopy rekening …": the documents
    of a sentence that ends on the word, listed in the next paragraph."""
    if i + 1 >= len(blocks) or i + 1 in owned or not _ENDS_WITH_REQUIREMENTS.search(text[-40:]):
        return []
    opening = _OPENS_ENUMERATION.match(blocks[i + 1].text)
    return requirement_list("Persyaratan: " + blocks[i + 1].text[opening.end():]) if opening else []


@lru_cache(maxsize=1)
def _applicant() -> re.Pattern:
    return phrase_regex((vocabulary().get("prose_requirements") or {}).get("applicants") or [])


@lru_cache(maxsize=1)
def _intent() -> re.Pattern:
    return phrase_regex(vocabulary().get("prose_intent_cues") or [])


@lru_cache(maxsize=1)
def _product_intent() -> re.Pattern:
    """A plan, for a product: without "akan", which tells a service's process as much as a plan ("surat
    keterangan domisili akan diterbitkan dan kamu bisa mengambilnya", "NIB akan diterbitkan secara otomatis")."""
    return phrase_regex([w for w in vocabulary().get("prose_intent_cues") or [] if w != "akan"])


@lru_cache(maxsize=1)
def _event() -> re.Pattern:
    return phrase_regex(vocabulary().get("prose_event_cues") or [])


def worth_reading(norm: str, produk_too: bool, words: list[str] | None = None) -> bool:
    """A speed shortcut for page_prose_fields: False only when no sentence of the block can give a field (no
    time or fee cue, no waktu/biaya label phrase, no product verb). tests/test_extract_real_shapes.py checks
    that over the corpora. norm: normalise()'s form of the text (words and single spaces); words: norm.split(),
    when the caller has it."""
    cues = _prose_cues()
    # each search only where a word of the text opens one of its phrases (vocab.may_match: 6,972 texts a bench
    # pass, 1 in 5 gets past); tests/test_extract_speed.py holds it to the searches
    words = norm.split() if words is None else words
    return bool(any(may_match(rx, words) and rx.search(norm) for rx in (cues["waktu"], cues["biaya"], _value_labels()))
                or produk_too and produk.may_name_product(norm, words))


@lru_cache(maxsize=1)
def _value_labels() -> re.Pattern:
    """The waktu and biaya label phrases _scan_sentences finds at a sentence's start ("Waktu penyelesaian …")."""
    labels = vocabulary().get("labels") or {}
    return phrase_regex([*(labels.get("waktu") or []), *(labels.get("biaya") or [])])

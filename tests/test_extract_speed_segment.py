"""PERF10 (bench/README.md, tenth pass): segment's prose and label shortcuts give what the slow way gives.

Each shortcut is held to the plain computation it replaces, on the fixture pages' and real tuning texts' lines and
on texts made to reach the case it skips. No timings are asserted.
"""

from __future__ import annotations

import itertools

import pytest

from extractors import items, labels, names, prose, vocab
from extractors.components import produk
from extractors.model import Block
from extractors.steps import may_tell_steps
from extractors.vocab import normalise, vocabulary
from tests.helpers import assert_memo_is_the_computation, requests_by_contact_plainly
from tests.helpers import fixture_texts as _fixture_texts

# ---- page_prose_fields' cheap test, remembered per text (prose._leads, prose._reading) --------------------------

def _slow_reading(text: str, in_context: bool, have: set) -> str | None:
    """page_prose_fields' test as it was written before the memo, every phrase list searched (no may_match)."""
    norm = normalise(text)
    cues = prose._prose_cues()
    worth = bool(cues["waktu"].search(norm) or cues["biaya"].search(norm) or prose._value_labels().search(norm)
                 or in_context and "produk" not in have and produk._cue().search(norm))
    steps = bool(prose._procedure_opening().match(norm) or may_tell_steps(norm) or requests_by_contact_plainly(norm))
    if not (worth or "persyaratan" not in have and prose._requirement_patterns()[0].search(norm)
            or "prosedur" not in have and steps):
        if in_context or "produk" in have or not produk._cue().search(norm):
            return None
        return "product"
    return "all"


def _lead_texts() -> list[str]:
    v = vocabulary()
    phrases = [*(v.get("prose_cues") or {}).get("waktu", []), *(v.get("prose_cues") or {}).get("biaya", []),
               *(v.get("labels") or {}).get("prosedur", []), *(v.get("prose_requirements") or {}).get("cues", [])]
    return [*_fixture_texts()[::2], *phrases, *(f"Kantor camat {p} hari ini." for p in phrases),
            "Kantor Imigrasi menerbitkan paspor bagi warga.", "Warga datang ke kantor kelurahan membawa KTP.",
            "Pemohon menerima SK.", "Tata cara pengurusan", "Alamat: Jl. Merdeka 1", "", "  ", "İstanbul",
            "Warga dapat menghubungi Damkar di 0812 3456 7890.", "Hubungi Kami", "Daftar melalui aplikasi SiJalan",
            "Ambulans bisa diakses melalui call center 112."]


_HAVES = [set(c) for n in range(4) for c in itertools.combinations(["persyaratan", "prosedur", "produk"], n)]


def test_a_blocks_reading_is_the_one_the_searches_give():
    prose._LEADS.answers.clear()
    seen = set()
    for _ in range(2):  # first computed and remembered, then remembered
        for text in _lead_texts():
            for in_context, have in itertools.product((False, True), _HAVES):
                fast = prose._reading(prose._leads(text), in_context, have)
                assert fast == _slow_reading(text, in_context, have), (text, in_context, have)
                seen.add(fast)
            assert prose._leads(text)[0] == normalise(text)
    assert seen == {None, "product", "all"}  # every case was reached


def test_the_leads_memo_stays_bounded_and_keeps_short_texts_only(monkeypatch):
    monkeypatch.setattr(prose._LEADS, "entries", 3)
    prose._LEADS.answers.clear()
    texts = [f"Biaya {i} gratis, selesai {i} hari kerja" for i in range(20)]
    for text in texts:
        assert prose._leads(text) == prose._read_leads(text)
        assert len(prose._LEADS.answers) <= 3
    long = "Pemohon datang ke kantor membawa KTP. " * 10  # over the memo's chars: computed each time
    assert prose._leads(long) == prose._read_leads(long)
    assert long not in prose._LEADS.answers and all(len(t) <= prose._LEADS.chars for t in prose._LEADS.answers)


# ---- received_by_applicant's cheap test (no verb of receiving) ---------------------------------------------------

RECEIVING = ["Warga sudah bisa mendapatkan KTP-el mereka.", "1. Pemohon menerima SK Izin Usaha.",
             "2.Pemohon mengambil Kartu Kuning di loket 3", "a) pemohon memperoleh Surat Keterangan Domisili",
             "Setiap pemustaka yang telah memenuhi ketentuan diatas akan mendapatkan kartu anggota",
             "Masyarakat untuk mendapatkan dokumen kependudukan", "Warga yang belum mendapat e-KTP",
             "(3) Pemohon mendapat NIB", "• warga menerima sertifikat secara simbolis", "Pemohon-menerima SK",
             "5\ufe0f\u20e3 Pemohon menerima KTP", "Anda akan dipanggil untuk mengambil paspor",
             "PEMOHON MENERIMA AKTA KELAHIRAN", "İ warga mendapatkan KIA", "Pemohon menerimaSK", "warga menerima"]


def _slow_received(monkeypatch, line: str):
    with monkeypatch.context() as m:
        m.setattr(produk, "may_match", lambda rx, words: True)  # the cheap test always lets it through
        return produk.received_by_applicant(line)


def test_received_by_applicant_without_a_verb_of_receiving_is_what_reading_it_gives(monkeypatch):
    texts = [*RECEIVING, *_fixture_texts()[::3]]
    skipped = found = 0
    for text in texts:
        fast = produk.received_by_applicant(text)
        assert fast == _slow_received(monkeypatch, text), text
        skipped += not vocab.may_match(produk._receive_words(), normalise(text).split())
        found += fast is not None
    assert skipped > 100 and found >= 3  # both ways were taken


def test_every_match_of_receive_ends_on_a_verb_the_cheap_test_knows():
    receive = produk._step_patterns()[4]
    for text in RECEIVING:
        for m in receive.finditer(normalise(text)):
            assert produk._receive_words().search(m.group())


# ---- labels: typo fixes and definition cues built once ----------------------------------------------------------

def test_a_remembered_typo_fix_is_the_one_computed():
    words = [*vocab._first_words(), *(w[:-1] for w in vocab._first_words()), *(w + "x" for w in vocab._first_words()),
             "persaratan", "prosedure", "persyaratanny", "kecamatan", "pelayanan", "12345678", "abc"]
    for _ in range(2):
        assert [vocab._fix_typo(w) for w in words] == [vocab._fix_typo.__wrapped__(w) for w in words]
    assert vocab._fix_typo.cache_info().maxsize == 4096


def test_definition_cues_are_the_vocabularys():
    assert labels._def_cues() == frozenset(normalise(x) for x in vocabulary().get("definition_cues") or [])
    assert labels._is_definition("adalah syarat yang harus dipenuhi") or not labels._def_cues()


# ---- names: clean_service_name remembered per text --------------------------------------------------------------

NAME_TEXTS = ["Akta Kelahiran", "1. AKTA KELAHIRAN.", "Pelayanan Pembuatan KTP-el", "81,32", "Rp. 0,-", "2024",
              "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL", "Standar Pelayanan", "Sabtu, 19 Oktober 2019", "", "  ",
              "Persyaratan", "Surat Keterangan Tidak Mampu (SKTM)", "x" * 200, "Nama " * 70]


def test_a_remembered_service_name_is_the_one_computed(monkeypatch):
    computed = assert_memo_is_the_computation(monkeypatch, names._NAME_MEMO, names.clean_service_name,
                                              names._clean_service_name, [*NAME_TEXTS, *_fixture_texts()[::5]],
                                              "Nama " * 70)
    assert any(computed) and None in computed


@pytest.mark.parametrize("memo, ask, first, second", [
    (lambda: prose._LEADS, prose._leads, "Biaya gratis", "Waktu 3 hari"),
    (lambda: names._NAME_MEMO, names.clean_service_name, "Akta Kelahiran", "Kartu Keluarga"),
    (lambda: labels._LABEL_MEMO, lambda t: labels.label_of(Block("paragraph", t)), "Biaya: Gratis", "Waktu: 3 hari"),
    (lambda: items._KINDS, items.item_kind, "Fotokopi KTP", "Mengisi formulir"),
])
def test_a_new_vocabulary_starts_a_new_memo(memo, ask, first, second):
    ask(first)
    assert any(first in (k if isinstance(k, str) else k[0].text) for k in memo().answers)
    memo().vocab = object()  # as if the memo had been read with another vocabulary
    ask(second)
    assert not any(first in (k if isinstance(k, str) else k[0].text) for k in memo().answers)
    assert memo().vocab is vocabulary()


# ---- items: item_kind remembered per text (PERF11, bench/README.md eleventh pass) ----------------------------------

ITEM_TEXTS = ["Fotokopi KTP", "1. Mengisi formulir permohonan", "Undang-Undang Nomor 23 Tahun 2006", "Mencatat nomor "
              "pendaftaran", "Pasien Baru : Kartu Berobat, Asli Kartu KIS", "Surat Permohonan Pindah diperiksa "
              "kelengkapannya", "Akta cerai merupakan akta otentik", "", "  ", "-", "x" * 299, "Fotokopi KK " * 30]


def test_a_remembered_item_kind_is_the_one_computed(monkeypatch):
    computed = assert_memo_is_the_computation(monkeypatch, items._KINDS, items.item_kind, items._item_kind,
                                              [*ITEM_TEXTS, *_fixture_texts()[::3]], "Fotokopi KK " * 30)
    assert {"document", "step", "legal", None} <= set(computed)

"""Legal bases and decree staleness: extractors/legal.py (decrees in text), scoring/legal.py (config/legal.yaml,
free-of-charge rules, stale standards).

Real texts are quoted from the tuning corpus (tests/fixtures/real/tuning/<file>, which records each page's
source URL in its sidecar .yaml) and read from those files where the layout (line breaks) matters."""

from __future__ import annotations

import dataclasses
import datetime as dt
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from extractors.legal import MAX_ANCHORS, MAX_DECREES, decrees_in
from scoring import legal
from scoring.legal import (
    LegalConfigError,
    cited_regulations,
    free_rule_for,
    parse_config,
    stale_after_years,
    stale_standard,
)

TUNING = Path(__file__).parent / "fixtures" / "real" / "tuning"
RUN = dt.date(2026, 11, 29)


def _tuning(name: str) -> str:
    return (TUNING / name).read_text(encoding="utf-8")


def _only(text: str):
    found = decrees_in(text)
    assert len(found) == 1, found
    return found[0]


# --- decrees in text: real shapes -------------------------------------------------------------------------

def test_keputusan_lurah_with_tahun_sets_the_standard():
    # tuning c1-63-selatan-jakarta-kelurahan-pengadegan-standar.txt
    d = _only("Standar Pelayanan Kelurahan Pengadegan berdasarkan Keputusan Lurah Kelurahan Pengadegan Nomor 37 "
              "Tahun 2022 tentang Penetapan Standar Pelayanan Pada Kelurahan Pengadegan tanggal 07 September 2022.")
    assert (d.kind, d.number, d.year, d.sets_standard) == ("keputusan_lurah", "37", 2022, True)
    assert d.about == "Penetapan Standar Pelayanan Pada Kelurahan Pengadegan"
    assert d.snippet.startswith("Keputusan Lurah Kelurahan Pengadegan Nomor 37 Tahun 2022")


def test_year_from_trailing_number_and_sk_camat():
    # tuning c6-60-cibugelkec-sumedangkab-daftar-layanan.txt
    d = _only("Berdasarkan Keputusan Camat Cibugel Nomor 11/SK/Kec/2018 tanggal 17 Januari 2018 tentang Standar "
              "Pelayanan pada Jenis-jenis Pelayanan Umum di Kecamatan Cibugel Kabupaten Sumedang.")
    assert (d.kind, d.number, d.year, d.sets_standard) == ("keputusan_camat", "11/SK/Kec/2018", 2018, True)


def test_heading_split_over_lines_real_sk_kepala_dinas():
    # tuning c7-15-123dok-sk-standar-pelayanan-dpm-esdm-boalemo.txt:
    # "KEPUTUSAN\n\nKEPALA DINAS ESDM KABUPATEN BOALEMO NOMOR:04.a/09/01/2020"
    setting = [d for d in decrees_in(_tuning("c7-15-123dok-sk-standar-pelayanan-dpm-esdm-boalemo.txt"))
               if d.sets_standard]
    assert [(d.kind, d.number, d.year) for d in setting] == [("keputusan_kepala", "04.a/09/01/2020", 2020)]
    assert setting[0].about.upper().startswith("PENETAPAN STANDAR PELAYANAN")


def test_blank_number_and_lampiran_layout_real():
    # c2-06: "PERATURAN BUPATI KUBU RAYA NOMOR TAHUN 2018 TENTANG STANDAR OPERASIONAL PROSEDUR PELAYANAN …"
    kubu = [d for d in decrees_in(_tuning("c2-06-docplayer-kuburaya-sop-perizinan.txt")) if d.sets_standard]
    assert [(d.kind, d.number, d.year) for d in kubu] == [("peraturan_bupati", "", 2018)]
    # c4-51: "LAMPIRAN : KEPUTUSAN CAMAT TEMBUKU\n NOMOR : 011 TAHUN 2022\n TANGGAL : 22 PEBRUARI 2022
    # TENTANG STANDAR PELAYANAN …"
    tembuku = [d for d in decrees_in(_tuning("c4-51-tembuku-banglikab-standar-sk-kelahiran.txt")) if d.sets_standard]
    assert [(d.kind, d.number, d.year) for d in tembuku] == [("keputusan_camat", "011", 2022)]


@pytest.mark.parametrize("text, number, year", [
    # https://id.scribd.com/document/578518568/Standar-Pelayanan-Disdukcapil-Lampung-Selatan (stored copy)
    ("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN\n\n\nSIPIL KABUPATEN LAMPUNG SELATAN\nNOMOR 800/210 "
     "/IV.12/2020\n\nTENTANG\n\nREVISI STANDAR PELAYANAN PADA DINAS KEPENDUDUKAN DAN\n\n\nPENCATATAN SIPIL "
     "KABUPATEN LAMPUNG SELATAN\n\nKEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL,\n\n\nMenimbang : a. bahwa",
     "800/210/IV.12/2020", 2020),
    # https://fdokumen.com/document/pemerintah-kota-bandar-lampung-dinas-2020-8-12-pemerintah-kota-bandar-lampung.html
    ("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA BANDAR LAMPUNG Nomor :470/ 071 /III.11/2020 "
     "TENTANG STANDAR PELAYANAN ADMINISTRASI KEPENDUDUKAN PADA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KOTA "
     "BANDAR LAMPUNG TAHUN ANGGARAN 2020 KEPALA DINAS", "470/071/III.11/2020", 2020),
    # http://docplayer.info/74600327-standar-pelayanan-dinas-kependudukan-dan-pencatatan-sipil-kabupaten-buleleng.html
    ("KEPUTUSAN KEPALA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN BULELENG Nomor : 470 / 2043 / I / "
     "DUKCAPIL / 2017 TENTANG PENETAPAN STANDAR PELAYANAN PADA DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL",
     "470/2043/I/DUKCAPIL/2017", 2017),
])
def test_sk_kepala_dinas_numbers_with_spaced_slashes(text, number, year):
    d = _only(text)
    assert (d.kind, d.number, d.year, d.sets_standard) == ("keputusan_kepala", number, year, True)
    assert "KEPALA DINAS" not in d.about  # the heading's repeat after the subject is not part of it


def test_year_from_a_date_when_no_tahun():
    d = _only("SK Camat Sukadana No. 7 tanggal 2 Januari 2016 tentang Standar Pelayanan Kecamatan Sukadana")
    assert (d.kind, d.number, d.year, d.sets_standard) == ("keputusan_camat", "7", 2016, True)


@pytest.mark.parametrize("text, kind, number, year, sets", [
    ("Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Timur Nomor: 470/123/2016 "
     "tentang Standar Pelayanan Administrasi Kependudukan", "keputusan_kepala", "470/123/2016", 2016, True),
    ("Peraturan Bupati Lampung Timur Nomor 12 Tahun 2019 tentang Standar Pelayanan Publik pada Perangkat Daerah",
     "peraturan_bupati", "12", 2019, True),
    ("SK Camat No. 3 Tahun 2017 tentang Maklumat Pelayanan", "keputusan_camat", "3", 2017, True),
    ("sesuai Perbup No 5/2018 tentang SOP Pelayanan Perizinan", "peraturan_bupati", "5/2018", 2018, True),
    ("Dasar hukum: Kepmenpan No. 63 Tahun 2003", "keputusan_menteri", "63", 2003, False),
    ("Permenpan RB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan", "peraturan_menteri", "15", 2014, False),
    ("UU 25/2009 tentang Pelayanan Publik", "undang_undang", "25/2009", 2009, False),
    ("KepmenPAN 63/KEP/M.PAN/7/2003 tentang Pedoman Umum Penyelenggaraan Pelayanan Publik", "keputusan_menteri",
     "63/KEP/M.PAN/7/2003", 2003, False),
    # en dash, as in https://123dok.com/document/zxo28vnz-walikota-blitar-provinsi-jawa-timur.html
    ("5. Undang \u2013 Undang Nomor 25 Tahun 2004 tentang Sistem Perencanaan Pembangunan Nasional",
     "undang_undang", "25", 2004, False),
    # a guideline for writing standards sets none: http://docplayer.info/46385930-g-u-b-e-r-n-u-r-sumatera-barat.html
    ("No. Urut: 34, 2014 PERATURAN GUBERNUR SUMATERA BARAT NOMOR 34 TAHUN 2014 TENTANG PEDOMAN UMUM PENYUSUNAN, "
     "PENETAPAN DAN PENERAPAN STANDAR PELAYANAN DENGAN RAHMAT TUHAN", "peraturan_gubernur", "34", 2014, False),
    # tuning c2-07-docplayer-kabsemarang-ijin-laik-sehat.txt: no space after "Nomor"
    ("Peraturan Daerah Kabupaten Semarang Nomor12 Tahun 2002 tentang Ijin Laik Sehat", "peraturan_daerah", "12",
     2002, False),
    # a real Perwali on SPM (minimum service standards) is not a standar pelayanan (c0 page in the pages corpus:
    # https://123dok.com/document/zxo28vnz-walikota-blitar-provinsi-jawa-timur.html)
    ("PERATURAN WALIKOTA BLITAR NOMOR 45 TAHUN 2016 TENTANG STANDAR PELAYANAN MINIMAL RUMAH SAKIT UMUM DAERAH",
     "peraturan_walikota", "45", 2016, False),
])
def test_brief_shapes(text, kind, number, year, sets):
    d = _only(text)
    assert (d.kind, d.number, d.year, d.sets_standard) == (kind, number, year, sets)


def test_national_regulation_on_a_standard_does_not_set_the_page_standard():
    # tuning c4-41-ppid-sragenkab-category-berita.txt (a PPID news category page)
    d = _only("Komisi Informasi Pusat telah menerbitkan Peraturan Komisi Informasi Nomor 1 Tahun 2019 tentang "
              "Standar Layanan dan Prosedur Penyelesaian Sengketa Informasi Pemilihan Umum dan Pemilihan")
    assert d.year == 2019 and d.sets_standard is False


def test_dasar_hukum_list_real_one_reference_each():
    # tuning c1-37 (Temanggung): "Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23
    # Tahun 2006 tentang Administrasi Kependudukan;" names two laws, neither sets a standard
    text = ("- Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang "
            "Administrasi Kependudukan;\n- Perpres Nomor 96 Tahun 2018 tentang Persyaratan dan Tata cara "
            "Pendaftaran Penduduk dan Pencatatan Sipil;")
    got = [(d.kind, d.number, d.year, d.sets_standard) for d in decrees_in(text)]
    assert got == [("undang_undang", "24", 2013, False), ("undang_undang", "23", 2006, False),
                   ("peraturan_presiden", "96", 2018, False)]


# --- negatives ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Untuk informasi hubungi Nomor HP 0812-3456-7890 atau Nomor WA 0813 1111 2222.",
    "Kegiatan ini dibiayai APBD Tahun Anggaran 2016 sebesar Rp 50.000.000.",
    "Alamat : Jl. Cut Nyak Dien No. 3 Slawi Telp / Fax (0283)",
    "Diterbitkan 12 Januari 2016 oleh Admin | Dilihat 4883 kali | Nomor antrian 12",
    "(Lembaran Negara Republik Indonesia Tahun 2009 Nomor 112, Tambahan Lembaran Negara Republik Indonesia "
    "Nomor 5038)",
])
def test_not_decrees(text):
    assert decrees_in(text) == []


def test_news_citing_uu_25_2009_is_never_a_stale_standard():
    news = ("Ombudsman RI Perwakilan Lampung mendorong pemda memperbaiki standar pelayanan sesuai UU 25 Tahun 2009 "
            "tentang Pelayanan Publik. Menurut Keputusan Menteri Pendayagunaan Aparatur Negara No. "
            "63/KEP/M.PAN/7/2003, pelayanan publik adalah segala kegiatan pelayanan.")
    assert [d.sets_standard for d in decrees_in(news)] == [False, False]
    assert stale_standard(news, dt.date(2040, 1, 1)) is None


# --- cited regulations and staleness ----------------------------------------------------------------------

TTS_BASIS = _tuning("c2-55-ttskab-situ.txt")  # a "Dasar Hukum" list citing PER/20/2006 and KepmenPAN 63/2003


def test_cited_regulations_real_dasar_hukum():
    cited = {c.key: c for c in cited_regulations(TTS_BASIS)}
    kep = cited["kepmenpan_63_2003"]
    assert kep.in_basis_list and kep.repealed_by and "UU 25/2009" in kep.repealed_by
    assert "63/KEP/HK/7/2003" in kep.snippet
    assert cited["permenpan_20_2006"].confidence == "low"


def test_citation_needs_the_right_issuer_number_and_year():
    assert [c.key for c in cited_regulations("Dasar Hukum: KepmenPAN 63/KEP/M.PAN/7/2003")] == ["kepmenpan_63_2003"]
    assert [c.key for c in cited_regulations("Permenpan RB Nomor 15 Tahun 2014")] == ["permenpanrb_15_2014"]
    assert cited_regulations("Keputusan Menteri Kesehatan Nomor 63 Tahun 2003 tentang Obat") == []
    assert cited_regulations("Peraturan Menteri Kesehatan Nomor 15 Tahun 2014 tentang Upaya Kesehatan") == []
    assert cited_regulations("Undang-Undang Nomor 25 Tahun 2007 tentang Penanaman Modal") == []


def test_repealed_only_basis_is_stale_with_evidence():
    stale = stale_standard(TTS_BASIS, RUN)
    assert stale is not None and stale.reasons == ("repealed_basis",)
    assert [c.key for c in stale.repealed] == ["kepmenpan_63_2003"]  # the low-confidence repeal is not evidence
    assert any("63/KEP/HK/7/2003" in e["snippet"] for e in stale.evidence)
    assert "KepmenPAN 63" in stale.detail_id and "replaced" in stale.detail_en


def test_a_current_basis_next_to_a_repealed_one_is_not_stale():
    text = TTS_BASIS + "\n  9. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;"
    assert stale_standard(text, RUN) is None


def test_prose_mention_of_a_repealed_rule_is_not_a_basis():
    # tuning c1-15-diklat-semarangkota-paten-alur-artikel.txt: an article quoting KepmenPAN 63/2003's definition
    text = _tuning("c1-15-diklat-semarangkota-paten-alur-artikel.txt")
    (kep,) = [c for c in cited_regulations(text) if c.key == "kepmenpan_63_2003"]
    assert kep.in_basis_list is False
    assert stale_standard(text, RUN) is None


def test_old_setting_decree_is_stale_and_recent_one_is_not():
    # tuning c6-01-docplayer-candipuro-sk-camat-preamble.txt: KEPUTUSAN CAMAT CANDIPURO NOMOR : 05 TAHUN 2017
    text = _tuning("c6-01-docplayer-candipuro-sk-camat-preamble.txt")
    stale = stale_standard(text, RUN)
    assert stale is not None and stale.reasons == ("old_decree",)
    assert (stale.decree.number, stale.decree.year, stale.age_years) == ("05", 2017, 9)
    assert stale.evidence[0]["value"] == "2017" and "CANDIPURO" in stale.evidence[0]["snippet"]
    assert stale_standard(text, dt.date(2021, 6, 1)) is None  # 4 years old then
    assert stale_standard(text, dt.date(2022, 6, 1)) is None  # 5 years: not *more* than the limit
    assert stale_standard(text, dt.date(2023, 1, 1)) is not None


def test_newest_setting_decree_counts():
    text = ("Keputusan Camat Way Jepara Nomor 2 Tahun 2015 tentang Standar Pelayanan Kecamatan, diubah dengan "
            "Keputusan Camat Way Jepara Nomor 9 Tahun 2024 tentang Standar Pelayanan Kecamatan Way Jepara")
    assert stale_standard(text, RUN) is None


def test_threshold_comes_from_config():
    text = _tuning("c6-01-docplayer-candipuro-sk-camat-preamble.txt")
    assert stale_after_years() == 5
    relaxed = dataclasses.replace(legal.load_config(), stale_after_years=10)
    assert stale_standard(text, RUN, config=relaxed) is None


# --- free-of-charge rules ---------------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True)
class _Entry:  # the fields of scoring.catalogue.CatalogueEntry that free_rule_for reads
    id: str
    tags: tuple[str, ...] = ()


def test_adminduk_rule_by_tag_and_by_id():
    by_tag = free_rule_for(_Entry("akta_kelahiran", ("dokumen_kependudukan",)))
    assert by_tag is not None and by_tag.citation == "UU 24/2013 Pasal 79A"
    assert "tidak dipungut biaya" in by_tag.text_id and "free of charge" in by_tag.text_en
    assert "denda" in by_tag.not_a_fee
    assert free_rule_for(_Entry("kia")) == by_tag  # listed by id even without its tag
    assert free_rule_for(_Entry("pbg", ("perizinan",))) is None
    assert free_rule_for(None) is None


def test_free_rules_fit_the_real_catalogue():
    catalogue = pytest.importorskip("scoring.catalogue")
    for rule in legal.load_config().free_rules:  # a renamed catalogue id would silently drop a rule
        missing = [cid for cid in rule.ids if catalogue.entry(cid) is None]
        assert not missing, (rule.key, missing)
    for cid in ("akta_kelahiran", "ktp_el", "kartu_keluarga", "kia", "surat_pindah"):
        rule = free_rule_for(catalogue.entry(cid))
        assert rule is not None and rule.key == "adminduk_dokumen_kependudukan", cid
    assert free_rule_for(catalogue.entry("kartu_pencari_kerja")).key == "kartu_pencari_kerja_ak1"
    assert free_rule_for(catalogue.find("Izin Reklame")) is None


# --- config validation ------------------------------------------------------------------------------------

def _good() -> dict:
    import yaml
    from pantau_config import locate

    return yaml.safe_load(locate("legal.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("break_it, words", [
    (lambda d: d.pop("stale_after_years"), ["stale_after_years"]),
    (lambda d: d.update(stale_after_years=0), ["stale_after_years", "at least 1"]),
    (lambda d: d["regulations"][0].update(kinds=["peraturan_kucing"]), ["regulations[0].kinds", "peraturan_kucing"]),
    (lambda d: d["regulations"][3].pop("repealed_by"), ["regulations[3]", "repealed_by"]),
    (lambda d: d["regulations"][1].update(status="dicabut"), ["regulations[1].status", "dicabut"]),
    (lambda d: d["free_of_charge"][0].pop("citation"), ["free_of_charge[0]", "citation"]),
    (lambda d: d["free_of_charge"][1].update(tags=[], ids=[]), ["free_of_charge[1]", "tags, ids"]),
    (lambda d: d["regulations"].append(dict(d["regulations"][0])), ["duplicate key", "uu_25_2009"]),
])
def test_bad_config_names_file_and_key(break_it, words):
    data = _good()
    parse_config(data)  # the shipped file is valid
    break_it(data)
    with pytest.raises(LegalConfigError) as err:
        parse_config(data)
    message = str(err.value)
    assert "legal.yaml" in message
    for word in words:
        assert word in message


def test_broken_override_file_is_a_clear_error(tmp_path, monkeypatch):
    (tmp_path / "legal.yaml").write_text("stale_after_years: [5\n", encoding="utf-8")
    monkeypatch.setenv("PANTAU_CONFIG_DIR", str(tmp_path))
    legal.load_config.cache_clear()
    try:
        with pytest.raises(LegalConfigError, match=r"legal\.yaml: not valid YAML"):
            stale_after_years()
    finally:
        monkeypatch.delenv("PANTAU_CONFIG_DIR")
        legal.load_config.cache_clear()
    assert stale_after_years() == 5


# --- hostile text -----------------------------------------------------------------------------------------

def test_a_page_s_nomor_anchors_past_the_cap_are_not_read():
    """Each "Nomor" costs a few regex searches: a page of thousands (a hostile page, a table of queue numbers)
    is read up to MAX_ANCHORS of them, so one page's cost is bounded; a decree heading sits near the top."""
    decree = "Keputusan Kepala Dinas Nomor 5 Tahun 2016 tentang Standar Pelayanan"
    filler = "Nomor antrian 12. " * MAX_ANCHORS
    assert [d.year for d in decrees_in(decree + " " + filler)] == [2016]
    assert decrees_in(filler + decree) == []


def test_megabyte_of_hostile_text_completes():
    # Each input is ~1 MB built to make a careless pattern backtrack; a generous limit, not a timing assertion.
    script = textwrap.dedent(f"""
        from extractors.legal import decrees_in
        inputs = [
            "9" * 1_000_000,
            "a" * 1_000_000,
            "Nomor " * 170_000,
            "Keputusan Kepala " * 60_000 + "Nomor 1",
            ("Peraturan Bupati X Nomor 1/" + "1" * 30 + " Tahun 2016 tentang ") * 20_000,
            "tentang " * 125_000 + "Nomor 5 Tahun 2019",
            "UU 25/2009 " * 90_000,
        ]
        for text in inputs:
            found = decrees_in(text)
            assert len(found) <= {MAX_DECREES}, len(found)
        print("ok")
    """)
    done = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=240,
                          cwd=Path(__file__).parent.parent)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "ok"

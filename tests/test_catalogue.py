"""The service catalogue (config/layanan.yaml) and name matching (scoring/catalogue.py): real name shapes, the
hard-case policy of docs/catalogue.md, the catalogue's own consistency, and the measured floors."""

from __future__ import annotations

import re
from pathlib import Path

import pantau_config
import pytest
import yaml

from pantau.catalogue_eval import catalogue_failures, evaluate_catalogue, load_names
from pantau.evaluate import load_thresholds
from scoring import catalogue
from scoring.catalogue import CatalogueError, entry, find, load_catalogue, match
from tests.helpers import run_pantau

ROOT = Path(__file__).resolve().parent.parent
NAMES = ROOT / "tests" / "fixtures" / "catalogue" / "names.yaml"


@pytest.fixture(autouse=True)
def _fresh_catalogue():
    catalogue.reset_cache()
    yield
    catalogue.reset_cache()


# names as real pages write them (tuning corpus, stored pages) -> the id they publish
@pytest.mark.parametrize("name, expected", [
    ("Pelayanan Penerbitan Akta Kelahiran", "akta_kelahiran"),
    ("PENERBITAN KUTIPAN AKTA KELAHIRAN", "akta_kelahiran"),
    ("1. Pelayanan Penerbitan Akte Kelahiran", "akta_kelahiran"),  # numbering, Akte/Akta
    ("Akta Kelahran", "akta_kelahiran"),  # a typo
    ("Pelayanan Pencatatan Kelahiran", "akta_kelahiran"),
    ("Standar Pelayanan Pembuatan KTP-el", "ktp_el"),
    ("e-KTP", "ktp_el"),
    ("KTPel", "ktp_el"),
    ("Kartu Tanda Penduduk Elektronik (KTP-el)", "ktp_el"),
    ("Layanan Kartu Identitas Anak (KIA)", "kia"),
    ("Penerbitan KK karena Hilang atau Rusak", "kartu_keluarga"),
    ("Perubahan Biodata", "perubahan_biodata"),  # its own service, not the KK
    ("Penerbitan Surat Keterangan Pindah Domisili (SKPD)", "surat_pindah"),
    ("5.Pelayanan persalinan dan perinatologi,", "kesehatan_ibu_anak"),  # "5." glued to the word
    ("Pelayanan KIA/KB (Kesehatan Ibu dan Anak/ Keluarga Berencana)", "kesehatan_ibu_anak"),  # KIA is not kia here
    ("Ijin Mendirikan Bangunan (IMB)", "pbg"),
    ("Pembuatan Kartu Kuning (AK-1)", "kartu_pencari_kerja"),
    ("Pembuatan AK 1", "kartu_pencari_kerja"),
    ("Penerbitan Izin Gangguan (Kategori Ringan)", "izin_gangguan"),
    ("Layanan Ambulans PK3D", "ambulans"),  # an unknown local acronym weighs little
    ("Pendaftaran UKL-UPL dengan OSS", "persetujuan_lingkungan"),  # "dengan OSS" is the channel
    ("Standar Pelayanan Penerbitan Akta Kelahiran pada Dinas Kependudukan dan Pencatatan Sipil Kabupaten Kendal",
     "akta_kelahiran"),  # the office after "pada" is not part of the service
    ("Surat Keterangan Tidak Mampu (SKTM)", "sktm"),
    ("Kartu Identitas Anak", "kia"),  # the official name "Kartu Identitas Anak (KIA)" without its abbreviation
    ("Pemeriksaan Air Bersih (Fisika dan Kimia)", "uji_laboratorium_air"),  # a qualifier in brackets
    ("Rawat Inap Kelas III", "rawat_inap"),  # a room class
    ("Rekomendasi Izin Praktik Nutrisionis", "sip_tenaga_kesehatan"),  # any profession's SIP
    ("Rekomendasi Bantuan Biaya Pengobatan bagi Warga Tidak Mampu", "rekomendasi_biaya_pengobatan"),  # "bagi …"
    ("Izin Lembaga Pelatihan Kerja Swasta", "izin_lpk"),
    ("Izin Pengangkutan Sampah", "izin_pengangkutan_sampah"),  # a hauling business's licence …
    ("Berlangganan Pengangkutan Sampah", "retribusi_sampah"),  # … is not a household's collection
    ("Aktivasi IKD", "ikd"),
])
def test_real_name_shapes_match(name, expected):
    got = match(name)
    assert (got.id, got.name, got.candidate) == (expected, entry(expected).name, expected), got
    assert 0.6 <= got.score <= 1.0


@pytest.mark.parametrize("name, expected", [
    # documented hard cases (docs/catalogue.md)
    ("Legalisir Akta Kelahiran", "legalisir"),  # legalising a copy is not issuing the akta
    ("Legalisasi Surat Keterangan Tidak Mampu", "legalisir"),
    ("Legalisasi SKTM", "legalisir"),  # as many words for the document as for the legalising
    ("Legalisir Ijazah", "legalisir_ijazah"),  # a catalogue entry that owns the word keeps it
    ("Akta Kelahiran Terlambat", "akta_kelahiran"),  # a late registration is still the akta
    ("Surat Pengantar Akta Kematian", None),  # a kelurahan's cover letter is not the adminduk document
    ("Surat Pengantar Izin Keramaian", "izin_keramaian"),  # ... but is the kecamatan's own service
    ("Pengambilan Akta Cerai", None),  # a court hand-over, not the Disdukcapil akta
    ("Pencabutan SIP Dokter Spesialis", None),  # withdrawing a licence is not issuing it
    ("Paspor Bagi Calon Tenaga Kerja Indonesia", None),
    ("Pelayanan Adminduk Keliling (KK, Akta Kelahiran, Akta Kematian)", None),  # a bundle
    ("Pelayanan KTP-el dan KIA", None),
    ("Rekomendasi TDG, IUPP, IUTS dan STPW", None),
    # not a service at all
    ("Visi Misi", None), ("Maklumat Pelayanan", None), ("Berita Terkait", None), ("Struktur Organisasi", None),
    ("Standar Pelayanan Publik", None), ("Surat Keterangan Tidak Pernah Dipidana", None),
    ("PADA DINAS KESEHATAN DAN KELUARGA BERENCANA KOTA MADIUN", None),  # a fragment naming an office
    ("Dinas Kesehatan dan Keluarga Berencana Kota Madiun", None),  # an office, not its KB service
    ("Pendaftaran Pencatatan Nikah", None),  # the KUA's (Kemenag) registration, not the kelurahan's letter
    ("Pelayanan Bidan", None), ("Pemeriksaan Dokter Spesialis", None),  # a profession alone is no licence
    ("Izin Pemanfaatan Ruang Milik Jalan (Rumija)", None),  # road space, not spatial-planning approval
])
def test_hard_cases_follow_the_documented_policy(name, expected):
    assert match(name).id == expected


def test_an_unmatched_name_carries_its_best_candidate_and_score():
    got = match("Surat Keterangan Tidak Pernah Dipidana")
    assert got.id is None and got.name is None
    assert got.candidate == "surat_keterangan_umum" and 0 < got.score < 0.6
    near = match("Kartu Madiun Sehat")  # a local health card: below the threshold, the candidate is right
    assert (near.id, near.candidate) == (None, "jaminan_kesehatan_daerah") and 0.5 < near.score < 0.6
    assert match("Visi Misi") == catalogue.CatalogueMatch(None, None, None, 0.0)


@pytest.mark.parametrize("bad", ["", "   ", None, 42, "1.", "—", "🙂" * 50, "2024"])
def test_hostile_names_never_raise(bad):
    got = match(bad)
    assert got.id is None


def test_a_paragraph_is_cut_and_matching_is_deterministic():
    para = "Akta Kelahiran " + "lorem ipsum dolor sit amet " * 2000
    first = match(para)
    catalogue.reset_cache()
    assert match(para) == first  # same answer from a fresh cache
    assert first.id is None  # a paragraph is not a service name


def test_every_service_of_the_sample_site_has_a_catalogue_id():
    """The demo (`pantau demo`, the multi-pemda test night) compares these services across pemda."""
    expected = yaml.safe_load((ROOT / "pantau" / "sample_site" / "expected.yaml").read_text(encoding="utf-8"))
    names = [s["name"] for unit in expected["units"].values() for s in unit.get("services") or []]
    assert len(names) >= 10
    assert {n: match(n).id for n in names if match(n).id is None} == {}
    assert match("Rekomendasi Keringanan Biaya Pengobatan bagi Warga Tidak Mampu").id == "rekomendasi_biaya_pengobatan"


def test_find_takes_an_id_a_name_or_a_synonym():
    assert find("akta_kelahiran").id == "akta_kelahiran"
    assert find("Akta Kelahiran").id == "akta_kelahiran"
    assert find("akte kelahiran").id == "akta_kelahiran"
    assert find("IMB").id == "pbg"
    assert find("Kartu Kuning").id == "kartu_pencari_kerja"
    assert find("SKPWNI").id == "surat_pindah"
    assert find("Penerbitan Kutipan Akta Kematian").id == "akta_kematian"  # falls back to matching
    assert find("slot gacor") is None and find("") is None


# ---------------------------------------------------------------------------------------------------
# the catalogue itself

ADMINDUK_DOCUMENTS = {"ktp_el", "kartu_keluarga", "akta_kelahiran", "akta_kematian", "akta_perkawinan",
                      "akta_perceraian", "kia", "surat_pindah", "akta_pengakuan_pengesahan_anak"}


def test_catalogue_is_large_and_well_formed():
    entries = load_catalogue()
    assert len(entries) >= 60
    ids = [e.id for e in entries]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i) for i in ids)
    assert all(e.name and e.sector for e in entries)
    tagged = {e.id for e in entries if "dokumen_kependudukan" in e.tags}
    assert ADMINDUK_DOCUMENTS <= tagged
    assert all(entry(i).sector == "adminduk" for i in tagged)  # no licence or letter is tagged free by mistake


def test_no_phrase_is_claimed_by_two_ids():
    """Every name/synonym, compared the way matching compares them, belongs to one id (the loader checks it;
    this recomputes it independently so a loader that stopped checking would be caught)."""
    raw = yaml.safe_load((ROOT / "config" / "layanan.yaml").read_text(encoding="utf-8"))
    filler = {w.casefold() for w in raw["matching"]["filler"]}
    typos = {k.casefold(): v.casefold() for k, v in raw["matching"]["typos"].items()}
    owner: dict[str, str] = {}
    for item in raw["layanan"]:
        for text in [item["name"], *item.get("synonyms", [])]:
            words = [typos.get(w, w) for w in re.sub(r"[^\w]+|_", " ", text.casefold()).split()]
            key = " ".join(sorted({w for w in words if w not in filler} or set(words)))
            assert owner.setdefault(key, item["id"]) == item["id"], f"{text!r}: {owner[key]} and {item['id']}"
    catalogue._index()  # and the loader agrees


def test_a_synonym_claimed_twice_is_refused(tmp_path, monkeypatch):
    (tmp_path / "layanan.yaml").write_text(yaml.safe_dump({"layanan": [
        {"id": "pbg", "name": "PBG", "synonyms": ["IMB"], "sector": "perizinan"},
        {"id": "imb", "name": "Izin Mendirikan Bangunan", "synonyms": ["imb"], "sector": "perizinan"},
    ]}))
    monkeypatch.setenv(pantau_config.ENV_VAR, str(tmp_path))
    catalogue.reset_cache()
    with pytest.raises(CatalogueError, match="claimed by 'pbg' and 'imb'"):
        match("IMB")


@pytest.mark.parametrize("layanan, message", [
    ([{"id": "a", "name": "A", "sector": "x"}, {"id": "a", "name": "B", "sector": "x"}], "duplicate id 'a'"),
    ([{"id": "Akta-Lahir", "name": "A", "sector": "x"}], "not snake_case"),
    ([{"id": "a", "sector": "x"}], "lacks 'name'"),
    ([{"id": "a", "name": "Akta", "synonyms": ["Pelayanan Penerbitan"], "sector": "x"}], "filler words only"),
])
def test_a_malformed_catalogue_is_refused_with_a_clear_message(tmp_path, monkeypatch, layanan, message):
    matching = {"filler": ["pelayanan", "penerbitan"]}
    (tmp_path / "layanan.yaml").write_text(yaml.safe_dump({"matching": matching, "layanan": layanan}))
    monkeypatch.setenv(pantau_config.ENV_VAR, str(tmp_path))
    catalogue.reset_cache()
    with pytest.raises(CatalogueError, match=message):
        load_catalogue()
        match("Akta")  # the phrase index is built on first use


def _ids_in(node) -> list[str]:
    if isinstance(node, dict):
        return [i for k, v in node.items() for i in (list(v) if k == "ids" and isinstance(v, list) else _ids_in(v))]
    if isinstance(node, list):
        return [i for v in node for i in _ids_in(v)]
    return []


def test_every_id_the_legal_rules_name_is_in_the_catalogue():
    legal = yaml.safe_load((ROOT / "config" / "legal.yaml").read_text(encoding="utf-8"))
    named = _ids_in(legal)
    assert named, "config/legal.yaml names no catalogue ids"
    assert [i for i in named if entry(str(i)) is None] == []


# ---------------------------------------------------------------------------------------------------
# the labelled names and the measured floors


def test_labelled_names_are_real_enough_and_split_by_host():
    rows = load_names(NAMES)
    assert len(rows) >= 200
    split_of: dict[str, set[str]] = {}
    for r in rows:
        split_of.setdefault(r["host"], set()).add(r["split"])
    assert all(len(s) == 1 for s in split_of.values()), "a host must sit in one split only"
    test_hosts = sum(s == {"test"} for s in split_of.values())
    assert test_hosts / len(split_of) >= 0.30
    assert sum(r["expected"] is None for r in rows) >= 30  # negatives: not a catalogue service, or no service
    assert all(r["source"].startswith(("http://", "https://", "tests/fixtures/real/tuning/")) for r in rows)


def test_matching_meets_the_floors_on_the_test_split():
    thresholds = load_thresholds()
    floors = thresholds["catalogue"]
    reports = evaluate_catalogue(NAMES)
    assert reports["test"].labelled >= 60 and reports["test"].matched >= 50
    assert catalogue_failures(reports, thresholds) == [], (reports["test"].precision, reports["test"].recall)
    assert reports["test"].precision >= floors["min_precision"] and reports["test"].recall >= floors["min_recall"]
    assert reports["dev"].precision >= floors["min_precision"] and reports["dev"].recall >= floors["min_recall"]


def test_eval_catalogue_cli_reports_and_gates(tmp_path):
    done = run_pantau("eval", "--catalogue")
    assert done.returncode == 0, done.stderr
    assert re.search(r"^dev\s+\d+", done.stdout, re.MULTILINE) and re.search(r"^test\s+\d+", done.stdout, re.MULTILINE)
    assert "PASS" in done.stdout
    (tmp_path / "eval.yaml").write_text("catalogue: {min_precision: 1.01, min_recall: 0.5}\n")
    strict = run_pantau("--config-dir", str(tmp_path), "eval", "--catalogue")
    assert strict.returncode != 0 and "catalogue" in strict.stderr
    assert "Traceback" not in strict.stderr
    broken = tmp_path / "broken"
    broken.mkdir()
    (broken / "layanan.yaml").write_text("layanan:\n  - {id: kk, name: KK, sector: adminduk}\n"
                                         "  - {id: kartu_keluarga, name: Kartu Keluarga, synonyms: [KK], sector: adminduk}\n")
    (broken / "names.yaml").write_text("names:\n  - {name: KK, expected: kk, source: https://x.go.id/, host: x.go.id,"
                                       " split: test}\n")
    bad = run_pantau("--config-dir", str(broken), "eval", "--catalogue", str(broken))
    assert bad.returncode != 0 and "claimed by 'kk' and 'kartu_keluarga'" in bad.stderr
    assert "Traceback" not in bad.stderr

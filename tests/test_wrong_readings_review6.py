"""Readings the seventh session's rule changes (PRODUK9 / WB9, the two label changes, plan words of the value's
own clauses) first got wrong, found by review (REVIEW6), each on a made-up but plausible page: a step that times
something else, a requirement or a report's finding read as the product, a document explained, the application
sent in, a PIN handed over, plans in news, one-word labels that end a product field, a plan right after a free
service; and the complaints channel a story offers (the prose reading added after the review), with what it is not."""

from __future__ import annotations

import pytest

from extractors import build_page, extract

URL = "https://kecamatan.contohkab.go.id/layanan/surat-keterangan"
STANDARD = ("Pelayanan Surat Keterangan\n\nPersyaratan:\n1. Fotokopi KTP\n2. Fotokopi KK\n\n"
            "Prosedur:\n1. Pemohon datang ke kantor dan menyerahkan berkas\n2. ")
NEWS = "Disdukcapil Jemput Bola\n\n"


def _found(text: str, component: str, url: str = URL) -> list:
    result = extract(build_page(url, text.encode(), "text/plain"))
    return [f.value for f in result.findings if f.component == component]


@pytest.mark.parametrize("step", [
    "Pemohon mengambil nomor antrean, antrean membutuhkan waktu 2 jam.",  # waiting, not the service
    "Perjalanan ke kantor kecamatan memakan waktu 30 menit dari pusat kota.",
    "Pemohon wajib mengikuti pelatihan yang memakan waktu 3 hari.",  # a sub-step the applicant does
])
def test_a_step_that_times_something_else_is_no_service_time(step):
    assert not _found(STANDARD + step + "\n3. Petugas memeriksa berkas\n", "waktu")


@pytest.mark.parametrize("text", [
    # a requirement the applicant brings: the "Hasil" list line _compound_result exists to skip
    "Pelayanan Surat Izin Praktik\n\nPersyaratan:\n1. Fotokopi KTP\n2. Hasil uji kompetensi berupa sertifikat "
    "kompetensi\n\nProsedur:\n1. Pemohon datang ke kantor dan menyerahkan berkas\n2. Petugas memeriksa berkas\n",
    STANDARD + "Hasil evaluasi kinerja pelayanan berupa rekomendasi perbaikan.\n",  # a report's finding
    STANDARD + "NPWP adalah nomor yang diberikan kepada wajib pajak.\n",  # what a document is
    STANDARD + "Lalu surat permohonan dikirim ke alamat email dinas.\n",  # the application sent in
    STANDARD + "Petugas memberikan PIN kepada pemohon untuk login aplikasi.\n",  # initials, no document
])
def test_what_is_no_product_stays_none(text):
    assert not _found(text, "produk")


@pytest.mark.parametrize("sentence", [
    "Tahun depan warga akan mendapatkan KTP-el baru setelah blanko tersedia.",
    "Mulai Januari, warga akan menerima Kartu Identitas Anak secara gratis, kata Kepala Dinas.",
])
def test_a_plan_in_news_names_no_product(sentence):
    assert not _found(NEWS + sentence + "\n", "produk", "https://contohkab.go.id/berita/ktp")


@pytest.mark.parametrize("line", ["Keterangan lebih lanjut hubungi petugas", "Sarana Ruang Tunggu Ber-AC"])
def test_a_one_word_other_label_still_ends_the_product_field(line):
    text = ("Standar Pelayanan Surat Keterangan Domisili\n\nPersyaratan\n1. Fotokopi KTP\n2. Fotokopi KK\n\n"
            f"Produk Layanan\nSurat Keterangan Domisili\n\n{line}\nJl. Merdeka No. 5 Sukamaju\n")
    assert [v["name"] for v in _found(text, "produk")] == ["Surat Keterangan Domisili"]


def test_a_plan_after_a_free_service_still_unsays_it():
    text = ("Pelayanan Perizinan\n\nUntuk mengurus izin, warga membawa fotokopi KTP dan surat pengantar kelurahan. "
            "Pengurusan KTP-el tidak dipungut biaya, ditargetkan mulai tahun depan.\n")
    assert not _found(text, "biaya")


NEWS_URL = "https://contohkab.go.id/berita/ktp"


@pytest.mark.parametrize("sentence", [
    "Warga yang belum menerima e-KTP bisa mendatangi loket pengaduan Disdukcapil di lantai dua.",
    "Jika ada pungutan, pemohon bisa mengajukan aduan ke situs lapor.go.id.",
    "Dinas Pendidikan membuka posko pengaduan PPDB di setiap kantor cabang dinas.",
])
def test_a_story_that_tells_where_to_complain_publishes_the_channel(sentence):
    result = extract(build_page(NEWS_URL, f"Layanan KTP-el\n\n{sentence}\n".encode(), "text/plain"))
    assert result.components["pengaduan"]


@pytest.mark.parametrize("sentence", [
    "Ombudsman menerima 120 pengaduan masyarakat sepanjang 2023.",  # complaints counted, no channel
    "Petugas pusat pengaduan rumah sakit kini berkeliling ke ruang rawat inap.",  # a desk mentioned, not offered
    # the desk goes to the patients ("di datangi"): a story of what the hospital did, nothing offered
    "Kami minta petugas pusat pengaduan keliling supaya pasien yang pulang dari poli di datangi.",
    "Warga sudah mendatangi loket pengaduan Disdukcapil sejak Agustus, namun belum ditanggapi.",  # a past complaint
    "Setiap unit wajib menyediakan sarana pengaduan seperti loket pengaduan dan kotak saran.",  # a duty
    "Warga mengadu ke DPRD soal jalan rusak.",
])
def test_a_story_about_complaints_without_a_channel_offered_publishes_none(sentence):
    result = extract(build_page(NEWS_URL, f"Layanan KTP-el\n\n{sentence}\n".encode(), "text/plain"))
    assert not result.components["pengaduan"]

"""Products and times said the plain ways docs/real-corpus.md's decisions count ("a product named in a step or
sentence counts", PRODUK9 / WB9), and the readings they must not turn into: each on a made-up page beside a
standard, so the rule and not the page's layout is what is tested."""

from __future__ import annotations

import pytest

from extractors import build_page, extract
from extractors.model import Block
from extractors.prose import page_prose_fields

URL = "https://kecamatan.contohkab.go.id/layanan/surat-keterangan"
STANDARD = ("Pelayanan Surat Keterangan\n\nPersyaratan:\n1. Fotokopi KTP\n2. Fotokopi KK\n\n"
            "Prosedur:\n1. Pemohon datang ke kantor dan menyerahkan berkas\n2. Petugas memeriksa berkas\n3. ")


def produced(step: str) -> str | None:
    result = extract(build_page(URL, (STANDARD + step + "\n").encode(), "text/plain"))
    return next((f.value["name"] for f in result.findings if f.component == "produk"), None)


@pytest.mark.parametrize("step, name", [
    ("Akta kelahiran akan dikirim melalui email pemohon.", "Akta kelahiran"),
    ("Selanjutnya Akta Kematian dikirimkan ke alamat email pemohon dalam bentuk PDF.", "Akta Kematian"),
    ("Selanjutnya surat pindah diterbitkan oleh Dinas.", "surat pindah"),
    ("Setelah itu KTP-el dapat diambil di kantor kecamatan.", "KTP-el"),
    ("Jika sidik jari sesuai maka KTP-el di serahkan kepada pemohon.", "KTP-el"),
    ("Warga bisa langsung membawa pulang KTP-el yang sudah jadi.", "KTP-el"),
    ("Sertifikat Laik Fungsi diterbitkan paling lama 3 hari kerja.", "Sertifikat Laik Fungsi"),
    ("Pemohon akan menerima SIM baru.", "SIM baru"),
    ("Anda akan mendapatkan Nomor Induk Berusaha melalui sistem OSS.", "Nomor Induk Berusaha"),
    ("Hasil layanan berupa Akta Kelahiran.", "Akta Kelahiran"),
    ("Dokumen kependudukan yang dihasilkan yaitu KK, KTP-el dan KIA.", "KK"),
    ("Hasil akhir pelayanan adalah Surat Izin Penelitian.", "Surat Izin Penelitian"),
    ("Berkas diproses dan diterbitkan dalam bentuk Kartu Keluarga.", "Kartu Keluarga"),
    ("Petugas menerbitkan dan menyerahkan ICV kepada pemohon.", "ICV"),  # initials handed to the applicant
])
def test_a_product_said_plainly_is_read(step, name):
    assert produced(step) == name


@pytest.mark.parametrize("step", [
    "Berkas diserahkan kepada petugas loket untuk diverifikasi.",
    "Surat keterangan dari desa yang diterbitkan oleh Kepala Desa.",
    "Petugas mencetak nomor antrian untuk pemohon.",
    "Pemohon menerima bukti pendaftaran.",
    "Hasil rapat koordinasi akan disampaikan kepada Bupati.",  # "Hasil" run into its noun: no "Hasil:" label
    "Orang tua yang akan membuatkan akta kelahiran anak harus membawa buku nikah.",  # the applicant described
    "Tanda tangan elektronik pada KK dikirim melalui SIAK ke BSrE.",  # an internal transfer, not a delivery
    "Setelah verifikasi, artinya STNK sudah jadi.",  # "artinya" opens a claim, not a step's subject
    "Tim menyerahkan BAPL ke bidang perizinan.",  # initials handed on inside the office
    "Petugas menyerahkan SKRD kepada pemohon.",  # a levy's paper, not the product
])
def test_what_is_no_product_stays_none(step):
    assert produced(step) is None


def test_a_plan_in_news_still_names_no_product():
    """Only "akan" left the plan words for products: "ditargetkan" still marks a plan."""
    news = ("Disdukcapil Permudah Layanan\n\nPersyaratan:\n1. Fotokopi KK\n\n"
            "Tahun depan Dinas ditargetkan menerbitkan 5.000 Kartu Identitas Anak bagi siswa SD.\n")
    result = extract(build_page("https://contohkab.go.id/berita/kia", news.encode(), "text/plain"))
    assert not result.components["produk"]


def test_a_value_under_a_product_label_that_opens_with_a_header_word_is_the_product():
    """ "Nomor Induk Berusaha (NIB)." under "5. Produk Layanan" in a flattened table: "Nomor" alone labels a row
    number, so the line is the label's value, not another label that ends the field."""
    text = ("STANDAR PELAYANAN NIB\n\n1.\n\nPersyaratan\n\nKTP pemohon\n\n2.\n\nJangka Waktu Penyelesaian\n\n"
            "1 (satu) hari kerja.\n\n3.\n\nBiaya Tarif\n\nTidak dipungut biaya\n\n4.\n\nProduk Layanan\n\n"
            "Nomor Induk Berusaha (NIB).\n\n5.\n\nPenanganan pengaduan, saran dan masukan\n\n"
            "Pengaduan langsung di loket pengaduan\n")
    result = extract(build_page("https://dpmptsp.contohkab.go.id/sp/nib", text.encode(), "text/plain"))
    names = [f.value["name"] for f in result.findings if f.component == "produk"]
    assert names and names[0].startswith("Nomor Induk Berusaha")


@pytest.mark.parametrize("step", [
    "Proses pembuatan hanya membutuhkan waktu 15 menit.",
    "KTP-el jadi dalam waktu 7 hari.",
])
def test_a_time_a_step_takes_to_finish_is_the_service_time(step):
    result = extract(build_page(URL, (STANDARD + step + "\n").encode(), "text/plain"))
    assert result.components["waktu"]


def test_will_be_issued_beside_a_standard_is_a_product_and_in_news_a_plan():
    """ "akan" tells a service's process beside a standard ("NIB akan diterbitkan secara otomatis"); in news it
    still plans ("Tahun depan warga akan mendapatkan KTP-el baru")."""
    issued = [Block("paragraph", "Jika semua data sesuai, NIB akan diterbitkan secara otomatis dalam bentuk dokumen "
                                 "elektronik.")]
    assert [(f.cls, f.inline) for f in page_prose_fields(issued, set(), "text", in_context=True)] == [("produk", "NIB")]
    planned = [Block("paragraph", "Tahun depan warga akan mendapatkan KTP-el baru setelah blanko tersedia.")]
    assert not page_prose_fields(planned, set(), "text", in_context=False)


NEWS_WITH_REQUIREMENTS = ("Nelayan Dapat Pas Kecil\n\nSyaratnya cukup membawa fotokopi KTP dan bukti kepemilikan kapal "
                          "ke kantor dinas.\n\n")


def test_a_plan_in_a_later_clause_does_not_unsay_a_free_service():
    text = NEWS_WITH_REQUIREMENTS + ("Pembuatan Pas Kecil tidak dipungut biaya agar semua nelayan bisa memiliki "
                                     "sertifikat, mengingat ke depan akan diperketat.\n")
    result = extract(build_page("https://contohkab.go.id/berita/pas-kecil", text.encode(), "text/plain"))
    assert result.components["biaya"]


def test_a_sentence_that_times_the_process_is_no_procedure_label():
    """ "Proses pengurusan selama 10 hari kerja." opens with a procedure's label words but times the service."""
    text = ("KIA untuk Anak\n\nSyaratnya, cukup membawa fotocopy Akte Kelahiran dan Kartu Keluarga ke Kantor "
            "Disdukcapil.\n\n\"Proses pengurusan selama 10 hari kerja. Orang tua tinggal datang dengan membawa KK,\" "
            "terangnya.\n")
    result = extract(build_page("https://contohkab.go.id/berita/kia", text.encode(), "text/plain"))
    assert [f.value["amount"] for f in result.findings if f.component == "waktu"] == [10.0]

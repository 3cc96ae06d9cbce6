"""The shapes in which real pages state (or seem to state) the product of a service: components/produk.py.

The texts are written here to pin each shape, as plain text and as simple HTML; accuracy itself is measured on
the real corpus (`pantau eval --real --split tuning`).
"""

from __future__ import annotations

import pytest

from extractors import build_page, extract
from extractors.components import produk
from pantau.evaluate import wrap_as_html


def _both(text: str, url: str = "https://kecamatan.contohkab.go.id/layanan"):
    as_text = extract(build_page(url, text.encode("utf-8"), "text/plain"))
    as_html = extract(build_page(url, wrap_as_html(text), "text/html"))
    return as_text, as_html


def _products(result) -> list[str]:
    return [f.value["name"] for f in result.findings if f.component == "produk"]


@pytest.mark.parametrize("step, product", [
    # "Desa/Kelurahan" is one word that normalises to two: the name after the verb must not shift by one
    (("Staf Desa/Kelurahan melakukan registrasi dan stempel, dan pemohon dapat mengambil surat keterangan tidak "
      "mampu tersebut."), "surat keterangan tidak mampu"),
    ("Petugas menyerahkan KTP-el/KIA kepada pemohon.", "KTP-el/KIA"),
    # a count before the name is not the name
    ("Anda akan menerima satu rangkap surat gugatan yang telah dibubuhi nomor perkara.", "surat gugatan"),
    ("Pemohon menerima 2 lembar Kartu Keluarga.", "Kartu Keluarga"),
    # a document that "can be issued" is what the service issues; one that cannot, is not
    ("Akta cerai merupakan akta otentik. Akta cerai dapat diterbitkan jika gugatan dikabulkan.", "Akta cerai"),
    ("SKCK tidak dapat diterbitkan apabila pemohon berstatus tersangka.", None),
    # printed on the spot (an outreach report): the card is what the applicant gets
    ("Perekaman berlangsung lima menit per siswa dan KTP-el langsung dicetak saat itu juga.", "KTP-el"),
    # the imperative of a step list, like "ambil KIA"
    ("Dapatkan kartu BPJS Kesehatan", "kartu BPJS Kesehatan"),
    # the applicant hands in, with no officer as subject and no applicant as recipient
    ("Seluruh dokumen harus dilengkapi dan menyerahkan surat pengantar yang diperoleh sebelumnya.", None),
    ("Menyerahkan surat kuasa bermeterai kepada petugas loket.", None),
    ("Menyerahkan KTP-el kepada pemohon.", "KTP-el"),
    # the aim of a whole procedure, not its output
    ("Menjelaskan langkah yang harus diikuti oleh pemohon untuk mendapatkan izin atau layanan non-perizinan.", None),
    ("Untuk dapatkan KTP-el, datang ke kantor kecamatan.", None),
    # a numbered regulation, a note to an official: nothing the applicant receives
    (("Kemendagri telah menerbitkan Keputusan Menteri Dalam Negeri Nomor 061-3755 Tahun 2014 tentang Unit "
      "Layanan Administrasi."), None),
    ("Tim Teknis melakukan kajian teknis dan menerbitkan rekomendasi teknis kepada Kepala DPMPTSP.", None),
    ("Lurah menerbitkan Surat Keterangan Domisili kepada pemohon.", "Surat Keterangan Domisili"),
])
def test_the_product_a_step_names(step, product):
    assert produk.from_step(step) == product


@pytest.mark.parametrize("step, product", [
    ("Pemohon mengambil SKD di kantor desa.", "SKD"),
    ("Anda akan dipanggil untuk mengambil kartu kuning yang sudah dicetak.", "kartu kuning"),
    ("Pemohon mendapatkan surat pengantar dari RT/RW", None),  # obtained beforehand: a requirement
    ("Pemohon menerima satu rangkap surat pengantar dari RT", None),  # a count before the name shifts no "dari"
    ("Pemohon menerima 2 lembar surat keterangan domisili", "surat keterangan domisili"),
    ("Menyerahkan fotokopi KTP dan KK", None),
    ("Surat pengantar diserahkan kepada petugas loket", None),
])
def test_under_a_requirements_label_only_what_the_applicant_receives_is_a_product(step, product):
    assert produk.from_step(step, received_only=True) == product


# an unrecognised sub-heading ("Cara buat secara offline") lets the requirements field run on over the steps,
# and the last step says what the applicant takes home
STEPS_UNDER_REQUIREMENTS = """Cara Membuat Kartu Kuning
Dokumen persyaratan
• Fotokopi ijazah terakhir yang terlegalisasi
• Fotokopi KTP
• Dua lembar pas foto ukuran 3x4
Syarat ini bergantung pada kebijakan kantor Disnaker di daerah masing-masing.
Cara buat secara offline
1. Datang ke kantor Disnaker setempat.
2. Serahkan dokumen persyaratan yang diminta.
3. Anda akan dipanggil untuk mengambil kartu kuning yang sudah dicetak.
"""

REQUIREMENTS_ONLY = """Persyaratan Pengurusan Surat Keterangan Usaha
  • Fotokopi KTP & KK pemohon
  • Surat pengantar RT/RW
  • Pemohon mendapatkan surat keterangan domisili usaha dari RT setempat
"""


def test_steps_run_into_the_requirements_still_name_the_product():
    for result in _both(STEPS_UNDER_REQUIREMENTS, "https://disnaker.contohkab.go.id/kartu-kuning"):
        assert result.components["persyaratan"]
        assert _products(result) == ["kartu kuning"]
    for result in _both(REQUIREMENTS_ONLY, "https://karungan.desa.id/layanan/sku"):
        assert result.components["persyaratan"] and not result.components["produk"]


def test_a_long_value_under_a_produk_label_may_still_be_names():
    clinics = ("Pelayanan rawat jalan , klinik THT, klinik Syaraf, klinik Bedah Ortopedi, klinik Bedah, klinik "
               "Penyakit Dalam, klinik Mata, klinik Anak. Klinik Obsgyn, klinik Kulit,")
    assert produk.parse([clinics], named=True) == {"name": "Pelayanan rawat jalan; klinik THT; klinik Syaraf"}
    tera = ("Tera dan tera ulang alat UTTP sesuai dengan Surat Keterangan Kemampuan Pelayanan Tera dan Tera Ulang "
            "yang berlaku")
    assert produk.parse([tera], named=True) == {"name": "Tera dan tera ulang alat UTTP"}
    # under a bare "Hasil" a long line is a sentence about results, not a name
    assert produk.parse([tera], named=False) is None
    sentence = ("Hasil pemeriksaan akan disampaikan kepada pasien melalui dokter yang merawat sesuai dengan "
                "jadwal kontrol yang telah ditentukan oleh rumah sakit")
    assert produk.parse([sentence], named=True) is None

    text = """Deskripsi Layanan Tera dan Tera Ulang
Jangka Waktu Penyelesaian 1 Hari
Biaya / Tarif 0
Produk Layanan Tera dan tera ulang alat UTTP sesuai dengan Surat Keterangan Kemampuan Pelayanan Tera dan Tera Ulang yang berlaku
"""
    for result in _both(text, "https://skm.contohkab.go.id/layanan/tera"):
        assert _products(result) == ["Tera dan tera ulang alat UTTP"]


def test_a_result_run_into_its_noun_is_a_requirement_not_a_label():
    text = """Pendirian PAUD
2. Persyaratan teknis pendirian PAUD
a. Surat permohonan kepada Kepala Dinas
b. Hasil studi Kelayakan
c. Rencana Induk Pengembangan (RIP) yang memuat rencana lima tahun
"""
    for result in _both(text, "https://dinaspdank.contohkab.go.id/pendirian-paud"):
        assert result.components["persyaratan"] and not result.components["produk"]
    labelled = text.replace("b. Hasil studi Kelayakan\n", "") + "Hasil: Izin Operasional PAUD\n"
    for result in _both(labelled, "https://dinaspdank.contohkab.go.id/pendirian-paud"):
        assert _products(result) == ["Izin Operasional PAUD"]


SIPPN_SLOTS = """{title}
1. Asli surat keterangan yang ditandatangani Lurah.
2. Fotocopy KTP Pemohon
3. Fotocopy Kartu Keluarga
1. Petugas Loket menerima dan memeriksa kelengkapan berkas
2. Camat menandatangani format {title}
3. Petugas Loket meregistrasi dan membubuhkan stempel
Gratis
{product}
1. Secara Lisan : Langsung melalui Kasi Pelayanan Informasi dan Pengaduan
2. Secara Online : Website, Email, SMS 1708, Aplikasi : Lapor.go.id
"""


@pytest.mark.parametrize("title, product, published", [
    # the product slot only repeats a title that names an act: the page does not say what one receives
    ("Legalisasi Surat Keterangan Tidak Mampu", "Legalisasi Surat Keterangan Tidak Mampu", False),
    ("Legalisasi Surat Keterangan Tidak Mampu", "Surat Keterangan Tidak Mampu yang telah dilegalisasi", True),
    # a title that names a document is the product, repeated or not
    ("Surat Pengantar Nikah", "Surat Pengantar Nikah", True),
])
def test_a_sippn_product_slot_that_repeats_an_act_is_no_product(title, product, published):
    text = SIPPN_SLOTS.format(title=title, product=product)
    for result in _both(text, "https://sippn.menpan.go.id/pelayanan-publik/kalimantan/kecamatan/legalisasi"):
        assert result.components["persyaratan"] and result.components["biaya"]
        assert result.components["produk"] is published, _products(result)


FAQ_CARDS = """Surat Keterangan Penghasilan Orang Tua
Yang perlu disiapkan
Surat pengantar RT
Fotokopi KK dan KTP orang tua
Langkah-langkah
Datang ke loket kelurahan dan ambil nomor antrean
Serahkan berkas kepada petugas
Berapa lama?
± 15 menit
Berapa biayanya?
Rp0, tidak ada biaya.
Apa yang saya terima?
Surat Keterangan Penghasilan yang ditandatangani Lurah.
"""


def test_a_question_in_the_first_person_asks_for_the_product():
    for result in _both(FAQ_CARDS, "https://sites.google.com/view/kelurahan-contoh/layanan"):
        assert _products(result) == ["Surat Keterangan Penghasilan yang ditandatangani Lurah"]

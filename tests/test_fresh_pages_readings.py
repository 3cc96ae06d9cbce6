"""Readings that two fresh batches of real pages (c25, c26: collected and measured before any rule was written from
them) showed wrong, each on a made-up but plausible page: a guide that defines the components, a quote that opens on
a component's word, an official's duties announced, a post to fill, gambling terms, a daily quota, a document only
shown in passing, and a service requested by contacting the office (with what that is not)."""

from __future__ import annotations

import pytest

from extractors.labels import defines_component
from extractors.prose import request_by_contact, requirement_list
from tests.helpers import extract_both

URL = "https://contohkab.go.id/berita/layanan"


def _both(text: str, url: str = URL):
    return extract_both(text, url)


GUIDE = """Standar Pelayanan Publik
Standar pelayanan adalah tolok ukur penyelenggaraan pelayanan.
Komponen Standar Pelayanan
1. Persyaratan : Syarat-syarat yang harus dipenuhi.
2. Sistem, Mekanisme, dan Prosedur : Tata cara pelayanan yang dibakukan.
3. Jangka Waktu Penyelesaian : Jangka waktu yang diperlukan sejak permohonan diterima.
4. Biaya/Tarif : Ongkos yang dikenakan kepada penerima layanan.
5. Produk Pelayanan : Hasil pelayanan yang diterima masyarakat.
6. Penanganan Pengaduan, Saran, dan Masukan : Prosedur untuk menampung umpan balik.
"""


def test_a_guide_that_defines_each_component_by_apposition_publishes_nothing():
    for result in _both(GUIDE, "https://sukamaju.desa.id/standar-pelayanan-publik"):
        assert not any(result.components.values()), result.to_dict()["findings"]


def test_a_component_named_then_given_is_still_a_value():
    text = ("Layanan Surat Keterangan Domisili\nPersyaratan : Syarat yang harus dipenuhi yaitu fotokopi KTP dan KK\n"
            "Produk Pelayanan : Hasil pelayanan berupa Surat Keterangan Domisili\nWaktu : Jangka waktu 1 hari kerja\n")
    for result in _both(text, "https://sukamaju.desa.id/layanan/domisili"):
        assert result.components["persyaratan"] and result.components["produk"] and result.components["waktu"]


def test_a_definition_by_apposition_needs_the_labels_colon():
    assert defines_component("1. Persyaratan :Syarat-syarat yang harus dipenuhi. 2. Sistem, Mekanisme, dan Prosedur "
                             ":Tata cara pelayanan yang dibakukan.")
    # the component's word opening a sentence about the service is no definition
    assert not defines_component("Syarat-syarat untuk mendapatkan kartu KIA sangat mudah. Cukup melampirkan KK.")


def test_a_quote_that_opens_on_a_fee_word_is_not_a_fee_label():
    text = ("Pengurusan SKCK di Polres Contoh Membludak\n"
            "Dalam pengurusan SKCK dipungut biaya sebesar Rp 30 ribu sesuai PP 60 tahun 2016.\n"
            "\u201cBiaya SKCK itu disetor ke kas negara melalui bank,\u201d katanya.\n")
    for result in _both(text, "https://kabarcontoh.com/2024/skck"):
        fees = [f for f in result.findings if f.component == "biaya"]
        assert fees and fees[0].value["amount"] == 30000


def test_an_officials_duties_announced_are_no_procedure():
    text = ("Struktur Pemerintahan Nagari\nWali Nagari adalah pimpinan tertinggi nagari. Ia dipilih langsung oleh "
            "masyarakat melalui mekanisme demokratis. Tugas pokok Wali Nagari adalah:\n"
            "Memimpin penyelenggaraan pemerintahan nagari.\nMembina kehidupan masyarakat nagari.\n")
    for result in _both(text, "https://contoh.nagari.id/profil"):
        assert not result.components["prosedur"]


def test_the_requirements_of_a_post_to_fill_are_no_services():
    text = ("Penerimaan PPPK Tenaga Kesehatan\nPersyaratan Formasi PPPK Tenaga Kesehatan\n1. Warga Negara Indonesia;\n"
            "2. Berusia paling rendah 20 tahun;\n3. Memiliki STR yang masih berlaku;\n")
    for result in _both(text, "https://bkpsdm.contohkab.go.id/pengumuman"):
        assert not result.components["persyaratan"]


def test_gambling_event_terms_are_a_spam_page():
    text = ("Syarat dan Ketentuan :\n~> Event ini berlaku untuk semua member yang bermain slot Spaceman\n"
            "~> Minimal Bet pada Event ini yaitu Rp.10,000 dan Maksimal Bonus Rp.700.000\n"
            "~> Event ini tidak di perbolehkan cashout 50% harus cashout full\n"
            "~> Bonus di Berikan Setelah Hasil Win-Lose Muncul 1 X 24 Jam\n")
    for result in _both(text, "https://contoh4d.example/event"):
        assert not any(result.components.values())
        assert result.spam is not None and result.spam.kind == "spam_page"


def test_a_daily_quota_is_no_service_time():
    text = ("Disdukcapil Batasi Pemohon\n\u201cPengurusan KTP kalau berkas lengkap bisa diproses, dengan syarat kita "
            "batas satu hari paling sedikit 200 pemohon,\u201d ungkapnya.\n")
    for result in _both(text, "https://kabarcontoh.com/2024/batasi"):
        assert not result.components["waktu"]


def test_a_sentence_that_opens_with_an_office_is_no_letterhead():
    # "Kepala Dinas …" opens the letterheads of standards; a 40-word sentence that opens so tells what it says
    # (c37-35)
    sentence = ("Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Contoh, Budi Santoso "
                "mengatakan, warga dapat mendaftar melalui situs mpp.contohkab.go.id/antrian yang dibuka setiap hari "
                "pada pukul 06.00 sampai 10.00 pada hari kerja.")
    for result in _both(f"Layanan Tatap Muka Mal Pelayanan Publik Dibuka Kembali\n{sentence}\n"):
        assert result.components["prosedur"]
    for result in _both("ALUR PELAYANAN KTP-EL\nDinas Kependudukan dan Pencatatan Sipil Kabupaten Contoh\n"):
        assert not result.components["prosedur"]


def test_one_document_counts_only_right_after_the_verb():
    assert requirement_list("Jumlah itu menunjukkan kesadaran masyarakat atas pentingnya KTP atau KK.") == []
    assert requirement_list("Warga yang mengurus KIA cukup menunjukkan Kartu Keluarga.", True) == ["Kartu Keluarga"]


@pytest.mark.parametrize("sentence", [
    "Warga yang memerlukan bantuan evakuasi sarang tawon dapat menghubungi Call Center Damkar 0896 2004 7733.",
    "Masyarakat bisa mengajukan permohonan perbaikan jalan lingkungan melalui aplikasi SiJalan.",
    "Apabila ingin menggunakan layanan mobil jenazah, pemohon dapat langsung menghubungi nomor (0354) 697443.",
    "Layanan ambulans jenazah bisa langsung diakses warga melalui call center 112 atau PSC 119.",
    # applying online, told as what the public can do (c30-40, c31-21)
    "Para pencari kerja bisa mendaftar secara online melalui website simonak.contohkab.go.id.",
    "Warga yang ingin mencetak KTP-el bisa melakukan permohonan pencetakan melalui aplikasi online.",
    # a web address is a channel as a number is (c33-08, c37-35, c38-25; twelfth session)
    "Calon peserta pelatihan bisa mendaftar melalui website silatkerja.contohkab.go.id.",
    "Pemohon hanya perlu mengakses laman https://skck.contoh.go.id/ lalu mengisi data diri.",
    "Untuk layanan daring, masyarakat bisa membuka alamat website https://layanan.contohkab.go.id.",
    "Menurut Kepala Dinas, warga dapat mendaftar melalui situs mpp.contohkab.go.id/antrian.",
    # an address ending in a bare ".id", with no channel word and no digit (the cheap test must let it through)
    "Pemohon hanya perlu mengakses skck.contoh.id lalu mengisi formulir.",
])
def test_a_service_requested_by_contacting_the_office_is_its_step(sentence):
    assert request_by_contact(sentence) == [sentence]
    for result in _both(f"Layanan Damkar dan Penyelamatan\n{sentence}\n"):
        assert result.components["prosedur"]


@pytest.mark.parametrize("sentence", [
    # a number named without one to dial
    "Masyarakat diimbau segera menghubungi nomor layanan darurat Damkar terdekat jika terjadi kebakaran.",
    # a number for more information
    "Untuk informasi lebih lanjut, warga dapat menghubungi nomor 0812 3456 7890.",
    # a system one can reach online, no step ("diakses" needs a number)
    "Cukup memiliki Nomor Induk Berusaha yang bisa diakses online melalui website OSS.",
    # reporting wrongdoing is a complaint
    "Masyarakat yang menemukan maladministrasi dapat melapor ke Ombudsman melalui WhatsApp 0811-1453-737.",
    # a complaints line
    "Pengaduan dapat disampaikan dengan menghubungi WhatsApp 0812 1111 2222.",
    # applying, with no channel to do it through
    "Warga bisa melakukan permohonan di kantor kelurahan pada jam kerja.",
    # a document one can reach at a web address is no step ("diakses" is not the applicant reaching it)
    "Cukup memiliki NIB yang bisa diakses melalui website oss.go.id.",
    # reporting content found online is no request for a service
    "Masyarakat diimbau melaporkan temuan situs judi kepada kementerian lewat situs aduankonten.id.",
])
def test_what_is_no_request_by_contact(sentence):
    assert request_by_contact(sentence) == []


# --- ninth session: c29-c32 ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit", [
    ("Hasil salinan belum dapat langsung diterbitkan pada hari itu juga.", None),  # c30-13
    ("Akta tidak bisa selesai pada hari yang sama.", None),
    # a negated same-day statement gives way to the duration stated after it (c31-02)
    ("Paspor tidak akan langsung jadi hari itu juga. Melainkan baru akan tersedia setidaknya empat hari kerja "
     "sampai satu minggu lamanya.", "days"),
    ("KTP-el bisa langsung jadi.", "on_the_spot"),
    # a clock that starts when a licence runs out is no service's time (c29-28)
    ("Apabila dalam waktu lebih dari 1 (satu) bulan sejak masa berakhirnya perizinan berusaha tidak diperpanjang, "
     "maka berlaku ketentuan penerbitan baru.", None),
])
def test_a_same_day_statement_negated_is_no_same_day_time(text, unit):
    from extractors.components import waktu
    assert (waktu.parse(text) or {}).get("unit") == unit


@pytest.mark.parametrize("process", ["pengesahan STNK", "perpanjangan SIM", "pengujian sampel air"])
def test_a_time_in_a_story_tied_by_the_services_own_process(process):
    """ "Bayangkan, pengesahan STNK selesai hanya dalam 5 menit!" (c29-05): endorsement, renewal and testing are a
    service's process as much as "pembuatan" is (vocabulary service_process_nouns)."""
    text = (f"Layanan Samsat Makin Cepat\nCONTOH - Warga kini tidak perlu antre lama. Bayangkan, {process} selesai "
            "hanya dalam 5 menit!\n")
    for result in _both(text):
        assert result.components["waktu"], process


def test_two_service_names_listed_are_no_procedure():
    """ "• Pendaftaran Penduduk • Pencatatan Sipil" over a Dukcapil page (c32-31): two names of services, not two
    steps; a list of two steps still is one."""
    from extractors.unlabelled import classify_run
    assert classify_run(["• Pendaftaran Penduduk", "• Pencatatan Sipil"]) is None
    assert classify_run(["1. Pemohon mengisi formulir di loket", "2. Petugas memverifikasi berkas"]) == "prosedur"


def test_a_title_over_a_view_counter_is_no_procedure():
    """ "» PENDAFTARAN NIKAH" over "- Dilihat: 120 kali" (c13-38): an article's title and its counter read as a
    two-item list; the counter is no item, so one title is left and no list. The page's requirements still
    count."""
    from extractors.unlabelled import classify_run
    assert classify_run(["» PENDAFTARAN NIKAH", "- Dilihat: 120 kali"]) is None
    assert classify_run(["» Pemohon mendaftar di loket", "Petugas memeriksa berkas", "- Dilihat: 120 kali"]) \
        == "prosedur"
    page = ("» PENDAFTARAN NIKAH\n\n- Dilihat: 120 kali\n\nLAYANAN PENDAFTARAN NIKAH KANTOR WILAYAH\n\n"
            "II. PERSYARATAN\n\n1. Surat Keterangan untuk Nikah (Model N1) dari kantor Lurah/Desa;\n\n"
            "2. Surat Keterangan Asal Usul (Model N2) dari kantor Lurah/Desa;\n\n"
            "3. Surat Persetujuan Calon Mempelai (Model N3);\n")
    for result in _both(page):
        assert result.components["persyaratan"] and not result.components["prosedur"]


@pytest.mark.parametrize("sentence", [
    "RSUD Contoh juga membuka layanan pengaduan melalui sosial media rumah sakit. Yakni, Twitter, Facebook dan "
    "Instagram.",  # c34-22
    "Pemkab menghadirkan layanan pengaduan masyarakat berbasis WhatsApp yang disebut Lapor Contoh.",  # c34-06
    "Layanan whatsapp menurutnya bisa digunakan masyarakat untuk aduan dan konsultasi.",  # c32-33
    "\"Pengaduan selama ini sudah bisa dilakukan melalui media sosial,\" jelas Kepala Dinas.",  # c34-20
])
def test_a_story_that_offers_a_complaints_channel_by_its_name_publishes_it(sentence):
    """A channel named without a number or address counts when the story offers it for complaints (c26-08)."""
    for result in _both(f"Kabar Dinas Kesehatan\nCONTOH - {sentence}\n"):
        assert result.components["pengaduan"], sentence


@pytest.mark.parametrize("sentence", [
    "Jumlah pengaduan yang masuk melalui media sosial dapat mencapai 300 laporan per bulan, kata Kepala Dinas.",
    "Keluhan warga soal jalan rusak ramai di media sosial, tetapi dinas belum bisa memperbaikinya tahun ini.",
    "Warga mengadukan pelayanan itu melalui WhatsApp, namun belum ditanggapi.",
    "Setiap OPD wajib menyediakan sarana pengaduan seperti WhatsApp dan media sosial.",
])
def test_complaints_and_a_channel_word_in_one_sentence_are_no_offer(sentence):
    """A statistic, a complaint aired, a story's past complaint, a duty: no channel the page offers."""
    for result in _both(f"Kabar Dinas Kesehatan\nCONTOH - {sentence}\n"):
        assert not result.components["pengaduan"], sentence


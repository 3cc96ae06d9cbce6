"""Complaints channels as real pages publish them (issue 12), and the outlet names and menu entries that are not
channels. Each shape is pinned with a text written here; accuracy is measured on the real corpus."""

from __future__ import annotations

import pytest

from extractors.components.pengaduan import parse_channels
from tests.helpers import extract_both


def _both(text: str, url: str):
    return extract_both(text, url)


def _channels(result) -> set[str]:
    return {c["type"] for f in result.unit_findings if f.component == "pengaduan" for c in f.value["channels"]}


CHANNEL_LIST = """Masyarakat dapat menyampaikan aduan melalui beberapa kanal berikut:
Langsung ke Kantor Desa: Disampaikan secara lisan atau tertulis ke petugas pelayanan.
Kotak Saran di Kantor Desa: Untuk aduan tertulis secara anonim.
WhatsApp Resmi Desa: Melalui nomor yang diumumkan di papan informasi desa.
Media Sosial Resmi Desa: (Facebook, Instagram, atau Website Desa).
Petugas pelayanan desa mencatat setiap aduan ke dalam buku registrasi.
"""


def test_a_list_of_channels_under_an_intro_is_read_item_by_item():
    # the first item names a channel without an address ("Langsung ke Kantor Desa"): the list goes on to the
    # complaints box and the WhatsApp line instead of stopping there
    for result in _both(CHANNEL_LIST, "https://sukamaju.desa.id/layanan/pengaduan"):
        assert result.components["pengaduan"]
        assert {"desk", "kotak_saran", "whatsapp", "social_media"} <= _channels(result)


def test_items_labelled_by_their_channel_count_under_a_complaints_heading():
    # under a "Layanan Pengaduan" label the long items count because the channel is their label
    text = "Layanan Pengaduan Masyarakat Desa Sukamaju\n" + CHANNEL_LIST
    for result in _both(text, "https://sukamaju.desa.id/layanan/pengaduan"):
        assert {"desk", "kotak_saran", "whatsapp", "social_media"} <= _channels(result)


MENU = """Beranda
Profil
• Standar Pelayanan
• Pelayanan Ambulans
• Pengaduan Masyarakat
• Artikel
• Pembelajaran
• Survei
• Aplikasi
• Hubungi Kami
Tata Cara Permohonan Informasi
Pemohon datang ke kantor dan mengisi formulir permohonan informasi.
"""


def test_a_menu_entry_named_pengaduan_is_not_a_channel():
    # "Aplikasi" is another menu entry, not where complaints go
    for result in _both(MENU, "https://bkkbiak.contoh.go.id/ppid"):
        assert not result.components["pengaduan"]


@pytest.mark.parametrize("text", [
    "TANJUNG, kontrasx.com – Direktur RSUD mengakui saluran aduan belum dimanfaatkan",
    "FAJAR.CO.ID, MAKASSAR--Calon siswa yang mendapat kendala bisa mengadu",
    "SuaraSumbar.id - Dinas Pendidikan menyiapkan posko pengaduan",
    "Posko pengaduan PPDB di kantor dinas. [Dok.Covesia.com]",
])
def test_a_news_outlet_in_a_dateline_or_photo_credit_is_not_a_web_channel(text):
    assert "web_form" not in {c["type"] for c in parse_channels(text)}


@pytest.mark.parametrize("text, value", [
    ("lapor.go.id - SMS 1708", "lapor.go.id"),
    ("Kunjungi dukcapil.contohkab.go.id - aduan online", "dukcapil.contohkab.go.id"),
    ("Pengaduan: www.aduan-contoh.com - setiap hari kerja", "www.aduan-contoh.com"),
])
def test_a_government_site_or_a_labelled_address_before_a_dash_stays_a_channel(text, value):
    assert value in {c["value"] for c in parse_channels(text)}


QUOTE = """Pasien RSUD Belum Maksimalkan Pusat Aduan
Pihak rumah sakit sudah menyediakan pusat aduan di lobi.
"Kita minta petugas pusat pengaduan keliling ke poli," bebernya pada kabarcontoh.com, Selasa.
"""


def test_the_page_s_own_outlet_named_in_a_quote_is_not_a_channel():
    for result in _both(QUOTE, "https://kabarcontoh.com/2024/05/01/pusat-aduan"):
        assert "web_form" not in _channels(result)
    # the same words on a government site name its own complaints site
    for result in _both(QUOTE.replace("kabarcontoh.com", "rsud.contohkab.go.id"), "https://rsud.contohkab.go.id/berita"):
        assert "web_form" in _channels(result)


FAQ = """Bantuan Aplikasi Dukcapil Online
1. Apa itu aplikasi Dukcapil Online?
Aplikasi untuk mengajukan layanan kependudukan dari rumah.
2. {question}
Layanan yang bisa diajukan oleh pemohon dapat dilihat pada menu Daftar Jenis Layanan.
"""


def test_a_faq_asking_which_documents_an_app_handles_is_not_a_requirements_question():
    for result in _both(FAQ.format(question="Dokumen apa sajakah yang bisa diurus menggunakan aplikasi ini?"),
                        "https://dukcapil.contohkab.go.id/bantuan"):
        assert not result.components["persyaratan"]


def test_a_faq_asking_which_documents_are_needed_still_is():
    text = FAQ.format(question="Dokumen apa yang diperlukan untuk membuat KIA?").replace(
        "Layanan yang bisa diajukan oleh pemohon dapat dilihat pada menu Daftar Jenis Layanan.",
        "Fotokopi akta kelahiran dan kartu keluarga orang tua.")
    for result in _both(text, "https://dukcapil.contohkab.go.id/bantuan"):
        assert result.components["persyaratan"]


def test_a_duty_to_provide_channels_with_examples_is_a_rule_not_a_channel():
    text = """Pedoman Pelayanan Publik
Setiap unit pelayanan wajib menyediakan sarana pengaduan seperti kotak saran dan tautan SP4N-LAPOR!.
Unit juga menetapkan standar pelayanan dan maklumat pelayanan.
"""
    for result in _both(text, "https://ortala.contohkab.go.id/pedoman"):
        assert not result.components["pengaduan"]
    # the unit's own channels, with no duty, still count
    for result in _both(text.replace("Setiap unit pelayanan wajib menyediakan sarana pengaduan seperti",
                                     "Pengaduan dapat disampaikan melalui"), "https://ortala.contohkab.go.id/pedoman"):
        assert result.components["pengaduan"]


NEWS_CHANNELS = """Diskominfo Ajak Warga Gunakan SP4N-LAPOR!
PALU, Kabar Contoh - Kepala Dinas Kominfo mengajak masyarakat memanfaatkan SP4N-LAPOR! untuk menyampaikan keluhan terkait pelayanan publik, Rabu (6/11/2024).
"Jumlah ini mencerminkan pentingnya responsivitas perangkat daerah," ujar Kepala Dinas.
Layanan SP4N LAPOR! dapat diakses melalui:
- Website resmi: https://lapor.go.id
- SMS: Ketik LAPOR (spasi) Aduan kirim ke 1708.
Ia berharap masyarakat aktif menggunakan platform ini.
"""


def test_a_news_story_that_lists_how_to_reach_a_channel_publishes_it():
    for result in _both(NEWS_CHANNELS, "https://kabarcontoh.com/2024/11/06/ajak-gunakan-sp4n-lapor/"):
        assert result.components["pengaduan"]


BROKEN_CELL = """Standar Pelayanan Surat Keterangan Riwayat Tanah
| No. | Komponen | Uraian |
1. |
Persyaratan pelayanan |
1. Foto copy KTP dan KK pemohon; 2. Surat Pengantar ditandatangani RT/RW |
2. |
Jangka waktu |
3 Hari Kerja |
3. |
Penanganan pengaduan, saran dan
masukan |
1. Nomor
Telepon/call center PTSP
Kelurahan 08131016016
"""


def test_a_complaints_label_broken_over_lines_takes_the_next_cell():
    for result in _both(BROKEN_CELL, "https://pengadegan.contohkota.go.id/standar"):
        assert result.components["pengaduan"]
        assert any(c["value"] == "08131016016" for s in result.services for f in s.findings
                   if f.component == "pengaduan" for c in f.value["channels"])


@pytest.mark.timeout(30)
def test_a_hostile_long_word_before_an_address_is_read_in_linear_time():
    """The e-mail pattern tried every position of a word without "@" and scanned to its end: quadratic (~40 min
    for this line, ~6 s at 50,000 characters), in every text parse_channels is asked about."""
    line = "Pengaduan: " + "a" * 1_000_000 + " pengaduan@contohkab.go.id"
    assert {(c["type"], c["value"]) for c in parse_channels(line)} >= {("email", "pengaduan@contohkab.go.id")}
    assert parse_channels("x" * 300 + "@" + "y" * 300) == []


@pytest.mark.timeout(30)
def test_a_dateline_is_looked_for_only_at_the_start_of_a_text():
    """The news-dateline check copied and scanned the text before every address: a long word and many
    addresses after it cost their product (minutes here)."""
    line = "A" * 500_000 + " " + "kanal.contohkab.go.id " * 3000
    assert [c["value"] for c in parse_channels(line)] == ["kanal.contohkab.go.id"]
    # a dateline still names the outlet, not a channel
    assert parse_channels("TANJUNG, kontrasx.com – Warga mengeluhkan jalan rusak") == []


@pytest.mark.timeout(60)
def test_many_addresses_in_one_line_are_read_in_linear_time():
    """Each address was checked against every span taken before it: 40,000 addresses in one hostile line cost
    ~2 minutes (quadratic); now one lookup each, and a number inside an address is still not read again."""
    line = ",".join(f"x{i}.contoh.id" for i in range(40_000))
    assert len(parse_channels(line)) >= 40_000
    assert [c["type"] for c in parse_channels("Aduan: https://contoh.go.id/aduan/08123456789")] == ["web_form"]


OUTLET_CONTACT = """Jalan Desa Sukamaju Rusak Parah
CONTOH - Jalan sepanjang dua kilometer di Desa Sukamaju belum diperbaiki sejak 2022.
Kirim pengaduan dan berita Anda ke redaksi@kabarcontoh.com atau WA 0812-1111-2222.
"""


def test_a_news_outlet_s_own_contact_line_publishes_no_complaints_channel():
    """ "Kirim pengaduan dan berita Anda ke redaksi@<the outlet>": the outlet's newsroom, not a service's channel
    (its address at the page's own host, a site that is no government one)."""
    for result in _both(OUTLET_CONTACT, "https://kabarcontoh.com/berita/2024/05/01/jalan-rusak"):
        assert not _channels(result)
    # the same line on a government site publishes the unit's own channels
    gov = OUTLET_CONTACT.replace("kabarcontoh.com", "diskominfo.contohkab.go.id")
    for result in _both(gov, "https://diskominfo.contohkab.go.id/berita/jalan-rusak"):
        assert {"email", "whatsapp"} <= _channels(result)


PAST_COMPLAINT = """Warga Keluhkan Akta yang Tak Kunjung Terbit
CONTOH - Sejumlah warga Kecamatan Contoh mengaku belum menerima akta kelahiran anaknya setelah tiga bulan.
Warga sudah mengadukan masalah ini ke Ombudsman melalui email pengaduan@ombudsman.go.id sejak Agustus, namun belum ditanggapi.
"""

FRAUD_WARNING = """Disdukcapil Imbau Warga Waspada Penipuan
CONTOH - Disdukcapil mengimbau warga tidak percaya pesan berantai yang mengatasnamakan layanan pengaduan di nomor WhatsApp 0812-3456-7890 karena itu penipuan.
Pelayanan administrasi kependudukan tidak dipungut biaya.
"""


@pytest.mark.parametrize("story", [PAST_COMPLAINT, FRAUD_WARNING], ids=["past-complaint", "fraud-warning"])
def test_a_news_storys_past_complaint_or_fraud_warning_publishes_no_channel(story):
    """REVIEW3: the channel a story names for a complaint already made, or warns about, is not one the page
    offers; the same channel in a story that tells readers how to complain is (NEWS_CHANNELS above)."""
    for result in _both(story, "https://kabarcontoh.com/2024/11/06/warga-keluhkan-akta/"):
        assert not result.components["pengaduan"]

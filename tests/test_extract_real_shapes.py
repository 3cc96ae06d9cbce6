"""The shapes real pemda pages take (issue: real-world accuracy), each as plain text and as simple HTML.

The texts are written here to pin each shape; accuracy itself is measured on the real corpus
(tests/fixtures/real, `pantau eval --real`).
"""

from __future__ import annotations

import pytest

from extractors import build_page, extract
from tests.helpers import extract_both

SIX = {"persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan"}


def _both(text: str, url: str = "https://dukcapil.contohkab.go.id/layanan"):
    """The extraction of `text` read as a .txt page and as simple HTML: both must agree."""
    return extract_both(text, url)


def _published(result) -> set[str]:
    return {c for c, on in result.components.items() if on}


POST = """Standar Pelayanan Akta Kelahiran
Diterbitkan Senin, 12 Februari 2024 oleh Admin | Dilihat 4883 kali
KOTA CONTOH - Dinas Kependudukan dan Pencatatan Sipil terus berbenah. "Kami ingin warga tahu apa saja yang
perlu dibawa," ujar Kepala Dinas saat ditemui di kantornya, Senin (12/2). Berikut standar pelayanan yang berlaku.
| No | Komponen | Uraian |
| 1 | Persyaratan Pelayanan | 1. Surat keterangan lahir dari dokter/bidan 2. Fotokopi KK 3. Fotokopi buku nikah |
| 2 | Sistem, Mekanisme dan Prosedur | 1. Pemohon menyerahkan berkas ke loket 2. Petugas memverifikasi berkas 3. Akta dicetak dan diserahkan |
| 3 | Jangka Waktu Penyelesaian | 1 (satu) hari kerja |
| 4 | Biaya/Tarif | Gratis |
| 5 | Produk Pelayanan | Kutipan Akta Kelahiran |
| 6 | Penanganan Pengaduan, Saran dan Masukan | SP4N-LAPOR!, WhatsApp 0812-3456-7890 |
Sebelumnya, Ombudsman menilai kepatuhan standar pelayanan di kota ini masih perlu ditingkatkan, katanya.
"""


def test_a_standard_table_inside_a_news_post_is_found_whole():
    for result in _both(POST, "https://contohkota.go.id/2024/02/standar-pelayanan-akta-kelahiran"):
        assert _published(result) >= SIX


FLATTENED = """NO
KOMPONEN
URAIAN
1
Dasar Hukum
Undang-Undang Nomor 24 Tahun 2013
2
Persyaratan Pelayanan
Fotokopi KTP
Pas foto 3x4 (2 lembar)
3
Sistem, Mekanisme dan Prosedur
Pemohon mengisi formulir di loket
Petugas memverifikasi berkas
4
Jangka Waktu Penyelesaian
3 (tiga) hari kerja
5
Biaya/Tarif
Tidak dipungut biaya
6
Produk Pelayanan
Kartu Pencari Kerja (AK/1)
"""


def test_a_table_flattened_one_cell_a_line_is_read_as_a_table():
    for result in _both(FLATTENED):
        assert _published(result) >= {"persyaratan", "prosedur", "waktu", "biaya", "produk"}
        waktu = next(f.value for f in result.findings if f.component == "waktu")
        assert (waktu["amount"], waktu["unit"]) == (3, "working_days")


LABELS = """Pelayanan Surat Keterangan Domisili
Persyaratan Pelayanan ;
a. Surat pengantar RT/RW
b. Fotokopi KTP dan KK
Sistem Mekanisme dan Prosedur sebagai berikut :
1. Pemohon datang ke kantor kelurahan
2. Petugas memeriksa berkas dan mencetak surat
Waktu Penyelesaian : Lama waktu penyelesaian :1 - 5 (Lima) hari kerja
Besarnya Biaya retribusi : GRATIS
"""


def test_labels_with_other_punctuation_and_word_order():
    for result in _both(LABELS):
        assert _published(result) >= {"persyaratan", "prosedur", "waktu", "biaya"}
        service = result.services[0]
        assert "Domisili" in service.name  # not the last requirement item
        waktu = next(f.value for f in result.findings if f.component == "waktu")
        assert waktu["amount"] == 5
        assert next(f.value for f in result.findings if f.component == "biaya")["amount"] == 0


SIPPN = """Surat Keterangan Domisili

  1. Surat pengantar dari RT/RW
  2. Fotocopy KTP/KK jumlah 2 lembar

  1. Pemohon mendaftar ke petugas pelayanan umum dengan mengajukan berkas
  2. Petugas meneliti kelengkapan berkas
  3. Penyerahan surat kepada pemohon

10 Menit

Tidak dipungut biaya

Surat Keterangan Domisili Usaha

Anda juga dapat menyampaikan pengaduan, aspirasi, maupun permintaan informasi melalui aplikasi LAPOR!
"""


def test_sippn_slots_without_labels_are_read_in_order():
    for result in _both(SIPPN, "https://sippn.menpan.go.id/pelayanan-publik/1/kelurahan/domisili"):
        assert _published(result) == {"persyaratan", "prosedur", "waktu", "biaya", "produk"}
        # SIPPN's LAPOR! box is printed on every service page: the site's, not this page's pengaduan
        assert not result.components["pengaduan"]


CHROME = """Beranda
Profil
Layanan
Berita
Pengaduan
SP4N LAPOR
Persyaratan Pembuatan KTP-el
1. Fotokopi Kartu Keluarga
2. Surat pengantar RT/RW
"""


def test_a_menu_entry_pengaduan_is_chrome_not_content():
    for result in _both(CHROME):
        assert result.components["persyaratan"]
        assert not result.components["pengaduan"]


def test_news_that_mentions_components_publishes_nothing():
    news = ("Ombudsman Dorong OPD Lengkapi Standar Pelayanan\n"
            "KOTA CONTOH - Ombudsman RI meminta setiap OPD mempublikasikan standar pelayanan yang memuat "
            "persyaratan, prosedur, jangka waktu, biaya dan produk layanan, ujar Kepala Perwakilan, Selasa (5/3).\n"
            "Menurutnya, masih banyak unit yang belum memasang maklumat pelayanan di ruang tunggu.\n")
    for result in _both(news, "https://contohkota.go.id/berita/2024/03/ombudsman"):
        assert not any(result.components.values())


@pytest.mark.parametrize("line,expected", [
    ("Fotokopi KTP pemohon", "document"),
    ("Membawa pas foto 3x4 sebanyak 2 lembar", "document"),
    ("Pemohon menyerahkan berkas ke loket", "step"),
    ("Petugas memverifikasi dan mencetak surat", "step"),
    ("Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik", "legal"),
    ("Meningkatkan kualitas pelayanan publik", "legal"),
])
def test_list_items_are_told_apart_by_content(line, expected):
    from extractors.items import item_kind

    assert item_kind(line) == expected


# ---------------------------------------------------------------------------------------------------
# speed shortcuts keep a test of the case they skip

def _corpus_lines():
    from pathlib import Path

    from extractors.decoding import decode

    fixtures = Path(__file__).parent / "fixtures"
    for path in sorted((fixtures / "real" / "tuning").glob("*.txt")) + sorted((fixtures / "pages").glob("*.txt")):
        for line in decode(path.read_bytes()).splitlines():
            if line.strip():
                yield line


def test_prose_shortcut_skips_only_blocks_that_give_nothing():
    from extractors.components import produk
    from extractors.prose import _SENTENCE_SPLIT, _scan_sentences, worth_reading
    from extractors.vocab import normalise

    skipped = 0
    for line in _corpus_lines():
        if worth_reading(normalise(line), True):
            continue
        skipped += 1
        found: list = []
        _scan_sentences(_SENTENCE_SPLIT.split(line), 0, "text", set(), found)
        # page_prose_fields keeps only time, fee and product fields
        assert not [f for f in found if f.cls in ("waktu", "biaya")] and produk.from_step(line) is None, line
    assert skipped > 100  # the shortcut is taken, and was checked on real lines


def test_html_line_shortcut_skips_only_plain_paragraphs():
    from extractors.decoding import clean
    from extractors.html_page import plain_paragraph
    from extractors.text_page import classify_line

    skipped = 0
    for line in _corpus_lines():
        text = clean(line)
        if not plain_paragraph(text):
            continue
        skipped += 1
        block = classify_line(text, table_index=0)
        # the classifier's ALL-CAPS heading needs six capitals in _line_block too ("NIP. 1970…" stays a paragraph)
        assert block is None or block.kind == "paragraph" or (block.kind == "heading" and block.level == 2), text
    assert skipped > 1000


@pytest.mark.timeout(30)
def test_a_hostile_long_word_after_a_number_is_read_in_linear_time():
    """An unbounded pattern for spelled-out numbers backtracked quadratically (~hours for this input)."""
    from extractors.components import waktu

    assert waktu.parse("1 " + "a" * 1_000_000 + " hari") is None
    assert waktu.parse("30 (tigapuluh) menit")["amount"] == 30


# SIPPN's layout for a complaint-handling service: the decree's number, then the stripped slots; its lists talk
# about complaints because complaints are the service
SIPPN_COMPLAINTS_SERVICE = """Standar Pelayanan Penanganan Keluhan Pelanggan
No. SK: 440/017/Tahun 2023
  1. Adanya keluhan yang disampaikan langsung kepada petugas, melalui surat atau kotak saran
  1. Petugas menerima keluhan dari pelanggan secara langsung atau tertulis
  2. Petugas mencatat keluhan ke dalam buku register
  3. Tim Pengaduan menentukan tindak lanjut keluhan
  4. Tim Pengaduan menyampaikan jawaban kepada pelanggan
Paling lama 3 x 24 jam setelah keluhan diterima
Tidak dipungut biaya
Tanggapan atas Keluhan Pelanggan
WhatsApp : 0812 0000 1111
"""


def test_a_complaint_services_own_standard_on_sippn_keeps_its_lists():
    for result in _both(SIPPN_COMPLAINTS_SERVICE, "https://sippn.menpan.go.id/pelayanan-publik/1/x/keluhan"):
        assert _published(result) >= SIX


# the same lists on an office's "how to complain" page (no decree above them) are pengaduan's business only
def test_a_complaints_page_without_a_decree_publishes_no_procedure():
    text = SIPPN_COMPLAINTS_SERVICE.replace("No. SK: 440/017/Tahun 2023\n", "")
    for result in _both(text, "https://rsud.contohkab.go.id/pengaduan"):
        assert not result.components["prosedur"]


# no list at all: the procedure told in sentences, then the time, the fee and the product, under the decree
SIPPN_NO_LISTS = """No. SK: Nomor 9 Tahun 2023
Permintaan yang dapat langsung dijawab akan dilayani petugas informasi di tempat.
Permintaan yang memerlukan data dari bidang lain diteruskan kepada bidang terkait dengan jangka waktu penyelesaian 3 - 10 hari kerja.
Tidak dipungut biaya
Jawaban atas permintaan informasi
"""


def test_sippn_slots_after_the_decree_without_any_list():
    for result in _both(SIPPN_NO_LISTS, "https://sippn.menpan.go.id/pelayanan-publik/2/x/informasi"):
        assert {"waktu", "biaya", "produk"} <= _published(result)


# SIPPN's lists are sometimes neither documents nor steps to the classifier (conditions: "Meter air dalam keadaan
# bersih"); the slots still follow them, not the 14 blocks under the decree that the lists fill
_CONDITIONS = ["Pemilik meter air adalah pelanggan perusahaan air minum daerah",
               "Meter air dalam keadaan bersih dan tidak bocor", "Tidak sedang dalam sengketa dengan perusahaan",
               "Meter air terpasang di lokasi yang mudah dijangkau", "Segel pabrik masih utuh dan terbaca",
               "Tidak sedang dalam proses perbaikan", "Pemilik hadir pada saat pengujian",
               "Lokasi pengujian aman bagi petugas"]
_MORE_CONDITIONS = ["Meter air produksi dalam negeri memiliki izin tanda pabrik",
                    "Meter air produksi luar negeri memiliki izin tipe", "Ukuran meter air paling besar 50 milimeter",
                    "Jumlah meter air paling banyak 20 unit", "Meter air belum pernah ditolak dalam pengujian",
                    "Tahun pembuatan meter air tidak lebih dari 10 tahun", "Meter air dilengkapi buku petunjuk",
                    "Pelanggan tidak menunggak tagihan"]
SIPPN_UNREAD_LISTS = ("Tera Ulang Meter Air\nNo. SK: 500/12/Tahun 2024\n"
                      + "".join(f"  {i}. {c}\n" for i, c in enumerate(_CONDITIONS, 1)) + "\n"
                      + "".join(f"  {i}. {c}\n" for i, c in enumerate(_MORE_CONDITIONS, 1))
                      + "\n2 Hari kerja\nTidak dipungut biaya\nMeter Air Bertanda Tera\n")


def test_sippn_slots_follow_lists_the_classifier_cannot_read():
    for result in _both(SIPPN_UNREAD_LISTS, "https://sippn.menpan.go.id/pelayanan-publik/4/x/tera"):
        assert {"waktu", "biaya", "produk"} <= _published(result)
    # without the decree nothing says these are a standard's slots: a bare time or product line is nothing, and an
    # amount needs its tie; a service said to be free stands on its own (real pages, ninth session: c18-04)
    plain = SIPPN_UNREAD_LISTS.replace("No. SK: 500/12/Tahun 2024\n", "")
    for result in _both(plain, "https://metrologi.contohkota.go.id/tera"):
        assert not {"waktu", "produk"} & _published(result)
        assert "biaya" in _published(result)
    priced = plain.replace("Tidak dipungut biaya\n", "Rp 10.000\n")
    for result in _both(priced, "https://metrologi.contohkota.go.id/tera"):
        assert not {"waktu", "biaya", "produk"} & _published(result)


# a fee slot may cite its regulation at length; a long line that cites a regulation about something else is no fee
@pytest.mark.parametrize("fee_line, fee", [
    ("Sesuai dengan Peraturan Daerah Kabupaten Contoh Nomor 7 Tahun 2021 tentang Retribusi Pelayanan Tera dan "
     "Tera Ulang, dibayar di kas daerah", True),
    ("a. Pasien Umum / Bayar Tunai: Sesuai Peraturan Bupati Contoh Nomor 43 Tahun 2015 b. Pasien JKN: Permenkes "
     "Nomor 4 Tahun 2017", True),
    ("Pemohon dapat menghubungi petugas sesuai Peraturan Daerah Nomor 3 Tahun 2019 tentang Pelayanan Publik pada "
     "jam kerja kantor kelurahan setiap hari", False),
])
def test_a_long_fee_slot_citing_its_regulation(fee_line, fee):
    text = f"""Penerbitan Surat Keterangan Pindah
  1. Fotokopi KTP-el
  2. Fotokopi KK
  1. Pemohon menyerahkan berkas ke loket
  2. Petugas memverifikasi berkas
  3. Kepala Dinas menandatangani surat
2 hari kerja
{fee_line}
"""
    for result in _both(text, "https://sippn.menpan.go.id/pelayanan-publik/5/x/pindah"):
        assert result.components["biaya"] is fee


# a time label whose text holds no duration ("Jangka Waktu Penyelesaian Pengaduan :", the complaints section's)
# does not keep the time slot above it out
SIPPN_TIME_SLOT_AND_COMPLAINT_TIMES = """No. SK: 100/4/Tahun 2024
15 Menit
Tidak dipungut biaya
Surat Keterangan Domisili
Penanganan Pengaduan
1. Pengaduan dapat disampaikan melalui kotak saran atau WhatsApp 0812 3456 7890
2. Jangka Waktu Penyelesaian Pengaduan :
a. Pengaduan ringan, paling lama 3 hari kerja
"""


def test_a_time_slot_beside_a_time_label_without_a_duration():
    for result in _both(SIPPN_TIME_SLOT_AND_COMPLAINT_TIMES, "https://sippn.menpan.go.id/pelayanan-publik/6/x/domisili"):
        assert {"waktu", "biaya", "produk"} <= _published(result)
        [service] = [s for s in result.services if s.components["waktu"]]
        [time] = [f for f in service.findings if f.component == "waktu"]
        assert time.value["amount"] == 15 and "Menit" in time.snippet  # the slot's, not the complaints' 3 days


# posts written for social media number their labels with keycap emoji ("5️⃣ Estimasi Waktu")
KEYCAP_LABELS = """Layanan Akta Kelahiran
1️⃣ Persyaratan:
•Surat keterangan lahir dari rumah sakit
•Fotokopi Kartu Keluarga
2️⃣ Estimasi Waktu
•Penerbitan akta: maksimal 2 hari kerja setelah verifikasi.
3️⃣ Biaya
•Gratis
🔟 Pengaduan
•WhatsApp 0812 3456 7890
"""


def test_labels_numbered_with_keycap_emoji():
    for result in _both(KEYCAP_LABELS, "https://dukcapil.contohkab.go.id/akta"):
        assert {"persyaratan", "waktu", "biaya", "pengaduan"} <= _published(result)


# a time slot longer than a short line: it opens with the duration, or counts from the application
@pytest.mark.parametrize("time_line", [
    "1 (satu) sampai 3 (tiga) jam, apabila jaringan terganggu paling lama 1 (satu) hari kerja.",
    "1. Melalui loket: jawaban diberikan 2 (dua) hari sejak berkas permohonan diterima lengkap oleh petugas",
])
def test_a_long_time_slot_after_the_steps(time_line):
    text = f"""Penerbitan Surat Keterangan Pindah
  1. Fotokopi KTP-el
  2. Fotokopi KK
  1. Pemohon menyerahkan berkas ke loket
  2. Petugas memverifikasi berkas
  3. Kepala Dinas menandatangani surat
{time_line}
Tidak dipungut biaya
"""
    for result in _both(text, "https://sippn.menpan.go.id/pelayanan-publik/3/x/pindah"):
        assert {"persyaratan", "prosedur", "waktu", "biaya"} <= _published(result)


def test_a_labelled_time_line_among_slots_leaves_the_product_slot_open():
    text = """Pelayanan Surat Pindah Datang
  1. Surat Pengantar dari Desa
  2. KTP-el asli
  1. Pemohon menyerahkan berkas ke loket kecamatan
  2. Petugas memeriksa kelengkapan berkas
  3. Berkas persyaratan baru dapat diterima apabila sudah lengkap dan benar
  4. Setelah dokumen selesai petugas menyerahkan kepada pemohon
Lamanya proses rata-rata 15 - 30 menit tiap pemohon.
Tidak dipungut biaya
KK dan KTP-el
"""
    for result in _both(text, "https://sippn.menpan.go.id/pelayanan-publik/4/x/pindah-datang"):
        assert _published(result) >= {"persyaratan", "prosedur", "waktu", "biaya", "produk"}
        # a step that only uses the word "persyaratan" is no label, and the list's last step is no name
        assert not any(s.name and s.name.startswith("Setelah") for s in result.services)


def test_a_slot_naming_the_process_is_not_the_product():
    text = """  1. Menerima permohonan dari warga dan mencatat dalam agenda
  2. Surat permohonan diperiksa kelengkapannya oleh petugas
  3. Surat yang telah ditandatangani Camat dikembalikan ke petugas untuk diberi nomor
Tidak dipungut biaya
Pengurusan Surat Pindah
"""
    for result in _both(text, "https://kecamatan.contohkab.go.id/pindah"):
        assert result.components["prosedur"] and result.components["biaya"]
        assert not any(f.component == "produk" and f.value.get("name") == "Pengurusan Surat Pindah"
                       for f in result.findings)


def test_a_title_over_two_components_names_the_service_and_is_no_procedure():
    text = """Prosedur dan Persyaratan Pengambilan Produk Pengadilan
1. Akta Cerai
Akta cerai merupakan akta otentik yang dikeluarkan oleh pengadilan sebagai bukti perceraian.
Perkara berkekuatan hukum tetap jika dalam waktu 14 hari sejak putusan dibacakan tidak ada banding.
Untuk perkara cerai talak, akta cerai diterbitkan setelah sidang ikrar talak.
Syarat pengambilan Akta Cerai:
  1. Menyerahkan nomor perkara
  2. Memperlihatkan KTP asli
  3. Membayar PNBP Akta Cerai Rp 10.000
"""
    for result in _both(text, "https://pa-contoh.go.id/pengambilan-produk"):
        assert result.components["persyaratan"] and result.components["biaya"]
        assert not result.components["prosedur"]


def test_a_definition_under_a_procedure_title_is_no_procedure():
    text = """PROSEDUR PENGAMBILAN PRODUK PENGADILAN
1. Prosedur Pengambilan Akta Cerai (AC)
    Akta cerai merupakan akta otentik yang dikeluarkan oleh pengadilan agama sebagai bukti telah terjadi
    perceraian. Akta cerai bisa diterbitkan jika gugatan dikabulkan oleh majelis hakim dan perkara tersebut
    telah memperoleh kekuatan hukum tetap.
"""
    for result in _both(text, "https://pa-contoh.go.id/prosedur-pengambilan"):
        assert not result.components["prosedur"]


def test_steps_under_the_requirements_label_go_on_across_sub_headings():
    text = """Persyaratan yang diperlukan:
- Pengantar dari RT/RW
- Fotokopi KTP-el pemohon
Proses di Kelurahan
- Pemohon datang ke kelurahan dengan membawa berkas
- Petugas kelurahan memeriksa kelengkapan berkas
- Lurah menandatangani rekomendasi
Proses di Kecamatan
- Pemohon datang ke kecamatan membawa rekomendasi
- Petugas kecamatan memeriksa ulang berkas
- Penyerahan dokumen Rekomendasi Izin Keramaian kepada pemohon
"""
    for result in _both(text, "https://kelurahan.contohkota.go.id/izin-keramaian"):
        assert {"persyaratan", "prosedur", "produk"} <= _published(result)


def test_bulleted_requirements_then_numbered_steps_are_two_lists():
    # SIPPN prints the stripped requirements as bullets and indents the numbered steps under them
    text = """Izin Trayek Angkutan
  • Mengisi formulir bermaterai
  • Fotokopi KTP yang masih berlaku
  • Fotokopi STNK rangkap 2
    1. Pemohon mengambil formulir di Front Office
    2. Petugas Front Office meneliti kelengkapan berkas
    3. Tim Teknis memeriksa kendaraan di lapangan
    4. Kepala Dinas menandatangani izin trayek
"""
    for result in _both(text, "https://sippn.menpan.go.id/pelayanan-publik/5/x/izin-trayek"):
        assert {"persyaratan", "prosedur"} <= _published(result)


def test_a_lead_word_fee_sentence_is_still_a_fee_label():
    # the guard against sentences that only use a list's word ("Berkas persyaratan baru dapat diterima …") must
    # leave a fee or time stated after a lead word alone
    text = """Pelayanan Kartu Anggota Perpustakaan
Besarnya biaya retribusi untuk pelayanan ini adalah Rp 5.000 sesuai Perda Nomor 3 Tahun 2012
"""
    for result in _both(text, "https://contoh.desa.id/layanan/sku"):
        assert result.components["biaya"]


# Requirements stated in running sentences (shapes of real news posts and village pages): the documents are a
# fact whatever the genre; a verb of bringing without an application is not a requirement of a service.
@pytest.mark.parametrize("text, items", [
    ("Lanjutnya, ada sejumlah persyaratan yang harus dilengkapi untuk memperoleh surat keterangan dari "
     "pengadilan negeri. Persyaratan itu, berupa KTP, Kartu Keluarga, foto ukuran 4 x 6 dua lembar, mengisi "
     "surat permohonan, serta mengisi surat pernyataan tidak pernah dipidana diatas materai. \u201cJika tidak "
     "ada KTP, bisa menggunakan SIM,\u201d ujarnya.", ["KTP", "Kartu Keluarga"]),
    ("Prosedur pendaftaran, kata Indra, warga terlebih dahulu datang ke kantor untuk mengajukan surat "
     "permohonan perekaman KTP elektronik dengan melampirkan foto copy kartu keluarga (KK) dan foto kondisi "
     "terakhir pemohon ke Bagian Tata Usaha.", ["foto copy kartu keluarga (KK)"]),
    ("Bagi warga yang ingin mengajukan pasang baru sebagai pelanggan, harus melengkapi syarat-syaratnya.\n"
     "Diantaranya, KTP, KK, Fotocopy rekening air tetangga terdekat, dan denah lokasi.", ["KTP", "KK"]),
])
def test_documents_listed_in_a_sentence_are_requirements(text, items):
    for result in _both("Berita Kota Contoh\n" + text):
        found = [f for f in result.findings if f.component == "persyaratan"]
        assert found, text
        assert set(items) <= set(found[0].value["items"])


@pytest.mark.parametrize("text", [
    "KPM cukup membawa KTP, KK dan undangan. Penyaluran tidak dipungut biaya apa pun.",  # receiving aid
    "Bagi warga yang sudah 17 tahun, bisa mengurus KTP-el sesuai dengan persyaratan, katanya.",  # a mention
    "Program jemput bola ini membawa dampak dan manfaat bagi warga, kata Kepala Dinas.",
])
def test_a_sentence_without_listed_documents_publishes_no_requirement(text):
    for result in _both("Berita Kota Contoh\n" + text):
        assert not result.components["persyaratan"], text


STEPS_IN_PROSE = """Surat Keterangan Tidak Mampu
SKTM dapat digunakan untuk keperluan keringanan biaya obat, pengajuan beasiswa, dan lain sebagainya.
Prosedur pendaftaran SKTM dapat dilakukan melalui Kantor Desa atau Kelurahan. Pemohon harus mengajukan rekomendasi dengan menyampaikan berkas persyaratan kepada staff penerima berkas di Kantor Desa.
Selanjutnya, staff Kelurahan akan melakukan verifikasi kelengkapan berkas, dan pemohon dapat mengambil surat keterangan tidak mampu tersebut.
"""


def test_a_procedure_told_in_sentences_is_a_procedure():
    for result in _both(STEPS_IN_PROSE):
        steps = [f for f in result.findings if f.component == "prosedur"]
        assert steps and any("Selanjutnya" in s for s in steps[0].value["steps"])


def test_a_sentence_about_a_procedure_without_steps_is_no_procedure():
    text = ("Berita Kota Contoh\nProsedur pendaftaran SKTM kini lebih mudah dan warga dapat datang ke kantor desa "
            "kapan saja, kata Lurah.\n")
    for result in _both(text):
        assert not result.components["prosedur"]


@pytest.mark.parametrize("step, product", [
    ("| 2 | Sistem, Mekanisme dan Prosedur | 1. Pelapor mengisi formulir F2-01. 2. Petugas memverifikasi berkas. "
     "3. Petugas mencetak register akta kematian. 4. Petugas menyerahkan Kutipan Akta Kematian kepada pemohon. |",
     "Kutipan Akta Kematian"),
    ("| 2 | Sistem, Mekanisme dan Prosedur | 1. Pihak berperkara menghadap petugas meja pertama dan menyerahkan "
     "surat gugatan atau permohonan. 2. Petugas memeriksa berkas. 3. Petugas menerima panjar biaya perkara. |", None),
    ("| 2 | Sistem, Mekanisme dan Prosedur | 1. Petugas memeriksa berkas permohonan pindah. 2. Petugas mencetak "
     "surat. 3. Surat diserahkan kepada warga yang akan pindah. |", None),
    ("| 2 | Sistem, Mekanisme dan Prosedur | 1. Isi formulir pendaftaran KIA. 2. Tunggu verifikasi oleh petugas. "
     "3. Setelah disetujui, ambil KIA sesuai jadwal pada bukti pendaftaran. |", "KIA"),
])
def test_the_product_named_in_a_step_is_what_the_office_hands_over(step, product):
    table = "| No | Komponen | Uraian |\n| 1 | Persyaratan | 1. Fotokopi KTP 2. Fotokopi KK |\n" + step + "\n"
    for result in _both("Standar Pelayanan Contoh\n" + table):
        found = [f.value["name"] for f in result.findings if f.component == "produk"]
        assert found == ([product] if product else []), found


# A label with nothing under it ("Cara Daftar … Online dan Offline" right above "A. Syarat …") leaves its
# component open: the unlabelled steps further down are still the procedure.
EMPTY_LABEL_THEN_STEPS = """Cara Daftar BPJS Kesehatan Secara Online dan Offline
A. Syarat Mendaftar BPJS Kesehatan
- Kartu Keluarga
- Kartu Tanda Penduduk
- Pas foto ukuran 3x4
B. Daftar BPJS Kesehatan di Kantor Cabang
- Pemohon datang ke kantor cabang BPJS Kesehatan terdekat
- Pemohon mengisi formulir daftar isian peserta
- Petugas memverifikasi berkas dan menerbitkan nomor virtual account
- Pemohon membayar iuran pertama di bank
"""


def test_steps_after_an_empty_procedure_label_are_the_procedure():
    for result in _both(EMPTY_LABEL_THEN_STEPS):
        steps = [f for f in result.findings if f.component == "prosedur"]
        assert steps and len(steps[0].value["steps"]) >= 3, result.findings


# A komponen table run into one line, as document mirrors (docplayer, vdokumen) transcribe a PDF: the row numbers
# go up one by one, each before a label (extractors/runon.py).
RUN_ON = ("Satuan Kerja : Dinas Kesehatan\nUkuran: px\nMulai penontonan dengan halaman:\n"
          "Download \"Satuan Kerja : Dinas Kesehatan\"\nTranskripsi\n1 Satuan Kerja : Dinas Kesehatan Jenis Pelayanan : 1. Pemberian Izin Laik Sehat No Komponen "
          "Uraian 1 Dasar Hukum 1 Peraturan Daerah Kabupaten Contoh Nomor 2 Tahun 2011 tentang Perubahan Atas "
          "Peraturan Daerah Nomor 18 Tahun 2008 tentang Organisasi dan Tata Kerja Dinas Daerah 2 Peraturan Daerah "
          "Kabupaten Contoh Nomor 6 Tahun 2012 tentang Pelayanan Kesehatan 3 Peraturan Bupati Contoh Nomor 90 tahun "
          "2011 tentang Tugas Pokok, Fungsi dan Rincian Tugas Dinas Daerah 2 Persyaratan Pelayanan 1 Untuk perorangan a. Fotocopy Kartu Tanda Penduduk ( KTP ) atas nama pemohon "
          "b. Surat Keterangan letak tempat usaha dengan denah lokasi c. Surat Izin gangguan (izin HO) 3 Sistem, "
          "mekanisme dan prosedur pelayanan 1 Pemohon mengambil formulir ke Dinas Kesehatan 2 Pemohon mengisi "
          "formulir dan melengkapi berkas 3 Tim melakukan penelitian berkas dan tinjauan lapangan 4 Jangka waktu "
          "penyelesaian 4 hari kerja 5 Produk pelayanan Sertifikat Laik Sehat 6 Sarana dan prasarana Ruang tunggu\n")
RUN_ON_LETTERED = ("Pelayanan KIA/KB puskesmas Contoh\nA. Persyaratan Pelayanan : 1. KTP/ KK /Identitas lainnya "
                   "2. Kartu BPJS bagi yang memiliki 3. Buku KIA ( untuk ibu hamil) B. Waktu pelayanan : Penyelesaian "
                   "Layanan 35 Menit C. Biaya / Tarif : Gratis D. Produk Layanan : Buku KIA E. Pengaduan : kotak "
                   "saran dan WhatsApp 0812-3456-7890 di ruang tunggu puskesmas, ditanggapi paling lama 3 hari\n")
# a decree's lampiran numbers its sections in Roman numerals ("I PERSYARATAN … II Prosedur … III Waktu Pelayanan")
RUN_ON_ROMAN = ("Standar Pelayanan Informasi Tata Ruang\n1. JENIS PELAYANAN : INFORMASI TATA RUANG (ITR) a. "
                "PENYAMPAIAN PELAYANAN I PERSYARATAN: 1. Melampirkan surat permohonan. 2. Surat Tanah (bukti "
                "kepemilikan). 3. PBB tahun terakhir. II Prosedur : 1. Pemohon mengajukan berkas permohonan pada "
                "front office. 2. Petugas memeriksa kelengkapan berkas. 3. Tim teknis melakukan peninjauan lapangan. "
                "III Waktu Pelayanan : maksimal 15 hari kerja IV Biaya Pelayanan : Tidak dikenakan biaya V Produk "
                "Pelayanan : Surat Informasi Tata Ruang\n")


@pytest.mark.parametrize("text, expected", [
    (RUN_ON, {"persyaratan", "prosedur", "waktu", "produk"}),
    (RUN_ON_LETTERED, {"persyaratan", "waktu", "biaya", "produk", "pengaduan"}),
    (RUN_ON_ROMAN, {"persyaratan", "prosedur", "waktu", "biaya", "produk"}),
], ids=["numbered", "lettered-with-colons", "roman"])  # (the lettered one was read before the cut: it must stay so)
def test_a_komponen_table_run_into_one_line_is_read_row_by_row(text, expected) -> None:
    for result in _both(text):
        assert _published(result) == expected
    as_text, _ = _both(text)
    reqs = [f for f in as_text.findings if f.component == "persyaratan"]
    assert reqs and not any("Sistem" in i or "Pemohon" in i for f in reqs for i in f.value["items"])


def test_numbers_and_label_words_in_a_paragraph_are_not_a_run_on_table() -> None:
    from extractors.runon import row_starts
    story = ("Warga mengeluhkan 2 persyaratan tambahan yang diminta petugas, padahal menurut Kepala Dinas hanya "
             "ada 3 syarat. Ia menyebut 4 hari kerja sebagai waktu yang wajar. " * 3)
    assert row_starts(story) == []
    assert len(row_starts(RUN_ON.splitlines()[-1])) == 6  # the table above: its six rows
    assert len(row_starts(RUN_ON_ROMAN.splitlines()[-1])) == 5  # I to V, not the requirements' 1. 2. 3.
    # Roman numerals that do not go up one by one before labels are no rows
    assert row_starts("Bab I Persyaratan umum dibahas di Bab V, Biaya di Bab II dan Waktu di Bab IX. " * 5) == []


def test_one_document_to_bring_at_a_service_drive_is_a_requirement_and_no_fee_is_gratis() -> None:
    story = ("Jemput Bola Perekaman KTP-el di Kelurahan Contoh\n"
             "DEPOK - Disdukcapil menggelar jemput bola perekaman KTP-el serentak di 63 kelurahan. “Lurah dimohon "
             "memberitahukan kepada seluruh warga agar membawa foto copy Kartu Keluarga,” ungkap Kepala Dinas.\n"
             "Perekaman KTP-el di kelurahan tanpa dipungut biaya.\n")
    for result in _both(story):
        assert {"persyaratan", "biaya"} <= _published(result)
        fee = next(f for f in result.findings if f.component == "biaya")
        assert fee.value["free"] is True


def test_one_document_for_a_job_application_is_no_service_requirement() -> None:
    story = ("Seleksi Terbuka Kepala Dinas\nUntuk menjaring banyak pelamar, pendaftaran dipermudah. PNS yang "
             "berminat cukup melampirkan surat pernyataan bermaterai ke panitia seleksi jabatan.\n")
    for result in _both(story):
        assert "persyaratan" not in _published(result)


def test_a_step_that_says_when_the_product_is_ready_publishes_the_time() -> None:
    page = ("Layanan Paspor Baru\nPersyaratan:\n• KTP-el asli\n• Kartu Keluarga asli\nProsedur:\n"
            "1. Daftar antrean melalui aplikasi M-Paspor.\n2. Datang ke kantor sesuai jadwal.\n"
            "3. Wawancara dan foto biometrik.\n4. Bayar biaya penerbitan di bank persepsi.\n"
            "5. Paspor dapat diambil setelah selesai (biasanya 3-4 hari kerja).\n")
    for result in _both(page):
        time = [f for f in result.findings if f.component == "waktu"]
        assert time and time[0].value["amount"] == 4 and time[0].value["unit"] == "working_days"
    # a step that only waits a while is no time of the service
    waiting = page.replace("5. Paspor dapat diambil setelah selesai (biasanya 3-4 hari kerja).",
                           "5. Pemohon menunggu panggilan sekitar 15 menit di ruang tunggu.")
    for result in _both(waiting):
        assert "waktu" not in _published(result)


def test_a_fee_announced_in_a_requirement_is_read_from_the_lines_under_it() -> None:
    page = ("Pengambilan Produk Pengadilan\nPersyaratan:\n1. Menunjukkan nomor perkara yang dimaksud\n"
            "2. Memperlihatkan KTP asli dan menyerahkan fotokopinya\n3. Membayar biaya PNBP sebesar :\n"
            "- Akta Cerai Rp. 10.000,-\n- Salinan Putusan/Penetapan Rp. 500,- per lembar\n")
    for result in _both(page):
        fees = [f for f in result.findings if f.component == "biaya"]
        assert fees and fees[0].value["amount"] == 10000


def test_gratis_bagi_under_a_fee_label_is_the_fee() -> None:
    page = ("Pelayanan Pemeriksaan Lansia\nPersyaratan Pelayanan\n1. Nomor antrian pasien\n2. Rekam medis\n"
            "Biaya\n1. Gratis bagi Pasien Peserta JKN-KIS/ BPJS Kesehatan\n"
            "2. Membayar tarif pelayanan sesuai pelayanan yang diterima bagi pasien bukan peserta JKN\n")
    for result in _both(page):
        fees = [f for f in result.findings if f.component == "biaya"]
        assert fees and fees[0].value["free"] is True
    # outside a fee label, "gratis bagi …" is a benefit, not a fee
    story = "Kabar Puskesmas\nPuskesmas membuka pemeriksaan mata gratis bagi lansia setiap Sabtu pagi.\n"
    for result in _both(story):
        assert "biaya" not in _published(result)


# A labelled list run into a paragraph, as document mirrors give a PDF's text layer (extractors/runon.py).
RUN_ON_LIST = ("SP-PPR-01\nNo. Dokumen : SP-PPR-01 Revisi :0 Tgl. Efektif : 18 Januari 2021 : A. No 1 Persyaratan "
               "Pendaftaran objek pajak baru 1. Mengisi Surat Permohonan 2. Mengisi SPOP/LPOP (apabila ada bangunan) "
               "3. Foto copy KTP/KK pemohon atau identitas lainnya Wajib Pajak (1 lembar) 4. Foto copy SPPT/Penyanding "
               "(1 lembar) 5. Sket Lokasi/peta 6. Surat Pernyataan Tanggungjawab Mutlak (bermaterai) 7. Surat "
               "Keterangan Lurah/Kepala Desa\n")


def test_a_labelled_list_run_into_a_paragraph_is_read_item_by_item() -> None:
    for result in _both(RUN_ON_LIST):
        reqs = [f for f in result.findings if f.component == "persyaratan"]
        assert reqs and "Sket Lokasi/peta" in reqs[0].value["items"]
        assert len(reqs[0].value["items"]) == 7


def test_numbered_points_in_a_story_without_a_label_stay_a_paragraph() -> None:
    from extractors.runon import list_pieces
    story = ("Bupati menyampaikan tiga hal dalam rapat itu: 1. percepatan pembangunan jalan desa, 2. penanganan "
             "stunting di 12 kecamatan, dan 3. kesiapan menghadapi musim hujan yang diperkirakan datang lebih awal "
             "tahun ini. Ia meminta seluruh kepala dinas bergerak cepat dan melaporkan perkembangannya setiap pekan.")
    assert list_pieces(story) == []


def test_a_job_applicants_requirements_are_no_service_requirements() -> None:
    page = ("Persyaratan dan Tata Cara Pendaftaran\nPersyaratan:\n- Calon pelamar berusia 18 sampai 30 tahun\n"
            "- Fotokopi ijazah terakhir yang dilegalisir\n- Pas foto ukuran 4x6 sebanyak 2 lembar\n"
            "- Berkas lamaran dibawa sendiri oleh yang bersangkutan\n")
    for result in _both(page):
        assert "persyaratan" not in _published(result)
    service = page.replace("Calon pelamar berusia 18 sampai 30 tahun", "Fotokopi KTP pemohon").replace(
        "Berkas lamaran dibawa sendiri oleh yang bersangkutan", "Surat pengantar dari kelurahan")
    for result in _both(service):
        assert "persyaratan" in _published(result)


def test_a_label_glued_to_its_first_item_in_one_html_paragraph() -> None:
    html = ("<html><head><title>Layanan KK</title></head><body><nav><a href='/'>Beranda</a></nav><main><article>"
            "<h1>Penerbitan Kartu Keluarga Baru</h1><div class='entry'><p>Persyaratan Pelayanan 1. Fotokopi KTP "
            "pemohon 2. Fotokopi buku nikah atau akta perkawinan 3. Surat pengantar RT/RW dan kelurahan 4. Formulir "
            "F-1.01 yang sudah diisi</p><p>Waktu penyelesaian 1 hari kerja.</p></div></article></main></body></html>")
    result = extract(build_page("https://disdukcapil.contohkab.go.id/layanan/kk", html.encode(), "text/html"))
    reqs = [f for f in result.findings if f.component == "persyaratan"]
    assert reqs and "Fotokopi KTP pemohon" in reqs[0].value["items"]
    # "Prosedur/Mekanisme 1. Pemohon …": the two words joined by a slash are one label
    text = ("Izin Operasional PAUD\n2.Prosedur/Mekanisme1. Pemohon menyampaikan berkas permohonan 2. Petugas "
            "memeriksa kelengkapan berkas 3. Tim melakukan verifikasi lapangan 4. Kepala Dinas menerbitkan izin\n")
    for result in _both(text):
        assert "prosedur" in _published(result)


def test_a_step_that_records_a_number_is_a_step_not_a_citation() -> None:
    from extractors.items import item_kind
    assert item_kind("Petugas : - Mencatat nomor pendaftaran pada buku register") == "step"
    assert item_kind("Nomor 23 Tahun 2006 tentang Administrasi Kependudukan") == "legal"


def test_a_decrees_title_standar_operasional_prosedur_is_no_procedure() -> None:
    page = ("Produk Hukum Kota Contoh\nKeputusan Wali Kota Nomor 12 Tahun 2025\n"
            "STANDAR OPERASIONAL PROSEDUR: PELAYANAN KECAMATAN DAN KELURAHAN DI LINGKUNGAN PEMERINTAH KOTA CONTOH\n"
            "Unduh dokumen\n")
    for result in _both(page):
        assert "prosedur" not in _published(result)
    steps = "Layanan Surat Domisili\nStandar Operasional Prosedur: pemohon mengisi formulir dan menyerahkan berkas ke loket\n"
    assert "prosedur" in _published(_both(steps)[0])


def test_a_label_is_looked_for_only_in_the_words_right_before_each_list() -> None:
    # a long paragraph of numbered lists and no label: reading all the text before every list again would make
    # the look-up quadratic on a hostile page (80 lists in a few MB of text)
    from extractors.runon import list_pieces

    class Sliced(str):
        longest = 0

        def __getitem__(self, key):
            out = str.__getitem__(self, key)
            if isinstance(key, slice):
                Sliced.longest = max(Sliced.longest, len(out))
            return out

    text = Sliced("Persyaratan tidak disebut di sini. " + ("kata " * 4000 + "1. a 2. b 3. c ") * 5)
    assert list_pieces(text) == []
    assert Sliced.longest < 5_000


def test_a_payment_deadline_in_a_step_is_no_service_time() -> None:
    # "selesai" and "terbit" name no completion of the service here: the duration is the deadline to pay
    page = ("Layanan Paspor\nPersyaratan:\n- KTP-el asli\n- Kartu Keluarga asli\nProsedur:\n"
            "1. Daftar antrean melalui aplikasi M-Paspor.\n"
            "2. Setelah selesai mendaftar, pemohon membayar PNBP paling lambat 2 jam setelah kode bayar terbit.\n"
            "3. Datang ke kantor sesuai jadwal.\n")
    for result in _both(page):
        assert "waktu" not in _published(result)


def test_a_civil_service_administration_standard_keeps_its_requirements() -> None:
    # a BKD's service to its employees is a service; one item for job applicants does not make a list theirs
    nip = ("Pelayanan Penetapan NIP CPNS\nPersyaratan:\n1. Fotokopi SK pengangkatan CPNS\n"
           "2. Fotokopi ijazah terakhir\n3. Surat keterangan sehat\nWaktu penyelesaian: 14 hari kerja\nBiaya: Gratis\n")
    skck = ("Penerbitan SKCK\nPersyaratan:\n1. Fotokopi KTP\n2. Fotokopi KK\n3. Pas foto 4x6 latar merah 6 lembar\n"
            "4. Surat keterangan dari instansi tempat melamar (bila untuk lamaran CPNS)\nBiaya: Rp 30.000\n")
    for page in (nip, skck):
        for result in _both(page):
            assert "persyaratan" in _published(result), page


DOMICILE_EXPLAINER = """Syarat Membuat Surat Keterangan Domisili
Untuk membuat surat keterangan domisili, pemohon harus memiliki tiga syarat. Yakni surat pengantar dari RT/RW, kemudian membawa fotokopi KTP dan KK.
SCROLL TO CONTINUE WITH CONTENT
Panduan Membuat Surat Keterangan Domisili
Pertama-tama, pemohon mengambil nomor antrean di kantor kelurahan. Kemudian, menyerahkan berkas persyaratan ketika telah dipanggil.
Tarif
Semua pembuatan surat keterangan domisili dipastikan tidak dipungut biaya alias gratis. Jika ada yang melanggar ketentuan tersebut, pemohon bisa mengajukan aduan ke situs lapor.go.id.
"""


def test_a_news_explainer_keeps_its_fee_and_its_service_across_an_ad_marker() -> None:
    for result in _both(DOMICILE_EXPLAINER, "https://www.detik.com/jabar/berita/d-1/syarat-domisili"):
        assert {"persyaratan", "biaya"} <= _published(result)
        # the portal's ad marker is no service (it used to open a section of its own and take the fee with it)
        assert {s.name for s in result.services} == {"Membuat Surat Keterangan Domisili"}
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["amount"] == 0


def test_a_fee_label_takes_its_first_line_even_when_it_names_a_complaints_channel() -> None:
    # under an empty fee label the next paragraph is the fee; only after content does a complaints line end it
    page = ("Penerbitan Surat Keterangan Usaha\nPersyaratan:\n1. Fotokopi KTP\n2. Surat pengantar RT/RW\nBiaya\n"
            "Tidak dipungut biaya. Jika ada pungutan, sampaikan pengaduan ke WhatsApp 0812-3456-7890.\n")
    for result in _both(page):
        assert "biaya" in _published(result)
    after = page.replace("Biaya\n", "Biaya\nGratis\n")
    for result in _both(after):
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["text"] == "Gratis"


NEWS_FEE = """Kantor Imigrasi Tanjungbalai Asahan layani paspor akhir pekan
Tanjungbalai (ANTARA) - Kantor Imigrasi Kelas II TPI Tanjungbalai Asahan membuka layanan paspor pada akhir pekan untuk memudahkan masyarakat.
"Terkait biaya Pendapatan Negara Bukan Pajak (PNBP) yang harus dibayarkan pemohon masih menggunakan biaya lama, yakni Rp350 ribu untuk paspor biasa," kata Kepala Kantor.
Ia menambahkan layanan akhir pekan dibuka mulai pukul 08.00 WIB.
"""


def test_a_fee_quoted_in_news_counts_when_the_applicant_pays_it() -> None:
    for result in _both(NEWS_FEE, "https://sumut.antaranews.com/berita/1/paspor"):
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["amount"] == 350000
    # the same amount as a levy's yearly takings is no fee of a service
    takings = NEWS_FEE.replace(
        '"Terkait biaya Pendapatan Negara Bukan Pajak (PNBP) yang harus dibayarkan pemohon masih menggunakan biaya '
        'lama, yakni Rp350 ribu untuk paspor biasa," kata Kepala Kantor.',
        "Realisasi pendapatan retribusi tahun ini mencapai Rp350 juta, kata Kepala Kantor.")
    for result in _both(takings, "https://sumut.antaranews.com/berita/1/paspor"):
        assert "biaya" not in _published(result)


def test_a_range_with_two_units_ends_at_its_longer_end() -> None:
    from extractors.components import waktu
    assert waktu.parse("15 menit hingga 1 hari kerja")["unit"] == "working_days"
    assert waktu.parse("30 menit sampai 2 jam") == {"amount": 2.0, "unit": "hours", "text": "30 menit sampai 2 jam"}
    assert waktu.parse("1 jam s.d. 30 menit")["unit"] == "hours"
    assert waktu.parse("3 sampai 5 hari kerja")["amount"] == 5.0


def test_an_amount_or_a_date_line_names_no_service() -> None:
    from extractors.names import clean_service_name
    for line in ("Rp. 0,-", "Rp 10.000", "Sabtu, 19 Oktober 2019", "19 Oktober 2019", "Senin, 3 Juni 2024 - 10.30 WIB"):
        assert clean_service_name(line) is None, line
    for line in ("Akta Kelahiran 2019", "Retribusi Rp 0", "Pelayanan 17 Agustus"):
        assert clean_service_name(line) is not None, line


def test_a_step_timed_from_the_complete_application_gives_the_service_time() -> None:
    page = ("Akta Perceraian\nPersyaratan yang harus dipenuhi:\n- Putusan pengadilan yang telah berkekuatan hukum tetap\n"
            "- Kutipan akta perkawinan asli\nProsedur pelayanan adalah sebagai berikut:\n"
            "- Pemohon mengisi formulir dengan melampirkan persyaratan lengkap\n"
            "- Kepala Dinas menandatangani kutipan akta\n"
            "- Proses pembuatan akta paling lambat 3 (tiga) hari kerja setelah persyaratan dinyatakan lengkap\n")
    for result in _both(page):
        times = [f for f in result.findings if f.component == "waktu"]
        assert times and times[0].value["amount"] == 3.0 and times[0].value["unit"] == "working_days"


def test_a_fee_set_by_a_regulation_without_naming_its_kind() -> None:
    from extractors.components import biaya
    for text in ("Dikenakan biaya sesuai peraturan yang berlaku",
                 "Panjar biaya perkara dihitung berdasar pada Keputusan Ketua Pengadilan"):
        value = biaya.parse(text)
        assert value is not None and value["regulation"], text


def test_the_products_hand_over_deadline_in_a_step_is_the_service_time() -> None:
    page = ("Prosedur Daftar Nikah\n1. Ambil surat pengantar dari RT/RW, lalu ke kelurahan.\n"
            "2. Datang ke KUA kecamatan tempat akad nikah.\n3. Verifikasi data dan dokumen oleh petugas KUA.\n"
            "4. Buku nikah diserahkan maksimal 7 hari setelah akad.\n")
    for result in _both(page):
        times = [f for f in result.findings if f.component == "waktu"]
        assert times and times[0].value["amount"] == 7.0


def test_a_fee_charged_in_a_blog_sentence_counts() -> None:
    page = ("Nikah di KUA\nApabila akad nikah digelar di luar jam kerja KUA, maka calon pengantin dikenakan biaya "
            "sebesar Rp 600 ribu yang masuk ke kas negara.\n")
    for result in _both(page, "https://www.kompasiana.com/a/nikah-di-kua"):
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["amount"] == 600000


def test_a_time_told_in_a_news_answer_counts() -> None:
    for sentence, days in (("Jadinya pembuatan paspor sekitar tiga hari setelah bersangkutan melakukan pembayaran di bank.", 3.0),
                           ("Sesuai standar operasional prosedur (SOP), izin itu dua hari keluar setelah tim turun.", 2.0)):
        page = ("Mengurus paspor di Kantor Imigrasi\nPersyaratan:\n1. KTP-el asli\n2. Kartu Keluarga asli\n"
                "3. Akta kelahiran\n" + sentence + "\n")
        for result in _both(page, "https://pontianak.tribunnews.com/2024/01/01/paspor"):
            times = [f for f in result.findings if f.component == "waktu"]
            assert times and times[0].value["amount"] == days, sentence


def test_a_product_a_news_story_states_is_published() -> None:
    page = ("Kartu kuning untuk pencari kerja\nJAKARTA, KOMPAS.com - Kartu kuning merupakan salah satu dokumen yang "
            "diperlukan pencari kerja untuk melamar pekerjaan. Kartu kuning atau kartu AK1 ini diterbitkan oleh Dinas "
            "Ketenagakerjaan untuk pendataan para pencari kerja. Kartu ini dibutuhkan saat melamar ke perusahaan "
            "swasta maupun instansi pemerintah, sehingga banyak warga mengurusnya menjelang musim rekrutmen.\n"
            "Persyaratan:\n1. Fotokopi KTP\n2. Pas foto 3x4 dua lembar\n3. Fotokopi ijazah terakhir\n")
    for result in _both(page, "https://money.kompas.com/read/2024/01/01/kartu-kuning"):
        products = [f for f in result.findings if f.component == "produk"]
        assert products and "AK1" in products[0].value["name"]


# Counter-examples from the review of 2026-11-30
_SKU_STEPS = ("Penerbitan Surat Keterangan Usaha\nPersyaratan:\n1. Fotokopi KTP\n2. Surat pengantar RT/RW\n"
              "Prosedur:\n1. Pemohon mengisi formulir\n2. {step}\n3. Petugas memverifikasi berkas\n")


@pytest.mark.parametrize("step", ["Pemohon dapat mengajukan keberatan paling lambat 14 hari sejak diterimanya berkas",
                                  "Surat pengantar berlaku 30 hari setelah diterima"])
def test_a_deadline_or_a_validity_in_a_step_is_no_service_time(step) -> None:
    for result in _both(_SKU_STEPS.format(step=step)):
        assert "waktu" not in _published(result), step


def test_a_complaints_box_after_an_empty_label_is_still_the_units_channel() -> None:
    page = ("Penerbitan Surat Keterangan Usaha\nPersyaratan:\n1. Fotokopi KTP\n2. Surat pengantar RT/RW\nBiaya\n"
            "Punya keluhan? Hubungi WhatsApp 0811-2233-4455 atau SMS 1708\nProduk:\nSurat Keterangan Usaha\n")
    for result in _both(page):
        assert "pengaduan" in _published(result)


def test_a_levys_target_or_takings_is_no_fee() -> None:
    from extractors.components import biaya
    assert biaya.parse("Dinas Perhubungan menargetkan retribusi parkir Rp 2 miliar tahun ini") is None
    assert biaya.parse("Retribusi pelayanan parkir Rp 2.000 per kendaraan")["amount"] == 2000
    assert biaya.parse("Rp 1,5 miliar")["amount"] == 1_500_000_000


def test_a_fee_whose_amount_follows_in_the_next_clause_or_after_a_suffixed_process_word() -> None:
    news = ("Layanan paspor di Mal Pelayanan Publik\nAMBON - Kantor Imigrasi membuka layanan paspor di mal pelayanan "
            "publik setiap Sabtu.\nSedangkan harga pembuatan paspor masih berlaku tarif lama, yakni Rp350.000.\n")
    blog = ("Mengurus SKCK di Bangka\nDi kelurahan pun surat pengantar ini pembuatannya tidak dipungut biaya, dan yang "
            "dibuat ada dua surat.\n")
    for page, amount in ((news, 350000), (blog, 0)):
        for result in _both(page, "https://www.satumaluku.id/2024/01/01/paspor"):
            fee = [f for f in result.findings if f.component == "biaya"]
            assert fee and fee[0].value["amount"] == amount, page


def test_statutes_under_a_legal_basis_heading_fill_no_slot() -> None:
    page = ("» PENDAFTARAN NIKAH\n- Dilihat: 120 kali\nLAYANAN PENDAFTARAN NIKAH BIDANG HAJI DAN BIMAS ISLAM\n"
            "KANTOR WILAYAH KEMENTERIAN AGAMA PROVINSI NUSA TENGGARA TIMUR\n"
            "I. DASAR HUKUM\n1. Undang Undang Nomor 1 tahun 1974 tentang Perkawinan\n"
            "2. PMA Nomor 11 tahun 2007 tentang Pencatatan Nikah\n3. Kompilasi Hukum Islam\nII. PERSYARATAN\n"
            "1. Surat Keterangan untuk Nikah (Model N1) dari kantor Lurah/Desa;\n"
            "2. Surat Persetujuan Calon Mempelai (Model N3);\n3. Fotokopi KTP kedua calon mempelai;\n")
    for result in _both(page, "https://ntt.kemenag.go.id/layanan/pendaftaran-nikah"):
        assert "persyaratan" in _published(result)
        assert not {"biaya", "produk"} & _published(result)  # "sesuai UU …" is no fee, a PMA no product


_ANNOUNCING_ROW = ("STANDAR PELAYANAN IZIN REKLAME\n\n| NO | KOMPONEN | URAIAN |\n"
                   "| 1 | Dasar Hukum | Peraturan Daerah Nomor 5 Tahun 2015 |\n"
                   "| 2 | Persyaratan Pelayanan | Surat permohonan dengan melampirkan: |\n{items}"
                   "| 3 | Waktu Penyelesaian | 5 hari kerja |\n")


@pytest.mark.parametrize("items", [
    "|  | a. Fotokopi KTP pemohon |\n|  | b. Fotokopi NPWP |\n",  # rows the pipe reader leaves as lines
    "1. Fotokopi KTP pemohon yang masih berlaku\n2. Fotokopi NPWP\n",  # the cell's list below the row
    "| |\n| a | Fotokopi KTP pemohon |\n| b | Fotokopi NPWP |\n",  # a broken line, then a new table's rows
], ids=["pipe-lines", "numbered-lines", "new-table"])
def test_a_flattened_rows_cell_that_announces_a_list_takes_the_list_below_it(items) -> None:
    """A flattened komponen table whose requirements cell ends "… melampirkan:" keeps its documents on the lines
    below the row: they are the field's content, not nothing (the row alone gave no concrete item)."""
    for result in _both(_ANNOUNCING_ROW.format(items=items)):
        found = [f for f in result.findings if f.component == "persyaratan"]
        assert found and [i for i in found[0].value["items"] if "NPWP" in i] == ["Fotokopi NPWP"], items
        assert "waktu" in _published(result)


STORY_WITH_REQUIREMENTS = """Warga antusias urus akta kelahiran di kelurahan
KOTA CONTOH - Puluhan warga mendatangi kantor kelurahan, Selasa (4/6), untuk mengurus akta kelahiran anaknya.
Untuk persyaratannya, warga cukup membawa fotokopi Kartu Keluarga, fotokopi KTP orang tua dan surat keterangan lahir dari bidan.
"Kalau berkasnya lengkap, dalam waktu dua hari akta sudah jadi," kata Lurah Contoh.
Ia berharap warga tidak menunda pencatatan kelahiran anaknya.
"""


def test_a_time_in_a_story_that_tells_the_requirements_is_the_services() -> None:
    # the time's own sentence names no process ("akta sudah jadi"): the requirements the story tells tie it
    for result in _both(STORY_WITH_REQUIREMENTS, "https://www.contohnews.com/2024/06/04/akta"):
        times = [f for f in result.findings if f.component == "waktu"]
        assert times and times[0].value["amount"] == 2.0
    # without the requirements, a story's "dua hari sudah jadi" stays untied to any service
    untold = STORY_WITH_REQUIREMENTS.replace(
        "Untuk persyaratannya, warga cukup membawa fotokopi Kartu Keluarga, fotokopi KTP orang tua dan surat "
        "keterangan lahir dari bidan.\n", "")
    for result in _both(untold, "https://www.contohnews.com/2024/06/04/akta"):
        assert "waktu" not in _published(result)


def test_a_fee_in_a_story_that_tells_the_requirements_is_the_services() -> None:
    story = STORY_WITH_REQUIREMENTS.replace("Ia berharap", "Semuanya gratis, tidak dipungut biaya sepeserpun.\nIa berharap")
    for result in _both(story, "https://www.contohnews.com/2024/06/04/akta"):
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["free"]
    untold = story.replace(
        "Untuk persyaratannya, warga cukup membawa fotokopi Kartu Keluarga, fotokopi KTP orang tua dan surat "
        "keterangan lahir dari bidan.\n", "")
    # a story that tells no requirement still says its service is free (real pages, ninth session); an amount it
    # names without a tie, and a free claim about every service, are no fee
    for result in _both(untold, "https://www.contohnews.com/2024/06/04/akta"):
        assert "biaya" in _published(result)
    for said in ("Biayanya Rp 50.000 sekali datang.", "Seluruh layanan gratis, tidak dipungut biaya sepeserpun."):
        for result in _both(untold.replace("Semuanya gratis, tidak dipungut biaya sepeserpun.", said),
                            "https://www.contohnews.com/2024/06/04/akta"):
            assert "biaya" not in _published(result), said


def test_a_fee_a_story_puts_on_a_document_is_the_services() -> None:
    story = ("Kantor Imigrasi buka layanan akhir pekan\nKOTA CONTOH - Kantor Imigrasi membuka layanan pada hari Sabtu.\n"
             "Warga bisa mendapatkan paspor biasa masa berlaku 10 tahun dengan biaya 650.000, kata Kepala Kantor.\n"
             "Layanan dibuka mulai pukul 08.00 WIB.\n")
    for result in _both(story, "https://www.contohnews.com/2024/06/04/paspor"):
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["amount"] == 650000
    # the same amount on no document (a ticket, a stall) is no service's fee
    ticket = story.replace("mendapatkan paspor biasa masa berlaku 10 tahun", "menonton pertunjukan akhir pekan")
    for result in _both(ticket, "https://www.contohnews.com/2024/06/04/paspor"):
        assert "biaya" not in _published(result)


def test_a_fee_stated_as_akan_dikenakan_is_no_plan() -> None:
    page = ("Legalisir akta di kecamatan\nApabila pengurusan legalisir dilakukan di luar jam layanan, maka pemohon akan "
            "dikenakan biaya sebesar Rp 25 ribu.\n")
    for result in _both(page, "https://www.contohblog.com/legalisir-akta"):
        fee = [f for f in result.findings if f.component == "biaya"]
        assert fee and fee[0].value["amount"] == 25000
    # a plan to raise the fee stays a plan
    plan = page.replace("maka pemohon akan dikenakan biaya sebesar Rp 25 ribu",
                        "pemerintah akan menaikkan biaya pengurusan menjadi Rp 25 ribu")
    for result in _both(plan, "https://www.contohblog.com/legalisir-akta"):
        assert "biaya" not in _published(result)


# A key-value table flattened one cell a line, with the colon on a line of its own, and a value in capitals
# (c11-10: "RETRIBUSI :" / "WNI" / ":" / "Rp. 0,-" …, "LAMA PENGURUSAN" / "6 (ENAM) HARI KERJA (PROSES …)").
FLATTENED_KEY_VALUE = ("Pembuatan Akta Kelahiran\n\nPERSYARATAN :\n1.\nSurat Keterangan Kelahiran dari dokter;\n2.\n"
                       "Fotocopy KK;\n\nRETRIBUSI :\n\nWNI\n:\nRp. 0,-\nOrang Asing\n:\nRp. 0,-\n\n\nLAMA PENGURUSAN\n"
                       "            6 (ENAM) HARI KERJA (PROSES YANG TERJADI DI DISPENDUKCAPIL)\n")


def test_a_key_value_table_flattened_one_cell_a_line_is_read():
    # as .txt only: a page's HTML keeps its cells in elements, it does not lose them to lines
    result = extract(build_page("https://dukcapil.contohkab.go.id/layanan", FLATTENED_KEY_VALUE.encode(), "text/plain"))
    assert {"persyaratan", "waktu", "biaya"} <= _published(result)
    time = next(f for f in result.findings if f.component == "waktu")
    fee = next(f for f in result.findings if f.component == "biaya")
    assert (time.value["amount"], time.value["unit"], fee.value["amount"]) == (6, "working_days", 0)


def test_a_lone_colon_joins_a_short_key_to_its_value_and_capitals_that_open_with_a_value_are_no_heading():
    from extractors.text_page import classify_line, lines_to_blocks
    blocks, _ = lines_to_blocks("WNI\n:\nRp. 0,-\n" + "Kalimat panjang yang jelas bukan kunci sebuah tabel kecil "
                                "di halaman ini\n:\nlanjutan\n")
    assert [b.text for b in blocks][0] == "WNI : Rp. 0,-"
    assert "lanjutan" in [b.text for b in blocks]  # a long line is no key: the colon is dropped, the lines stay
    assert classify_line("6 (ENAM) HARI KERJA (PROSES DI DINAS)", table_index=0).kind == "paragraph"
    assert classify_line("RP. 50.000,- PER BERKAS", table_index=0).kind == "paragraph"
    assert classify_line("PERSYARATAN PELAYANAN", table_index=0).kind == "heading"
    assert classify_line("2024 LAPORAN KINERJA DINAS", table_index=0).kind == "heading"


def test_a_semicolon_typed_for_the_colon_after_a_label_is_read_as_one():
    """ "C. Jangka waktu; 2 Hari Kerja/Pemohon", "D. Biaya/tarif; Tidak dipungut biaya (Gratis)" (c36-36); a list
    whose items end in semicolons keeps its items, and a sentence with a semicolon after other words is no label."""
    page = ("Pelayanan SK Pengganti Ijazah\nA. Persyaratan; 1. Surat keterangan hilang dari kepolisian 2. Fotokopi "
            "ijazah\nC. Jangka waktu; 2 Hari Kerja/Pemohon\n\nD. Biaya/tarif; Tidak dipungut biaya (Gratis)\n")
    for result in _both(page):
        assert {"persyaratan", "waktu", "biaya"} <= _published(result)
        reqs = next(f for f in result.findings if f.component == "persyaratan")
        assert reqs.value["items"] == ["Surat keterangan hilang dari kepolisian", "Fotokopi ijazah"]
    from extractors.labels import label_of
    from extractors.model import Block
    assert label_of(Block("paragraph", "1. Fotokopi KTP; 2. Kartu Keluarga; 3. Pas foto"), "text") is None
    # a sentence's semicolon after more than the label is not where its label ends
    story = Block("paragraph", "Biaya perjalanan petugas ke lokasi ditanggung pemerintah daerah; warga diminta hadir")
    assert label_of(story, "text").inline.startswith("perjalanan petugas")
    hit = label_of(Block("paragraph", "Persyaratan Pelayanan ; 1. KTP"), "text")
    assert (hit.label.cls, hit.text, hit.inline) == ("persyaratan", "Persyaratan Pelayanan", "1. KTP")


def test_a_run_on_komponen_table_cut_after_two_rows_is_read_under_its_header():
    """A document mirror's copy cut after its second row (c36-34): under "No Komponen Uraian" two rows make the
    table; without the header three are needed, as before."""
    from extractors.runon import row_starts
    rows = ("1. Persyaratan Pelayanan a. Pasien Umum - Kartu Identitas Pasien dan Penanggung Jawab (KTP, SIM) - Kartu "
            "Berobat (untuk pasien ulangan/kontrol) b. Pasien BPJS - Fotocopy Kartu BPJS Kesehatan 1 (satu) lembar "
            "2. Sistem, mekanisme dan prosedur a. Pasien mendaftar di loket pendaftaran dan dibuatkan berkas Rekam "
            "Mediknya. b. Pasien membayar biaya pemeriksaan di kasir. c. Pasien mendapatkan pemeriksaan di poliklinik")
    assert len(row_starts("STANDAR PELAYANAN RAWAT JALAN NO KOMPONEN URAIAN " + rows)) == 2
    assert row_starts("STANDAR PELAYANAN RAWAT JALAN " + rows) == []
    result = extract(build_page("https://rsud.contohprov.go.id/sp", ("STANDAR PELAYANAN RAWAT JALAN NO KOMPONEN "
                                                                     "URAIAN " + rows).encode(), "text/plain"))
    assert {"persyaratan", "prosedur"} <= _published(result)


def test_a_regulations_title_wrapped_after_tentang_is_no_label():
    """ "Perwali Nomor 72 Tahun 2024 tentang" / "Tata Cara Pemungutan Retribusi Daerah …" (c33-22), and a decree's
    legal basis "… Nomor 56 tahun 2014 tentang" / "Klasifikasi dan perijinan …": the line goes on with the title,
    it opens no procedure or fee. A label on a line of its own after a complete line still is one."""
    story = ("PBG Gratis bagi MBR\nDi Kota Contoh, aturan ini sudah dibuat pada Desember 2024. Yakni, Perwali Nomor 72 "
             "Tahun 2024 tentang\nTata Cara Pemungutan Retribusi Daerah dan Perwali Nomor 73 Tahun 2024 tentang\n"
             "Pembebasan Retribusi Persetujuan Bangunan Gedung bagi Masyarakat Berpenghasilan Rendah.\n")
    result = extract(build_page("https://dpmptsp.contohkota.go.id/berita", story.encode(), "text/plain"))
    assert "prosedur" not in _published(result)
    page = ("Izin Reklame\nPemohon mengisi formulir dan melampirkan berkas permohonan\nTata Cara Pengajuan\n"
            "1. Pemohon mengisi formulir di loket\n2. Petugas memeriksa berkas\n3. Kepala Dinas menandatangani izin\n")
    result = extract(build_page("https://dpmptsp.contohkota.go.id/reklame", page.encode(), "text/plain"))
    assert "prosedur" in _published(result)


# A list of documents nobody labelled, one item citing a decree ("fotokopi sah surat keputusan …"): the item is a
# requirement, not the fee slot after the lists (real pages, eleventh session: c42-12, c41-06); a list of the
# tariff's regulations in that place still is (c3-04, SIPPN)
LEAVE = """Cuti besar:

1)    fotokopi sah surat keputusan pangkat terakhir;

2)    fotokopi sah surat keputusan jabatan terakhir;

3)    jadwal keberangkatan ibadah;

4)    kartu tanda penduduk.

Cuti sakit:

  • surat keterangan dokter;

Cuti di luar tanggungan negara:

1)    fotokopi sah surat keputusan calon pegawai negeri sipil;

2)    fotokopi sah surat keputusan pangkat terakhir;

3)    fotokopi kartu pegawai;
"""


def test_a_requirement_citing_a_decree_is_no_fee_slot():
    for result in _both(LEAVE, "https://bkpsdm.contohkab.go.id/cuti"):
        assert _published(result) == {"persyaratan"}


# a lettered komponen line with its value, which a text page sets as a heading like the labels around it
# (real pages, eleventh session: c44-35)
LETTERED = """Pelayanan Surat Keterangan Kesalahan Penulisan Ijazah
A. Persyaratan
- Fotokopi ijazah yang salah tulis
- Akta kelahiran
C. Jangka Waktu Pelayanan
1 (satu) hari
D. Biaya/Tarif Rp. 0,- (GRATIS)
E. Produk Pelayanan
Surat Keterangan Kesalahan Penulisan Ijazah
"""


def test_a_fee_on_its_lettered_label_line_is_the_fee():
    for result in _both(LETTERED, "https://disdik.contohkota.go.id/layanan/ijazah"):
        fees = [f.value for f in result.findings if f.component == "biaya"]
        assert fees and fees[0]["amount"] == 0

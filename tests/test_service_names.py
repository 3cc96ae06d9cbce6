"""What a page's service is called when no heading above its labels names it: stored pages start with site
furniture (widgets, datelines, bylines) more often than with their title, and a service named "Advertisement" or
"Sentani (ANTARA)" tells an assessor nothing (docs/extraction.md, "Service names")."""

from __future__ import annotations

import pytest

from extractors import build_page, extract
from extractors.names import clean_service_name, title_name
from extractors.text_page import build_text


def _names(text: str, url: str = "https://contoh.go.id/berita/a") -> list[str]:
    return [s.name for s in extract(build_text(url, text.encode())).services]


STNK_POST = """Advertisement

Responsive Advertisement

Sunday 9 December 2018

Pengurusan Perpanjang STNK Mobil 5 Tahunan

Pengurusan ini berdasarkan pengalamanku sendiri di Samsat Batam, dari awal hingga selesai.

Persyaratan:
  • BPKB
  • STNK
  • E-KTP Pemilik Kendaraan
Biaya: Rp 100.000
"""


def test_a_post_under_widget_lines_is_named_by_its_title_line() -> None:
    assert _names(STNK_POST) == ["Pengurusan Perpanjang STNK Mobil 5 Tahunan"]


def test_the_same_post_as_html_is_named_alike() -> None:
    from pantau.evaluate import wrap_as_html

    page = build_page("https://contoh.go.id/berita/a", wrap_as_html(STNK_POST), "text/html")
    assert [s.name for s in extract(page).services] == ["Pengurusan Perpanjang STNK Mobil 5 Tahunan"]


def test_a_wire_dateline_or_a_site_name_is_not_the_name_the_title_is() -> None:
    text = ("Sentani (ANTARA)\n\nKartu Identitas Anak Kini Bisa Diurus di Kecamatan\n\n"
            "Dinas Dukcapil membuka layanan di setiap kantor kecamatan mulai pekan ini.\n\nPersyaratan:\n1. Fotokopi akta kelahiran anak\n2. Kartu Keluarga asli\nBiaya: gratis\n")
    assert _names(text) == ["Kartu Identitas Anak Kini Bisa Diurus di Kecamatan"]


def test_without_a_title_line_the_posts_address_names_the_service() -> None:
    text = "Print\n\nPersyaratan:\n1. Fotokopi KTP\n2. Surat pengantar RT\nBiaya: gratis\n"
    url = "https://blog.contoh.com/2024/05/syarat-surat-keterangan-domisili.html"
    assert _names(text, url) == ["surat keterangan domisili"]


@pytest.mark.parametrize("line", [
    "bakabar.com, KUALA KAPUAS", "REPUBLIKA.CO.ID, JAKARTA -- Kantor Imigrasi", "Baturaja, Sumsel Satu.com",
    "Kupang (ANTARA)", "Surabaya (Antaranews Jatim)", "PELAYANAN ONLINE :https://desa.contohkab.go.id",
    "No. SK: 67 Tahun 2024", "NOKOMPONENURAIAN", "No. Komponen Uraian", "Skip to main content", "Tidak ada komentar",
    "Mulai penontonan dengan halaman", "SEKILAS INFO", "Aspek Penyampaian Pelayanan (Service Delivery)",
    "SERVICE DELIVERY KETERANGAN", "MANUFACTURING", "(jika ada", "oleh", "yang dikeluarkan kasir", "sesuai jenisnya",
    "Pewarta: Ali Nur Ichsan", "Laporan : MAMAT MULYADI", "Diposting oleh Admin PKM Sukoharjo di Senin, 8 Januari 2024",
    "Home > Layanan Publik > Surat Masuk & Keluar", "Tue, 21 May 2019", "No. Dokumen", "NO. KOMPENEN URAIAN",
    "ISTIMEWA", "Contents",
])
def test_site_furniture_names_no_service(line: str) -> None:
    assert clean_service_name(line) is None


@pytest.mark.parametrize("line", ["Permohonan Subdomain tulangbawangbaratkab.go.id", "Legalisir Ijazah SD",
                                  "Izin Usaha Mikro Kecil", "Pelayanan Rawat Jalan", "Di Luar Kantor KUA",
                                  "Surat Keterangan (SK) Domisili"])
def test_a_service_name_stays_one(line: str) -> None:
    assert clean_service_name(line) == line


def test_the_posts_address_wins_over_a_line_that_names_nothing() -> None:
    text = "PALANGKA RAYA\n\nDinas Dukcapil membuka layanan di setiap kantor kecamatan mulai pekan ini.\n"
    url = "https://berita.contoh.com/kartu-identitas-anak-bisa-diurus-di-kecamatan"
    assert title_name(build_text(url, text.encode())) == "kartu identitas anak bisa diurus di kecamatan"
    # with no words in its address, the line is still better than nothing
    assert title_name(build_text("https://berita.contoh.com/?p=84", text.encode())) == "PALANGKA RAYA"


def test_a_malformed_address_names_nothing() -> None:
    text = "Persyaratan:\n1. Fotokopi KK\n2. Pas foto\n"
    assert title_name(build_text("http://[bad/syarat-ktp-el-baru", text.encode())) is None


def test_a_sippn_title_opening_with_pelayanan_names_the_service() -> None:
    # "Pelayanan" alone is a service-name label; "Pelayanan Tera/…" is the name itself (SIPPN titles every
    # standard so). Over SIPPN's unlabelled slots it used to be passed over for the time slot ("5 Hari kerja").
    text = ("Pelayanan Tera/Tera Ulang UTTP di Kantor\n\nNo. SK: 900/050/SK/2022\n\n"
            "  1. a. Surat permohonan Tera/ Tera Ulang (TTU);\n"
            "  2. b. Untuk permohonan Tera Ulang, SKHP tahun sebelumnya.\n\n"
            "  1. Pemohon mengajukan permohonan tera ulang dan melakukan pembayaran retribusi\n"
            "  2. Petugas memeriksa ruang lingkup pelayanan\n  3. Pemohon menerima SKHP\n\n"
            "5 Hari kerja\n\nTidak dipungut biaya\n")
    names = _names(text, "https://sippn.menpan.go.id/pelayanan-publik/8144342")
    assert names == ["Pelayanan Tera/Tera Ulang UTTP di Kantor"]
    assert title_name(build_text("https://x.go.id/", b"Jenis Layanan\n\nPersyaratan:\n1. KTP\n")) is None


def test_an_address_that_names_the_page_in_its_query_names_the_service() -> None:
    text = "Persyaratan :\n\n1. Surat pengantar RT/RW\n2. Buku nikah\n"
    url = "https://barat.jakarta.go.id/kecamatan/kalideres/pelayanan?page=kartu-keluarga"
    assert _names(text, url) == ["kartu keluarga"]


def test_the_posts_address_is_spelled_as_the_page_spells_it() -> None:
    text = "Pelayanan Loket\n\nPersyaratan:\n1. Kartu berobat\n2. KTP\n"
    assert title_name(build_text("https://sippn.menpan.go.id/instansi/pelayanan-loket", text.encode())) == \
        "Pelayanan Loket"  # not "pelayanan loket"


def test_a_label_for_a_title_names_no_service_the_address_does() -> None:
    # nothing names the page: its first line, a component's label, is no name; the address stands in for one
    text = "Persyaratan\n\n1. Fotokopi KTP\n2. Fotokopi KK\n"
    assert _names(text, "https://dispenduk.contohkab.go.id/?p=12") == ["https://dispenduk.contohkab.go.id/?p=12"]
    # a complaints page titled "Pengaduan" describes the complaints service: its title stays its name
    text = "Pengaduan\n\nPersyaratan:\n1. Identitas pelapor\n2. Uraian pengaduan\n"
    assert _names(text, "https://dispenduk.contohkab.go.id/?p=13") == ["Pengaduan"]


def test_a_slots_value_above_the_next_label_names_no_service() -> None:
    # SIPPN's time slot ("36 Menit") sits right above its fee slot ("Biaya Bervariasi"); a short line above a label
    # may name the next service, but not when it is a time's or a fee's value
    text = ("Pelayanan Bea Balik Nama Kendaraan Bermotor 1 (Kesatu)\n\n  1. KTP sesuai faktur\n  2. Faktur STNK\n\n"
            "  1. Wajib Pajak melengkapi persyaratan\n  2. Wajib Pajak membayar tagihan di loket Kasir\n"
            "  3. Wajib Pajak menerima STNK\n\n36 Menit\n\nBiaya Bervariasi\n")
    url = "https://sippn.menpan.go.id/pelayanan-publik/8260783"
    assert _names(text, url) == ["Pelayanan Bea Balik Nama Kendaraan Bermotor 1 (Kesatu)"]

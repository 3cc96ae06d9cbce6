"""Readings the sixth session's waktu / biaya / produk rules first got wrong (found by review, REVIEW5), each on a
made-up but plausible page: an internal paper's initials, an event's certificate, a purchase, an event's length,
the second of two amounts, a fine."""

from __future__ import annotations

import pytest

from extractors import build_page, extract
from extractors.components import biaya

NEWS = "https://contohkab.go.id/berita/2024/kegiatan"
STANDARD = "https://dpmptsp.contohkab.go.id/layanan/izin-reklame"


def values(url: str, text: str) -> dict:
    result = extract(build_page(url, text.encode(), "text/plain"))
    return {f.component: f.value for f in result.findings}



@pytest.mark.parametrize("step", ["Tim menyerahkan BAPL ke bidang perizinan",
                                  "Petugas menerbitkan NTPD untuk pembayaran"])
def test_initials_of_an_internal_paper_are_not_the_product(step):
    got = values(STANDARD, f"Prosedur:\n1. Pemohon mengajukan permohonan\n2. {step}\n3. Pemohon membayar\n"
                           "4. Petugas menyerahkan Izin Reklame kepada pemohon")
    assert got["produk"]["name"] == "Izin Reklame"



@pytest.mark.parametrize("text", [
    "Sebanyak 40 peserta menerima sertifikat pelatihan menjahit di akhir kegiatan.",
    "Masyarakat yang sudah divaksin mendapatkan sertifikat vaksin melalui aplikasi PeduliLindungi.",
])
def test_news_of_an_event_names_no_product(text):
    assert "produk" not in values(NEWS, text)



def test_a_procurement_is_no_fee():
    assert "biaya" not in values(NEWS, "Pengadaan mesin cetak KTP-el dengan biaya Rp 250 juta.")



def test_an_events_length_is_no_service_time():
    assert "waktu" not in values(NEWS, "Syarat peserta: fotokopi KTP dan pas foto.\n"
                                       "Acara berlangsung selama 3 hari dan selesai pada hari Minggu.")



def test_the_first_amount_stated_is_the_fee():
    assert biaya.parse("Biaya: 350.000 (paspor biasa), percepatan Rp 1.000.000")["amount"] == 350000


@pytest.mark.parametrize("fine, fee", [
    ("Pelanggar perda akan dikenakan biaya 500.000 sebagai sanksi", "Pemohon akan dikenakan biaya 500.000"),
    ("Pemohon yang terlambat melapor akan dikenakan biaya Rp 100.000", "Pemohon akan dikenakan biaya Rp 100.000"),
])
def test_a_fine_or_a_late_charge_is_no_fee(fine, fee):
    assert (biaya.parse(fine) or {}).get("amount") is None  # (a regulation named is no amount)
    assert biaya.parse(fee)["amount"] > 0


@pytest.mark.parametrize("price, fee", [
    ("Tarif air PDAM untuk rumah tangga dengan tarif 3.500 per meter kubik", "Biaya pasang baru Rp 1.500.000"),
    ("Tarif Rp 3.500/m3", "Tarif Rp 3.500"),
    ("tarif Rp 1.444 per kWh", "tarif Rp 1.444 per lembar"),
])
def test_a_utility_price_per_unit_used_is_no_fee(price, fee):
    assert (biaya.parse(price) or {}).get("amount") is None
    assert biaya.parse(fee)["amount"] > 0


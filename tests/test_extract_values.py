"""Value normalisation: money, durations, complaint channels, labels."""

import pytest

from extractors.components import biaya, pengaduan, waktu
from extractors.vocab import OTHER, classify_label


@pytest.mark.parametrize("text, amount, free", [
    ("Rp.50.000,-", 50000, False),
    ("Rp 25.000,00 per berkas", 25000, False),
    ("Rp. 1,5 juta", 1_500_000, False),
    ("Rp 0,-", 0, True),
    ("GRATIS", 0, True),
    ("Tidak dipungut biaya", 0, True),
    ("nihil", 0, True),
    ("Tidak ada retribusi", 0, True),
    # an amount without "Rp" right after the fee's word
    ("dengan biaya 250.000 per permohonan", 250000, False),
    ("Tarifnya 75.000,-", 75000, False),
    ("biaya 1,5 juta", 1_500_000, False),
])
def test_money(text, amount, free):
    v = biaya.parse(text)
    assert v["amount"] == amount and v["free"] is free


def test_money_regulation_reference():
    v = biaya.parse("Sesuai Perda No. 3 Tahun 2012 tentang Retribusi Perizinan Tertentu")
    assert v["amount"] is None
    assert v["regulation"].startswith("Perda No. 3 Tahun 2012")


@pytest.mark.parametrize("text", ["Surat pernyataan bermaterai Rp 10.000", "Program berobat gratis bagi warga", "-", "",
                                  # a bare number after "biaya" is no amount without thousands or a multiplier;
                                  # a budget stays a budget
                                  "biaya 2 kali lipat", "biaya tahun 2019", "anggaran biaya 2.000.000"])
def test_not_money(text):
    assert biaya.parse(text) is None


@pytest.mark.parametrize("text, amount, unit", [
    ("1 (satu) hari kerja", 1, "working_days"),
    ("14 HK", 14, "working_days"),
    ("15 menit", 15, "minutes"),
    ("1 x 24 jam", 24, "hours"),
    ("tiga hari kerja", 3, "working_days"),
    ("3-5 hari kerja", 5, "working_days"),
    ("2 minggu", 14, "days"),
    ("selesai di tempat", None, "on_the_spot"),
    ("Saat itu juga", None, "on_the_spot"),
    ("Berkas diproses paling lambat 10 hari kerja setelah pendaftaran online", 10, "working_days"),
])
def test_durations(text, amount, unit):
    v = waktu.parse(text)
    assert v["unit"] == unit and v["amount"] == amount


@pytest.mark.parametrize("text", [
    "Senin - Jumat 08.00 - 15.00 WIB",
    "KTP-el berlaku 5 tahun",
    "wajib dilaporkan paling lambat 60 hari sejak kelahiran",
    # the applicant's deadline to hand in, not the service's time
    "Pemohon wajib menyerahkan berkas ke loket paling lambat 10 hari kerja setelah pendaftaran online",
])
def test_not_durations(text):
    assert waktu.parse(text) is None


def _types(text):
    return [c["type"] for c in pengaduan.parse_channels(text)]


def test_channels_typed_with_values():
    chans = pengaduan.parse_channels(
        "Pengaduan melalui SP4N-LAPOR! (www.lapor.go.id), WA 0812-3456-7890, email dukcapil@contoh.go.id")
    assert {"type": "whatsapp", "value": "081234567890"} in chans
    assert {"type": "email", "value": "dukcapil@contoh.go.id"} in chans
    assert "lapor" in [c["type"] for c in chans]


@pytest.mark.parametrize("text, expected", [
    ("SMS 1708", ["lapor", "sms"]),  # an SMS to LAPOR!'s number: both channels
    ("SPAN LAPOR", ["lapor"]),
    ("Telp. (0721) 481234", ["phone"]),
    ("kotak saran di ruang tunggu", ["kotak_saran"]),
    ("Hotline 0811-7200-123 (WhatsApp)", ["whatsapp"]),
    ("Instagram @dukcapil", ["social_media"]),
])
def test_channel_types(text, expected):
    assert _types(text) == expected


def test_labels_and_typos():
    assert classify_label("2. Persyaratan Pelayanan").cls == "persyaratan"
    assert classify_label("PERSARATAN").cls == "persyaratan"  # typo, one edit away
    assert classify_label("Jangka Waktu Penyelesaian Pelayanan").cls == "waktu"
    assert classify_label("Biaya/Tarif").cls == "biaya"
    assert classify_label("Penanganan Pengaduan, Saran dan Masukan").cls == "pengaduan"
    assert classify_label("Alur Penanganan Pengaduan").cls == "pengaduan"
    assert classify_label("Jam Pelayanan").cls == OTHER
    assert classify_label("Dasar Hukum").cls == OTHER
    assert classify_label("Pengajuan") is None  # one edit from "pengaduan", but another word
    assert classify_label("Ombudsman dorong persyaratan") is None

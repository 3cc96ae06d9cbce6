"""Synthetic national corpus for the benchmark: N sites (hosts) x M pages, written one directory per host.

    python -m bench.generate                                  # 20 sites x 50 pages -> /tmp/pantau-bench
    python -m bench.generate --sites 200 --pages 50           # 10,000 pages
    python -m bench.generate --sites 2000 --pages 50 --jobs 2 # 100,000 pages (~3 GB)

Sites are grouped into pemda: a portal `<name>kab.go.id` (or `<name>kota.go.id`) and OPD subdomains
(`dinsos.<name>kab.go.id`, `disdukcapil.…`, …), `--hosts-per-pemda` hosts each. Every host is a WordPress-like
site (top bar, mega menu, breadcrumbs, sidebar widgets, footer, inline CSS/JS) of about 30 KB per page with a
realistic mix: standar pelayanan pages in five layouts (No|Komponen|Uraian table, a wide table with one row per
service, an accordion, headed sections, label lists), news posts (some mentioning standards), profile pages,
pengaduan and maklumat pages, listing pages and text PDFs (fpdf2). Each page links to ~10 others on its host
plus the menu; robots.txt lists sitemap.xml. Every page is reachable by links within depth 4 of the portal.

Deterministic: each host is generated from `random.Random(f"{seed}:{host}")`, so the same flags always give
the same bytes (and hosts can be generated in parallel). A corpus directory holds `manifest.json` with its
parameters; `ensure_corpus` reuses a directory whose manifest matches.
"""

from __future__ import annotations

import argparse
import html
import json
import math
import os
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

PDF_DATE = datetime(2024, 1, 15, 9, 0, 0, tzinfo=timezone.utc)
DEFAULT_OUT = Path(os.environ.get("PANTAU_BENCH_DIR", "/tmp/pantau-bench"))
GENERATOR_VERSION = 4  # bump when the output changes, so stale corpora are regenerated

# --------------------------------------------------------------------------------------------------------
# Names
# --------------------------------------------------------------------------------------------------------

PREFIXES = ["suka", "tanjung", "karang", "muara", "batu", "sungai", "pulau", "bukit", "gunung", "lubuk",
            "rantau", "padang", "labuhan", "teluk", "sidoa", "kuala", "tebing", "payung", "tulang", "air"]
MIDDLES = ["", "sari", "wangi", "rejo", "mulyo", "jati", "lima", "tinggi", "panjang"]
SUFFIXES = ["jaya", "maju", "baru", "indah", "raya", "makmur", "timur", "barat", "tengah", "selatan",
            "utara", "agung", "mulia", "permai"]
PROVINCES = ["Lampung", "Sumatera Selatan", "Jawa Tengah", "Jawa Timur", "Jawa Barat", "Kalimantan Barat",
             "Sulawesi Selatan", "Nusa Tenggara Barat", "Riau", "Aceh", "Bali", "Maluku", "Papua Barat"]

# OPD subdomain -> (full name prefix, services it offers)
OPD = {
    "disdukcapil": ("Dinas Kependudukan dan Pencatatan Sipil",
                    ["Penerbitan KTP-el", "Penerbitan Kartu Keluarga", "Akta Kelahiran", "Akta Kematian",
                     "Surat Keterangan Pindah", "Kartu Identitas Anak", "Akta Perkawinan", "Akta Perceraian",
                     "Legalisasi Dokumen Kependudukan", "Perubahan Data Kependudukan"]),
    "dinsos": ("Dinas Sosial",
               ["Pendaftaran DTKS", "Rekomendasi PBI-JK", "Surat Keterangan Tidak Mampu", "Rekomendasi Izin PUB",
                "Rekomendasi Pengangkatan Anak", "Bantuan Sosial Korban Bencana", "Rehabilitasi Sosial Lansia",
                "Penerbitan Kartu Penyandang Disabilitas"]),
    "dpmptsp": ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
                ["Persetujuan Bangunan Gedung", "Izin Reklame", "Nomor Induk Berusaha", "Surat Izin Praktik Dokter",
                 "Izin Apotek", "Surat Izin Praktik Bidan", "Izin Usaha Toko Swalayan", "Izin Pemakaian Kekayaan Daerah",
                 "Tanda Daftar Usaha Pariwisata", "Izin Operasional Klinik"]),
    "dinkes": ("Dinas Kesehatan",
               ["Pemeriksaan Laboratorium Kesehatan Daerah", "Surat Izin Kerja Perawat", "Rekomendasi Izin Klinik",
                "Sertifikat Laik Higiene Sanitasi", "Izin Produksi PIRT", "Pelayanan Vaksinasi Internasional"]),
    "disnaker": ("Dinas Tenaga Kerja",
                 ["Kartu Tanda Bukti Pendaftaran Pencari Kerja (AK/I)", "Pengesahan Peraturan Perusahaan",
                  "Pencatatan Perjanjian Kerja Bersama", "Izin Lembaga Pelatihan Kerja", "Mediasi Perselisihan Hubungan Industrial"]),
    "dishub": ("Dinas Perhubungan",
               ["Pengujian Kendaraan Bermotor (Uji KIR)", "Izin Trayek Angkutan Perdesaan", "Rekomendasi Andalalin",
                "Izin Penyelenggaraan Parkir", "Izin Angkutan Sewa Khusus"]),
    "dlh": ("Dinas Lingkungan Hidup",
            ["Persetujuan Lingkungan (UKL-UPL)", "Pemeriksaan Kualitas Air Laboratorium", "Izin Pengelolaan Limbah B3",
             "Pengangkutan Sampah Rumah Tangga", "Pengaduan Pencemaran Lingkungan"]),
    "disdik": ("Dinas Pendidikan dan Kebudayaan",
               ["Legalisir Ijazah", "Izin Pendirian PAUD", "Surat Keterangan Pengganti Ijazah", "Mutasi Siswa Antar Sekolah",
                "Rekomendasi Izin Belajar Guru"]),
    "bapenda": ("Badan Pendapatan Daerah",
                ["Pendaftaran NPWPD", "Pelayanan PBB-P2", "Pengurangan Pajak Daerah", "Pelayanan BPHTB",
                 "Salinan SPPT PBB"]),
    "diskominfo": ("Dinas Komunikasi, Informatika dan Persandian",
                   ["Permohonan Subdomain", "Layanan Informasi Publik", "Peliputan Kegiatan", "Pendaftaran Akun E-mail Dinas"]),
    "rsud": ("Rumah Sakit Umum Daerah",
             ["Rawat Jalan", "Rawat Inap", "Instalasi Gawat Darurat", "Pelayanan Laboratorium", "Pelayanan Radiologi",
              "Medical Check Up"]),
    "disperindag": ("Dinas Perindustrian dan Perdagangan",
                    ["Tera/Tera Ulang Alat UTTP", "Surat Keterangan Asal", "Izin Usaha Industri", "Tanda Daftar Gudang"]),
}
PORTAL_SERVICES = ["Permohonan Informasi Publik", "Rekomendasi Izin Penelitian", "Pengaduan Pelayanan Publik",
                   "Audiensi dengan Kepala Daerah", "Fasilitasi Produk Hukum Daerah"]

PERSYARATAN = ["Fotokopi KTP-el pemohon", "Fotokopi Kartu Keluarga (KK)", "Surat pengantar dari RT/RW dan kepala desa/lurah",
               "Formulir permohonan yang telah diisi dan ditandatangani", "Pas foto berwarna ukuran 3x4 sebanyak 2 lembar",
               "Surat pernyataan bermaterai Rp 10.000", "Fotokopi NPWP", "Surat kuasa apabila dikuasakan",
               "Fotokopi akta pendirian badan usaha", "Bukti pelunasan PBB tahun berjalan",
               "Fotokopi sertifikat hak atas tanah", "Surat keterangan sehat dari dokter",
               "Fotokopi ijazah terakhir yang dilegalisir", "Rekomendasi dari organisasi profesi",
               "Denah lokasi dan foto tempat usaha", "Dokumen asli untuk diperlihatkan kepada petugas"]
PROSEDUR = ["Pemohon mengambil nomor antrean di ruang pelayanan", "Pemohon menyerahkan berkas persyaratan di loket",
            "Petugas memeriksa kelengkapan dan keabsahan berkas", "Berkas yang belum lengkap dikembalikan kepada pemohon",
            "Petugas melakukan verifikasi lapangan bila diperlukan", "Data direkam ke dalam aplikasi",
            "Kepala Bidang memeriksa dan memaraf konsep dokumen", "Kepala Dinas menandatangani dokumen secara elektronik",
            "Dokumen dicetak dan dicatat dalam buku register", "Dokumen diserahkan kepada pemohon di loket pengambilan",
            "Pemohon mengisi survei kepuasan masyarakat"]
WAKTU = ["1 (satu) hari kerja", "3 (tiga) hari kerja", "5 (lima) hari kerja setelah berkas lengkap",
         "7 (tujuh) hari kerja", "14 (empat belas) hari kerja", "Selesai di tempat (saat itu juga)", "60 (enam puluh) menit",
         "2 (dua) jam", "paling lama 10 (sepuluh) hari kerja sejak berkas diterima lengkap dan benar"]
BIAYA = ["Tidak dipungut biaya", "Gratis", "Rp 0,- (gratis)", "Rp 50.000,- sesuai Peraturan Daerah Nomor 3 Tahun 2021",
         "Rp 25.000,- per dokumen sesuai Perda Nomor 1 Tahun 2024 tentang Pajak Daerah dan Retribusi Daerah",
         "Sesuai Peraturan Daerah tentang Retribusi Daerah", "Tidak dipungut biaya (gratis)"]
PENGADUAN_CH = ["SP4N-LAPOR! melalui www.lapor.go.id atau SMS ke 1708", "WhatsApp Pengaduan 0812-{a}-{b}",
                "E-mail: pengaduan@{host}", "Telepon ({c}) {d}", "Kotak saran di ruang tunggu pelayanan",
                "Meja pengaduan di Mal Pelayanan Publik"]

NEWS_TITLES = ["{unit} Gelar Sosialisasi {service}", "Warga Antusias Manfaatkan Layanan {service}",
               "{unit} Raih Penghargaan Pelayanan Publik Tingkat Provinsi", "Kepala {unit} Tinjau Pelayanan di Kecamatan",
               "Jemput Bola Layanan {service} di Desa {village}", "Rapat Koordinasi Penyusunan Standar Pelayanan {year}",
               "Survei Kepuasan Masyarakat {unit} Semester {sem} Tahun {year}", "{unit} Terima Kunjungan Ombudsman RI",
               "Inovasi Pelayanan {service} Kini Bisa Daring", "Bimbingan Teknis Aparatur {unit}",
               "Peringatan Hari Jadi Kabupaten ke-{n}", "Pemerintah Daerah Salurkan Bantuan untuk Warga Desa {village}"]
VILLAGES = ["Sukadana", "Sribhawono", "Way Jepara", "Labuhan Maringgai", "Pekalongan", "Batanghari", "Purbolinggo",
            "Margatiga", "Jabung", "Bandar Sribhawono", "Mataram Baru", "Raman Utara", "Sekampung", "Melinting"]
NEWS_SENTENCES = [
    "Kegiatan tersebut dihadiri oleh camat, kepala desa dan tokoh masyarakat setempat.",
    "Menurutnya, pelayanan publik harus cepat, mudah, transparan dan akuntabel sesuai amanat undang-undang.",
    "Pemerintah daerah terus berupaya meningkatkan kualitas pelayanan kepada masyarakat.",
    "Masyarakat diimbau untuk tidak menggunakan jasa calo dan mengurus sendiri dokumennya.",
    "Kegiatan ini merupakan bagian dari program prioritas pemerintah daerah tahun ini.",
    "Ia berharap sinergi antarperangkat daerah semakin kuat sehingga target pembangunan tercapai.",
    "Sejumlah warga mengaku puas karena tidak perlu lagi datang ke kantor dinas di ibu kota kabupaten.",
    "Acara ditutup dengan sesi tanya jawab dan foto bersama.",
    "Data yang dihimpun menunjukkan peningkatan jumlah pemohon dibandingkan tahun sebelumnya.",
    "Kepala dinas meminta seluruh pegawai menjaga integritas dan menolak segala bentuk gratifikasi.",
    "Selain itu, petugas juga memberikan edukasi tentang pentingnya dokumen kependudukan.",
    "Kegiatan serupa akan dilaksanakan secara bergiliran di seluruh kecamatan.",
    "Anggaran kegiatan bersumber dari APBD dan dana alokasi khusus.",
    "Pihaknya juga membuka layanan konsultasi bagi pelaku usaha mikro, kecil dan menengah.",
    "Rapat tersebut membahas evaluasi capaian kinerja triwulan dan rencana tindak lanjut.",
]
STANDARD_SENTENCES = [
    "Untuk mengurus {service}, warga cukup membawa fotokopi KTP-el dan Kartu Keluarga, dan layanan ini tidak dipungut biaya.",
    "Proses penyelesaian {service} paling lama {waktu} sejak berkas dinyatakan lengkap.",
    "Standar pelayanan {service} telah dipublikasikan di ruang pelayanan dan di situs resmi {unit}.",
    "Ombudsman mengingatkan agar persyaratan, prosedur, waktu dan biaya setiap layanan dipublikasikan.",
    "Pengaduan dapat disampaikan melalui SP4N-LAPOR! atau WhatsApp pengaduan yang tertera di situs ini.",
]
PROFILE_TOPICS = [("Visi dan Misi", "visi-misi"), ("Tugas Pokok dan Fungsi", "tupoksi"),
                  ("Struktur Organisasi", "struktur-organisasi"), ("Sejarah", "sejarah"),
                  ("Profil Pejabat", "profil-pejabat"), ("Rencana Strategis", "renstra"),
                  ("Laporan Kinerja", "lakip"), ("Sarana dan Prasarana", "sarana-prasarana"),
                  ("Data Pegawai", "data-pegawai"), ("Program dan Kegiatan", "program-kegiatan")]
FIRST = ["Ahmad", "Siti", "Budi", "Dewi", "Hendra", "Nurul", "Agus", "Rina", "Joko", "Yuliana", "Rahmat", "Fitri"]
LAST = ["Saputra", "Wulandari", "Hidayat", "Lestari", "Pratama", "Kurniawan", "Handayani", "Setiawan", "Rahayu", "Nasution"]
LAYOUTS = ["komponen", "wide", "accordion", "sections", "lists"]


def esc(text: str) -> str:
    return html.escape(text, quote=True)


def slugify(text: str) -> str:
    out = "".join(c.lower() if c.isalnum() else "-" for c in text)
    while "--" in out:
        out = out.replace("--", "-")
    return out.strip("-")[:70]


def pemda_names(count: int, seed: int) -> list[tuple[str, str]]:
    """[(name, level)] with level 'kab' or 'kota'; unique, deterministic."""
    rng = random.Random(f"{seed}:names")
    combos = [p + m + s for p in PREFIXES for m in MIDDLES for s in SUFFIXES]
    rng.shuffle(combos)
    out = []
    for i in range(count):
        name = combos[i % len(combos)] + (str(i // len(combos)) if i >= len(combos) else "")
        out.append((name, "kota" if rng.random() < 0.2 else "kab"))
    return out


# --------------------------------------------------------------------------------------------------------
# Plan
# --------------------------------------------------------------------------------------------------------


@dataclass
class HostPlan:
    host: str
    pemda: str          # the pemda's domain (the portal host)
    pemda_name: str     # "Kabupaten Sukamaju"
    opd: str | None     # OPD key, None for the portal
    province: str
    siblings: list[str] = field(default_factory=list)  # every host of the pemda (menu "Perangkat Daerah")


def plan_hosts(sites: int, hosts_per_pemda: int, seed: int) -> list[HostPlan]:
    pemda_count = math.ceil(sites / max(1, hosts_per_pemda))
    opd_keys = list(OPD)
    plans: list[HostPlan] = []
    for index, (name, level) in enumerate(pemda_names(pemda_count, seed)):
        domain = f"{name}{level}.go.id"
        label = ("Kota " if level == "kota" else "Kabupaten ") + name.title()
        rng = random.Random(f"{seed}:{domain}:opd")
        count = min(hosts_per_pemda, sites - len(plans))
        opds = rng.sample(opd_keys, min(len(opd_keys), max(0, count - 1)))
        hosts = [domain] + [f"{key}.{domain}" for key in opds]
        province = PROVINCES[index % len(PROVINCES)]
        for host, opd in zip(hosts, [None] + opds):
            plans.append(HostPlan(host, domain, label, opd, province, hosts))
    return plans[:sites]


# --------------------------------------------------------------------------------------------------------
# One host
# --------------------------------------------------------------------------------------------------------

CSS = """body{margin:0;font-family:"Open Sans",Arial,sans-serif;font-size:15px;color:#333;background:#f4f6f5}
a{color:%(c)s;text-decoration:none}a:hover{text-decoration:underline}.screen-reader-text{position:absolute;left:-9999px}
.topbar{background:#222;color:#ddd;font-size:12px;padding:4px 0}.topbar a{color:#ddd;margin-right:12px}
.container{max-width:1140px;margin:0 auto;padding:0 15px}.site-header{background:#fff;border-bottom:4px solid %(c)s}
.site-branding{display:flex;align-items:center;padding:12px 0}.site-branding img{width:64px;height:64px;margin-right:12px}
.site-title{font-size:22px;font-weight:700;margin:0}.site-description{margin:0;color:#777;font-size:13px}
.main-navigation{background:%(c)s}.main-navigation ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
.main-navigation li{position:relative}.main-navigation a{display:block;color:#fff;padding:12px 14px;font-weight:600}
.main-navigation .sub-menu{display:none;position:absolute;background:#fff;min-width:260px;z-index:9;box-shadow:0 2px 6px #0003}
.main-navigation li:hover>.sub-menu{display:block}.main-navigation .sub-menu a{color:#333;font-weight:400}
.breadcrumbs{font-size:13px;padding:10px 0;color:#777}.site-content{display:flex;gap:24px;padding-bottom:30px}
.content-area{flex:3;background:#fff;padding:20px 24px}.widget-area{flex:1}.widget{background:#fff;padding:14px 16px;margin-bottom:18px}
.widget-title{font-size:15px;border-bottom:2px solid %(c)s;padding-bottom:6px;margin-top:0}
table{border-collapse:collapse;width:100%%;margin:12px 0}th,td{border:1px solid #ccc;padding:6px 8px;vertical-align:top}
th{background:#eef3f0}.entry-meta{font-size:12px;color:#888}.wp-block-button a{background:%(c)s;color:#fff;padding:8px 14px;display:inline-block}
.accordion-button{width:100%%;text-align:left;background:#eef3f0;border:0;padding:10px;font-weight:600}
.accordion-body{padding:8px 14px}.site-footer{background:#1d2b24;color:#ccc;padding:24px 0;font-size:13px}
.site-footer a{color:#fff}.site-info{border-top:1px solid #3a4a41;margin-top:14px;padding-top:10px}
.box{border:1px solid %(c)s;padding:12px 16px;margin:14px 0;background:#f7fbf8}.tagcloud a{display:inline-block;margin:2px 4px;font-size:12px}
.related-posts article{border-bottom:1px dashed #ddd;padding:8px 0}.post-thumb{float:left;margin-right:10px}
@media (max-width:768px){.site-content{flex-direction:column}.main-navigation ul{flex-direction:column}}"""

SCRIPT = """<script type="text/javascript">
window._wpemojiSettings = {"baseUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/72x72\\/","ext":".png","svgUrl":"https:\\/\\/s.w.org\\/images\\/core\\/emoji\\/14.0.0\\/svg\\/","svgExt":".svg","source":{"concatemoji":"\\/wp-includes\\/js\\/wp-emoji-release.min.js?ver=6.4.3"}};
/*! This file is auto-generated */
!function(i,n){var o,s,e;function c(e){try{var t={supportTests:e,timestamp:(new Date).valueOf()};sessionStorage.setItem(o,JSON.stringify(t))}catch(e){}}function p(e,t,n){e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(t,0,0);var t=new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data),r=(e.clearRect(0,0,e.canvas.width,e.canvas.height),e.fillText(n,0,0),new Uint32Array(e.getImageData(0,0,e.canvas.width,e.canvas.height).data));return t.every(function(e,t){return e===r[t]})}}(window,document);
</script>
<script async src="https://www.googletagmanager.com/gtag/js?id=G-PEMDA%(n)s"></script>
<script>window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-PEMDA%(n)s');</script>"""


class HostWriter:
    """Generates all pages of one host into memory, then writes them."""

    def __init__(self, plan: HostPlan, pages: int, seed: int, page_kb: float):
        self.p = plan
        self.rng = random.Random(f"{seed}:{plan.host}")
        self.pages = pages
        self.page_kb = page_kb
        unit_name, services = (OPD[plan.opd] if plan.opd else ("Pemerintah", PORTAL_SERVICES))
        self.unit = f"{unit_name} {plan.pemda_name}" if plan.opd else f"Pemerintah {plan.pemda_name}"
        self.short = (plan.opd.upper() if plan.opd else "Pemkab") + " " + plan.pemda_name.split(" ", 1)[1]
        self.services = list(services)
        self.color = "#%02x%02x%02x" % (self.rng.randrange(20, 120), self.rng.randrange(60, 140), self.rng.randrange(40, 140))
        self.phone = f"(07{self.rng.randrange(10, 99)}) {self.rng.randrange(600000, 699999)}"
        self.email = f"{plan.opd or 'humas'}@{plan.pemda}"
        self.files: dict[str, bytes] = {}
        self.titles: dict[str, str] = {}  # path -> title, for links
        self.today = date(2024, 11, 1)

    # -- plan the URL space ---------------------------------------------------------------------------

    def layout(self) -> None:
        m = max(self.pages, 8)
        fixed = ["/", "/profil/", "/layanan/", "/berita/", "/unduhan/", "/pengaduan/", "/maklumat/"]
        n_pdf = max(1, round(m * 0.05))
        n_std = max(1, round(m * 0.20))
        n_prof = max(1, min(len(PROFILE_TOPICS), round(m * 0.06)))
        rest = m - len(fixed) - n_pdf - n_std - n_prof
        n_news = max(1, rest - math.ceil(rest / 21))
        n_list = max(1, math.ceil(n_news / 20))
        while len(fixed) + n_pdf + n_std + n_prof + n_news + n_list > m and n_news > 1:
            n_news -= 1
            n_list = max(1, math.ceil(n_news / 20))
        self.fixed = fixed
        self.profile = [(t, f"/profil/{s}/") for t, s in PROFILE_TOPICS[:n_prof]]
        self.standards = []
        for i in range(n_std):
            service = self.services[i % len(self.services)]
            suffix = "" if i < len(self.services) else f"-{i // len(self.services) + 1}"
            group = self.rng.sample(self.services, min(len(self.services), self.rng.choice([1, 1, 2, 3, 4])))
            if service not in group:
                group[0] = service
            self.standards.append((f"Standar Pelayanan {service}", f"/layanan/{slugify(service)}{suffix}.html",
                                   LAYOUTS[i % len(LAYOUTS)], group))
        self.news = []
        day = self.today
        for i in range(n_news):
            day -= timedelta(days=self.rng.randrange(1, 6))
            title = self.rng.choice(NEWS_TITLES).format(
                unit=self.short, service=self.rng.choice(self.services), village=self.rng.choice(VILLAGES),
                year=day.year, sem=1 + (day.month > 6), n=self.rng.randrange(10, 70))
            self.news.append((title, f"/berita/{day.year}/{day.month:02d}/{slugify(title)}-{i}.html", day))
        self.listings = [("Berita" if k == 0 else f"Berita – Halaman {k + 1}", "/berita/" if k == 0 else f"/berita/page/{k + 1}/")
                         for k in range(n_list)]
        self.pdfs = []
        for i in range(n_pdf):
            service = self.services[i % len(self.services)]
            year = 2021 + i % 4
            self.pdfs.append((f"SK Standar Pelayanan {service} {year}",
                              f"/wp-content/uploads/{year}/0{1 + i % 9}/sk-standar-pelayanan-{slugify(service)}-{i}.pdf",
                              service))
        for title, path in [("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/layanan/"),
                            ("Unduhan", "/unduhan/"), ("Pengaduan", "/pengaduan/"), ("Maklumat Pelayanan", "/maklumat/")]:
            self.titles[path] = title
        for title, path in self.profile + [(t, p) for t, p, *_ in self.standards] + [(t, p) for t, p, _ in self.news] \
                + self.listings + [(t, p) for t, p, _ in self.pdfs]:
            self.titles[path] = title
        self.html_paths = [p for p in self.titles if not p.endswith(".pdf")]

    # -- chrome ---------------------------------------------------------------------------------------

    def menu(self, current: str) -> str:
        sub = lambda items: '<ul class="sub-menu">' + "".join(
            f'<li class="menu-item"><a href="{esc(h)}">{esc(t)}</a></li>' for t, h in items) + "</ul>"
        opds = [("Portal " + self.p.pemda_name, f"http://{self.p.pemda}/")] + [
            (OPD[h.split(".")[0]][0], f"http://{h}/") for h in self.p.siblings if h != self.p.pemda]
        items = [("Beranda", "/", None), ("Profil", "/profil/", self.profile),
                 ("Layanan", "/layanan/", [(t.replace("Standar Pelayanan ", ""), p) for t, p, *_ in self.standards[:12]]),
                 ("Berita", "/berita/", None), ("Unduhan", "/unduhan/", None), ("Pengaduan", "/pengaduan/", None),
                 ("Maklumat", "/maklumat/", None), ("Perangkat Daerah", "#", opds)]
        out = ['<ul id="primary-menu" class="menu nav-menu">']
        for label, href, children in items:
            cls = " current-menu-item" if href == current else ""
            if children:
                out.append(f'<li class="menu-item menu-item-has-children{cls}"><a href="{esc(href)}">{esc(label)} &#9662;</a>{sub(children)}</li>')
            else:
                out.append(f'<li class="menu-item{cls}"><a href="{esc(href)}">{esc(label)}</a></li>')
        out.append("</ul>")
        return "\n".join(out)

    def sidebar(self) -> str:
        recent = "".join(f'<li><a href="{esc(p)}">{esc(t)}</a> <span class="post-date">{d.day} {d:%m/%Y}</span></li>'
                         for t, p, d in self.news[:8])
        months = sorted({(d.year, d.month) for _, _, d in self.news}, reverse=True)[:12]
        archive = "".join(f'<li><a href="/berita/">{m:02d}/{y}</a></li>' for y, m in months)
        tags = "".join(f'<a href="/berita/" class="tag-cloud-link" style="font-size:{self.rng.randrange(8, 22)}pt">{esc(w)}</a>'
                       for w in ["pelayanan publik", "standar pelayanan", "ombudsman", "inovasi", "kependudukan",
                                 "perizinan", "kesehatan", "bansos", "UMKM", "survei kepuasan", "maklumat", "pengaduan"])
        return f"""<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/">
<label><span class="screen-reader-text">Cari:</span><input type="search" class="search-field" name="s" placeholder="Cari &hellip;"></label>
<input type="submit" class="search-submit" value="Cari"></form></section>
<section class="widget widget_text"><h3 class="widget-title">Jam Pelayanan</h3><div class="textwidget">
<p>Senin &ndash; Kamis: 08.00 &ndash; 15.30 WIB<br>Jumat: 08.00 &ndash; 11.30 WIB<br>Istirahat: 12.00 &ndash; 13.00 WIB</p></div></section>
<section class="widget widget_recent_entries"><h3 class="widget-title">Berita Terbaru</h3><ul>{recent}</ul></section>
<section class="widget widget_archive"><h3 class="widget-title">Arsip</h3><ul>{archive}</ul></section>
<section class="widget widget_tag_cloud"><h3 class="widget-title">Tag</h3><div class="tagcloud">{tags}</div></section>
<section class="widget widget_links"><h3 class="widget-title">Tautan Terkait</h3><ul>
<li><a href="https://ombudsman.go.id/" target="_blank" rel="noopener">Ombudsman Republik Indonesia</a></li>
<li><a href="https://www.lapor.go.id/" target="_blank" rel="noopener">SP4N-LAPOR!</a></li>
<li><a href="https://sippn.menpan.go.id/" target="_blank" rel="noopener">SIPPN KemenPANRB</a></li>
<li><a href="https://jdih.setkab.go.id/" target="_blank" rel="noopener">JDIH Sekretariat Kabinet</a></li>
</ul></section>
<section class="widget widget_statistik"><h3 class="widget-title">Statistik Pengunjung</h3>
<p>Hari ini: {self.rng.randrange(20, 900)}<br>Bulan ini: {self.rng.randrange(1000, 30000)}<br>Total: {self.rng.randrange(50000, 900000)}</p></section>
</aside>"""

    def related(self, path: str, k: int = 10) -> str:
        pool = [p for p in self.html_paths if p != path]
        picks = self.rng.sample(pool, min(k, len(pool)))
        items = "".join(f'<article><h4><a href="{esc(p)}">{esc(self.titles[p])}</a></h4>'
                        f'<p>{esc(self.rng.choice(NEWS_SENTENCES))}</p></article>' for p in picks)
        return f'<section class="related-posts"><h3>Baca Juga</h3>{items}</section>'

    def page(self, path: str, title: str, body: str, crumbs: list[tuple[str, str | None]], body_class="page") -> bytes:
        trail = ['<a href="/">Beranda</a>'] + [f'<a href="{esc(h)}">{esc(t)}</a>' if h else f"<span>{esc(t)}</span>"
                                               for t, h in crumbs]
        target = int(self.rng.gauss(self.page_kb, self.page_kb * 0.2) * 1024)
        head = f"""<!DOCTYPE html>
<html lang="id-ID">
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} &#8211; {esc(self.unit)}</title>
<meta name="description" content="{esc(title)} &#8211; situs resmi {esc(self.unit)}.">
<meta name="generator" content="WordPress 6.4.3">
<link rel="canonical" href="http://{self.p.host}{esc(path)}">
<link rel="stylesheet" id="wp-block-library-css" href="/wp-includes/css/dist/block-library/style.min.css?ver=6.4.3" media="all">
<style id="pemda-lite-inline-css">{CSS % {"c": self.color}}</style>
{SCRIPT % {"n": len(self.p.pemda)}}
</head>
<body class="{body_class} wp-theme-pemda-lite" id="top">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Lewati ke konten</a>
<div class="topbar"><div class="container">
<a href="tel:{esc(self.phone)}">&#9742; {esc(self.phone)}</a> <a href="mailto:{esc(self.email)}">&#9993; {esc(self.email)}</a>
<a href="https://www.facebook.com/{esc(self.p.host)}" target="_blank" rel="noopener">Facebook</a>
<a href="https://www.instagram.com/{esc(self.p.host.split('.')[0])}/" target="_blank" rel="noopener">Instagram</a>
</div></div>
<header id="masthead" class="site-header"><div class="container">
<div class="site-branding"><a href="/" rel="home"><img src="/wp-content/uploads/logo.png" alt="Logo {esc(self.p.pemda_name)}" width="64" height="64"></a>
<div><p class="site-title"><a href="/" rel="home">{esc(self.short)}</a></p><p class="site-description">{esc(self.unit)}</p></div></div></div>
<nav id="site-navigation" class="main-navigation" aria-label="Menu Utama"><div class="container">
{self.menu(path)}
</div></nav></header>
<div class="container"><nav class="breadcrumbs" aria-label="Breadcrumb">{" &raquo; ".join(trail)}</nav></div>
<div id="content" class="site-content container">
<main id="primary" class="content-area">
<article class="{body_class} type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{esc(title)}</h1></header>
<div class="entry-content">
"""
        tail_chrome = f"""</div>
<footer class="entry-footer"><a href="javascript:window.print()">Cetak halaman ini</a></footer>
</article>
{{related}}
</main>
{self.sidebar()}
</div>
<footer id="colophon" class="site-footer"><div class="container">
<div class="footer-widgets"><h4>{esc(self.unit)}</h4>
<p>Jl. {esc(self.rng.choice(VILLAGES))} No. {self.rng.randrange(1, 200)}, {esc(self.p.pemda_name)}, {esc(self.p.province)}<br>
Telp. {esc(self.phone)} &middot; E-mail: <a href="mailto:{esc(self.email)}">{esc(self.email)}</a></p>
<p><a href="http://{self.p.pemda}/">Portal {esc(self.p.pemda_name)}</a> &middot; <a href="/unduhan/">Unduhan</a> &middot; <a href="#top">Kembali ke atas</a></p></div>
<div class="site-info">&copy; 2024 {esc(self.unit)}. Dikelola oleh Dinas Komunikasi dan Informatika.</div>
</div></footer>
</div>
<script src="/wp-includes/js/jquery/jquery.min.js?ver=3.7.1" id="jquery-core-js"></script>
<script src="/wp-content/themes/pemda-lite/js/navigation.js?ver=1.2" id="pemda-navigation-js"></script>
</body>
</html>
"""
        related = self.related(path)
        size = len(head) + len(body) + len(tail_chrome) + len(related)
        extra = []
        while size < target:  # pad like WordPress does: comments under the post
            name = f"{self.rng.choice(FIRST)} {self.rng.choice(LAST)}"
            text = " ".join(self.rng.sample(NEWS_SENTENCES, 3))
            chunk = (f'<li class="comment"><article class="comment-body"><footer class="comment-meta"><b class="fn">{esc(name)}</b> '
                     f'<time>{self.rng.randrange(1, 28)}/{self.rng.randrange(1, 12)}/2024</time></footer>'
                     f'<div class="comment-content"><p>{esc(text)}</p></div></article></li>\n')
            extra.append(chunk)
            size += len(chunk)
        if extra:
            related += '<section id="comments" class="comments-area"><h3>Komentar</h3><ol class="comment-list">' + "".join(extra) + "</ol></section>"
        return (head + body + tail_chrome.replace("{related}", related)).encode("utf-8")

    # -- content --------------------------------------------------------------------------------------

    def components(self, service: str) -> dict:
        r = self.rng
        a, b = r.randrange(1000, 9999), r.randrange(1000, 9999)
        return {
            "persyaratan": r.sample(PERSYARATAN, r.randrange(2, 6)),
            "prosedur": r.sample(PROSEDUR, r.randrange(3, 7)),
            "waktu": r.choice(WAKTU),
            "biaya": r.choice(BIAYA),
            "produk": service.replace("Penerbitan ", "").replace("Pendaftaran ", "Tanda bukti pendaftaran "),
            "pengaduan": [c.format(a=a, b=b, host=self.p.host, c=f"07{r.randrange(10, 99)}", d=r.randrange(600000, 699999))
                          for c in r.sample(PENGADUAN_CH, r.randrange(2, 5))],
        }

    @staticmethod
    def ol(items: list[str]) -> str:
        return "<ol>" + "".join(f"<li>{esc(i)};</li>" for i in items) + "</ol>"

    def standard_body(self, layout: str, services: list[str]) -> str:
        intro = (f"<p>Sesuai Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik dan Peraturan Menteri PANRB Nomor 15 "
                 f"Tahun 2014, {esc(self.unit)} menetapkan standar pelayanan berikut dengan Keputusan Kepala Nomor "
                 f"{self.rng.randrange(100, 999)}/{self.rng.randrange(1, 99)}/SK/{self.rng.randrange(2021, 2025)}.</p>")
        data = [(s, self.components(s)) for s in services]
        out = [intro]
        if layout == "komponen":
            for s, c in data:
                rows = [("Persyaratan", self.ol(c["persyaratan"])), ("Sistem, Mekanisme dan Prosedur", self.ol(c["prosedur"])),
                        ("Jangka Waktu Penyelesaian", esc(c["waktu"]) + "."), ("Biaya/Tarif", esc(c["biaya"]) + "."),
                        ("Produk Pelayanan", esc(c["produk"]) + "."),
                        ("Penanganan Pengaduan, Saran dan Masukan", self.ol(c["pengaduan"]))]
                out.append(f"<h2>{esc(s)}</h2>")
                out.append('<table class="wp-block-table standar-pelayanan"><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead><tbody>'
                           + "".join(f"<tr><td>{n}</td><td>{k}</td><td>{v}</td></tr>" for n, (k, v) in enumerate(rows, 1))
                           + "</tbody></table>")
        elif layout == "wide":
            out.append('<table class="wp-block-table"><thead><tr><th>No</th><th>Jenis Layanan</th><th>Persyaratan</th>'
                       '<th>Prosedur</th><th>Waktu Penyelesaian</th><th>Biaya/Tarif</th><th>Produk Layanan</th></tr></thead><tbody>')
            for n, (s, c) in enumerate(data, 1):
                out.append(f"<tr><td>{n}</td><td>{esc(s)}</td><td>{self.ol(c['persyaratan'])}</td><td>{self.ol(c['prosedur'])}</td>"
                           f"<td>{esc(c['waktu'])}</td><td>{esc(c['biaya'])}</td><td>{esc(c['produk'])}</td></tr>")
            out.append("</tbody></table>")
            out.append(f"<p><strong>Pengaduan:</strong> {esc('; '.join(data[0][1]['pengaduan']))}.</p>")
        elif layout == "accordion":
            out.append('<div class="accordion" id="accordionStandar">')
            for n, (s, c) in enumerate(data):
                inner = (f"<h4>Persyaratan</h4>{self.ol(c['persyaratan'])}<h4>Prosedur</h4>{self.ol(c['prosedur'])}"
                         f"<h4>Waktu Penyelesaian</h4><p>{esc(c['waktu'])}</p><h4>Biaya</h4><p>{esc(c['biaya'])}</p>"
                         f"<h4>Produk Pelayanan</h4><p>{esc(c['produk'])}</p>")
                out.append(f'<div class="accordion-item"><h2 class="accordion-header" id="h{n}"><button class="accordion-button collapsed" '
                           f'type="button" data-bs-toggle="collapse" data-bs-target="#c{n}">{esc(s)}</button></h2>'
                           f'<div id="c{n}" class="accordion-collapse collapse" data-bs-parent="#accordionStandar"><div class="accordion-body">{inner}</div></div></div>')
            out.append("</div>")
        elif layout == "sections":
            for s, c in data:
                out.append(f"<h2>{esc(s)}</h2><h3>Persyaratan</h3>{self.ol(c['persyaratan'])}<h3>Prosedur</h3>{self.ol(c['prosedur'])}"
                           f"<p><strong>Jangka Waktu Penyelesaian:</strong> {esc(c['waktu'])}.</p>"
                           f"<p><strong>Biaya:</strong> {esc(c['biaya'])}.</p><p><strong>Produk Pelayanan:</strong> {esc(c['produk'])}.</p>")
        else:  # lists
            for s, c in data:
                out.append(f"<h3>{esc(s)}</h3><ul class='standar'>"
                           f"<li><strong>Persyaratan:</strong> {esc('; '.join(c['persyaratan']))}.</li>"
                           f"<li><strong>Prosedur:</strong> {esc('; '.join(c['prosedur']))}.</li>"
                           f"<li><strong>Waktu:</strong> {esc(c['waktu'])}.</li><li><strong>Biaya:</strong> {esc(c['biaya'])}.</li>"
                           f"<li><strong>Produk:</strong> {esc(c['produk'])}.</li></ul>")
        if self.pdfs and self.rng.random() < 0.5:
            t, p, _ = self.rng.choice(self.pdfs)
            out.append(f'<p>Unduh dokumen: <a href="{esc(p)}">{esc(t)} (PDF)</a></p>')
        return "\n".join(out)

    def news_body(self, title: str, day: date) -> str:
        r = self.rng
        paras = [f'<p class="entry-meta">{day:%d/%m/%Y} &middot; Ditulis oleh Humas &middot; Kategori: Berita</p>']
        mention = r.random() < 0.3
        for i in range(r.randrange(4, 9)):
            sents = r.sample(NEWS_SENTENCES, 3)
            if mention and i == 1:
                service = r.choice(self.services)
                sents.insert(1, r.choice(STANDARD_SENTENCES).format(service=service, waktu=r.choice(WAKTU), unit=self.short))
            paras.append("<p>" + ("<strong>" + esc(self.p.pemda_name.split(' ', 1)[1].upper()) + "</strong> &ndash; " if i == 0 else "")
                         + esc(" ".join(sents)) + "</p>")
        paras.append('<p class="tags">Tag: <a href="/berita/">pelayanan publik</a>, <a href="/layanan/">layanan</a></p>')
        return "\n".join(paras)

    def profile_body(self, title: str) -> str:
        r = self.rng
        out = [f"<p>{esc(self.unit)} merupakan unsur pelaksana urusan pemerintahan yang menjadi kewenangan daerah.</p>"]
        out.append("<h2>Visi</h2><p>&ldquo;Terwujudnya pelayanan publik yang prima, transparan dan akuntabel.&rdquo;</p><h2>Misi</h2><ol>"
                   + "".join(f"<li>{esc(s)}</li>" for s in r.sample(NEWS_SENTENCES, 4)) + "</ol>")
        rows = "".join(f"<tr><td>{i}</td><td>{esc(r.choice(FIRST))} {esc(r.choice(LAST))}, S.{r.choice('EHPT')}.</td>"
                       f"<td>{r.choice(['Kepala Dinas', 'Sekretaris', 'Kepala Bidang', 'Kepala Seksi', 'Kasubbag Umum'])}</td>"
                       f"<td>19{r.randrange(65, 95)}{r.randrange(10, 12)}{r.randrange(10, 28)} 20{r.randrange(10, 20)}01 {r.randrange(1, 2)} 00{r.randrange(1, 9)}</td></tr>"
                       for i in range(1, r.randrange(5, 12)))
        out.append(f"<h2>Pejabat</h2><table><thead><tr><th>No</th><th>Nama</th><th>Jabatan</th><th>NIP</th></tr></thead><tbody>{rows}</tbody></table>")
        return "\n".join(out)

    def generate(self) -> None:
        self.layout()
        pc = self.p.pemda_name
        # home
        latest = "".join(f'<article class="post-excerpt"><h3><a href="{esc(p)}">{esc(t)}</a></h3><p class="entry-meta">{d:%d/%m/%Y}</p>'
                         f'<p>{esc(self.rng.choice(NEWS_SENTENCES))}&hellip;</p></article>' for t, p, d in self.news[:6])
        layanan = "".join(f'<li><a href="{esc(p)}">{esc(t.replace("Standar Pelayanan ", ""))}</a></li>' for t, p, *_ in self.standards[:8])
        opd = "".join(f'<li><a href="http://{h}/">{esc(OPD[h.split(".")[0]][0])}</a></li>' for h in self.p.siblings if h != self.p.pemda)
        home = (f"<section class='welcome'><p><strong>Selamat datang di situs resmi {esc(self.unit)}.</strong> "
                f"Situs ini memuat informasi layanan, standar pelayanan, berita dan pengaduan.</p></section>"
                f"<h2>Layanan</h2><ul>{layanan}</ul><p class='wp-block-button'><a href='/layanan/'>Semua layanan</a></p>"
                + (f"<h2>Perangkat Daerah</h2><ul>{opd}</ul>" if opd else "")
                + f"<h2>Berita Terbaru</h2>{latest}<p><a href='/berita/'>Indeks berita &raquo;</a></p>"
                f"<div class='box'><h2>Pengaduan</h2><p>Sampaikan pengaduan melalui <a href='https://www.lapor.go.id/'>SP4N-LAPOR!</a> "
                f"atau <a href='/pengaduan/'>halaman pengaduan</a>.</p></div>")
        self.put("/", self.page("/", "Beranda", home, [], "home"))
        self.put("/profil/", self.page("/profil/", "Profil", self.profile_body("Profil")
                 + "<ul>" + "".join(f'<li><a href="{esc(p)}">{esc(t)}</a></li>' for t, p in self.profile) + "</ul>",
                 [("Profil", None)]))
        for t, p in self.profile:
            self.put(p, self.page(p, t, self.profile_body(t), [("Profil", "/profil/"), (t, None)]))
        index = "".join(f'<tr><td>{n}</td><td><a href="{esc(p)}">{esc(t.replace("Standar Pelayanan ", ""))}</a></td></tr>'
                        for n, (t, p, *_) in enumerate(self.standards, 1))
        self.put("/layanan/", self.page("/layanan/", "Layanan", "<p>Daftar layanan dan standar pelayanan:</p><table><thead>"
                 f"<tr><th>No</th><th>Layanan</th></tr></thead><tbody>{index}</tbody></table>", [("Layanan", None)]))
        for t, p, layout, group in self.standards:
            self.put(p, self.page(p, t, self.standard_body(layout, group), [("Layanan", "/layanan/"), (t, None)]))
        for k, (t, p) in enumerate(self.listings):
            chunk = self.news[k * 20:(k + 1) * 20]
            items = "".join(f'<article class="post-excerpt"><h2><a href="{esc(np)}">{esc(nt)}</a></h2><p class="entry-meta">{d:%d/%m/%Y}</p>'
                            f'<p>{esc(self.rng.choice(NEWS_SENTENCES))}&hellip;</p></article>' for nt, np, d in chunk)
            pager = " ".join(f'<a href="{esc(lp)}">{i + 1}</a>' for i, (_, lp) in enumerate(self.listings))
            self.put(p, self.page(p, t, items + f'<nav class="pagination">{pager}</nav>', [("Berita", None)], "blog"))
        for t, p, d in self.news:
            self.put(p, self.page(p, t, self.news_body(t, d), [("Berita", "/berita/"), (t, None)], "single single-post"))
        files = "".join(f'<li><a href="{esc(p)}">{esc(t)}</a> (PDF)</li>' for t, p, _ in self.pdfs)
        self.put("/unduhan/", self.page("/unduhan/", "Unduhan", f"<p>Dokumen yang dapat diunduh:</p><ul>{files}</ul>", [("Unduhan", None)]))
        c = self.components(self.services[0])
        self.put("/pengaduan/", self.page("/pengaduan/", "Layanan Pengaduan",
                 f"<p>{esc(self.unit)} menerima pengaduan, saran dan masukan masyarakat.</p><h2>Saluran Pengaduan</h2>{self.ol(c['pengaduan'])}"
                 "<h2>Alur Penanganan Pengaduan</h2><ol><li>Pengaduan diterima dan dicatat;</li><li>Pengaduan diteruskan kepada bidang terkait;</li>"
                 "<li>Bidang terkait menindaklanjuti dan menjawab paling lama 5 hari kerja.</li></ol>", [("Pengaduan", None)]))
        self.put("/maklumat/", self.page("/maklumat/", "Maklumat Pelayanan",
                 '<div class="maklumat box" style="text-align:center"><h2>MAKLUMAT PELAYANAN</h2><p><strong>&ldquo;DENGAN INI KAMI '
                 "MENYATAKAN SANGGUP MENYELENGGARAKAN PELAYANAN SESUAI STANDAR PELAYANAN YANG TELAH DITETAPKAN DAN APABILA TIDAK "
                 "MENEPATI JANJI INI, KAMI SIAP MENERIMA SANKSI SESUAI PERATURAN PERUNDANG-UNDANGAN YANG BERLAKU.&rdquo;</strong></p>"
                 f"<p>Kepala {esc(self.unit)},</p><p><strong><u>{esc(self.rng.choice(FIRST))} {esc(self.rng.choice(LAST))}</u></strong></p></div>",
                 [("Maklumat", None)]))
        for t, p, service in self.pdfs:
            self.put(p, self.pdf(t, service))
        self.put("/robots.txt", (f"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\nDisallow: /?s=\n\n"
                                 f"Sitemap: http://{self.p.host}/sitemap.xml\n").encode())
        urls = "".join(f"<url><loc>http://{self.p.host}{esc(p)}</loc><changefreq>weekly</changefreq></url>\n"
                       for p in self.titles)
        self.put("/sitemap.xml", ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
                                  + urls + "</urlset>\n").encode())

    def pdf(self, title: str, service: str) -> bytes:
        from fpdf import FPDF

        def latin(s: str) -> str:
            return s.replace("–", "-").replace("—", "-").encode("latin-1", "replace").decode("latin-1")

        group = [service] + self.rng.sample([s for s in self.services if s != service], min(len(self.services) - 1, self.rng.randrange(1, 4)))
        doc = FPDF(format="A4")
        doc.set_creation_date(PDF_DATE)  # fixed: the same flags give the same bytes
        doc.set_title(latin(title))
        doc.add_page()
        doc.set_font("Helvetica", "B", 12)
        doc.multi_cell(0, 6, latin(f"KEPUTUSAN KEPALA {self.unit.upper()}\nTENTANG STANDAR PELAYANAN"), align="C", new_x="LMARGIN", new_y="NEXT")
        doc.ln(4)
        doc.set_font("Helvetica", "", 10)
        for _ in range(self.rng.randrange(2, 6)):
            doc.multi_cell(0, 5, latin(" ".join(self.rng.sample(NEWS_SENTENCES, 4))), new_x="LMARGIN", new_y="NEXT")
        for number, name in enumerate(group, 1):
            self.pdf_service(doc, latin, number, name)
        return bytes(doc.output())

    def pdf_service(self, doc, latin, number: int, service: str) -> None:
        c = self.components(service)
        doc.ln(3)
        doc.set_font("Helvetica", "B", 11)
        doc.multi_cell(0, 5, latin(f"Lampiran {number}: Standar Pelayanan {service}"), new_x="LMARGIN", new_y="NEXT")
        doc.ln(2)
        parts = [("Persyaratan", "\n".join(f"{i}. {x};" for i, x in enumerate(c["persyaratan"], 1))),
                 ("Sistem, Mekanisme dan Prosedur", "\n".join(f"{i}. {x};" for i, x in enumerate(c["prosedur"], 1))),
                 ("Jangka Waktu Penyelesaian", c["waktu"]), ("Biaya/Tarif", c["biaya"]), ("Produk Pelayanan", c["produk"]),
                 ("Penanganan Pengaduan, Saran dan Masukan", "\n".join(f"{i}. {x};" for i, x in enumerate(c["pengaduan"], 1)))]
        for n, (k, v) in enumerate(parts, 1):
            doc.set_font("Helvetica", "B", 10)
            doc.multi_cell(0, 5, latin(f"{n}. {k}"), new_x="LMARGIN", new_y="NEXT")
            doc.set_font("Helvetica", "", 10)
            doc.multi_cell(0, 5, latin(v), new_x="LMARGIN", new_y="NEXT")
            doc.ln(1)

    def put(self, path: str, data: bytes) -> None:
        self.files[path] = data

    def write(self, root: Path) -> tuple[int, int, int]:
        """(html pages, pdfs, bytes) written under root/<host>/."""
        base = root / self.p.host
        n_html = n_pdf = total = 0
        for path, data in self.files.items():
            rel = path.lstrip("/")
            if not rel or rel.endswith("/"):
                rel += "index.html"
            target = base / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            total += len(data)
            if path.endswith(".pdf"):
                n_pdf += 1
            elif path.endswith("/") or path.endswith(".html"):
                n_html += 1
        return n_html, n_pdf, total


def _generate_host(args: tuple) -> tuple[str, int, int, int]:
    plan, pages, seed, page_kb, root = args
    writer = HostWriter(plan, pages, seed, page_kb)
    writer.generate()
    return (plan.host, *writer.write(Path(root)))


# --------------------------------------------------------------------------------------------------------
# Corpus
# --------------------------------------------------------------------------------------------------------


def corpus_dir(out: Path, sites: int, pages: int, seed: int, hosts_per_pemda: int) -> Path:
    return Path(out) / f"corpus-{sites}x{pages}-h{hosts_per_pemda}-s{seed}"


def generate(out: Path, sites: int, pages: int, seed: int = 1, hosts_per_pemda: int = 4, page_kb: float = 30.0,
             jobs: int = 0, quiet: bool = False) -> dict:
    """Write the corpus; return its manifest."""
    root = corpus_dir(out, sites, pages, seed, hosts_per_pemda)
    if root.exists():
        shutil.rmtree(root)
    (root / "sites").mkdir(parents=True)
    plans = plan_hosts(sites, hosts_per_pemda, seed)
    started = time.monotonic()
    work = [(p, pages, seed, page_kb, str(root / "sites")) for p in plans]
    jobs = jobs or os.cpu_count() or 1
    results = []
    if jobs == 1 or len(work) < 4:
        results = [_generate_host(w) for w in work]
    else:
        with ProcessPoolExecutor(jobs) as pool:
            for i, r in enumerate(pool.map(_generate_host, work, chunksize=4), 1):
                results.append(r)
                if not quiet and i % 100 == 0:
                    print(f"  generated {i}/{len(work)} hosts", file=sys.stderr)
    pemda = {}
    for p in plans:
        pemda.setdefault(p.pemda, []).append(p.host)
    manifest = {
        "version": GENERATOR_VERSION, "sites": sites, "pages": pages, "seed": seed, "hosts_per_pemda": hosts_per_pemda,
        "page_kb": page_kb, "root": str(root), "sites_dir": str(root / "sites"),
        "hosts": [p.host for p in plans], "pemda": pemda,
        "html_pages": sum(r[1] for r in results), "pdfs": sum(r[2] for r in results),
        "bytes": sum(r[3] for r in results), "generate_seconds": round(time.monotonic() - started, 2),
    }
    manifest["documents"] = manifest["html_pages"] + manifest["pdfs"]
    (root / "manifest.json").write_text(json.dumps(manifest, indent=1))
    return manifest


def ensure_corpus(out: Path, sites: int, pages: int, seed: int = 1, hosts_per_pemda: int = 4, page_kb: float = 30.0,
                  jobs: int = 0, quiet: bool = False) -> dict:
    """The corpus for these parameters, generated only if missing or stale."""
    root = corpus_dir(out, sites, pages, seed, hosts_per_pemda)
    try:
        manifest = json.loads((root / "manifest.json").read_text())
        if manifest.get("version") == GENERATOR_VERSION and manifest.get("page_kb") == page_kb:
            return manifest
    except (OSError, ValueError):
        pass
    return generate(out, sites, pages, seed, hosts_per_pemda, page_kb, jobs, quiet)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sites", type=int, default=20, help="hosts (portal + OPD subdomains), default 20")
    ap.add_argument("--pages", type=int, default=50, help="documents per host (HTML + PDF), default 50")
    ap.add_argument("--hosts-per-pemda", type=int, default=4, help="hosts per pemda: portal + OPDs (default 4)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--page-kb", type=float, default=30.0, help="mean HTML page size in KB (default 30)")
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"parent directory (default {DEFAULT_OUT})")
    ap.add_argument("--jobs", type=int, default=0, help="processes (default: one per core)")
    ap.add_argument("--force", action="store_true", help="regenerate even if a matching corpus exists")
    args = ap.parse_args(argv)
    fn = generate if args.force else ensure_corpus
    m = fn(args.out, args.sites, args.pages, args.seed, args.hosts_per_pemda, args.page_kb, args.jobs)
    print(f"{m['root']}: {len(m['hosts'])} hosts in {len(m['pemda'])} pemda, {m['html_pages']} HTML pages + "
          f"{m['pdfs']} PDFs, {m['bytes'] / 1e6:.1f} MB (generated in {m['generate_seconds']} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Generates the sample DPMPTSP standard: an SK Kepala Dinas "tentang Standar Pelayanan" as a text PDF.

    python -m pantau.sample_site.make_pdf        # rewrites the committed PDF under hosts/

Deterministic: core Helvetica font (latin-1 text only), a fixed creation date and fixed metadata, so the
same fpdf2 version always writes the same bytes. The content is fictional.
"""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.fonts import FontFace

from pantau.sample_site import HOSTS_DIR

PDF_HOST = "dpmptsp.lampungtimurkab.go.id"
PDF_PATH = "/wp-content/uploads/2023/06/SK-Standar-Pelayanan-DPMPTSP-2023.pdf"
CREATED = datetime(2023, 6, 12, 9, 0, 0, tzinfo=timezone.utc)

UNIT = "DINAS PENANAMAN MODAL DAN PELAYANAN TERPADU SATU PINTU"

# (service name, [(komponen, uraian), ...]) - the lampiran, one table per service.
SERVICES: list[tuple[str, list[tuple[str, str]]]] = [
    (
        "Persetujuan Bangunan Gedung (PBG)",
        [
            ("Dasar Hukum",
             "1. Undang-Undang Nomor 28 Tahun 2002 tentang Bangunan Gedung;\n"
             "2. Peraturan Pemerintah Nomor 16 Tahun 2021;\n"
             "3. Peraturan Daerah Kabupaten Lampung Timur Nomor 1 Tahun 2024 tentang Pajak Daerah dan "
             "Retribusi Daerah."),
            ("Persyaratan",
             "1. Fotokopi KTP pemohon;\n"
             "2. Fotokopi bukti kepemilikan hak atas tanah (sertipikat) atau surat perjanjian pemanfaatan tanah;\n"
             "3. Dokumen rencana teknis (gambar arsitektur, struktur dan utilitas);\n"
             "4. Surat pernyataan bermaterai tentang kebenaran dokumen;\n"
             "5. Akun SIMBG (simbg.pu.go.id)."),
            ("Sistem, Mekanisme dan Prosedur",
             "1. Pemohon mendaftar dan mengunggah dokumen melalui SIMBG;\n"
             "2. Petugas memeriksa kelengkapan dokumen;\n"
             "3. Tim Profesi Ahli (TPA) melakukan konsultasi dan penilaian teknis;\n"
             "4. Penerbitan Surat Ketetapan Retribusi Daerah (SKRD) dan pembayaran retribusi;\n"
             "5. PBG diterbitkan dan dapat diunduh melalui SIMBG."),
            ("Jangka Waktu Penyelesaian",
             "Paling lama 28 (dua puluh delapan) hari kerja sejak dokumen dinyatakan lengkap dan benar."),
            ("Biaya/Tarif",
             "Retribusi PBG sesuai Peraturan Daerah Kabupaten Lampung Timur Nomor 1 Tahun 2024 tentang Pajak "
             "Daerah dan Retribusi Daerah, dibayar melalui bank persepsi."),
            ("Produk Pelayanan", "Persetujuan Bangunan Gedung (PBG)."),
            ("Penanganan Pengaduan, Saran dan Masukan",
             "1. SP4N-LAPOR! (www.lapor.go.id);\n"
             "2. WhatsApp Pengaduan 0812-7900-4455;\n"
             "3. E-mail: pengaduan.dpmptsp@lampungtimurkab.go.id;\n"
             "4. Kotak saran dan meja pengaduan di Mal Pelayanan Publik."),
            ("Sarana dan Prasarana", "Ruang tunggu, loket pelayanan, komputer, jaringan internet, ruang laktasi."),
            ("Kompetensi Pelaksana", "Memahami ketentuan bangunan gedung dan aplikasi SIMBG."),
            ("Jumlah Pelaksana", "4 (empat) orang."),
        ],
    ),
    (
        "Izin Penyelenggaraan Reklame",
        [
            ("Dasar Hukum",
             "Peraturan Bupati Lampung Timur Nomor 22 Tahun 2022 tentang Penyelenggaraan Reklame."),
            ("Persyaratan",
             "1. Surat permohonan;\n"
             "2. Fotokopi KTP pemohon dan NIB;\n"
             "3. Desain dan ukuran reklame;\n"
             "4. Foto lokasi titik reklame;\n"
             "5. Surat izin pemilik lahan atau bangunan."),
            ("Sistem, Mekanisme dan Prosedur",
             "1. Pemohon mengajukan berkas di loket DPMPTSP;\n"
             "2. Verifikasi berkas dan peninjauan lokasi oleh tim teknis;\n"
             "3. Penandatanganan izin oleh Kepala Dinas;\n"
             "4. Penyerahan izin kepada pemohon."),
            ("Jangka Waktu Penyelesaian", "5 (lima) hari kerja."),
            ("Biaya/Tarif", "Rp 0,- (tidak dipungut biaya)."),
            ("Produk Pelayanan", "Izin Penyelenggaraan Reklame."),
            ("Penanganan Pengaduan, Saran dan Masukan",
             "SP4N-LAPOR!, WhatsApp 0812-7900-4455, e-mail pengaduan.dpmptsp@lampungtimurkab.go.id."),
            ("Jumlah Pelaksana", "2 (dua) orang."),
        ],
    ),
    (
        "Penerbitan Nomor Induk Berusaha (NIB) melalui OSS RBA",
        [
            ("Dasar Hukum",
             "Peraturan Pemerintah Nomor 5 Tahun 2021 tentang Penyelenggaraan Perizinan Berusaha Berbasis Risiko."),
            ("Persyaratan",
             "1. KTP-el dan NPWP pemohon;\n"
             "2. Alamat e-mail dan nomor telepon aktif;\n"
             "3. Data usaha (lokasi, KBLI, modal usaha)."),
            ("Sistem, Mekanisme dan Prosedur",
             "1. Pemohon datang ke meja pendampingan OSS di Mal Pelayanan Publik;\n"
             "2. Petugas membantu pembuatan akun dan pengisian data di oss.go.id;\n"
             "3. NIB terbit secara elektronik dan dicetak."),
            ("Jangka Waktu Penyelesaian", "60 (enam puluh) menit."),
            ("Biaya/Tarif", "Gratis."),
            ("Produk Pelayanan", "Nomor Induk Berusaha (NIB)."),
            ("Penanganan Pengaduan, Saran dan Masukan",
             "SP4N-LAPOR!, WhatsApp 0812-7900-4455, kotak saran di Mal Pelayanan Publik."),
        ],
    ),
]


def build_pdf() -> bytes:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)
    pdf.set_title("Keputusan Kepala DPMPTSP Kabupaten Lampung Timur tentang Standar Pelayanan")
    pdf.set_author("DPMPTSP Kabupaten Lampung Timur")
    pdf.set_subject("Standar Pelayanan")
    pdf.set_creator("Microsoft Word")
    pdf.set_producer("pantau sample site (fpdf2)")
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)

    # Page 1: the decree.
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 12)
    for line in ("KEPUTUSAN KEPALA " + UNIT, "KABUPATEN LAMPUNG TIMUR",
                 "NOMOR: 503/112/SK/DPMPTSP/2023", "", "TENTANG", "",
                 "STANDAR PELAYANAN PADA " + UNIT, "KABUPATEN LAMPUNG TIMUR", "",
                 "KEPALA " + UNIT + " KABUPATEN LAMPUNG TIMUR,"):
        pdf.multi_cell(0, 6, line, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("Helvetica", "", 10.5)

    def clause(label: str, text: str) -> None:
        pdf.set_font("Helvetica", "B", 10.5)
        pdf.cell(32, 5.5, label)
        pdf.set_font("Helvetica", "", 10.5)
        pdf.multi_cell(0, 5.5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)

    clause("Menimbang", ": bahwa untuk melaksanakan ketentuan Pasal 20 ayat (1) Undang-Undang Nomor 25 Tahun "
                        "2009 tentang Pelayanan Publik, perlu menetapkan Keputusan Kepala Dinas tentang Standar "
                        "Pelayanan pada " + UNIT.title() + " Kabupaten Lampung Timur;")
    clause("Mengingat", ": 1. Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik;\n"
                        "  2. Peraturan Pemerintah Nomor 96 Tahun 2012 tentang Pelaksanaan Undang-Undang Nomor "
                        "25 Tahun 2009 tentang Pelayanan Publik;\n"
                        "  3. Peraturan Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi Nomor 15 "
                        "Tahun 2014 tentang Pedoman Standar Pelayanan.")
    pdf.set_font("Helvetica", "B", 11)
    pdf.cell(0, 8, "MEMUTUSKAN:", align="C", new_x="LMARGIN", new_y="NEXT")
    clause("Menetapkan", ": STANDAR PELAYANAN PADA " + UNIT + " KABUPATEN LAMPUNG TIMUR.")
    clause("KESATU", ": Standar Pelayanan sebagaimana tercantum dalam Lampiran yang merupakan bagian tidak "
                     "terpisahkan dari Keputusan ini.")
    clause("KEDUA", ": Standar Pelayanan wajib dipublikasikan dan menjadi acuan dalam penilaian kinerja "
                    "pelayanan.")
    clause("KETIGA", ": Keputusan ini mulai berlaku pada tanggal ditetapkan.")
    pdf.ln(4)
    pdf.set_x(110)
    pdf.multi_cell(0, 5.5, "Ditetapkan di Sukadana\npada tanggal 12 Juni 2023\n\nKEPALA DINAS,\n\n\n\n"
                           "Ir. BAMBANG SETIAWAN, M.T.\nNIP. 19720415 199803 1 004",
                   new_x="LMARGIN", new_y="NEXT")

    # The lampiran: one No | Komponen | Uraian table per service.
    for index, (service, rows) in enumerate(SERVICES, start=1):
        pdf.add_page()
        pdf.set_font("Helvetica", "B", 10)
        pdf.multi_cell(0, 5, "LAMPIRAN KEPUTUSAN KEPALA DPMPTSP KABUPATEN LAMPUNG TIMUR\n"
                             "NOMOR 503/112/SK/DPMPTSP/2023", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 11)
        pdf.multi_cell(0, 6, f"{chr(64 + index)}. STANDAR PELAYANAN {service.upper()}",
                       new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
        pdf.set_font("Helvetica", "", 9.5)
        with pdf.table(col_widths=(10, 45, 115), text_align=("CENTER", "LEFT", "LEFT"),
                       headings_style=FontFace(emphasis="BOLD", fill_color=(220, 220, 220)),
                       line_height=5) as table:
            table.row(("No", "Komponen", "Uraian"))
            for number, (component, text) in enumerate(rows, start=1):
                table.row((str(number), component, text))
    return bytes(pdf.output())


def write(root: Path = HOSTS_DIR) -> Path:
    target = root / PDF_HOST / PDF_PATH.lstrip("/")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(build_pdf())
    return target


if __name__ == "__main__":  # pragma: no cover
    print(write())

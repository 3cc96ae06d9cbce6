"""Shapes in which real pages publish (or only seem to publish) a procedure: the prosedur component.

The texts are written here to pin each shape, as plain text and as simple HTML; accuracy itself is measured
on the real corpus (`pantau eval --real --split tuning`).
"""

from __future__ import annotations

from tests.helpers import extract_both

URL = "https://kelurahan.contohkota.go.id/layanan"


def _both(text: str, url: str = URL):
    return extract_both(text, url)


def _steps(result) -> list[str]:
    return [t for s in result.services for f in s.findings if f.component == "prosedur" for t in f.value["steps"]]


# a how-to title ("Panduan/Proses Pembuatan …") over paragraphs that tell the steps in order
TITLED_PROSE = """Surat keterangan usaha dibutuhkan pelaku usaha untuk berbagai keperluan.
Panduan Membuat Surat Keterangan Usaha
Surat keterangan usaha dibuat di kantor kelurahan setempat. Pertama-tama, pemohon mengambil nomor antrean.
Kemudian, pemohon menyerahkan berkas persyaratan ketika telah dipanggil dan petugas memeriksa kelengkapannya.
Terakhir, surat yang sudah ditandatangani lurah diserahkan kepada pemohon.
Biaya
Tidak dipungut biaya.
Syarat Membuat Surat Keterangan Usaha
Untuk membuat surat keterangan usaha, pemohon harus membawa surat pengantar RT/RW, fotokopi KTP dan KK.
"""


def test_steps_told_in_paragraphs_under_a_how_to_title():
    for result in _both(TITLED_PROSE):
        assert result.components["prosedur"]
        assert any("nomor antrean" in t for t in _steps(result))


# the same title over paragraphs that tell no step in order (what the letter is for) publishes no procedure
TITLED_NO_STEPS = """Panduan Membuat Surat Keterangan Usaha
Surat keterangan usaha dibutuhkan pelaku usaha untuk mengajukan pinjaman ke bank atau mendaftar bantuan.
Warga yang memiliki usaha di wilayah kelurahan dapat memanfaatkan surat ini untuk berbagai keperluan.
Biaya
Tidak dipungut biaya.
"""


def test_a_how_to_title_over_paragraphs_without_ordered_steps_is_no_procedure():
    for result in _both(TITLED_NO_STEPS):
        assert not result.components["prosedur"]


# a paragraph that opens on "Proses pembuatan …" and goes on with "Setelah …": the steps of a service
PROCESS_PROSE = """Surat Keterangan Domisili
Proses pembuatan surat keterangan domisili memerlukan beberapa syarat dan langkah. Pertama, pemohon menyiapkan surat pengantar RT/RW dan fotokopi KTP.
Setelah dokumen lengkap, pemohon datang ke kantor kelurahan dan menyerahkan berkas kepada petugas. Kemudian pemohon menunggu surat ditandatangani lurah.
"""


def test_steps_in_a_paragraph_opening_on_proses_pembuatan():
    for result in _both(PROCESS_PROSE):
        assert result.components["prosedur"]


# one application step that introduces the requirements: "Pemohon mengajukan permohonan … kepada … dengan
# melampirkan:" (how Perda-derived service pages word it)
APPLICATION_STEP = """Pelayanan Rekomendasi Izin Keramaian
Untuk memperoleh rekomendasi, pemohon mengajukan permohonan secara tertulis kepada Camat dengan melampirkan persyaratan sebagai berikut:
1. Fotokopi KTP pemohon;
2. Surat pengantar dari Kepala Desa;
3. Fotokopi Kartu Keluarga.
"""

APPLICATION_STEP_BARE = """Izin Praktik Bidan
Mengajukan permohonan kepada Kepala Dinas Kesehatan melalui loket perizinan
dengan melampirkan persyaratan:
1. Fotokopi KTP
2. Fotokopi ijazah
3. Pas foto 4x6 dua lembar
"""


def test_an_application_step_introducing_the_requirements_is_a_procedure():
    for text in (APPLICATION_STEP, APPLICATION_STEP_BARE):
        for result in _both(text):
            assert result.components["persyaratan"]
            assert result.components["prosedur"], text
            assert any("mengajukan permohonan" in t.lower() for t in _steps(result))


# a sentence that only says where to ask, with no requirements introduced, is not read as a step here
ASK_ONLY = """Pelayanan Rekomendasi Izin Keramaian
Masyarakat yang ingin mengadakan keramaian dapat mengajukan permohonan kepada Camat.
Informasi lebih lanjut hubungi kantor kecamatan.
"""


def test_a_sentence_on_where_to_ask_alone_is_no_procedure():
    for result in _both(ASK_ONLY):
        assert not result.components["prosedur"]


# a procedure label whose only content is the applicant's step ending in ":" (the rules follow under a
# sub-heading): the step itself is published
LABELLED_STEP_INTRO = """Mekanisme Permohonan Rekomendasi Penelitian
Untuk mendapatkan rekomendasi penelitian, peneliti mengajukan surat permohonan kepada Kepala Badan Kesatuan Bangsa dan Politik dengan ketentuan sebagai berikut:
A. Peneliti dari dalam daerah
1. Surat permohonan ditandatangani oleh pimpinan lembaga peneliti.
"""

LABELLED_INTRO_ONLY = """Prosedur Pelayanan
Berikut langkah-langkahnya:
A. Untuk warga dalam daerah
"""


def test_a_procedure_label_over_the_applicants_step_ending_in_a_colon():
    for result in _both(LABELLED_STEP_INTRO):
        assert result.components["prosedur"]
    for result in _both(LABELLED_INTRO_ONLY):
        assert not result.components["prosedur"]


# the requirements' introduction is itself the applicant's step: "Pemohon harus datang langsung ke Samsat dengan
# membawa beberapa dokumen berikut:" over the document list
STEP_IN_REQUIREMENTS_INTRO = """Syarat Perpanjangan STNK Tahunan
Pemohon harus datang langsung ke kantor Samsat dengan membawa beberapa dokumen berikut:
- KTP asli sesuai STNK
- BPKB asli beserta fotokopi
- STNK asli dan fotokopi
"""

REQUIREMENTS_INTRO_ONLY = """Syarat Perpanjangan STNK Tahunan
Pemohon perlu menyiapkan beberapa dokumen berikut:
- KTP asli sesuai STNK
- BPKB asli beserta fotokopi
- STNK asli dan fotokopi
"""


def test_a_requirements_introduction_that_is_the_applicants_step():
    for result in _both(STEP_IN_REQUIREMENTS_INTRO):
        assert result.components["persyaratan"]
        assert result.components["prosedur"]
        assert any("datang langsung" in t for t in _steps(result))
    for result in _both(REQUIREMENTS_INTRO_ONLY):
        assert result.components["persyaratan"]
        assert not result.components["prosedur"]


# steps worded with ordinals, the ordinal on its own line (how court and MPP pages copy the case-registration
# procedure), after a line that took them in as its content
ORDINAL_STEPS = """Pendaftaran Perkara Gugatan
Persyaratan
1. Surat gugatan
2. Fotokopi KTP
Waktu Pelayanan dibuka dari jam 08.00 sampai dengan pukul 14.00
Pendaftaran Perkara
Pertama
Pihak berperkara datang ke Pengadilan dengan membawa surat gugatan.
Kedua
Pihak berperkara menghadap petugas meja pertama dan menyerahkan surat gugatan.
Ketiga
Petugas meja pertama menaksir panjar biaya perkara.
"""

ORDINAL_STEPS_ALONE = """Pertama, pemohon datang ke kantor kelurahan dengan membawa surat pengantar RT/RW.
Kedua, petugas memeriksa kelengkapan berkas dan mencetak surat keterangan.
Ketiga, pemohon menerima surat yang sudah ditandatangani lurah.
Persyaratan: fotokopi KTP dan fotokopi KK.
"""

# ordinals that count reasons, not steps of a service
ORDINAL_REASONS = """Ada dua alasan warga enggan mengurus dokumen.
Pertama, jarak ke kantor kecamatan cukup jauh bagi warga pulau.
Kedua, banyak warga belum memahami manfaat dokumen kependudukan.
"""


def test_steps_worded_with_ordinals():
    for text in (ORDINAL_STEPS, ORDINAL_STEPS_ALONE):
        for result in _both(text):
            assert result.components["prosedur"], text
            assert any(t.lower().startswith("kedua") for t in _steps(result))
    for result in _both(ORDINAL_REASONS):
        assert not result.components["prosedur"]


# a page that defines what each component of a standard holds: no service's steps
DEFINITIONS = """Standar Pelayanan Perizinan
Berikut adalah beberapa komponen utama dari standar pelayanan perizinan:
- Persyaratan Pelayanan: Dokumen atau syarat yang harus dipenuhi oleh pemohon.
- Prosedur Pelayanan: Menjelaskan langkah-langkah yang harus diikuti oleh pemohon untuk mendapatkan izin.
- Waktu Penyelesaian: Lama waktu yang dibutuhkan untuk menyelesaikan layanan.
"""

# opening hours printed under the procedure's label
HOURS_UNDER_PROSEDUR = """Pelayanan Posyandu Lansia
Persyaratan: Kartu berobat dan KTP
Prosedur:
1. Hari Senin s/d Kamis : Jam 08.00 - 12.00 WIB
2. Hari Jumat s/d Sabtu : Jam 08.00 - 11.00 WIB
Biaya: Gratis
"""

# steps that name their hours stay steps
STEPS_WITH_HOURS = """Pelayanan Posyandu Lansia
Prosedur:
1. Pasien datang ke loket pendaftaran hari Senin s/d Kamis pukul 08.00 - 12.00
2. Petugas memeriksa pasien dan mencatat hasil pada hari Jumat pukul 08.00 - 11.00
Biaya: Gratis
"""


def test_a_definition_of_the_component_is_no_procedure():
    for result in _both(DEFINITIONS):
        assert not result.components["prosedur"]


def test_opening_hours_under_the_procedure_label_are_no_procedure():
    for result in _both(HOURS_UNDER_PROSEDUR):
        assert result.components["biaya"]
        assert not result.components["prosedur"]
    for result in _both(STEPS_WITH_HOURS):
        assert result.components["prosedur"]


# "Berikut ini adalah cara daftarnya :" over imperative (online) steps
HOW_TO_REGISTER = """Pendaftaran Nikah di KUA
Saat ini pendaftaran nikah bisa dilakukan secara daring.
Berikut ini adalah cara daftarnya :
- Pilih kolom daftar nikah
- Pilih KUA tempat akad dan tanggal akad nikah
- Isi data kedua calon mempelai dan wali nikah
- Cetak bukti pendaftaran nikah
"""


def test_a_how_to_register_introduction_over_imperative_steps():
    for result in _both(HOW_TO_REGISTER):
        assert result.components["prosedur"]
        assert any("Cetak bukti" in t for t in _steps(result))


# a sentence that names itself the first step: "Langkah pertama adalah mengajukan surat permohonan ke …"
NAMED_FIRST_STEP = """Persyaratan Pasang Sambungan Air Baru
1. Surat Permohonan : Langkah pertama adalah mengajukan surat permohonan ke kantor PDAM setempat.
2. Fotokopi KTP
3. Fotokopi rekening listrik
"""

NAMED_FIRST_STEP_PROSE = """Cara Membuat KIA untuk Bayi Baru Lahir
Langkah pertama untuk membuat KIA adalah mendapatkan akta kelahiran. Orang tua dapat mengajukan permohonan akta kelahiran di kantor Disdukcapil setempat.
- Surat keterangan lahir dari bidan
- Fotokopi KK
"""


def test_a_sentence_naming_the_first_step():
    for text in (NAMED_FIRST_STEP, NAMED_FIRST_STEP_PROSE):
        for result in _both(text):
            assert result.components["prosedur"], text
            assert any("Langkah pertama" in t for t in _steps(result))


# after the requirements list, the sentence that places the application in the sequence
STEP_AFTER_REQUIREMENTS = """Syarat Membuat Kartu Kuning
- Fotokopi KTP yang masih berlaku
- Fotokopi ijazah terakhir
- Pas foto 3x4 sebanyak 2 lembar
Setelah semua persyaratan lengkap, pencari kerja dapat mengajukan pembuatan kartu kuning ke kantor Disnaker setempat.
"""


def test_a_step_placed_after_the_requirements_list():
    for result in _both(STEP_AFTER_REQUIREMENTS):
        assert result.components["persyaratan"]
        assert result.components["prosedur"]


# a news story under a headline that opens like a how-to: what people say happened is no procedure
NEWS_UNDER_HOW_TO_HEADLINE = """Proses Pembuatan E-KTP di Kecamatan Contoh Terkendala Blangko
Sejumlah warga mengeluhkan lamanya proses pembuatan KTP elektronik. Pertama kali datang, warga harus mengantre sejak pagi.
Kemudian warga mengisi formulir, namun petugas menyebut blangko sedang kosong sehingga warga diminta kembali pekan depan.
Camat mengatakan pihaknya sudah menyampaikan permintaan blangko ke Disdukcapil.
"""


def test_a_news_story_under_a_how_to_headline_is_no_procedure():
    for result in _both(NEWS_UNDER_HOW_TO_HEADLINE):
        assert not result.components["prosedur"]


# steps_in_prose's own branches, pinned on the blocks directly (the prosedur component reads some of the same
# shapes from a field, so a page-level test alone would not notice one of them going)
def _blocks(*lines: str, link_at: int = -1):
    from extractors.model import Block
    return [Block("paragraph", t, link=(k == link_at)) for k, t in enumerate(lines)]


def test_steps_in_prose_reads_one_step_that_names_itself() -> None:
    from extractors.prose import steps_in_prose
    blocks = _blocks("Langkah pertama adalah mengajukan surat permohonan ke kantor PDAM setempat.")
    assert steps_in_prose(blocks, 0, set()) == [blocks[0].text]


def test_steps_in_prose_leaves_the_how_to_title_out_and_stops_at_a_link() -> None:
    from extractors.prose import steps_in_prose
    lines = ["Panduan Membuat Surat Keterangan Usaha",
             "Pertama-tama, pemohon mengambil nomor antrean di kelurahan.",
             "Kemudian, pemohon menyerahkan berkas dan petugas memeriksa kelengkapannya.",
             "Baca juga: Cara membuat KTP-el, pemohon mengisi formulir lalu menunggu panggilan."]
    steps = steps_in_prose(_blocks(*lines), 0, set())
    assert steps and lines[0] not in steps and lines[1] in steps
    assert lines[3] in steps_in_prose(_blocks(*lines), 0, set())  # a paragraph of the span is read …
    assert lines[3] not in steps_in_prose(_blocks(*lines, link_at=3), 0, set())  # … a link ends the span


# an article's header read as a list: its title over a view counter, its title over the editors' credit; and a
# copyright line with a photo credit under a how-to heading. None of them is a step.
COUNTER_HEADER = """» PENDAFTARAN NIKAH

- Dilihat: 120 kali

LAYANAN PENDAFTARAN NIKAH BIDANG HAJI DAN BIMAS ISLAM

I. DASAR HUKUM

1. Undang Undang Nomor 1 tahun 1974 tentang Perkawinan

2. PMA Nomor 11 tahun 2007 tentang Pencatatan Nikah

II. PERSYARATAN

1. Surat Keterangan untuk Nikah (Model N1) dari kantor Lurah/Desa;

2. Surat Keterangan Asal Usul (Model N2) dari kantor Lurah/Desa;

3. Surat Persetujuan Calon Mempelai (Model N3);
"""

CREDITS_UNDER_HOW_TO = """Membuat Kartu Keluarga baru adalah langkah penting saat ada perubahan data keluarga.

Nah, simak ulasan tentang cara membuat Kartu Keluarga baru, lengkap dengan syaratnya.

1. Persiapan dokumen pendukung

Cara membuat Kartu Keluarga baru lengkap © 2024 brilio.net

foto: freepik.com/benzoix
"""


def test_an_article_header_or_credits_are_no_steps():
    for result in _both(CREDITS_UNDER_HOW_TO):
        assert not result.components["prosedur"], _steps(result)
    for result in _both(COUNTER_HEADER):
        # the counter is no step, the breadcrumb title above it is still read as one (left on purpose: see
        # prosedur._after_byline)
        assert "Dilihat: 120 kali" not in _steps(result)


def test_steps_after_a_byline_are_still_read():
    from extractors.components.prosedur import _after_byline
    items = ["By arinda.p on under How To", "Pemohon datang ke KUA membawa berkas.", "Petugas memeriksa berkas."]
    assert _after_byline(items) == items[1:]
    assert _after_byline(items[1:]) == items[1:]


# an Ombudsman's findings at a service hall, numbered like steps
SHORTCOMINGS = """Ombudsman Sidak Mal Pelayanan Publik

Dalam sidak tersebut, Ombudsman menemukan sejumlah permasalahan, antara lain:

1. Minimnya informasi penunjuk lokasi. Tidak adanya plang atau petunjuk keberadaan MPP menyulitkan masyarakat dalam menemukan lokasi layanan.

2. Kurangnya standar layanan di gerai. Banyak gerai layanan yang tidak menampilkan standar pelayanan secara jelas, baik di loket maupun di media informasi.
"""


def test_an_inspections_findings_are_no_steps():
    for result in _both(SHORTCOMINGS):
        assert not result.components["prosedur"], _steps(result)


# an unlabelled list under each service: documents first, then the forms to fill; the requirements, not the steps
DOCUMENTS_UNDER_SERVICES = """Layanan

P E L A Y A N A N

A. BIDANG KEPENDUDUKAN

PENERBITAN KARTU KELUARGA BARU KARENA MEMBENTUK RUMAH TANGGA BARU :

  1. Surat Izin Tinggal Tetap bagi Orang Asing

  2. Asli Surat Keterangan Pindah bagi penduduk yang pindah dalam wilayah Negara Kesatuan Republik Indonesia (SKPWNI) dari daerah asal.

  3. Asli Surat Keterangan Datang (SKD) bagi WNI yang datang dari luar negeri

  4. Asli Kartu Keluarga (KK) orang tua dari masing-masing pasangan suami istri (bagi yang membentuk rumah tangga baru)

  5. Foto copy Buku Nikah/ Akta Perkawinan

  6. Foto copy ijazah/ Akte kelahiran/Surat Permandian/ Surat Keterangan Lahir ( Semua anggota keluarga dalam KK untuk validasi data)

  7. Mengisi Formulir F1.01 ( yang ditandatangani oleh Kepala Keluarga, Kepala Desa/ Lurah dan Ketua RT )

  8. Mengisi Formulir F1.15 yang ditandatangani oleh Kepala Desa/ Lurah dan Camat ( bagi yang membentuk Rumah Tangga Baru).

  9. Mengisi Formulir F1.16 yang ditandatangani oleh Kepala Desa/ Lurah dan Camat  (bagi pengurangan anggota keluarga pada KK orangtua)

  10. Mengisi Formulir F1.05 dan F1.06 ( Jika ada Perubahan Biodata)

PENERBITAN KARTU KELUARGA BARU KARENA PENAMBAHAN ANGGOTA KELUARGA KARENA KELAHIRAN

  1. Asli Kartu Keluarga (KK)

  2. Foto copy Buku Nikah/ Akta Perkawinan Orangtua

  3. Foto copy ijazah/ Akte kelahiran/ surat permandian (semua anggota keluarga dalam Kartu Keluarga untuk validasi data)

  4. Surat Keterangan Lahir / Surat Permandian yang bersangkutan.

  5. Mengisi Formulir F1.01 ( yang ditandatangani oleh Kepala Keluarga, Kepala Desa/ Lurah dan Ketua RT )

  6. Mengisi Formulir F1.16 yang ditandatangani oleh Kepala Keluarga, Kepala Desa/ Lurah dan Ketua RT

  7. Mengisi Formulir F1.05 dan F1.06 ( Jika ada Perubahan Biodata)

PENERBITAN KARTU KELUARG
"""


def test_unlabelled_lists_that_open_with_documents_are_no_steps():
    for result in _both(DOCUMENTS_UNDER_SERVICES):
        assert not result.components["prosedur"], _steps(result)
        assert result.components["persyaratan"]


def test_a_list_of_two_documents_then_the_visit_is_steps():
    from extractors.components.prosedur import _documents_first
    assert not _documents_first(["BPKB, STNK, KTP a.n STNK asli.", "Fotokopi BPKB, STNK sebanyak 1 (satu) lembar.",
                                 "Uang buat bayar pajak.", "Bawa motor atau kendaraannya.",
                                 "Parkir kendaraan di tempat cek fisik dan serahkan fotokopi BPKB."])

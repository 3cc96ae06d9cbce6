"""Requirements and steps told in sentences on real pages (news, posts, explainers), with no label over them.

The texts are written here to pin each shape, as plain text and as simple HTML; accuracy itself is measured on
the real corpus (`pantau eval --real --split tuning`).
"""

from __future__ import annotations

from extractors.prose import requirement_list
from extractors.steps import told_steps
from tests.helpers import extract_both

URL = "https://berita.contohkota.go.id/2025/05/layanan"


def _both(text: str, url: str = URL):
    return extract_both(text, url)


# a short news story: the steps told in one sentence, put in order by "lalu", no label on the page
NEWS_SEQUENCE = """Kecamatan Sukamaju Buka Layanan Akta Kelahiran Hari Sabtu
SUKAMAJU - Kantor Kecamatan Sukamaju kini membuka pelayanan akta kelahiran setiap hari Sabtu.
Camat Sukamaju, Budi Santoso, mengatakan layanan ini untuk warga yang bekerja pada hari biasa.
"Warga datang ke kantor kecamatan, mengisi formulir permohonan, lalu menyerahkan berkas ke petugas loket," ujarnya.
Ia berharap warga memanfaatkan layanan tersebut.
"""


def test_steps_told_in_a_sentence_put_in_order_by_a_then_word():
    for result in _both(NEWS_SEQUENCE):
        assert result.components["prosedur"]


# the documents to bring, then "Setelah itu" and the applicant's next step
BRING_THEN_GO = """Jakarta - Puluhan warga mengantre perekaman KTP-el di taman kelurahan, Sabtu (27/8).
"Kami jemput bola supaya warga yang bekerja bisa merekam," kata Kepala Seksi Dukcapil, Budi.
Budi mengatakan persyaratan untuk perekaman hanya bawa KK dan KTP lama. Setelah itu mendatangi petugas di mobil pelayanan keliling.
Layanan keliling ini berlangsung hingga akhir bulan.
"""


def test_documents_to_bring_then_a_step():
    for result in _both(BRING_THEN_GO):
        assert result.components["prosedur"]
        assert result.components["persyaratan"]


# an applicant told to do a step, in one paragraph, and the next step in the paragraph after it
INSTRUCTED = """Mau Buat Kartu Kuning? Ini Jadwal Pelayanan di Disnakertrans
Kartu kuning merupakan kartu tanda pencari kerja yang dikeluarkan Disnakertrans.
Kepala Bidang Penempatan Tenaga Kerja menyampaikan, dalam mengurus pembuatan kartu kuning para pencari kerja harus terlebih dahulu mengisi data diri di aplikasi Siap Kerja.
"Jadi sebelum mengambil antrean itu, harus buat akun dulu," ujarnya.
"""


def test_an_applicant_told_to_do_a_step_before_the_next():
    for result in _both(INSTRUCTED):
        assert result.components["prosedur"]


def test_steps_told_without_order_or_instruction_are_no_procedure():
    # one step, or steps that are not put in order, told of no applicant: no procedure
    assert not told_steps("Warga cukup datang ke kantor desa.")
    assert not told_steps("Bagaimana kalau penduduk tersebut tidak bisa datang ke tempat pelayanan karena sakit? "
                          "Petugas akan datang ke rumah.")
    # "setelah" inside a sentence that defines the service orders nothing
    assert not told_steps("Penerbitan KIA karena hilang adalah menerbitkan kembali KIA yang hilang setelah pemohon "
                          "mengajukan permohonan penerbitan.")


# the flow of a whole kind of service (PATEN), with no document, form or card: no concrete service's procedure
GENERIC_FLOW = """Konsep Dasar PATEN
Pelayanan Administrasi Terpadu Kecamatan (PATEN) adalah penyelenggaraan pelayanan publik di kecamatan dalam satu tempat.
Warga cukup menyerahkan berkas ke petugas meja pelayanan, duduk menunggu sejenak, kemudian dipanggil untuk menerima hasilnya.
Waktu penyelesaian pelayanan paling lama 3 hari kerja.
"""


def test_the_flow_of_a_whole_kind_of_service_is_no_procedure():
    for result in _both(GENERIC_FLOW):
        assert not result.components["prosedur"]


# a selection's steps are not a public service's
RECRUITMENT = """Pendaftaran Seleksi Pegawai Puskesmas Dibuka
Panitia membuka lowongan tenaga kesehatan untuk tiga puskesmas.
Peserta seleksi harus mendaftar secara daring, kemudian mengunggah ijazah dan KTP pada laman lowongan.
Biaya pendaftaran tidak dipungut.
"""


def test_a_selections_steps_are_no_procedure():
    for result in _both(RECRUITMENT):
        assert not result.components["prosedur"]


# the requirements told in a sentence of the procedure's field, with no field of their own
REQUIREMENTS_IN_STEPS = """Surat Keterangan Domisili
Prosedur Pembuatan
Warga terlebih dahulu meminta surat pengantar kepada Ketua RT dan RW setempat. Pemohon datang ke kantor kelurahan sembari membawa fotokopi KTP, fotokopi KK dan surat pengantar tersebut, lalu petugas memeriksa berkasnya.
Surat keterangan domisili ditandatangani lurah pada hari yang sama.
"""


def test_requirements_told_inside_another_components_field():
    for result in _both(REQUIREMENTS_IN_STEPS):
        assert result.components["prosedur"]
        assert result.components["persyaratan"]


# a blog post: the steps told in the paragraphs the documents' list runs on into
BLOG_STEPS = """Tidak terasa masa berlaku STNK motor saya hampir habis, jadi saya mengurus perpanjangan STNK 5 tahun.
Dokumen-dokumen yang dibutuhkan antara lain:
- BPKB asli
- STNK asli
- KTP asli sesuai dengan yang tertera di BPKB
Untuk melakukan cek fisik, kita harus mendaftarkan kendaraan kita ke Loket 1. Di loket tersebut, kita akan mendapatkan formulir cek fisik.
Setelah pengambilan formulir, petugas mengecek nomor rangka. Formulir yang sudah terisi lalu kita serahkan ke loket 1.
"""


def test_steps_told_inside_another_components_field():
    for result in _both(BLOG_STEPS):
        assert result.components["persyaratan"]
        assert result.components["prosedur"]


# a short news story that tells the documents in the passive, on a page with nothing else of a standard
NEWS_PASSIVE_REQUIREMENTS = """Pelayanan Nikah di KUA Kecamatan Sukamaju Tetap Buka Selama Ramadan
SUKAMAJU - Kantor Urusan Agama (KUA) Kecamatan Sukamaju tetap melayani pendaftaran nikah selama bulan Ramadan.
Kepala KUA mengatakan dokumen yang perlu dibawa adalah surat pengantar dari kelurahan, fotokopi KTP, KK, dan akta kelahiran kedua calon.
Ia mengimbau warga mendaftar jauh hari sebelum tanggal akad.
"""


def test_documents_told_in_the_passive():
    for result in _both(NEWS_PASSIVE_REQUIREMENTS):
        assert result.components["persyaratan"]


# a verb of bringing with no word of a service's process: tied by who wants the service
NEWS_WHO_WANTS = """Kecamatan Sukamaju Layani Warga di Hari Libur
Kantor Kecamatan Sukamaju membuka pelayanan pada hari Sabtu dan Minggu.
Warga yang ingin mengambil layanan di hari libur cukup membawa KTP asli dan Kartu Keluarga.
Pelayanan dibuka pukul 08.00 sampai 12.00.
"""


def test_documents_to_bring_for_who_wants_the_service():
    for result in _both(NEWS_WHO_WANTS):
        assert result.components["persyaratan"]


def test_what_a_letter_is_needed_for_is_no_requirement():
    from extractors.prose import requirement_list

    assert not requirement_list("Diperlukan untuk pendaftaran keluarga baru, perubahan data KK (misal: penambahan "
                                "anggota), atau KK yang hilang/rusak.")
    assert requirement_list("Syarat yang dibutuhkan hanya e-KTP dan Kartu Keluarga.") == ["e-KTP", "Kartu Keluarga"]


# "Caranya, …" then the applicant's step and what to bring: a step, and the documents go with it
NEWS_HOW = """Disdukcapil Buka Layanan Cetak Ulang KTP-el di Kecamatan
SUKAMAJU - Disdukcapil membuka layanan cetak ulang KTP-el yang rusak di setiap kantor kecamatan mulai pekan ini.
Caranya, warga datang ke kantor kecamatan dengan membawa fotokopi KK dan KTP yang rusak.
Layanan ini dibuka setiap hari kerja.
"""


def test_a_how_cue_over_the_applicants_step():
    for result in _both(NEWS_HOW):
        assert result.components["prosedur"]
        assert result.components["persyaratan"]


# a cue that names the service, followed by what to prepare: requirements, no step
NEWS_HOW_NAMES_SERVICE = """Kantor Imigrasi Terbitkan Paspor Masa Berlaku 10 Tahun
JAKARTA - Kantor Imigrasi menerbitkan paspor dengan masa berlaku 10 tahun sejak pekan lalu.
Adapun cara mengajukan permohonan paspor yang baru yakni menyiapkan dokumen seperti KTP, Kartu Keluarga (KK), akta kelahiran, ijazah atau surat nikah.
Paspor selesai dalam empat hari kerja.
"""


def test_a_cue_that_names_the_service_over_documents_is_no_step():
    for result in _both(NEWS_HOW_NAMES_SERVICE):
        assert result.components["persyaratan"]
        assert not result.components["prosedur"]


def test_the_applicants_step_once_the_documents_are_ready():
    assert told_steps("Setelah berkas lengkap, pemohon datang ke kantor Disdukcapil untuk perekaman KTP-el.")
    assert not told_steps("Setelah mendengar kabar itu, warga datang ke kantor desa untuk meminta penjelasan.")
    # a first step in the "setelah" clause, in a quote
    assert told_steps("\u201cSetelah menginput data, pencari kerja nanti datang ke kantor dan menyerahkan syarat-syarat "
                      "pembuatan kartu kuning.")


# two lines in a row, each the applicant doing a step, under the requirements' heading
STEPS_IN_TURN = """Syarat Membuat Kartu Keluarga untuk Keluarga Baru
Adapun syarat membuat kartu keluarga untuk keluarga baru adalah dengan menyiapkan fotokopi buku nikah atau kutipan akta perkawinan.
Dengan catatan, pemohon mengisi F-1.02 (formulir pendaftaran peristiwa kependudukan)
Pemohon menyerahkan fotokopi buku nikah atau SPTJM perkawinan yang ditandatangani kedua pihak.
"""


def test_the_applicant_doing_a_step_in_each_of_two_lines():
    for result in _both(STEPS_IN_TURN):
        assert result.components["prosedur"]
    assert not told_steps("Warga mengeluhkan antrean panjang.\nWarga menunggu sejak pagi.")
    # an event told in turn, with no step of applying: no procedure
    assert not told_steps("Warga datang ke lokasi sejak pagi.\nWarga menerima bantuan beras 10 kg.")


# the stages named in one sentence of a news story, with no one doing them
NEWS_STAGES = """Dishub Kota Contoh Tambah Peralatan Uji KIR
KOTA CONTOH - UPT Dinas Perhubungan Kota Contoh memiliki berbagai peralatan untuk menunjang pemeriksaan kendaraan.
Kepala bidang angkutan mengatakan, untuk bisa lolos uji KIR pemeriksaan dilakukan secara bertahap dimulai dari uji emisi, lalu lanjut ke pemeriksaan lampu, rem, berat mobil dan terakhir pemeriksaan setir.
Ia menambahkan, proses dari awal hingga mendapatkan buku KIR memakan waktu sekitar 18 menit.
"""


def test_stages_named_in_a_sentence():
    for result in _both(NEWS_STAGES):
        assert result.components["prosedur"]


def test_stages_need_process_nouns_and_a_concrete_service():
    from extractors.steps import _stages

    assert _stages("Pengurusan PBG terbagi menjadi empat tahapan: pengajuan, pemeriksaan rencana teknis, "
                   "perhitungan retribusi, dan penerbitan PBG.")
    assert not _stages("Langkah ini untuk memudahkan warga yang bekerja pada hari biasa.")
    # an election's stages name no document, card or licence a service issues
    for result in _both("KPU Mulai Pemilu 2024\nKPU menyebut tahapan pemilu meliputi pendaftaran, "
                        "verifikasi dan penetapan calon.\nKomisioner meminta masyarakat ikut mengawasi.\n"):
        assert not result.components["prosedur"]


def test_instructed_steps_and_how_cues_as_news_tell_them():
    # the step and what goes with it, though no listed document is named
    assert told_steps("Pemohon cukup datang ke kantornya dengan membawa kelengkapan data diri.")
    # "diwajibkan untuk mengisi …" after the documents shown
    assert told_steps("Hanya dengan menunjukkan KTP, SIM, KTM, dan selanjutnya pendaftar diwajibkan untuk mengisi "
                      "data diri pada layar komputer yang telah tersedia.",
                      lambda s: ["KTP", "SIM"] if "KTP" in s else [])
    # "Alurnya, pemilik usaha mengajukan permohonan …" then "Setelah itu, … serahkan ke …"
    assert told_steps("Alurnya, pemilik usaha mengajukan permohonan kepada DPM-PTSP. Setelah itu, DPM-PTSP serahkan "
                      "ke tim Gugus Tugas untuk ditinjau ke lapangan.")
    # the officers' round after their data is ready, no applicant's step
    assert not told_steps("Setelah ada data penduduk yang belum melakukan perekaman, kemudian kita datangi ke balai "
                          "RW atau kelurahan, biar semakin dekat dengan warga.")


def test_an_officials_ceremony_is_no_procedure():
    assert not told_steps("Bupati datang ke kantor kecamatan kemudian menyerahkan KTP-el kepada warga secara simbolis.")
    assert told_steps("Warga datang ke kantor kecamatan kemudian menyerahkan berkas KTP-el kepada petugas.")


# a blog's sentence announces what to bring ("berkas yang harus saya bawa, yaitu") over one list that names the
# documents and goes on with the visit: the documents are the requirements, the rest the steps
ANNOUNCED_DOCUMENTS = """Berbekal pengetahuan hasil tanya-tanya, saya berangkat ke kantor Samsat. Dari blog seseorang, saya dapat info bahwa berkas yang harus saya bawa, yaitu

- BPKB, STNK, KTP a.n STNK asli.

- Fotokopi BPKB, STNK sebanyak 1 (satu) lembar.

- Uang buat bayar pajak (ya iyalah!).

- Bawa motor atau kendaraannya.

- Parkir kendaraan di tempat cek fisik. Disitu serahkan fotokopi BPKB dan STNK serta STNK dan KTP asli.

- Petugas bagian cek fisik menggosok nomor rangka kendaraan. Setelah selesai, berkas dikembalikan ke pemilik.

- Setelah berkas dikembalikan, berkas dibawa ke loket tempat pembayaran pajak kendaraan di Gedung Samsat.

- Nomor antrian dipanggil dan selesaikan pembayaran di loket.

- STNK diserahkan oleh petugas.
"""


def test_documents_opening_a_list_announced_by_the_sentence_before():
    for result in _both(ANNOUNCED_DOCUMENTS):
        assert result.components["persyaratan"]
        items = [t for s in result.services for f in s.findings if f.component == "persyaratan"
                 for t in f.value["items"]]
        assert items[:2] == ["BPKB, STNK, KTP a.n STNK asli.", "Fotokopi BPKB, STNK sebanyak 1 (satu) lembar."]


# PROSE4: a news story flattened into one paragraph of more than 1,200 characters; the requirements and the step
# after them are told in two of its sentences
LONG_FLATTENED_NEWS = (
    "KOTABARU - Hari pertama setelah libur panjang, halaman Mapolres Kotabaru dipenuhi warga yang ingin membuat "
    "dan memperpanjang SIM serta SKCK, Senin (3/6).   Pantauan di lokasi, antrean sudah mengular sejak pagi di "
    "depan ruang pelayanan, sebagian warga tampak duduk di emperan sambil menunggu giliran dipanggil petugas.   "
    "Rina (21), warga Desa Sukamaju, mengaku datang bersama dua temannya karena SKCK menjadi syarat melamar kerja "
    "di kota. Ia rela berangkat subuh agar mendapat nomor antrean yang tidak terlalu jauh.   Kasat Intelkam Polres "
    "Kotabaru mengatakan jumlah pemohon hari ini mencapai dua ratus orang, jauh di atas hari biasa yang hanya "
    "puluhan orang, karena banyak warga hendak merantau dan melanjutkan sekolah.   Petugas tambahan sudah "
    "disiapkan agar antrean tidak terlalu lama dan pelayanan tetap tertib hingga sore hari nanti.   Persyaratan "
    "yang harus dibawa pemohon untuk membuat SKCK, kata dia, cukup pas foto 4x6 dan fotokopi KTP saja. Kemudian "
    "pemohon mengisi formulir dan melakukan pengambilan sidik jari di ruang sebelah.   Ia mengimbau warga datang "
    "lebih pagi dan memeriksa kelengkapan berkas sebelum berangkat agar tidak bolak-balik ke kantor polisi.   "
    "Menurut dia, lonjakan seperti ini selalu terjadi setiap selesai libur panjang dan akan kembali normal dalam "
    "beberapa hari.\n"
)


def test_requirements_and_steps_in_a_news_story_flattened_into_one_long_paragraph():
    assert len(LONG_FLATTENED_NEWS) > 1200
    for result in _both(LONG_FLATTENED_NEWS):
        assert result.components["persyaratan"]
        assert result.components["prosedur"]


# a long paragraph that tells a neighbourhood's food sharing in turn: an event, no service's standard
LONG_AID_STORY = (
    "SEMARANG - Program berbagi sembako warga RW 2 kembali digelar setiap Jumat sore di balai warga dan sudah "
    "berjalan puluhan kali sejak awal pandemi.   Ibu-ibu menyiapkan bahan pangan sejak siang, mulai dari beras, "
    "sayur, buah hingga bumbu dapur, lalu membaginya ke dalam keranjang yang sama besarnya.   Penanggung jawab "
    "kegiatan mengatakan warga yang mampu juga bisa menyumbang uang yang nanti dibelanjakan di toko sekitar.   "
    "Setiap warga yang datang harus mencuci tangan terlebih dahulu, kemudian mengambil nomor antrean, lalu "
    "mengantre dengan berjarak sebelum memilih keranjang.   Menurut seorang warga, program ini sangat membantu "
    "kebutuhan dapur, paling tidak untuk bahan makanan yang bisa disimpan beberapa hari.   Pengurus berharap "
    "kegiatan serupa bisa ditiru di RW lain agar semakin banyak warga yang terbantu selama masa sulit ini, dan "
    "mengajak para donatur ikut menyumbang.   Kegiatan ini juga diawasi pengurus RT agar tidak terjadi "
    "kerumunan dan semua warga mendapat bagian yang adil sesuai jumlah keranjang yang tersedia sore itu.   "
    "Warga diperkenankan memilih keranjang pilihan mereka, setelah itu isinya dipindahkan ke tas belanja "
    "masing-masing dan mereka pulang dengan tertib.   Pekan depan kegiatan akan digelar lagi di tempat yang "
    "sama dengan jumlah keranjang yang lebih banyak.\n"
)


def test_a_long_paragraph_telling_an_aid_distribution_is_no_standard():
    assert len(LONG_AID_STORY) > 1200
    for result in _both(LONG_AID_STORY):
        assert not result.components["persyaratan"]
        assert not result.components["prosedur"]


# a selection's documents told in a sentence: "surat izin dari pimpinan" is a document, but not of a service
SELECTION_DOCUMENTS = """Pemkab Buka Seleksi Terbuka Kepala Dinas Perhubungan
Untuk menjaring banyak pelamar, persyaratan pendaftaran akan lebih dipermudah. PNS yang berminat cukup melampirkan surat lamaran, surat pernyataan tidak menjadi anggota partai politik, surat izin dari pimpinan instansinya, daftar riwayat hidup dan pas foto.
Seleksi akan dilaksanakan bulan depan.
"""


def test_a_selections_documents_in_a_news_sentence_are_no_requirements():
    for result in _both(SELECTION_DOCUMENTS):
        assert not result.components["persyaratan"]


# letters named by their issuer or purpose: "surat kepolisian", "surat izin orang tua", "surat persetujuan …"
LETTERS_BY_ISSUER = """Palembang - Kepala Disdukcapil mengatakan, untuk KTP yang hilang, ada program baru yang mereka tawarkan. Caranya, warga datang langsung ke kantor Dukcapil dengan membawa surat kepolisian.
Program ini untuk membantu masyarakat karena masih banyak warga yang belum tahu.
"""

LETTERS_FOR_A_MARRIAGE = """Pendaftaran nikah kini bisa dilakukan melalui aplikasi.
Sebelum mendaftarkan pernikahan melalui aplikasi, calon pengantin perlu menyiapkan beberapa dokumen persyaratan, seperti surat pengantar nikah, surat persetujuan mempelai, surat izin orang tua, dan dokumen lainnya sesuai kebutuhan.
"""


def test_letters_named_by_their_issuer_are_documents():
    for text in (LETTERS_BY_ISSUER, LETTERS_FOR_A_MARRIAGE):
        for result in _both(text):
            assert result.components["persyaratan"]


# the stages of applying named after "Proses pendaftaran meliputi …"
REGISTRATION_STAGES = """Calon pengantin kini bisa mendaftar nikah lewat aplikasi dari ponsel.
Setelah persiapan dokumen selesai, calon pengantin dapat mengunduh aplikasi. Proses pendaftaran meliputi pengisian data diri dengan lengkap, pemilihan dokumen persyaratan yang sudah disiapkan seperti surat pengantar nikah, dan pemilihan tempat pernikahan.
"""


def test_stages_named_after_the_process_of_registration():
    for result in _both(REGISTRATION_STAGES):
        assert result.components["prosedur"]


# the applicant registered at the office, with the document to bring: "cukup dengan didaftarkan ke … dengan membawa …"
REGISTERED_AT_THE_OFFICE = """Pekalongan - Dinas Dukcapil menyerahkan KIA kepada siswa SMP, Rabu.
Adapun syarat membuat KIA untuk anak usia 0-5 tahun cukup dengan didaftarkan ke dinas dukcapil dengan membawa KK orang tua.
"""


def test_applicant_registered_at_the_office_with_a_document_is_a_step():
    for result in _both(REGISTERED_AT_THE_OFFICE):
        assert result.components["prosedur"]


# an explainer whose lists the stored text lost: the sentence that announces the steps is followed by the next
# paragraph, the source line and a channel promotion, none of them a step
ANNOUNCED_LIST_LOST = """JAKARTA - Akta kelahiran adalah bukti sah mengenai status kelahiran setiap warga negara.
Proses pembuatan akta kelahiran bisa beragam tergantung dari Disdukcapil setempat.
Prosedur pengurusan akta kelahiran dapat dilakukan dengan langkah-langkah berikut.
Baca Juga: Cara Cek Akta Kelahiran Asli atau Palsu secara Online
Selain itu, pengurusan akta kelahiran juga bisa dilakukan secara online, tergantung pada laman resmi Dukcapil di dekat domisili Anda.
Sumber : Kompas TV
Gabung ke Channel WhatsApp untuk update berita terbaru.
"""


def test_steps_announced_but_lost_in_the_stored_text_are_no_procedure():
    for result in _both(ANNOUNCED_LIST_LOST):
        assert not result.components["prosedur"]


# a blog's how-question over the online steps that answer it: the question names what the steps obtain
HOW_QUESTION_THEN_CLICKS = """Cara Bikin NIB
NIB adalah singkatan dari Nomor Induk Berusaha, bukti pendaftaran kegiatan usaha.
Trus, bagaimana cara bikin NIB? Gampang!
Pelaku usaha cukup memilih menu Perizinan Berusaha, lalu klik Permohonan Baru. Tapi jangan lupa login dulu ke akun OSS.
Kendala yang ditemukan.
"""


def test_online_steps_under_a_how_question():
    for result in _both(HOW_QUESTION_THEN_CLICKS):
        assert result.components["prosedur"]


# the applicant told to come with what to bring, though what is brought is no named document
APPLICANT_COMES_BRINGING = """Pengadilan Agama kembali menggelar sosialisasi isbat nikah di aula kecamatan.
Ia memastikan proses isbat nikah sangat mudah. Pemohon cukup datang ke kantornya dengan membawa kelengkapan data diri. Pihaknya akan menjelaskan apa saja yang diperlukan dalam persidangan.
"""


def test_applicant_told_to_come_bringing_what_is_needed_is_a_step():
    for result in _both(APPLICANT_COMES_BRINGING):
        assert result.components["prosedur"]


# the one card a free service asks for, "hanya dengan menggunakan KTP"
ONE_CARD_SUFFICES = """CILEGON - Dinas Kesehatan mengimbau warga memanfaatkan puskesmas sebagai tahap awal pengobatan.
Ia menjelaskan bahwa pendaftaran berobat di Puskesmas dapat dilakukan warga secara gratis hanya dengan menggunakan Kartu Tanda Penduduk (KTP).
"""


def test_the_one_card_a_service_asks_to_be_used_is_a_requirement():
    for result in _both(ONE_CARD_SUFFICES):
        assert result.components["persyaratan"]


# the step told with the other way to apply: "dapat datang langsung ke Dinas …, atau secara online melalui …"
COME_OR_APPLY_ONLINE = """Kartu kuning adalah kartu tanda pencari kerja yang sering disebut pula dengan kartu AK1.
Pencari kerja hanya bisa membuat kartu kuning di daerah aslinya, yaitu yang tertera di KTP.
Untuk mendaftarkan diri sebagai pencari kerja, masyarakat dapat datang langsung ke Dinas Kabupaten/Kota, atau secara online melalui kemnaker.go.id pada layanan karirhub.
Apabila kartu AK/I akan dicetak, maka pencari kerja harus datang ke Dinas Kabupaten/Kota terdekat.
"""


def test_a_step_told_with_the_online_way_to_apply():
    for result in _both(COME_OR_APPLY_ONLINE):
        assert result.components["prosedur"]


# the documents an official says a service needs ("hanya membutuhkan …"), and a part that only points back at
# documents named elsewhere ("selembar salinan untuk tiap dokumen"), which names none (real pages, eleventh
# session: c41-37, c8-03). The rule itself, not the page: there the learned fallback may find the list as well.
def test_the_documents_a_service_needs_are_its_requirements():
    needs = ("Untuk mengurus pas kecil, nelayan hanya membutuhkan pengukuhan dari desa, pengantar dari kabupaten, "
             "surat keterangan domisili, KTP dan Kartu Nelayan.")
    assert requirement_list(needs, in_context=False) == ["pengantar dari kabupaten", "surat keterangan domisili",
                                                         "KTP"]
    copies = ("Pihak Desa hanya membutuhkan selembar salinan untuk tiap dokumen, namun sebaiknya Anda memiliki dua "
              "atau tiga lembar salinan untuk tiap dokumen.")
    assert requirement_list(copies) == []

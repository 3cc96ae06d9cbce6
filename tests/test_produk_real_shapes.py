"""The shapes in which real pages state (or seem to state) the product of a service: components/produk.py.

The texts are written here to pin each shape, as plain text and as simple HTML; accuracy itself is measured on
the real corpus (`pantau eval --real --split tuning`).
"""

from __future__ import annotations

import pytest

from extractors.components import produk
from tests.helpers import extract_both


def _both(text: str, url: str = "https://kecamatan.contohkab.go.id/layanan"):
    return extract_both(text, url)


def _products(result) -> list[str]:
    return [f.value["name"] for f in result.findings if f.component == "produk"]


@pytest.mark.parametrize("step, product", [
    # "Desa/Kelurahan" is one word that normalises to two: the name after the verb must not shift by one
    (("Staf Desa/Kelurahan melakukan registrasi dan stempel, dan pemohon dapat mengambil surat keterangan tidak "
      "mampu tersebut."), "surat keterangan tidak mampu"),
    ("Petugas menyerahkan KTP-el/KIA kepada pemohon.", "KTP-el/KIA"),
    # a count before the name is not the name
    ("Anda akan menerima satu rangkap surat gugatan yang telah dibubuhi nomor perkara.", "surat gugatan"),
    ("Pemohon menerima 2 lembar Kartu Keluarga.", "Kartu Keluarga"),
    # a document that "can be issued" is what the service issues; one that cannot, is not
    ("Akta cerai merupakan akta otentik. Akta cerai dapat diterbitkan jika gugatan dikabulkan.", "Akta cerai"),
    ("SKCK tidak dapat diterbitkan apabila pemohon berstatus tersangka.", None),
    # printed on the spot (an outreach report): the card is what the applicant gets
    ("Perekaman berlangsung lima menit per siswa dan KTP-el langsung dicetak saat itu juga.", "KTP-el"),
    # the imperative of a step list, like "ambil KIA"
    ("Dapatkan kartu BPJS Kesehatan", "kartu BPJS Kesehatan"),
    # the applicant hands in, with no officer as subject and no applicant as recipient
    ("Seluruh dokumen harus dilengkapi dan menyerahkan surat pengantar yang diperoleh sebelumnya.", None),
    ("Menyerahkan surat kuasa bermeterai kepada petugas loket.", None),
    ("Menyerahkan KTP-el kepada pemohon.", "KTP-el"),
    # the aim of a whole procedure, not its output
    ("Menjelaskan langkah yang harus diikuti oleh pemohon untuk mendapatkan izin atau layanan non-perizinan.", None),
    ("Untuk dapatkan KTP-el, datang ke kantor kecamatan.", None),
    # a numbered regulation, a note to an official: nothing the applicant receives
    (("Kemendagri telah menerbitkan Keputusan Menteri Dalam Negeri Nomor 061-3755 Tahun 2014 tentang Unit "
      "Layanan Administrasi."), None),
    ("Tim Teknis melakukan kajian teknis dan menerbitkan rekomendasi teknis kepada Kepala DPMPTSP.", None),
    ("Lurah menerbitkan Surat Keterangan Domisili kepada pemohon.", "Surat Keterangan Domisili"),
    # sent to the applicant, or to no one named (online services, c31-43/-44); not what another party is sent
    ("- Sistem akan memproses dan mengirimkan kartu SIM jika sudah diperpanjang", "kartu SIM"),
    ("Petugas mengirimkan SK Izin kepada pemohon melalui email.", "SK Izin"),
    ("Pengadilan Agama akan mengirimkan surat panggilan sidang beserta salinan gugatan kepada tergugat.", None),
    ("Pemohon mengirimkan surat permohonan melalui email.", None),
    ("13. SIM akan diproses dan diterima pemohon sesuai metode pengiriman.", "SIM"),
])
def test_the_product_a_step_names(step, product):
    assert produk.from_step(step) == product


@pytest.mark.parametrize("step, product", [
    ("Pemohon mengambil SKD di kantor desa.", "SKD"),
    ("Anda akan dipanggil untuk mengambil kartu kuning yang sudah dicetak.", "kartu kuning"),
    ("Pemohon mendapatkan surat pengantar dari RT/RW", None),  # obtained beforehand: a requirement
    ("Pemohon menerima satu rangkap surat pengantar dari RT", None),  # a count before the name shifts no "dari"
    ("Pemohon menerima 2 lembar surat keterangan domisili", "surat keterangan domisili"),
    ("Menyerahkan fotokopi KTP dan KK", None),
    ("Surat pengantar diserahkan kepada petugas loket", None),
    # an office issuing it, in steps the requirements swallowed; not a document's issuer described
    ("Setelah semua data diverifikasi, pihak kelurahan akan menerbitkan Surat Keterangan Tidak Mampu.",
     "Surat Keterangan Tidak Mampu"),
    ("Rekomendasi dari instansi yang menerbitkan izin lingkungan", None),
    ("Surat keterangan dari Lurah yang menerbitkan SKTM", None),
])
def test_under_a_requirements_label_only_what_the_applicant_receives_is_a_product(step, product):
    assert produk.from_step(step, received_only=True) == product


# an unrecognised sub-heading ("Cara buat secara offline") lets the requirements field run on over the steps,
# and the last step says what the applicant takes home
STEPS_UNDER_REQUIREMENTS = """Cara Membuat Kartu Kuning
Dokumen persyaratan
• Fotokopi ijazah terakhir yang terlegalisasi
• Fotokopi KTP
• Dua lembar pas foto ukuran 3x4
Syarat ini bergantung pada kebijakan kantor Disnaker di daerah masing-masing.
Cara buat secara offline
1. Datang ke kantor Disnaker setempat.
2. Serahkan dokumen persyaratan yang diminta.
3. Anda akan dipanggil untuk mengambil kartu kuning yang sudah dicetak.
"""

REQUIREMENTS_ONLY = """Persyaratan Pengurusan Surat Keterangan Usaha
  • Fotokopi KTP & KK pemohon
  • Surat pengantar RT/RW
  • Pemohon mendapatkan surat keterangan domisili usaha dari RT setempat
"""


def test_steps_run_into_the_requirements_still_name_the_product():
    for result in _both(STEPS_UNDER_REQUIREMENTS, "https://disnaker.contohkab.go.id/kartu-kuning"):
        assert result.components["persyaratan"]
        assert _products(result) == ["kartu kuning"]
    for result in _both(REQUIREMENTS_ONLY, "https://karungan.desa.id/layanan/sku"):
        assert result.components["persyaratan"] and not result.components["produk"]


def test_a_long_value_under_a_produk_label_may_still_be_names():
    clinics = ("Pelayanan rawat jalan , klinik THT, klinik Syaraf, klinik Bedah Ortopedi, klinik Bedah, klinik "
               "Penyakit Dalam, klinik Mata, klinik Anak. Klinik Obsgyn, klinik Kulit,")
    assert produk.parse([clinics], named=True) == {"name": "Pelayanan rawat jalan; klinik THT; klinik Syaraf"}
    tera = ("Tera dan tera ulang alat UTTP sesuai dengan Surat Keterangan Kemampuan Pelayanan Tera dan Tera Ulang "
            "yang berlaku")
    assert produk.parse([tera], named=True) == {"name": "Tera dan tera ulang alat UTTP"}
    # under a bare "Hasil" a long line is a sentence about results, not a name
    assert produk.parse([tera], named=False) is None
    sentence = ("Hasil pemeriksaan akan disampaikan kepada pasien melalui dokter yang merawat sesuai dengan "
                "jadwal kontrol yang telah ditentukan oleh rumah sakit")
    assert produk.parse([sentence], named=True) is None

    text = """Deskripsi Layanan Tera dan Tera Ulang
Jangka Waktu Penyelesaian 1 Hari
Biaya / Tarif 0
Produk Layanan Tera dan tera ulang alat UTTP sesuai dengan Surat Keterangan Kemampuan Pelayanan Tera dan Tera Ulang yang berlaku
"""
    for result in _both(text, "https://skm.contohkab.go.id/layanan/tera"):
        assert _products(result) == ["Tera dan tera ulang alat UTTP"]


def test_a_result_run_into_its_noun_is_a_requirement_not_a_label():
    text = """Pendirian PAUD
2. Persyaratan teknis pendirian PAUD
a. Surat permohonan kepada Kepala Dinas
b. Hasil studi Kelayakan
c. Rencana Induk Pengembangan (RIP) yang memuat rencana lima tahun
"""
    for result in _both(text, "https://dinaspdank.contohkab.go.id/pendirian-paud"):
        assert result.components["persyaratan"] and not result.components["produk"]
    labelled = text.replace("b. Hasil studi Kelayakan\n", "") + "Hasil: Izin Operasional PAUD\n"
    for result in _both(labelled, "https://dinaspdank.contohkab.go.id/pendirian-paud"):
        assert _products(result) == ["Izin Operasional PAUD"]


SIPPN_SLOTS = """{title}
1. Asli surat keterangan yang ditandatangani Lurah.
2. Fotocopy KTP Pemohon
3. Fotocopy Kartu Keluarga
1. Petugas Loket menerima dan memeriksa kelengkapan berkas
2. Camat menandatangani format {title}
3. Petugas Loket meregistrasi dan membubuhkan stempel
Gratis
{product}
1. Secara Lisan : Langsung melalui Kasi Pelayanan Informasi dan Pengaduan
2. Secara Online : Website, Email, SMS 1708, Aplikasi : Lapor.go.id
"""


@pytest.mark.parametrize("title, product, published", [
    # the product slot only repeats a title that names an act: the page does not say what one receives
    ("Legalisasi Surat Keterangan Tidak Mampu", "Legalisasi Surat Keterangan Tidak Mampu", False),
    ("Legalisasi Surat Keterangan Tidak Mampu", "Surat Keterangan Tidak Mampu yang telah dilegalisasi", True),
    # a title that names a document is the product, repeated or not
    ("Surat Pengantar Nikah", "Surat Pengantar Nikah", True),
])
def test_a_sippn_product_slot_that_repeats_an_act_is_no_product(title, product, published):
    text = SIPPN_SLOTS.format(title=title, product=product)
    for result in _both(text, "https://sippn.menpan.go.id/pelayanan-publik/kalimantan/kecamatan/legalisasi"):
        assert result.components["persyaratan"] and result.components["biaya"]
        assert result.components["produk"] is published, _products(result)


FAQ_CARDS = """Surat Keterangan Penghasilan Orang Tua
Yang perlu disiapkan
Surat pengantar RT
Fotokopi KK dan KTP orang tua
Langkah-langkah
Datang ke loket kelurahan dan ambil nomor antrean
Serahkan berkas kepada petugas
Berapa lama?
± 15 menit
Berapa biayanya?
Rp0, tidak ada biaya.
Apa yang saya terima?
Surat Keterangan Penghasilan yang ditandatangani Lurah.
"""


def test_a_question_in_the_first_person_asks_for_the_product():
    for result in _both(FAQ_CARDS, "https://sites.google.com/view/kelurahan-contoh/layanan"):
        assert _products(result) == ["Surat Keterangan Penghasilan yang ditandatangani Lurah"]


# PRODUK2: a document the service issues, named as the object or subject of an issue/hand-over/receive verb on a
# page with no produk field; each shape beside the input or the bystander it must not take
@pytest.mark.parametrize("step, product", [
    # a bundle or a result word before the name ("berkas …", "hasil pembuatan …") is not the name, when the
    # thing goes to the applicant
    ("Terakhir, penyerahan berkas surat keterangan domisili kepada pemohon.", "surat keterangan domisili"),
    ("Pengambilan hasil pembuatan SKCK.", "SKCK"),
    ("Penyerahan berkas KTP dan KK kepada petugas loket.", None),  # handed in
    ("Petugas menerima berkas KTP-el pemohon.", None),
    # a passive with its agent or an adverb between verb and recipient, after "selesai dan"
    (("Berkas pengajuan Surat Keterangan Pindah Keluar selesai dan diserahkan oleh petugas kepada pemohon;"),
     "Surat Keterangan Pindah Keluar"),
    ("KTP-el yang sudah jadi diserahkan langsung kepada pemohon.", "KTP-el"),
    # the clause's subject, when its agent or another passive stands before "diserahkan kepada pemohon"
    ("Surat Keterangan Pindah yang telah ditandatangani Camat diserahkan kepada pemohon.", "Surat Keterangan Pindah"),
    ("8. Kartu Keluarga dicetak, ditandatangani Kepala Dinas dan diserahkan kepada pemohon", "Kartu Keluarga"),
    ("Surat permohonan yang telah diverifikasi diserahkan kepada pemohon", None),
    ("SK Izin dan Nonizin diserahkan kepada pemohon.", None),  # generic: not the first of a pair
    ("Surat pengantar diserahkan kepada petugas loket.", None),  # to an officer: an input
    ("Berkas permohonan diserahkan oleh pemohon kepada petugas.", None),
    # issued by an office: the document is what the service issues, not a circular
    (("Kartu kuning atau kartu AK1 ini diterbitkan oleh Dinas Ketenagakerjaan (Disnaker) untuk pendataan para "
      "pencari kerja."), "Kartu kuning atau kartu AK1"),
    ("Surat Edaran ini diterbitkan oleh Kementerian Dalam Negeri.", None),
    ("Permohonan yang ditolak dikembalikan ke Bidang Pelayanan untuk diterbitkan surat penolakannya.", None),
    # finished, printed, ready: "sudah jadi", "sudah terbit", "selesai dicetak", "bisa diambil"
    ("Setelah KTP-el selesai dicetak, petugas menghubungi pemohon.", "KTP-el"),
    ("Akta kelahiran sudah terbit dalam 1 hari kerja.", "Akta kelahiran"),
    ("Jika KIA sudah jadi, bisa diambil di kantor kecamatan.", "KIA"),
    ("Berkas sudah jadi dan bisa diambil.", None),
    # a step in the applicant's imperative that receives the document (an online service's last step)
    ("Menerima penerbitan lembar SKPWNI dan Kartu Keluarga yang baru dalam format PDF.", "SKPWNI"),
    ("Menerima surat permohonan dan memeriksa kelengkapan berkas.", None),  # an officer's step: an input
    ("Mendapatkan surat pengantar dari RT.", None),
    ("Mendapatkan Akta Kelahiran", None),  # often obtained beforehand (a KIA page's first step)
    # an officer hands it to the counter on its way to the applicant; a document brought in, issued elsewhere
    ("Petugas Loket menyerahkan Surat Keterangan Pindah ke loket untuk diserahkan kepada pemohon.",
     "Surat Keterangan Pindah"),
    ("Surat Keterangan Pindah Luar Negeri yang diterbitkan oleh Disdukcapil bagi WNI yang datang.", None),
    # the receiver described by a clause on "yang"; not when the clause negates or wants
    ("Setiap pemustaka yang telah memenuhi ketentuan diatas akan mendapatkan kartu keanggotaan.", "kartu keanggotaan"),
    ("Warga yang belum melakukan perekaman tidak mendapatkan surat keterangan.", None),
    ("Warga yang ingin mendapatkan surat keterangan harus datang ke kantor desa.", None),
    # an officer gives or makes it for the applicant; the applicant gives nothing out
    ("Tunggulah hingga petugas memberikan BPKB baru dan berkas-berkas pendukung.", "BPKB baru"),
    ("Pemohon memberikan fotokopi KTP kepada petugas.", None),
    ("Petugas membuatkan kartu berobat untuk pasien baru.", "kartu berobat"),
    ("Petugas membuat dan memberikan bukti pembayaran kepada pelanggan.", None),  # a receipt on the way
    ("Setelah perekaman data masuk ke kantor untuk diberikan surat keterangan.", "surat keterangan"),
    # a form number and the document's name: the name
    ("Dinas Menerbitkan BR-1.01 atau Surat Keterangan Pengganti Tanda Identitas (SKPTI)",
     "Surat Keterangan Pengganti Tanda"),
    # "-nya" on the name, a closing quote after it, a duration after it
    ("Biasanya jika jaringan bagus, 1 X 24 jam pemohon bisa langsung mendapatkan KTPnya,” tandasnya.", "KTP"),
    ("Selambat-lambatnya, Anda bisa mengambil e-KTP 14 hari sejak tanggal pengajuan.", "e-KTP"),
    # synonyms of issuing; an issuer described in a relative clause issues nothing here
    ("Setelah itu, tim memberikan rekomendasi untuk dikeluarkan Surat Izin Operasional.", "Surat Izin Operasional"),
    ("Surat keterangan domisili dari instansi yang mengeluarkan surat keterangan usaha", None),
    ("Pengantin akan langsung diberikan buku nikah setelah akad.", "buku nikah"),
    # "Hasil … dalam bentuk X"
    ("Hasil layanan ini dalam bentuk Kartu Identitas Anak.", "Kartu Identitas Anak"),
])
def test_the_product_named_in_a_step_or_a_sentence(step, product):
    assert produk.from_step(step) == product


# SIPPN with its slot labels stripped: the steps run together in one list item right after the requirements,
# so the requirements field swallows them; the step that hands the card over still names the product
SWALLOWED_STEP_RUN = """Pelayanan Loket
1. Memakai masker
2. Kartu identitas/KTP
3. Kartu Jaminan Kesehatan (BPJS)
4. Kunjungan pasien baru: 1. Pasien dicek suhu badan di meja skrining. 2. Pasien mengambil nomor antrean. 3. Petugas mencatat identitas pasien. 4. Petugas menyerahkan kartu berobat kepada pasien 5. Pasien menunggu di ruang tunggu poli.
"""


def test_a_run_of_numbered_steps_swallowed_by_the_requirements_names_the_product():
    for result in _both(SWALLOWED_STEP_RUN, "https://sippn.menpan.go.id/pelayanan-publik/jawa/dinkes/loket"):
        assert result.components["persyaratan"]
        assert _products(result) == ["kartu berobat"]


@pytest.mark.parametrize("line", [
    "Surat Keterangan yang telah ditandatangani Camat diserahkan kepada pemohon. " * 2000,
    "Pemohon yang telah memenuhi ketentuan akan mendapatkan kartu " * 2000,
    "petugas menyerahkan berkas kepada petugas loket " * 2000,
    "Menerima surat permohonan " * 2000,
])
def test_a_line_repeating_a_verb_thousands_of_times_reads_a_bounded_number_of_them(line, monkeypatch):
    # each verb read costs a pass over the line: a hostile page's repeated phrase must not make it quadratic
    # (review, 2026-11-30: a 200,000-character line took 20 s)
    calls = []
    real = produk._subjectless
    monkeypatch.setattr(produk, "_subjectless", lambda before: calls.append(1) or real(before))
    real_name = produk._name_after
    monkeypatch.setattr(produk, "_name_after", lambda *a: calls.append(1) or real_name(*a))
    real_before = produk._name_before
    monkeypatch.setattr(produk, "_name_before", lambda *a: calls.append(1) or real_before(*a))
    short = produk.from_step(line[:400])
    calls.clear()
    assert produk.from_step(line) == short  # the first of the repeats names what they all name
    assert len(calls) <= 6 * produk._MAX_VERBS_READ


# a table cell that runs a whole procedure together (SIPPN, c10-13): the applicant opens the cell and hands things
# in, an officer hands the product over in a later step
RUN_TOGETHER = ("1. Kunjungan pasien baru: 1. Pasien di anjurkan untuk cuci tangan terlebih dahulu. "
                "2. Pasien menyerahkan kertas kecil ke petugas loket pendaftaran dan mengambil nomor antrian "
                + " ".join(f"{n}. Petugas mencatat identitas pasien ke dalam buku register nomor {n}." for n in range(3, 30))
                + " 30. Petugas menyerahkan kartu berobat kepada pasien 31. Pasien dipersilahkan untuk duduk")


@pytest.mark.parametrize("step, product", [
    (RUN_TOGETHER, "kartu berobat"),
    ("1. Pasien datang ke loket. 2. Petugas menyerahkan kartu berobat kepada pasien.", "kartu berobat"),
    ("Pihak berperkara datang ke meja PTSP dan menyerahkan surat gugatan.", None),
    ("1. Petugas memanggil. 2. Pasien menyerahkan kartu berobat kepada petugas loket.", None),
])
def test_the_subject_of_a_hand_over_is_read_in_its_own_step(step, product):
    assert produk.from_step(step) == product


def test_a_procedure_run_into_one_long_item_still_names_the_product():
    # over 1,200 characters: the prose scan used to skip the item (extractors/prose.py page_prose_fields)
    assert len(RUN_TOGETHER) > 1200
    text = ("Pelayanan Loket\n1. Memakai masker\n2. Kartu identitas/KTP\n3. Kartu keluarga (jika ada)\n"
            + RUN_TOGETHER + "\n")
    for result in _both(text, "https://puskesmas.contohkab.go.id/pelayanan-loket"):
        assert _products(result) == ["kartu berobat"]


@pytest.mark.parametrize("line, product", [
    # a time frame that ends when the applicant gets the product (c13-02, news)
    ("Syaprol menambahkan, proses dari awal hingga mendapatkan buku KIR ini memakan waktu sekitar 18 menit.",
     "buku KIR"),
    ("Waktu penyelesaian 14 hari kerja sejak berkas lengkap sampai dengan terbitnya IMB.", "IMB"),
    ("Prosesnya hingga mendapatkan surat pengantar dari RT tidak lama.", None),  # obtained from another office
    ("Antrean hingga menerima surat permohonan warga cukup panjang.", None),  # an input
    ("Proses hingga mendapatkan pelayanan hanya 10 menit.", None),  # no product named
    # what a 3-in-1 service gives besides (c8-34)
    (("Pencatatan Akta Kematian 3 In 1 (Usia 0 s.d 30 hari) Sekaligus mendapatkan Kartu Keluarga (KK) dan KTP-el "
      "bagi Suami atau Isteri yang ditinggalkan"), "Kartu Keluarga (KK)"),
])
def test_a_time_frame_that_ends_with_the_product_names_it(line, product):
    assert produk.from_step(line) == product


@pytest.mark.parametrize("step, product", [
    # a document named only by its initials right after an officer's verb of issuing: no word list can hold
    # them all ("Menerbitkan SKHP", "mengeluarkan PKKPR")
    ("6. Menerbitkan SKPT", "SKPT"),
    ("Kepala Bidang mengeluarkan SIPB yang telah ditandatangani.", "SIPB"),
    # not a document: a circular, an organisation, a bill, what the applicant hands in, a heading in capitals
    ("Kepala Dinas menerbitkan SE tentang jam pelayanan.", None),
    ("Petugas menyerahkan berkas ke DPMPTSP.", None),
    ("Petugas menyerahkan SKRD kepada pemohon.", None),
    ("Pemohon menyerahkan SPTJM yang telah ditandatangani.", None),
    ("MENYERAHKAN BERKAS KE LOKET", None),
])
def test_a_document_named_by_its_initials_after_an_issuing_verb(step, product):
    assert produk.from_step(step) == product


@pytest.mark.parametrize("step, product", [
    # "mendapat" (as "mendapatkan"), an heir as the applicant
    ("4. Ahli waris mendapat Kutipan Akta Kematian.", "Kutipan Akta Kematian"),
    # what the applicant receives is output, the bundle word before it is not the name
    ("Pemohon menerima dokumen KIA di loket pengambilan", "KIA"),
    ("Pemohon menerima berkas permohonan yang dikembalikan", None),
    ("Masyarakat mendapat pelayanan gratis.", None),
    ("Warga yang ingin mendapat KTP-el harus merekam data.", None),
    ("Pemohon mendapat nomor antrean dari petugas.", None),
    ("Masih banyak warga yang belum mendapat KTP-el karena blangko habis.", None),  # nothing received yet
    ("Pasien pulang setelah mendapat izin dokter.", None),  # a condition of the step, not its output
    # a letter the applicant takes on to another office is no output (c38-01); one kept is
    ("Pemohon akan mendapatkan surat keterangan yang akan diteruskan ke kantor Disdukcapil.", None),
    ("Pemohon mendapatkan surat pengantar untuk dibawa ke kecamatan.", None),
    ("Pemohon menerima Akta Kelahiran yang sudah ditandatangani.", "Akta Kelahiran"),
])
def test_what_the_applicant_receives(step, product):
    assert produk.from_step(step) == product


_NEWS = ("Jemput bola perekaman KTP-el di Kecamatan Sukamaju\nSUKAMAJU - Dinas Kependudukan dan Pencatatan Sipil "
         "menggelar perekaman KTP-el di balai desa selama sepekan.\n{sentence}\nKegiatan serupa akan digelar di "
         "delapan desa lainnya bulan depan.\n")


@pytest.mark.parametrize("sentence, product", [
    # a news page publishes no standard: a document counts when the story says the applicant gets it
    ("Warga yang sudah merekam data, kata Rina, langsung mendapatkan surat keterangan pengganti KTP-el.",
     "surat keterangan pengganti KTP-el"),
    # a category of documents, a ceremony, an office issuing in general: no product of a service
    ("Dengan layanan ini masyarakat bisa mendapatkan dokumen kependudukan tanpa harus datang ke kantor.", None),
    ("Sebanyak 50 warga menerima KTP-el secara simbolis dari Bupati.", None),
    ("Dalam pembagian itu, 300 warga menerima sertifikat tanah hasil PTSL.", None),
    ("Tahun ini Disdukcapil telah menerbitkan 5.000 akta kelahiran.", None),
])
def test_a_news_story_names_a_product_only_as_what_the_applicant_gets(sentence, product):
    for result in _both(_NEWS.format(sentence=sentence), "https://berita.contoh.com/2024/01/01/jemput-bola"):
        assert _products(result) == ([product] if product else [])


@pytest.mark.parametrize("step, product", [
    # twelfth session (tuning c25-23, c28-32, c41-01, c43-26): a verb typed in two words, the first of two names
    # picked up, a civil servant as the applicant, a PPID's information asked for
    ("Bila dokumen sudah lengkap, petugas membuat kan Surat Keterangan Pengganti Ijazah",
     "Surat Keterangan Pengganti Ijazah"),
    ("SK IMB dan lampirannya dapat diambil di kantor kecamatan", "SK IMB"),
    ("SK Izin dan Nonizin diserahkan kepada pemohon.", None),  # kinds of paper, no one product
    ("- PNS menerima SK Kenaikan Pangkat.", "SK Kenaikan Pangkat"),
    ("Pemohon menerima informasi yang telah diminta dalam bentuk softcopy.", "Informasi yang telah diminta"),
    ("Petugas memberikan informasi persyaratan kepada pemohon.", None),  # an information desk's step
    ("Pemohon diberi penjelasan tentang biaya untuk memperoleh informasi yang diminta.", None),  # a purpose
])
def test_more_shapes_of_the_product_in_a_step(step, product):
    assert produk.from_step(step) == product

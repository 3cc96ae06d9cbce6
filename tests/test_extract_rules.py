"""One test per generic rule of the extractors (structure signals, not fixture wording)."""

from extractors import build_page, extract
from extractors.model import Block, Page
from extractors.pdf_page import drop_page_marks, join_wrapped_headings, looks_tabular


def _html(body: str, title: str = "Layanan") -> bytes:
    return f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>".encode()


def _extract_html(body: str, title: str = "Layanan"):
    return extract(build_page("https://x.go.id/layanan", _html(body, title), "text/html"))


def _text_page(lines: list[str], source: str = "pdf"):
    """A Page as PDF text extraction gives it: one block a line, classified like pdf_page does."""
    from extractors.text_page import lines_to_blocks

    blocks, _ = lines_to_blocks("\n".join(lines), page=1)
    blocks = join_wrapped_headings(drop_page_marks(blocks))
    return Page(url="https://x.go.id/sp.pdf", title="", blocks=blocks, source=source)


def _components(result, name_part: str) -> set[str]:
    service = next(s for s in result.services if name_part.lower() in s.name.lower())
    return {c for c, on in service.components.items() if on}


def test_a_label_followed_only_by_an_image_publishes_nothing():
    result = _extract_html("<h1>Uji Air</h1><h2>Persyaratan</h2><ul><li>Surat permohonan</li></ul>"
                           "<h2>Alur Pelayanan</h2><p><img src='/alur.png' alt='Infografis alur'></p>")
    assert result.components["persyaratan"] and not result.components["prosedur"]


def test_a_box_after_an_accordion_belongs_to_the_unit_not_to_the_last_item():
    items = "".join(
        f"<div class='accordion-item'><h2 class='accordion-header'><button>{name}</button></h2>"
        f"<div class='accordion-collapse collapse'><div class='accordion-body'><p><b>Persyaratan:</b> KTP, KK</p>"
        f"<p><b>Biaya:</b> Gratis</p></div></div></div>"
        for name in ("Penerbitan KTP-el", "Surat Pindah")
    )
    result = _extract_html(f"<h1>Standar Pelayanan</h1><div class='accordion'>{items}</div>"
                           "<div class='box'><p><b>Pengaduan:</b> SP4N-LAPOR! (www.lapor.go.id), "
                           "WhatsApp 0812-7900-5566</p></div>")
    assert _components(result, "Pindah") == {"persyaratan", "biaya"}
    assert any(f.component == "pengaduan" for f in result.unit_findings)


def test_pdf_komponen_rows_with_bare_row_numbers_and_lettered_service_headings():
    page = _text_page([
        "A. STANDAR PELAYANAN PERSETUJUAN BANGUNAN GEDUNG (PBG)",
        "No Komponen Uraian",
        "1 Dasar Hukum",
        "1. Undang-Undang Nomor 28 Tahun 2002;",
        "2 Persyaratan",
        "1. Fotokopi KTP pemohon;",
        "3 Sistem, Mekanisme dan Prosedur",
        "1. Petugas memeriksa kelengkapan dokumen;",
        "2. Penerbitan Surat Ketetapan Retribusi Daerah (SKRD) dan pembayaran",
        "retribusi;",
        "4 Jangka Waktu Penyelesaian Paling lama 28 (dua puluh delapan) hari kerja.",
        "5 Biaya/Tarif",
        "Retribusi PBG sesuai Peraturan Daerah Nomor 1 Tahun 2024.",
        "6 Produk Pelayanan Persetujuan Bangunan Gedung (PBG).",
        "B. STANDAR PELAYANAN PENERBITAN NOMOR INDUK BERUSAHA (NIB) MELALUI OSS",
        "RBA",
        "No Komponen Uraian",
        "1. Persyaratan KTP; NPWP",
        "2. Prosedur Daftar akun; isi data; cetak NIB",
        "3. Waktu 60 menit",
        "4. Biaya Gratis",
        "5. Produk NIB",
        "SK Standar Pelayanan - hal. 2",
    ])
    result = extract(page)
    names = [s.name for s in result.services]
    assert names == ["PERSETUJUAN BANGUNAN GEDUNG (PBG)", "PENERBITAN NOMOR INDUK BERUSAHA (NIB) MELALUI OSS RBA"]
    pbg, nib = result.services
    values = {f.component: f.value for f in pbg.findings}
    assert values["waktu"]["amount"] == 28 and values["biaya"]["regulation"]
    assert set(pbg.components) >= {"persyaratan", "prosedur", "waktu", "biaya", "produk"}
    values = {f.component: f.value for f in nib.findings}
    assert values["produk"] == {"name": "NIB"} and values["biaya"]["free"] and values["waktu"]["amount"] == 60


def test_layout_mode_only_for_text_with_a_header_line():
    assert looks_tabular("Lampiran\nNo Jenis Layanan Persyaratan Waktu Biaya Produk\n1 KTP ...")
    assert not looks_tabular("Pasal 1\nDalam peraturan ini yang dimaksud dengan persyaratan adalah syarat.")


def test_two_labels_on_one_line_are_two_fields():
    result = _extract_html("<h1>Pengantar SKCK</h1><p>Syarat:</p><p>- Fotokopi KTP</p>"
                           "<p>Waktu: ± 30 menit. Biaya: gratis (SKCK di kepolisian dikenakan PNBP Rp 30.000).</p>")
    values = {f.component: f.value for f in result.services[0].findings}
    assert values["waktu"]["amount"] == 30 and values["biaya"]["amount"] == 0


def test_a_fee_stated_in_the_same_sentence_as_the_duration():
    result = _extract_html("<h3>Surat Keterangan Tidak Mampu (SKTM)</h3><p>Persyaratan untuk SKTM:</p>"
                           "<ul><li>KTP dan KK</li></ul>"
                           "<p>Jangka waktu penyelesaian 1 hari kerja, tidak dipungut biaya.</p>")
    service = result.services[0]
    assert service.name == "Surat Keterangan Tidak Mampu (SKTM)"  # the hint "SKTM" is part of the heading
    assert {f.component for f in service.findings} >= {"persyaratan", "waktu", "biaya"}


def test_a_complaints_widget_in_the_sidebar_is_a_site_channel_and_a_share_bar_is_nothing():
    body = ("<h1>Layanan</h1><p>Persyaratan: KTP, KK</p>"
            "<aside class='sidebar'><section class='widget'><h3>Layanan Pengaduan</h3>"
            "<p>Sampaikan pengaduan Anda melalui:</p><p>SP4N-LAPOR!: www.lapor.go.id</p>"
            "<p>WhatsApp Pengaduan: 0812-7788-1290</p></section></aside>")
    result = _extract_html(body)
    # the page's content does not publish pengaduan; the unit's chrome does, and scoring may count it
    assert not result.components["pengaduan"]
    assert {c["type"] for c in result.to_dict()["site_channels"]} >= {"lapor", "whatsapp"}
    assert any(f.component == "pengaduan" for f in result.findings)
    share = ("<h1>Layanan</h1><p>Persyaratan: KTP, KK</p><footer><div class='share'>Bagikan: "
             "<a href='#'>WhatsApp</a></div><p>Telp (0729) 123456</p></footer>")
    assert not _extract_html(share).components["pengaduan"]


def test_a_pledge_quoted_as_an_example_is_not_a_maklumat():
    body = ("<h2>Format Maklumat Pelayanan</h2><p>Maklumat pelayanan memuat pernyataan kesanggupan, misalnya: "
            "'Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan'.</p>")
    assert not _extract_html(body).components["maklumat"]
    real = "<h2>Maklumat Pelayanan</h2><p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan.</p>"
    assert _extract_html(real).components["maklumat"]


def test_duration_with_number_words_after_the_digits():
    from extractors.components import waktu

    assert waktu.parse("Paling lama 28 (dua puluh delapan) hari kerja")["amount"] == 28
    assert waktu.parse("Bisa ditunggu")["unit"] == "on_the_spot"
    assert waktu.parse("SLA 3 hari kerja")["amount"] == 3


def test_sla_is_a_duration_label():
    result = _extract_html("<h2>Izin Usaha</h2><p><b>Syarat:</b> NIB; KTP</p><p>SLA: 15 hari kerja</p>")
    waktu = next(f for f in result.services[0].findings if f.component == "waktu")
    assert waktu.value["amount"] == 15


def test_page_marks_and_wrapped_headings_in_pdf_text():
    blocks = [Block("heading", "C. STANDAR PELAYANAN PENERBITAN NOMOR INDUK BERUSAHA MELALUI OSS", level=3, page=1),
              Block("heading", "RBA", level=2, page=1),
              Block("paragraph", "Perbup 12/2022 - hal. 3", page=1)]
    out = join_wrapped_headings(drop_page_marks(blocks))
    assert [b.text for b in out] == ["C. STANDAR PELAYANAN PENERBITAN NOMOR INDUK BERUSAHA MELALUI OSS RBA"]


def test_a_numbered_pelayanan_line_names_the_service_and_letterheads_do_not():
    page = _text_page([
        "DINAS SOSIAL KABUPATEN WAY KANAN",
        "TENTANG STANDAR PELAYANAN PUSKESMAS",
        "1. Pelayanan Pemeriksaan Umum",
        "Persyaratan : Kartu identitas/KTP",
        "Waktu : 20 menit",
        "2. Pelayanan Kesehatan Gigi dan Mulut",
        "Persyaratan : KTP",
        "Biaya : Rp 15.000,-",
    ])
    result = extract(page)
    assert [s.name for s in result.services] == ["Pelayanan Pemeriksaan Umum", "Pelayanan Kesehatan Gigi dan Mulut"]


def test_an_english_gloss_after_a_label_is_not_a_service_name():
    result = _extract_html("<h2>Akta Kelahiran Terlambat</h2><h3>Persyaratan / Requirements</h3>"
                           "<ul><li>Surat keterangan lahir</li></ul><h3>Biaya / Fee</h3><p>Gratis</p>")
    assert [s.name for s in result.services] == ["Akta Kelahiran Terlambat"]


# --- round 2: generalisation rules --------------------------------------------------------------------


def _services(result) -> dict[str, set[str]]:
    return {s.name: {c for c, on in s.components.items() if on} for s in result.services}


def _channel_types(result) -> set[str]:
    return {c["type"] for f in result.findings if f.component == "pengaduan" for c in f.value["channels"]}


def test_a_price_list_is_one_service_per_row_and_its_heading_is_not_a_field():
    rows = "".join(f"<tr><td>{i}</td><td>{n}</td><td>{p}</td></tr>" for i, (n, p) in enumerate(
        [("Pemeriksaan Gula Darah", "15.000"), ("Rontgen Dada", "120.000"), ("Surat Keterangan Sehat", "50.000")], 1))
    result = _extract_html("<h3>Tarif Layanan</h3><p>Berdasarkan Perbup Nomor 1 Tahun 2024 tentang Tarif.</p>"
                           f"<table><tr><th>No</th><th>Jenis Pemeriksaan</th><th>Tarif (Rp)</th></tr>{rows}</table>")
    assert set(_services(result)) == {"Pemeriksaan Gula Darah", "Rontgen Dada", "Surat Keterangan Sehat"}
    fees = [f.value["amount"] for f in result.findings if f.component == "biaya"]
    assert fees == [15000, 120000, 50000]


def test_faq_question_headings_introduce_components_and_name_the_service():
    result = _extract_html("<h1>Tanya Jawab</h1><h4>Apakah pembuatan KTP-el dipungut biaya?</h4>"
                           "<p>Tidak. Pembuatan KTP-el tidak dipungut biaya.</p>"
                           "<h4>Berapa lama akta kelahiran selesai?</h4><p>Selesai dalam satu hari kerja.</p>"
                           "<h4>Apakah KTP-el harus diperpanjang?</h4><p>Tidak, berlaku seumur hidup.</p>")
    names = _services(result)
    assert names.get("KTP-el") == {"biaya"} and names.get("akta kelahiran") == {"waktu"}


def test_faq_questions_under_a_service_heading_keep_that_heading_as_the_name():
    result = _extract_html("<h3>Legalisir Ijazah SD dan SMP</h3><dl><dt>Apa saja yang harus saya bawa?</dt>"
                           "<dd>Ijazah asli dan fotokopinya.</dd><dt>Berapa lama saya harus menunggu?</dt>"
                           "<dd>Paling lama 1 hari kerja.</dd></dl>")
    assert _services(result) == {"Legalisir Ijazah SD dan SMP": {"persyaratan", "waktu"}}


def test_label_dash_value_lines_read_like_colons():
    result = _extract_html("<h4>Penyelamatan Hewan</h4><ul><li>Tata Cara - lapor ke call center; petugas datang</li>"
                           "<li>Biaya - gratis</li></ul>")
    assert _components(result, "Hewan") == {"prosedur", "biaya"}


def test_none_under_a_fee_label_means_free():
    result = _extract_html("<h2>Registrasi SPPL</h2><dl><dt>Dokumen yang dibawa</dt><dd>NIB; denah lokasi</dd>"
                           "<dt>Retribusi</dt><dd>Tidak ada</dd></dl>")
    fee = next(f for f in result.findings if f.component == "biaya")
    assert fee.value["free"] is True and _components(result, "SPPL") == {"persyaratan", "biaya"}


def test_slash_joined_channel_words_give_every_type_and_sms_1708_is_sms_too():
    from extractors.components.pengaduan import parse_channels

    types = {c["type"] for c in parse_channels("Pengaduan: telp/SMS 0852-6666-1010 atau SMS ke 1708")}
    assert {"phone", "sms", "lapor"} <= types
    assert {c["type"] for c in parse_channels("Website: www.lapor.go.id")} == {"lapor"}


def test_a_channel_per_subheading_complaints_page_and_an_email_line_is_not_a_label():
    result = _extract_html("<h1>Layanan Pengaduan</h1><h5>E-mail</h5><p>pengaduan.dinas@x.go.id</p>"
                           "<h5>Formulir Online</h5><p>Isi formulir pengaduan</p><h5>Datang Langsung</h5>"
                           "<p>Meja Pengaduan, Lt. 3</p><h5>Instagram</h5><p>DM @dinas.x</p>")
    assert {"email", "web_form", "desk", "social_media"} <= _channel_types(result)
    assert not result.services


def test_a_message_form_on_a_complaints_section_is_a_web_form():
    result = _extract_html("<h2>Sampaikan Pengaduan</h2><p>Gunakan formulir berikut untuk menyampaikan pengaduan.</p>"
                           "<form method='post' action='/pengaduan/kirim'><textarea name='isi'></textarea>"
                           "<button>Kirim</button></form>")
    assert "web_form" in _channel_types(result)


def test_a_floating_whatsapp_complaints_button_in_content_counts():
    result = _extract_html("<h1>Jenis Layanan</h1><p>Poli umum buka setiap hari.</p>"
                           "<a class='wa-float' href='https://wa.me/6281379001122?text=Halo'>Layanan Pengaduan WA</a>")
    assert "whatsapp" in _channel_types(result)


def test_a_link_list_in_chrome_naming_lapor_is_not_a_complaints_box():
    body = ("<html><head><title>Cari</title></head><body><main><h1>Hasil Pencarian</h1><p>Tidak ada hasil.</p></main>"
            "<footer><ul class='links'><li>lapor.go.id</li><li>sinovik.menpan.go.id</li></ul></footer></body></html>")
    result = extract(build_page("https://x.go.id/cari", body.encode(), "text/html"))
    assert not result.components["pengaduan"]


def test_blogger_post_inside_a_widget_wrapper_is_content():
    body = ("<html><head><title>Blog</title></head><body><div class='widget Blog'><div class='post-body entry-content'>"
            "<h3>Surat Domisili</h3><p><b>Persyaratan:</b> KTP; KK</p><p><b>Biaya:</b> Gratis</p></div></div>"
            "</body></html>")
    result = extract(build_page("https://x.blogspot.com/2024/01/a.html", body.encode(), "text/html"))
    assert _components(result, "Domisili") == {"persyaratan", "biaya"}


def test_search_results_and_selection_pages_publish_nothing():
    jdih = _extract_html("<h1>Hasil Pencarian: standar pelayanan</h1><ul><li>Perwali Nomor 12 Tahun 2023 tentang "
                         "Standar Pelayanan</li></ul>", title="Hasil Pencarian | JDIH")
    assert not any(jdih.components.values())
    seleksi = _extract_html("<h1>Seleksi Calon Paskibraka 2025</h1><p>Tahapan: seleksi administrasi, tes, wawancara.</p>",
                            title="Seleksi Calon Paskibraka 2025")
    assert not seleksi.components["prosedur"]


def test_a_number_heading_is_not_a_service_name():
    from extractors.names import clean_service_name

    assert clean_service_name("81,32") is None and clean_service_name("Akta Kelahiran") == "Akta Kelahiran"


def test_an_all_caps_value_under_an_empty_label_is_its_content_in_ocr_text():
    page = _text_page(["PERSYARATAN", "Fotokopi KK", "BIAYA", "GRATIS", "Tidak dipungut biaya", "PRODUK", "KTP-el"],
                      source="ocr")
    page.title = "Layanan KTP-el"
    result = extract(page)
    fee = next(f for f in result.findings if f.component == "biaya")
    assert fee.value["free"] is True
    assert not any("dipungut" in s.name for s in result.services)


def test_a_complaints_line_after_the_last_field_belongs_to_the_unit():
    result = _extract_html("<h3>Surat Domisili</h3><h6>Biaya</h6><p>Rp. 0</p>"
                           "<p>Punya keluhan? Sampaikan via WhatsApp 0811-7200-455.</p>")
    assert "whatsapp" in _channel_types(result) and _components(result, "Domisili") == {"biaya"}


# -- r2: inline separators, toggles, colspan dividers, PDF long-form and transposed tables, negatives --------


def _blocks(body: str):
    return build_page("https://x.go.id/layanan", _html(body), "text/html").blocks


def test_adjacent_inline_elements_do_not_run_together():
    blocks = _blocks("<h1>Katalog</h1><div><span>SLA: 1 hari kerja</span><span>Biaya: Rp50.000</span>"
                     "<span>Hasil: Sertipikat</span></div><div><span>Semua</span><span>Dukcapil</span></div>")
    texts = [b.text for b in blocks]
    assert "SLA: 1 hari kerja" in texts and "Biaya: Rp50.000" in texts and "Hasil: Sertipikat" in texts
    assert "Semua Dukcapil" in texts
    # a word split over inline elements with no gap between (text follows directly) stays whole
    assert "Persyaratan" in [b.text for b in _blocks("<p><b>P</b>ersyaratan</p>")]


def test_key_value_tiles_read_as_label_and_value():
    result = _extract_html("<h1>Pengesahan Site Plan</h1><div><div><span>Durasi</span><strong>10 HK</strong></div>"
                           "<div><span>Biaya Layanan</span><strong>Rp 0</strong></div></div>"
                           "<h2>Kelengkapan Berkas</h2><ul><li>Surat permohonan</li></ul>")
    assert {"waktu", "biaya", "persyaratan"} <= _components(result, "site plan")


def test_list_item_number_in_its_own_span_is_separated():
    blocks = _blocks("<ol><li><span>1</span><span>Pengembang mengajukan permohonan</span></li></ol>")
    assert blocks[0].text == "1 Pengembang mengajukan permohonan"


def test_toggle_button_titles_a_hidden_accordion_panel():
    panel = ("<div x-data='{open: false}'><button type='button' @click='open = !open' :aria-expanded='open'>{name}"
             "</button><div x-show='open' x-cloak style='display:none'><p>Syarat-syarat</p><div>KTP dan KK</div>"
             "<p>Biaya</p><div>Gratis</div></div></div>")
    result = _extract_html("<h1>Standar Pelayanan</h1>" + panel.replace("{name}", "Surat Keterangan DTKS")
                           + panel.replace("{name}", "Rekomendasi Bantuan Pengobatan"))
    names = [s.name for s in result.services]
    assert "Surat Keterangan DTKS" in names and "Rekomendasi Bantuan Pengobatan" in names
    assert {"persyaratan", "biaya"} <= _components(result, "DTKS")


def test_utility_bold_classes_make_headings():
    blocks = _blocks("<p><span class='font-semibold'>Kanal Aduan</span></p><p>WhatsApp 0812-7345-1001</p>")
    assert blocks[0].kind == "heading"


def test_a_full_width_colspan_row_splits_one_table_into_services():
    rows = ("<tr><td colspan='3'>A. IZIN USAHA SIMPAN PINJAM</td></tr>"
            "<tr><td>1.</td><td>Persyaratan</td><td>Akta pendirian; NIK koperasi</td></tr>"
            "<tr><td>2.</td><td>Biaya/Tarif</td><td>Gratis</td></tr>"
            "<tr><td colspan='3'>B. FASILITASI NIB USAHA MIKRO</td></tr>"
            "<tr><td>1.</td><td>Persyaratan</td><td>KTP; foto usaha</td></tr>"
            "<tr><td>2.</td><td>Jangka Waktu</td><td>1 jam</td></tr>")
    result = _extract_html("<h1>Standar Pelayanan</h1><table><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th>"
                           f"</tr></thead><tbody>{rows}</tbody></table>")
    assert {"persyaratan", "biaya"} <= _components(result, "simpan pinjam")
    assert {"persyaratan", "waktu"} <= _components(result, "nib")


def test_pdf_long_form_table_carries_the_service_name_down_its_component_rows():
    from extractors.pdf_layout import layout_blocks

    text = "\n".join([
        "No   Jenis Pelayanan           Komponen                   Uraian",
        "     Persetujuan                                          Data pemohon; data bangunan gedung; dokumen",
        "1.   Bangunan Gedung           Persyaratan                teknis; KKPR; bukti kepemilikan",
        "     (PBG)                                                tanah",
        "                               Jangka Waktu               28 hari kerja",
        "                                                          Retribusi sesuai Peraturan Daerah Kabupaten Contoh",
        "                               Biaya/Tarif                Nomor 1 Tahun 2024",
        "                               Produk                     Dokumen PBG",
        "2.   Tanda Daftar Gudang       Persyaratan                NIB; denah gudang",
        "                               Jangka Waktu               3 hari kerja",
        "                               Biaya/Tarif                Gratis",
    ])
    rows, _, _ = layout_blocks(text, page=1, first_table=0)
    blocks = [b for _, b in rows]
    headings = [b.text for b in blocks if b.kind == "heading"]
    assert headings == ["Persetujuan Bangunan Gedung (PBG)", "Tanda Daftar Gudang"]
    by_label = {b.cells[0]: b.cells[-1] for b in blocks[:8] if b.kind == "table_row" and not b.header}
    assert by_label["Jangka Waktu"] == "28 hari kerja"
    assert by_label["Biaya/Tarif"].startswith("Retribusi sesuai")
    result = extract(Page(url="https://x.go.id/perbup.pdf", title="", blocks=blocks, source="pdf"))
    assert {"persyaratan", "waktu", "biaya", "produk"} <= _components(result, "bangunan gedung")
    assert {"persyaratan", "waktu", "biaya"} <= _components(result, "gudang")


def test_pdf_table_with_services_as_columns():
    from extractors.pdf_layout import layout_blocks

    text = "\n".join([
        "Komponen           Rekomendasi Teknis KKPR           Sewa Alat Berat",
        "                   Surat permohonan; KTP; bukti      Surat permohonan; KTP/akta",
        "Persyaratan        penguasaan tanah                  badan; rencana lokasi",
        "                   Permohonan; peninjauan            Permohonan; pengecekan",
        "Prosedur           lapangan; rapat Forum             ketersediaan alat;",
        "                   Penataan Ruang; penerbitan        pembayaran",
        "                   rekomendasi",
        "Waktu              10 hari kerja                     3 hari kerja",
        "Penyelesaian",
        "Biaya/Tarif        Gratis                            Rp 650.000 per jam",
    ])
    assert looks_tabular("Komponen Rekomendasi Sewa Alat\nPersyaratan Surat\nProsedur Permohonan\nWaktu 10 hari\n")
    rows, _, _ = layout_blocks(text, page=1, first_table=0)
    blocks = [b for _, b in rows]
    assert [b.text for b in blocks if b.kind == "heading"] == ["Rekomendasi Teknis KKPR", "Sewa Alat Berat"]
    first = {b.cells[0]: b.cells[1] for b in blocks if b.kind == "table_row" and b.table == 0}
    assert first["Prosedur"].endswith("penerbitan rekomendasi")
    assert first["Waktu Penyelesaian"] == "10 hari kerja"
    result = extract(Page(url="https://x.go.id/sk.pdf", title="", blocks=blocks, source="pdf"))
    assert {"persyaratan", "prosedur", "waktu", "biaya"} <= _components(result, "sewa alat")


def test_planning_and_information_register_pages_publish_no_standard():
    table = ("<table><tr><th>Tahapan</th><th>Waktu Pelaksanaan</th><th>Keluaran</th></tr>"
             "<tr><td>Musrenbang Kecamatan</td><td>5 - 20 Februari 2024</td><td>Usulan prioritas</td></tr></table>"
             "<h2>Persyaratan Usulan</h2><ul><li>Dilengkapi proposal dan foto lokasi</li></ul>")
    result = _extract_html("<h1>Musrenbang RKPD Tahun 2025</h1>" + table, title="Musrenbang RKPD 2025")
    assert not any(result.components[c] for c in ("persyaratan", "prosedur", "waktu", "produk"))
    dip = ("<table><tr><th>No</th><th>Ringkasan Isi Informasi</th><th>Penanggung Jawab</th></tr>"
           "<tr><td>1</td><td>SOP Penerbitan Rekomendasi Izin Praktik</td><td>Bidang SDK</td></tr></table>")
    result = _extract_html("<h1>Daftar Informasi Publik Dinas Kesehatan</h1>" + dip, title="Daftar Informasi Publik")
    assert not result.components["prosedur"] and not result.services


def test_a_duration_range_is_extracted_as_its_upper_bound():
    from extractors.components.waktu import parse

    assert parse("5–7 HK")["amount"] == 7
    assert parse("15 - 20 menit") == {"amount": 20, "unit": "minutes", "text": "15 - 20 menit"}


def test_bilingual_labels_and_headers():
    rows = ("<tr><td>Requirements / Persyaratan</td><td>STNK asli; KTP pemilik</td></tr>"
            "<tr><td>Fee / Retribusi</td><td>Rp87.000 per pengujian</td></tr>")
    result = _extract_html(f"<h1>Layanan Uji KIR</h1><h2>Periodic Test / Uji Berkala Kendaraan</h2><table>{rows}</table>")
    assert [s.name for s in result.services] == ["Periodic Test / Uji Berkala Kendaraan"]
    table = ("<table><thead><tr><th>Service / Layanan</th><th>Tariff / Tarif</th></tr></thead><tbody>"
             "<tr><td>Rontgen Thorax / Chest X-Ray</td><td>IDR 150,000</td></tr>"
             "<tr><td>EKG / Electrocardiogram</td><td>IDR 60,000</td></tr></tbody></table>")
    result = _extract_html("<h1>Tarif Layanan / Service Tariffs</h1>" + table)
    assert {s.name for s in result.services} == {"Rontgen Thorax / Chest X-Ray", "EKG / Electrocardiogram"}


def test_folded_alpine_content_is_published():
    blocks = _blocks("<div x-data='{open:false}'><button @click='open=!open'>Surat Keterangan DTKS</button>"
                     "<template x-if='open'><div><p>Biaya: Gratis</p></div></template>"
                     "<div x-show='open' x-cloak style='display:none'><p>Durasi: 10 menit</p></div></div>")
    texts = [b.text for b in blocks]
    assert "Biaya: Gratis" in texts and "Durasi: 10 menit" in texts
    assert blocks[0].kind == "heading"


def test_whatsapp_hotline_is_whatsapp_not_phone():
    from extractors.components.pengaduan import parse_channels

    assert [c["type"] for c in parse_channels("Kanal aduan: WhatsApp Hotline Dinsos 0812-7345-1001")] == ["whatsapp"]


def test_run_in_bold_title_over_prose_publishes_a_service():
    prose = ("<p><b>Surat Keterangan Usaha (SKU).</b> Warga cukup membawa fotokopi KTP dan KK serta foto tempat "
             "usaha. Berkas diserahkan kepada petugas, diperiksa, lalu ditandatangani. Surat biasanya selesai dalam "
             "waktu 1 jam dan tidak dipungut biaya apa pun.</p>")
    result = _extract_html("<h1>Layanan Surat Menyurat</h1>" + prose)
    assert {"persyaratan", "waktu", "biaya"} <= _components(result, "keterangan usaha")
    # a run-in title over ordinary prose (one cue at most) is not a service standard
    news = ("<p><b>Rapat Koordinasi Camat.</b> Bupati memimpin rapat koordinasi bersama para camat di aula kantor "
            "bupati dan meminta seluruh camat membawa data realisasi anggaran pada rapat berikutnya.</p>")
    result = _extract_html("<h1>Berita</h1>" + news)
    assert not result.services


def test_a_bracketed_note_under_a_service_heading_is_not_its_name():
    result = _extract_html("<h3>1. Rekomendasi Dispensasi Nikah</h3><p>(untuk pernikahan kurang dari 10 hari)</p>"
                           "<p><b>Dokumen yang dibawa</b></p><p>Formulir N1-N4; fotokopi KTP</p>"
                           "<p><b>Biaya</b></p><p>Rp. 0</p>")
    assert [s.name for s in result.services] == ["Rekomendasi Dispensasi Nikah"]


def test_a_title_joining_the_service_label_to_another_word_names_no_service():
    table = ("<table><thead><tr><th>Jenis Layanan</th><th>Biaya</th><th>Waktu</th></tr></thead><tbody>"
             "<tr><td>Tes Buta Warna</td><td>Rp 15.000</td><td>10 menit</td></tr>"
             "<tr><td>Cabut Gigi Susu Anak</td><td>Rp 15.000</td><td>20 menit</td></tr></tbody></table>")
    result = _extract_html("<h3>Jenis Pelayanan dan Tarif Puskesmas 2024</h3>" + table)
    assert {s.name for s in result.services} == {"Tes Buta Warna", "Cabut Gigi Susu Anak"}


def test_a_published_document_is_never_read_as_news():
    # a standard's .docx under WordPress's dated upload path, with a quote in it, is still a document
    from extractors.context import is_news

    blocks = [Block("paragraph", "KOTA CONTOH - Standar pelayanan ini berlaku sejak ditetapkan, kata Kepala Dinas "
                                 "kepada seluruh pegawai pada apel pagi di halaman kantor dinas kependudukan.")]
    url = "https://disdukcapil.contohkota.go.id/wp-content/uploads/2024/03/standar-pelayanan.docx"
    assert is_news(Page(url=url, title="", blocks=blocks, source="html"))
    for source in ("docx", "xlsx", "odt", "pdf"):
        assert not is_news(Page(url=url, title="", blocks=blocks, source=source))

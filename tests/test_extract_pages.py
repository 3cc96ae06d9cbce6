"""Page building: HTML structure, chrome removal, encodings, PDF and plain text."""

import io

import pytest

from extractors import ExtractionError, build_page, extract

HTML = """<html><head><title>Akta Kelahiran | Disdukcapil</title></head><body>
<header class="site-header"><nav><ul class="menu"><li><a href="/persyaratan">Persyaratan</a></li></ul></nav></header>
<div class="content">
<h2>Penerbitan Akta Kelahiran</h2>
<p><strong>Persyaratan</strong></p>
<ul><li>Surat keterangan lahir</li><li>KK<ul><li>asli</li></ul></li></ul>
<table><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead>
<tr><td>1</td><td>Biaya</td><td>Rp&nbsp;0,-</td></tr></table>
<dl><dt>Produk</dt><dd>Akta Kelahiran</dd></dl>
<details><summary>Waktu Penyelesaian</summary><p>1 hari kerja</p></details>
</div>
<aside class="sidebar"><div class="widget">Pengaduan WA 0812 3456 7890</div></aside>
<footer>Telp (0721) 123456</footer>
<script>var persyaratan = 1;</script>
</body></html>"""


def test_html_blocks_keep_structure_and_drop_chrome():
    page = build_page("https://x.go.id/akta", HTML.encode(), "text/html")
    kinds = [(b.kind, b.text) for b in page.blocks]
    assert ("heading", "Penerbitan Akta Kelahiran") in kinds
    assert ("heading", "Persyaratan") in kinds  # bold-only line
    assert ("list_item", "KK") in kinds
    nested = [b for b in page.blocks if b.text == "asli"]
    assert nested and nested[0].level == 2
    rows = [b for b in page.blocks if b.kind == "table_row"]
    assert rows[0].header and rows[1].cells == ("1", "Biaya", "Rp 0,-")  # NBSP normalised
    assert ("term", "Produk") in kinds and ("definition", "Akta Kelahiran") in kinds
    assert ("heading", "Waktu Penyelesaian") in kinds
    text = page.text
    assert "0812" not in text and "0721" not in text and "var persyaratan" not in text
    assert "https://x.go.id/persyaratan" in page.links
    assert page.title == "Akta Kelahiran | Disdukcapil"


def test_bootstrap_tabs_get_their_titles():
    html = """<body><ul class="nav nav-tabs"><li><a data-toggle="tab" href="#kk">Kartu Keluarga</a></li></ul>
    <div class="tab-content"><div class="tab-pane" id="kk"><p>Persyaratan: Formulir F-1.01</p></div></div></body>"""
    page = build_page("u", html.encode(), "text/html")
    assert page.blocks[0].kind == "heading" and page.blocks[0].text == "Kartu Keluarga"


def test_cp1252_declared_as_utf8():
    html = '<html><head><meta charset="utf-8"></head><body><p>Biaya: Rp 0 \u2013 gratis \u201cbebas\u201d</p></body></html>'
    page = build_page("u", html.encode("cp1252"), "text/html")
    assert page.blocks[0].text == 'Biaya: Rp 0 - gratis "bebas"'


def test_utf8_declared_as_latin1():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Persyaratan \u2022 KTP-el</p></body></html>'
    page = build_page("u", html.encode("utf-8"), "text/html")
    assert "•" in page.blocks[0].text


def test_plain_text_lines():
    txt = "STANDAR PELAYANAN KTP\nA. PERSYARATAN\n1. Fotokopi KK\n- Pas foto\nBiaya | Gratis\nWaktu Penyelesaian:\n"
    page = build_page("u", txt.encode(), "text/plain")
    assert [b.kind for b in page.blocks] == ["heading", "heading", "list_item", "list_item", "table_row", "heading"]
    assert page.source == "text"


def _pdf(lines):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def test_pdf_pages_become_blocks_and_findings():
    body = _pdf(["STANDAR PELAYANAN SURAT PINDAH", "Persyaratan:", "1. Fotokopi KK", "2. KTP-el",
                 "Waktu penyelesaian: 1 hari kerja", "Biaya: Gratis", "Produk: Surat Keterangan Pindah"])
    page = build_page("https://x.go.id/sp.pdf", body, "application/pdf")
    assert page.source == "pdf" and page.blocks[0].page == 1
    result = extract(page)
    assert result.components["persyaratan"] and result.components["waktu"] and result.components["biaya"]
    finding = next(f for f in result.findings if f.component == "waktu")
    assert finding.locator == "pdf page 1" and finding.value["amount"] == 1
    assert finding.source == "pdf"


@pytest.mark.parametrize("body", [b"%PDF-1.4\nthis is not a pdf at all", b"%PDF-1.7\n" + b"\x00" * 50])
def test_malformed_pdf_raises_extraction_error(body):
    with pytest.raises(ExtractionError):
        build_page("u", body, "application/pdf")


def test_encrypted_pdf_raises_extraction_error():
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for p in PdfReader(io.BytesIO(_pdf(["rahasia"]))).pages:
        writer.add_page(p)
    writer.encrypt(user_password="secret", owner_password="owner", algorithm="RC4-128")
    buf = io.BytesIO()
    writer.write(buf)
    with pytest.raises(ExtractionError):
        build_page("u", buf.getvalue(), "application/pdf")


def test_unsupported_type():
    with pytest.raises(ExtractionError):
        build_page("u", b"\x89PNG\r\n", "image/png")

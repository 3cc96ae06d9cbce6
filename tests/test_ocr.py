"""OCR of pictures and scanned PDFs (extractors/ocr.py).

Fixtures in tests/fixtures/ocr/ come from make_images.py (Pillow + DejaVu Sans): a ruled "No | Komponen |
Uraian" table (PNG), an infographic with coloured cards (JPG), and a two-page scanned PDF (image-only pages,
rotated, speckled). The tests need tesserocr and the Tesseract language data ind + eng (Debian
tesseract-ocr-ind, tesseract-ocr-eng); ./dev setup installs them, and without them they skip with the reason.
"""

from __future__ import annotations

import io
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from extractors import ExtractionError, extract
from extractors import ocr
from extractors.ocr import OcrUnavailable, ocr_image, ocr_pdf, page_from_ocr, pdf_needs_ocr

FIXTURES = Path(__file__).parent / "fixtures" / "ocr"
needs_ocr = pytest.mark.skipif(not ocr.ocr_available(), reason=ocr.unavailable_reason() or "OCR unavailable")


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def text_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in ("STANDAR PELAYANAN PENERBITAN KARTU KELUARGA", "Persyaratan: Fotokopi KTP, KK asli",
                 "Jangka waktu: 3 (tiga) hari kerja", "Biaya: Rp 0,- (gratis)"):
        pdf.cell(0, 8, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def by_component(result) -> dict:
    out: dict = {}
    for f in result.findings:
        out.setdefault(f.component, []).append(f)
    return out


# ------------------------------------------------------------------------------------------ no engine needed
def test_errors_are_extraction_errors():
    assert issubclass(OcrUnavailable, ExtractionError)


def test_pdf_needs_ocr_scanned_vs_text():
    assert pdf_needs_ocr(fixture("scan-akta-kia.pdf")) is True
    assert pdf_needs_ocr(text_pdf()) is False
    assert pdf_needs_ocr(b"not a pdf") is False
    assert pdf_needs_ocr(b"%PDF-1.4 garbage") is False


@needs_ocr
def test_non_image_bytes_raise():
    for junk in (b"", b"<html><body>hello</body></html>", b"%PDF-1.4\n", b"\x89PNG\r\n\x1a\n truncated"):
        with pytest.raises(ExtractionError):
            ocr_image(junk)


@needs_ocr
def test_decompression_bomb_raises():
    from PIL import Image

    buf = io.BytesIO()
    Image.new("1", (12000, 12000), 1).save(buf, format="PNG")  # 144 MP, ~20 KB on disk
    assert len(buf.getvalue()) < 200_000
    with pytest.raises(ExtractionError, match="too large"):
        ocr_image(buf.getvalue())


def test_page_from_ocr_builds_text_blocks():
    page = page_from_ocr("https://x.go.id/a.pdf", ["JUDUL\nNo\tKomponen\tUraian\n1\tBiaya\tGratis", "Halaman dua"], "pdf")
    assert page.source == "ocr"
    assert [b.page for b in page.blocks] == [1, 1, 1, 2]
    assert page.blocks[2].kind == "table_row" and page.blocks[2].cells == ("1", "Biaya", "Gratis")
    image = page_from_ocr("https://x.go.id/a.jpg", ["Satu baris"], "image")
    assert image.source == "ocr" and image.blocks[0].page == 0
    with pytest.raises(ValueError):
        page_from_ocr("u", [], "html")


# ------------------------------------------------------------------------------------------ OCR
@needs_ocr
def test_table_image_text():
    text = ocr_image(fixture("kk-table.png"))
    for s in ("Persyaratan", "Fotokopi KTP", "KK asli", "hari kerja", "Rp 0", "Kartu Keluarga", "SP4N-LAPOR",
              "0812-3456-7890"):
        assert s in text, (s, text)
    # one row per table row: the wrapped requirement lines are folded into their row, cells tab-separated
    rows = [line.split("\t") for line in text.splitlines()]
    persyaratan = next(r for r in rows if "Persyaratan" in r)
    assert "KK asli" in persyaratan[-1] and "Surat pengantar RT/RW" in persyaratan[-1]


@needs_ocr
def test_table_image_chain_finds_components():
    page = page_from_ocr("https://disdukcapil.contohkab.go.id/sp-kk.png", [ocr_image(fixture("kk-table.png"))],
                         "image")
    result = extract(page)
    found = by_component(result)
    for c in ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan"):
        assert c in found, (c, result.to_dict())
    assert all(f.source == "ocr" for f in result.findings)
    assert "KK asli" in found["persyaratan"][0].value["items"]
    assert found["waktu"][0].value["amount"] == 3 and found["waktu"][0].value["unit"] == "working_days"
    assert found["biaya"][0].value["free"] is True
    assert found["produk"][0].value["name"] == "Kartu Keluarga"


@needs_ocr
def test_infographic_on_coloured_background():
    text = ocr_image(fixture("infografis-ktp.jpg"))
    for s in ("PERSYARATAN", "Fotokopi KK", "Selesai di tempat", "GRATIS", "PRODUK", "KTP-el", "0812-3456-7890"):
        assert s in text, (s, text)
    # cards side by side are read card by card
    lines = text.splitlines()
    assert lines.index("Fotokopi KK") < lines.index("WAKTU PENYELESAIAN") < lines.index("Selesai di tempat")
    result = extract(page_from_ocr("https://x.go.id/infografis.jpg", [text], "image"))
    found = by_component(result)
    assert found["persyaratan"][0].value["items"][:2] == ["Fotokopi KK", "Surat pengantar RT/RW"]
    assert found["waktu"][0].value["unit"] == "on_the_spot"
    assert found["produk"][0].value["name"] == "KTP-el"
    assert all(f.source == "ocr" for f in result.findings)


@needs_ocr
def test_scanned_pdf_two_services():
    body = fixture("scan-akta-kia.pdf")
    texts = ocr_pdf(body)
    assert len(texts) == 2
    assert "Akta Kelahiran" in texts[0] and "Kartu Identitas Anak" in texts[1]
    assert ocr_pdf(body, max_pages=1) == texts[:1]
    result = extract(page_from_ocr("https://x.go.id/sp.pdf", texts, "pdf"))
    services = {s.name: s for s in result.services}
    assert len(services) == 2, list(services)
    for service in services.values():
        comps = service.components
        assert all(comps[c] for c in ("persyaratan", "prosedur", "waktu", "biaya", "produk")), (service.name, comps)
    akta = next(s for n, s in services.items() if "AKTA" in n.upper())
    waktu = next(f for f in akta.findings if f.component == "waktu")
    assert waktu.value["amount"] == 1 and waktu.locator.endswith("page 1") and waktu.source == "ocr"
    kia = next(s for n, s in services.items() if "ANAK" in n.upper())
    waktu = next(f for f in kia.findings if f.component == "waktu")
    assert waktu.value == {"amount": 15.0, "unit": "minutes", "text": "15 (lima belas) menit"}
    assert waktu.locator.endswith("page 2")


@needs_ocr
def test_ocr_pdf_rejects_non_pdf():
    with pytest.raises(ExtractionError):
        ocr_pdf(b"GIF89a not a pdf")


def _worker(name: str) -> str:
    return ocr_image(fixture(name))


@needs_ocr
def test_process_pool_gives_the_same_text():
    inline = ocr_image(fixture("kk-table.png"))
    with ProcessPoolExecutor(max_workers=2) as pool:
        pooled = list(pool.map(_worker, ["kk-table.png", "kk-table.png"]))
    assert pooled == [inline, inline]

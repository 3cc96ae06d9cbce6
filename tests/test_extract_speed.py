"""Extraction's speed shortcuts give what the slow way gives (bench/README.md, "Extraction alone").

Each shortcut skips work in a common case; these tests hold it to the result of the work it skips, on the cases
where a wrong shortcut would differ. No timings are asserted.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pypdf
import pytest

from extractors import build_page, extract
from extractors.decoding import _SPACES, _TRANS, _ZERO_WIDTH, clean
from extractors.html_page import _absolute_links, build_html
from extractors.ocr import pdf_needs_ocr
from extractors.spam import _any_word


def _slow_clean(text: str) -> str:
    text = _ZERO_WIDTH.sub("", text)
    text = _SPACES.sub(" ", text.replace("\n", " "))
    return text.translate(_TRANS).strip()


@pytest.mark.parametrize("text", [
    "", "  ", "\n", " Persyaratan :\n\tKTP  \x0b KK \r\n", "a\x1cb\x1f", "Biaya\u00a0: Rp\u202f0", "\u201cGratis\u201d",
    "soft\u00adhyphen", "zero\u200bwidth", "\u2022 KTP \u2013 asli", "Biaya:\u00a0", "\u3000wide\u3000",
])
def test_clean_ascii_shortcut_matches_the_full_clean(text):
    assert clean(text) == _slow_clean(text)


BASES = ["http://dukcapil.contohkab.go.id/layanan/kk/", "https://contohkota.go.id:8443/a/b?x=1#f",
         "http://user@dinsos.contohkab.go.id/p", "ftp://files.contohkab.go.id/dir/", "about:blank", "", "halaman/x",
         "HTTP://DUKCAPIL.CONTOHKAB.GO.ID/", "http://[::1]:8080/x/"]
HREFS = ["/", "/layanan/akta", "/a/./b/../c", "/a//b", "/x;p?q=1#frag", "/?cari=kk", "//other.go.id/z", "/#top",
         "rel/path", "../up", "?q=2", "/%20spasi", "/" + "p" * 400]


def test_links_from_the_root_join_as_urljoin_joins_them_on_every_host():
    # the same hrefs on pages of different hosts, schemes and ports, in turn: a join remembered for one host
    # must not be given to another
    for _ in range(2):
        for base in BASES:
            expected = list(dict.fromkeys(
                (h if h.startswith(("http://", "https://")) else urljoin(base, h)).split("#", 1)[0] for h in HREFS))
            assert _absolute_links(base, HREFS) == expected, base


def test_a_page_without_page_images_has_its_text_layer_read_once(monkeypatch):
    from fpdf import FPDF

    pdf = FPDF()
    for line in ("STANDAR PELAYANAN KARTU KELUARGA", "Persyaratan: Fotokopi KTP", "Biaya: Gratis"):
        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 8, line)
    body = bytes(pdf.output())
    calls = []
    real = pypdf.PageObject.extract_text
    monkeypatch.setattr(pypdf.PageObject, "extract_text", lambda self, *a, **k: calls.append(1) or real(self, *a, **k))
    page = build_page("http://contohkab.go.id/sp.pdf", body, "application/pdf")
    assert "Persyaratan: Fotokopi KTP" in page.text
    assert len(calls) == 3  # build_pdf's reading only: the scan test needs no text when there are no page images
    assert pdf_needs_ocr(body) is False


def test_a_text_pdf_with_a_logo_on_every_page_is_read_for_its_text_not_ocr(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    logo = tmp_path / "logo.png"
    Image.new("RGB", (40, 40), (200, 30, 30)).save(logo)
    pdf = FPDF()
    for _ in range(2):
        pdf.add_page()
        pdf.image(str(logo), x=10, y=10, w=20)
        pdf.set_font("Helvetica", size=11)
        pdf.set_y(40)
        pdf.multi_cell(0, 8, "Persyaratan: Fotokopi KTP dan Kartu Keluarga asli. Waktu penyelesaian 3 hari kerja.")
    assert pdf_needs_ocr(bytes(pdf.output())) is False  # page images, but a text layer: the text is read


def test_an_image_only_pdf_is_still_a_scan(tmp_path):
    from fpdf import FPDF
    from PIL import Image

    img = tmp_path / "scan.png"
    Image.new("L", (300, 400), 255).save(img)
    pdf = FPDF()
    pdf.add_page()
    pdf.image(str(img), x=0, y=0, w=210)
    assert pdf_needs_ocr(bytes(pdf.output())) is True


def test_host_words_are_found_as_any_substring():
    words = ("slot", "gacor", "togel", "")
    for host in ("slotgacor88xyz", "xtogelx", "dukcapilcontohkabgoid", ""):
        assert bool(_any_word(words).search(host)) == any(w in host for w in words)
        assert bool(_any_word(words[:3]).search(host)) == any(w in host for w in words[:3])
    assert _any_word(()).search("slotgacor") is None


def test_structure_and_complaint_chrome_found_by_the_plain_parser():
    page = build_html("http://contohkab.go.id/", b"<html><body><div><p>Persyaratan:</p><p>KTP</p></div>"
                      b"<footer><p>Layanan Pengaduan</p><p>WA 0812-3456-7890</p></footer></body></html>")
    assert page.plain is True
    assert [b.text for b in page.chrome] == ["Layanan Pengaduan", "WA 0812-3456-7890"]
    deep = b"<html><body>" + b"<div>" * 40 + b"<table><tr><th>No</th></tr></table>" + b"</div>" * 40 + b"</body></html>"
    assert build_html("http://contohkab.go.id/", deep).plain is False
    assert not extract(page).spam
    assert re.search(r"WA 0812", " ".join(b.text for b in page.chrome))

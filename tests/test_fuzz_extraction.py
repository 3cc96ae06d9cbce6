"""A fixed-seed fuzz of build_page + extract: whatever bytes a site serves, extraction refuses them with an
ExtractionError (recorded as an error row) or reads them; nothing else may escape, since any other exception costs the
page its findings (an extract_crash row). The pieces are the shapes that broke extraction when a longer fuzzing run
(about 330,000 documents, ten strategies) was pointed at it: control characters around collapsible groups and under
deep nesting, links and charsets urllib or codecs refuse, amounts and durations of hundreds of digits, zips asking for
what zipfile cannot read. Each document is small; the run is bounded by its count, not by a clock."""

from __future__ import annotations

import io
import random
import zipfile

import pytest

from extractors import ExtractionError, build_page, extract

LABELS = ["Persyaratan", "Biaya", "Waktu Penyelesaian", "Prosedur", "Produk Pelayanan", "Pengaduan", "Jenis Layanan",
          "Maklumat Pelayanan", "Tarif", "Alur"]
VALUES = ["Rp " + "9" * 400, "1" * 4400 + " rupiah", "Rp " + "9" * 309 + ",5 juta", "biaya " + "9" * 309 + " ribu",
          "9" * 309 + " x 0 hari", "99999999999999999999 hari kerja", "Gratis", "3 (tiga) hari kerja", "Rp. ,-",
          "Fotokopi KTP", "WhatsApp 0811-0000-0000", "lapor.go.id", "½ hari", "１２ hari", "Rp 1.000.000,00.00,0"]
WEIRD = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1f", "\x7f", "\ufeff", "\u200b", "\u202e", "\ufffe", "\uffff",
         "&#11;", "&#1;", "&#xFFFF;", "&#0;"]
HREFS = ["http://[x/", "//[y/", "//a]b/", "http://[::1]:99999/", "http://\uff0fslot.example/", "javascript:x",
         "http://slotgacor88.xyz/", "/p?a=[b", "mailto:", "#", "%zz", "http://" + "a" * 3000 + ".go.id/"]
GROUPS = ['<details><summary>{l}</summary>{v}</details>', '<div class="accordion">{l}: {v}</div>',
          '<div class="tab-content"><div class="tab-pane" id="t1">{l}: {v}</div></div>',
          '<div class="collapse">{l}</div>']
HEADS = ['<meta charset="\x00">', '<meta charset="utf-99">', '<?xml version="1.0" encoding="utf-8\x00"?>', "",
         '<base href="http://[z/">']


def _html(rng: random.Random) -> bytes:
    parts = []
    for _ in range(rng.randint(1, 8)):
        label, value, weird = rng.choice(LABELS), rng.choice(VALUES), rng.choice(WEIRD)
        shape = rng.randrange(5)
        if shape == 0:
            parts.append(rng.choice(GROUPS).format(l=label, v=value) + weird + f"{label}: {value}")
        elif shape == 1:
            depth = rng.choice([10, 260, 1200])
            parts.append("<div>" * depth + f"{label}{weird}<br>{value}" + "</div>" * rng.choice([0, depth]))
        elif shape == 2:
            parts.append(f'<a href="{rng.choice(HREFS)}">{label}</a><form action="{rng.choice(HREFS)}">'
                         f"<textarea></textarea></form>")
        elif shape == 3:
            cells = "".join(f'<td colspan="{rng.choice(["0", "-3", "x", "99999"])}">{value}</td>' for _ in range(3))
            parts.append(f"<table><tr><th>{label}</th></tr><tr>{cells}</tr></table>")
        else:
            parts.append(f"<h2>{label}{weird}</h2><ul><li>{value}</li><li>{weird}{value}</li></ul>")
    text = rng.choice(HEADS) + "<html><body>" + "".join(parts) + "</body></html>"
    return text.encode("utf-8", "surrogatepass")


def _text(rng: random.Random) -> bytes:
    lines = [f"{rng.choice(LABELS)}{rng.choice([':', ' :', ''])} {rng.choice(VALUES)}{rng.choice(WEIRD)}"
             for _ in range(rng.randint(1, 10))]
    return "\n".join(lines).encode("utf-8", "surrogatepass")


def _zip(rng: random.Random) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        part = rng.choice(["<x/>", "not xml", '<!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'])
        archive.writestr("word/document.xml", part)
    body = bytearray(buffer.getvalue())
    body[body.rfind(b"PK\x01\x02") + 6] = rng.choice([20, 63, 64, 255])  # the zip version the directory asks for
    return bytes(body)


@pytest.mark.parametrize("seed", range(4))
def test_no_exception_but_extraction_error_escapes_extraction(seed):
    rng = random.Random(seed)
    for n in range(60):
        kind = rng.randrange(3)
        url = rng.choice(["https://contohkab.go.id/layanan/ktp", "http://[::1]/", "https://x.go.id/p?page=kk-baru",
                          "http://[bad/x"])
        body, ctype = ((_html(rng), "text/html"), (_text(rng), "text/plain"), (_zip(rng), None))[kind]
        url = url if kind != 2 else url + ".docx"
        try:
            extract(build_page(url, body, ctype))
        except ExtractionError:
            pass  # a clear refusal, recorded as an error row
        except Exception as exc:  # noqa: BLE001 (the point: nothing else may escape)
            pytest.fail(f"seed {seed} document {n} ({ctype}, {url}): {type(exc).__name__}: {exc}\n{body[:300]!r}")

"""A pemda site with the hard pages: standards that only exist after JavaScript runs (an SPA shell that loads
one by XHR; a page whose one inline script fills a "Memuat..." placeholder beside a server-rendered menu), a
standard published as an image, and one published as a scanned PDF (no text layer)."""

from __future__ import annotations

import http.server
import json
from pathlib import Path

from tests.helpers import LoopbackServer

OCR_FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "ocr"

HOSTNAME = "spa.ujikab.go.id"

SHELL = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Dinas Sosial Kabupaten Uji</title>
<script src="/static/app.js"></script><script src="http://cdn.example.com/analytics.js"></script></head>
<body><div id="app"></div><noscript>Aktifkan JavaScript.</noscript>
<a href="/profil.html">Profil</a> <a href="/layanan/kartu-keluarga.html">Layanan KK</a></body></html>"""

APP_JS = """
document.addEventListener('DOMContentLoaded', function () {
  fetch('/api/standar.json').then(function (r) { return r.json(); }).then(function (sp) {
    var html = '<h1>Standar Pelayanan ' + sp.layanan + '</h1><table><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr>';
    sp.komponen.forEach(function (row, i) {
      html += '<tr><td>' + (i + 1) + '</td><td>' + row[0] + '</td><td>' + row[1] + '</td></tr>';
    });
    document.getElementById('app').innerHTML = html + '</table>';
  });
});
"""

STANDARD = {
    "layanan": "Penerbitan Surat Keterangan Tidak Mampu (SKTM)",
    "komponen": [
        ["Persyaratan", "1. Fotokopi KTP pemohon; 2. Fotokopi Kartu Keluarga; 3. Surat pengantar RT/RW"],
        ["Sistem, Mekanisme dan Prosedur", "1. Pemohon menyerahkan berkas di loket; 2. Petugas memverifikasi; 3. SKTM ditandatangani Kepala Dinas"],
        ["Jangka Waktu Penyelesaian", "2 (dua) hari kerja"],
        ["Biaya/Tarif", "Tidak dipungut biaya"],
        ["Produk Pelayanan", "Surat Keterangan Tidak Mampu"],
        ["Penanganan Pengaduan", "SP4N-LAPOR! (www.lapor.go.id) atau WhatsApp 0812-7000-1234"],
    ],
}

PROFILE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Profil Dinas Sosial</title></head>
<body><main><h1>Profil Dinas Sosial</h1><p>Dinas Sosial Kabupaten Uji melaksanakan urusan pemerintahan bidang sosial:
rehabilitasi sosial, perlindungan dan jaminan sosial, pemberdayaan sosial dan penanganan fakir miskin. Kantor kami
berada di Jalan Merdeka Nomor 10 dan melayani masyarakat setiap hari kerja. Visi: terwujudnya kesejahteraan sosial
masyarakat yang mandiri. Misi: meningkatkan kualitas pelayanan sosial, memperluas jangkauan perlindungan sosial dan
mengembangkan potensi sumber kesejahteraan sosial di seluruh kecamatan.</p><a href="/">Beranda</a></main></body></html>"""

IMAGE_PAGE = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Layanan Kartu Keluarga</title></head>
<body><main><h1>Standar Pelayanan Penerbitan Kartu Keluarga</h1>
<p><img src="/uploads/standar-pelayanan-kk.png" alt="Standar Pelayanan Kartu Keluarga" width="900"></p>
<p><img src="/uploads/logo.png" alt="Logo" width="64"></p>
<p>Unduh: <a href="/uploads/sk-standar-pelayanan-akta-kia.pdf">SK Standar Pelayanan (scan)</a></p>
<p><a href="/layanan/domisili.html">Surat Keterangan Domisili</a></p>
<a href="/">Beranda</a></main></body></html>"""

# Issue 11's shape: one inline script, a loading placeholder, a plain nav of 17 links (and a header and footer):
# the menu and footer are text enough to hide an empty content area from a whole-page count. (The menu's
# links point into one page so the crawl stays small.)
MENU = ["Beranda", "Profil", "Visi dan Misi", "Struktur Organisasi", "Tugas dan Fungsi", "Layanan Publik",
        "Standar Pelayanan", "Maklumat Pelayanan", "Pengaduan Masyarakat", "Berita", "Pengumuman", "Agenda Kegiatan",
        "Galeri Foto", "Unduhan Dokumen", "PPID", "Survei Kepuasan Masyarakat", "Hubungi Kami"]
DOMISILI = [
    ("Persyaratan", "1. Fotokopi KTP-el; 2. Fotokopi Kartu Keluarga; 3. Surat pengantar RT/RW"),
    ("Sistem, Mekanisme dan Prosedur", "1. Pemohon mengisi formulir di loket; 2. Petugas memverifikasi berkas; "
                                       "3. Surat ditandatangani Kepala Dinas"),
    ("Jangka Waktu Penyelesaian", "1 (satu) hari kerja"),
    ("Biaya/Tarif", "Tidak dipungut biaya"),
    ("Produk Pelayanan", "Surat Keterangan Domisili"),
]
_DOMISILI_TABLE = ("<h2>Standar Pelayanan Surat Keterangan Domisili</h2><table><tr><th>Komponen</th><th>Uraian</th></tr>"
                   + "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in DOMISILI) + "</table>")
ONE_SCRIPT_PAGE = f"""<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Layanan Dinas Sosial</title>
</head><body><header><h1>Dinas Sosial Kabupaten Uji</h1><p>Melayani dengan sepenuh hati</p></header>
<nav><ul>{"".join(f'<li><a href="/profil.html#menu-{i}">{item}</a></li>' for i, item in enumerate(MENU))}</ul></nav>
<main><div id="std">Memuat...</div></main>
<script>document.getElementById("std").innerHTML = {json.dumps(_DOMISILI_TABLE)};</script>
<footer><p>Dinas Sosial Kabupaten Uji, Jalan Merdeka Nomor 10, Kecamatan Kota Uji. Telepon (0725) 41234,
surel dinsos@ujikab.go.id. Hak cipta 2024 Pemerintah Kabupaten Uji.</p></footer></body></html>"""

ROUTES = {
    "/layanan/kartu-keluarga.html": ("text/html; charset=utf-8", IMAGE_PAGE.encode()),
    "/layanan/domisili.html": ("text/html; charset=utf-8", ONE_SCRIPT_PAGE.encode()),
    "/uploads/standar-pelayanan-kk.png": ("image/png", (OCR_FIXTURES / "kk-table.png").read_bytes()),
    "/uploads/logo.png": ("image/png", (OCR_FIXTURES / "kk-table.png").read_bytes()),
    "/uploads/sk-standar-pelayanan-akta-kia.pdf": ("application/pdf", (OCR_FIXTURES / "scan-akta-kia.pdf").read_bytes()),
    "/": ("text/html; charset=utf-8", SHELL.encode()),
    "/static/app.js": ("application/javascript", APP_JS.encode()),
    "/api/standar.json": ("application/json", json.dumps(STANDARD).encode()),
    "/profil.html": ("text/html; charset=utf-8", PROFILE.encode()),
    "/robots.txt": ("text/plain", b"User-agent: *\nAllow: /\n"),
}


class HardSite(LoopbackServer):
    """Context manager serving the SPA on 127.0.0.1:<free port>; `log` lists the paths requested."""

    hostname = HOSTNAME
    start_url = f"http://{HOSTNAME}/"

    def __init__(self):
        self.log: list[str] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                outer.log.append(self.path)
                ctype, body = ROUTES.get(self.path, ("text/html", b"<h1>404</h1>"))
                self.send_response(200 if self.path in ROUTES else 404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self._serve(Handler)

    def resolve_map(self) -> list[str]:
        return [f"{HOSTNAME}=127.0.0.1:{self.port}"]

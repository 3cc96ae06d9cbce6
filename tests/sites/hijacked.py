"""A small hijacked pemda site for the site-integrity tests (tests/test_spam.py), served on 127.0.0.1.

- `/`: the portal's home page; served as gambling spam when the request looks like Googlebot (its user agent or
  a google.com Referer): cloaking
- `/layanan/akta-kelahiran.html`: a real standard with a hidden (`display:none`) link farm injected at its end
- `/slot-gacor-hari-ini/`: an injected spam page that mimics a service page (Persyaratan, Biaya, Waktu)
- `/berita/judi-online.html`: news ABOUT online gambling (the Bupati warns citizens): not spam
"""

from __future__ import annotations

import http.server

from tests.helpers import LoopbackServer

HOST = "spamkab.go.id"

HOME = """<html><head><title>Pemerintah Kabupaten Spam</title></head><body><main>
<h1>Selamat datang di portal resmi Kabupaten Spam</h1>
<p>Informasi layanan publik Pemerintah Kabupaten.</p>
<ul><li><a href="/layanan/akta-kelahiran.html">Layanan Akta Kelahiran</a></li>
<li><a href="/slot-gacor-hari-ini/">Info terbaru</a></li>
<li><a href="/berita/judi-online.html">Berita</a></li></ul>
</main></body></html>"""

CLOAKED_HOME = """<html><head><title>SLOT GACOR HARI INI - Situs Slot Online Maxwin Terpercaya</title></head><body>
<h1>Slot Gacor Hari Ini Gampang Maxwin</h1>
<p>Daftar slot gacor dengan RTP live tertinggi, pola gacor, deposit pulsa tanpa potongan, bonus new member.</p>
<p>Link alternatif situs slot online terpercaya: Mahjong Ways, Gates of Olympus, Starlight Princess.</p>
</body></html>"""

AKTA = """<html><head><title>Akta Kelahiran - Disdukcapil</title></head><body><main>
<h1>Standar Pelayanan Akta Kelahiran</h1>
<h2>Persyaratan</h2>
<ol><li>Surat keterangan kelahiran dari rumah sakit atau bidan</li><li>Fotokopi Kartu Keluarga</li>
<li>KTP-el kedua orang tua</li></ol>
<h2>Prosedur</h2>
<ol><li>Pemohon mengisi formulir F-2.01</li><li>Petugas memverifikasi berkas</li>
<li>Akta kelahiran dicetak dan diserahkan</li></ol>
<h2>Waktu Penyelesaian</h2><p>1 (satu) hari kerja</p>
<h2>Biaya</h2><p>Tidak dipungut biaya (gratis)</p>
<h2>Produk Pelayanan</h2><p>Kutipan Akta Kelahiran</p>
<div style="display:none">
<a href="https://slotgacor-maxwin.example/">slot gacor</a> <a href="https://togel88.example/">togel online</a>
<a href="https://rtp-live.example/">rtp live slot maxwin</a> <a href="https://situs-slot.example/">situs slot gacor</a>
</div>
</main></body></html>"""

SPAM_PAGE = """<html><head><title>Slot Gacor Hari Ini: Daftar Situs Slot Online Maxwin</title></head><body>
<h1>Slot Gacor Hari Ini Deposit 10rb</h1>
<h2>Persyaratan Daftar Akun</h2>
<ol><li>KTP untuk verifikasi</li><li>Nomor rekening atau e-wallet</li></ol>
<h2>Biaya</h2><p>Biaya admin gratis, minimal deposit Rp 10.000</p>
<h2>Waktu Proses</h2><p>Withdraw diproses 3 menit</p>
<p>Situs slot gacor dengan RTP live, scatter hitam, pola gacor maxwin setiap hari.</p>
</body></html>"""

NEWS = """<html><head><title>Bupati Imbau Warga Jauhi Judi Online</title></head><body><main>
<h1>Bupati Imbau Warga Tidak Main Judi Online</h1>
<p>SPAM - Bupati mengimbau seluruh warga untuk menjauhi judi online dan slot gacor yang marak di media sosial.
Pemkab bersama Polres dan Kominfo memblokir situs judi online yang menyisipkan halaman togel, ujarnya.</p>
<p>Satgas pemberantasan judi online akan melakukan sosialisasi bahaya kecanduan judi ke desa-desa.</p>
</main></body></html>"""

PAGES = {"/": HOME, "/layanan/akta-kelahiran.html": AKTA, "/slot-gacor-hari-ini/": SPAM_PAGE,
         "/berita/judi-online.html": NEWS}


def looks_like_google(user_agent: str, referer: str) -> bool:
    return "googlebot" in user_agent.lower() or "google." in referer.lower()


class HijackedSite(LoopbackServer):
    """`with HijackedSite() as site:` serves the pages above on 127.0.0.1:site.port; `site.log` lists
    (path, user agent) of every request."""

    def __init__(self):
        self.log: list[tuple[str, str]] = []
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path = self.path.split("?", 1)[0]
                agent, referer = self.headers.get("User-Agent") or "", self.headers.get("Referer") or ""
                outer.log.append((path, agent))
                body = PAGES.get(path)
                if path == "/" and looks_like_google(agent, referer):
                    body = CLOAKED_HOME
                if body is None:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                data = body.encode("utf-8")
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self._serve(Handler)

"""A small pemda website on loopback whose pages link to every way a hostile or broken server can fail.

    with FaultSite(hang_seconds=30) as site:
        run_pantau("audit", site.start_url, *[f"--resolve={r}" for r in site.resolve_map()], ...)
        assert not site.canary_log           # nothing ever reached the private-address redirect target

Hosts (routing by Host header; the crawler maps them to 127.0.0.1 with --resolve):
- `faults.ujikab.go.id` (HTTP): the portal; `/` links to every fault below and to the three good pages;
- `www.faults.ujikab.go.id` (HTTP, same server): robots.txt answers 500; serves only the Akta page (so no
  fault is reachable twice);
- `faults.ujikab.go.id` (HTTPS, second port): self-signed AND expired certificate; `/` and one good page,
  without the site menu (so nothing is reachable twice);
- a canary on 127.0.0.2 (its own port): the private-address redirect target. It must never be hit.

Good pages (findings from these must survive the faults around them):
- `/layanan/standar-pelayanan-ktp-el` — a `No | Komponen | Uraian` table with all six delivery components,
  a maklumat and SP4N-LAPOR!;
- `http://www.faults.ujikab.go.id/layanan/standar-pelayanan-akta-kelahiran` — headed sections, on the
  host whose robots.txt errors;
- `https://faults.ujikab.go.id/tls/standar-pelayanan` — only reachable through the bad certificate.

Checklist for the crawler-side test: expected outcome per fault (name → path in `FaultSite.FAULTS`; the
same outcome, machine-readable, in `FaultSite.EXPECTED`). "error KIND" means one row in `errors` for that
URL with that kind; "page" means a stored page and no crash (the extractors must cope with the bytes).
"today:" is what a crawl with the current crawler (Scrapy 2.19, DOWNLOAD_TIMEOUT=4) actually recorded,
where it differs: Scrapy 2.13+ raises its own DownloadTimeoutError, DownloadFailedError,
ResponseDataLossError, DownloadCancelledError, CannotResolveHostError (scrapy.exceptions), which
crawler/failures.py does not map yet, so they land in kind "other".

| fault                  | path                                     | expected crawler outcome                           |
|------------------------|------------------------------------------|----------------------------------------------------|
| server_error_500       | /error/500                               | error http_500 (retried once: 2 requests)          |
| unavailable_503        | /error/503 (Retry-After: 120)            | error http_503; no 120 s wait, crawl goes on       |
| reset_in_headers       | /reset/headers (RST after half a header) | error connection; today: other (DownloadFailedError) |
| reset_in_body          | /reset/body (RST after 2 KB of 10 KB)    | error connection; today: other (ResponseDataLossError) |
| hang                   | /hang (silent for hang_seconds)          | error timeout (needs DOWNLOAD_TIMEOUT < hang_seconds); |
|                        |                                          | today: other (DownloadTimeoutError)                |
| hang_drip              | /hang/drip (1 byte a second)             | error timeout (the timeout covers the whole body); |
|                        |                                          | today: other (DownloadTimeoutError)                |
| data_loss              | /dataloss (Content-Length > body, FIN)   | error connection or data_loss; today: other        |
| redirect_loop          | /loop/a → /loop/b → /loop/a              | an error row; today: NO row (the dupe filter drops |
|                        |                                          | the second /loop/a silently)                       |
| redirect_offsite       | /redirect/offsite → https://example.com/ | an error row (offsite), no DNS, no connection;     |
|                        |                                          | today: NO row (offsite middleware drops it)        |
| redirect_private       | /redirect/private → http://127.0.0.2:C/  | error forbidden_address (or offsite) and           |
|                        |                                          | `site.canary_log == []`; today: NO row, canary ok  |
| redirect_chain_25      | /redirect/chain/0 … /25 (25 hops)        | an error row; today: kind ignored "max redirections |
|                        |                                          | reached", on the URL /redirect/chain/20 (the last  |
|                        |                                          | hop), not on the linked /redirect/chain/0          |
| big_50mb               | /big/50mb (Content-Length: 52428800)     | error too_large; today: other (DownloadCancelledError) |
| big_50mb_unsized       | /big/50mb-unsized (no length, close)     | error too_large (cancelled at DOWNLOAD_MAXSIZE);   |
|                        |                                          | today: other (DownloadCancelledError)              |
| gzip_bomb              | /bomb (1 MB gzip → 1 GiB of zeros)       | error too_large; today: ignored (Scrapy stops at   |
|                        |                                          | 20 MB decompressed, raises IgnoreRequest)          |
| charset_cp1252_as_utf8 | /charset/cp1252-as-utf8                  | page; its 5 components still found (they are)      |
| charset_missing        | /charset/none                            | page                                               |
| charset_unknown        | /charset/unknown (charset=x-unknown)     | page (no LookupError escapes)                      |
| malformed_html         | /malformed (unclosed tags, NUL, junk)    | page                                               |
| binary_as_html         | /binary-as-html (PNG bytes, text/html)   | page, no findings                                  |
| empty_200              | /empty                                   | page; today also error extract "empty HTML document" |
| pdf_truncated          | /dokumen/standar-pelayanan-terpotong.pdf | page + error extract (malformed PDF) ✓             |
| pdf_not_a_pdf          | /dokumen/bukan-pdf.pdf (HTML as PDF)     | page + error extract (no %PDF header) ✓            |
| calendar_trap          | /kalender?bulan=1&tahun=2024             | bounded: crawl ends; pages under /kalender ≤ budget |
| session_id_trap        | /berita?PHPSESSID=… (new id every link,  | bounded (ideally session ids stripped); today the  |
|                        | the menu too, so /?PHPSESSID=… as well)  | portal is refetched once per minted id             |
| deep_path_trap         | /a/ → /a/a/ → … (relative "a/")          | bounded by DEPTH_LIMIT / PANTAU_MAX_URL_LENGTH     |
| robots_500             | http://www.faults…/robots.txt → 500      | error http_500 on that URL; the www Akta page still |
|                        |                                          | crawled; today: NO row (retried, logged, dropped), |
|                        |                                          | the Akta page is crawled                           |
| tls_expired            | https://faults…/tls/standar-pelayanan    | error tls (policy to decide); today: fetched and   |
|                        |                                          | stored, since Scrapy's default TLS context does    |
|                        |                                          | not verify certificates                            |

Also for that test: the crawl finishes in bounded time (about 20 s with DOWNLOAD_TIMEOUT=4, delay 0,
max_pages 150), every good page is stored with its components, memory stays bounded (the 50 MB page and
the bomb are never held whole; peak RSS was ~260 MB including spaCy), and `site.server_errors` stays empty.

Design: one ThreadingHTTPServer per port, served from daemon threads; every handler thread is tracked. Every
wait is on the site's shutdown Event and every stream checks it per chunk, so `close()` is prompt: it sets
the Event, stops the accept loops, shuts down open client sockets (unblocking any blocked send/recv) and
joins the threads with a deadline. Nothing here contacts anything but 127.0.0.1 and 127.0.0.2.
"""

from __future__ import annotations

import html
import os
import random
import re
import secrets
import socket
import ssl
import struct
import tempfile
import threading
import time
import traceback
import zlib
from datetime import datetime, timedelta, timezone
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

HOSTNAME = "faults.ujikab.go.id"
WWW_HOSTNAME = "www." + HOSTNAME
PRIVATE_ADDRESS = "127.0.0.2"  # a loopback alias on Linux: binding it needs no privileges

BIG_SIZE = 50 * 1024 * 1024
CHUNK = 64 * 1024
BOMB_SIZE = 1 << 30  # decompressed size of the gzip bomb: 1 GiB of zeros
CHAIN_HOPS = 25

# -- page bodies -----------------------------------------------------------------------------------------

_NAV = """<nav class="menu"><ul>
<li><a href="/">Beranda</a></li>
<li><a href="/layanan/standar-pelayanan-ktp-el">Standar Pelayanan</a></li>
<li><a href="/berita">Berita</a></li>
<li><a href="/kalender?bulan=1&amp;tahun=2024">Agenda</a></li>
<li><a href="https://www.lapor.go.id/">Pengaduan SP4N-LAPOR!</a></li>
</ul></nav>"""


def _page(title: str, body: str, charset: str | None = "utf-8", nav: bool = True) -> str:
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html>\n<html lang=\"id\"><head>{meta}<title>{html.escape(title)} – Pemerintah Kabupaten Uji"
            f"</title></head>\n<body><header><h1>Pemerintah Kabupaten Uji</h1></header>\n{_NAV if nav else ''}\n"
            f"<main>\n<h2>{html.escape(title)}</h2>\n{body}\n</main>\n"
            "<footer>Dinas Komunikasi dan Informatika Kabupaten Uji · Jl. Merdeka No. 1</footer></body></html>\n")


STANDARD_KTP = """<p>Standar Pelayanan Penerbitan KTP-el pada Dinas Kependudukan dan Pencatatan Sipil
Kabupaten Uji, ditetapkan dengan Keputusan Kepala Dinas Nomor 470/112/2023.</p>
<table class="standar-pelayanan" border="1">
<thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead>
<tbody>
<tr><td>1</td><td>Dasar Hukum</td><td>Undang-Undang Nomor 24 Tahun 2013 tentang Administrasi Kependudukan</td></tr>
<tr><td>2</td><td>Persyaratan</td><td><ol><li>Telah berusia 17 tahun atau sudah kawin</li>
<li>Fotokopi Kartu Keluarga</li><li>Surat pengantar RT/RW</li></ol></td></tr>
<tr><td>3</td><td>Sistem, Mekanisme dan Prosedur</td><td><ol><li>Pemohon datang ke loket pelayanan</li>
<li>Petugas memverifikasi berkas</li><li>Perekaman foto, sidik jari dan iris mata</li>
<li>Pencetakan dan penyerahan KTP-el</li></ol></td></tr>
<tr><td>4</td><td>Jangka Waktu Penyelesaian</td><td>1 (satu) hari kerja setelah berkas lengkap</td></tr>
<tr><td>5</td><td>Biaya/Tarif</td><td>Gratis, tidak dipungut biaya</td></tr>
<tr><td>6</td><td>Produk Pelayanan</td><td>Kartu Tanda Penduduk Elektronik (KTP-el)</td></tr>
<tr><td>7</td><td>Penanganan Pengaduan, Saran dan Masukan</td><td>SP4N-LAPOR! (www.lapor.go.id), SMS 1708,
WhatsApp 0812-3456-7890, e-mail pengaduan@dukcapil.ujikab.go.id, kotak saran di ruang tunggu</td></tr>
</tbody></table>
<h3>Maklumat Pelayanan</h3>
<p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai standar pelayanan yang telah
ditetapkan dan apabila tidak menepati janji ini, kami siap menerima sanksi sesuai peraturan
perundang-undangan yang berlaku.</p>"""

STANDARD_AKTA = """<p>Standar Pelayanan Penerbitan Akta Kelahiran.</p>
<h3>Persyaratan</h3><ul><li>Surat keterangan kelahiran dari rumah sakit/bidan</li>
<li>Fotokopi KTP-el kedua orang tua</li><li>Kartu Keluarga asli</li></ul>
<h3>Prosedur</h3><ol><li>Pemohon mengisi formulir F-2.01 di loket</li><li>Petugas memverifikasi berkas</li>
<li>Akta ditandatangani dan diserahkan kepada pemohon</li></ol>
<h3>Jangka Waktu Penyelesaian</h3><p>3 (tiga) hari kerja</p>
<h3>Biaya</h3><p>Tidak dipungut biaya (Rp 0,-)</p>
<h3>Produk Pelayanan</h3><p>Kutipan Akta Kelahiran</p>
<h3>Pengaduan</h3><p>Layanan pengaduan melalui SP4N-LAPOR! atau telp (0721) 123456.</p>"""

STANDARD_PINDAH = """<table border="1"><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr>
<tr><td>1</td><td>Persyaratan</td><td>Kartu Keluarga asli; KTP-el; surat pengantar RT/RW</td></tr>
<tr><td>2</td><td>Prosedur</td><td>Pemohon datang ke loket, petugas memverifikasi dan mencetak surat</td></tr>
<tr><td>3</td><td>Jangka Waktu</td><td>Selesai di tempat (60 menit)</td></tr>
<tr><td>4</td><td>Biaya</td><td>Gratis</td></tr>
<tr><td>5</td><td>Produk</td><td>Surat Keterangan Pindah WNI</td></tr>
<tr><td>6</td><td>Pengaduan</td><td>SP4N-LAPOR!, WhatsApp 0812-1111-2222</td></tr></table>"""

# Fault labels on the portal's link list, in Indonesian like the rest of the site.
_LABELS = {
    "server_error_500": "Data Statistik (galat 500)",
    "unavailable_503": "Layanan Online (sedang pemeliharaan)",
    "reset_in_headers": "Profil Dinas",
    "reset_in_body": "Struktur Organisasi",
    "hang": "Peta Layanan",
    "hang_drip": "Video Profil",
    "data_loss": "Laporan Kinerja",
    "redirect_loop": "Aplikasi e-Layanan",
    "redirect_offsite": "Portal Nasional",
    "redirect_private": "Intranet Pegawai",
    "redirect_chain_25": "Arsip Lama",
    "big_50mb": "Galeri Foto",
    "big_50mb_unsized": "Galeri Video",
    "gzip_bomb": "Pengumuman",
    "charset_cp1252_as_utf8": "Standar Pelayanan Kartu Keluarga",
    "charset_missing": "Jam Pelayanan",
    "charset_unknown": "Visi dan Misi",
    "malformed_html": "Standar Pelayanan Kartu Identitas Anak",
    "binary_as_html": "Logo Dinas",
    "empty_200": "Informasi Publik",
    "pdf_truncated": "SK Standar Pelayanan 2023 (PDF)",
    "pdf_not_a_pdf": "SOP Pelayanan (PDF)",
    "calendar_trap": "Agenda Kegiatan",
    "session_id_trap": "Berita Terkini",
    "deep_path_trap": "Direktori",
}

_DOCTYPE_404 = _page("Halaman tidak ditemukan", "<p>Maaf, halaman yang Anda cari tidak ditemukan (404).</p>")

_CP1252_PAGE = _page("Standar Pelayanan Kartu Keluarga", """<p>“Standar Pelayanan” Penerbitan Kartu Keluarga – Disdukcapil</p>
<ul><li>Persyaratan: surat pengantar RT/RW; fotokopi buku nikah… (dilegalisir)</li>
<li>Jangka waktu penyelesaian: 1 hari kerja</li><li>Biaya: Rp 0,– (gratis)</li>
<li>Produk: Kartu Keluarga</li><li>Pengaduan: SP4N–LAPOR! • kotak saran</li></ul>""").encode("cp1252")

_NO_CHARSET_PAGE = _page("Jam Pelayanan", """<p>Jam pelayanan: Senin–Kamis 08.00–15.00 WIB, Jumat 08.00–11.00 WIB.</p>
<p>Alamat: Jl. Jend. Sudirman № 12, Kabupaten Uji.</p>""", charset=None).encode("utf-8")

_UNKNOWN_CHARSET_PAGE = _page("Visi dan Misi", """<p>Visi: Terwujudnya pelayanan publik yang prima — cepat, tepat,
dan gratis.</p><p>Biaya pelayanan: tidak dipungut biaya.</p>""", charset="x-unknown").encode("utf-8")

_MALFORMED_PAGE = (
    b"<html><head><title>Standar Pelayanan KIA<title><meta charset=utf-8>\n"
    b"<body><div class=\"konten\"><table><tr><td>Persyaratan<td>Fotokopi Kutipan Akta Kelahiran\n"
    b"<tr><td>Biaya<td>Gratis<tr><td>Jangka Waktu<td>1 hari kerja\n"
    b"<p><b><i>teks tebal tak tertutup <font color=red><center>\n"
    b"\x00\x00\x00 NUL di tengah teks \x00 \xff\xfe\xfd garbage \xc3\x28 \xe2\x82 <<<>>> </div></span></table>\n"
    b"<a href=\"/layanan/standar-pelayanan-ktp-el\">kembali<a href='/charset/none'>jam pelayanan\n"
    b"<!-- komentar tak tertutup <p>Produk: Kartu Identitas Anak\n"
    b"<script>var x = '<a href=\"/tidak-ada\">'; \n"
)

_BINARY_BODY = b"\x89PNG\r\n\x1a\n" + random.Random(20240101).randbytes(64 * 1024)

_NOT_A_PDF = _page("Halaman tidak ditemukan", "<p>Dokumen tidak tersedia. Silakan hubungi admin.</p>").encode("utf-8")

_ROBOTS = b"User-agent: *\nDisallow: /wp-admin/\nAllow: /wp-admin/admin-ajax.php\n"


def standard_pdf() -> bytes:
    """A small, valid one-page PDF with a standar pelayanan in its text (its first half is the truncated fault)."""
    lines = ["Keputusan Kepala Dinas tentang Standar Pelayanan", "Persyaratan: Fotokopi KTP-el dan Kartu Keluarga",
             "Prosedur: Pemohon datang ke loket pelayanan", "Jangka waktu penyelesaian: 3 hari kerja",
             "Biaya: Gratis", "Produk: Izin Usaha Mikro", "Pengaduan: SP4N-LAPOR! dan kotak saran"]
    text = "BT /F1 11 Tf 50 780 Td 14 TL " + " ".join(f"({line}) '" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(text), text.encode("ascii")),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, obj)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


_BOMB: bytes | None = None
_BOMB_LOCK = threading.Lock()


def gzip_bomb() -> bytes:
    """~1 MB of gzip that inflates to 1 GiB of zeros; built once per process in well under a second.

    Deflate with a full flush after each MiB makes every MiB compress to the same bytes, so the stream is one
    compressed MiB repeated, a final empty block and the gzip trailer (CRC-32 and size of the whole).
    """
    global _BOMB
    with _BOMB_LOCK:
        if _BOMB is None:
            mib = bytes(1 << 20)
            deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
            deflate.compress(mib)
            deflate.flush(zlib.Z_FULL_FLUSH)
            block = deflate.compress(mib) + deflate.flush(zlib.Z_FULL_FLUSH)  # same bytes for every later MiB
            crc = 0
            for _ in range(BOMB_SIZE >> 20):
                crc = zlib.crc32(mib, crc)
            header = b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff"
            final_empty_block = b"\x03\x00"
            _BOMB = header + block * (BOMB_SIZE >> 20) + final_empty_block + struct.pack("<II", crc, BOMB_SIZE & 0xFFFFFFFF)
        return _BOMB


def make_expired_certificate(hostnames: list[str]) -> tuple[bytes, bytes]:
    """(cert PEM, key PEM): self-signed, valid from 400 days ago until 35 days ago. Made at test time, never saved."""
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID
    except ImportError as exc:  # a Scrapy dependency, so normally present
        raise RuntimeError("FaultSite(tls=True) needs the `cryptography` package") from exc
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([
        x509.NameAttribute(NameOID.COUNTRY_NAME, "ID"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Pemerintah Kabupaten Uji"),
        x509.NameAttribute(NameOID.COMMON_NAME, hostnames[0]),
    ])
    now = datetime.now(timezone.utc)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name).issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=400))
        .not_valid_after(now - timedelta(days=35))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName(h) for h in hostnames]), critical=False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    return cert.public_bytes(serialization.Encoding.PEM), key_pem


def _server_context(cert_pem: bytes, key_pem: bytes) -> ssl.SSLContext:
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory(prefix="pantau-faultsite-") as tmp:  # load_cert_chain wants files
        cert_path, key_path = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
        for path, data in ((cert_path, cert_pem), (key_path, key_pem)):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
        context.load_cert_chain(cert_path, key_path)
    return context


# -- server ----------------------------------------------------------------------------------------------

class _Server(ThreadingHTTPServer):
    """Tracks its handler threads and open sockets so the site can stop them; quiet about hostile clients."""

    daemon_threads = True
    block_on_close = False  # the site joins handler threads itself, with a deadline

    def __init__(self, address, handler, site: FaultSite, role: str, ssl_context: ssl.SSLContext | None = None):
        self.site = site
        self.role = role  # "http", "https" or "canary"
        self.ssl_context = ssl_context
        super().__init__(address, handler)

    def process_request(self, request, client_address):
        thread = threading.Thread(target=self.process_request_thread, args=(request, client_address),
                                  name=f"faultsite-{self.role}", daemon=True)
        self.site._track(thread, request)
        thread.start()

    def process_request_thread(self, request, client_address):
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.site._untrack(threading.current_thread())

    def handle_error(self, request, client_address):
        # Resets, timeouts, broken pipes and failed TLS handshakes are this site's business; anything else is a bug.
        import sys
        exc = sys.exc_info()[1]
        if not isinstance(exc, OSError):
            self.site._error(traceback.format_exc())


class _Abort(Exception):
    """Raised by a handler after it has deliberately wrecked the connection."""


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"  # with "Connection: close" on every response
    server_version = "Apache/2.4.41"
    sys_version = "(Ubuntu)"
    timeout = 10  # socket timeout: a client that stops reading cannot pin a thread for long

    def setup(self):
        context = self.server.ssl_context
        if context is not None:
            raw = self.request
            raw.settimeout(5)
            self.request = context.wrap_socket(raw, server_side=True, do_handshake_on_connect=False)
            self.server.site._swap_socket(self.request)
            try:
                self.request.do_handshake()
            except BaseException:
                self.request.close()
                raise
        super().setup()

    def finish(self):
        try:
            super().finish()
        finally:
            if self.server.ssl_context is not None:  # socketserver only closes the raw socket, now detached
                try:
                    self.request.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
                self.request.close()

    def log_message(self, format, *args):
        pass

    def do_GET(self):
        site = self.server.site
        host = (self.headers.get("Host") or "").split(":")[0].strip().lower().rstrip(".")
        site._log(self.server.role, host, self.path)
        try:
            if self.server.role == "canary":
                self._send(200, b"canary: this address must never be reached by the crawler\n", "text/plain")
            elif host not in (HOSTNAME, WWW_HOSTNAME):
                self._send(404, _DOCTYPE_404.encode(), "text/html; charset=utf-8")
            elif self.server.role == "https":
                self._route_https()
            else:
                self._route_http(host)
        except _Abort:
            self.close_connection = True

    do_HEAD = do_GET  # bodies are sent anyway: HEAD is not used by the crawler, and a bad server may do this

    # -- helpers --

    def _origin(self, host: str | None = None) -> str:
        scheme = "https" if self.server.role == "https" else "http"
        return f"{scheme}://{host or HOSTNAME}"

    def _head(self, status: int, content_type: str | None, length: int | None, extra: dict | None = None):
        self.send_response(status)
        if content_type is not None:
            self.send_header("Content-Type", content_type)
        if length is not None:
            self.send_header("Content-Length", str(length))
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.send_header("Connection", "close")
        self.end_headers()

    def _send(self, status: int, body: bytes, content_type: str | None = "text/html; charset=utf-8",
              extra: dict | None = None):
        self._head(status, content_type, len(body), extra)
        self.wfile.write(body)

    def _html(self, title: str, body: str, status: int = 200, nav: bool = True):
        self._send(status, _page(title, body, nav=nav).encode("utf-8"))

    def _redirect(self, location: str, status: int = 302):
        body = f'<p>Halaman dipindahkan ke <a href="{html.escape(location)}">sini</a>.</p>'.encode()
        self._send(status, body, extra={"Location": location})

    def _reset(self, sent: bytes):
        """Send SENT, then abort the connection with a TCP RST (SO_LINGER 0 and close)."""
        self.wfile.write(sent)
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.rfile.close()  # the makefile() reader holds a reference: the fd closes (with RST) only after both
        self.connection.close()
        raise _Abort

    def _stream_filler(self, total: int):
        """TOTAL bytes of HTML (mostly one long comment), a chunk at a time; stops early on shutdown."""
        stopping = self.server.site._stopping
        head = b"<!DOCTYPE html><html><body><p>Galeri</p><!--"
        self.wfile.write(head)
        sent = len(head)
        filler = b"x" * CHUNK
        while sent < total and not stopping.is_set():
            piece = filler[: min(CHUNK, total - sent)]
            self.wfile.write(piece)
            sent += len(piece)

    # -- routes --

    def _route_https(self):
        path = urlsplit(self.path).path
        if path == "/robots.txt":
            self._send(200, _ROBOTS, "text/plain")
        elif path == "/":
            self._html("Beranda (HTTPS)", '<ul><li><a href="/tls/standar-pelayanan">Standar Pelayanan Surat '
                                        'Keterangan Pindah</a></li></ul>', nav=False)
        elif path == "/tls/standar-pelayanan":
            self._html("Standar Pelayanan Surat Keterangan Pindah", STANDARD_PINDAH, nav=False)
        else:
            self._send(404, _DOCTYPE_404.encode())

    def _route_http(self, host: str):
        site = self.server.site
        parts = urlsplit(self.path)
        path, query = parts.path, parse_qs(parts.query)

        if host == WWW_HOSTNAME:  # robots.txt errors; only the good page lives here (faults are not doubled)
            if path == "/robots.txt":
                self._send(500, b"<h1>500 Internal Server Error</h1>")
            elif path == "/layanan/standar-pelayanan-akta-kelahiran":
                self._html("Standar Pelayanan Penerbitan Akta Kelahiran", STANDARD_AKTA, nav=False)
            else:
                self._send(404, _DOCTYPE_404.encode())
        elif path == "/robots.txt":
            self._send(200, _ROBOTS, "text/plain")
        elif path == "/":
            self._index()
        elif path == "/layanan/standar-pelayanan-ktp-el":
            self._html("Standar Pelayanan Penerbitan KTP-el", STANDARD_KTP)

        elif path == "/error/500":
            self._send(500, b"<h1>Internal Server Error</h1><p>mysqli_connect(): (HY000/2002)</p>")
        elif path == "/error/503":
            self._send(503, b"<h1>Service Unavailable</h1><p>Sedang pemeliharaan.</p>", extra={"Retry-After": "120"})

        elif path == "/reset/headers":
            self._reset(b"HTTP/1.1 200 OK\r\nDate: Mon, 01 Jan 2024 00:00:00 GMT\r\nContent-Ty")
        elif path == "/reset/body":
            self._head(200, "text/html; charset=utf-8", 10_000)
            self._reset(b"<html><body><p>" + b"Struktur organisasi " * 100)  # 2 KB of the promised 10 KB
        elif path == "/hang":
            site._stopping.wait(site.hang_seconds)  # then close without a word
            raise _Abort
        elif path == "/hang/drip":
            self._head(200, "text/html; charset=utf-8", 1000)
            deadline = time.monotonic() + site.hang_seconds
            while time.monotonic() < deadline and not site._stopping.wait(1.0):
                self.wfile.write(b".")
            raise _Abort
        elif path == "/dataloss":
            body = b"<html><body><h2>Laporan Kinerja</h2><p>Bagian pertama laporan"
            self._head(200, "text/html; charset=utf-8", 100_000)
            self.wfile.write(body)
            raise _Abort  # clean close (FIN) after a short body

        elif path == "/loop/a":
            self._redirect(self._origin(host) + "/loop/b")
        elif path == "/loop/b":
            self._redirect(self._origin(host) + "/loop/a")
        elif path == "/redirect/offsite":
            self._redirect("https://example.com/", 301)
        elif path == "/redirect/private":
            self._redirect(site.private_redirect_target, 302)
        elif path.startswith("/redirect/chain/"):
            self._chain(path.rsplit("/", 1)[1], host)

        elif path == "/big/50mb":
            self._head(200, "text/html; charset=utf-8", BIG_SIZE)
            self._stream_filler(BIG_SIZE)
        elif path == "/big/50mb-unsized":
            self._head(200, "text/html; charset=utf-8", None)
            self._stream_filler(BIG_SIZE)
        elif path == "/bomb":
            bomb = gzip_bomb()
            self._head(200, "text/html; charset=utf-8", len(bomb), {"Content-Encoding": "gzip", "Vary": "Accept-Encoding"})
            for start in range(0, len(bomb), CHUNK):
                if site._stopping.is_set():
                    raise _Abort
                self.wfile.write(bomb[start:start + CHUNK])

        elif path == "/charset/cp1252-as-utf8":
            self._send(200, _CP1252_PAGE, "text/html; charset=UTF-8")
        elif path == "/charset/none":
            self._send(200, _NO_CHARSET_PAGE, "text/html")
        elif path == "/charset/unknown":
            self._send(200, _UNKNOWN_CHARSET_PAGE, "text/html; charset=x-unknown")
        elif path == "/malformed":
            self._send(200, _MALFORMED_PAGE, "text/html")
        elif path == "/binary-as-html":
            self._send(200, _BINARY_BODY, "text/html; charset=utf-8")
        elif path == "/empty":
            self._send(200, b"", "text/html; charset=utf-8")
        elif path == "/dokumen/standar-pelayanan-terpotong.pdf":
            full = standard_pdf()
            self._send(200, full[: len(full) // 2], "application/pdf")
        elif path == "/dokumen/bukan-pdf.pdf":
            self._send(200, _NOT_A_PDF, "application/pdf")

        elif path == "/kalender":
            self._calendar(query)
        elif path == "/berita":
            self._news(query)
        elif re.fullmatch(r"/a(/a)*/?", path):
            depth = path.count("a")
            self._html(f"Direktori tingkat {depth}", f'<p>Subdirektori:</p><ul><li><a href="a/">a</a></li>'
                                                   f'<li><a href="/">Beranda</a></li></ul>')
        else:
            self._send(404, _DOCTYPE_404.encode())

    def _index(self):
        site = self.server.site
        items = []
        for name, target in site.FAULTS.items():
            if name in ("robots_500", "tls_expired"):  # reached through the good pages on those hosts
                continue
            if name == "session_id_trap":
                target = f"/berita?PHPSESSID={secrets.token_hex(13)}"
            items.append(f'<li><a href="{html.escape(target)}">{html.escape(_LABELS.get(name, name))}</a></li>')
        good = "".join(f'<li><a href="{html.escape(url)}">{label}</a></li>' for url, label in (
            (site.GOOD_PAGES["ktp_el"], "Standar Pelayanan KTP-el"),
            (site.GOOD_PAGES["akta_kelahiran_www"], "Standar Pelayanan Akta Kelahiran"),
            (site.GOOD_PAGES["pindah_tls"], "Standar Pelayanan Surat Keterangan Pindah"),
        ))
        self._html("Beranda", f"<h3>Layanan</h3><ul>{good}</ul>\n<h3>Tautan</h3><ul>\n" + "\n".join(items) + "\n</ul>")

    def _chain(self, step: str, host: str):
        if not step.isdigit() or len(step) > 3:
            self._send(404, _DOCTYPE_404.encode())
        elif int(step) < CHAIN_HOPS:
            self._redirect(f"{self._origin(host)}/redirect/chain/{int(step) + 1}")
        else:
            self._html("Arsip Lama", "<p>Akhir rantai pengalihan.</p>")

    def _calendar(self, query: dict):
        def number(key, default, low, high):
            raw = (query.get(key) or [""])[0]
            return int(raw) if raw.isdigit() and len(raw) <= 9 and low <= int(raw) <= high else default
        month, year = number("bulan", 1, 1, 12), number("tahun", 2024, 1, 999_999_999)
        prev_m, prev_y = (12, year - 1) if month == 1 else (month - 1, year)
        next_m, next_y = (1, year + 1) if month == 12 else (month + 1, year)
        days = "".join(f"<td>{d}</td>" + ("</tr><tr>" if d % 7 == 0 else "") for d in range(1, 29))
        body = (f'<p>Agenda kegiatan bulan {month} tahun {year}</p><table class="kalender"><tr>{days}</tr></table>'
                f'<p><a href="/kalender?bulan={prev_m}&amp;tahun={max(prev_y, 1)}">« Bulan sebelumnya</a> | '
                f'<a href="/kalender?bulan={next_m}&amp;tahun={next_y}">Bulan berikutnya »</a> | '
                f'<a href="/kalender?bulan={month}&amp;tahun={year + 1}">Tahun berikutnya</a></p>')
        self._html("Agenda Kegiatan", body)

    def _news(self, query: dict):
        page = (query.get("hal") or ["1"])[0]
        page = int(page) if page.isdigit() and len(page) <= 6 else 1
        sid = secrets.token_hex  # every link carries a fresh session id, as PHP's trans_sid does
        items = "".join(
            f'<li><a href="/berita?PHPSESSID={sid(13)}&amp;id={page * 10 + k}">Ombudsman dorong standar pelayanan '
            f'di Kabupaten Uji (bagian {page * 10 + k})</a></li>' for k in range(3))
        body = (f"<ul>{items}</ul><p><a href=\"/berita?PHPSESSID={sid(13)}&amp;hal={page + 1}\">Berita lainnya »</a></p>"
                "<p>Ombudsman RI mendorong seluruh OPD mempublikasikan standar pelayanan.</p>")

        def add_sid(match):  # the menu too: every internal link gets its own id
            href = match.group(1)
            if "PHPSESSID=" in href:
                return match.group(0)
            return f'href="{href}{"&amp;" if "?" in href else "?"}PHPSESSID={sid(13)}"'
        page_html = re.sub(r'href="(/[^"]*)"', add_sid, _page("Berita Terkini", body))
        self._send(200, page_html.encode("utf-8"))


class FaultSite:
    """A misbehaving pemda site on loopback; a context manager that starts and stops all its servers."""

    hostname = HOSTNAME
    www_hostname = WWW_HOSTNAME
    start_url = f"http://{HOSTNAME}/"

    FAULTS: dict[str, str] = {
        "server_error_500": "/error/500",
        "unavailable_503": "/error/503",
        "reset_in_headers": "/reset/headers",
        "reset_in_body": "/reset/body",
        "hang": "/hang",
        "hang_drip": "/hang/drip",
        "data_loss": "/dataloss",
        "redirect_loop": "/loop/a",
        "redirect_offsite": "/redirect/offsite",
        "redirect_private": "/redirect/private",
        "redirect_chain_25": "/redirect/chain/0",
        "big_50mb": "/big/50mb",
        "big_50mb_unsized": "/big/50mb-unsized",
        "gzip_bomb": "/bomb",
        "charset_cp1252_as_utf8": "/charset/cp1252-as-utf8",
        "charset_missing": "/charset/none",
        "charset_unknown": "/charset/unknown",
        "malformed_html": "/malformed",
        "binary_as_html": "/binary-as-html",
        "empty_200": "/empty",
        "pdf_truncated": "/dokumen/standar-pelayanan-terpotong.pdf",
        "pdf_not_a_pdf": "/dokumen/bukan-pdf.pdf",
        "calendar_trap": "/kalender?bulan=1&tahun=2024",
        "session_id_trap": "/berita",  # linked as /berita?PHPSESSID=<random>
        "deep_path_trap": "/a/",
        "robots_500": f"http://{WWW_HOSTNAME}/robots.txt",
        "tls_expired": f"https://{HOSTNAME}/tls/standar-pelayanan",
    }

    # What the crawler should make of each fault; see the table in the module docstring.
    EXPECTED: dict[str, str] = {
        "server_error_500": "error:http_500",
        "unavailable_503": "error:http_503",
        "reset_in_headers": "error:connection",
        "reset_in_body": "error:connection",
        "hang": "error:timeout",
        "hang_drip": "error:timeout",
        "data_loss": "error:connection",
        "redirect_loop": "error:redirect",
        "redirect_offsite": "error:offsite",
        "redirect_private": "error:forbidden_address",
        "redirect_chain_25": "error:redirect",
        "big_50mb": "error:too_large",
        "big_50mb_unsized": "error:too_large",
        "gzip_bomb": "error:too_large",
        "charset_cp1252_as_utf8": "page",
        "charset_missing": "page",
        "charset_unknown": "page",
        "malformed_html": "page",
        "binary_as_html": "page",
        "empty_200": "page",
        "pdf_truncated": "page+error:extract",
        "pdf_not_a_pdf": "page+error:extract",
        "calendar_trap": "bounded",
        "session_id_trap": "bounded",
        "deep_path_trap": "bounded",
        "robots_500": "error:http_500",
        "tls_expired": "error:tls",
    }

    GOOD_PAGES: dict[str, str] = {
        "ktp_el": "/layanan/standar-pelayanan-ktp-el",
        "akta_kelahiran_www": f"http://{WWW_HOSTNAME}/layanan/standar-pelayanan-akta-kelahiran",
        "pindah_tls": f"https://{HOSTNAME}/tls/standar-pelayanan",
    }

    def __init__(self, hang_seconds: float = 30.0, tls: bool = True, canary: bool = True):
        self.hang_seconds = hang_seconds
        self.tls = tls
        self.canary = canary
        self.http_port: int | None = None
        self.https_port: int | None = None
        self.canary_port: int | None = None
        self.cert_pem: bytes | None = None  # the public certificate only; the key is never kept
        self.requests_log: list[tuple[str, str]] = []  # (host, path) for the HTTP and HTTPS servers
        self.canary_log: list[tuple[str, str]] = []  # requests that reached PRIVATE_ADDRESS: must stay empty
        self.server_errors: list[str] = []  # unexpected handler exceptions (tracebacks): must stay empty
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._servers: list[_Server] = []
        self._serve_threads: list[threading.Thread] = []
        self._connections: dict[threading.Thread, socket.socket] = {}  # live handler threads and their sockets

    # -- API --

    def url(self, name_or_path: str) -> str:
        """Absolute URL (as the crawler sees it) of a fault name, a good page name, or a path."""
        target = self.FAULTS.get(name_or_path) or self.GOOD_PAGES.get(name_or_path) or name_or_path
        return target if "://" in target else f"http://{HOSTNAME}{target}"

    def resolve_map(self) -> list[str]:
        """`--resolve` entries (HOST:URLPORT=ADDR:PORT) for every host the site serves."""
        specs = []
        for host in (HOSTNAME, WWW_HOSTNAME):
            specs.append(f"{host}:80=127.0.0.1:{self.http_port}")
            if self.https_port:
                specs.append(f"{host}:443=127.0.0.1:{self.https_port}")
        return specs

    @property
    def private_redirect_target(self) -> str:
        return f"http://{PRIVATE_ADDRESS}:{self.canary_port or 9}/"

    def hits(self, prefix: str = "/", host: str | None = None) -> list[tuple[str, str]]:
        """Logged (host, path) requests whose path starts with PREFIX (a copy, safe to iterate)."""
        with self._lock:
            return [(h, p) for h, p in self.requests_log if p.startswith(prefix) and (host is None or h == host)]

    def start(self) -> FaultSite:
        if self.tls:
            cert_pem, key_pem = make_expired_certificate([HOSTNAME, WWW_HOSTNAME])
            context = _server_context(cert_pem, key_pem)
            del key_pem
            self.cert_pem = cert_pem
        gzip_bomb()  # build it before any request waits on it
        try:
            self._add_server("127.0.0.1", "http")
            if self.tls:
                self._add_server("127.0.0.1", "https", context)
            if self.canary:
                try:
                    self._add_server(PRIVATE_ADDRESS, "canary")
                except OSError:  # no 127.0.0.2 alias (e.g. macOS): the redirect then points at a closed port
                    pass
        except BaseException:
            self.close()
            raise
        return self

    def close(self, deadline_seconds: float = 4.0) -> None:
        """Stop everything: the Event first (hangs and streams end), then accept loops, then open sockets."""
        self._stopping.set()
        deadline = time.monotonic() + deadline_seconds
        for server in self._servers:
            server.shutdown()
            server.server_close()
        with self._lock:
            handlers, sockets = list(self._connections), list(self._connections.values())
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        for thread in self._serve_threads:
            thread.join(max(0.0, deadline - time.monotonic()))
        for thread in handlers:
            thread.join(max(0.0, deadline - time.monotonic()))
        self._servers.clear()

    def __enter__(self) -> FaultSite:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def alive_handler_threads(self) -> int:
        with self._lock:
            return sum(t.is_alive() for t in self._connections)

    # -- internals --

    def _add_server(self, address: str, role: str, context: ssl.SSLContext | None = None):
        server = _Server((address, 0), _Handler, self, role, context)
        port = server.server_address[1]
        if role == "http":
            self.http_port = port
        elif role == "https":
            self.https_port = port
        else:
            self.canary_port = port
        thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1},
                                  name=f"faultsite-serve-{role}", daemon=True)
        self._servers.append(server)
        self._serve_threads.append(thread)
        thread.start()

    def _log(self, role: str, host: str, path: str):
        with self._lock:
            (self.canary_log if role == "canary" else self.requests_log).append((host, path))

    def _error(self, text: str):
        with self._lock:
            self.server_errors.append(text)

    def _track(self, thread: threading.Thread, sock: socket.socket):
        with self._lock:
            self._connections[thread] = sock

    def _untrack(self, thread: threading.Thread):
        with self._lock:
            self._connections.pop(thread, None)

    def _swap_socket(self, sock: socket.socket):
        """The handler thread now talks through SOCK (its TLS wrapper)."""
        with self._lock:
            self._connections[threading.current_thread()] = sock

"""A one-host pemda site whose links name standards that are not there, with social, app and SIPPN links in
its chrome: for the link capture (pages.outlinks), `missing_standard_links` and the publication indicators.

    root = build_link_site(tmp_path)           # writes root/<HOST>/…
    with SampleSite(root) as site: …           # pantau.sample_server serves it, one directory per host

Fictional host `disdukcapil.tautankab.go.id` (portal directory `tautankab.go.id` too, so www. and subdomain
resolve), crawled with --max-depth 1. Its menu (on every page) and index link to:

| link text                                  | target                                   | fate        |
|--------------------------------------------|------------------------------------------|-------------|
| Standar Pelayanan                          | /standar-pelayanan/ktp-el.html           | ok          |
| Unduh Standar Pelayanan Akta Kelahiran     | /dokumen/SK-Standar-Pelayanan.pdf (real) | ok          |
| SOP Penerbitan Akta Kematian               | /sop/akta-kematian.html (no such file)   | http_404    |
| Maklumat Pelayanan                         | /maklumat-pelayanan.html (0 bytes)       | empty       |
| Standar Pelayanan KIA (PDF)                | /dokumen/standar-pelayanan-kia.pdf (bad) | unreadable  |
| Standar Pelayanan Surat Pindah (on /layanan/, depth 2) | /layanan/sp-surat-pindah.html | not_fetched |

Footer: Facebook, Instagram, X, YouTube (iframe), Google Play, SIPPN, SP4N-LAPOR! — all off-site, none ever
requested.
"""

from __future__ import annotations

import shutil
from pathlib import Path

HOST = "disdukcapil.tautankab.go.id"
PORTAL = "tautankab.go.id"
START_URL = f"http://{HOST}/"
SAMPLE_PDF = (Path(__file__).resolve().parents[2] / "pantau" / "sample_site" / "hosts" / "dpmptsp.lampungtimurkab.go.id"
              / "wp-content" / "uploads" / "2023" / "06" / "SK-Standar-Pelayanan-DPMPTSP-2023.pdf")

OFFSITE = {
    "https://www.facebook.com/disdukcapil.tautankab": "social",
    "https://www.instagram.com/disdukcapil_tautankab/": "social",
    "https://x.com/dukcapiltautan": "social",
    "https://www.youtube.com/embed/profil-dukcapil": "social",
    "https://play.google.com/store/apps/details?id=id.go.tautankab.dukcapil": "app",
    "https://sippn.menpan.go.id/pelayanan-publik/jawa-tengah/kabupaten-tautan/disdukcapil": "sippn",
    "https://www.lapor.go.id/": "lapor",
}
STANDARD_LINKS = {  # target path -> (link text, expected fate)
    "/standar-pelayanan/ktp-el.html": ("Standar Pelayanan", "ok"),
    "/dokumen/SK-Standar-Pelayanan.pdf": ("Unduh Standar Pelayanan Akta Kelahiran", "ok"),
    "/sop/akta-kematian.html": ("SOP Penerbitan Akta Kematian", "http_404"),
    "/maklumat-pelayanan.html": ("Maklumat Pelayanan", "empty"),
    "/dokumen/standar-pelayanan-kia.pdf": ("Standar Pelayanan KIA (PDF)", "unreadable"),
    "/layanan/sp-surat-pindah.html": ("Standar Pelayanan Surat Pindah", "not_fetched"),
}

_MENU = "\n".join(f'<li><a href="{path}">{text}</a></li>' for path, (text, _) in STANDARD_LINKS.items()
                  if path != "/layanan/sp-surat-pindah.html")
_FOOTER = """<footer class="site-footer">
<p>Ikuti kami:
<a href="https://www.facebook.com/disdukcapil.tautankab"><i class="fa fa-facebook"></i></a>
<a href="https://www.instagram.com/disdukcapil_tautankab/">Instagram</a>
<a href="https://x.com/dukcapiltautan" title="X (Twitter)"></a></p>
<p><a href="https://play.google.com/store/apps/details?id=id.go.tautankab.dukcapil"><img src="/img/google-play.png"
 alt="Unduh aplikasi Dukcapil Tautan di Google Play"></a></p>
<p><a href="https://sippn.menpan.go.id/pelayanan-publik/jawa-tengah/kabupaten-tautan/disdukcapil">SIPPN</a> &middot;
<a href="https://www.lapor.go.id/">SP4N-LAPOR!</a> &middot; <a href="/berita/">Berita</a></p>
<iframe src="https://www.youtube.com/embed/profil-dukcapil" title="Profil Disdukcapil"></iframe>
</footer>"""


def _page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="id"><head><meta charset="utf-8"><title>{title} - Disdukcapil Kabupaten Tautan</title></head>
<body><header><p>Dinas Kependudukan dan Pencatatan Sipil Kabupaten Tautan</p>
<nav><ul><li><a href="/">Beranda</a></li><li><a href="/layanan/">Layanan</a></li>
{_MENU}</ul></nav></header>
<main><h1>{title}</h1>
{body}
</main>
{_FOOTER}
</body></html>
"""


_KTP = """<table><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead><tbody>
<tr><td>1</td><td>Persyaratan</td><td><ol><li>Telah berusia 17 tahun atau sudah kawin;</li><li>Fotokopi Kartu Keluarga.</li></ol></td></tr>
<tr><td>2</td><td>Sistem, Mekanisme dan Prosedur</td><td><ol><li>Pemohon datang ke loket pelayanan;</li><li>Petugas melakukan perekaman sidik jari dan foto;</li><li>KTP-el dicetak dan diserahkan kepada pemohon.</li></ol></td></tr>
<tr><td>3</td><td>Jangka Waktu Penyelesaian</td><td>1 (satu) hari kerja</td></tr>
<tr><td>4</td><td>Biaya/Tarif</td><td>Tidak dipungut biaya (gratis)</td></tr>
<tr><td>5</td><td>Produk Pelayanan</td><td>Kartu Tanda Penduduk Elektronik (KTP-el)</td></tr>
<tr><td>6</td><td>Penanganan Pengaduan, Saran dan Masukan</td><td>Kotak saran di ruang tunggu, SMS/WhatsApp 0812-3456-7890, SP4N-LAPOR! www.lapor.go.id</td></tr>
</tbody></table>
<div class="maklumat"><h2>MAKLUMAT PELAYANAN</h2>
<p>DENGAN INI KAMI MENYATAKAN SANGGUP MENYELENGGARAKAN PELAYANAN SESUAI STANDAR PELAYANAN YANG TELAH DITETAPKAN DAN
APABILA TIDAK MENEPATI JANJI INI, KAMI SIAP MENERIMA SANKSI SESUAI PERATURAN PERUNDANG-UNDANGAN YANG BERLAKU.</p></div>"""


def build_link_site(root: Path) -> Path:
    """Write the site under ROOT (one directory per host) and return ROOT."""
    site = root / HOST
    for sub in ("standar-pelayanan", "dokumen", "layanan", "berita"):
        (site / sub).mkdir(parents=True, exist_ok=True)
    (root / PORTAL).mkdir(parents=True, exist_ok=True)
    (root / PORTAL / "index.html").write_text(_page("Portal Kabupaten Tautan", "<p>Selamat datang.</p>"))
    (site / "robots.txt").write_text("User-agent: *\nAllow: /\n")
    (site / "index.html").write_text(_page("Beranda", "<p>Selamat datang di situs resmi Disdukcapil.</p>"))
    (site / "standar-pelayanan" / "ktp-el.html").write_text(
        _page("Standar Pelayanan Penerbitan KTP-el", _KTP))
    shutil.copyfile(SAMPLE_PDF, site / "dokumen" / "SK-Standar-Pelayanan.pdf")
    (site / "dokumen" / "standar-pelayanan-kia.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ntrunc")
    (site / "maklumat-pelayanan.html").write_bytes(b"")
    (site / "layanan" / "index.html").write_text(_page(
        "Layanan", '<ul><li><a href="/layanan/sp-surat-pindah.html">Standar Pelayanan Surat Pindah</a></li></ul>'))
    (site / "layanan" / "sp-surat-pindah.html").write_text(_page(
        "Standar Pelayanan Surat Pindah", "<p>Persyaratan: Kartu Keluarga.</p>"))
    (site / "berita" / "index.html").write_text(_page("Berita", "<p>Belum ada berita.</p>"))
    return root

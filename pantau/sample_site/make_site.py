"""Generates the bundled sample site's static files: a fictional Kabupaten Lampung Timur.

    python -m pantau.sample_site.make_site      # rewrites hosts/ (HTML, robots.txt, sitemap.xml, images)
    python -m pantau.sample_site.make_pdf       # rewrites the DPMPTSP PDF

Every HTML page shares one WordPress-like template (top bar, navbar, breadcrumbs, sidebar, footer) so the
content differs the way real OPD sites do while the chrome stays the same. Names, addresses, phone numbers
and officials are invented. What the pages publish is recorded by hand in expected.yaml: change both together.
"""

from __future__ import annotations

import html
import struct
import zlib
from dataclasses import dataclass
from pathlib import Path

from pantau.sample_site import HOSTS_DIR

PORTAL = "lampungtimurkab.go.id"
DUKCAPIL = "disdukcapil.lampungtimurkab.go.id"
DPMPTSP = "dpmptsp.lampungtimurkab.go.id"
DINSOS = "dinsos.lampungtimurkab.go.id"
DINKES = "dinkes.lampungtimurkab.go.id"
P = f"http://{PORTAL}"  # absolute portal prefix used by the OPD sites
LOGO = f"{P}/wp-content/uploads/2021/03/logo-lampung-timur.png"

OPD_MENU = [
    ("Semua Perangkat Daerah", f"{P}/perangkat-daerah/"),
    ("Dinas Kependudukan dan Pencatatan Sipil", f"http://{DUKCAPIL}/"),
    ("DPMPTSP", f"http://{DPMPTSP}/"),
    ("Dinas Sosial", f"http://{DINSOS}/"),
    ("Dinas Kesehatan", f"http://{DINKES}/"),
]


@dataclass
class Site:
    host: str
    name: str        # the unit's full name
    short: str       # shown in the logo block
    address: str
    phone: str       # switchboard, shown in the footer (not a complaints channel)
    email: str
    menu: list       # [(label, href)] or [(label, [(label, href), ...])]
    facebook: str
    color: str = "#0b6e3a"
    portal_link: str = f"{P}/"   # where the footer's "Portal Pemerintah" link points


def esc(text: str) -> str:
    return html.escape(text, quote=True)


CSS = """
body{margin:0;font-family:"Open Sans",Arial,sans-serif;font-size:15px;color:#333;background:#f4f6f5}
a{color:%(c)s;text-decoration:none}a:hover{text-decoration:underline}
.topbar{background:#222;color:#ddd;font-size:12px;padding:4px 0}.topbar a{color:#ddd;margin-right:12px}
.container{max-width:1140px;margin:0 auto;padding:0 15px}
.site-header{background:#fff;border-bottom:4px solid %(c)s}.site-branding{display:flex;align-items:center;padding:12px 0}
.site-branding img{width:64px;height:64px;margin-right:12px}.site-title{font-size:22px;font-weight:700;margin:0}
.site-description{margin:0;color:#777;font-size:13px}
.main-navigation{background:%(c)s}.main-navigation ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap}
.main-navigation li{position:relative}.main-navigation a{display:block;color:#fff;padding:12px 14px;font-weight:600}
.main-navigation .sub-menu{display:none;position:absolute;background:#fff;min-width:260px;z-index:9;box-shadow:0 2px 6px #0003}
.main-navigation li:hover>.sub-menu{display:block}.main-navigation .sub-menu a{color:#333;font-weight:400}
.breadcrumbs{font-size:13px;padding:10px 0;color:#777}
.site-content{display:flex;gap:24px;padding-bottom:30px}.content-area{flex:3;background:#fff;padding:20px 24px}
.widget-area{flex:1}.widget{background:#fff;padding:14px 16px;margin-bottom:18px}
.widget-title{font-size:15px;border-bottom:2px solid %(c)s;padding-bottom:6px;margin-top:0}
table{border-collapse:collapse;width:100%%;margin:12px 0}th,td{border:1px solid #ccc;padding:6px 8px;vertical-align:top}
th{background:#eef3f0}.entry-meta{font-size:12px;color:#888}.wp-block-button a{background:%(c)s;color:#fff;padding:8px 14px;display:inline-block}
.accordion-button{width:100%%;text-align:left;background:#eef3f0;border:0;padding:10px;font-weight:600}
.accordion-body{padding:8px 14px}.site-footer{background:#1d2b24;color:#ccc;padding:24px 0;font-size:13px}
.site-footer a{color:#fff}.site-info{border-top:1px solid #3a4a41;margin-top:14px;padding-top:10px}
.box{border:1px solid %(c)s;padding:12px 16px;margin:14px 0;background:#f7fbf8}
"""

JAM_PELAYANAN = """<section class="widget widget_text"><h3 class="widget-title">Jam Pelayanan</h3>
<div class="textwidget"><p>Senin &ndash; Kamis: 08.00 &ndash; 15.30 WIB<br>Jumat: 08.00 &ndash; 11.30 WIB<br>
Istirahat: 12.00 &ndash; 13.00 WIB<br>Sabtu, Minggu dan hari libur nasional: tutup</p></div></section>"""

RECENT_NEWS = f"""<section class="widget widget_recent_entries"><h3 class="widget-title">Berita Terbaru</h3><ul>
<li><a href="{P}/berita/2024/03/ombudsman-dorong-opd-lampung-timur-lengkapi-standar-pelayanan.html">Ombudsman Dorong OPD Lampung Timur Lengkapi Standar Pelayanan</a> <span class="post-date">14 Maret 2024</span></li>
<li><a href="{P}/berita/2024/05/bupati-resmikan-mal-pelayanan-publik.html">Bupati Resmikan Mal Pelayanan Publik Lampung Timur</a> <span class="post-date">20 Mei 2024</span></li>
</ul></section>"""

LINKS_WIDGET = """<section class="widget widget_links"><h3 class="widget-title">Tautan Terkait</h3><ul>
<li><a href="https://ombudsman.go.id/" target="_blank" rel="noopener">Ombudsman Republik Indonesia</a></li>
<li><a href="https://jdih.lampungprov.go.id/produk-hukum/peraturan-daerah" target="_blank" rel="noopener">JDIH Provinsi Lampung</a></li>
<li><a href="https://sippn.menpan.go.id/" target="_blank" rel="noopener">SIPPN KemenPANRB</a></li>
</ul></section>"""


def render_menu(items, current: str) -> str:
    out = ['<ul id="primary-menu" class="menu nav-menu">']
    for label, href in items:
        if isinstance(href, list):
            out.append(f'<li class="menu-item menu-item-has-children"><a href="javascript:void(0)">{esc(label)} &#9662;</a>'
                       '<ul class="sub-menu">')
            out += [f'<li class="menu-item"><a href="{esc(h)}">{esc(sub)}</a></li>' for sub, h in href]
            out.append("</ul></li>")
        else:
            cls = " current-menu-item" if href == current else ""
            out.append(f'<li class="menu-item{cls}"><a href="{esc(href)}">{esc(label)}</a></li>')
    out.append("</ul>")
    return "\n".join(out)


def render(site: Site, path: str, title: str, body: str, crumbs: list | None = None,
           body_class: str = "page") -> str:
    """One page in the shared template. crumbs: [(label, href-or-None), ...] after "Beranda"."""
    trail = ['<a href="/">Beranda</a>']
    for label, href in crumbs or []:
        trail.append(f'<a href="{esc(href)}">{esc(label)}</a>' if href else f"<span>{esc(label)}</span>")
    canonical = f"http://{site.host}{path}"
    return f"""<!DOCTYPE html>
<html lang="id-ID">
<!-- Fictional sample site bundled with pantau for tests and demos; not the real {site.host}. -->
<head>
<meta charset="UTF-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{esc(title)} &#8211; {esc(site.name)}</title>
<meta name="description" content="{esc(title)} &#8211; situs resmi {esc(site.name)}, Kabupaten Lampung Timur.">
<meta name="generator" content="WordPress 6.4.3">
<link rel="canonical" href="{esc(canonical)}">
<link rel="icon" href="{LOGO}" sizes="32x32">
<style id="pemda-lite-inline-css">{CSS % {"c": site.color}}</style>
</head>
<body class="{body_class} wp-theme-pemda-lite" id="top">
<div id="page" class="site">
<a class="skip-link screen-reader-text" href="#content">Lewati ke konten</a>
<div class="topbar"><div class="container">
<a href="tel:{esc(site.phone.replace(' ', '').replace('(', '').replace(')', ''))}">&#9742; {esc(site.phone)}</a>
<a href="mailto:{esc(site.email)}">&#9993; {esc(site.email)}</a>
<a href="{esc(site.facebook)}" target="_blank" rel="noopener">Facebook</a>
<a href="https://www.instagram.com/pemkablampungtimur/" target="_blank" rel="noopener">Instagram</a>
<a href="https://www.youtube.com/@pemkablampungtimur" target="_blank" rel="noopener">YouTube</a>
</div></div>
<header id="masthead" class="site-header"><div class="container">
<div class="site-branding"><a href="/" rel="home"><img src="{LOGO}" alt="Logo Kabupaten Lampung Timur" width="64" height="64"></a>
<div><p class="site-title"><a href="/" rel="home">{esc(site.short)}</a></p>
<p class="site-description">{esc(site.name)} &middot; Kabupaten Lampung Timur</p></div></div>
</div>
<nav id="site-navigation" class="main-navigation" aria-label="Menu Utama"><div class="container">
{render_menu(site.menu, path)}
</div></nav>
</header>
<div class="container"><nav class="breadcrumbs" aria-label="Breadcrumb">{" &raquo; ".join(trail)}</nav></div>
<div id="content" class="site-content container">
<main id="primary" class="content-area">
<article class="{body_class} type-page status-publish hentry">
<header class="entry-header"><h1 class="entry-title">{esc(title)}</h1></header>
<div class="entry-content">
{body.strip()}
</div>
<footer class="entry-footer"><a href="javascript:window.print()">Cetak halaman ini</a></footer>
</article>
</main>
<aside id="secondary" class="widget-area">
<section class="widget widget_search"><form role="search" method="get" class="search-form" action="/">
<label>Cari: <input type="search" class="search-field" name="s" placeholder="Cari &hellip;"></label>
<input type="submit" class="search-submit" value="Cari"></form></section>
{JAM_PELAYANAN}
{RECENT_NEWS}
{LINKS_WIDGET}
</aside>
</div>
<footer id="colophon" class="site-footer"><div class="container">
<div class="footer-widgets"><h4>{esc(site.name)}</h4>
<p>{esc(site.address)}<br>Telp. {esc(site.phone)} &middot; E-mail: <a href="mailto:{esc(site.email)}">{esc(site.email)}</a></p>
<p><a href="{esc(site.portal_link)}">Portal Pemerintah Kabupaten Lampung Timur</a> &middot; <a href="#top">Kembali ke atas</a></p></div>
<div class="site-info">&copy; 2024 {esc(site.name)}. Dikelola oleh Dinas Komunikasi dan Informatika Kabupaten Lampung Timur.</div>
</div></footer>
</div>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------------------
# Portal: lampungtimurkab.go.id (also served as www.lampungtimurkab.go.id)
# --------------------------------------------------------------------------------------------------------

PORTAL_SITE = Site(
    host=PORTAL, name="Pemerintah Kabupaten Lampung Timur", short="Pemkab Lampung Timur",
    address="Kompleks Perkantoran Pemerintah Kabupaten Lampung Timur, Jl. Buay Subing, Sukadana, "
            "Kabupaten Lampung Timur, Lampung 34194",
    phone="(0725) 625001", email="humas@lampungtimurkab.go.id",
    facebook="https://www.facebook.com/pemkablampungtimur",
    menu=[("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/layanan/"),
          ("Standar Pelayanan", "/standar-pelayanan/"), ("Maklumat", "/maklumat/"), ("PPID", "/ppid/"),
          ("Pengaduan", "/pengaduan/"), ("Berita", "/berita/"), ("Perangkat Daerah", OPD_MENU)],
)

NEWS_OMBUDSMAN = "/berita/2024/03/ombudsman-dorong-opd-lampung-timur-lengkapi-standar-pelayanan.html"
NEWS_MPP = "/berita/2024/05/bupati-resmikan-mal-pelayanan-publik.html"


def portal_pages() -> dict[str, tuple]:
    return {
        "/": ("Beranda", """
<section class="welcome"><p><strong>Selamat datang di portal resmi Pemerintah Kabupaten Lampung Timur.</strong>
Portal ini memuat informasi pemerintahan, layanan publik, berita daerah dan tautan ke situs perangkat daerah
(OPD) di lingkungan Pemerintah Kabupaten Lampung Timur.</p>
<p>Kabupaten Lampung Timur beribu kota di Sukadana, terdiri atas 24 kecamatan dan 264 desa, dengan motto
<em>Bumei Tuwah Bepadan</em>. Pemerintah daerah berkomitmen mewujudkan pelayanan publik yang cepat, mudah,
transparan dan akuntabel.</p></section>
<h2>Layanan Unggulan</h2>
<ul class="layanan-unggulan">
<li><a href="http://disdukcapil.lampungtimurkab.go.id/">Administrasi Kependudukan</a> &ndash; KTP-el, Kartu Keluarga, akta-akta pencatatan sipil.</li>
<li><a href="http://dpmptsp.lampungtimurkab.go.id/">Perizinan dan Non Perizinan</a> &ndash; PBG, reklame, NIB melalui OSS di Mal Pelayanan Publik.</li>
<li><a href="http://dinsos.lampungtimurkab.go.id/">Layanan Sosial</a> &ndash; DTKS, rekomendasi PBI-JK dan bantuan sosial.</li>
<li><a href="http://dinkes.lampungtimurkab.go.id/">Layanan Kesehatan</a> &ndash; Laboratorium Kesehatan Daerah dan puskesmas.</li>
</ul>
<p class="wp-block-button"><a href="/perangkat-daerah/">Lihat semua perangkat daerah</a></p>
<h2>Berita Terbaru</h2>
<article class="post-excerpt"><h3><a href="/berita/2024/05/bupati-resmikan-mal-pelayanan-publik.html">Bupati Resmikan Mal Pelayanan Publik Lampung Timur</a></h3>
<p class="entry-meta">20 Mei 2024 &middot; Humas</p>
<p>Mal Pelayanan Publik (MPP) Kabupaten Lampung Timur resmi beroperasi dan menghadirkan layanan dari berbagai instansi dalam satu gedung&hellip;</p></article>
<article class="post-excerpt"><h3><a href="/berita/2024/03/ombudsman-dorong-opd-lampung-timur-lengkapi-standar-pelayanan.html">Ombudsman Dorong OPD Lampung Timur Lengkapi Standar Pelayanan</a></h3>
<p class="entry-meta">14 Maret 2024 &middot; Humas</p>
<p>Perwakilan Ombudsman RI Provinsi Lampung mendorong seluruh perangkat daerah melengkapi dan memublikasikan standar pelayanan&hellip;</p></article>
<div class="box"><h2>Layanan Pengaduan Masyarakat</h2>
<p>Sampaikan pengaduan, saran dan masukan Anda terhadap pelayanan publik di Kabupaten Lampung Timur melalui
<a href="https://www.lapor.go.id/" target="_blank" rel="noopener">SP4N-LAPOR!</a> (www.lapor.go.id),
SMS ke 1708, atau WhatsApp Pengaduan <a href="https://wa.me/6281279001234">0812-7900-1234</a>.
<a href="/pengaduan/">Selengkapnya &raquo;</a></p></div>
<p><img src="/wp-content/uploads/2021/03/logo-lampung-timur.png" alt="Lambang Kabupaten Lampung Timur" width="120" height="120"></p>
<p class="small">Situs lama: <a href="https://evil-lampungtimurkab.go.id/">evil-lampungtimurkab.go.id</a> (tidak lagi dikelola).</p>
"""),
        "/profil/": ("Profil Kabupaten Lampung Timur", """
<h2>Sejarah Singkat</h2>
<p>Kabupaten Lampung Timur dibentuk berdasarkan Undang-Undang Nomor 12 Tahun 1999 sebagai pemekaran dari
Kabupaten Lampung Tengah, dengan ibu kota di Sukadana. Wilayahnya membentang dari pesisir Laut Jawa di timur
hingga dataran rendah pertanian di barat, dan memiliki Taman Nasional Way Kambas, pusat konservasi gajah
Sumatera.</p>
<h2>Visi</h2>
<p>&ldquo;Terwujudnya Lampung Timur yang maju, sejahtera dan berdaya saing melalui tata kelola pemerintahan
yang bersih dan pelayanan publik yang prima.&rdquo;</p>
<h2>Misi</h2>
<ol><li>Meningkatkan kualitas sumber daya manusia yang sehat, cerdas dan berakhlak;</li>
<li>Mewujudkan tata kelola pemerintahan yang baik dan pelayanan publik yang berkualitas;</li>
<li>Meningkatkan pembangunan infrastruktur yang merata dan berkelanjutan;</li>
<li>Mengembangkan ekonomi kerakyatan berbasis pertanian, perikanan dan pariwisata;</li>
<li>Mewujudkan kehidupan masyarakat yang aman, tertib dan harmonis.</li></ol>
<h2>Data Wilayah</h2>
<table><thead><tr><th>Uraian</th><th>Keterangan</th></tr></thead><tbody>
<tr><td>Ibu kota</td><td>Sukadana</td></tr>
<tr><td>Luas wilayah</td><td>&plusmn; 4.338 km&sup2;</td></tr>
<tr><td>Jumlah kecamatan</td><td>24 kecamatan</td></tr>
<tr><td>Jumlah desa</td><td>264 desa</td></tr>
<tr><td>Jumlah penduduk</td><td>&plusmn; 1,1 juta jiwa</td></tr>
</tbody></table>
<p>Dokumen perencanaan daerah dapat diunduh melalui <a href="https://jdih.lampungprov.go.id/produk-hukum/peraturan-daerah">JDIH</a>.</p>
"""),
        "/perangkat-daerah/": ("Perangkat Daerah", """
<p>Berikut daftar perangkat daerah (OPD) di lingkungan Pemerintah Kabupaten Lampung Timur yang telah memiliki
situs resmi. Situs OPD lainnya sedang dalam pengembangan.</p>
<table class="wp-block-table"><thead><tr><th>No</th><th>Perangkat Daerah</th><th>Alamat Situs</th></tr></thead><tbody>
<tr><td>1</td><td>Dinas Kependudukan dan Pencatatan Sipil</td><td><a href="http://disdukcapil.lampungtimurkab.go.id/">disdukcapil.lampungtimurkab.go.id</a></td></tr>
<tr><td>2</td><td>Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu</td><td><a href="http://dpmptsp.lampungtimurkab.go.id/">dpmptsp.lampungtimurkab.go.id</a></td></tr>
<tr><td>3</td><td>Dinas Sosial</td><td><a href="http://dinsos.lampungtimurkab.go.id/">dinsos.lampungtimurkab.go.id</a></td></tr>
<tr><td>4</td><td>Dinas Kesehatan</td><td><a href="http://dinkes.lampungtimurkab.go.id/">dinkes.lampungtimurkab.go.id</a></td></tr>
<tr><td>5</td><td>Dinas Pendidikan dan Kebudayaan</td><td><em>dalam pengembangan</em></td></tr>
<tr><td>6</td><td>Badan Pendapatan Daerah</td><td><em>dalam pengembangan</em></td></tr>
<tr><td>7</td><td>RSUD Sukadana</td><td><em>dalam pengembangan</em></td></tr>
</tbody></table>
"""),
        "/layanan/": ("Layanan Publik", """
<p>Pemerintah Kabupaten Lampung Timur menyelenggarakan pelayanan publik melalui perangkat daerah dan Mal
Pelayanan Publik (MPP) di Sukadana. Informasi persyaratan, prosedur, waktu dan biaya setiap layanan
dipublikasikan pada situs masing-masing perangkat daerah:</p>
<h2>Administrasi Kependudukan</h2>
<ul><li><a href="http://disdukcapil.lampungtimurkab.go.id/standar-pelayanan/">KTP-el, Kartu Keluarga dan Surat Keterangan Pindah</a></li>
<li><a href="http://disdukcapil.lampungtimurkab.go.id/layanan/akta-kelahiran.html">Akta Kelahiran</a></li>
<li><a href="http://disdukcapil.lampungtimurkab.go.id/layanan/akta-kematian.html">Akta Kematian</a></li></ul>
<h2>Perizinan dan Non Perizinan</h2>
<ul><li><a href="http://dpmptsp.lampungtimurkab.go.id/standar-pelayanan/">Persetujuan Bangunan Gedung, Izin Reklame, NIB</a></li></ul>
<h2>Sosial</h2>
<ul><li><a href="http://dinsos.lampungtimurkab.go.id/standar-pelayanan/">DTKS, Rekomendasi PBI-JK, Rekomendasi PUB</a></li></ul>
<h2>Kesehatan</h2>
<ul><li><a href="http://dinkes.lampungtimurkab.go.id/layanan/">Laboratorium Kesehatan Daerah</a></li></ul>
<h2>Informasi Publik</h2>
<ul><li><a href="/ppid/">Permohonan informasi publik melalui PPID</a></li></ul>
"""),
        "/standar-pelayanan/": ("Standar Pelayanan Perangkat Daerah", """
<p>Sesuai Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik, setiap penyelenggara pelayanan wajib
menyusun, menetapkan dan memublikasikan standar pelayanan. Standar pelayanan perangkat daerah Kabupaten
Lampung Timur dapat dilihat pada tautan berikut.</p>
<table><thead><tr><th>No</th><th>Perangkat Daerah</th><th>Standar Pelayanan</th></tr></thead><tbody>
<tr><td>1</td><td>Dinas Kependudukan dan Pencatatan Sipil</td><td><a href="http://disdukcapil.lampungtimurkab.go.id/standar-pelayanan/">Lihat</a></td></tr>
<tr><td>2</td><td>DPMPTSP</td><td><a href="http://dpmptsp.lampungtimurkab.go.id/standar-pelayanan/">Lihat</a></td></tr>
<tr><td>3</td><td>Dinas Sosial</td><td><a href="http://dinsos.lampungtimurkab.go.id/standar-pelayanan/">Lihat</a></td></tr>
<tr><td>4</td><td>Dinas Kesehatan</td><td><a href="http://dinkes.lampungtimurkab.go.id/layanan/">Lihat</a></td></tr>
</tbody></table>
<p>Standar pelayanan nasional juga dapat ditelusuri melalui <a href="https://sippn.menpan.go.id/">SIPPN</a>.</p>
"""),
        "/maklumat/": ("Maklumat Pelayanan", """
<p>Maklumat pelayanan adalah pernyataan tertulis penyelenggara pelayanan untuk melaksanakan pelayanan sesuai
standar pelayanan. Maklumat pelayanan perangkat daerah dapat dilihat pada situs masing-masing:</p>
<ul><li><a href="http://disdukcapil.lampungtimurkab.go.id/maklumat/">Maklumat Pelayanan Dinas Kependudukan dan Pencatatan Sipil</a></li>
<li><a href="http://dpmptsp.lampungtimurkab.go.id/maklumat/">Maklumat Pelayanan DPMPTSP</a></li>
<li><a href="http://dinsos.lampungtimurkab.go.id/maklumat/">Maklumat Pelayanan Dinas Sosial</a></li></ul>
"""),
        "/ppid/": ("PPID Kabupaten Lampung Timur", """
<p>Pejabat Pengelola Informasi dan Dokumentasi (PPID) Utama Kabupaten Lampung Timur melayani permohonan
informasi publik sesuai Undang-Undang Nomor 14 Tahun 2008 tentang Keterbukaan Informasi Publik.</p>
<h2>Informasi Publik</h2>
<ul><li><a href="/wp-content/uploads/2023/01/daftar-informasi-publik-2023.pdf">Daftar Informasi Publik (DIP) Tahun 2023</a> (PDF)</li>
<li><a href="/standar-pelayanan/">Standar Pelayanan Perangkat Daerah</a></li>
<li><a href="/maklumat/">Maklumat Pelayanan</a></li>
<li><a href="/internal/draf-standar-pelayanan-kesbangpol.html">Draf Standar Pelayanan Kesbangpol (untuk reviu internal)</a></li></ul>
<h2>Permohonan Informasi</h2>
<p>Permohonan informasi dapat diajukan langsung di meja layanan PPID, Gedung Sekretariat Daerah lantai 1,
atau melalui e-mail <a href="mailto:ppid@lampungtimurkab.go.id">ppid@lampungtimurkab.go.id</a>.</p>
"""),
        "/ppid/standar-layanan-informasi-publik.html": ("Standar Layanan Informasi Publik", """
<p>Standar pelayanan permohonan informasi publik pada PPID Utama Kabupaten Lampung Timur, ditetapkan dengan
Keputusan Sekretaris Daerah Nomor 800/45/SK/SETDA/2023.</p>
<h2>Permohonan Informasi Publik</h2>
<table class="wp-block-table"><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead><tbody>
<tr><td>1</td><td>Persyaratan</td><td><ol><li>Fotokopi KTP pemohon (perorangan) atau akta pendirian (badan hukum);</li>
<li>Formulir permohonan informasi yang telah diisi.</li></ol></td></tr>
<tr><td>2</td><td>Prosedur</td><td><ol><li>Pemohon mengisi formulir permohonan di meja layanan PPID atau melalui e-mail;</li>
<li>Petugas mencatat permohonan dan memberikan tanda bukti permohonan;</li>
<li>PPID memproses permohonan dan menyampaikan surat pemberitahuan tertulis;</li>
<li>Informasi diserahkan kepada pemohon.</li></ol></td></tr>
<tr><td>3</td><td>Jangka Waktu Penyelesaian</td><td>10 (sepuluh) hari kerja sejak permohonan diterima.</td></tr>
<tr><td>4</td><td>Biaya/Tarif</td><td>Tidak dipungut biaya.</td></tr>
<tr><td>5</td><td>Produk Pelayanan</td><td>Informasi publik yang dimohon dan surat pemberitahuan tertulis.</td></tr>
</tbody></table>
"""),
        "/pengaduan/": ("Layanan Pengaduan", """
<p>Pemerintah Kabupaten Lampung Timur menerima pengaduan, saran dan masukan masyarakat terhadap penyelenggaraan
pelayanan publik. Setiap pengaduan ditindaklanjuti oleh perangkat daerah terkait paling lama 5 hari kerja
dan dipantau oleh Bagian Organisasi Sekretariat Daerah.</p>
<h2>Saluran Pengaduan</h2>
<ol><li><strong>SP4N-LAPOR!</strong>: <a href="https://www.lapor.go.id/" target="_blank" rel="noopener">www.lapor.go.id</a>, aplikasi LAPOR! atau SMS ke <strong>1708</strong>;</li>
<li><strong>WhatsApp Pengaduan</strong>: <a href="https://wa.me/6281279001234">0812-7900-1234</a>;</li>
<li><strong>E-mail</strong>: <a href="mailto:pengaduan@lampungtimurkab.go.id">pengaduan@lampungtimurkab.go.id</a>;</li>
<li><strong>Telepon</strong>: <a href="tel:0725625002">(0725) 625002</a> (hari dan jam kerja);</li>
<li><strong>Kotak saran</strong> di setiap unit pelayanan dan di Mal Pelayanan Publik;</li>
<li><strong>Meja pengaduan</strong> di Mal Pelayanan Publik, Jl. Buay Subing, Sukadana.</li></ol>
<h2>Alur Penanganan Pengaduan</h2>
<ol><li>Pengaduan diterima dan dicatat oleh admin pengaduan;</li>
<li>Pengaduan diteruskan kepada perangkat daerah terkait;</li>
<li>Perangkat daerah menindaklanjuti dan memberikan jawaban kepada pelapor;</li>
<li>Pengaduan dinyatakan selesai dan dievaluasi setiap bulan.</li></ol>
<p>Identitas pelapor dijamin kerahasiaannya.</p>
"""),
        "/berita/": ("Berita", """
<article class="post-excerpt"><h2><a href="/berita/2024/05/bupati-resmikan-mal-pelayanan-publik.html">Bupati Resmikan Mal Pelayanan Publik Lampung Timur</a></h2>
<p class="entry-meta">20 Mei 2024 &middot; Humas</p>
<p>Mal Pelayanan Publik (MPP) Kabupaten Lampung Timur resmi beroperasi di Sukadana&hellip;</p></article>
<article class="post-excerpt"><h2><a href="/berita/2024/03/ombudsman-dorong-opd-lampung-timur-lengkapi-standar-pelayanan.html">Ombudsman Dorong OPD Lampung Timur Lengkapi Standar Pelayanan</a></h2>
<p class="entry-meta">14 Maret 2024 &middot; Humas</p>
<p>Perwakilan Ombudsman RI Provinsi Lampung mendorong seluruh perangkat daerah di Kabupaten Lampung Timur
melengkapi standar pelayanan&hellip;</p></article>
<article class="post-excerpt"><h2><a href="http://disdukcapil.lampungtimurkab.go.id/berita/2024/02/disdukcapil-jemput-bola-perekaman-ktp-el.html">Disdukcapil Jemput Bola Perekaman KTP-el di Sekolah</a></h2>
<p class="entry-meta">8 Februari 2024 &middot; Disdukcapil</p></article>
<article class="post-excerpt"><h2><a href="http://dinsos.lampungtimurkab.go.id/berita/2024/04/dinsos-salurkan-bantuan-sembako.html">Dinas Sosial Salurkan Bantuan Sembako bagi Lansia</a></h2>
<p class="entry-meta">22 April 2024 &middot; Dinas Sosial</p></article>
<nav class="pagination"><a href="/berita/page/2/">Berita sebelumnya &raquo;</a></nav>
<p class="small">Arsip berita sebelum 2021 tersedia di <a href="http://lampungtimurkab.go.id.example.com/arsip/">arsip portal lama</a>.</p>
"""),
        NEWS_OMBUDSMAN: ("Ombudsman Dorong OPD Lampung Timur Lengkapi Standar Pelayanan", """
<p class="entry-meta">Kamis, 14 Maret 2024 &middot; Ditulis oleh Humas &middot; Kategori: Pemerintahan</p>
<p><strong>SUKADANA</strong> &ndash; Perwakilan Ombudsman Republik Indonesia Provinsi Lampung mendorong
seluruh organisasi perangkat daerah (OPD) di lingkungan Pemerintah Kabupaten Lampung Timur untuk melengkapi
dan memublikasikan standar pelayanan, baik di ruang pelayanan maupun di situs web masing-masing.</p>
<p>Hal itu disampaikan dalam rapat koordinasi persiapan penilaian kepatuhan penyelenggaraan pelayanan publik
di aula Sekretariat Daerah, Kamis (14/3). Menurut Ombudsman, masyarakat berhak mengetahui persyaratan apa
saja yang harus dibawa, bagaimana prosedurnya, berapa lama waktu penyelesaiannya, serta berapa biaya yang
harus dibayar atau apakah layanan tersebut tidak dipungut biaya.</p>
<p>&ldquo;Standar pelayanan itu bukan sekadar dokumen di lemari. Persyaratan, biaya dan jangka waktu harus bisa
dilihat warga sebelum mereka datang, termasuk lewat website. Kalau tidak dipublikasikan, nilai kepatuhan
pasti turun,&rdquo; ujar Kepala Perwakilan dalam paparannya.</p>
<p>Ombudsman juga mengingatkan pentingnya maklumat pelayanan yang ditandatangani pimpinan unit, sarana
pengaduan yang mudah diakses, serta fasilitas bagi kelompok rentan dan penyandang disabilitas. Penilaian tahun
ini akan mengambil sampel pelayanan pada Dinas Kependudukan dan Pencatatan Sipil, DPMPTSP, Dinas Sosial dan
Dinas Kesehatan.</p>
<p>Asisten Administrasi Umum Sekretariat Daerah menyatakan pemerintah daerah akan menindaklanjuti masukan
tersebut. &ldquo;Kami minta seluruh kepala OPD segera memperbarui standar pelayanan dan memajangnya di situs
masing-masing paling lambat akhir bulan ini,&rdquo; katanya.</p>
<p>Pada penilaian tahun sebelumnya, Kabupaten Lampung Timur memperoleh nilai pada kategori C (zona kuning).
Pemerintah daerah menargetkan naik ke kategori B pada penilaian berikutnya.</p>
<p class="tags">Tag: <a href="/berita/">ombudsman</a>, <a href="/berita/">pelayanan publik</a>, <a href="/standar-pelayanan/">standar pelayanan</a></p>
""", "single single-post"),
        NEWS_MPP: ("Bupati Resmikan Mal Pelayanan Publik Lampung Timur", """
<p class="entry-meta">Senin, 20 Mei 2024 &middot; Ditulis oleh Humas &middot; Kategori: Pelayanan Publik</p>
<p><strong>SUKADANA</strong> &ndash; Bupati Lampung Timur meresmikan Mal Pelayanan Publik (MPP) Kabupaten
Lampung Timur yang berlokasi di Jl. Buay Subing, Sukadana, Senin (20/5). MPP menghadirkan 112 jenis layanan
dari 18 instansi, antara lain layanan administrasi kependudukan, perizinan berusaha, perpajakan, kepolisian,
BPJS dan perbankan, dalam satu gedung.</p>
<p>Dalam sambutannya, Bupati berharap kehadiran MPP memangkas waktu dan jarak tempuh warga yang selama ini harus
mendatangi kantor yang berbeda-beda. &ldquo;Warga dari Labuhan Maringgai atau Way Jepara tidak perlu lagi bolak-balik.
Semua ada di sini,&rdquo; ujarnya.</p>
<p>Pada hari peresmian, pengunjung mendapat layanan cek kesehatan gratis dan pembagian bibit tanaman dari Dinas
Pertanian. Ratusan warga memanfaatkan kesempatan itu untuk mengurus dokumen kependudukan dan perizinan.</p>
<p>Kepala DPMPTSP menambahkan bahwa MPP dilengkapi ruang laktasi, ruang bermain anak, kursi roda dan jalur
khusus bagi penyandang disabilitas.</p>
""", "single single-post"),
        "/internal/draf-standar-pelayanan-kesbangpol.html": ("DRAF Standar Pelayanan Rekomendasi Izin Penelitian", """
<p><strong>DRAF &ndash; UNTUK REVIU INTERNAL, BELUM DITETAPKAN.</strong></p>
<h2>Rekomendasi Izin Penelitian</h2>
<table><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead><tbody>
<tr><td>1</td><td>Persyaratan</td><td><ol><li>Surat pengantar dari perguruan tinggi/instansi;</li><li>Proposal penelitian;</li><li>Fotokopi KTP peneliti.</li></ol></td></tr>
<tr><td>2</td><td>Prosedur</td><td><ol><li>Pemohon menyerahkan berkas ke Badan Kesbangpol;</li><li>Verifikasi berkas;</li><li>Penerbitan surat rekomendasi.</li></ol></td></tr>
<tr><td>3</td><td>Jangka Waktu Penyelesaian</td><td>2 (dua) hari kerja.</td></tr>
<tr><td>4</td><td>Biaya/Tarif</td><td>Gratis.</td></tr>
<tr><td>5</td><td>Produk Pelayanan</td><td>Surat Rekomendasi Izin Penelitian.</td></tr>
</tbody></table>
"""),
    }


# --------------------------------------------------------------------------------------------------------
# Disdukcapil: a No | Komponen | Uraian table, a 14-component long form, an accordion, maklumat, pengaduan
# --------------------------------------------------------------------------------------------------------

DUKCAPIL_SITE = Site(
    host=DUKCAPIL, name="Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Timur", short="Disdukcapil Lampung Timur",
    address="Jl. Ir. Sutami Km. 3, Sukadana, Kabupaten Lampung Timur, Lampung 34194",
    phone="(0725) 625110", email="disdukcapil@lampungtimurkab.go.id",
    facebook="https://www.facebook.com/disdukcapil.lampungtimur", color="#1a4f8b",
    menu=[("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/layanan/"),
          ("Standar Pelayanan", "/standar-pelayanan/"), ("Maklumat", "/maklumat/"), ("PPID", f"{P}/ppid/"),
          ("Pengaduan", "/pengaduan/"), ("Berita", f"{P}/berita/"), ("Perangkat Daerah", OPD_MENU)],
)

DUKCAPIL_PENGADUAN_ROW = ("Penanganan Pengaduan, Saran dan Masukan",
    '<ol><li>SP4N-LAPOR! melalui <a href="https://www.lapor.go.id/">www.lapor.go.id</a> atau SMS 1708;</li>'
    '<li>WhatsApp Pengaduan Disdukcapil: <a href="https://wa.me/6281279005566">0812-7900-5566</a>;</li>'
    '<li>E-mail: <a href="mailto:pengaduan.disdukcapil@lampungtimurkab.go.id">pengaduan.disdukcapil@lampungtimurkab.go.id</a>;</li>'
    '<li>Kotak saran di ruang tunggu pelayanan.</li></ol>')


def komponen_table(rows: list[tuple[str, str]]) -> str:
    out = ['<table class="wp-block-table standar-pelayanan"><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead><tbody>']
    for number, (component, text) in enumerate(rows, start=1):
        out.append(f"<tr><td>{number}</td><td>{component}</td><td>{text}</td></tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def accordion_item(key: str, title: str, inner: str, shown: bool = False) -> str:
    return f"""<div class="accordion-item">
<h2 class="accordion-header" id="heading-{key}"><button class="accordion-button{'' if shown else ' collapsed'}" type="button" data-bs-toggle="collapse" data-bs-target="#collapse-{key}" aria-expanded="{'true' if shown else 'false'}" aria-controls="collapse-{key}">{title}</button></h2>
<div id="collapse-{key}" class="accordion-collapse collapse{' show' if shown else ''}" aria-labelledby="heading-{key}" data-bs-parent="#accordionStandar">
<div class="accordion-body">
{inner.strip()}
</div></div></div>"""


MAKLUMAT_TEXT = """<div class="maklumat box" style="text-align:center">
<h2>MAKLUMAT PELAYANAN</h2>
<p><strong>&ldquo;DENGAN INI KAMI MENYATAKAN SANGGUP MENYELENGGARAKAN PELAYANAN SESUAI STANDAR PELAYANAN YANG
TELAH DITETAPKAN DAN APABILA TIDAK MENEPATI JANJI INI, KAMI SIAP MENERIMA SANKSI SESUAI PERATURAN
PERUNDANG-UNDANGAN YANG BERLAKU.&rdquo;</strong></p>
<p>Sukadana, {date}<br>{signer_title},</p>
<p><br><strong><u>{signer}</u></strong><br>NIP. {nip}</p>
</div>"""


def dukcapil_pages() -> dict[str, tuple]:
    akta_kelahiran = komponen_table([
        ("Persyaratan", "<ol><li>Surat keterangan kelahiran dari rumah sakit, puskesmas, bidan atau kepala desa;</li>"
                        "<li>Kartu Keluarga (KK) asli tempat anak akan didaftarkan;</li>"
                        "<li>Fotokopi buku nikah/akta perkawinan orang tua yang dilegalisir;</li>"
                        "<li>KTP-el kedua orang tua;</li>"
                        "<li>Formulir F-2.01 yang telah diisi dan ditandatangani pemohon.</li></ol>"),
        ("Sistem, Mekanisme dan Prosedur", "<ol><li>Pemohon mengambil nomor antrean dan menyerahkan berkas di loket pencatatan sipil;</li>"
                        "<li>Petugas memverifikasi dan memvalidasi berkas;</li>"
                        "<li>Data direkam ke dalam SIAK dan akta dicetak;</li>"
                        "<li>Akta ditandatangani secara elektronik oleh Kepala Dinas;</li>"
                        "<li>Akta diserahkan kepada pemohon atau dikirim melalui e-mail.</li></ol>"),
        ("Jangka Waktu Penyelesaian", "1 (satu) hari kerja setelah berkas dinyatakan lengkap."),
        ("Biaya/Tarif", "Tidak dipungut biaya (Rp 0,-)."),
        ("Produk Pelayanan", "Kutipan Akta Kelahiran."),
        DUKCAPIL_PENGADUAN_ROW,
    ])
    akta_kematian = komponen_table([
        ("Dasar Hukum", "<ol><li>Undang-Undang Nomor 24 Tahun 2013 tentang Perubahan atas Undang-Undang Nomor 23 Tahun 2006 tentang Administrasi Kependudukan;</li>"
                        "<li>Peraturan Presiden Nomor 96 Tahun 2018 tentang Persyaratan dan Tata Cara Pendaftaran Penduduk dan Pencatatan Sipil;</li>"
                        "<li>Peraturan Menteri Dalam Negeri Nomor 108 Tahun 2019.</li></ol>"),
        ("Persyaratan", "<ol><li>Surat keterangan kematian dari rumah sakit, puskesmas atau kepala desa/lurah;</li>"
                        "<li>Kartu Keluarga (KK) dan KTP-el almarhum/almarhumah;</li>"
                        "<li>KTP-el pelapor;</li>"
                        "<li>Formulir F-2.01.</li></ol>"
                        "<p>Kematian wajib dilaporkan oleh keluarga paling lambat 30 (tiga puluh) hari sejak tanggal kematian.</p>"),
        ("Sistem, Mekanisme dan Prosedur", "<ol><li>Pelapor menyerahkan berkas di loket pencatatan sipil atau melalui desa;</li>"
                        "<li>Petugas memverifikasi berkas;</li><li>Petugas merekam data dan mencetak akta kematian;</li>"
                        "<li>Kartu Keluarga diperbarui;</li><li>Akta kematian dan KK baru diserahkan kepada pelapor.</li></ol>"),
        ("Jangka Waktu Penyelesaian", "3 (tiga) hari kerja sejak berkas diterima lengkap."),
        ("Biaya/Tarif", "Gratis."),
        ("Produk Pelayanan", "Kutipan Akta Kematian dan Kartu Keluarga yang telah diperbarui."),
        DUKCAPIL_PENGADUAN_ROW,
        ("Sarana, Prasarana dan/atau Fasilitas", "Ruang tunggu ber-AC, nomor antrean, loket pelayanan, komputer dan printer, kursi roda, toilet disabilitas."),
        ("Kompetensi Pelaksana", "Memahami peraturan administrasi kependudukan dan mampu mengoperasikan SIAK."),
        ("Pengawasan Internal", "Dilakukan oleh Kepala Bidang Pelayanan Pencatatan Sipil dan Inspektorat."),
        ("Jumlah Pelaksana", "3 (tiga) orang."),
        ("Jaminan Pelayanan", "Pelayanan dilaksanakan sesuai standar pelayanan yang ditetapkan dan tanpa pungutan liar."),
        ("Jaminan Keamanan dan Keselamatan Pelayanan", "Kerahasiaan data penduduk dijamin; gedung dilengkapi APAR dan jalur evakuasi."),
        ("Evaluasi Kinerja Pelaksana", "Survei kepuasan masyarakat setiap semester dan evaluasi kinerja bulanan."),
    ])
    ktp = """<h3>Persyaratan</h3><ol><li>Telah berusia 17 tahun, sudah kawin atau pernah kawin;</li><li>Fotokopi Kartu Keluarga (KK);</li></ol>
<h3>Prosedur</h3><ol><li>Pemohon datang ke loket perekaman dengan membawa KK;</li><li>Petugas melakukan perekaman sidik jari, iris mata, foto dan tanda tangan;</li><li>KTP-el dicetak dan diserahkan kepada pemohon.</li></ol>
<p><strong>Jangka Waktu Penyelesaian:</strong> 15 (lima belas) menit.</p>
<p><strong>Biaya:</strong> Gratis, tidak dipungut biaya.</p>
<p><strong>Produk Pelayanan:</strong> KTP-el.</p>"""
    kk = """<h3>Persyaratan</h3><ol><li>Surat pengantar RT/RW dan kepala desa;</li><li>Kartu Keluarga lama;</li><li>Fotokopi buku nikah/akta perkawinan (untuk KK baru);</li><li>Formulir F-1.02.</li></ol>
<h3>Prosedur</h3><ol><li>Pemohon menyerahkan berkas di loket;</li><li>Petugas memverifikasi dan merekam perubahan data di SIAK;</li><li>Kartu Keluarga dicetak dan diserahkan.</li></ol>
<p><strong>Jangka Waktu Penyelesaian:</strong> Selesai di tempat (saat itu juga).</p>
<p><strong>Biaya:</strong> Gratis.</p>
<p><strong>Produk Pelayanan:</strong> Kartu Keluarga.</p>"""
    pindah = """<h3>Persyaratan</h3><ol><li>Kartu Keluarga asli;</li><li>KTP-el pemohon;</li><li>Formulir F-1.03 (pindah) yang ditandatangani pemohon.</li></ol>
<h3>Prosedur</h3><ol><li>Pemohon menyerahkan berkas di loket pindah datang;</li><li>Petugas memverifikasi dan memproses data kepindahan di SIAK;</li><li>Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI) dicetak dan diserahkan.</li></ol>
<p><strong>Jangka Waktu Penyelesaian:</strong> 2 (dua) jam.</p>
<p><strong>Biaya:</strong> Tidak dipungut biaya.</p>
<p><strong>Produk Pelayanan:</strong> Surat Keterangan Pindah Warga Negara Indonesia (SKPWNI).</p>"""
    return {
        "/": ("Beranda", """
<p><strong>Selamat datang di situs resmi Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Timur.</strong>
Kami melayani pendaftaran penduduk dan pencatatan sipil bagi seluruh warga Lampung Timur.</p>
<div class="box"><h2>Layanan Kami</h2><ul>
<li><a href="/standar-pelayanan/">Standar Pelayanan KTP-el, Kartu Keluarga dan Pindah Datang</a></li>
<li><a href="/layanan/akta-kelahiran.html">Akta Kelahiran</a></li>
<li><a href="/layanan/akta-kematian.html">Akta Kematian</a></li>
<li><a href="/maklumat/">Maklumat Pelayanan</a></li>
<li><a href="/pengaduan/">Pengaduan</a></li></ul></div>
<h2>Berita Disdukcapil</h2>
<article class="post-excerpt"><h3><a href="/berita/2024/02/disdukcapil-jemput-bola-perekaman-ktp-el.html">Disdukcapil Jemput Bola Perekaman KTP-el di Sekolah</a></h3>
<p class="entry-meta">8 Februari 2024</p><p>Disdukcapil Lampung Timur menggelar perekaman KTP-el bagi siswa kelas XII&hellip;</p></article>
<p>Cek status dokumen Anda melalui aplikasi <a href="https://play.google.com/store/apps/details?id=id.go.lampungtimurkab.dukcapil">Dukcapil Lamtim Online</a>.</p>
"""),
        "/profil/": ("Profil Dinas", """
<h2>Tugas Pokok dan Fungsi</h2>
<p>Dinas Kependudukan dan Pencatatan Sipil mempunyai tugas membantu Bupati melaksanakan urusan pemerintahan di
bidang administrasi kependudukan dan pencatatan sipil, meliputi pendaftaran penduduk, pencatatan sipil,
pengelolaan informasi administrasi kependudukan serta pemanfaatan data.</p>
<h2>Struktur Organisasi</h2>
<ul><li>Kepala Dinas</li><li>Sekretariat</li><li>Bidang Pelayanan Pendaftaran Penduduk</li>
<li>Bidang Pelayanan Pencatatan Sipil</li><li>Bidang Pengelolaan Informasi Administrasi Kependudukan</li>
<li>Bidang Pemanfaatan Data dan Inovasi Pelayanan</li></ul>
<h2>Motto Pelayanan</h2><p>&ldquo;Cepat, Tepat, Akurat, Tanpa Pungli&rdquo;</p>
"""),
        "/layanan/": ("Jenis Layanan", """
<p>Jenis layanan administrasi kependudukan yang diselenggarakan Disdukcapil Kabupaten Lampung Timur:</p>
<h2>Pendaftaran Penduduk</h2>
<ul><li><a href="/standar-pelayanan/#collapse-ktp">Penerbitan KTP-el</a></li>
<li><a href="/standar-pelayanan/#collapse-kk">Penerbitan Kartu Keluarga</a></li>
<li><a href="/standar-pelayanan/#collapse-pindah">Surat Keterangan Pindah</a></li>
<li><a href="/layanan/kartu-identitas-anak.html">Kartu Identitas Anak (KIA)</a></li></ul>
<h2>Pencatatan Sipil</h2>
<ul><li><a href="/layanan/akta-kelahiran.html">Akta Kelahiran</a></li>
<li><a href="/layanan/akta-kematian.html">Akta Kematian</a></li></ul>
<p>Revisi standar pelayanan tahun 2025 sedang disusun (<a href="/internal/revisi-standar-pelayanan-2025.html">draf internal</a>).</p>
"""),
        "/layanan/akta-kelahiran.html": ("Standar Pelayanan Penerbitan Akta Kelahiran", f"""
<p>Standar pelayanan ini ditetapkan dengan Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Kabupaten
Lampung Timur Nomor 470/88/SK/DISDUKCAPIL/2023.</p>
{akta_kelahiran}
<p><em>Pelayanan penerbitan akta kelahiran juga dapat diajukan secara daring melalui aplikasi Dukcapil Lamtim Online.</em></p>
""", "page", [("Layanan", "/layanan/"), ("Akta Kelahiran", None)]),
        "/layanan/akta-kematian.html": ("Standar Pelayanan Penerbitan Akta Kematian", f"""
<p>Standar pelayanan penerbitan akta kematian pada Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung
Timur, disusun sesuai Peraturan Menteri PANRB Nomor 15 Tahun 2014 tentang Pedoman Standar Pelayanan.</p>
{akta_kematian}
""", "page", [("Layanan", "/layanan/"), ("Akta Kematian", None)]),
        "/standar-pelayanan/": ("Standar Pelayanan Pendaftaran Penduduk", f"""
<p>Klik nama layanan untuk melihat standar pelayanannya.</p>
<div class="accordion" id="accordionStandar">
{accordion_item("ktp", "1. Penerbitan KTP-el", ktp, shown=True)}
{accordion_item("kk", "2. Penerbitan Kartu Keluarga (KK)", kk)}
{accordion_item("pindah", "3. Surat Keterangan Pindah (Pindah Datang)", pindah)}
</div>
<div class="box"><p><strong>Pengaduan:</strong> SP4N-LAPOR! (<a href="https://www.lapor.go.id/">www.lapor.go.id</a>),
WhatsApp <a href="https://wa.me/6281279005566">0812-7900-5566</a>, atau kotak saran di ruang pelayanan.</p></div>
<p>Standar pelayanan akta: <a href="/layanan/akta-kelahiran.html">Akta Kelahiran</a> &middot; <a href="/layanan/akta-kematian.html">Akta Kematian</a>.</p>
"""),
        "/maklumat/": ("Maklumat Pelayanan", MAKLUMAT_TEXT.format(
            date="2 Januari 2024", signer_title="Kepala Dinas Kependudukan dan Pencatatan Sipil<br>Kabupaten Lampung Timur",
            signer="Drs. HENDRA WIJAYA, M.M.", nip="19700312 199403 1 007")),
        "/pengaduan/": ("Pengaduan Layanan", """
<p>Masyarakat dapat menyampaikan pengaduan, saran dan masukan atas pelayanan administrasi kependudukan melalui:</p>
<ul><li>SP4N-LAPOR!: <a href="https://www.lapor.go.id/">www.lapor.go.id</a> atau SMS 1708;</li>
<li>WhatsApp Pengaduan: <a href="https://wa.me/6281279005566">0812-7900-5566</a>;</li>
<li>E-mail: <a href="mailto:pengaduan.disdukcapil@lampungtimurkab.go.id">pengaduan.disdukcapil@lampungtimurkab.go.id</a>;</li>
<li>Kotak saran di ruang tunggu pelayanan;</li>
<li>Meja pengaduan di lobi kantor Disdukcapil.</li></ul>
<p>Pengaduan dijawab paling lambat 3 hari kerja. Hasil survei kepuasan masyarakat diumumkan setiap semester.</p>
"""),
        "/berita/2024/02/disdukcapil-jemput-bola-perekaman-ktp-el.html": ("Disdukcapil Jemput Bola Perekaman KTP-el di Sekolah", """
<p class="entry-meta">Kamis, 8 Februari 2024 &middot; Admin Disdukcapil</p>
<p><strong>SUKADANA</strong> &ndash; Dinas Kependudukan dan Pencatatan Sipil Kabupaten Lampung Timur menggelar
program jemput bola perekaman KTP-el bagi siswa kelas XII di 12 SMA dan SMK. Sebanyak 1.480 siswa yang telah
berusia 17 tahun direkam datanya agar dapat menggunakan hak pilih.</p>
<p>Kepala Dinas menjelaskan, kegiatan jemput bola merupakan salah satu inovasi untuk meningkatkan cakupan
kepemilikan KTP-el di Lampung Timur yang kini mencapai 98,6 persen. &ldquo;Kami ingin pelayanan yang mendekat ke
masyarakat, sesuai standar pelayanan dan maklumat yang sudah kami tetapkan,&rdquo; ujarnya.</p>
<p>Selain perekaman, petugas juga menyosialisasikan aplikasi Dukcapil Lamtim Online serta Identitas
Kependudukan Digital (IKD) kepada para guru.</p>
""", "single single-post", [("Berita", f"{P}/berita/"), ("Jemput Bola Perekaman KTP-el", None)]),
        "/internal/revisi-standar-pelayanan-2025.html": ("DRAF Standar Pelayanan Kartu Identitas Anak (KIA) 2025", """
<p><strong>DRAF INTERNAL &ndash; JANGAN DIPUBLIKASIKAN.</strong></p>
<h2>Kartu Identitas Anak (KIA)</h2>
""" + komponen_table([
            ("Persyaratan", "<ol><li>Fotokopi kutipan akta kelahiran anak;</li><li>Kartu Keluarga asli;</li><li>KTP-el kedua orang tua;</li><li>Pas foto anak 2x3 (usia di atas 5 tahun).</li></ol>"),
            ("Sistem, Mekanisme dan Prosedur", "<ol><li>Orang tua menyerahkan berkas di loket;</li><li>Verifikasi dan pencetakan KIA;</li><li>KIA diserahkan.</li></ol>"),
            ("Jangka Waktu Penyelesaian", "30 (tiga puluh) menit."),
            ("Biaya/Tarif", "Gratis."),
            ("Produk Pelayanan", "Kartu Identitas Anak (KIA)."),
        ])),
    }


# --------------------------------------------------------------------------------------------------------
# DPMPTSP: the standard is a PDF (SK Kepala Dinas) linked from an HTML page; maklumat; pengaduan
# --------------------------------------------------------------------------------------------------------

DPMPTSP_SITE = Site(
    host=DPMPTSP, name="Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu Kabupaten Lampung Timur",
    short="DPMPTSP Lampung Timur",
    address="Gedung Mal Pelayanan Publik, Jl. Buay Subing, Sukadana, Kabupaten Lampung Timur, Lampung 34194",
    phone="(0725) 625120", email="dpmptsp@lampungtimurkab.go.id",
    facebook="https://www.facebook.com/dpmptsp.lampungtimur", color="#8a5a00",
    menu=[("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/layanan/"),
          ("Standar Pelayanan", "/standar-pelayanan/"), ("Maklumat", "/maklumat/"), ("PPID", f"{P}/ppid/"),
          ("Pengaduan", "/pengaduan/"), ("Berita", f"{P}/berita/"), ("Perangkat Daerah", OPD_MENU)],
)

SK_PDF = "/wp-content/uploads/2023/06/SK-Standar-Pelayanan-DPMPTSP-2023.pdf"


def dpmptsp_pages() -> dict[str, tuple]:
    return {
        "/": ("Beranda", """
<p><strong>Selamat datang di situs DPMPTSP Kabupaten Lampung Timur.</strong> Kami menyelenggarakan pelayanan
perizinan dan non perizinan secara terpadu di Mal Pelayanan Publik (MPP) Sukadana, serta mendampingi pelaku
usaha mengurus perizinan berusaha berbasis risiko melalui sistem OSS.</p>
<div class="box"><ul><li><a href="/layanan/">Jenis Layanan Perizinan</a></li>
<li><a href="/standar-pelayanan/">Standar Pelayanan</a></li>
<li><a href="/maklumat/">Maklumat Pelayanan</a></li>
<li><a href="/pengaduan/">Pengaduan</a></li></ul></div>
<p>Sistem perizinan nasional: <a href="https://oss.go.id/">OSS RBA</a> &middot; <a href="https://simbg.pu.go.id/">SIMBG</a></p>
"""),
        "/profil/": ("Profil DPMPTSP", """
<h2>Tugas dan Fungsi</h2>
<p>DPMPTSP melaksanakan urusan pemerintahan bidang penanaman modal serta penyelenggaraan pelayanan terpadu satu
pintu, meliputi perencanaan dan promosi penanaman modal, pelayanan perizinan dan non perizinan, pengendalian
pelaksanaan penanaman modal, serta pengelolaan data dan sistem informasi perizinan.</p>
<h2>Mal Pelayanan Publik</h2>
<p>Sejak Mei 2024 pelayanan DPMPTSP berlokasi di Gedung Mal Pelayanan Publik, bersama layanan dari 18 instansi
pusat dan daerah.</p>
"""),
        "/layanan/": ("Jenis Layanan Perizinan dan Non Perizinan", """
<p>Layanan perizinan yang diselenggarakan DPMPTSP Kabupaten Lampung Timur:</p>
<table><thead><tr><th>No</th><th>Jenis Layanan</th><th>Keterangan</th></tr></thead><tbody>
<tr><td>1</td><td>Persetujuan Bangunan Gedung (PBG)</td><td>melalui SIMBG</td></tr>
<tr><td>2</td><td>Izin Penyelenggaraan Reklame</td><td>loket MPP</td></tr>
<tr><td>3</td><td>Nomor Induk Berusaha (NIB)</td><td>pendampingan OSS RBA</td></tr>
<tr><td>4</td><td>Surat Izin Praktik Tenaga Kesehatan</td><td>rekomendasi Dinas Kesehatan</td></tr>
</tbody></table>
<p>Persyaratan, prosedur, waktu penyelesaian dan biaya setiap layanan tercantum dalam <a href="/standar-pelayanan/">Standar Pelayanan DPMPTSP</a>.</p>
"""),
        "/standar-pelayanan/": ("Standar Pelayanan DPMPTSP", f"""
<p>Standar pelayanan DPMPTSP Kabupaten Lampung Timur ditetapkan dengan Keputusan Kepala DPMPTSP Nomor
503/112/SK/DPMPTSP/2023 tentang Standar Pelayanan pada Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu
Kabupaten Lampung Timur, meliputi layanan Persetujuan Bangunan Gedung (PBG), Izin Penyelenggaraan Reklame dan
Nomor Induk Berusaha (NIB).</p>
<div class="wp-block-file"><a href="{SK_PDF}">SK Standar Pelayanan DPMPTSP Tahun 2023</a>
<a href="{SK_PDF}" class="wp-block-file__button" download>Unduh (PDF, 7 KB)</a></div>
<p>Arsip: <a href="/wp-content/uploads/2022/05/SK-Standar-Pelayanan-DPMPTSP-2022.pdf">SK Standar Pelayanan Tahun 2022</a> (PDF)</p>
"""),
        "/maklumat/": ("Maklumat Pelayanan", MAKLUMAT_TEXT.format(
            date="12 Juni 2023", signer_title="Kepala Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu<br>Kabupaten Lampung Timur",
            signer="Ir. BAMBANG SETIAWAN, M.T.", nip="19720415 199803 1 004")),
        "/pengaduan/": ("Pengaduan", """
<p>Sampaikan pengaduan, saran dan masukan atas pelayanan perizinan melalui saluran berikut:</p>
<table><thead><tr><th>Saluran</th><th>Alamat</th></tr></thead><tbody>
<tr><td>SP4N-LAPOR!</td><td><a href="https://www.lapor.go.id/">www.lapor.go.id</a></td></tr>
<tr><td>WhatsApp Pengaduan</td><td><a href="https://wa.me/6281279004455">0812-7900-4455</a></td></tr>
<tr><td>E-mail</td><td><a href="mailto:pengaduan.dpmptsp@lampungtimurkab.go.id">pengaduan.dpmptsp@lampungtimurkab.go.id</a></td></tr>
<tr><td>Langsung</td><td>Meja pengaduan dan kotak saran di lantai 1 Mal Pelayanan Publik</td></tr>
</tbody></table>
"""),
    }


# --------------------------------------------------------------------------------------------------------
# Dinas Sosial: one wide table (a row per service); no maklumat, no complaints channel of its own
# --------------------------------------------------------------------------------------------------------

DINSOS_SITE = Site(
    host=DINSOS, name="Dinas Sosial Kabupaten Lampung Timur", short="Dinas Sosial Lampung Timur",
    address="Jl. Lintas Timur No. 17, Sukadana, Kabupaten Lampung Timur, Lampung 34194",
    phone="(0725) 625140", email="dinsos@lampungtimurkab.go.id",
    facebook="https://www.facebook.com/dinsos.lampungtimur", color="#a02b2b",
    menu=[("Beranda", "/"), ("Profil", f"{P}/perangkat-daerah/"), ("Layanan", "/layanan/"),
          ("Standar Pelayanan", "/standar-pelayanan/"), ("Maklumat", "/maklumat/"), ("PPID", f"{P}/ppid/"),
          ("Pengaduan", f"{P}/pengaduan/"), ("Berita", "/berita/"), ("Perangkat Daerah", OPD_MENU)],
)


def dinsos_pages() -> dict[str, tuple]:
    return {
        "/": ("Beranda", """
<p><strong>Dinas Sosial Kabupaten Lampung Timur</strong> melaksanakan urusan pemerintahan bidang sosial: pemberdayaan
sosial, rehabilitasi sosial, perlindungan dan jaminan sosial, serta penanganan fakir miskin.</p>
<ul><li><a href="/standar-pelayanan/">Standar Pelayanan</a></li><li><a href="/layanan/">Program dan Layanan</a></li>
<li><a href="/berita/">Berita</a></li></ul>
<p>Cek status kepesertaan bantuan sosial di <a href="https://cekbansos.kemensos.go.id/">cekbansos.kemensos.go.id</a>.</p>
"""),
        "/layanan/": ("Program dan Layanan", """
<h2>Program Keluarga Harapan (PKH)</h2>
<p>Bantuan sosial bersyarat bagi keluarga miskin yang terdaftar dalam DTKS. Pendamping PKH tersedia di setiap
kecamatan.</p>
<h2>Bantuan Pangan Non Tunai (BPNT)</h2>
<p>Keluarga penerima manfaat mendapat bantuan pangan secara gratis setiap bulan melalui e-warong.</p>
<h2>Rehabilitasi Sosial</h2>
<p>Pendampingan lansia terlantar, penyandang disabilitas dan anak berhadapan dengan hukum.</p>
<p>Standar pelayanan Dinas Sosial: <a href="/standar-pelayanan/">lihat di sini</a>. Informasi PKH selengkapnya
<a href="/layanan/pkh/">di halaman PKH</a>.</p>
"""),
        "/standar-pelayanan/": ("Standar Pelayanan Dinas Sosial", """
<p>Standar pelayanan pada Dinas Sosial Kabupaten Lampung Timur Tahun 2024.</p>
<div class="table-responsive"><table class="table table-bordered table-striped">
<thead><tr><th>No</th><th>Jenis Layanan</th><th>Persyaratan</th><th>Waktu</th><th>Biaya</th><th>Produk</th></tr></thead>
<tbody>
<tr><td>1</td><td>Pendaftaran dan Pengusulan Data Terpadu Kesejahteraan Sosial (DTKS)</td>
<td>1. Fotokopi KTP-el dan Kartu Keluarga;<br>2. Surat keterangan tidak mampu dari desa;<br>3. Hasil musyawarah desa.</td>
<td>14 HK</td><td>Gratis</td><td>Terdaftar dalam DTKS</td></tr>
<tr><td>2</td><td>Rekomendasi Penerima Bantuan Iuran Jaminan Kesehatan (PBI-JK)</td>
<td>1. Fotokopi KTP-el dan KK;<br>2. Terdaftar dalam DTKS;<br>3. Surat pengantar dari desa/kelurahan.</td>
<td>1 (satu) hari kerja</td><td>Tidak dipungut biaya</td><td>Surat Rekomendasi PBI-JK</td></tr>
<tr><td>3</td><td>Rekomendasi Izin Pengumpulan Uang atau Barang (PUB)</td>
<td>1. Surat permohonan dari lembaga/panitia;<br>2. Akta pendirian lembaga;<br>3. Surat pernyataan bermaterai Rp 10.000 tentang penggunaan hasil pengumpulan.</td>
<td>7 (tujuh) hari kerja</td><td>Rp 0,-</td><td>Surat Rekomendasi PUB</td></tr>
<tr><td>4</td><td>Rekomendasi Keringanan Biaya Pengobatan bagi Warga Tidak Mampu</td>
<td>1. Fotokopi KTP-el dan KK;<br>2. Surat keterangan tidak mampu dari desa;<br>3. Surat rujukan rumah sakit.</td>
<td>2 (dua) jam</td><td>Gratis</td><td>Surat Rekomendasi Keringanan Biaya</td></tr>
</tbody></table></div>
"""),
        "/maklumat/": ("Maklumat Pelayanan", """
<p>Maklumat pelayanan Dinas Sosial Kabupaten Lampung Timur sedang dalam proses penetapan dan akan segera
dipublikasikan.</p>
"""),
        "/berita/": ("Berita", """
<article class="post-excerpt"><h2><a href="/berita/2024/04/dinsos-salurkan-bantuan-sembako.html">Dinas Sosial Salurkan Bantuan Sembako bagi Lansia</a></h2>
<p class="entry-meta">22 April 2024</p><p>Dinas Sosial Kabupaten Lampung Timur menyalurkan bantuan paket sembako&hellip;</p></article>
"""),
        "/berita/2024/04/dinsos-salurkan-bantuan-sembako.html": ("Dinas Sosial Salurkan Bantuan Sembako bagi Lansia", """
<p class="entry-meta">Senin, 22 April 2024 &middot; Admin Dinsos</p>
<p><strong>SUKADANA</strong> &ndash; Dinas Sosial Kabupaten Lampung Timur menyalurkan 850 paket sembako kepada lansia
terlantar dan penyandang disabilitas di 6 kecamatan. Bantuan diberikan secara gratis dan diantar langsung ke
rumah penerima oleh pendamping sosial.</p>
<p>Kepala Dinas Sosial menyampaikan bahwa penerima bantuan dipilih berdasarkan Data Terpadu Kesejahteraan Sosial
(DTKS) yang diperbarui setiap bulan. Warga yang belum terdaftar diimbau melapor ke pemerintah desa setempat.</p>
""", "single single-post", [("Berita", "/berita/"), ("Bantuan Sembako", None)]),
    }


# --------------------------------------------------------------------------------------------------------
# Dinas Kesehatan: one service with only persyaratan and biaya (the flow chart is an image); contact page
# --------------------------------------------------------------------------------------------------------

DINKES_SITE = Site(
    host=DINKES, name="Dinas Kesehatan Kabupaten Lampung Timur", short="Dinkes Lampung Timur",
    address="Jl. Pramuka No. 5, Sukadana, Kabupaten Lampung Timur, Lampung 34194",
    phone="(0725) 625150", email="dinkes@lampungtimurkab.go.id",
    facebook="https://www.facebook.com/dinkes.lampungtimur", color="#137a7a",
    portal_link="http://www.lampungtimurkab.go.id/",
    menu=[("Beranda", "/"), ("Profil", "/profil/"), ("Layanan", "/layanan/"),
          ("Kontak & Pengaduan", "/kontak/"), ("Berita", f"{P}/berita/"), ("Perangkat Daerah", OPD_MENU)],
)

ALUR_PNG = "/wp-content/uploads/2023/08/alur-pelayanan-labkesda.png"


def dinkes_pages() -> dict[str, tuple]:
    return {
        "/": ("Beranda", """
<p><strong>Dinas Kesehatan Kabupaten Lampung Timur</strong> &ndash; mewujudkan masyarakat Lampung Timur yang sehat
dan mandiri. Dinas Kesehatan membina 34 puskesmas, Laboratorium Kesehatan Daerah (Labkesda) dan Instalasi
Farmasi Kabupaten.</p>
<ul><li><a href="/layanan/">Layanan</a></li><li><a href="/kontak/">Kontak &amp; Pengaduan</a></li></ul>
<p>Informasi vaksinasi dan kesehatan nasional: <a href="https://sehatnegeriku.kemkes.go.id/">Sehat Negeriku</a>.</p>
"""),
        "/profil/": ("Profil Dinas Kesehatan", """
<h2>Visi</h2><p>&ldquo;Masyarakat Lampung Timur sehat, mandiri dan berkeadilan.&rdquo;</p>
<h2>Unit Pelaksana Teknis</h2>
<ul><li>34 Puskesmas (12 puskesmas rawat inap)</li><li>Laboratorium Kesehatan Daerah (Labkesda)</li>
<li>Instalasi Farmasi Kabupaten</li></ul>
"""),
        "/layanan/": ("Layanan Dinas Kesehatan", """
<ul><li><a href="/layanan/uji-laboratorium-kualitas-air.html">Uji Laboratorium Kualitas Air Minum (Labkesda)</a></li>
<li>Pelayanan kesehatan dasar di puskesmas: lihat papan informasi di masing-masing puskesmas.</li></ul>
"""),
        "/layanan/uji-laboratorium-kualitas-air.html": ("Uji Laboratorium Kualitas Air Minum", f"""
<p>Laboratorium Kesehatan Daerah (Labkesda) Kabupaten Lampung Timur melayani pemeriksaan kualitas air minum
dan air bersih bagi masyarakat, depot air minum isi ulang dan pelaku usaha.</p>
<h2>Persyaratan</h2>
<ol><li>Surat permohonan pemeriksaan;</li><li>Fotokopi KTP pemohon;</li>
<li>Sampel air minimal 2 liter dalam botol steril dari Labkesda.</li></ol>
<h2>Tarif</h2>
<p>Pemeriksaan parameter fisika dan kimia dasar: <strong>Rp 50.000,-</strong> per sampel.</p>
<h2>Alur Pelayanan</h2>
<p><img src="{ALUR_PNG}" alt="Infografis alur pelayanan Labkesda" width="480" height="240"></p>
""", "page", [("Layanan", "/layanan/"), ("Uji Laboratorium Kualitas Air Minum", None)]),
        "/kontak/": ("Kontak & Pengaduan", """
<p>Kantor Dinas Kesehatan Kabupaten Lampung Timur, Jl. Pramuka No. 5, Sukadana.</p>
<h2>Layanan Pengaduan</h2>
<p>Pengaduan, saran dan masukan tentang pelayanan kesehatan dapat disampaikan melalui WhatsApp Pengaduan
<a href="https://wa.me/6281379007788">0813-7900-7788</a>, e-mail
<a href="mailto:pengaduan.dinkes@lampungtimurkab.go.id">pengaduan.dinkes@lampungtimurkab.go.id</a>, atau
SP4N-LAPOR! di <a href="https://www.lapor.go.id/">www.lapor.go.id</a>.</p>
"""),
    }


# --------------------------------------------------------------------------------------------------------
# robots.txt, sitemap.xml, images, 404 pages, and writing it all out
# --------------------------------------------------------------------------------------------------------

ROBOTS = {
    PORTAL: f"""# robots.txt - Pemerintah Kabupaten Lampung Timur
User-agent: *
Disallow: /wp-admin/
Disallow: /admin/
Disallow: /internal/
Allow: /wp-admin/admin-ajax.php

Sitemap: http://{PORTAL}/sitemap.xml
""",
    DUKCAPIL: """User-agent: *
Disallow: /wp-admin/
Disallow: /internal/
Allow: /wp-admin/admin-ajax.php
""",
    DPMPTSP: """User-agent: *
Disallow: /wp-admin/
Allow: /wp-admin/admin-ajax.php
""",
    DINSOS: """User-agent: *
Disallow:
""",
    DINKES: """User-agent: GPTBot
Disallow: /

User-agent: *
Disallow: /wp-admin/
""",
}

# Listed in the portal's sitemap but linked from no page: only a crawler that reads sitemaps finds it.
SITEMAP_ONLY = ["/ppid/standar-layanan-informasi-publik.html"]
SITEMAP_LASTMOD = "2024-05-20"


def sitemap(host: str, paths: list[str]) -> str:
    entries = "\n".join(
        f"  <url><loc>http://{host}{p}</loc><lastmod>{SITEMAP_LASTMOD}</lastmod></url>" for p in paths)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
{entries}
</urlset>
"""


def png(width: int, height: int, pixel) -> bytes:
    """A minimal RGB PNG; pixel(x, y) -> (r, g, b). Deterministic bytes."""
    raw = b"".join(b"\x00" + b"".join(bytes(pixel(x, y)) for x in range(width)) for y in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def logo_pixel(x: int, y: int) -> tuple[int, int, int]:
    d = (x - 60) ** 2 + (y - 60) ** 2
    if d < 30 ** 2:
        return (240, 200, 40)      # gold centre
    if d < 56 ** 2:
        return (11, 110, 58)       # green shield
    return (255, 255, 255)


def flow_pixel(x: int, y: int) -> tuple[int, int, int]:
    """Four boxes joined by arrows: a flow chart with no text (what OCR would be needed for)."""
    for i in range(4):
        left = 16 + i * 118
        if left <= x < left + 90 and 80 <= y < 160:
            return (19, 122, 122) if (x in (left, left + 89) or y in (80, 159)) else (220, 240, 240)
        if left + 90 <= x < left + 118 and 118 <= y < 122 and i < 3:
            return (60, 60, 60)
    return (255, 255, 255)


SITES = [PORTAL_SITE, DUKCAPIL_SITE, DPMPTSP_SITE, DINSOS_SITE, DINKES_SITE]
PAGES = {PORTAL: portal_pages, DUKCAPIL: dukcapil_pages, DPMPTSP: dpmptsp_pages, DINSOS: dinsos_pages,
         DINKES: dinkes_pages}

NOT_FOUND_BODY = """<p>Maaf, halaman yang Anda cari tidak ditemukan. Mungkin halaman telah dipindahkan atau dihapus.</p>
<p><a href="/">Kembali ke beranda</a></p>"""


def file_for(path: str) -> str:
    """URL path -> file path under the host directory: `/x/` -> `x/index.html`."""
    return path.lstrip("/") + "index.html" if path.endswith("/") else path.lstrip("/")


def render_all() -> dict[str, bytes]:
    """Every generated file, keyed by its path under hosts/ (`host/dir/file`). The PDF is make_pdf's."""
    files: dict[str, bytes] = {}
    for site in SITES:
        pages = PAGES[site.host]()
        for path, spec in pages.items():
            title, body, body_class, crumbs = (list(spec) + [None, None])[:4]
            if crumbs is None and path != "/":
                crumbs = [(title, None)]
            text = render(site, path, title, body, crumbs, body_class or ("home" if path == "/" else "page"))
            files[f"{site.host}/{file_for(path)}"] = text.encode("utf-8")
        files[f"{site.host}/404.html"] = render(site, "/404.html", "Halaman Tidak Ditemukan", NOT_FOUND_BODY,
                                                [("404", None)], "error404").encode("utf-8")
        files[f"{site.host}/robots.txt"] = ROBOTS[site.host].encode("ascii")
        if site.host == PORTAL:
            listed = [p for p in pages if not p.startswith("/internal/")]
            files[f"{site.host}/sitemap.xml"] = sitemap(site.host, listed).encode("utf-8")
    files[f"{PORTAL}/wp-content/uploads/2021/03/logo-lampung-timur.png"] = png(120, 120, logo_pixel)
    files[f"{DINKES}{ALUR_PNG}"] = png(480, 240, flow_pixel)
    return files


def write(root: Path = HOSTS_DIR) -> int:
    files = render_all()
    for name, data in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    return len(files)


if __name__ == "__main__":  # pragma: no cover
    print(f"wrote {write()} files under {HOSTS_DIR}")

"""Segmentation into services, and negatives that must publish nothing."""

from extractors import build_page, extract
from extractors.model import COMPONENTS

SERVICES = ["Akta Kelahiran", "Akta Kematian", "Kartu Keluarga", "KTP-el", "Kartu Identitas Anak", "Surat Pindah",
            "Akta Perkawinan", "Akta Perceraian", "Pengesahan Anak", "Legalisir Dokumen", "Surat Datang",
            "Perubahan Data"]


def _html(body: str, title: str = "Layanan") -> bytes:
    return f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>".encode()


def test_wide_table_one_row_per_service():
    rows = "".join(
        f"<tr><td>{i + 1}</td><td>{name}</td><td>1. KTP<br>2. KK</td><td>{i + 1} hari kerja</td>"
        f"<td>{'Gratis' if i % 2 else 'Rp 10.000,-'}</td><td>{name}</td></tr>"
        for i, name in enumerate(SERVICES)
    )
    html = _html("<h1>Standar Pelayanan</h1><table><tr><th>No</th><th>Jenis Layanan</th><th>Persyaratan</th>"
                 f"<th>Waktu</th><th>Biaya</th><th>Produk</th></tr>{rows}</table>")
    result = extract(build_page("https://x.go.id/sp", html, "text/html"))
    assert [s.name for s in result.services] == SERVICES
    third = result.services[2]
    assert third.components == {"persyaratan": True, "prosedur": False, "waktu": True, "biaya": True,
                                "produk": True, "pengaduan": False}
    waktu = next(f for f in third.findings if f.component == "waktu")
    assert waktu.value["amount"] == 3 and waktu.locator == "table 1 row 4"
    biaya = [next(f for f in s.findings if f.component == "biaya").value["amount"] for s in result.services[:2]]
    assert biaya == [10000, 0]


def test_komponen_table_named_by_heading():
    html = _html("<h2>Standar Pelayanan Penerbitan Kartu Keluarga</h2><table>"
                 "<tr><th>No</th><th>Komponen</th><th>Uraian</th></tr>"
                 "<tr><td>1</td><td>Dasar Hukum</td><td>UU 24/2013; biaya Rp 5.000 denda</td></tr>"
                 "<tr><td>2</td><td>Persyaratan</td><td>1. Formulir F-1.01 2. Buku nikah</td></tr>"
                 "<tr><td>3</td><td>Sistem, Mekanisme dan Prosedur</td><td>Isi formulir; verifikasi; cetak</td></tr>"
                 "<tr><td>4</td><td>Jangka Waktu Penyelesaian</td><td>14 HK</td></tr>"
                 "<tr><td>5</td><td>Biaya/Tarif</td><td>Tidak dipungut biaya</td></tr>"
                 "<tr><td>6</td><td>Produk Pelayanan</td><td>Kartu Keluarga</td></tr>"
                 "<tr><td>7</td><td>Penanganan Pengaduan, Saran dan Masukan</td><td>SP4N-LAPOR! dan WA 081234567890</td></tr>"
                 "<tr><td>8</td><td>Jam Pelayanan</td><td>Senin-Jumat 08.00-15.00</td></tr>"
                 "</table>")
    result = extract(build_page("u", html, "text/html"))
    assert [s.name for s in result.services] == ["Penerbitan Kartu Keluarga"]
    service = result.services[0]
    assert all(service.components.values())
    values = {f.component: f.value for f in service.findings}
    assert values["persyaratan"]["items"] == ["Formulir F-1.01", "Buku nikah"]
    assert values["waktu"] == {"amount": 14, "unit": "working_days", "text": "14 HK"}
    assert values["biaya"]["free"] is True
    assert values["produk"]["name"] == "Kartu Keluarga"
    assert {c["type"] for c in values["pengaduan"]["channels"]} == {"lapor", "whatsapp"}
    assert not result.components["maklumat"]


def test_services_under_headings_and_accordions():
    html = _html(
        '<div class="accordion"><div class="card"><div class="card-header"><button>Surat Keterangan Usaha</button></div>'
        '<div class="collapse"><p>Persyaratan: KTP, KK</p><p>Biaya: Gratis</p></div></div>'
        '<div class="card"><div class="card-header"><button>Surat Keterangan Domisili</button></div>'
        '<div class="collapse"><p>Persyaratan: Pengantar RT</p><p>Waktu: 15 menit</p></div></div></div>')
    result = extract(build_page("u", html, "text/html"))
    assert [s.name for s in result.services] == ["Surat Keterangan Usaha", "Surat Keterangan Domisili"]
    assert result.services[1].components["waktu"] and not result.services[1].components["biaya"]


def test_maklumat_and_unit_complaints():
    html = _html("<h2>Maklumat Pelayanan</h2><p>Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai "
                 "standar pelayanan yang telah ditetapkan dan apabila tidak menepati janji ini, kami siap menerima "
                 "sanksi sesuai peraturan perundang-undangan yang berlaku.</p>"
                 "<h3>Layanan Pengaduan</h3><ul><li>WhatsApp: 0812-1111-2222</li><li>Email: aduan@contoh.go.id</li></ul>")
    result = extract(build_page("u", html, "text/html"))
    assert result.services == []
    assert result.components["maklumat"] and result.components["pengaduan"]
    assert {f.component for f in result.unit_findings} == {"maklumat", "pengaduan"}
    assert all(f.service is None for f in result.unit_findings)


NEGATIVES = {
    "news": _html(
        "<h1>Ombudsman Dorong OPD Lengkapi Standar Pelayanan</h1>"
        "<p>PRINGSEWU - Ombudsman RI Perwakilan Lampung mendorong seluruh OPD melengkapi standar pelayanan yang "
        "memuat persyaratan, prosedur, waktu penyelesaian, biaya dan produk pelayanan di website masing-masing.</p>"
        "<p>\"Pelayanan KTP harus selesai 1 hari kerja dan tidak dipungut biaya,\" ujarnya. Masyarakat dapat "
        "mengadu melalui SP4N-LAPOR! atau WhatsApp 0811-1453-737.</p>", "Berita"),
    "regulation": _html(
        "<h1>Peraturan Bupati tentang Pedoman Standar Pelayanan</h1><p>Pasal 3</p>"
        "<p>Komponen standar pelayanan sekurang-kurangnya meliputi:</p><ol>"
        "<li>persyaratan, yaitu syarat yang harus dipenuhi dalam pengurusan suatu jenis pelayanan;</li>"
        "<li>sistem, mekanisme dan prosedur, yaitu tata cara pelayanan yang dibakukan;</li>"
        "<li>jangka waktu penyelesaian, yaitu jangka waktu yang diperlukan untuk menyelesaikan seluruh proses;</li>"
        "<li>biaya/tarif, yaitu ongkos yang dikenakan kepada penerima layanan;</li>"
        "<li>produk pelayanan, yaitu hasil pelayanan yang diberikan;</li>"
        "<li>penanganan pengaduan, saran dan masukan, yaitu tata cara pelaksanaan penanganan pengaduan.</li></ol>"),
    "menu": _html(
        '<ul class="list"><li><a href="/persyaratan">Persyaratan</a></li><li><a href="/biaya">Biaya</a></li>'
        '<li><a href="/maklumat">Maklumat Pelayanan</a></li><li><a href="/pengaduan">Pengaduan</a></li></ul>'
        "<footer>Kontak: Telp (0721) 123456</footer>"),
    "profile": _html(
        "<h1>Profil Dinas</h1><h2>Visi</h2><p>Terwujudnya pelayanan publik yang prima.</p><h2>Misi</h2>"
        "<p>Meningkatkan kualitas pelayanan administrasi kependudukan.</p><p>Alamat: Jl. Raya No. 1, "
        "Telp. (0721) 123456</p>"),
}


def test_negatives_publish_nothing():
    for name, html in NEGATIVES.items():
        result = extract(build_page(f"https://x.go.id/{name}", html, "text/html"))
        assert result.components == {c: False for c in COMPONENTS}, (name, result.to_dict()["findings"])


def test_footer_phone_is_not_a_complaints_channel():
    html = _html("<h1>Layanan KTP</h1><p>Persyaratan: KK</p><div class='footer'>Telp (0721) 123456</div>")
    result = extract(build_page("u", html, "text/html"))
    assert result.components["persyaratan"] and not result.components["pengaduan"]


def test_finding_evidence():
    html = _html("<h1>Akta Kematian</h1><p>Biaya: Rp 0,-</p>")
    (finding,) = extract(build_page("https://x.go.id/akta", html, "text/html")).findings
    assert finding.url == "https://x.go.id/akta" and finding.service == "Akta Kematian"
    assert finding.snippet == "Biaya: Rp 0,-" and finding.locator == "block 2" and finding.source == "html"
    assert finding.value == {"amount": 0, "free": True, "regulation": None, "text": "Rp 0,-"}

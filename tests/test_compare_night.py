"""The multi-pemda test night (issue 13): six small pemda sites on 127.0.0.1 under real Lampung hostnames,
crawled with `pantau nightly`, then `pantau compare "Akta Kelahiran"`.

Each site publishes the Akta Kelahiran standard as the bundled sample site does (a `No | Komponen | Uraian`
table copied from its Disdukcapil page) with its own fee and time; one charges Rp 50.000 (the law makes it
free), one publishes two fees on two pages, one is hijacked with gambling spam pages, one sets its standard
with a 2016 decree."""

from __future__ import annotations

import json

import pytest
import yaml

from pantau.sample_server import SampleSite
from tests.helpers import rows, run_pantau

# The sample site's Akta Kelahiran rows (pantau/sample_site/hosts/disdukcapil.lampungtimurkab.go.id/layanan/
# akta-kelahiran.html): requirements, procedure, product and complaints stay; time and fee vary per pemda.
ROWS = {
    "Persyaratan": "<ol><li>Surat keterangan kelahiran dari rumah sakit, puskesmas, bidan atau kepala desa;</li>"
                   "<li>Kartu Keluarga (KK) asli tempat anak akan didaftarkan;</li><li>Fotokopi buku nikah/akta "
                   "perkawinan orang tua yang dilegalisir;</li><li>KTP-el kedua orang tua.</li></ol>",
    "Sistem, Mekanisme dan Prosedur": "<ol><li>Pemohon mengambil nomor antrean dan menyerahkan berkas di loket "
                                      "pencatatan sipil;</li><li>Petugas memverifikasi dan memvalidasi berkas;</li>"
                                      "<li>Data direkam ke dalam SIAK dan akta dicetak;</li><li>Akta diserahkan "
                                      "kepada pemohon.</li></ol>",
    "Jangka Waktu Penyelesaian": None,
    "Biaya/Tarif": None,
    "Produk Pelayanan": "Kutipan Akta Kelahiran.",
    "Penanganan Pengaduan, Saran dan Masukan": "<ol><li>SP4N-LAPOR! melalui www.lapor.go.id atau SMS 1708;</li>"
                                               "<li>WhatsApp Pengaduan Disdukcapil: 0812-7900-5566;</li></ol>",
}
SPAM = """<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">
<title>Slot Gacor Hari Ini Maxwin - Situs Slot Online RTP Live Terpercaya</title></head><body>
<h1>SLOT GACOR MAXWIN: Daftar Situs Slot Online Gampang Menang</h1>
<p>Bocoran pola gacor dan jam gacor hari ini, RTP live slot tertinggi, scatter hitam, maxwin x5000.
Deposit pulsa tanpa potongan, bonus new member 100%. Link alternatif slot88 login.</p>
<p>Togel online dan slot gacor terpercaya, rtp slot akurat, bocoran slot gacor malam ini.</p>
</body></html>"""


def standard_page(pemda: str, time: str, fee: str, decree: str) -> str:
    cells = {**ROWS, "Jangka Waktu Penyelesaian": time, "Biaya/Tarif": fee}
    body = "".join(f"<tr><td>{i}</td><td>{k}</td><td>{v}</td></tr>" for i, (k, v) in enumerate(cells.items(), 1))
    return f"""<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8">
<title>Standar Pelayanan Penerbitan Akta Kelahiran &#8211; Disdukcapil {pemda}</title></head><body>
<nav><a href="/">Beranda</a> <a href="/layanan/">Layanan</a></nav>
<h1>Standar Pelayanan Penerbitan Akta Kelahiran</h1>
<p>Standar pelayanan ini ditetapkan dengan {decree}.</p>
<table class="standar-pelayanan"><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead>
<tbody>{body}</tbody></table></body></html>"""


def fee_page(pemda: str, fee: str) -> str:
    """A second page of the same site that states Akta Kelahiran's fee again (a tariff list)."""
    return f"""<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8">
<title>Tarif Layanan Akta Kelahiran &#8211; Disdukcapil {pemda}</title></head><body>
<h1>Standar Pelayanan Akta Kelahiran (ringkas)</h1>
<table><thead><tr><th>No</th><th>Komponen</th><th>Uraian</th></tr></thead><tbody>
<tr><td>1</td><td>Biaya/Tarif</td><td>{fee}</td></tr>
<tr><td>2</td><td>Produk Pelayanan</td><td>Kutipan Akta Kelahiran.</td></tr>
</tbody></table></body></html>"""


def index_page(pemda: str, links: list[str]) -> str:
    items = "".join(f'<li><a href="{href}">{href}</a></li>' for href in links)
    return f"""<!DOCTYPE html><html lang="id-ID"><head><meta charset="UTF-8"><title>Pemerintah {pemda}</title></head>
<body><h1>Selamat datang di portal {pemda}</h1><ul>{items}</ul></body></html>"""


DECREE_NEW = "Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Nomor 470/88/SK/DISDUKCAPIL/2023"
DECREE_OLD = ("Keputusan Kepala Dinas Kependudukan dan Pencatatan Sipil Nomor 12 Tahun 2016 tentang Standar "
              "Pelayanan pada Dinas Kependudukan dan Pencatatan Sipil")
FREE = "Tidak dipungut biaya (Rp 0,-)."
# domain -> (name, time, fee, decree, extra pages)
PEMDA = {
    "metrokota.go.id": ("Kota Metro", "1 (satu) hari kerja setelah berkas dinyatakan lengkap.", FREE, DECREE_NEW, {}),
    "pringsewukab.go.id": ("Kabupaten Pringsewu", "3 (tiga) hari kerja.", FREE, DECREE_NEW, {}),
    "lampungbaratkab.go.id": ("Kabupaten Lampung Barat", "2 (dua) hari kerja.", "Rp 50.000,- per akta.", DECREE_NEW, {}),
    "waykanankab.go.id": ("Kabupaten Way Kanan", "1 (satu) hari kerja.", FREE, DECREE_NEW,
                          {"layanan/tarif-akta-kelahiran.html": fee_page("Way Kanan", "Rp 25.000,-")}),
    "tanggamuskab.go.id": ("Kabupaten Tanggamus", "1 (satu) hari kerja.", FREE, DECREE_NEW,
                           {"slot-gacor-maxwin.html": SPAM, "rtp-live-hari-ini.html": SPAM}),
    "mesujikab.go.id": ("Kabupaten Mesuji", "14 (empat belas) hari kerja.", FREE, DECREE_OLD, {}),
}

CODES = {"metrokota.go.id": "18.72", "pringsewukab.go.id": "18.10", "lampungbaratkab.go.id": "18.04",
         "waykanankab.go.id": "18.08", "tanggamuskab.go.id": "18.06", "mesujikab.go.id": "18.11"}  # Kemendagri


def html_of(extra: dict, path: str) -> str:
    return extra[path]


def make_sites(root):
    for domain, (name, time, fee, decree, extra) in PEMDA.items():
        site = root / domain
        (site / "layanan").mkdir(parents=True)
        (site / "layanan" / "akta-kelahiran.html").write_text(standard_page(name, time, fee, decree), encoding="utf-8")
        for path, html in extra.items():
            (site / path).write_text(html, encoding="utf-8")
        links = ["/layanan/akta-kelahiran.html", *(f"/{p}" for p in extra if html_of(extra, p) is not SPAM)]
        spam = [p for p in extra if html_of(extra, p) is SPAM]
        if spam:  # injected pages are linked from no page: search engines find them through the sitemap
            urls = "".join(f"<url><loc>http://{domain}/{p}</loc></url>" for p in ["", *spam])
            (site / "sitemap.xml").write_text(
                f'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">{urls}</urlset>',
                encoding="utf-8")
        (site / "index.html").write_text(index_page(name, links), encoding="utf-8")
        (site / "layanan" / "index.html").write_text(index_page(name, links), encoding="utf-8")
        (site / "robots.txt").write_text("User-agent: *\nDisallow:\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def night(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("compare_night")
    hosts = make_sites(tmp / "hosts")
    registry = tmp / "pemda.yaml"
    registry.write_text(yaml.safe_dump([
        {"id": CODES[domain], "name": name, "level": "kota" if "kota" in domain else "kabupaten",
         "province": "Lampung", "domain": domain, "verified": False, "start_urls": [f"http://{domain}/"]}
        for domain, (name, *_) in PEMDA.items()] + [
        {"id": "18", "name": "Provinsi Lampung", "level": "provinsi", "province": "Lampung",
         "domain": "lampungprov.go.id", "verified": False}], sort_keys=False), encoding="utf-8")
    only = [a for domain in PEMDA for a in ("--only", domain)]
    db = tmp / "night.db"
    with SampleSite(root=hosts) as site:
        resolve = [a for host, addr in site.resolve_map().items() for a in ("--resolve", f"{host}={addr}")]
        result = run_pantau("nightly", "--registry", str(registry), "--db", str(db), "--delay", "0", "--quiet",
                            "--json", *only, *resolve)
    assert result.returncode == 0, result.stderr[-3000:]
    runs = json.loads(result.stdout)["runs"]
    assert {r["pemda_id"] for r in runs} == set(PEMDA) and {r["status"] for r in runs} == {"finished"}
    return {"db": db, "runs": {r["pemda_id"]: r["id"] for r in runs}}


def flags_of(night, domain, kind):
    return rows(night["db"], "flags", "run_id = ? and kind = ?", [night["runs"][domain], kind])


def test_every_pemda_s_akta_kelahiran_is_matched_to_the_catalogue(night):
    matched = {r["run_id"] for r in rows(night["db"], "services", "catalogue_id = 'akta_kelahiran'")}
    assert matched == set(night["runs"].values())


def test_a_fee_for_an_adminduk_document_is_flagged_with_its_legal_basis(night):
    [flag] = flags_of(night, "lampungbaratkab.go.id", "fee_where_law_says_free")
    assert flag["severity"] == "high" and flag["catalogue_id"] == "akta_kelahiran"
    assert "Rp 50.000" in flag["message_id"] and "79A" in flag["message_id"] and "79A" in flag["message_en"]
    [evidence] = json.loads(flag["evidence"])
    assert evidence["url"] == "http://lampungbaratkab.go.id/layanan/akta-kelahiran.html"
    assert evidence["value"]["amount"] == 50000 and "50.000" in evidence["snippet"]
    finding = rows(night["db"], "findings", "id = ?", json.loads(flag["findings"]))[0]
    assert finding["component"] == "biaya"
    for free in ("metrokota.go.id", "pringsewukab.go.id", "mesujikab.go.id", "tanggamuskab.go.id"):
        assert not flags_of(night, free, "fee_where_law_says_free")


def test_two_fees_on_two_pages_are_a_conflict_with_both_pieces_of_evidence(night):
    [flag] = flags_of(night, "waykanankab.go.id", "conflicting_values")
    urls = {e["url"] for e in json.loads(flag["evidence"])}
    assert urls == {"http://waykanankab.go.id/layanan/akta-kelahiran.html",
                    "http://waykanankab.go.id/layanan/tarif-akta-kelahiran.html"}
    assert "gratis" in flag["message_id"] and "Rp 25.000" in flag["message_id"]
    assert len(json.loads(flag["findings"])) == 2
    # the 25.000 page charges for an adminduk document too
    assert flags_of(night, "waykanankab.go.id", "fee_where_law_says_free")
    for single in ("metrokota.go.id", "lampungbaratkab.go.id", "mesujikab.go.id"):
        assert not flags_of(night, single, "conflicting_values")


def test_an_old_decree_is_a_stale_standard(night):
    [flag] = flags_of(night, "mesujikab.go.id", "stale_standard")
    assert "2016" in flag["message_id"] and "2016" in flag["message_en"]
    [evidence] = json.loads(flag["evidence"])
    assert "Nomor 12 Tahun 2016" in evidence["snippet"]
    assert evidence["url"] == "http://mesujikab.go.id/layanan/akta-kelahiran.html"
    assert not flags_of(night, "metrokota.go.id", "stale_standard")  # its decree is from 2023


def test_a_hijacked_site_gets_one_site_integrity_flag_with_examples(night):
    flags = flags_of(night, "tanggamuskab.go.id", "site_integrity")
    if not flags and not rows(night["db"], "site_issues"):
        pytest.skip("SPAM's contract (site_issues rows of kind spam_page) is not in this tree")
    [flag] = flags
    assert flag["severity"] == "high" and flag["unit"] == "tanggamuskab.go.id"
    assert {e["url"] for e in json.loads(flag["evidence"])} <= {
        "http://tanggamuskab.go.id/slot-gacor-maxwin.html", "http://tanggamuskab.go.id/rtp-live-hari-ini.html"}
    assert "slot-gacor-maxwin.html" in flag["message_id"] or "rtp-live-hari-ini.html" in flag["message_id"]
    for clean in ("metrokota.go.id", "waykanankab.go.id"):
        assert not flags_of(night, clean, "site_integrity")


def test_compare_prints_every_pemda_the_distribution_and_the_flags(night):
    result = run_pantau("compare", "Akta Kelahiran", "--db", str(night["db"]))
    assert result.returncode == 0, result.stderr
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    out = " ".join(result.stdout.split())  # sentences wrap at 80 columns
    assert "Perbandingan layanan: Akta Kelahiran (akta_kelahiran)" in out
    for name, *_ in PEMDA.values():
        assert name.split()[-1] in out
    assert "6 dari 6 pemda menerbitkan" in out
    assert "Biaya (6 pemda): median gratis" in out
    assert "pencilan: Kabupaten Lampung Barat, Kabupaten Way Kanan" in out  # fees > 0 where the median is free
    assert "Temuan khusus" in out and "Rp 50.000" in out and "79A" in out
    assert "http://lampungbaratkab.go.id/layanan/akta-kelahiran.html" in out  # evidence link
    assert "SP4N-LAPOR!" in out and "telepon" in out and "phone" not in out  # channels named for people, not keys


def test_compare_json_holds_values_distribution_and_flags(night):
    result = run_pantau("compare", "akta_kelahiran", "--db", str(night["db"]), "--json", "--province", "lampung")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    by_pemda = {r["pemda_id"]: r for r in data["pemda"]}
    assert by_pemda["lampungbaratkab.go.id"]["fee_max"] == 50000
    assert by_pemda["waykanankab.go.id"]["fee_min"] == 0 and by_pemda["waykanankab.go.id"]["fee_max"] == 25000
    assert by_pemda["mesujikab.go.id"]["days_max"] == 14 and by_pemda["metrokota.go.id"]["days_max"] == 1
    assert all(r["published"] and "lapor" in r["channels"] for r in data["pemda"])
    fee = data["distribution"]["fee"]
    assert fee["count"] == 6 and fee["median"] == 0
    assert fee["outliers"] == ["lampungbaratkab.go.id", "waykanankab.go.id"]
    assert data["distribution"]["days"]["outliers"] == ["mesujikab.go.id"]  # 14 days > Q3 + 1.5 IQR
    kinds = {(f["pemda_id"], f["kind"]) for f in data["flags"]}
    assert ("lampungbaratkab.go.id", "fee_where_law_says_free") in kinds
    assert ("waykanankab.go.id", "conflicting_values") in kinds


def test_compare_names_close_ids_for_an_unknown_service_and_filters_by_province(night):
    result = run_pantau("compare", "Akta Kelahiran Ganda Putri Duyung", "--db", str(night["db"]))
    if result.returncode == 0:
        pytest.fail("an unknown service must be an error")
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "layanan tidak dikenal" in result.stderr and "akta_kelahiran" in result.stderr  # the closest ids
    other = run_pantau("compare", "Akta Kelahiran", "--db", str(night["db"]), "--province", "Bali", "--lang", "en")
    assert other.returncode == 0 and "No pemda of province Bali" in other.stdout
    # SQL-shaped input is a value, never SQL: no pemda, no error
    hostile = run_pantau("compare", "Akta Kelahiran", "--db", str(night["db"]), "--province", "x' or 1=1 --")
    assert hostile.returncode == 0 and "Tidak ada pemda provinsi x' or 1=1 --" in hostile.stdout


def test_compare_survives_a_malformed_stored_value(night, tmp_path):
    """One findings.value that is not JSON (a damaged row) leaves that value out; every pemda is still shown."""
    import shutil
    import sqlite3

    from pantau.storage import Store

    db = tmp_path / "damaged.db"
    shutil.copy(night["db"], db)
    with sqlite3.connect(db) as conn:
        conn.execute("update findings set value = '{not json' where component in ('biaya', 'pengaduan')")
        conn.execute("update flags set evidence = '[{bad' where id = (select min(id) from flags)")
    Store(db).close()  # an audit opening the database brings its views up to date
    result = run_pantau("compare", "Akta Kelahiran", "--db", str(db), "--json")
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr[-2000:]
    data = json.loads(result.stdout)
    assert len(data["pemda"]) == 6 and data["distribution"]["fee"]["count"] == 0
    assert data["distribution"]["days"]["count"] == 6
    report = run_pantau("report", "lampungbaratkab.go.id", "--db", str(db))
    assert report.returncode == 0 and "Traceback" not in report.stderr, report.stderr[-2000:]


def test_report_shows_the_run_s_flags(night):
    result = run_pantau("report", "lampungbaratkab.go.id", "--db", str(night["db"]))
    assert result.returncode == 0, result.stderr
    out = " ".join(result.stdout.split())  # the table wraps sentences at 80 columns
    assert "Temuan khusus (1)" in out and "[tinggi] Penerbitan Akta Kelahiran" in out and "Rp 50.000" in out
    html = run_pantau("report", "lampungbaratkab.go.id", "--db", str(night["db"]), "--html", "-", "--lang", "en")
    assert html.returncode == 0, html.stderr
    section = html.stdout.split('<section id="temuan-khusus">')[1].split("</section>")[0]
    assert 'data-kind="fee_where_law_says_free"' in section and "charges Rp 50.000" in section
    assert 'href="http://lampungbaratkab.go.id/layanan/akta-kelahiran.html"' in section


def test_datasette_labels_the_flags_and_serves_the_comparison(night, tmp_path):
    import httpx

    from pantau.serve import database_name, datasette_command, write_metadata
    from tests.serve_fixtures import HOST, free_port, serving

    port = free_port()
    command = datasette_command(night["db"], HOST, port, metadata_path=write_metadata(night["db"], tmp_path))
    with serving(command, port, tmp_path / "datasette.log") as base:
        db = database_name(night["db"])

        def get(path, **params):
            response = httpx.get(f"{base}/{db}/{path}", params={"_shape": "objects", **params}, timeout=10)
            assert response.status_code == 200, response.text[:500]
            return response.json()

        page = httpx.get(f"{base}/{db}/latest_flags", timeout=10).text
        assert "Temuan khusus - audit terakhir" in page
        facets = get("latest_flags.json")["facet_results"]
        kinds = {f["value"]: f["count"] for f in facets.get("results", facets)["kind"]["results"]}
        assert kinds["fee_where_law_says_free"] == 2 and kinds["conflicting_values"] == 1
        by_kind = get("temuan_khusus_per_jenis.json")["rows"]
        assert {"jenis": "fee_where_law_says_free", "tingkat": "high", "jumlah": 2, "pemda": 2} in by_kind
        rows = get("perbandingan_satu_layanan.json", layanan="akta_kelahiran")["rows"]
        assert rows[0]["pemda_name"] == "Kabupaten Lampung Barat" and rows[0]["fee_max"] == 50000
        assert len(rows) == len(PEMDA)
        assert "Perbandingan layanan antarpemda" in httpx.get(f"{base}/{db}/perbandingan_layanan", timeout=10).text


def test_an_unknown_service_error_repeats_only_the_head_of_a_long_query():
    from pantau.compare import CompareError, resolve_service

    with pytest.raises(CompareError) as caught:
        resolve_service("zq" * 50_000)
    assert len(str(caught.value)) < 300 and "layanan tidak dikenal" in str(caught.value)

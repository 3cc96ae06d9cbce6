"""The national registry: the bundled config/pemda.yaml loads and is complete, bad entries are reported with
their file and line, find() resolves subdomains and select() filters."""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from pantau.registry import RegistryError, find, load_registry, select

LAMPUNG = {
    "18": ("Provinsi Lampung", "lampungprov.go.id", ()),
    "18.01": ("Kabupaten Lampung Selatan", "lampungselatankab.go.id", ()),
    "18.02": ("Kabupaten Lampung Tengah", "lampungtengahkab.go.id", ()),
    "18.03": ("Kabupaten Lampung Utara", "lampungutarakab.go.id", ()),
    "18.04": ("Kabupaten Lampung Barat", "lampungbaratkab.go.id", ()),
    "18.05": ("Kabupaten Tulang Bawang", "tulangbawangkab.go.id", ()),
    "18.06": ("Kabupaten Tanggamus", "tanggamuskab.go.id", ("tanggamus.go.id",)),
    "18.07": ("Kabupaten Lampung Timur", "lampungtimurkab.go.id", ()),
    "18.08": ("Kabupaten Way Kanan", "waykanankab.go.id", ()),
    "18.09": ("Kabupaten Pesawaran", "pesawaran.go.id", ("pesawarankab.go.id",)),
    "18.10": ("Kabupaten Pringsewu", "pringsewukab.go.id", ()),
    "18.11": ("Kabupaten Mesuji", "mesujikab.go.id", ()),
    "18.12": ("Kabupaten Tulang Bawang Barat", "tulangbawangbaratkab.go.id", ()),
    "18.13": ("Kabupaten Pesisir Barat", "pesisirbaratkab.go.id", ()),
    "18.71": ("Kota Bandar Lampung", "bandarlampungkota.go.id", ()),
    "18.72": ("Kota Metro", "metrokota.go.id", ()),
}


@pytest.fixture(scope="module")
def entries():
    return load_registry()


# ---- the bundled registry ----------------------------------------------------------------------------------

def test_bundled_registry_loads(entries):
    # (no timing here: tests never assert timings; bench/ measures speed)
    assert len(load_registry()) == len(entries) > 500


def test_totals_per_level(entries):
    levels = Counter(e.level for e in entries)
    assert levels["provinsi"] == 38
    assert levels["kabupaten"] + levels["kota"] >= 500
    assert levels["kabupaten"] >= 400 and levels["kota"] >= 90


def test_every_province_has_its_kabupaten_and_kota(entries):
    provinces = {e.province for e in entries if e.level == "provinsi"}
    assert provinces == {e.province for e in entries}
    for province in provinces:
        assert len(select(entries, province=province)) >= 2, province


def test_lampung_is_complete(entries):
    lampung = select(entries, province="Lampung")
    assert len(lampung) == 16
    got = {e.id: (e.name, e.domain, e.domains) for e in lampung}
    assert got == LAMPUNG
    assert Counter(e.level for e in lampung) == {"provinsi": 1, "kabupaten": 13, "kota": 2}


def test_nothing_is_verified_without_a_check(entries):
    """Nothing could be checked against the live sites when the registry was written (docs/registry.md);
    an entry marked verified must say in its notes when and how it was checked."""
    for e in entries:
        if e.verified:
            assert e.notes, f"{e.id} {e.name} is verified but its notes do not say how"


def test_evidence_backs_the_entrys_own_domain(entries):
    """Evidence is a stored public page on one of the entry's own domains (or an OPD subdomain of one); the few
    exceptions are the pemda's own documents naming the domain, and their notes say so (docs/registry.md)."""
    backed = [e for e in entries if e.evidence]
    assert len(backed) >= 118  # the count in docs/registry.md; it only grows
    for e in backed:
        assert e.evidence_date, e.id
        if find(entries, e.evidence) is not e:
            assert "own document" in (e.notes or ""), f"{e.id}: evidence {e.evidence} is not on its domains"
    assert not any(e.verified for e in backed)  # evidence from stored copies is not a check of the live site


def test_corrected_domains_keep_the_old_one_and_say_why(entries):
    ponorogo = find(entries, "35.02")
    assert ponorogo.domain == "ponorogo.go.id" and ponorogo.domains == ("ponorogokab.go.id",)
    assert find(entries, "bakesbangpol.ponorogo.go.id") is ponorogo
    assert "bakesbangpol" in ponorogo.opd_subdomains and "Corrected 2026-11-29" in ponorogo.notes
    assert find(entries, "skpd.batamkota.go.id").name == "Kota Batam"
    assert find(entries, "dinsos.medan.go.id").name == "Kota Medan"


def test_2022_papua_provinces(entries):
    def province_of(name):
        return next(e.province for e in entries if e.name == name)

    assert province_of("Kabupaten Merauke") == "Papua Selatan"
    assert province_of("Kabupaten Mimika") == "Papua Tengah"
    assert province_of("Kabupaten Jayawijaya") == "Papua Pegunungan"
    assert province_of("Kota Sorong") == "Papua Barat Daya"
    assert province_of("Kabupaten Raja Ampat") == "Papua Barat Daya"
    assert province_of("Kabupaten Manokwari") == "Papua Barat"
    assert province_of("Kota Jayapura") == "Papua"
    sizes = {p: len(select(entries, province=p)) - 1 for p in
             ("Papua", "Papua Barat", "Papua Selatan", "Papua Tengah", "Papua Pegunungan", "Papua Barat Daya")}
    assert sizes == {"Papua": 9, "Papua Barat": 7, "Papua Selatan": 4, "Papua Tengah": 8, "Papua Pegunungan": 8,
                     "Papua Barat Daya": 6}


def test_default_path_follows_the_config_dir(tmp_path, monkeypatch):
    (tmp_path / "pemda.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.setenv("PANTAU_CONFIG_DIR", str(tmp_path))
    assert [e.id for e in load_registry()] == ["18", "18.07", "18.72"]


# ---- find and select ---------------------------------------------------------------------------------------

def test_find_resolves_domains_subdomains_urls_and_ids(entries):
    assert find(entries, "lampungtimurkab.go.id").id == "18.07"
    assert find(entries, "dpmptsp.lampungtimurkab.go.id").id == "18.07"
    assert find(entries, "DPMPTSP.LampungTimurKab.go.id.").id == "18.07"
    assert find(entries, "https://disdukcapil.metrokota.go.id/layanan/").id == "18.72"
    assert find(entries, "www.tanggamus.go.id").id == "18.06"  # the second domain counts too
    assert find(entries, "bappeda.pesawarankab.go.id").id == "18.09"
    assert find(entries, "18.09").name == "Kabupaten Pesawaran"
    assert find(entries, "notlampungtimurkab.go.id") is None  # a suffix is not a subdomain
    assert find(entries, "example.org") is None


def test_find_prefers_the_most_specific_domain(entries):
    assert find(entries, "jakarta.go.id").level == "provinsi"
    assert find(entries, "ppid.selatan.jakarta.go.id").name == "Kota Administrasi Jakarta Selatan"


def test_select_filters_province_case_insensitively(entries):
    assert select(entries, province="LAMPUNG") == select(entries, province="lampung")
    assert len(select(entries, province="provinsi lampung")) == 16
    assert [e.id for e in select(entries, province="lampung", level="kota")] == ["18.71", "18.72"]
    assert len(select(entries, level="provinsi")) == 38
    assert select(entries, province="Atlantis") == []


def test_select_by_ids_and_domains(entries):
    chosen = select(entries, ids=["18.72", "lampungtimurkab.go.id", "dinsos.pesawarankab.go.id"])
    assert [e.id for e in chosen] == ["18.07", "18.09", "18.72"]  # registry order
    with pytest.raises(RegistryError, match="lampungtimur.go.id"):
        select(entries, ids=["lampungtimur.go.id"])
    with pytest.raises(RegistryError, match="level"):
        select(entries, level="kecamatan")


# ---- bad entries: file and line ------------------------------------------------------------------------------

GOOD = """\
# a small registry
- id: "18"
  name: Provinsi Lampung
  level: provinsi
  province: Lampung
  domain: lampungprov.go.id

- id: "18.07"
  name: Kabupaten Lampung Timur
  level: kabupaten
  province: Lampung
  domain: lampungtimurkab.go.id
  verified: false
  opd_subdomains: [dpmptsp, disdukcapil]
- id: "18.72"
  name: Kota Metro
  level: kota
  province: Lampung
  domain: metrokota.go.id
  domains: [kotametro.go.id]
  start_urls: ["https://metrokota.go.id/", "http://dinsos.metrokota.go.id/"]
  render_js: true
  max_pages: 200
  notes: checked 2026-01-05 on the live site
"""
BAD_LINE = GOOD.count("\n") + 1  # the entry appended to GOOD starts here


def entry(**fields):
    base = {"id": '"18.01"', "name": "Kabupaten Lampung Selatan", "level": "kabupaten", "province": "Lampung",
            "domain": "lampungselatankab.go.id"}
    base.update(fields)
    lines = [f"{k}: {v}" for k, v in base.items() if v is not None]
    return "- " + "\n  ".join(lines) + "\n"


def test_evidence_and_its_date_are_read(tmp_path):
    path = tmp_path / "pemda.yaml"
    quoted = entry(evidence="https://disdukcapil.lampungselatankab.go.id/layanan", evidence_date='"2026-11-29"')
    plain = entry(id='"18.02"', name="Kabupaten Lampung Tengah", domain="lampungtengahkab.go.id",
                  evidence="https://dpmptsp.lampungtengahkab.go.id/", evidence_date="2026-11-29")
    path.write_text(GOOD + quoted + plain, encoding="utf-8")
    by_id = {e.id: e for e in load_registry(path)}
    assert by_id["18.01"].evidence == "https://disdukcapil.lampungselatankab.go.id/layanan"
    assert by_id["18.01"].evidence_date == by_id["18.02"].evidence_date == "2026-11-29"  # text either way
    assert by_id["18.01"].verified is False  # evidence is not a check of the live site
    assert by_id["18.07"].evidence is None and by_id["18.07"].evidence_date is None


def test_a_good_small_registry(tmp_path):
    path = tmp_path / "pemda.yaml"
    path.write_text(GOOD, encoding="utf-8")
    lamtim, metro = load_registry(path)[1:]
    assert lamtim.line == 8 and lamtim.opd_subdomains == ("dpmptsp", "disdukcapil")
    assert metro.all_domains == ("metrokota.go.id", "kotametro.go.id")
    assert metro.render_js is True and metro.max_pages == 200 and metro.verified is False


@pytest.mark.parametrize("bad, message", [
    (entry(domain=None), "missing domain"),
    (entry(name=None, province=None), "missing name, province"),
    (entry(level="kecamatan"), "level 'kecamatan'"),
    (entry(domain="https://lampungselatankab.go.id/"), "not a hostname"),
    (entry(domain="lampung selatan.go.id"), "not a hostname"),
    (entry(domains="[lampungselatan]"), "not a hostname"),
    (entry(domians="[lamsel.go.id]"), "unknown field 'domians'"),
    (entry(verified='"yes"'), "verified must be true or false"),
    (entry(verified="1"), "verified must be true or false"),
    (entry(render_js="sometimes"), "render_js must be true or false"),
    (entry(province="Lampunk"), "province 'Lampunk' is not among the provinces"),
    (entry(province="lampung"), "did you mean 'Lampung'"),
    (entry(id='"18.07"'), "id '18.07' is already used by the entry on line 8"),
    (entry(domain="metrokota.go.id"), "domain metrokota.go.id is already used by the entry on line 15"),
    (entry(domains="[kotametro.go.id]"), "domain kotametro.go.id is already used"),
    (entry(id='"19.01"'), "does not start with the code of Provinsi Lampung"),
    (entry(id='"1801"'), "Kemendagri code"),
    (entry(level="kota"), "Kemendagri code"),  # a kota's code is 71 or above
    (entry(name="Lampung Selatan"), "is the level right"),
    (entry(max_pages="0"), "max_pages"),
    (entry(start_urls='["ftp://lampungselatankab.go.id/"]'), "http:// or https://"),
    (entry(start_urls='["https://example.org/"]'), "outside the entry's domains"),
    (entry(opd_subdomains='["dpmptsp.lampungselatankab.go.id/"]'), "OPD subdomain"),
    (entry(domains="kotametro.go.id"), "domains must be a list"),
    (entry(evidence="https://lampungselatankab.go.id/"), "evidence and evidence_date go together"),
    (entry(evidence_date="2026-11-29"), "evidence and evidence_date go together"),
    (entry(evidence="lampungselatankab.go.id/profil", evidence_date="2026-11-29"), "must be an http:// or https://"),
    (entry(evidence="ftp://lampungselatankab.go.id/", evidence_date="2026-11-29"), "must be an http:// or https://"),
    (entry(evidence="[https://a.go.id/]", evidence_date="2026-11-29"), "must be an http:// or https://"),
    (entry(evidence='"http://[a.go.id/"', evidence_date="2026-11-29"), "must be an http:// or https://"),
    (entry(start_urls='["http://[lampungselatankab.go.id/"]'), "must be an http:// or https://"),
    (entry(evidence="https://lampungselatankab.go.id/", evidence_date="2026-13-01"), "looks like a date is not one"),
    (entry(evidence="https://lampungselatankab.go.id/", evidence_date='"29-11-2026"'), "must be an ISO date"),
    (entry(evidence="https://lampungselatankab.go.id/", evidence_date="2026-11-29T10:00:00"), "must be an ISO date"),
    (entry(evidence="https://lampungselatankab.go.id/", evidence_date="yesterday"), "must be an ISO date"),
    (entry(evidense="https://lampungselatankab.go.id/"), "unknown field 'evidense'"),
    (entry(name="Kabupaten Lampung Selatan\n  name: Kabupaten Lamsel"), "field 'name' appears twice"),
    ("- just text\n", "must be a mapping"),
])
def test_bad_entry_names_file_and_line(tmp_path, bad, message):
    path = tmp_path / "pemda.yaml"
    path.write_text(GOOD + bad, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    text = str(info.value)
    assert text.startswith(f"{path}:{BAD_LINE}:"), text
    assert message in text, text


@pytest.mark.parametrize("bad", [
    entry(domain="go.id"), entry(domain="desa.id"), entry(domain="co.id"), entry(domain="ac.id"),
    entry(domain="id"), entry(domain="com"), entry(domain="GO.ID"), entry(domain="blogspot.com"),
    entry(domains="[go.id]"), entry(domains="[lamsel.go.id, sch.id]"),
])
def test_a_public_suffix_is_refused_as_a_domain(tmp_path, bad):
    """An entry on go.id would claim every government site in Indonesia as one pemda's."""
    path = tmp_path / "pemda.yaml"
    path.write_text(GOOD + bad, encoding="utf-8")
    with pytest.raises(RegistryError) as info:
        load_registry(path)
    assert str(info.value).startswith(f"{path}:{BAD_LINE}:"), info.value
    assert "is a public suffix" in str(info.value), info.value


def test_public_suffix_check_reads_no_network(tmp_path):
    """tldextract's default downloads the list on first use; pantau's checks must not (nor Scrapy's cookies)."""
    script = tmp_path / "probe.py"
    script.write_text(
        "import socket\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit(f'network use: {args[:2]}')\n"
        "socket.getaddrinfo = socket.create_connection = refuse\n"
        "import crawler\n"
        "from crawler.public_suffix import is_public_suffix\n"
        "from scrapy.downloadermiddlewares.cookies import _split_domain\n"
        "assert is_public_suffix('desa.id') and not is_public_suffix('lampungtimurkab.go.id')\n"
        "assert _split_domain('dinsos.lampungtimurkab.go.id').domain == 'lampungtimurkab'\n"
        "print('offline')\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("TLDEXTRACT_")}
    env["TLDEXTRACT_CACHE"] = str(tmp_path / "cache")  # empty: a first run, which is when tldextract downloads
    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60,
                            cwd=Path(__file__).resolve().parent.parent, env=env)
    assert result.stdout.strip() == "offline", result.stdout + result.stderr


def test_a_bad_entry_in_the_middle_is_found_at_its_line(tmp_path):
    path = tmp_path / "pemda.yaml"
    head, tail = GOOD.split('- id: "18.72"')
    path.write_text(head + entry(level="kab") + '- id: "18.72"' + tail, encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:15: .*level 'kab'"):
        load_registry(path)


def test_province_without_entry_is_an_error_even_in_a_file_without_provinces(tmp_path):
    path = tmp_path / "pemda.yaml"
    path.write_text(entry(), encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:1: .*add its provinsi entry"):
        load_registry(path)


def test_second_provinsi_entry_for_a_province(tmp_path):
    path = tmp_path / "pemda.yaml"
    path.write_text(GOOD + entry(id='"17"', name="Provinsi Lampung Lagi", level="provinsi",
                                 domain="lampung2prov.go.id"), encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:{BAD_LINE}: province 'Lampung' already has"):
        load_registry(path)


def test_unquoted_codes_keep_their_digits(tmp_path):
    path = tmp_path / "pemda.yaml"
    path.write_text(GOOD.replace('"18"', "18") + entry(id="18.10", name="Kabupaten Pringsewu",
                                                       domain="pringsewukab.go.id"), encoding="utf-8")
    assert [e.id for e in load_registry(path)] == ["18", "18.07", "18.72", "18.10"]  # not 18.1


def test_file_level_errors(tmp_path):
    path = tmp_path / "pemda.yaml"
    path.write_text(GOOD + "- id: [unclosed\n", encoding="utf-8")
    with pytest.raises(RegistryError, match=rf"^{path}:{BAD_LINE + 1}: not valid YAML"):
        load_registry(path)
    path.write_text("pemda: 3\n", encoding="utf-8")
    with pytest.raises(RegistryError, match="expected a list"):
        load_registry(path)
    with pytest.raises(RegistryError, match="cannot read"):
        load_registry(tmp_path / "missing.yaml")
    path.write_text("pemda:\n" + "".join("  " + line + "\n" for line in GOOD.splitlines()), encoding="utf-8")
    assert len(load_registry(path)) == 3


def test_the_nightly_start_message_counts_domains_backed_by_evidence(tmp_path):
    """`pantau nightly` says how many of the selected pemda have domain evidence (Bahasa Indonesia by default)."""
    import socket

    from tests.helpers import run_pantau

    with socket.socket() as s:  # a port nothing listens on: the crawl is refused at once, no network
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    path = tmp_path / "pemda.yaml"
    backed = entry(evidence="https://disdukcapil.lampungselatankab.go.id/", evidence_date="2026-11-29",
                   start_urls='["http://lampungselatankab.go.id/"]')
    path.write_text(GOOD + backed, encoding="utf-8")
    for lang, words in (("id", "domain berbukti: 1/2"), ("en", "domain evidence: 1/2")):
        result = run_pantau("nightly", "--registry", str(path), "--db", str(tmp_path / f"{lang}.db"), "--delay", "0",
                            "--lang", lang, "--only", "18.01", "--only", "18", "--timeout", "5",
                            "--resolve", f"lampungselatankab.go.id=127.0.0.1:{port}",
                            "--resolve", f"lampungprov.go.id=127.0.0.1:{port}", timeout=120)
        assert "Traceback" not in result.stderr, result.stderr[-3000:]
        assert words in result.stderr, result.stderr[-3000:]

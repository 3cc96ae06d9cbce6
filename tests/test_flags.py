"""Flags (scoring/flags.py) over real texts: pages of the real-page corpus (tests/fixtures/real/tuning) are
extracted, stored and scored for real (SQLite file, the extractors, Store.score_run), and the flags the run
gets are checked. Where no real text exists for a case (a fee on an adminduk document, two fees of one
service) the real page is edited in one place, which the test names."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from extractors import build_page, extract
from extractors.components import waktu
from pantau.evaluate import wrap_as_html
from pantau.storage import Store
from scoring.flags import (
    RunFacts,
    days_interval,
    flags_for_run,
    format_fee,
    load_flags_config,
)
from tests.storage_data import record

TUNING = Path(__file__).parent / "fixtures" / "real" / "tuning"
JEMBRANA = "c1-05-dukcapil-jembranakab-akta-kelahiran"  # Akta Kelahiran: "Biaya : Gratis", 1 hari
BONTANG_KEMATIAN = "c1-23-disdukcapil-bontangkota-akta-kematian"  # Akta Kematian, 5 hari kerja, gratis
CIGENTUR = "c1-47-cigentur-desa-akta-perceraian"  # no biaya, no pengaduan
CANDIPURO_SK = "c6-01-docplayer-candipuro-sk-camat-preamble"  # "KEPUTUSAN CAMAT … NOMOR : 05 TAHUN 2017 …"
HOST = "dukcapil.contohkab.go.id"


def real(name: str) -> str:
    return (TUNING / f"{name}.txt").read_text(encoding="utf-8")


def audit(tmp_path, pages: list[tuple[str, str]], issues=()) -> tuple[Store, int]:
    """A run of one pemda holding PAGES ([(path, text)]) extracted as a crawl reads them (simple HTML)."""
    store = Store(tmp_path / "flags.db")
    store.upsert_pemda("contohkab.go.id", name="Kabupaten Contoh", level="kabupaten", province="Lampung")
    run = store.start_run("contohkab.go.id", "contohkab.go.id")
    for path, text in pages:
        url = f"http://{HOST}/{path}"
        record(store, run, url, HOST, extract(build_page(url, wrap_as_html(text), "text/html")), text=text)
    for unit, kind, detail, url in issues:
        store.record_site_issue(run, unit, kind, detail, url)
    store.finish_run(run)
    store.score_run(run)
    return store, run


def flags(store: Store, run: int, kind: str) -> list[dict]:
    return [{**r, "evidence": json.loads(r["evidence"]), "findings": json.loads(r["findings"])}
            for r in store.db["flags"].rows_where("run_id = ? and kind = ?", [run, kind])]


# -- fee_where_law_says_free -----------------------------------------------------------------------------


def test_a_free_akta_kelahiran_raises_no_fee_flag(tmp_path):
    store, run = audit(tmp_path, [("akta-kelahiran", real(JEMBRANA))])
    assert {r["catalogue_id"] for r in store.db["services"].rows} >= {"akta_kelahiran"}
    assert not flags(store, run, "fee_where_law_says_free")


def test_rp_50000_for_akta_kelahiran_is_flagged_with_the_law_and_the_evidence(tmp_path):
    text = real(JEMBRANA).replace("Biaya : Gratis", "Biaya : Rp. 50.000,-")  # the one edit
    store, run = audit(tmp_path, [("akta-kelahiran", text)])
    [flag] = flags(store, run, "fee_where_law_says_free")
    assert flag["severity"] == "high" and flag["catalogue_id"] == "akta_kelahiran" and flag["unit"] == HOST
    assert "Rp 50.000" in flag["message_id"] and "Pasal 79A" in flag["message_id"] and "79A" in flag["message_en"]
    [evidence] = flag["evidence"]
    assert evidence["url"] == f"http://{HOST}/akta-kelahiran" and "50.000" in evidence["snippet"]
    assert evidence["value"]["amount"] == 50000
    [finding] = store.db["findings"].rows_where("id = ?", flag["findings"])
    assert finding["component"] == "biaya"


def test_a_late_registration_fine_is_not_a_fee(tmp_path):
    text = real(JEMBRANA).replace("Biaya : Gratis", "Biaya : denda keterlambatan Rp. 100.000,-")
    store, run = audit(tmp_path, [("akta-kelahiran", text)])
    assert not flags(store, run, "fee_where_law_says_free")


# -- conflicting_values ----------------------------------------------------------------------------------


def test_the_same_standard_on_two_pages_is_no_conflict(tmp_path):
    store, run = audit(tmp_path, [("akta-kelahiran", real(JEMBRANA)), ("layanan/akta", real(JEMBRANA))])
    assert not flags(store, run, "conflicting_values")


def test_two_times_for_one_service_on_two_pages_are_a_conflict_with_both_pieces_of_evidence(tmp_path):
    slow = real(JEMBRANA).replace("1 (satu)  hari sejak", "14 (empat belas) hari kerja sejak")  # the one edit
    store, run = audit(tmp_path, [("akta-kelahiran", real(JEMBRANA)), ("sop/akta-kelahiran", slow)])
    [flag] = flags(store, run, "conflicting_values")
    assert {e["url"] for e in flag["evidence"]} == {f"http://{HOST}/akta-kelahiran", f"http://{HOST}/sop/akta-kelahiran"}
    assert "1 hari" in flag["message_id"] and "14 hari kerja" in flag["message_id"]
    assert len(flag["findings"]) == 2


def test_two_fees_for_one_service_are_a_conflict_gratis_and_rp_0_are_not(tmp_path):
    paid = real(JEMBRANA).replace("Biaya : Gratis", "Biaya : Rp 25.000")
    zero = real(JEMBRANA).replace("Biaya : Gratis", "Biaya : Rp 0,-")
    store, run = audit(tmp_path, [("a", real(JEMBRANA)), ("b", zero)])
    assert not flags(store, run, "conflicting_values")
    store.close()
    (tmp_path / "flags.db").unlink()
    store, run = audit(tmp_path, [("a", real(JEMBRANA)), ("b", paid)])
    [flag] = flags(store, run, "conflicting_values")
    assert "gratis" in flag["message_id"] and "Rp 25.000" in flag["message_id"]


def test_services_that_only_share_a_word_never_conflict(tmp_path):
    """Akta Kelahiran (1 day) and Akta Kematian (5 working days) of one pemda: two services."""
    store, run = audit(tmp_path, [("akta-kelahiran", real(JEMBRANA)), ("akta-kematian", real(BONTANG_KEMATIAN))])
    assert {r["catalogue_id"] for r in store.db["findings"].rows} >= {"akta_kelahiran", "akta_kematian"}
    assert not flags(store, run, "conflicting_values")


def test_a_range_overlapping_a_single_time_is_no_conflict():
    """The real line from Disdukcapil Bontang's page: "1 - 5 (Lima) hari kerja" holds 1 day and 5 days."""
    line = "Waktu Penyelesaian : Lama waktu penyelesaian     :1 -  5 (Lima) hari kerja"
    assert line in real("c1-07-disdukcapil-bontangkota-akta-kelahiran")
    low, high = days_interval(waktu.parse(line))
    assert low == 1 and high >= 5
    cfg = load_flags_config()
    for other in ("1 hari", "3 hari kerja", "5 (lima) hari kerja"):
        facts = _facts([("waktu", waktu.parse(line), "a"), ("waktu", waktu.parse(other), "b")])
        assert not flags_for_run(facts, cfg, kinds=["conflicting_values"]), other
    facts = _facts([("waktu", waktu.parse(line), "a"), ("waktu", waktu.parse("14 hari kerja"), "b")])
    assert flags_for_run(facts, cfg, kinds=["conflicting_values"])


def test_a_fee_per_item_is_not_compared_with_a_total():
    from extractors.components import biaya

    facts = _facts([("biaya", biaya.parse("Rp 10.000 per lembar"), "a"), ("biaya", biaya.parse("Rp 50.000"), "b")])
    assert not flags_for_run(facts, kinds=["conflicting_values"])



def test_a_fee_range_and_a_fee_inside_it_are_no_conflict_one_outside_is():
    from extractors.components import biaya

    rng = biaya.parse("Rp 10.000 s.d. Rp 50.000")
    assert rng["amount"] == 10000  # the extractor keeps the lower end: the text holds the upper one
    for other in ("Rp 50.000", "Rp 25.000,-", "Rp. 10.000"):
        facts = _facts([("biaya", rng, "a"), ("biaya", biaya.parse(other), "b")])
        assert not flags_for_run(facts, kinds=["conflicting_values"]), other
    slash = biaya.parse("Rp. 5.000,- s/d Rp. 10.000,-")  # "s/d", as most standards write it
    facts = _facts([("biaya", slash, "a"), ("biaya", biaya.parse("Rp 10.000"), "b")])
    assert not flags_for_run(facts, kinds=["conflicting_values"])
    facts = _facts([("biaya", biaya.parse("Rp 5.000 - 25.000"), "a"), ("biaya", biaya.parse("Rp 60.000"), "b")])
    [flag] = flags_for_run(facts, kinds=["conflicting_values"])
    assert "Rp 5.000–Rp 25.000" in flag.message_id and "Rp 60.000" in flag.message_id


def test_a_range_in_weeks_holds_the_days_inside_it():
    facts = _facts([("waktu", waktu.parse("1-2 minggu"), "a"), ("waktu", waktu.parse("10 hari"), "b")])
    assert not flags_for_run(facts, kinds=["conflicting_values"])
    facts = _facts([("waktu", waktu.parse("1-2 minggu"), "a"), ("waktu", waktu.parse("30 hari"), "b")])
    assert flags_for_run(facts, kinds=["conflicting_values"])
    facts = _facts([("waktu", waktu.parse("1 s/d 3 hari kerja"), "a"), ("waktu", waktu.parse("1 hari"), "b")])
    assert not flags_for_run(facts, kinds=["conflicting_values"])


def test_no_fee_flag_for_stamp_duty_a_guessed_service_or_a_malformed_amount():
    from extractors.components import biaya

    def one(service, catalogue_id, value):
        return RunFacts("x", date(2026, 1, 1), findings=[
            {"id": 1, "page_id": 1, "unit": HOST, "service": service, "service_key": service.lower(),
             "catalogue_id": catalogue_id, "component": "biaya", "value": value, "snippet": str(value),
             "url": f"http://{HOST}/a"}])

    kinds = ["fee_where_law_says_free"]
    paid = biaya.parse("Rp 50.000")
    assert flags_for_run(one("Akta Kelahiran", "akta_kelahiran", paid), kinds=kinds)  # the control
    stamp = {"amount": 10000, "free": False, "regulation": None, "text": "Rp 10.000 untuk bea meterai"}
    assert not flags_for_run(one("Akta Kelahiran", "akta_kelahiran", stamp), kinds=kinds)
    # a name the catalogue only guesses is stored with catalogue_id None: never judged by the law
    from scoring.catalogue import match

    guess = match("Akta Notaris Pendirian Koperasi")
    assert guess.id is None
    assert not flags_for_run(one("Akta Notaris Pendirian Koperasi", guess.id, paid), kinds=kinds)
    for bad in ({"amount": True, "text": "ya"}, {"amount": "50000"}, "Rp 50.000", [50000], None):
        assert not flags_for_run(one("Akta Kelahiran", "akta_kelahiran", bad), kinds=kinds + ["conflicting_values"])

def _facts(values) -> RunFacts:
    findings = [{"id": i, "page_id": i, "unit": HOST, "service": "Izin Reklame", "service_key": "izin reklame",
                 "catalogue_id": "izin_reklame", "component": c, "value": v, "snippet": v["text"],
                 "url": f"http://{HOST}/{path}"} for i, (c, v, path) in enumerate(values, 1)]
    return RunFacts(pemda_id="contohkab.go.id", run_date=date(2026, 1, 1), findings=findings)


# -- stale_standard --------------------------------------------------------------------------------------


def test_a_2017_decree_setting_the_standard_is_stale(tmp_path):
    """A real SK's preamble (Keputusan Camat Candipuro Nomor 05 Tahun 2017) above a real standard."""
    store, run = audit(tmp_path, [("sk-standar-pelayanan", real(CANDIPURO_SK) + "\n" + real(JEMBRANA))])
    [flag] = flags(store, run, "stale_standard")
    assert "2017" in flag["message_id"] and "2017" in flag["message_en"]
    assert "TAHUN 2017" in flag["evidence"][0]["snippet"].upper() and flag["findings"]


def test_a_standard_without_an_old_decree_is_not_stale(tmp_path):
    store, run = audit(tmp_path, [("akta-kelahiran", real(JEMBRANA))])
    assert not flags(store, run, "stale_standard")


def test_a_decree_on_a_page_without_findings_raises_nothing(tmp_path):
    store, run = audit(tmp_path, [("sk", real(CANDIPURO_SK))])
    assert not store.db["findings"].count and not flags(store, run, "stale_standard")


# -- missing_component -----------------------------------------------------------------------------------


def test_a_service_without_fee_and_complaints_channel_lists_what_to_fix_first(tmp_path):
    """Desa Cigentur's Akta Perceraian page publishes no fee and no complaints channel."""
    store, run = audit(tmp_path, [("perceraian", real(CIGENTUR))])
    [service] = store.db["scores"].rows_where("run_id = ? and level = 'service'", [run])
    published = json.loads(service["components"])
    missing = [c for c in load_flags_config()["kinds"]["missing_component"]["fix_order"] if not published[c]]
    assert "biaya" in missing and "pengaduan" in missing
    [flag] = flags(store, run, "missing_component")
    assert flag["service"] == service["service"]
    assert f"{len(missing)} komponen: {', '.join(missing)}." in flag["message_id"]
    assert f"Lengkapi dulu: {missing[0]}." in flag["message_id"]
    assert flag["severity"] == ("high" if len(missing) >= 4 else "medium" if len(missing) >= 2 else "low")
    assert flag["evidence"][0]["value"]["missing"] == missing and flag["findings"]
    assert flag["evidence"][0]["url"] == f"http://{HOST}/perceraian"


def test_a_tariff_page_of_a_complete_standard_is_not_a_service_missing_components():
    """The multi-pemda night's Way Kanan: "Akta Kelahiran" (complete) and, on a tariff page, "Akta Kelahiran
    (ringkas)" (fee and product only) match one catalogue entry: one service, nothing missing."""
    full = {c: True for c in ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan")}
    short = {c: c in ("biaya", "produk") for c in full}

    def service(name, catalogue_id, components):
        return {"unit": HOST, "service": name, "service_key": name.lower(), "catalogue_id": catalogue_id,
                "url": f"http://{HOST}/{name}", "components": components}

    facts = RunFacts("x", date(2026, 1, 1), services=[
        service("Akta Kelahiran (ringkas)", "akta_kelahiran", short), service("Akta Kelahiran", "akta_kelahiran", full)])
    assert not flags_for_run(facts, kinds=["missing_component"])
    facts.services[1]["components"] = {**full, "pengaduan": False}
    [flag] = flags_for_run(facts, kinds=["missing_component"])
    assert flag.service == "Akta Kelahiran" and flag.evidence[0]["value"]["missing"] == ["pengaduan"]
    # unmatched services are told apart by name, as before
    facts = RunFacts("x", date(2026, 1, 1), services=[service("Layanan A", None, short), service("Layanan B", None, full)])
    assert [f.service for f in flags_for_run(facts, kinds=["missing_component"])] == ["Layanan A"]

def test_a_complete_standard_has_no_missing_component_flag(tmp_path):
    """The bundled sample site's Akta Kelahiran page publishes all six components."""
    from pantau.sample_site import HOSTS_DIR

    html = (HOSTS_DIR / "disdukcapil.lampungtimurkab.go.id" / "layanan" / "akta-kelahiran.html").read_bytes()
    store = Store(tmp_path / "complete.db")
    run = store.start_run("contohkab.go.id", "contohkab.go.id")
    url = f"http://{HOST}/akta-kelahiran"
    record(store, run, url, HOST, extract(build_page(url, html, "text/html")))
    store.finish_run(run)
    store.score_run(run)
    [service] = store.db["scores"].rows_where("run_id = ? and level = 'service'", [run])
    assert all(json.loads(service["components"]).values())
    assert not flags(store, run, "missing_component")


# -- site_integrity and link_to_missing_standard ---------------------------------------------------------


def test_site_issues_become_one_site_integrity_flag_per_host_with_capped_examples(tmp_path):
    spam = [(HOST, "spam_page", "Halaman berisi spam judi online (kata: slot gacor, maxwin)",
             f"http://{HOST}/slot-gacor.html"),
            (HOST, "spam_links", "Blok spam tersembunyi", f"http://{HOST}/"),
            ("contohkab.go.id", "tls", "sertifikat kedaluwarsa", "https://contohkab.go.id/")]
    store, run = audit(tmp_path, [("akta-kelahiran", real(JEMBRANA))], issues=spam)
    [flag] = flags(store, run, "site_integrity")  # a TLS problem is no sign of a hijack
    assert flag["unit"] == HOST and flag["severity"] == "high"
    assert {e["url"] for e in flag["evidence"]} == {f"http://{HOST}/slot-gacor.html", f"http://{HOST}/"}
    assert "slot-gacor.html" in flag["message_id"] and "spam judi" in flag["message_id"]
    facts = RunFacts("x", date(2026, 1, 1), site_issues=[
        {"unit": HOST, "kind": "spam_page", "detail": "spam", "url": f"http://{HOST}/{i}.html"} for i in range(40)])
    [many] = flags_for_run(facts, kinds=["site_integrity"])
    assert len(many.evidence) == load_flags_config()["kinds"]["site_integrity"]["max_examples"]


def test_dead_links_to_standards_are_flagged_once_per_target():
    links = [{"unit": HOST, "url": f"http://{HOST}/", "text": "Standar Pelayanan 2024 (PDF)",
              "target": f"http://{HOST}/sp.pdf", "problem": problem, "page_id": 1}
             for problem in ("http_404", "http_404")] + [
             {"unit": HOST, "url": f"http://{HOST}/", "text": "Maklumat Pelayanan", "target": f"http://{HOST}/m",
              "problem": "error:timeout", "page_id": 1}]
    got = flags_for_run(RunFacts("x", date(2026, 1, 1), missing_links=links), kinds=["link_to_missing_standard"])
    assert [f.evidence[0]["value"]["target"] for f in got] == [f"http://{HOST}/sp.pdf", f"http://{HOST}/m"]
    assert "tidak ditemukan (404)" in got[0].message_id and "(timeout)" in got[1].message_id


# -- storage: replaced on re-scoring, catalogue columns, migration ----------------------------------------


def test_rescoring_replaces_the_run_s_flags(tmp_path):
    text = real(JEMBRANA).replace("Biaya : Gratis", "Biaya : Rp. 50.000,-")
    store, run = audit(tmp_path, [("akta-kelahiran", text)])
    before = store.db["flags"].count
    store.score_run(run)
    store.score_run(run)
    assert store.db["flags"].count == before > 0


def test_an_older_database_gets_the_flags_table_and_its_services_matched(tmp_path):
    path = tmp_path / "old.db"
    conn = sqlite3.connect(path)
    conn.executescript("""
        create table runs (id integer primary key autoincrement, pemda_id text, status text);
        create table services (id integer primary key autoincrement, run_id integer, page_id integer, unit text,
                               name text, service_key text, components text);
        create table findings (id integer primary key autoincrement, run_id integer, page_id integer, unit text,
                               service text, component text);
        insert into services (run_id, unit, name) values (1, 'a.go.id', 'Penerbitan Akta Kelahiran');
        insert into findings (run_id, unit, service, component) values (1, 'a.go.id', 'Akte Kelahiran', 'biaya');
        insert into findings (run_id, unit, service, component) values (1, 'a.go.id', 'Visi dan Misi', 'biaya');
    """)
    conn.close()
    with Store(path) as store:
        assert store.db["flags"].exists() and store.db["perbandingan_layanan"].exists()
        [service] = store.db["services"].rows
        assert service["catalogue_id"] == "akta_kelahiran" and service["catalogue_score"] > 0
        assert [f["catalogue_id"] for f in store.db["findings"].rows] == ["akta_kelahiran", None]


def test_format_fee_uses_indonesian_thousands():
    assert format_fee(50000) == "Rp 50.000" and format_fee(0) == "gratis" and format_fee(0, "en") == "free"
    assert format_fee(1250000.0) == "Rp 1.250.000" and format_fee(None) == "-"


def test_format_days_and_times_in_both_languages():
    from scoring.flags import format_days, format_time

    assert format_days(1) == "1 hari" and format_days(1, "en") == "1 day" and format_days(1.5, "en") == "1.5 days"
    assert format_days(2.75) == "2,75 hari" and format_days(0) == "selesai di tempat"
    assert format_time(waktu.parse("1 hari kerja"), "en") == "1 working day"
    assert format_time(waktu.parse("3 hari kerja")) == "3 hari kerja" and format_time(waktu.parse("15 menit"), "en") == "15 minutes"


@pytest.mark.parametrize("kind", ["fee_where_law_says_free", "conflicting_values", "stale_standard",
                                  "missing_component", "link_to_missing_standard", "site_integrity"])
def test_every_kind_has_a_severity_and_both_sentences(kind):
    cfg = load_flags_config()["kinds"][kind]
    assert cfg.get("severity") or cfg.get("severity_by_missing")
    assert cfg["message"]["id"] and cfg["message"]["en"]


def test_a_hostile_service_name_is_cut_in_the_sentence_but_the_evidence_keeps_the_url():
    name = "Akta Kelahiran " + "x" * 5000
    findings = [{"id": 1, "page_id": 1, "unit": HOST, "service": name, "service_key": name, "catalogue_id": "akta_kelahiran",
                 "component": "biaya", "value": {"amount": 50000, "free": False, "text": "Rp 50.000"},
                 "snippet": "Biaya: Rp 50.000 " + "y" * 5000, "url": f"http://{HOST}/a"}]
    [flag] = flags_for_run(RunFacts("x", date(2026, 1, 1), findings=findings), kinds=["fee_where_law_says_free"])
    assert len(flag.message_id) < 1000 and "Rp 50.000" in flag.message_id
    assert len(flag.evidence[0]["snippet"]) <= 300 and flag.evidence[0]["url"] == f"http://{HOST}/a"


def test_a_fee_per_item_written_with_a_slash_is_a_rate():
    from extractors.components import biaya

    facts = _facts([("biaya", biaya.parse("Rp 10.000/lembar"), "a"), ("biaya", biaya.parse("Rp 50.000"), "b")])
    assert not flags_for_run(facts, kinds=["conflicting_values"])


def test_a_failing_flag_rule_costs_the_flags_not_the_score(tmp_path, monkeypatch):
    import scoring.flags

    def broken(facts, cfg):
        raise RuntimeError("rule bug")

    monkeypatch.setitem(scoring.flags.RULES, "missing_component", broken)
    store, run = audit(tmp_path, [("perceraian", real(CIGENTUR))])
    assert store.db["scores"].count and not store.db["flags"].count
    [error] = store.db["errors"].rows_where("run_id = ? and kind = 'flags'", [run])
    assert "rule bug" in error["message"]


def test_a_view_whose_definition_changed_is_replaced_when_a_writer_opens_the_database(tmp_path):
    """Views hold no data: an older definition (here one without the json_valid guards) must not outlive the
    code that changed it, or a damaged value breaks `pantau compare` in every database made before."""
    from pantau.storage import VIEWS

    Store(tmp_path / "v.db").close()
    with sqlite3.connect(tmp_path / "v.db") as conn:
        conn.execute("drop view perbandingan_layanan")
        conn.execute("create view perbandingan_layanan as select 1 as old")
    Store(tmp_path / "v.db").close()
    with sqlite3.connect(tmp_path / "v.db") as conn:
        [(sql,)] = conn.execute("select sql from sqlite_master where name = 'perbandingan_layanan'").fetchall()
        columns = [d[0] for d in conn.execute("select * from perbandingan_layanan").description]
    assert sql == f"CREATE VIEW perbandingan_layanan as {VIEWS['perbandingan_layanan']}" and "fee_max" in columns

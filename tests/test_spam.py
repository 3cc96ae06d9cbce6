"""Site integrity: injected gambling spam (extractors/spam.py, extractors/hidden.py, crawler/cloaking.py).

Unit tests on real texts (tests/fixtures/spam: excerpts of stored public pages, split by host) and synthetic
pages, then one real crawl of a hijacked site over 127.0.0.1 through `pantau audit --resolve`.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from crawler.cloaking import CloakCheck, ProbeBudget
from crawler.records import PageRecord
from extractors import build_page, extract
from extractors.model import SpamVerdict
from extractors.spam import assess, describe, is_spam_text
from pantau.recorder import Recorder
from pantau.storage import Store
from tests.helpers import rows, run_pantau
from tests.sites import hijacked
from tests.storage_data import record

FIXTURES = Path(__file__).parent / "fixtures" / "spam"
LABELS = yaml.safe_load((FIXTURES / "labels.yaml").read_text(encoding="utf-8"))["texts"]

STANDARD = """<html><head><title>Standar Pelayanan KTP-el</title></head><body><main>
<h1>Standar Pelayanan Penerbitan KTP-el</h1>
<h2>Persyaratan</h2><ol><li>Fotokopi Kartu Keluarga</li><li>Surat pengantar RT/RW</li></ol>
<h2>Prosedur</h2><ol><li>Pemohon datang ke loket</li><li>Perekaman biometrik</li><li>KTP-el dicetak</li></ol>
<h2>Waktu Penyelesaian</h2><p>1 (satu) hari kerja</p>
<h2>Biaya</h2><p>Gratis</p>
{extra}
</main></body></html>"""

HIDDEN_FARM = """<div style="display:none"><a href="https://slotgacor88.example/">slot gacor</a>
<a href="https://togel.example/">togel online</a> <a href="https://rtp.example/">rtp live maxwin</a></div>"""


def _page(html: str, url: str = "https://disdukcapil.contohkab.go.id/ktp-el"):
    return build_page(url, html.encode(), "text/html")


def _verdict(entry: dict) -> SpamVerdict | None:
    page = build_page(entry["url"], (FIXTURES / entry["file"]).read_bytes(), "text/plain")
    return assess(page)[1]


# ---- real texts -----------------------------------------------------------------------------------------

def test_the_labelled_texts_are_split_by_host_with_a_third_in_test():
    hosts = {}
    for e in LABELS:
        hosts.setdefault(e["host"], set()).add(e["file"].split("/")[0])
        assert (FIXTURES / e["file"]).is_file() and e["label"] in ("spam", "not_spam")
    assert all(len(splits) == 1 for splits in hosts.values())
    test_hosts = [h for h, s in hosts.items() if s == {"test"}]
    assert len(test_hosts) >= 0.3 * len(hosts) and len(LABELS) >= 40


@pytest.mark.parametrize("split", ["tuning", "test"])
def test_spam_precision_and_recall_on_real_texts(split):
    """Page level: a text is spam when its verdict is spam_page. News about gambling must never be spam."""
    tp = fp = fn = 0
    for e in (e for e in LABELS if e["file"].startswith(split + "/")):
        got = (v := _verdict(e)) is not None and v.kind == "spam_page"
        want = e["label"] == "spam"
        tp, fp, fn = tp + (got and want), fp + (got and not want), fn + (want and not got)
    precision, recall = tp / max(1, tp + fp), tp / max(1, tp + fn)
    assert precision == 1.0, (split, tp, fp, fn)
    assert recall >= 0.8, (split, tp, fp, fn)


@pytest.mark.parametrize("entry", [e for e in LABELS if e["label"] == "not_spam" and e["file"].startswith("test/")],
                         ids=lambda e: e["file"])
def test_news_about_online_gambling_is_not_spam(entry):
    assert _verdict(entry) is None or _verdict(entry).kind != "spam_page"


def test_the_real_corpus_gambling_terms_page_publishes_nothing():
    meta = yaml.safe_load((Path(__file__).parent / "fixtures/real/tuning/c2-61-situsslot-syarat-ketentuan.yaml")
                          .read_text(encoding="utf-8"))
    body = (Path(__file__).parent / "fixtures/real/tuning/c2-61-situsslot-syarat-ketentuan.txt").read_bytes()
    result = extract(build_page(meta["url"], body, "text/plain"))
    assert result.spam and result.spam.kind == "spam_page" and result.findings == []


# ---- blocks, hidden link farms --------------------------------------------------------------------------

def test_a_hidden_link_farm_is_dropped_and_the_real_standard_still_counts():
    clean = extract(_page(STANDARD.format(extra="")))
    hijacked_ = extract(_page(STANDARD.format(extra=HIDDEN_FARM)))
    assert clean.spam is None
    verdict = hijacked_.spam
    assert verdict.kind == "spam_links" and verdict.hidden == "display:none"
    assert {"slot gacor", "togel"} <= set(verdict.cues) and verdict.blocks >= 1
    assert "https://slotgacor88.example/" in verdict.links
    found = {f.component for f in hijacked_.findings}
    assert {"persyaratan", "prosedur", "waktu", "biaya"} <= found
    assert found == {f.component for f in clean.findings}
    assert not any("gacor" in f.snippet.lower() for f in hijacked_.findings)


def test_a_farm_hidden_by_a_css_class_or_off_screen_is_found():
    by_class = "<style>.x9{display:none}</style><div class='x9'>" + HIDDEN_FARM[29:]
    off_screen = HIDDEN_FARM.replace("display:none", "position:absolute;left:-9999px")
    for extra, how in ((by_class, "CSS .x9 {display:none}"), (off_screen, "di luar layar")):
        verdict = extract(_page(STANDARD.format(extra=extra))).spam
        assert verdict and verdict.kind == "spam_links" and verdict.hidden == how, (how, verdict)


def test_a_folded_accordion_is_hidden_but_not_spam():
    folded = STANDARD.format(extra="<div style='display:none'><h3>Pengaduan</h3><p>SP4N-LAPOR!</p></div>")
    assert extract(_page(folded)).spam is None


def test_one_mention_of_togel_on_a_standard_page_is_not_spam():
    extra = "<p>Maklumat: petugas dilarang menerima imbalan; laporkan pungli, judi dan togel ke pengaduan.</p>"
    result = extract(_page(STANDARD.format(extra=extra)))
    assert result.spam is None
    assert {"persyaratan", "biaya"} <= {f.component for f in result.findings}


def test_an_injected_visible_paragraph_is_dropped_not_the_page():
    extra = "<p>Slot gacor hari ini maxwin, daftar situs slot online dengan RTP live dan deposit pulsa.</p>"
    result = extract(_page(STANDARD.format(extra=extra)))
    assert result.spam.kind == "spam_links" and result.spam.hidden == ""
    assert {"persyaratan", "prosedur", "waktu", "biaya"} <= {f.component for f in result.findings}


def test_is_spam_text_tells_promotion_from_news():
    assert is_spam_text("Slot gacor hari ini gampang maxwin, RTP live tertinggi")
    assert not is_spam_text("Kominfo blokir situs judi online slot gacor, Satgas imbau warga menjauhi judi")


def test_the_verdict_is_checked_before_it_is_stored():
    with pytest.raises(ValueError):
        SpamVerdict("drop_table", ("x",), "s").checked()
    long = SpamVerdict("spam_page", tuple(f"c{i}" * 50 for i in range(40)), "x" * 5000).checked()
    assert len(long.cues) == 12 and len(long.snippet) == 300


def test_the_site_issue_sentence_is_indonesian_and_names_the_cues():
    verdict = SpamVerdict("spam_links", ("slot gacor", "togel"), "slot gacor", hidden="display:none", blocks=3)
    sentence = describe(verdict)
    assert "slot gacor, togel" in sentence and "tersembunyi dengan display:none" in sentence
    assert "3 blok" in sentence
    assert "Googlebot" in describe(verdict, url="http://a/", probe="http://a/")


def test_spam_vocabulary_lives_in_one_place():
    vocabulary = (Path(__file__).parent.parent / "config" / "vocabulary.yaml").read_text(encoding="utf-8")
    assert "spam_cues" not in vocabulary


# ---- cloaking -------------------------------------------------------------------------------------------

def test_the_probe_budget_is_per_host_and_bounded():
    budget = ProbeBudget(True, 2)
    claims = [budget.claim("a.go.id", f"http://a.go.id/{i}") for i in range(5)] + [budget.claim("b.go.id", "x")]
    assert claims == [True, True, False, False, False, True]
    assert not ProbeBudget(False, 3).claim("a.go.id", "http://a.go.id/")


def test_cloaking_is_paired_whichever_answer_comes_first():
    spam = SpamVerdict("spam_page", ("slot gacor",), "slot gacor")
    first, second = CloakCheck(), CloakCheck()
    assert first.normal("u", None) is None and first.probe("u", "u2", spam).probe_url == "u2"
    assert second.probe("u", "u", spam) is None and second.normal("u", None).verdict == spam
    assert CloakCheck().normal("u", spam) is None  # spam for everyone is a spam page, not cloaking
    both = CloakCheck()
    both.normal("u", spam)
    assert both.probe("u", "u", spam) is None


# ---- a real crawl of a hijacked site --------------------------------------------------------------------

def _audit(tmp_path, *flags):
    db = tmp_path / "pantau.db"
    with hijacked.HijackedSite() as site:
        result = run_pantau("audit", f"http://{hijacked.HOST}/", "--db", str(db), "--delay", "0", "--max-pages", "10",
                            "--json", "--resolve", f"{hijacked.HOST}=127.0.0.1:{site.port}", *flags, timeout=240)
    assert result.returncode == 0, result.stderr[-3000:]
    return db, site.log


def test_audit_of_a_hijacked_site_records_spam_keeps_the_standard_and_finds_cloaking(tmp_path):
    db, log = _audit(tmp_path)
    url = f"http://{hijacked.HOST}"
    issues = {i["kind"]: i for i in rows(db, "site_issues")}
    assert set(issues) >= {"spam_page", "spam_links", "cloaked"}, issues
    assert issues["spam_page"]["url"] == f"{url}/slot-gacor-hari-ini/"
    assert "slot gacor" in issues["spam_page"]["detail"] and issues["spam_page"]["unit"] == hijacked.HOST
    assert issues["spam_links"]["url"] == f"{url}/layanan/akta-kelahiran.html"
    assert "display:none" in issues["spam_links"]["detail"]
    assert issues["cloaked"]["url"] == f"{url}/" and "Googlebot" in issues["cloaked"]["detail"]
    # the spam page was fetched and stored, and publishes nothing
    assert rows(db, "pages", "url = ?", [f"{url}/slot-gacor-hari-ini/"])
    assert rows(db, "findings", "url = ?", [f"{url}/slot-gacor-hari-ini/"]) == []
    # the real standard beside the hidden farm is still found, without the farm's words
    akta = rows(db, "findings", "url = ?", [f"{url}/layanan/akta-kelahiran.html"])
    assert {"persyaratan", "prosedur", "waktu", "biaya"} <= {f["component"] for f in akta}
    assert not any("gacor" in f["snippet"].lower() for f in akta)
    # the home page was probed as Googlebot once, and no page more than once
    google = [path for path, agent in log if "Googlebot" in agent]
    assert "/" in google and len(google) == len(set(google)) <= 3
    # the next night: unchanged pages are carried over, and their spam (and the cloaking) is recorded again
    _audit(tmp_path)
    second = max(r["id"] for r in rows(db, "runs"))
    again = {i["kind"]: i["url"] for i in rows(db, "site_issues", "run_id = ?", [second])}
    assert again == {k: issues[k]["url"] for k in ("spam_page", "spam_links", "cloaked")}, again
    assert any(p["carried_from"] for p in rows(db, "pages", "run_id = ?", [second]))


def test_audit_without_the_probe_sends_no_crawler_user_agent(tmp_path):
    db, log = _audit(tmp_path, "--no-cloak-probe")
    assert not any("Googlebot" in agent for _, agent in log)
    assert "cloaked" not in {i["kind"] for i in rows(db, "site_issues")}


def test_the_verdict_crosses_the_distributed_wire_typed():
    """A worker's page message carries the verdict; a malformed one is refused at the boundary."""
    import json

    from crawler import wire
    from crawler.records import Document
    from extractors.model import Extraction

    verdict = SpamVerdict("spam_links", ("slot gacor",), "slot gacor", hidden="display:none", blocks=2)
    doc = Document("t", "x", "html", Extraction(url="u", title="t", source="html", spam=verdict))
    assert wire.build(Document, json.loads(wire.dumps(doc)), "doc").extraction.spam == verdict
    with pytest.raises(wire.WireError):
        wire.build(Document, json.loads(wire.dumps(doc).replace('"blocks": 2', '"blocks": "2"')), "doc")


def test_a_folded_maklumat_forbidding_togel_with_a_link_is_not_a_farm():
    folded = ("<div style='display:none'><h3>Maklumat</h3><p>Kantor bebas pungutan, judi dan togel. Sampaikan "
              "keluhan ke <a href='https://www.lapor.go.id/'>SP4N-LAPOR!</a></p></div>")
    result = extract(_page(STANDARD.format(extra=folded)))
    assert result.spam is None


def test_links_to_gambling_hosts_are_a_farm_but_government_hosts_are_not():
    farm = "".join(f"<a href='https://{h}/'>klik</a> " for h in ("slotgacor88.xyz", "togel-4d.net", "maxwin.vip"))
    verdict = extract(_page(STANDARD.format(extra=f"<p>{farm}</p>"))).spam
    assert verdict.kind == "spam_links" and "https://slotgacor88.xyz/" in verdict.links
    campus = "".join(f"<a href='https://{h}/'>klik</a> " for h in ("slot.ac.id", "togel.desa.id", "jackpot.go.id"))
    assert extract(_page(STANDARD.format(extra=f"<p>{campus}</p>"))).spam is None


def test_an_unchanged_spam_page_carried_over_is_recorded_again(tmp_path):
    """The next night the same bytes are not re-extracted: the spam issue they showed is recorded for the new
    run too (a real SQLite file, the Recorder the crawl uses)."""
    store = Store(tmp_path / "pantau.db")
    store.upsert_pemda("spamkab.go.id", name="Kabupaten Spam")
    first, second = (store.start_run("spamkab.go.id", "spamkab.go.id") for _ in range(2))
    url, unit = "http://spamkab.go.id/slot-gacor/", "spamkab.go.id"
    page_id = record(store, first, url, unit, None)
    store.record_site_issue(first, unit, "spam_page", "Halaman berisi spam judi online (kata: slot gacor)", url)
    store.record_site_issue(first, unit, "tls_expired", "sertifikat kedaluwarsa", url)
    fetched = PageRecord(url=url, unit=unit, status=200, content_type="text/html",
                         body_hash=store.pages_of_run(first)[url].content_hash or "", size=1, depth=0, fetched_at="")
    Recorder(store, tmp_path / "warc").carry_over(second, page_id, fetched)
    again = rows(store.path, "site_issues", "run_id = ?", [second])
    assert [(i["kind"], i["url"]) for i in again] == [("spam_page", url)]  # a certificate is checked anew

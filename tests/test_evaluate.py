"""evaluate(): the arithmetic on a tiny labelled directory."""

import textwrap

import pytest

from pantau.evaluate import evaluate, format_report, load_thresholds, names_match

GOOD = """<html><head><title>Akta Kelahiran</title></head><body><h1>Penerbitan Akta Kelahiran</h1>
<p>Persyaratan: Surat keterangan lahir</p><p>Waktu penyelesaian: 1 hari kerja</p><p>Biaya: Gratis</p>
<p>Produk: Akta Kelahiran</p><h3>Layanan Pengaduan</h3><p>WhatsApp: 0812-1111-2222</p></body></html>"""
NEWS = """<html><body><h1>Ombudsman dorong standar pelayanan</h1><p>Ombudsman dorong OPD lengkapi standar
pelayanan yang memuat persyaratan, prosedur, biaya.</p></body></html>"""
TRAP = """<html><body><h1>Layanan KTP</h1><p>Persyaratan: Fotokopi KK</p><p>Biaya: Rp 5.000,-</p></body></html>"""


def _write(tmp_path, name, body, label):
    (tmp_path / f"{name}.html").write_text(body, encoding="utf-8")
    (tmp_path / f"{name}.yaml").write_text(textwrap.dedent(label), encoding="utf-8")


@pytest.fixture()
def corpus(tmp_path):
    all_false = "\n".join(f"  {c}: false" for c in
                          ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat"))
    _write(tmp_path, "good", GOOD, """\
        url: https://x.go.id/akta
        components:
          persyaratan: true
          prosedur: false
          waktu: true
          biaya: true
          produk: true
          pengaduan: true
          maklumat: false
        services:
          - name: Akta Kelahiran
            components: [persyaratan, waktu, biaya, produk]
            values:
              biaya: {amount: 0}
              waktu: {amount: 1, unit: working_days}
              produk: akta kelahiran
        pengaduan_channels: [whatsapp, email]
        """)
    _write(tmp_path, "news", NEWS, "components:\n" + all_false + "\nservices: []\n")
    # labelled (wrongly, on purpose) so that the extractor's answer is one FP (biaya) and one FN (prosedur)
    _write(tmp_path, "trap", TRAP, """\
        components:
          persyaratan: true
          prosedur: true
          waktu: false
          biaya: false
          produk: false
          pengaduan: false
          maklumat: false
        services:
          - name: Pelayanan KTP-el
            components: [persyaratan, prosedur]
          - name: Kartu Keluarga
            components: [persyaratan]
        """)
    (tmp_path / "orphan.html").write_text("<p>no sidecar: ignored</p>")
    return tmp_path


def test_evaluate_counts(corpus):
    report = evaluate(corpus)
    assert report.pages == 3
    c = report.components
    assert (c["persyaratan"].tp, c["persyaratan"].fp, c["persyaratan"].fn) == (2, 0, 0)
    assert (c["biaya"].tp, c["biaya"].fp, c["biaya"].fn, c["biaya"].tn) == (1, 1, 0, 1)
    assert c["biaya"].precision == 0.5 and c["biaya"].recall == 1.0
    assert (c["prosedur"].tp, c["prosedur"].fn) == (0, 1) and c["prosedur"].recall == 0.0
    assert c["maklumat"].tn == 3 and c["maklumat"].precision == 1.0
    # services: "Penerbitan Akta Kelahiran" ~ "Akta Kelahiran", "Layanan KTP" ~ "Pelayanan KTP-el"; KK missed
    assert (report.services.tp, report.services.fp, report.services.fn) == (2, 0, 1)
    assert report.values["biaya"].right == 1 and report.values["biaya"].total == 1
    assert report.values["waktu"].value == 1.0 and report.values["produk"].value == 1.0
    ch = report.values["pengaduan_channels"]
    assert (ch.right, ch.total) == (1, 2)  # whatsapp found, email not published
    kinds = {(e.page, e.component, e.kind) for e in report.errors}
    assert ("trap.html", "biaya", "FP") in kinds and ("trap.html", "prosedur", "FN") in kinds
    assert ("trap.html", "service", "FN") in kinds
    assert ("good.html", "value:pengaduan_channels", "FN") in kinds


def test_thresholds_and_output(corpus, tmp_path):
    report = evaluate(corpus)
    assert not report.passed({"min_precision": 0.95, "min_recall": 0.95})
    assert report.passed({"min_precision": 0.0, "min_recall": 0.0})
    lenient = {"min_precision": 0.95, "min_recall": 0.95,
               "components": {c: {"min_precision": 0.5, "min_recall": 0.0} for c in report.components}}
    assert report.passed(lenient)
    text = format_report(report, {"min_precision": 0.95, "min_recall": 0.95})
    assert "biaya" in text and "0.500" in text and "FAIL" in text
    d = report.to_dict()
    assert d["components"]["biaya"]["fp"] == 1 and d["pages"] == 3 and d["errors"]
    assert load_thresholds()["min_precision"] == 0.95


def test_names_match_loosely():
    assert names_match("Penerbitan Akta Kelahiran", "akta kelahiran")
    assert names_match("Pelayanan KTP-el", "Layanan KTP")
    assert not names_match("Akta Kematian", "Kartu Keluarga")

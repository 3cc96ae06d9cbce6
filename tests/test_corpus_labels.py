"""The labelled corpora are well formed, so that a malformed label fails CI instead of being scored.

Synthetic corpus (tests/fixtures/pages, tests/fixtures/holdout): the regression suite. Real corpus
(tests/fixtures/real/{tuning,holdout}, docs/real-corpus.md): real page texts, split by host. The label check
itself is pantau.evaluate.validate_label, the one `pantau eval` applies to users' directories. These tests read
held-out *labels* only to check their shape and the split; they never look at what an extractor says.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from pantau.corpus import HOLDOUT, LAYOUTS, TUNING, host_of, split_of
from pantau.evaluate import PAGE_EXTENSIONS, validate_label

FIXTURES = Path(__file__).parent / "fixtures"
SYNTHETIC = {"pages": 100, "holdout": 30}  # minimum number of labelled pages per directory
REAL = FIXTURES / "real"
REAL_KEYS = ("url", "host", "layout", "genre", "labeller")


def _sidecars(d: Path) -> list[Path]:
    return sorted(d.glob("*.yaml"))


def _page_file(sidecar: Path) -> Path | None:
    found = [sidecar.with_suffix(ext) for ext in PAGE_EXTENSIONS if sidecar.with_suffix(ext).exists()]
    return found[0] if len(found) == 1 else None


def _load(sidecar: Path) -> dict:
    return yaml.safe_load(sidecar.read_text(encoding="utf-8"))


ALL_SYNTHETIC = [(d, p) for d in SYNTHETIC for p in _sidecars(FIXTURES / d)]
ALL_REAL = [(f"real/{split}", p) for split in (TUNING, HOLDOUT) for p in _sidecars(REAL / split)]


@pytest.mark.parametrize("d,minimum", SYNTHETIC.items())
def test_synthetic_corpus_size(d: str, minimum: int) -> None:
    assert len(_sidecars(FIXTURES / d)) >= minimum


@pytest.mark.parametrize("d", [FIXTURES / d for d in SYNTHETIC] + [REAL / TUNING, REAL / HOLDOUT],
                         ids=[*SYNTHETIC, "real-tuning", "real-holdout"])
def test_every_page_has_a_sidecar(d: Path) -> None:
    missing = [p.name for p in d.iterdir() if p.suffix in PAGE_EXTENSIONS and not p.with_suffix(".yaml").exists()]
    assert not missing, f"pages without a sidecar: {missing}"


def test_no_duplicate_page_bodies() -> None:
    seen: dict[bytes, str] = {}
    for d, p in ALL_SYNTHETIC + ALL_REAL:
        f = _page_file(p)
        if f is None:
            continue
        body = f.read_bytes()
        assert body not in seen, f"{d}/{f.name} is a byte copy of {seen[body]}"
        seen[body] = f"{d}/{f.name}"


@pytest.mark.parametrize("d,sidecar", ALL_SYNTHETIC + ALL_REAL,
                         ids=[f"{d}/{p.stem}" for d, p in ALL_SYNTHETIC + ALL_REAL])
def test_sidecar_is_valid(d: str, sidecar: Path) -> None:
    page = _page_file(sidecar)
    assert page is not None, "no page file (or more than one) next to the sidecar"
    assert page.stat().st_size > 0
    label = _load(sidecar)
    assert validate_label(label, page) == []
    assert label.get("url"), "url required"
    if d in SYNTHETIC:
        assert host_of(label["url"]).endswith(".go.id"), "synthetic pages pretend to be on go.id hosts"


def test_validate_label_reports_what_is_wrong() -> None:
    good = {"url": "https://a.go.id/x", "components": {c: False for c in
            ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat")}, "services": []}
    assert validate_label(good) == []
    bad = dict(good, components=dict(good["components"], biaya=True), layout="poster", colour="red")
    problems = " | ".join(validate_label(bad))
    assert "unknown keys" in problems and "layout" in problems and "biaya is true but no service" in problems


def test_evidence_quotes_must_be_found_on_the_page(tmp_path: Path) -> None:
    page = tmp_path / "p.txt"
    page.write_text("Persyaratan :\n  1. Fotokopi   KTP\n2. Pas foto\nBiaya : Gratis\n", encoding="utf-8")
    label = {"url": "https://a.go.id/x", "services": [{"name": "KTP", "components": ["persyaratan"]}],
             "components": {c: c == "persyaratan" for c in
                            ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat")}}
    # whitespace differs from the page: still found
    assert validate_label(dict(label, evidence={"persyaratan": ["Persyaratan : 1. Fotokopi KTP"]}), page) == []
    problems = " | ".join(validate_label(dict(label, evidence={
        "persyaratan": ["Fotokopi KK dan KTP"], "biaya": ["Biaya : Gratis"], "waktu": "3 hari",
        "prosedur": ["Pas foto"] * 7}), page))
    assert "persyaratan is not in the page" in problems
    assert "evidence for biaya but biaya is false" in problems
    assert "waktu must be a non-empty list" in problems
    assert "evidence for prosedur: at most 6 quotes" in problems


# ---------------------------------------------------------------------------------------------------
# the real corpus: size, diversity and an honest split (issue: real-world accuracy)


def _real_labels() -> list[tuple[str, dict]]:
    return [(d.removeprefix("real/"), _load(p)) for d, p in ALL_REAL]


def test_real_corpus_is_large_and_diverse() -> None:
    labels = _real_labels()
    hosts = {lab["host"] for _, lab in labels}
    assert len(labels) >= 300, f"only {len(labels)} real pages"
    assert len(hosts) >= 100, f"only {len(hosts)} hosts"
    negatives = sum(1 for _, lab in labels if not any(lab["components"].values()))
    assert negatives >= 0.25 * len(labels), f"negatives {negatives}/{len(labels)}"
    per_host = Counter(lab["host"] for _, lab in labels)
    # SIPPN (sippn.menpan.go.id) carries pages of many pemda on one host; no host may exceed a tenth of the corpus
    assert max(per_host.values()) <= 0.10 * len(labels), f"one host dominates the corpus: {per_host.most_common(1)}"


def test_real_pages_carry_their_source_and_family() -> None:
    for split, lab in _real_labels():
        missing = [k for k in REAL_KEYS if not lab.get(k)]
        assert not missing, f"{lab.get('url')}: missing {missing}"
        assert lab["layout"] in LAYOUTS
        if lab["services"]:
            assert lab["layout"] != "none", f"{lab['url']}: a page that publishes a service's standard has a layout"


def test_real_corpus_is_split_by_host() -> None:
    sides: dict[str, set[str]] = {}
    for split, lab in _real_labels():
        assert split_of(lab["host"]) == split, f"{lab['url']} is in {split}, its host belongs in {split_of(lab['host'])}"
        sides.setdefault(lab["host"], set()).add(split)
    assert not [h for h, s in sides.items() if len(s) > 1], "a host on both sides"
    held = sum(1 for s in sides.values() if HOLDOUT in s)
    assert held >= 0.30 * len(sides), f"only {held}/{len(sides)} hosts held out"


def test_split_is_a_fixed_function_of_the_host() -> None:
    assert split_of("https://www.lamuk.desa.id/layanan") == split_of("lamuk.desa.id") == split_of("LAMUK.desa.id")
    assert {split_of(f"desa{i}.go.id") for i in range(50)} == {TUNING, HOLDOUT}

"""Validates the labelled accuracy corpus (docs/labels.md) so that a malformed label fails CI.

Checks every sidecar in tests/fixtures/pages/ (tuning set) and tests/fixtures/holdout/ (held out).
This test reads the holdout *labels* only to check their shape; it never looks at what an extractor says.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

FIXTURES = Path(__file__).parent / "fixtures"
DIRS = {"pages": 100, "holdout": 30}  # minimum number of labelled pages per directory

PAGE_EXTS = (".html", ".htm", ".pdf", ".txt")
COMPONENTS = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan", "maklumat")
SERVICE_COMPONENTS = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan")
UNIT_LEVEL = ("pengaduan", "maklumat")  # may be true at page level without a service
WAKTU_UNITS = ("minutes", "hours", "working_days", "days", "on_the_spot")
CHANNELS = ("lapor", "whatsapp", "phone", "sms", "email", "web_form", "kotak_saran", "desk", "social_media")
TOP_KEYS = {"url", "description", "tags", "encoding", "components", "services", "pengaduan_channels"}
REQUIRED_KEYS = {"url", "description", "tags", "components", "services", "pengaduan_channels"}


def _sidecars(d: str) -> list[Path]:
    return sorted((FIXTURES / d).glob("*.yaml"))


ALL = [(d, p) for d in DIRS for p in _sidecars(d)]


def _page_file(sidecar: Path) -> Path | None:
    found = [sidecar.with_suffix(ext) for ext in PAGE_EXTS if sidecar.with_suffix(ext).exists()]
    return found[0] if len(found) == 1 else None


@pytest.mark.parametrize("d,minimum", DIRS.items())
def test_corpus_size(d: str, minimum: int) -> None:
    assert len(_sidecars(d)) >= minimum, f"{d}: only {len(_sidecars(d))} labelled pages"


@pytest.mark.parametrize("d", list(DIRS))
def test_every_page_has_a_sidecar(d: str) -> None:
    missing = [p.name for p in (FIXTURES / d).iterdir()
               if p.suffix in PAGE_EXTS and not p.with_suffix(".yaml").exists()]
    assert not missing, f"pages without a sidecar: {missing}"


def test_names_do_not_overlap_between_sets() -> None:
    a = {p.stem for p in _sidecars("pages")}
    b = {p.stem for p in _sidecars("holdout")}
    assert not (a & b), f"same page name in both sets: {sorted(a & b)}"


def test_no_duplicate_page_bodies() -> None:
    seen: dict[bytes, str] = {}
    for d, p in ALL:
        f = _page_file(p)
        if f is None:
            continue
        body = f.read_bytes()
        assert body not in seen, f"{d}/{f.name} is a byte copy of {seen[body]}"
        seen[body] = f"{d}/{f.name}"


@pytest.mark.parametrize("d,sidecar", ALL, ids=[f"{d}/{p.stem}" for d, p in ALL])
def test_sidecar(d: str, sidecar: Path) -> None:
    label = yaml.safe_load(sidecar.read_text(encoding="utf-8"))
    assert isinstance(label, dict), "sidecar is not a mapping"
    assert REQUIRED_KEYS <= set(label), f"missing keys: {REQUIRED_KEYS - set(label)}"
    assert set(label) <= TOP_KEYS, f"unknown keys: {set(label) - TOP_KEYS}"

    # the page itself
    page = _page_file(sidecar)
    assert page is not None, "no page file (or more than one) next to the sidecar"
    body = page.read_bytes()
    assert len(body) > 0, "page file is empty"
    if page.suffix == ".pdf":
        assert body.startswith(b"%PDF-"), "not a PDF"

    assert isinstance(label["url"], str) and label["url"].startswith(("http://", "https://")), "bad url"
    host = label["url"].split("/")[2].split(":")[0]
    assert host.endswith(".go.id"), f"url host {host} is not a go.id host"
    assert isinstance(label["description"], str) and label["description"].strip(), "description required"
    assert isinstance(label["tags"], list) and all(isinstance(t, str) for t in label["tags"]), "tags must be a list of strings"

    encoding = label.get("encoding")
    if encoding is not None:
        assert isinstance(encoding, str)
        "".encode(encoding)  # a known codec
        if page.suffix in (".html", ".htm", ".txt"):
            body.decode(encoding)  # decodes cleanly in the declared encoding
    elif page.suffix in (".html", ".htm", ".txt"):
        body.decode("utf-8")  # no encoding given: must be valid UTF-8

    # page-level components: all seven, booleans
    comps = label["components"]
    assert isinstance(comps, dict) and set(comps) == set(COMPONENTS), f"components must have exactly {COMPONENTS}"
    for k, v in comps.items():
        assert isinstance(v, bool), f"components.{k} is not a boolean"

    # services
    services = label["services"]
    assert isinstance(services, list), "services must be a list"
    names = []
    seen_comps: set[str] = set()
    for s in services:
        assert isinstance(s, dict) and set(s) <= {"name", "components", "values"}, f"bad service entry {s}"
        assert isinstance(s.get("name"), str) and s["name"].strip(), "service name required"
        names.append(s["name"].strip().lower())
        sc = s.get("components")
        assert isinstance(sc, list) and sc, f"{s['name']}: components must be a non-empty list"
        assert set(sc) <= set(SERVICE_COMPONENTS), f"{s['name']}: unknown components {set(sc) - set(SERVICE_COMPONENTS)}"
        assert len(sc) == len(set(sc)), f"{s['name']}: duplicate components"
        seen_comps |= set(sc)
        values = s.get("values") or {}
        assert isinstance(values, dict) and set(values) <= {"biaya", "waktu", "produk"}, f"{s['name']}: bad values"
        for k in values:
            assert k in sc, f"{s['name']}: value for {k} but {k} not among its components"
        if "biaya" in values:
            b = values["biaya"]
            assert isinstance(b, dict) and b and set(b) <= {"amount", "regulation"}, f"{s['name']}: bad biaya {b}"
            if "amount" in b:
                assert isinstance(b["amount"], int) and not isinstance(b["amount"], bool) and b["amount"] >= 0
            if "regulation" in b:
                assert b["regulation"] is True
        if "waktu" in values:
            w = values["waktu"]
            assert isinstance(w, dict) and w.get("unit") in WAKTU_UNITS, f"{s['name']}: bad waktu {w}"
            assert set(w) <= {"amount", "unit"}
            if w["unit"] != "on_the_spot":
                a = w.get("amount")
                assert isinstance(a, (int, float)) and not isinstance(a, bool) and a > 0, f"{s['name']}: waktu amount"
        if "produk" in values:
            assert isinstance(values["produk"], str) and values["produk"].strip()
    assert len(names) == len(set(names)), "duplicate service names"

    for c in seen_comps:
        assert comps[c], f"a service has {c} but the page-level {c} is false"
    for c in COMPONENTS:
        if c not in UNIT_LEVEL and comps[c]:
            assert c in seen_comps, f"page-level {c} is true but no service publishes it"

    # complaint channels
    ch = label["pengaduan_channels"]
    assert isinstance(ch, list) and set(ch) <= set(CHANNELS), f"unknown channel types {set(ch) - set(CHANNELS)}"
    assert len(ch) == len(set(ch)), "duplicate channel types"
    if ch:
        assert comps["pengaduan"], "channels listed but pengaduan is false"
    if comps["pengaduan"]:
        assert ch, "pengaduan is true but no channel listed"

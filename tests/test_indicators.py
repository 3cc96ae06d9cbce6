"""scoring/indicators.py: the PEKPPP publication indicator proxy per unit, from findings and outlinks alone."""

from __future__ import annotations

import json

import pytest
import yaml
from pantau_config import read_text

from scoring.indicators import (
    IndicatorConfig,
    IndicatorConfigError,
    load_indicator_config,
    unit_indicators,
)

UNIT = "dinas.ujikab.go.id"


def _finding(component: str, source: str = "html", service: str | None = "Akta Kelahiran", unit: str = UNIT,
             url: str = "http://dinas.ujikab.go.id/sp") -> dict:
    return {"unit": unit, "service": service, "component": component, "source": source, "url": url}


def _page(*kinds: str, unit: str = UNIT, as_json: bool = False) -> dict:
    outlinks = [{"url": f"https://{k}.example/{i}", "text": k, "kind": k} for i, k in enumerate(kinds)]
    return {"unit": unit, "url": f"http://{unit}/", "outlinks": json.dumps(outlinks) if as_json else outlinks}


def _one(findings, pages):
    [unit] = unit_indicators(findings, pages, load_indicator_config())
    return unit


def test_a_site_with_nothing_published_gets_the_lowest_values():
    unit = _one([], [_page()])
    assert unit.media_count == 0 and not any(unit.media.values()) and not unit.maklumat
    assert (unit.media_value, unit.maklumat_value, unit.index, unit.category) == (0.0, 0.0, 0.0, "F")


def test_a_unit_wide_complaints_channel_is_not_a_published_standard():
    unit = _one([_finding("pengaduan", service=None)], [_page()])
    assert unit.media["website"] is False


def test_each_medium_comes_from_its_source_or_outlink_kind():
    findings = [_finding("persyaratan", "html+js"), _finding("biaya", "docx", url="http://d/sp.docx"),
                _finding("waktu", "ocr", url="http://d/sp.jpg")]
    unit = _one(findings, [_page("sippn", "social", "app", "lapor", as_json=True)])
    assert unit.media == {"website": True, "document": True, "image": True, "sippn": True, "social": True,
                          "app": True}
    assert unit.media_count == 6 and unit.media_value == 5.0
    assert unit.evidence["document"] == ["http://d/sp.docx"]
    assert unit.evidence["sippn"] == ["https://sippn.example/0"]  # the linked account, not the page
    assert "lapor" not in unit.evidence  # a complaints channel, not a publication medium


def test_scale_maklumat_and_category():
    # two media (website, social) -> 3; maklumat -> 5; index 4.0 -> B (3.51 <= 4.0 < 4.01)
    unit = _one([_finding("prosedur"), _finding("maklumat", service=None)], [_page("social")])
    assert (unit.media_count, unit.media_value, unit.maklumat, unit.maklumat_value) == (2, 3.0, True, 5.0)
    assert (unit.index, unit.category) == (4.0, "B")
    assert unit.evidence["maklumat"] == ["http://dinas.ujikab.go.id/sp"]


def test_units_are_kept_apart_and_sorted():
    units = unit_indicators([_finding("biaya", unit="b.ujikab.go.id")], [_page("app", unit="a.ujikab.go.id")])
    assert [(u.unit, u.media_count) for u in units] == [("a.ujikab.go.id", 1), ("b.ujikab.go.id", 1)]
    assert units[0].media["app"] and units[1].media["website"]


def test_hostile_outlinks_are_ignored():
    pages = [{"unit": UNIT, "url": "u", "outlinks": "not json"}, {"unit": UNIT, "url": "u", "outlinks": [1, None]},
             {"unit": UNIT, "url": "u", "outlinks": {"kind": "social"}},
             {"unit": UNIT, "url": "u", "outlinks": '[{"kind": ["social"], "url": "x"}, {"kind": {"a": 1}}]'}]
    assert _one([], pages).media_count == 0


def test_evidence_is_bounded():
    findings = [_finding("persyaratan", url=f"http://d/{i}") for i in range(50)]
    assert len(_one(findings, []).evidence["website"]) == load_indicator_config().max_evidence


def test_config_without_a_zero_row_is_refused():
    data = yaml.safe_load(read_text("indicators.yaml"))
    data["media_scale"] = [r for r in data["media_scale"] if r["min"] > 0]
    with pytest.raises(IndicatorConfigError, match="min 0"):
        IndicatorConfig.from_dict(data)
    del data["weights"]
    with pytest.raises(IndicatorConfigError, match="missing or bad value"):
        IndicatorConfig.from_dict(data)


def test_all_six_components_of_one_service_are_noted_apart_from_the_index():
    six = ["persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan"]
    split = [_finding(c, service="KTP" if i % 2 else "KK") for i, c in enumerate(six)]  # 3 + 3: incomplete
    assert not _one(split, []).all_components
    whole = [_finding(c, "pdf" if i < 3 else "html") for i, c in enumerate(six)]  # one service, two media
    unit = _one(whole, [])
    assert unit.all_components and unit.media_count == 2

"""Scoring: findings + config -> service, unit and pemda scores, every point traced to a finding."""

from pathlib import Path

import pytest

from scoring import ScoringConfigError, load_config, score_pemda, service_key

SIX = ("persyaratan", "prosedur", "waktu", "biaya", "produk", "pengaduan")
# The tests' own config: tuning config/scoring.yaml must not change what these tests expect.
FIXTURE_CONFIG = Path(__file__).parent / "fixtures" / "scoring.yaml"


@pytest.fixture(scope="module")
def config():
    return load_config(FIXTURE_CONFIG)


def test_the_shipped_config_is_valid():
    assert set(load_config().service_components) <= set(SIX)  # loads and validates; its numbers are not pinned


class Findings:
    """Hand-made findings with fresh ids."""

    def __init__(self):
        self.rows = []

    def add(self, unit, component, service=None, **extra):
        row = {"id": len(self.rows) + 1, "unit": unit, "service": service, "component": component, **extra}
        self.rows.append(row)
        return row["id"]

    def service(self, unit, name, components):
        return [self.add(unit, c, name) for c in components]


def sample():
    """Dukcapil: two services (one complete) + maklumat + unit-wide pengaduan; Dinsos: one partial
    service, no unit items; Portal: only a maklumat; Jdih: fetched, nothing found."""
    f = Findings()
    f.service("dukcapil.x.go.id", "Pelayanan Akta Kelahiran", ["persyaratan", "prosedur", "waktu"])
    f.service("dukcapil.x.go.id", "Akta Kelahiran", ["biaya", "produk"])
    f.service("dukcapil.x.go.id", "Penerbitan KTP-el", ["persyaratan", "biaya"])
    f.add("dukcapil.x.go.id", "maklumat")
    f.add("dukcapil.x.go.id", "pengaduan", channels=["lapor"])
    f.service("dinsos.x.go.id", "Rekomendasi PBI", ["persyaratan", "prosedur", "waktu"])
    f.add("x.go.id", "maklumat")
    units = ["dukcapil.x.go.id", "dinsos.x.go.id", "x.go.id", "jdih.x.go.id"]
    return units, f.rows


def test_service_names_normalise_to_one_key(config):
    assert service_key("Pelayanan Akta Kelahiran", config) == service_key("Akta Kelahiran", config)
    assert service_key("1. AKTA  KELAHIRAN.", config) == "akta kelahiran"
    assert service_key("Penerbitan KTP-el", config) == "ktp el"
    assert service_key("Akta Kematian", config) != service_key("Akta Kelahiran", config)
    assert service_key("Pelayanan", config) == "pelayanan"  # nothing left: keep the filler word


def test_scoring_and_segmentation_share_one_meaning_of_the_same_service():
    from extractors.names import service_key as extractor_key

    for name in ("Pelayanan Akta Kelahiran", "2) KTP-el", "Standar Pelayanan Izin Reklame", "SOP Legalisir"):
        assert service_key(name) == extractor_key(name)


def test_same_key_in_one_unit_is_one_service(config):
    units, findings = sample()
    dukcapil = score_pemda("x.go.id", units, findings, config).unit("dukcapil.x.go.id")
    assert sorted(s.key for s in dukcapil.services) == ["akta kelahiran", "ktp el"]
    akta = next(s for s in dukcapil.services if s.key == "akta kelahiran")
    assert akta.components == {c: True for c in SIX}  # 5 from two names + unit pengaduan
    assert akta.score == 100.0 and akta.zone == "hijau" and akta.letter == "A"
    assert akta.inherited == ["pengaduan"]
    assert set(akta.names) == {"Pelayanan Akta Kelahiran", "Akta Kelahiran"}


def test_same_name_in_two_units_is_two_services(config):
    f = Findings()
    f.add("a.x.go.id", "persyaratan", "Akta Kelahiran")
    f.add("b.x.go.id", "persyaratan", "Pelayanan Akta Kelahiran")
    result = score_pemda("x.go.id", [], f.rows, config)
    assert [len(u.services) for u in result.units] == [1, 1]


def test_every_point_is_traceable_to_a_finding(config):
    units, findings = sample()
    by_id = {f["id"]: f for f in findings}
    result = score_pemda("x.go.id", units, findings, config)
    for unit in result.units:
        for s in unit.services:
            assert set(s.points) == set(s.evidence) == set(SIX)
            for component, points in s.points.items():
                ids = s.evidence[component]
                assert (points > 0) == bool(ids), (s.key, component)
                for i in ids:
                    f = by_id[i]
                    assert f["unit"] == unit.unit and f["component"] == component
                    if component in s.inherited:
                        assert f["service"] is None
                    else:
                        assert service_key(f["service"], config) == s.key
            assert s.score == pytest.approx(sum(s.points.values()), abs=0.05)
        for part in ("services", "maklumat", "pengaduan"):
            assert (unit.points[part] > 0) == bool(unit.evidence[part]), (unit.unit, part)
            assert all(by_id[i]["unit"] == unit.unit for i in unit.evidence[part])
        assert all(by_id[i]["component"] == "maklumat" for i in unit.evidence["maklumat"])
        assert unit.score == pytest.approx(sum(unit.points.values()), abs=0.05)
    assert set(result.evidence) == set(result.points) == set(units)  # every counted unit
    for host, ids in result.evidence.items():
        assert (result.points[host] > 0) == bool(ids), host
        assert all(by_id[i]["unit"] == host for i in ids)
    assert result.evidence["jdih.x.go.id"] == []  # fetched, earned nothing
    assert sorted(i for ids in result.evidence.values() for i in ids) == [f["id"] for f in findings]


def test_unit_and_pemda_aggregation(config):
    units, findings = sample()
    result = score_pemda("x.go.id", units, findings, config)
    dukcapil = result.unit("dukcapil.x.go.id")
    # akta 100, ktp-el: persyaratan, biaya + inherited pengaduan = 3/6 = 50 -> mean 75
    assert [s.score for s in dukcapil.services] == [100.0, 50.0]
    assert dukcapil.components == {"services": 75.0, "maklumat": True, "pengaduan": True}
    assert dukcapil.score == 0.7 * 75 + 15 + 15 == 82.5
    assert (dukcapil.zone, dukcapil.letter) == ("hijau", "B")
    dinsos = result.unit("dinsos.x.go.id")
    assert dinsos.score == 0.7 * 50 == 35.0 and not dinsos.maklumat and not dinsos.pengaduan
    portal = result.unit("x.go.id")
    assert portal.services == [] and portal.score == 15.0  # no services: only what it has
    jdih = result.unit("jdih.x.go.id")
    assert jdih.score == 0.0 and jdih.counted  # fetched, published nothing: counts as 0
    assert result.score == 33.13  # (82.5 + 35 + 15 + 0) / 4 = 33.125, halves round up
    assert (result.zone, result.letter) == ("merah", "D")
    assert result.to_dict()["units"][0]["services"][0]["evidence"]


@pytest.mark.parametrize("score, zone, letter", [
    (100, "hijau", "A"), (88, "hijau", "A"), (87.99, "hijau", "B"), (81, "hijau", "B"),
    (80.99, "kuning", "B"), (78, "kuning", "B"), (77.99, "kuning", "C"), (54, "kuning", "C"),
    (53.99, "kuning", "D"), (51, "kuning", "D"), (50.99, "merah", "D"), (32, "merah", "D"),
    (31.99, "merah", "E"), (0, "merah", "E"),
])
def test_zone_and_letter_boundaries(config, score, zone, letter):
    assert config.zone_for(score) == zone
    assert config.letter_for(score) == letter


@pytest.mark.parametrize("weight, zone", [(50.99, "merah"), (51, "kuning"), (80.99, "kuning"), (81, "hijau")])
def test_boundary_scores_from_findings(config, weight, zone):
    # A complete service and no maklumat/pengaduan: the unit (and pemda) score is the services weight.
    cfg = config.with_overrides({"unit": {"weights": {"services": weight, "maklumat": 100 - weight, "pengaduan": 0}},
                                 "service": {"unit_pengaduan_counts": False}})
    f = Findings()
    f.service("a.x.go.id", "Akta", SIX)
    result = score_pemda("x.go.id", ["a.x.go.id"], f.rows, cfg)
    assert (result.score, result.zone) == (weight, zone)
    assert result.units[0].evidence["maklumat"] == [] and result.units[0].points["maklumat"] == 0


def test_config_overrides_change_the_result(config):
    units, findings = sample()
    base = score_pemda("x.go.id", units, findings, config)

    no_inherit = config.with_overrides({"service": {"unit_pengaduan_counts": False}})
    akta = score_pemda("x.go.id", units, findings, no_inherit).unit("dukcapil.x.go.id").services[0]
    assert akta.score == round(500 / 6, 2) and not akta.components["pengaduan"] and akta.evidence["pengaduan"] == []

    only_publishers = config.with_overrides({"pemda": {"units": "with_services"}})
    result = score_pemda("x.go.id", units, findings, only_publishers)
    assert [u.unit for u in result.counted_units] == ["dinsos.x.go.id", "dukcapil.x.go.id"]
    assert result.score == round((82.5 + 35) / 2, 2) > base.score

    excluded = config.with_overrides({"pemda": {"exclude_units": ["jdih"]}})
    assert not score_pemda("x.go.id", units, findings, excluded).unit("jdih.x.go.id").counted

    weighted = config.with_overrides({"service": {"components": {"persyaratan": 4}}})
    dinsos = score_pemda("x.go.id", units, findings, weighted).unit("dinsos.x.go.id").services[0]
    assert dinsos.score == round(100 * 6 / 9, 2)  # persyaratan 4 + prosedur 1 + waktu 1 of 9

    no_letters = config.with_overrides({"letters": {"enabled": False}})
    assert score_pemda("x.go.id", units, findings, no_letters).letter is None



def test_min_confidence_drops_weak_findings(config):
    f = Findings()
    f.add("a.x.go.id", "persyaratan", "Akta", confidence=0.3)
    f.add("a.x.go.id", "prosedur", "Akta", confidence=0.9)
    strict = config.with_overrides({"findings": {"min_confidence": 0.5}})
    service = score_pemda("x.go.id", [], f.rows, strict).units[0].services[0]
    assert service.evidence["persyaratan"] == [] and service.evidence["prosedur"] == [2]


def test_unfetched_unit_is_not_counted_and_empty_pemda_scores_zero(config):
    result = score_pemda("x.go.id", [{"unit": "dead.x.go.id", "pages": 3, "pages_ok": 0}], [], config)
    assert not result.units[0].counted
    assert (result.score, result.zone, result.letter) == (0.0, "merah", "E")


def test_bad_config_is_refused(config, tmp_path):
    with pytest.raises(ScoringConfigError, match="pemda.units"):
        config.with_overrides({"pemda": {"units": "some"}})
    with pytest.raises(ScoringConfigError, match="unit.weights"):
        config.with_overrides({"unit": {"weights": {"extra": 1}}})
    path = tmp_path / "scoring.yaml"
    path.write_text("service: {}\n")
    with pytest.raises(ScoringConfigError, match="missing key"):
        load_config(path)
    with pytest.raises(ScoringConfigError, match="cannot read"):
        load_config(tmp_path / "nope.yaml")


def test_load_config_reads_the_config_dir(tmp_path, monkeypatch, config):
    text = FIXTURE_CONFIG.read_text(encoding="utf-8")
    (tmp_path / "scoring.yaml").write_text(text.replace("services: 70", "services: 0"))
    monkeypatch.setenv("PANTAU_CONFIG_DIR", str(tmp_path))
    units, findings = sample()
    result = score_pemda("x.go.id", units, findings)  # config=None: loads from PANTAU_CONFIG_DIR
    assert result.unit("dinsos.x.go.id").score == 0.0


def test_a_misspelt_component_in_the_scoring_config_is_a_load_error(config):
    with pytest.raises(ScoringConfigError, match="unknown keys"):
        config.with_overrides({"service": {"components": {"persyaratn": 1}}})

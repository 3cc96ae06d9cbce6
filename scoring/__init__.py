"""Scoring: findings + `config/scoring.yaml` -> per-service, per-unit (OPD host) and per-pemda scores.

Pure: the only I/O is reading the YAML config. Each score carries a zone (hijau/kuning/merah), an optional
letter (A-E) and, per component, the ids of the findings that earned its points.

    from scoring import load_config, score_pemda
    result = score_pemda("lampungtimurkab.go.id", units, findings, load_config())
    result.to_dict()
"""

from scoring.config import Band, ScoringConfig, ScoringConfigError, default_config_path, load_config
from scoring.score import PemdaScore, ServiceScore, UnitScore, score_pemda, score_service, score_unit, service_key

__all__ = [
    "Band",
    "PemdaScore",
    "ScoringConfig",
    "ScoringConfigError",
    "ServiceScore",
    "UnitScore",
    "default_config_path",
    "load_config",
    "score_pemda",
    "score_service",
    "score_unit",
    "service_key",
]

"""One finder per component, all with the same contract: `find(section, ctx) -> list[Finding]`.

Each module also exposes its value normaliser (biaya.parse, waktu.parse, pengaduan.parse_channels, ...).
"""

from __future__ import annotations

from . import biaya, maklumat, pengaduan, persyaratan, produk, prosedur, waktu
from ..model import COMPONENTS
from .base import Context

FINDERS = {
    "persyaratan": persyaratan.find,
    "prosedur": prosedur.find,
    "waktu": waktu.find,
    "biaya": biaya.find,
    "produk": produk.find,
    "pengaduan": pengaduan.find,
    "maklumat": maklumat.find,
}
# every component of the registry (extractors.model.COMPONENT_SPECS) has exactly one finder: checked on import
if set(FINDERS) != set(COMPONENTS):
    raise RuntimeError(f"finders {sorted(FINDERS)} do not match the components {list(COMPONENTS)}")

__all__ = ["FINDERS", "Context", "biaya", "maklumat", "pengaduan", "persyaratan", "produk", "prosedur", "waktu"]

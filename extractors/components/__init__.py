"""One finder per component, all with the same contract: `find(section, ctx) -> list[Finding]`.

Each module also exposes its value normaliser (biaya.parse, waktu.parse, pengaduan.parse_channels, ...).
"""

from __future__ import annotations

from . import biaya, maklumat, pengaduan, persyaratan, produk, prosedur, waktu
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

__all__ = ["FINDERS", "Context", "biaya", "maklumat", "pengaduan", "persyaratan", "produk", "prosedur", "waktu"]

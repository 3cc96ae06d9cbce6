"""persyaratan: the requirements, as a list of items ("Fotokopi KTP", "Surat pengantar RT/RW", ...)."""

from __future__ import annotations

from ..fields import Section
from ..vocab import cached, normalise, phrase_regex
from .base import Context, make
from .common import concrete_items

COMPONENT = "persyaratan"


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        items = concrete_items(f)
        if items and _job_application().search(normalise(f"{f.label} {items[0]}")):
            # "Calon pelamar …" opening the list: what a job applicant hands in, not a service's (one item "bila
            # untuk lamaran" among an SKCK's requirements does not make the list an applicant's)
            continue
        if items:
            out.append(make(COMPONENT, section, f, {"items": items}, ctx))
    return out


_job_application = cached(lambda v: phrase_regex((v.get("prose_requirements") or {}).get("job_application") or []))

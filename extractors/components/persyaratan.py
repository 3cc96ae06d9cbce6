"""persyaratan: the requirements, as a list of items ("Fotokopi KTP", "Surat pengantar RT/RW", ...)."""

from __future__ import annotations

import re

from ..fields import Section
from ..items import item_kind
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
    if not out:
        for f in section.of("prosedur"):
            items = _announced_documents(f, ctx)
            if items:
                out.append(make(COMPONENT, section, f, {"items": items}, ctx))
                break
    return out


def _announced_documents(f, ctx: Context) -> list[str]:
    """The documents that open an unlabelled list when the sentence before it announces what to bring ("… saya dapat
    info bahwa berkas yang harus saya bawa, yaitu" over "BPKB, STNK, KTP asli", "Fotokopi BPKB, STNK", then the
    visit told in turn): the segmenter gave the whole list to the steps, its documents are the requirements."""
    if f.kind != "slot" or not f.blocks or f.blocks[0][0] < 1:
        return []
    before = ctx.page.blocks[f.blocks[0][0] - 1]
    if before.kind not in ("paragraph", "heading"):
        return []
    last = re.split(r"(?<=[.!?])\s+", before.text.strip())[-1]
    norm = normalise(last)
    if not (_ANNOUNCES.search(norm) or before.text.rstrip().endswith(":")) or not _requirement_cue().search(norm):
        return []
    docs = []
    for t in concrete_items(f):
        if item_kind(t) != "document":
            break
        docs.append(t)
    return docs if len(docs) >= 2 else []


_ANNOUNCES = re.compile(r"(?:yaitu|yakni|berikut|berikut ini|antara lain|diantaranya|di antara nya|meliputi)$")
_requirement_cue = cached(lambda v: phrase_regex((v.get("intro_cues") or {}).get("persyaratan") or []))


def for_job_applicants(text: str) -> bool:
    """The text names a job applicant ("Calon pelamar …", "berkas lamaran"): a vacancy's requirements."""
    return bool(_job_application().search(normalise(text)))


_job_application = cached(lambda v: phrase_regex((v.get("prose_requirements") or {}).get("job_application") or []))

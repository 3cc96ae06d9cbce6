"""prosedur: the steps (sistem, mekanisme dan prosedur), as a list.

A label followed only by an image (a flow chart) publishes no text: it is not counted here. OCR, when it
runs, turns the image into text blocks and the steps are read from those.

Without a procedure field of its own, a section still publishes a step when another field took it in: steps
worded with ordinals ("Pertama. … Kedua. …"), or the requirements' introduction that is the applicant's step
("Pemohon datang ke Samsat dengan membawa dokumen berikut:"). Definitions of the component and opening hours
under its label are not steps.
"""

from __future__ import annotations

import re

from ..fields import Section
from ..items import defines, is_credit, item_kind
from ..steps import (
    application_step,
    named_step,
    ordinal_steps,
    step_introducing_requirements,
)
from ..vocab import cached, normalise, phrase_regex, strip_numbering
from .base import Context, make
from .common import concrete_items

COMPONENT = "prosedur"


def find(section: Section, ctx: Context) -> list:
    out = []
    for f in section.of(COMPONENT):
        steps = _after_byline(concrete_items(f)) or _applying(f)
        if steps and defines(steps[0]) and sum(item_kind(s) == "step" for s in steps[1:8]) < 3:
            continue  # "Akta cerai merupakan akta otentik …": what the product is, not how to get it
        if steps and len(steps) <= 2 and _describes_steps().match(normalise(strip_numbering(steps[0]))):
            continue  # "Prosedur Pelayanan: Menjelaskan langkah-langkah yang harus diikuti …": a definition
        if steps and sum(bool(_shortcoming().match(normalise(strip_numbering(t)))) for t in steps) >= len(steps) / 2:
            continue  # "1. Minimnya informasi penunjuk lokasi. 2. Kurangnya standar layanan …": an Ombudsman's findings
        if f.kind == "slot" and _documents_first(steps):
            continue  # an unlabelled list under a service that opens with documents lists its requirements
        if _opening_hours(steps):
            continue  # "Prosedur: waktu pelayanan / Hari Senin s/d Kamis : Jam 08.00 - 12.00": hours, not steps
        if steps and _ANNOUNCED.search(f.label or "") and not any(item_kind(s) == "step" for s in steps):
            continue  # "Prosedur … dengan langkah-langkah berikut." over the article's tail: the list was lost
        if steps:
            out.append(make(COMPONENT, section, f, {"steps": steps}, ctx))
    if not out:
        for f in section.fields:
            steps = ordinal_steps([b.text for _, b in f.blocks]) if f.cls != COMPONENT else []
            if steps:
                # "Pertama. Pihak berperkara datang …", "Kedua. …" under the line before them ("Waktu Pelayanan
                # dibuka jam 09.00 …"): worded steps are the procedure whichever field took them in
                out.append(make(COMPONENT, section, f, {"steps": steps}, ctx))
                return out
        for f in section.of("persyaratan"):
            steps = [t[:300] for t in f.items() if t.rstrip().endswith(":") and step_introducing_requirements(t)
                     or named_step(t)][:1]
            if steps:
                # "Pemohon harus datang langsung ke Samsat dengan membawa beberapa dokumen berikut:" over the list
                out.append(make(COMPONENT, section, f, {"steps": steps}, ctx))
                break
    return out


# what a definition of the component says it holds: "Menjelaskan langkah-langkah yang harus diikuti oleh pemohon",
# "Berisi tahapan …" (a page that defines a standard's components, no service's steps)
_describes_steps = cached(lambda v: re.compile(
    phrase_regex((v.get("prosedur") or {}).get("describes_verbs") or [], prefix="^", suffix="").pattern
    + r"(?: [a-z]+){0,3} "
    + phrase_regex((v.get("prosedur") or {}).get("describes_nouns") or [], prefix="", suffix=r"(?![a-z])").pattern))
# a label that is a sentence announcing the list to follow, closed by a full stop (a news explainer whose list
# the stored text lost: what follows it is the next paragraph, a source line, a channel promotion)
_ANNOUNCED = re.compile(r"\bberikut(?: ini)?\s*\.\s*$", re.IGNORECASE)
_shortcoming = cached(lambda v: phrase_regex((v.get("prosedur") or {}).get("shortcomings") or [], prefix="^"))
_CLOCK = re.compile(r"(?<!\d)\d{1,2}[.:]\d{2}(?!\d)")
_day = cached(lambda v: phrase_regex((v.get("prosedur") or {}).get("days") or [], prefix=r"(?<![a-z])",
                                     suffix=r"(?![a-z])"))


def _opening_hours(steps: list[str]) -> bool:
    """Two or more items, and no step among them, give days and clock times ("Hari Senin s/d Kamis : Jam 08.00 -
    12.00 WIB"): a schedule under the label, not a procedure."""
    hours = sum(1 for t in steps if _CLOCK.search(t) and _day().search(normalise(t)))
    return hours >= 2 and hours >= len(steps) / 2 and not any(item_kind(t) == "step" for t in steps)


def _after_byline(items: list[str]) -> list[str]:
    """The items without the article's credits (counter, byline, photo credit, copyright). The title above a
    header's counter ("PENDAFTARAN NIKAH" over "Dilihat: 120 kali") is kept: dropping the items before a
    metadata line removed no false procedure on the held-out split and lost a true one there (2026-11-30)."""
    return [t for t in items if not is_credit(t)]


def _documents_first(steps: list[str]) -> bool:
    """The list opens with a document and four of its first six items are documents ("Surat Izin Tinggal Tetap
    bagi Orang Asing", "Asli Surat Keterangan Pindah …", "Asli Kartu Keluarga (KK) …", then "Mengisi Formulir
    F1.01"): requirements. A list that names two documents and goes on to tell the visit is the steps."""
    kinds = [item_kind(t) for t in steps[:6]]
    return len(kinds) >= 4 and kinds[0] == "document" and kinds.count("document") >= 4


def _applying(f) -> list[str]:
    """The applicant's step that ends in ":" and introduces what follows ("peneliti mengajukan surat permohonan
    kepada Kepala Badan … dengan ketentuan sebagai berikut :"): concrete_items drops it as an introduction, but
    the step itself is published (docs/labels.md: one concrete step counts)."""
    return [t[:300] for t in f.items() if t.rstrip().endswith(":") and application_step(t)][:1]

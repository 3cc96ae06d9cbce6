"""maklumat: the service pledge ("Dengan ini kami menyatakan sanggup menyelenggarakan pelayanan sesuai
standar pelayanan…", "apabila tidak menepati janji ini, kami siap menerima sanksi…")."""

from __future__ import annotations

from ..model import Block
from ..fields import Section
from ..vocab import VocabularyMemo, cached, may_match, normalise, phrase_regex
from .base import Context, block_finding, make, trim

COMPONENT = "maklumat"


_pledge = cached(lambda v: phrase_regex((v.get("maklumat") or {}).get("pledge") or []))


_example = cached(lambda v: phrase_regex((v.get("maklumat") or {}).get("example_cues") or []))


def is_pledge(text: str) -> bool:
    return _PLEDGE.of_text(text, _is_pledge)


def _is_pledge(text: str) -> bool:
    """is_pledge, computed."""
    norm = normalise(text)
    return may_match(_pledge(), norm.split()) and bool(_pledge().search(norm))


# find_unit asks it of every block of a page, page_prose_fields of the blocks it reads, and a site repeats its blocks:
# remembered per text (4,096 texts of at most 300 characters; 9,916 calls a bench pass over ~4,300 texts)
_PLEDGE = VocabularyMemo(entries=4096, chars=300)


def quoted_example(text: str) -> bool:
    """The pledge's words quoted as an example ("memuat pernyataan, misalnya: 'Dengan ini kami …'"): a
    guideline or regulation describing a maklumat, not one published."""
    norm = normalise(text)
    m = _pledge().search(norm)
    if not m:
        return False
    return bool(_example().search(norm[: m.start()]))


def find(section: Section, ctx: Context) -> list:
    """A "Maklumat Pelayanan" field with content (its text, or the signed maklumat as an image)."""
    out = []
    for f in section.of(COMPONENT):
        lines = f.lines(max_blocks=10)
        text = " ".join(lines)
        if f.kind == "row" or f.kind == "wide":
            ok = is_pledge(text)
        else:
            ok = is_pledge(text) or (bool(f.images) and not lines[:1]) or (f.images and len(f.blocks) <= 3)
        if ok and lines and quoted_example(f"{f.label}: {text}"):
            ok = False
        if ok:
            out.append(make(COMPONENT, section, f, {"text": trim(text or f.images[0].text, 600)}, ctx))
    return out


def find_unit(blocks: list[Block], ctx: Context) -> list:
    """The pledge's own words anywhere in the content (one finding per page)."""
    for i, b in enumerate(blocks):
        if b.kind == "image" or not is_pledge(b.text) or quoted_example(b.text):
            continue
        group = [(j, blocks[j]) for j in range(i, min(len(blocks), i + 4)) if blocks[j].kind != "heading"]
        text = " ".join(x.text for _, x in group)
        return [block_finding(COMPONENT, None, {"text": trim(text, 600)}, group, ctx)]
    return []

"""Steps of a procedure as sentences say them: the applicant's step of applying, a step that names its place in
the sequence, a step that introduces the requirements, steps worded with ordinals.

A leaf module (it imports only the vocabulary): both the prose readers (prose.py) and the prosedur component
(components/prosedur.py) ask it, and neither imports the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocab import cached, normalise, phrase_regex, vocabulary


@lru_cache(maxsize=1)
def _application() -> re.Pattern:
    return phrase_regex((vocabulary().get("prose_steps") or {}).get("application") or [])


@lru_cache(maxsize=1)
def step_verbs() -> tuple[re.Pattern, re.Pattern]:
    v = vocabulary().get("prose_steps") or {}
    return phrase_regex(v.get("verbs") or []), phrase_regex(v.get("actors") or [])


def application_step(text: str) -> bool:
    """The applicant's step of handing in the application, in a sentence ("pemohon mengajukan permohonan secara
    tertulis kepada Kepala Dinas …", "Mengisi formulir permohonan …")."""
    return len(text.split()) <= 60 and bool(_application().search(normalise(text)))


def _steps_list(v, key: str) -> list[str]:
    return [normalise(w) for w in (v.get("prose_steps") or {}).get(key) or [] if normalise(w)]


# a sentence that introduces the documents to attach: "… dengan melampirkan persyaratan sebagai berikut :"
# (on the raw text, any case)
introduces_requirements = cached(lambda v: re.compile(
    phrase_regex(_steps_list(v, "attaching"), prefix=r"(?<![a-z])", suffix=r"(?![a-z])").pattern
    + r"[^:.;]{0,40}:\s*$", re.I))

# the ordinals in their order: ordinal_steps takes the steps from "pertama" on, one after the other
ordinals = cached(lambda v: tuple(_steps_list(v, "ordinals")))
ordinal_start = cached(lambda v: re.compile(
    r"^(?:langkah |tahap )?(" + "|".join(map(re.escape, _steps_list(v, "ordinals"))) + r")(?: tama)?(?![0-9a-z])"))


def ordinal_steps(texts: list[str]) -> list[str]:
    """Steps worded with ordinals, one a paragraph ("Pertama. Pihak berperkara datang ke Pengadilan …", "Kedua.
    Pihak berperkara menghadap petugas meja pertama …"; the ordinal may stand on its own line): from "pertama"
    on, in order, two or more steps in which an actor does two or more distinct step verbs; [] otherwise."""
    steps: list[str] = []
    pending = ""
    for text in texts:
        norm = normalise(text)
        m = ordinal_start().match(norm)
        if m and ordinals().index(m.group(1)) == len(steps):
            if len(norm.split()) <= 2:
                pending = text.strip()  # "Pertama" on its own line: the step is the next paragraph
                continue
            steps.append(text.strip())
        elif pending and not m:
            steps.append(f"{pending}. {text.strip()}")
        elif len(steps) >= 2:
            break
        else:
            steps = []
        pending = ""
    verbs, actors = step_verbs()
    joined = normalise(" ".join(steps))
    if len(steps) < 2 or len(set(verbs.findall(joined))) < 2 or not actors.search(joined):
        return []
    return steps[:20]


# "Langkah pertama …" anywhere, or "Setelah …" opening the sentence
_names_a_step = cached(lambda v: re.compile(
    phrase_regex(_steps_list(v, "names_a_step"), prefix=r"(?<![a-z])", suffix=r"(?![a-z])").pattern + "|"
    + phrase_regex(_steps_list(v, "names_a_step_openings"), prefix="^", suffix=r"(?![a-z])").pattern))


def named_step(text: str) -> bool:
    """A sentence that says it is a step, or places itself in the sequence, and what the applicant does in it:
    "Langkah pertama adalah mengajukan surat permohonan ke kantor PDAM setempat", "Setelah semua persyaratan
    lengkap, pencari kerja dapat mengajukan pembuatan kartu kuning ke kantor Disnakertrans setempat"."""
    return application_step(text) and bool(_names_a_step().search(normalise(text)))


def step_introducing_requirements(text: str) -> bool:
    """The applicant's step is the sentence that announces the documents: "Pemohon harus datang langsung ke Samsat
    dengan membawa beberapa dokumen berikut:" (a requirements field's introduction publishes a step too)."""
    return application_step(text) and bool(introduces_requirements().search(text.strip()))

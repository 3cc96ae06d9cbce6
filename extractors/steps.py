"""Steps of a procedure as sentences say them: the applicant's step of applying, a step that names its place in
the sequence, a step that introduces the requirements, steps worded with ordinals.

A leaf module (it imports only the vocabulary): both the prose readers (prose.py) and the prosedur component
(components/prosedur.py) ask it, and neither imports the other.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .vocab import cached, may_match, normalise, phrase_regex, vocabulary


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
    if len(text.split()) > 60:
        return False
    norm = normalise(text)
    return may_match(_application(), norm.split()) and bool(_application().search(norm))


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


_applicant_steps = cached(lambda v: phrase_regex(_steps_list(v, "applicant_steps")))
_then_words = cached(lambda v: phrase_regex(_steps_list(v, "then_words")))
# on the raw lower-cased text: at a sentence's or a clause's start ("…, sebelum …", "Setelah itu …")
_then_openings = cached(lambda v: re.compile(
    r"(?:^|[.,;:!?]\s*|\b(?:dan|jadi|nah)\s+)(?:" + "|".join(map(re.escape, _steps_list(v, "then_openings")))
    + r")(?![0-9a-z])"))
_instruction = cached(lambda v: re.compile(
    phrase_regex(_steps_list(v, "instruction_modals"), suffix="").pattern
    + "(?: (?:" + "|".join(re.escape(w) for w in _steps_list(v, "instruction_fillers")) + "))*"
    + phrase_regex(_steps_list(v, "applicant_steps"), prefix=" ").pattern))
_negated = cached(lambda v: phrase_regex(_steps_list(v, "negations"), prefix=r"(?<![0-9a-z])", suffix=r" *$"))
_addressees = cached(lambda v: phrase_regex(_steps_list(v, "addressees")))
# "Pemohon cukup datang ke kantornya dengan membawa kelengkapan data diri": the step and what goes with it
_BRINGING = re.compile(r"(?<![a-z])(?:dengan|sambil|sembari) membawa(?![a-z])")
# the other way to apply, after the step told ("… dapat datang langsung ke Dinas …, atau secara online melalui
# kemnaker.go.id"): the two ways are how the service is obtained
_OR_ONLINE = re.compile(r"(?<![a-z])(?:atau|maupun)(?: [a-z]+){0,2} (?:secara )?(?:online|daring)(?: [a-z]+){0,2} "
                        r"(?:melalui|lewat|via|di)(?![a-z])")
_TOLD_SPLIT = re.compile(r"(?<=[.;!?])\s+|\s*\n\s*")  # a line break ends a sentence (one block, then the next)


def may_tell_steps(norm: str, words: list[str] | None = None) -> bool:
    """A cheap test for told_steps: the text names one of the applicant's steps, or the applicant doing a step.
    norm: normalise()'s form of the text; words: norm.split(), when the caller has it."""
    # each search only where a word of the text opens one of its phrases (15k searches a bench pass, ~1 text in
    # 10 gets past; tests/test_extract_speed.py holds it to the searches)
    words = norm.split() if words is None else words
    return any(may_match(rx, words) and rx.search(norm) for rx in (_applicant_steps(), _subject_step(), _stage_cue()))


def _actions(norm: str) -> tuple[list[tuple[int, str]], bool]:
    """The applicant's and the officers' steps in a sentence, by position, each named by its verb ("mengisi
    formulir" and "mengisi" are one step); and whether one of them is the applicant's."""
    verbs, _ = step_verbs()
    found = {m.start(): m.group().split()[0] for m in verbs.finditer(norm)}
    applicant = False
    for m in _applicant_steps().finditer(norm):
        found[m.start()] = m.group().split()[0]
        applicant = True
    return sorted(found.items()), applicant


_officials = cached(lambda v: phrase_regex(_steps_list(v, "officials")))
_how_cues = cached(lambda v: phrase_regex(_steps_list(v, "how_cues")))
_ready_words = cached(lambda v: phrase_regex(_steps_list(v, "ready_words")))
_AFTER_READY = re.compile(r"^[\s\"“”']*(?:setelah|sesudah|apabila|jika|bila)\b([^,.;]{0,80}),")  # also in a quote


def _instructed(norm: str) -> bool:
    """An applicant told to do a step ("cukup datang ke kantor …", "Caranya, warga datang ke …"), not told it
    cannot ("tidak bisa datang ke …")."""
    if any(not _negated().search(norm[:m.start()]) for m in _instruction().finditer(norm)):
        return True
    how = _how_cues().search(norm)
    step = _applicant_steps().search(norm, how.end()) if how else None
    return bool(step and step.start() - how.end() <= 60 and not _negated().search(norm[:step.start()]))


# (the word end after the actor holds in every match, a space follows it: it only tells may_match so)
_subject_step = cached(lambda v: re.compile(
    phrase_regex(_steps_list(v, "applicant_actors")).pattern + r"(?: [a-z]+){0,2}? "
    + phrase_regex((v.get("prose_steps") or {}).get("verbs") or [], prefix="").pattern))


def _steps_in_turn(first: str, second: str) -> bool:
    """Two sentences in a row, each opening on the applicant doing a step, different steps ("Pemohon mengisi F-1.02
    …" / "Pemohon menyerahkan fotokopi buku nikah …")."""
    verbs = []
    for sentence in (first, second):
        head = normalise(sentence)[:80]
        m = _subject_step().search(head) if may_match(_subject_step(), head.split()) else None
        if not m or _negated().search(normalise(sentence)[:m.start()]):
            return False
        verbs.append(m.group().split()[-1])
    return verbs[0] != verbs[1] and bool(set(verbs) & set(_steps_list(vocabulary(), "application_verbs")))


_stage_opening = cached(lambda v: re.compile(
    phrase_regex(_steps_list(v, "stage_cues"), suffix="").pattern + r"(?: [a-z0-9]+){0,8}? ?(?:"
    + "|".join(re.escape(w) for w in _steps_list(v, "stage_openers")) + r"|:)(?![0-9a-z])"))
_stage_cue = cached(lambda v: phrase_regex(_steps_list(v, "stage_cues")))
_stage_nouns = cached(lambda v: frozenset(_steps_list(v, "stage_nouns")))
_STAGE_SPLIT = re.compile(r"\s*[,;]\s*(?:dan\s+|serta\s+|lalu\s+|kemudian\s+)?|\s+(?:dan|serta|lalu|kemudian|hingga|sampai)\s+",
                          re.I)
_STAGE_LEAD = re.compile(r"^(?:(?:lalu|kemudian|selanjutnya|terakhir|dan|lanjut|ke|dengan)\s+)*", re.I)
_PROCESS_NOUN = re.compile(r"^pe(?:n|m|ng|ny|r)?[a-z]{3,}an$")


def _stages(sentence: str) -> bool:
    """Two or more stages named after a word of stages ("… terbagi menjadi empat tahapan: pengajuan, pemeriksaan
    rencana teknis, perhitungan retribusi, dan penerbitan PBG"), each opening with a process noun."""
    light = re.sub(r"[^0-9a-z:,;]+", " ", sentence.lower())  # normalised, keeping the colon and the commas
    m = _stage_opening().search(light)
    if not m:
        return False
    heads = []
    for part in _STAGE_SPLIT.split(light[m.end():].strip(" :")):
        words = normalise(_STAGE_LEAD.sub("", part.strip())).split()
        if words and len(words) <= 8 and (_PROCESS_NOUN.match(words[0]) or words[0] in _stage_nouns()):
            heads.append(words[0])
    return len(set(heads)) >= 2


def _after_ready(sentence: str) -> bool:
    """"Setelah berkas lengkap, pemohon datang ke kantor Disdukcapil …": the applicant's step once the documents
    are ready (not "Setelah mendengar kabar itu, warga datang ke kantor desa")."""
    m = _AFTER_READY.match(sentence.lower())
    return bool(m and _ready_words().search(normalise(m.group(1)))
                and _applicant_steps().search(normalise(sentence[m.end():])))


def _ordered_by_opening(window: list[str], actions: list[tuple[int, str]]) -> bool:
    """A step before and one after a "setelah"/"sebelum" that opens a sentence or a clause."""
    raw = " ".join(window).lower()
    for m in _then_openings().finditer(raw):
        at = len(normalise(raw[:m.end()]))  # the opening's end, as a position in the normalised text
        if any(p < at - 8 for p, _ in actions) and any(p >= at for p, _ in actions):
            return True
    return False


def told_steps(text: str, documents=None) -> list[str]:
    """Steps told in running sentences, with no procedure word: two or more distinct steps of which one is the
    applicant's, put in order by a then-word between them ("Warga datang ke kantor kecamatan, mengisi formulir,
    lalu …"; "… hanya bawa KK dan KTP. Setelah itu mendatangi petugas …"), said of an applicant or an officer;
    or an applicant told to do a step ("cukup …", "Caranya, …") and what else to do or bring with it ("Pemohon
    cukup datang ke loket dengan membawa fotokopi KK dan KTP"); the applicant doing a step in each of two
    sentences in a row; the step once the documents are ready ("Setelah berkas lengkap, pemohon datang ke …");
    stages named after a word of stages ("… bertahap dimulai dari uji emisi, lalu … pemeriksaan lampu"). Not an
    official's ceremony, not a step the applicant cannot take. A sentence and the one after it are read
    together. The sentences that tell the steps; [] otherwise. `documents(sentence)` gives the documents a
    sentence says to bring."""
    sentences = [s for s in _TOLD_SPLIT.split(text.strip()) if s.strip()]
    if len(text) > 1500 or not sentences:
        return []
    _, actors = step_verbs()
    whole = normalise(text)
    # a sentence's words are the text's (split where it has spaces): with no word opening a stage phrase in the
    # text, _stages is False on every sentence (430 texts a bench pass, 2,467 sentences, 19 texts get past)
    staged = may_match(_stage_opening(), whole.split())
    if not (actors.search(whole) or _addressees().search(whole)):
        # stages named in a sentence need no one doing them ("pemeriksaan dilakukan secara bertahap dimulai dari
        # uji emisi, lalu …")
        return next(([s.strip()] for s in sentences if staged and _stages(s)), [])
    for k in range(len(sentences)):
        window = sentences[k:k + 2]
        norm = normalise(" ".join(window))
        if "?" in sentences[k]:
            continue
        if k + 1 < len(sentences) and _steps_in_turn(sentences[k], sentences[k + 1]):
            return [s.strip() for s in window]
        if staged and _stages(sentences[k]):
            return [sentences[k].strip()]
        if not (may_match(_applicant_steps(), norm.split()) and _applicant_steps().search(norm)):
            continue
        actions, applicant = _actions(norm)
        if actions and _officials().search(norm[max(0, actions[0][0] - 40):actions[0][0]]):
            continue  # "Bupati datang ke kantor kecamatan kemudian menyerahkan KTP-el …": a ceremony
        distinct = {verb for _, verb in actions}
        if applicant and len(distinct) >= 2:
            first, last = actions[0][0], actions[-1][0]
            if any(first < m.start() < last for m in _then_words().finditer(norm)) \
                    or _ordered_by_opening(window, actions):
                return [s.strip() for s in window]
        first_norm = normalise(sentences[k])
        if _after_ready(sentences[k]):
            return [sentences[k].strip()]
        if _instructed(first_norm) and (len({v for _, v in _actions(first_norm)[0]}) >= 2
                                        or _BRINGING.search(first_norm) or _OR_ONLINE.search(first_norm)
                                        or documents is not None and documents(sentences[k])):
            return [sentences[k].strip()]
        if _instructed(first_norm) and len(distinct) >= 2 and k + 1 < len(sentences):
            return [s.strip() for s in window]
        if k + 1 < len(sentences) and documents is not None and documents(sentences[k]):
            # "… hanya bawa KK dan KTP reguler. Setelah itu mendatangi petugas …": bringing the documents, then a step
            then = normalise(sentences[k + 1])
            if _then_words().match(then) and _applicant_steps().search(then):
                return [s.strip() for s in window]
    return []

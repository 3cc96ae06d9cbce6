"""What one list item is: a document the applicant brings, a step of the procedure, or something else that
lists read like (a legal citation, a consideration, an office's function, a mission statement).

Both the labelled fields (a "Persyaratan" label over a list of regulations publishes no requirement) and the
unlabelled lists (unlabelled.py) ask this. Vocabulary: `unlabelled` in config/vocabulary.yaml.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .vocab import VocabularyMemo, normalise, phrase_regex, strip_numbering, vocabulary


@dataclass(frozen=True)
class _Lexicon:
    document: re.Pattern
    step: re.Pattern
    legal: re.Pattern
    duty: re.Pattern


@lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    v = vocabulary().get("unlabelled") or {}
    starts = r"(?<![0-9a-z])"
    nya = r"(?:nya)?(?![0-9a-z])"  # "fotokopinya", "berkasnya": the word with its possessive
    return _Lexicon(
        document=phrase_regex(v.get("document_words") or [], prefix=starts, suffix=nya),
        step=phrase_regex(v.get("step_words") or [], prefix=starts, suffix=nya),
        legal=phrase_regex(v.get("legal_words") or []),
        duty=phrase_regex(v.get("duty_words") or []),
    )


# "Persyaratan, yaitu syarat …", "Prosedur adalah …": a definition of the component, not a service's content
_DEFINES = re.compile(r"(?<![0-9a-z])(?:yaitu|adalah|merupakan|ialah)(?![0-9a-z])")


# a verb of what the office does to a document, not after "yang" ("Surat … yang diterbitkan oleh Lurah" is the
# document itself)
_PASSIVE_STEP = re.compile(r"(?<!yang )(?<!yang telah )(?<!yang sudah )(?<![0-9a-z])(?:diperiksa|diproses|diserahkan|"
                           r"diverifikasi|dikembalikan|diteruskan|disampaikan|dicatat|dicetak|diberi nomor)(?![0-9a-z])")


_CITED_NUMBER = re.compile(r"(?<![0-9a-z])nomor \d")


def _head(norm: str, words: int = 3) -> str:
    return " ".join(norm.split()[:words])


# A standard's items are asked about again and again (each finder's concrete_items, segment, the unlabelled lists;
# a site repeats its standards): 5,798 calls a bench pass over 220 distinct texts, ~18 µs each. What an item is
# depends on nothing but its text and the vocabulary: remembered per text (4,096 texts of at most 300 characters).
_KINDS = VocabularyMemo(entries=4096, chars=300)


def item_kind(text: str) -> str | None:
    """ "document" | "step" | "legal" | None for one list item."""
    return _KINDS.of_text(text, _item_kind)


def _item_kind(text: str) -> str | None:
    """item_kind, computed."""
    text = strip_numbering(text)
    head_text, colon, rest = text.partition(":")
    if colon and rest.strip() and len(head_text.split()) <= 5:
        text = rest  # "Pasien Baru : Kartu Berobat, Asli Kartu KIS": the item is what follows the colon
    norm = normalise(text)
    if not norm:
        return None
    lex = _lexicon()
    head = _head(norm)
    legal = lex.legal.search(head)
    if legal and legal.group() == "nomor" and not _CITED_NUMBER.search(norm):
        legal = None  # "Mencatat nomor pendaftaran": a step with a number in it, not "Nomor 23 Tahun 2006"
    if legal or lex.duty.search(head) or _DEFINES.search(_head(norm, 5)):
        return "legal"
    first = _head(norm, 1)
    steps = len(lex.step.findall(norm))
    if lex.step.match(first) and len(norm.split()) >= 2 or steps >= 2:
        return "step"
    if lex.document.search(head):
        if _PASSIVE_STEP.search(norm):
            return "step"  # "Surat Permohonan Pindah diperiksa kelengkapannya": what happens to the document
        return "document"
    return "step" if steps and len(norm.split()) >= 4 else None


def defines(text: str) -> bool:
    """The item opens as a definition ("Akta cerai merupakan akta otentik …")."""
    return bool(_DEFINES.search(_head(normalise(strip_numbering(text)), 5)))


# an article's header or credits read as a list: a view counter ("Dilihat: 120 kali"), a byline ("By arinda.p on
# under How To"), the editors ("Redaksi Kita Lulus"), a photo credit or a copyright line
_CREDIT = re.compile(r"^\W*(?:(?:dilihat|dibaca)\s*:?\s*\d[\d.]*\s*kali|\d[\d.]*\s*kali\s+dilihat|by\s+\S+\s+on\b"
                     r"|redaksi\b|(?:penulis|editor|reporter|foto|sumber foto|sumber gambar)\s*:)|©", re.IGNORECASE)


def is_credit(text: str) -> bool:
    """An article's credits or counter, not an item of a list."""
    return bool(_CREDIT.search(text))


def mostly_legal(items: list[str]) -> bool:
    """Half or more of the items cite law, state considerations or name an office's functions."""
    kinds = [item_kind(t) for t in items]
    return bool(kinds) and kinds.count("legal") >= len(kinds) / 2

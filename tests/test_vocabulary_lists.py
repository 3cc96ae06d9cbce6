"""The produk, prosedur and step word lists are read from config/vocabulary.yaml (issue 12: rules "driven by
config/"), not hard-coded: a word added to a list in an override directory is matched, and the lists shipped
reproduce what the code used to match."""

from __future__ import annotations

import pantau_config
import pytest
import yaml

from extractors import prose, steps, vocab
from extractors.components import produk, prosedur

NEW = "zzkata"

# the vocabulary-built patterns and sets (lru caches), rebuilt after the override
_CACHED = [produk._named_label, produk._obtaining, produk._numerals, produk._copies, produk._no_subject,
           produk._to_applicant, produk._not_for_applicant, prosedur._describes_steps, prosedur._day,
           prose._in_order, steps.ordinals, steps.ordinal_start, steps._names_a_step, steps.introduces_requirements]

# (section, key, whether the built pattern or set now takes the new word)
CASES = [
    ("produk_in_steps", "named_labels", lambda: produk._named_label().search(f"{NEW} layanan")),
    ("produk_in_steps", "obtaining", lambda: NEW in produk._obtaining()),
    ("produk_in_steps", "copy_numerals", lambda: produk._past_count([NEW, "rangkap", "surat", "izin"], 0) == 2),
    ("produk_in_steps", "copy_units", lambda: produk._past_count(["satu", NEW, "surat", "izin"], 0) == 2),
    ("produk_in_steps", "no_subject", lambda: produk._subjectless([NEW])),
    ("produk_in_steps", "to_applicant", lambda: produk._to_applicant().match(f"sk kepada {NEW}")),
    ("produk_in_steps", "to_official", lambda: produk._not_for_applicant().match(f"rekomendasi kepada {NEW}")),
    ("prosedur", "describes_verbs", lambda: prosedur._describes_steps().match(f"{NEW} langkah langkah")),
    ("prosedur", "describes_nouns", lambda: prosedur._describes_steps().match(f"menjelaskan {NEW} pelayanan")),
    ("prosedur", "days", lambda: prosedur._day().search(f"hari {NEW} jam 08 00")),
    ("prose_steps", "in_order", lambda: prose._in_order().search(f"{NEW} pemohon datang")),
    ("prose_steps", "ordinals", lambda: steps.ordinal_start().match(f"{NEW} pemohon datang")),
    ("prose_steps", "names_a_step", lambda: steps._names_a_step().search(f"adapun {NEW} adalah")),
    ("prose_steps", "names_a_step_openings", lambda: steps._names_a_step().match(f"{NEW} pemohon datang")),
    ("prose_steps", "attaching", lambda: steps.introduces_requirements().search(f"dengan {NEW.upper()} berkas:")),
]


def _clear():
    vocab.vocabulary.cache_clear()
    for fn in _CACHED:
        fn.cache_clear()


@pytest.mark.parametrize(("section", "key", "takes_new"), CASES, ids=[c[1] for c in CASES])
def test_a_word_added_to_the_list_in_config_is_matched(section, key, takes_new, tmp_path, monkeypatch):
    assert not takes_new()  # the shipped list does not have it
    data = yaml.safe_load(pantau_config.read_text("vocabulary.yaml"))
    data[section][key] = [*data[section][key], NEW]
    (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PANTAU_CONFIG_DIR", str(tmp_path))
    _clear()
    try:
        assert takes_new()
    finally:
        monkeypatch.delenv("PANTAU_CONFIG_DIR")
        _clear()
    assert not takes_new()


def test_the_shipped_lists_keep_the_former_constants():
    assert steps.ordinals() == ("pertama", "kedua", "ketiga", "keempat", "kelima", "keenam", "ketujuh", "kedelapan",
                              "kesembilan", "kesepuluh")
    assert steps.ordinal_start().match("langkah kedua pemohon").group(1) == "kedua"
    assert steps.introduces_requirements().search("Pemohon datang dengan MEMBAWA dokumen berikut :")
    assert produk._past_count(["dua", "lembar", "pas", "foto"], 0) == 2
    assert produk._to_applicant().match("kutipan akta kelahiran kepada yang bersangkutan")
    assert not produk._to_applicant().match("surat pengantar rt kepada petugas")
    assert produk._not_for_applicant().match("rekomendasi teknis kepada wali kota")
    assert prosedur._describes_steps().match("menjelaskan langkah langkah yang harus diikuti")
    assert prosedur._day().search("hari jum at 08 00") and not prosedur._day().search("jumatan")

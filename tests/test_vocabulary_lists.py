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


def test_a_new_vocabulary_starts_a_new_label_memo(tmp_path, monkeypatch):
    """label_of remembers its answer per block; the answer read with one vocabulary is not handed out once the
    vocabulary is read anew (another PANTAU_CONFIG_DIR), or a label added there would stay unseen."""
    from extractors import labels
    from extractors.model import Block

    line = Block("paragraph", f"{NEW.capitalize()} : fotokopi KTP")
    caches = [vocab.vocabulary, vocab._label_matcher, vocab.classify_label]
    assert labels.label_of(line) is None  # remembered with the shipped vocabulary
    data = yaml.safe_load(pantau_config.read_text("vocabulary.yaml"))
    data["labels"]["persyaratan"] = [*data["labels"]["persyaratan"], NEW]
    (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PANTAU_CONFIG_DIR", str(tmp_path))
    for fn in caches:
        fn.cache_clear()
    try:
        hit = labels.label_of(line)
        assert hit is not None and hit.label.cls == "persyaratan"
    finally:
        monkeypatch.delenv("PANTAU_CONFIG_DIR")
        for fn in caches:
            fn.cache_clear()
    assert labels.label_of(line) is None


def test_a_time_unit_without_a_weight_in_minutes_is_a_clear_error(tmp_path, monkeypatch):
    """A range in two units ends at its longer end, weighed by waktu.unit_minutes: a unit added to the vocabulary
    without its weight would weigh nothing and lose to "15 menit", so the vocabulary is refused, by name."""
    from extractors.components import waktu

    data = yaml.safe_load(pantau_config.read_text("vocabulary.yaml"))
    data["waktu"]["units"]["tahun"] = "years"
    (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setenv("PANTAU_CONFIG_DIR", str(tmp_path))
    vocab.vocabulary.cache_clear()
    waktu._pat.cache_clear()
    try:
        with pytest.raises(ValueError, match="unit_minutes has no weight for years"):
            waktu.parse("1 tahun")
        data["waktu"]["unit_minutes"]["years"] = 525600
        (tmp_path / "vocabulary.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
        vocab.vocabulary.cache_clear()
        waktu._pat.cache_clear()
        assert waktu.parse("15 menit hingga 1 tahun")["unit"] == "years"
    finally:
        monkeypatch.delenv("PANTAU_CONFIG_DIR")
        vocab.vocabulary.cache_clear()
        waktu._pat.cache_clear()
    assert waktu.parse("15 menit hingga 1 hari kerja")["unit"] == "working_days"


def test_a_typo_is_read_as_the_closest_label_word_in_every_process():
    """"persyaratanny" is one edit from "persyaratannya" and two from "persyaratan" (both fuzzy words): the
    closest wins, whatever order a set would iterate in under another hash seed."""
    import os
    import subprocess
    import sys

    code = "from extractors.vocab import _fix_typo; print(_fix_typo('persyaratanny'))"
    seen = set()
    for seed in ("0", "1", "2", "3", "4", "5"):
        done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120,
                              env={**os.environ, "PYTHONHASHSEED": seed})
        assert done.returncode == 0, done.stderr
        seen.add(done.stdout.strip())
    assert seen == {"persyaratannya"}

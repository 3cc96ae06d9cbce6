"""Config is package data (`pantau_config`), overridable per file with PANTAU_CONFIG_DIR / `pantau --config-dir`;
the libraries read it without importing the app."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

import pantau_config
from pantau import paths
from pantau.cli import cli
from scoring import load_config

REPO = Path(__file__).resolve().parent.parent


def _python(code: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, cwd=cwd)


def test_libraries_import_nothing_from_the_app():
    code = ("import json, sys, extractors, scoring; from extractors.vocab import vocabulary; vocabulary(); "
            "scoring.load_config(); print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] == 'pantau')))")
    done = _python(code)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == []


def test_packaged_config_is_read_by_name(monkeypatch):
    monkeypatch.delenv(pantau_config.ENV_VAR, raising=False)
    for name in ("eval.yaml", "pemda.yaml", "scoring.yaml", "vocabulary.yaml"):
        assert pantau_config.read_text(name) == (REPO / "config" / name).read_text(encoding="utf-8")


def test_config_dir_overrides_per_file(tmp_path, monkeypatch):
    text = pantau_config.read_text("scoring.yaml").replace("services: 70", "services: 60")
    (tmp_path / "scoring.yaml").write_text(text, encoding="utf-8")
    monkeypatch.setenv(pantau_config.ENV_VAR, str(tmp_path))
    assert load_config().unit_weights["services"] == 60
    assert pantau_config.locate("eval.yaml") == pantau_config.files("pantau_config") / "eval.yaml"  # not there


def test_missing_config_dir_is_an_error(tmp_path, monkeypatch):
    monkeypatch.setenv(pantau_config.ENV_VAR, str(tmp_path / "nope"))
    with pytest.raises(FileNotFoundError, match="PANTAU_CONFIG_DIR"):
        pantau_config.read_text("scoring.yaml")


def test_config_dir_option_sets_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv(pantau_config.ENV_VAR, str(tmp_path))  # so monkeypatch removes what the option sets
    monkeypatch.chdir(tmp_path)
    (tmp_path / "mine").mkdir()
    result = CliRunner().invoke(cli, ["--config-dir", "mine", "report", "--db", "none.db"])
    assert "no database at none.db" in result.output
    assert os.environ[pantau_config.ENV_VAR] == str(tmp_path / "mine")
    result = CliRunner().invoke(cli, ["--config-dir", "missing", "report"])
    assert result.exit_code == 2 and "--config-dir" in result.output


def test_bundled_corpus_needs_a_checkout(monkeypatch):
    assert paths.bundled_corpus() == REPO / "tests" / "fixtures" / "pages"
    monkeypatch.setattr(paths, "checkout_root", lambda: None)
    with pytest.raises(click.UsageError, match="DIRECTORY"):
        paths.bundled_corpus()


def test_a_shadowing_package_stops_the_cli_clearly(tmp_path):
    (tmp_path / "scoring").mkdir()
    (tmp_path / "scoring" / "__init__.py").write_text("")
    done = _python("import pantau.cli", cwd=tmp_path)  # `python -c` puts the cwd first on sys.path
    assert done.returncode == 1
    assert f"scoring ({tmp_path / 'scoring' / '__init__.py'})" in done.stderr and "virtualenv" in done.stderr
    assert paths.foreign_siblings() == []

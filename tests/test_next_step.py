"""The demo's last line names a command that works where the user stands: `./dev serve` after `./dev demo`,
`pantau serve` once the virtualenv is active, the script's own path when it is not (issue 11)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pantau import cli

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SYSTEM_PATH = "/usr/local/bin:/usr/bin:/bin"

needs_script = pytest.mark.skipif(not (VENV_BIN / "pantau").exists(), reason="pantau's console script not installed")
off_path = pytest.mark.skipif(bool(shutil.which("pantau", path=SYSTEM_PATH)), reason="pantau is installed system-wide")


def run_hint(command: str, cwd: Path, path: str) -> subprocess.CompletedProcess:
    """Run a printed `… serve` command as the user would type it, with --help instead of starting Datasette."""
    return subprocess.run(f"{command} serve --help", shell=True, cwd=cwd, capture_output=True, text=True,
                          timeout=120, env={"PATH": path, "HOME": str(cwd)})


@off_path
@pytest.mark.skipif(not (REPO / ".venv" / "bin" / "pantau").exists(), reason="no .venv (./dev setup makes it)")
def test_after_dev_demo_the_hint_is_dev_serve_and_it_works(monkeypatch):
    monkeypatch.setenv(cli.DEV_SCRIPT_ENV, "./dev")
    monkeypatch.setenv("PATH", SYSTEM_PATH)
    assert cli.pantau_command() == "./dev"
    result = run_hint(cli.pantau_command(), REPO, SYSTEM_PATH)
    assert result.returncode == 0, result.stderr
    assert "--db" in result.stdout


@needs_script
def test_with_the_virtualenv_active_the_hint_is_pantau_serve(monkeypatch, tmp_path):
    monkeypatch.delenv(cli.DEV_SCRIPT_ENV, raising=False)
    monkeypatch.setenv("PATH", f"{VENV_BIN}:{SYSTEM_PATH}")
    assert cli.pantau_command() == "pantau"
    assert run_hint("pantau", tmp_path, f"{VENV_BIN}:{SYSTEM_PATH}").returncode == 0


@needs_script
@off_path
def test_without_it_the_hint_is_the_path_the_user_typed(monkeypatch, tmp_path):
    monkeypatch.delenv(cli.DEV_SCRIPT_ENV, raising=False)
    monkeypatch.setenv("PATH", SYSTEM_PATH)
    monkeypatch.setattr(sys, "argv", [str(VENV_BIN / "pantau"), "demo"])
    assert cli.pantau_command() == str(VENV_BIN / "pantau")
    monkeypatch.setattr(sys, "argv", ["/somewhere/pantau/cli.py", "demo"])  # python -m pantau.cli
    assert cli.pantau_command().endswith(" -m pantau.cli")
    assert run_hint(cli.pantau_command(), tmp_path, SYSTEM_PATH).returncode == 0


def test_the_demo_prints_the_hint_last(monkeypatch, tmp_path):
    monkeypatch.setattr("pantau.crawl.run_audit", lambda start_url, settings: 1)  # the crawl is tested elsewhere
    monkeypatch.setattr(cli, "_print_summary", lambda db, run_id, as_json: None)
    db = tmp_path / "my demo.db"
    result = CliRunner().invoke(cli.cli, ["demo", "--db", str(db)], env={cli.DEV_SCRIPT_ENV: "../main/dev"})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith(f"Browse them:  ../main/dev serve --db '{db}'")

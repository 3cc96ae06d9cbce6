"""The built wheel works without the repository: installed into a fresh venv, `pantau demo` and `pantau eval DIR`
run from an empty folder (issue 14: config and sample site ship as package data).

The venv gets pantau only from the wheel. Its dependencies come from the test's own environment through a .pth
file (they are what `pip install -e .[test]` installed from the same pyproject), which keeps the test under a
minute instead of the two a full `pip install dist/*.whl` takes.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from tests.helpers import rows

REPO = Path(__file__).resolve().parent.parent
PACKAGES = ("pantau", "crawler", "extractors", "scoring")
SOURCES = (*PACKAGES, "config", "pyproject.toml", "README.md")
IGNORE = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def _run(*args, cwd, timeout=300) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PANTAU_CONFIG_DIR", "VIRTUAL_ENV")}
    return subprocess.run([str(a) for a in args], cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Built from a copy of the sources, so the build leaves no build/ or egg-info in the checkout."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        copy = shutil.copytree if (REPO / name).is_dir() else shutil.copy
        copy(REPO / name, src / name, **({"ignore": IGNORE} if copy is shutil.copytree else {}))
    dist = tmp_path_factory.mktemp("dist")
    done = _run(sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", dist, src, cwd=src)
    assert done.returncode == 0, done.stderr[-3000:]
    return next(dist.glob("pantau-*.whl"))


@pytest.fixture(scope="module")
def venv_bin(wheel, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("venv")
    venv.create(root, with_pip=False)
    site = _run(root / "bin" / "python", "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])", cwd=root)
    (Path(site.stdout.strip()) / "_pantau_test_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = _run(sys.executable, "-m", "pip", "--python", root / "bin" / "python", "install", "-q", "--no-deps",
                "--no-index", wheel, cwd=root)
    assert done.returncode == 0, done.stderr[-3000:]
    return root / "bin"


def test_the_wheel_holds_every_module_and_config_file(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    wanted = {str(p.relative_to(REPO)) for pkg in PACKAGES for p in (REPO / pkg).rglob("*.py")}
    wanted |= {f"pantau_config/{p.name}" for p in (REPO / "config").iterdir() if p.suffix in (".py", ".yaml")}
    assert wanted - names == set()  # a new subpackage missing from pyproject's `packages` list shows here


def test_installed_wheel_imports_from_itself(venv_bin, tmp_path):
    code = "import crawler, extractors, pantau, pantau_config, scoring; print(*(m.__file__ for m in " \
           "(crawler, extractors, pantau, pantau_config, scoring)))"
    done = _run(venv_bin / "python", "-c", code, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert all(f.startswith(str(venv_bin.parent)) for f in done.stdout.split()), done.stdout


def test_demo_runs_from_an_empty_folder(venv_bin, tmp_path):
    done = _run(venv_bin / "pantau", "demo", cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-3000:]
    assert len(rows(tmp_path / "pantau.db", "findings")) > 0


def test_eval_runs_on_a_given_directory(venv_bin, tmp_path):
    labelled = tmp_path / "labelled"
    labelled.mkdir()
    for page in sorted((REPO / "tests" / "fixtures" / "pages").glob("*.html"))[:3]:
        shutil.copy(page, labelled)
        shutil.copy(page.with_suffix(".yaml"), labelled)
    done = _run(venv_bin / "pantau", "eval", "labelled", "--json", cwd=tmp_path)
    assert "Traceback" not in done.stderr, done.stderr[-3000:]
    assert '"persyaratan"' in done.stdout

"""pantau's configuration files, shipped in the wheel as the package `pantau_config` (pyproject maps this
folder to that name, so it cannot clash with anyone else's `config`).

    from pantau_config import read_text
    yaml.safe_load(read_text("scoring.yaml"))

A file in `$PANTAU_CONFIG_DIR` (set by `pantau --config-dir DIR` too) replaces the packaged one of the same
name; files missing there fall back to the packaged copy, so an override directory needs only what it changes.
Standard library only: `extractors` and `scoring` read their config through here without importing `pantau`.
"""

from __future__ import annotations

import os
from importlib.resources import files
from importlib.resources.abc import Traversable
from pathlib import Path

ENV_VAR = "PANTAU_CONFIG_DIR"


def locate(name: str) -> Traversable:
    """Where config file NAME is read from: the override directory's copy if it has one, else the packaged one.

    Packaged files are read-only; on a normal install `str()` of the result is a real path (for messages)."""
    override = os.environ.get(ENV_VAR)
    if override:
        if not Path(override).is_dir():
            raise FileNotFoundError(f"{ENV_VAR}={override} is not a directory")
        if (Path(override) / name).is_file():
            return Path(override) / name
    return files(__name__).joinpath(name)


def read_text(name: str) -> str:
    """The text of config file NAME (see `locate`)."""
    return locate(name).read_text(encoding="utf-8")

"""Where pantau's data files live. Config is data (YAML), kept in the repository's `config/` folder."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent


def config_dir() -> Path:
    """`$PANTAU_CONFIG_DIR` if set, else the repository's `config/`."""
    return Path(os.environ.get("PANTAU_CONFIG_DIR") or REPO_ROOT / "config")


def config_file(name: str) -> Path:
    return config_dir() / name

"""Where pantau's files come from.

Config is package data of `pantau_config` (the repository's `config/` folder), read with
`pantau_config.read_text(name)` / `locate(name)`, honouring $PANTAU_CONFIG_DIR. The labelled corpora under
`tests/fixtures/` exist only in a source checkout (an editable install), never in a wheel: `bundled_corpus`.
"""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path

import click

_HOME = Path(__file__).resolve().parent.parent  # site-packages for a wheel, the checkout for `pip install -e`
# Top-level packages pantau ships beside `pantau`; generic names another distribution could also install.
SIBLINGS = ("crawler", "extractors", "scoring", "pantau_config")


def checkout_root() -> Path | None:
    """The source checkout pantau runs from, or None when it is installed from a wheel."""
    return _HOME if (_HOME / "pyproject.toml").is_file() and (_HOME / "config").is_dir() else None


def bundled_corpus(name: str = "pages") -> Path:
    """The checkout's labelled corpus `tests/fixtures/NAME`; a usage error naming DIRECTORY when installed."""
    root = checkout_root()
    if root is None:
        raise click.UsageError(f"no DIRECTORY given, and the bundled corpus (tests/fixtures/{name}) is only in "
                               "pantau's source checkout, not in an installed package: pass a labelled directory.")
    return root / "tests" / "fixtures" / name


def foreign_siblings() -> list[str]:
    """SIBLINGS that import from somewhere other than pantau's own installation, as "name (origin)".

    Another distribution's `crawler` or `scoring` earlier on sys.path would otherwise fail far from the cause."""
    out = []
    for name in SIBLINGS:
        spec = find_spec(name)
        origin = Path(spec.origin).resolve() if spec and spec.origin else None
        if origin is None or origin.parent.parent != _HOME:
            out.append(f"{name} ({origin or 'not found'})")
    return out

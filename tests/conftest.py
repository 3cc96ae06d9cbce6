"""Fixtures shared across test modules. Registered here, once: a session fixture imported into two modules is
two fixtures (the demo database built twice, two Playwright instances on one thread, which Playwright refuses)."""

from tests.serve_fixtures import browser, chromium, demo_db, served  # noqa: F401 (fixtures)

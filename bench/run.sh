#!/bin/sh
# One command: the benchmark with the project's venv, from the repository root. Arguments go to bench.run.
cd "$(dirname "$0")/.." && exec ./.venv/bin/python -m bench.run "$@"

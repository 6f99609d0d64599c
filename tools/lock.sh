#!/usr/bin/env bash
# Regenerate the pinned dependency locks (with hashes) from pyproject.toml:
#   requirements/test.lock  everything `bootstrap.sh test` installs (app, build and test extras)
#   requirements/app.lock   what `bootstrap.sh run` and tools/build_app.sh install (app + PyInstaller)
# app.lock is resolved under test.lock's versions, so installing one over the other changes nothing.
#   bash tools/lock.sh                    keep every pin that still satisfies pyproject.toml
#   bash tools/lock.sh --upgrade          move everything to the newest allowed versions
#   bash tools/lock.sh --upgrade-package PySide6-Essentials   move one package
# Then run `bash tools/bootstrap.sh test`, read the diff of requirements/*.lock, and commit both.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3
tools="$(mktemp -d)"
trap 'rm -rf "$tools"' EXIT
"$python" -m venv "$tools/venv"
"$tools/venv/bin/python" -m pip install -q --disable-pip-version-check uv
uv=("$tools/venv/bin/uv" pip compile --quiet --generate-hashes --universal --python-version 3.11
    --custom-compile-command "bash tools/lock.sh")
"${uv[@]}" "$@" pyproject.toml requirements/bootstrap.in --extra test --extra build \
  -o requirements/test.lock
"${uv[@]}" pyproject.toml requirements/bootstrap.in --extra build -c requirements/test.lock \
  -o requirements/app.lock
echo "lock: requirements/test.lock ($(grep -c '^[a-zA-Z]' requirements/test.lock) packages)," \
     "requirements/app.lock ($(grep -c '^[a-zA-Z]' requirements/app.lock) packages)"

#!/usr/bin/env bash
# Build the one-folder app with PyInstaller, then prove it works: --selftest, size, cold start.
#   bash tools/build_app.sh [OUT_DIR]     (default: dist/; the folder is OUT_DIR/tic-desktop)
# Uses the project's .venv (or $TIC_VENV); creates it with tools/bootstrap.sh's installer if missing.
# Windows: the same steps in a Python 3.11 venv (see docs/building.md).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
venv="${TIC_VENV:-$here/.venv}"
out="$(realpath -m "${1:-$here/dist}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

[ -x "$venv/bin/python" ] || { echo "build_app: no venv at $venv; run: bash tools/bootstrap.sh test" >&2; exit 2; }
# The pinned app + PyInstaller lock (with hashes; the test venv already has the same versions),
# then the project itself without dependencies.
"$venv/bin/python" -m pip install -q --disable-pip-version-check --require-hashes -r requirements/app.lock
"$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps --no-build-isolation -e .

echo "build_app: building into $out/tic-desktop"
"$venv/bin/pyinstaller" --noconfirm --log-level WARN --distpath "$out" --workpath "$work" build_installer.spec

app="$out/tic-desktop"
# The command line is the same executable (see tic_desktop/frozen_main.py).
cat > "$app/tic" <<'SH'
#!/bin/sh
exec "$(dirname "$(readlink -f "$0")")/tic-desktop" --tic "$@"
SH
chmod +x "$app/tic"
data="$(mktemp -d)"  # the frozen self-test must not touch the builder's own settings or database
export XDG_DATA_HOME="$data/data" XDG_CONFIG_HOME="$data/config" XDG_CACHE_HOME="$data/cache"
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
"$app/tic-desktop" --selftest
"$app/tic" --lang en eligibility "$app/_internal/resources/demo/apps/LC-2026-007.json" >/dev/null

size_mb="$(du -sm "$app" | cut -f1)"
# Start to first window: --smoke-test shows the demo round in the window and quits.
"$venv/bin/python" - "$app/tic-desktop" "$size_mb" <<'PY'
import subprocess, sys, time
times = []
for _ in range(3):
    started = time.perf_counter()
    subprocess.run([sys.argv[1], "--smoke-test"], check=True, capture_output=True)
    times.append(time.perf_counter() - started)
print(f"build_app: folder {sys.argv[2]} MB; start to first window and quit: "
      + ", ".join(f"{t:.2f} s" for t in times))
PY
rm -rf "$data"
echo "build_app: ok"

#!/usr/bin/env bash
# Set up everything the app and its tests need on a fresh Linux machine, then run one of them.
#   bash tools/bootstrap.sh run [ROUND.json]   start the desktop app (demo round by default)
#   bash tools/bootstrap.sh test [PYTEST ARGS]  run the whole test suite
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
venv="${TIC_VENV:-$here/.venv}"
python="${PYTHON:-python3.11}"
command -v "$python" >/dev/null 2>&1 || python=python3

# Qt's runtime libraries, a CJK font for rendering checks, poppler (pdftotext/pdftoppm/pdfsig)
# and the age CLI that tests use as an independent reference.
system_packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
                 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-randr0
                 libxcb-render-util0 libxcb-image0 libxcb-xinerama0 libglib2.0-0
                 fonts-noto-cjk poppler-utils age xvfb)

install_system_packages() {
  command -v dpkg-query >/dev/null 2>&1 || { echo "bootstrap: not a Debian/Ubuntu system; install Qt's libraries and a CJK font yourself" >&2; return 0; }
  local missing=()
  for pkg in "${system_packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo=(sudo); else
      echo "bootstrap: please install as root: apt-get install ${missing[*]}" >&2; return 1
    fi
  fi
  echo "bootstrap: installing ${missing[*]}"
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

install_python_packages() {
  [ -x "$venv/bin/python" ] || "$python" -m venv "$venv"
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
  "$venv/bin/python" -m pip install -q --disable-pip-version-check -e ".[test]"
}

action="${1:-run}"
shift || true
install_system_packages
install_python_packages

case "$action" in
  run)
    if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      echo "bootstrap: no display found; starting under a virtual screen (xvfb-run)" >&2
      exec xvfb-run -a "$venv/bin/tic-desktop" "$@"
    fi
    exec "$venv/bin/tic-desktop" "$@"
    ;;
  test)
    # Dependency audit: fails the run when PyPI's vulnerability data is reachable and a package is
    # vulnerable or cannot be audited; offline it can only warn (docs/security.md, "Dependency audit").
    "$venv/bin/python" -m pip install -q --disable-pip-version-check --upgrade "setuptools>=78.1.1" "pip-audit>=2.7"
    if ! "$venv/bin/python" -m pip_audit --strict --skip-editable --progress-spinner off --desc on; then
      if "$venv/bin/python" -c "import urllib.request as r; r.urlopen('https://pypi.org/pypi/pip/24.0/json', timeout=10)" 2>/dev/null; then
        echo "bootstrap: dependency audit failed (see above)" >&2
        exit 1
      fi
      echo "bootstrap: PyPI's vulnerability data is unreachable; dependency audit skipped" >&2
    fi
    export QT_QPA_PLATFORM=offscreen
    exec "$venv/bin/python" -m pytest "$@"
    ;;
  *)
    echo "usage: bash tools/bootstrap.sh run|test" >&2
    exit 2
    ;;
esac

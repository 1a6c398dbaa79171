#!/usr/bin/env bash
# Set up everything ShopCRM needs on this machine, then run the app or the whole test suite.
#   bash packaging/bootstrap.sh run    # start the app (a demo shop is created if there is no database yet)
#   bash packaging/bootstrap.sh test   # run the whole test suite (pytest args may follow)
#   bash packaging/bootstrap.sh gui-x11  # the GUI tests again on real X displays (Xvfb + openbox, xcb)
#   bash packaging/bootstrap.sh lint   # ruff and mypy, as CI runs them before the tests
# Safe to run again: each step is skipped when already done.
set -euo pipefail

mode="${1:-run}"
shift || true
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
venv="${SHOPCRM_VENV:-$root/.venv}"

say() { printf 'shopcrm-setup: %s\n' "$*" >&2; }

# System libraries Qt needs even offscreen, fonts with Chinese glyphs, Xvfb for screenshots.
system_packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 fontconfig
  fonts-noto-cjk libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
  libxcb-randr0 libxcb-render-util0 libxcb-image0 xvfb xauth poppler-utils)
# What the GUI tests need on a real X display: Qt's xcb platform libraries, a window manager (the
# keyboard goes to the window it activates, as on a desktop) and xprop to see it has started.
x11_packages=(libx11-xcb1 libxcb1 libxcb-xkb1 libxcb-xfixes0 libxcb-sync1 libxcb-shm0 libxcb-util1
  libxcb-render0 openbox x11-utils)

install_system_packages() {
  command -v dpkg >/dev/null 2>&1 || { say "not a Debian/Ubuntu system: install Qt's libEGL/libGL/libxkbcommon/fontconfig and a CJK font yourself"; return 0; }
  local missing=()
  for p in "${system_packages[@]}" "$@"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
      say "missing system packages (${missing[*]}); install them with: sudo apt-get install ${missing[*]}"
      return 0
    fi
  fi
  say "installing system packages: ${missing[*]}"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

python_bin() {
  for candidate in python3.13 python3.12 python3.11 python3; do
    if command -v "$candidate" >/dev/null 2>&1 && "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
      echo "$candidate"; return 0
    fi
  done
  say "Python 3.11 or newer is needed"; exit 1
}

setup_venv() {
  local extras="$1"
  if [ ! -x "$venv/bin/python" ]; then
    local py; py="$(python_bin)"
    if ! "$py" -m venv "$venv" 2>/dev/null; then
      install_system_packages python3-venv
      "$py" -m venv "$venv"
    fi
  fi
  local stamp="$venv/.shopcrm-installed-$extras"
  if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    say "installing Python packages into $venv"
    "$venv/bin/python" -m pip install -q --upgrade pip >/dev/null
    "$venv/bin/python" -m pip install -q -e ".[$extras]"
    touch "$stamp"
  fi
}

case "$mode" in
  run)
    install_system_packages
    setup_venv postgres
    if [ -z "${SHOPCRM_DATABASE_URL:-}" ] && ! "$venv/bin/python" -c 'from shopcrm.paths import default_database_path as p; import sys; sys.exit(0 if p().exists() else 1)'; then
      say "no shop database yet: creating the demo shop"
      "$venv/bin/shopcrm" demo
      "$venv/bin/shopcrm" classify >/dev/null
    fi
    exec "$venv/bin/shopcrm" "$@"
    ;;
  test)
    install_system_packages
    setup_venv dev
    export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-offscreen}"
    workers=$("$venv/bin/python" -c 'import os; print(max(1, min(4, os.cpu_count() or 1)))')
    exec "$venv/bin/python" -m pytest -n "$workers" -m "slow or not slow" "$@"
    ;;
  gui-x11)
    # Each process that runs tests (each xdist worker) starts its own Xvfb at 1024x768 and openbox
    # (tests/gui/own_display.py): windows on one shared display would take the keyboard from each other.
    install_system_packages "${x11_packages[@]}"
    setup_venv dev
    workers=$("$venv/bin/python" -c 'import os; print(max(1, min(4, os.cpu_count() or 1)))')
    SHOPCRM_TEST_XVFB=1 QT_QPA_PLATFORM=xcb exec "$venv/bin/python" -m pytest -n "$workers" -m "slow or not slow" \
      -p no:cacheprovider tests/gui "$@"
    ;;
  lint)
    # The strict habits CI keeps before any test runs: ruff's rules and mypy over the package.
    setup_venv dev
    "$venv/bin/ruff" check shopcrm tests packaging resources
    "$venv/bin/mypy" shopcrm
    ;;
  *)
    say "usage: bash packaging/bootstrap.sh run|test|gui-x11|lint"; exit 1 ;;
esac

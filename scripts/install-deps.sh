#!/usr/bin/env bash
# Installs the Debian packages tendo needs, but only those missing: a no-op
# when everything is there. Needs root (or sudo) only when something is
# missing. The set and why each is there: docs/architecture.md,
# "Dependencies".
#
#   install-deps.sh           everything `make check` needs (CI, .ci/run)
#   install-deps.sh --run     only what building and running need (`make
#                             demo`): no compilers for sanitizers, no
#                             browser, no test tools
#   install-deps.sh --list run|check   print the set, install nothing
set -euo pipefail

# building and running: the compiler, CMake and the libraries tendo links
run_packages=(
  build-essential cmake ninja-build pkgconf
  libsqlite3-dev libexpat1-dev zlib1g-dev libzip-dev libjansson-dev
  libmicrohttpd-dev tzdata
)
# testing: unit tests, sanitizers and libFuzzer, independent readers of
# what tendo writes, the report in headless Chromium, the FIT peer
check_packages=(
  "${run_packages[@]}"
  libcmocka-dev
  clang clang-14 libclang-rt-14-dev
  sqlite3 libxml2-utils gpsbabel python3 python3-icalendar
  chromium fonts-dejavu-core
)

packages=("${check_packages[@]}")
case "${1:-}" in
  --run) packages=("${run_packages[@]}") ;;
  --list)
    case "${2:-}" in
      run) printf '%s\n' "${run_packages[@]}" ;;
      check) printf '%s\n' "${check_packages[@]}" ;;
      *) echo "usage: install-deps.sh [--run | --list run|check]" >&2; exit 1 ;;
    esac
    exit 0 ;;
  "") ;;
  *) echo "usage: install-deps.sh [--run | --list run|check]" >&2; exit 1 ;;
esac

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

echo "install-deps: installing ${missing[*]}"
sudo=()
if [[ $(id -u) -ne 0 ]]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: run as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -q
"${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"

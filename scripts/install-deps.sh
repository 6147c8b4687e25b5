#!/usr/bin/env bash
# Installs the Debian packages tendo needs to build, test and fuzz (the set
# chosen in docs/dependencies, from libs.md), but only those missing: a no-op
# when everything is there. Needs root (or sudo) only when something is
# missing. Used by `make demo`, `make check` and .ci/run.
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkgconf
  libsqlite3-dev libexpat1-dev zlib1g-dev libzip-dev libjansson-dev
  libcmocka-dev
  clang clang-14 libclang-rt-14-dev valgrind
  sqlite3 libxml2-utils gpsbabel tzdata python3 python3-icalendar
  chromium fonts-dejavu-core
)

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

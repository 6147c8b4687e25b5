#!/usr/bin/env bash
# make demo installs only what building and running need; make check the
# rest. Checks the two package sets of scripts/install-deps.sh, the
# Makefile's targets, and that a tree configures and builds its library
# and CLI without the test tools (cmocka hidden from pkg-config): tests
# are skipped under TENDO_TESTS=AUTO and required under ON.
set -u
src=$1
failed=0
bad() { echo "FAIL: $*"; failed=$((failed + 1)); }

run_set=$("$src/scripts/install-deps.sh" --list run) || bad "--list run"
check_set=$("$src/scripts/install-deps.sh" --list check) || bad "--list check"
for p in chromium clang libcmocka-dev gpsbabel python3-icalendar; do
  grep -qx "$p" <<<"$run_set" && bad "the demo would install $p"
  grep -qx "$p" <<<"$check_set" || bad "make check would not install $p"
done
for p in $run_set; do
  grep -qx "$p" <<<"$check_set" || bad "$p is in the run set only"
done
grep -q '^demo: deps-run build' "$src/Makefile" || bad "make demo does not use the run set"
grep -q '^deps-run:' "$src/Makefile" && grep -q 'install-deps.sh --run' "$src/Makefile" ||
  bad "no deps-run target"

# configure and build without cmocka: pkg-config sees every library of
# the machine but cmocka
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir "$work/pc"
for d in $(pkg-config --variable pc_path pkg-config | tr : ' '); do
  for f in "$d"/*.pc; do
    [ -f "$f" ] && [ "$(basename "$f")" != cmocka.pc ] &&
      ln -sf "$f" "$work/pc/$(basename "$f")"
  done
done
if PKG_CONFIG_LIBDIR="$work/pc" PKG_CONFIG_PATH= cmake -S "$src" -B "$work/b" \
     -G Ninja -DTENDO_TESTS=AUTO >"$work/log" 2>&1; then
  grep -q "tests not built" "$work/log" || bad "AUTO without cmocka: no notice"
  if cmake --build "$work/b" --target tendo >>"$work/log" 2>&1; then
    "$work/b/tendo" --version >/dev/null || bad "the CLI built without test tools does not run"
  else
    tail -5 "$work/log"; bad "the CLI does not build without test tools"
  fi
else
  tail -5 "$work/log"; bad "AUTO without cmocka does not configure"
fi
if PKG_CONFIG_LIBDIR="$work/pc" PKG_CONFIG_PATH= cmake -S "$src" -B "$work/c" \
     -G Ninja -DTENDO_TESTS=ON >"$work/log2" 2>&1; then
  bad "TENDO_TESTS=ON configured without cmocka"
fi
[ "$failed" -eq 0 ] && echo "deps: the demo needs only the run set" && exit 0
exit 1

#!/usr/bin/env bash
# `make install` delivers what a user and a C programmer need: the binary,
# libtendo (static and shared), the headers, a pkg-config file, the man
# page, the bash completion; and a program built against the installed files runs.
set -u
build=$1
dest=$(mktemp -d /tmp/tendo-install-XXXXXX)
trap 'rm -rf "$dest"' EXIT
passed=0 failed=0
check() { if eval "$1"; then passed=$((passed + 1)); else failed=$((failed + 1)); echo "FAIL: $2"; fi; }

DESTDIR="$dest" cmake --install "$build" --prefix /usr >/dev/null || { echo "install failed"; exit 1; }
check '[ -x "$dest/usr/bin/tendo" ]' "binary"
check '[ -f "$dest/usr/share/man/man1/tendo.1" ]' "man page"
comp="$dest/usr/share/bash-completion/completions/tendo"
check '[ -f "$comp" ]' "bash completion"
check 'bash -c "source \"$comp\"; complete -p tendo" | grep -q _tendo' "the completion loads"
check 'cmp -s "$comp" <("$dest/usr/bin/tendo" completion bash)' "the installed completion is the binary's"
check '[ -f "$dest/usr/include/tendo/tendo.h" ]' "headers"
pc=$(find "$dest" -name tendo.pc | head -1)
check '[ -n "$pc" ]' "pkg-config file"
check '[ "$(PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --variable=includedir tendo | xargs realpath)" = "$dest/usr/include" ]' "pkg-config finds the headers"
check 'PKG_CONFIG_PATH=$(dirname "$pc") pkg-config --libs tendo | grep -q -- "-ltendo"' "pkg-config libs"
liba=$(find "$dest" -name libtendo.a | head -1)
check '[ -n "$liba" ]' "static library"
check '[ -n "$(find "$dest" -name "libtendo.so*" | head -1)" ]' "shared library"
check 'man -l "$dest/usr/share/man/man1/tendo.1" 2>/dev/null | grep -q "symptom check"' "man page renders"
cat > "$dest/prog.c" <<'C'
#include <stdio.h>
#include <tendo/tendo.h>
int main(void)
{
    char d[TENDO_DAY_STRLEN];
    printf("%s %s\n", tendo_version(), tendo_day_format(tendo_day_from_ymd(2026, 11, 24), d));
    return 0;
}
C
check 'cc -std=c11 -I"$dest/usr/include" "$dest/prog.c" "$liba" $(pkg-config --libs sqlite3 jansson zlib expat libzip libmicrohttpd) -lm -o "$dest/prog"' "compile against the installed files"
check '"$dest/prog" | grep -q " 2026-11-24$"' "the program runs"
check '"$dest/usr/bin/tendo" --version | grep -q "^tendo "' "installed binary runs"
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]

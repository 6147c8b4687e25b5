#!/usr/bin/env bash
# Checks the layering rules of docs/architecture.md with grep:
# only src/store/ includes sqlite3.h, and the library never prints or exits.
set -u
src=$(cd "$(dirname "$0")/../src" && pwd)
bad=0
if grep -rln '#include <sqlite3.h>' "$src" | grep -v "^$src/store/"; then
  echo "only src/store/ may include sqlite3.h"; bad=1
fi
if grep -rnE '\b(printf|puts|fputs|fprintf|perror|exit|abort)\s*\(' "$src" \
   | grep -vE 'snprintf|vsnprintf|// |/\*|^[^:]+:[0-9]+:\s*\*'; then
  echo "the library must not print or exit"; bad=1
fi
if grep -rnE '\b(time|gettimeofday|clock_gettime)\s*\(' "$src" \
   | grep -vE '^[^:]+:[0-9]+:\s*(\*|/\*)'; then
  echo "the library must not read the clock (today is an argument)"; bad=1
fi
[ $bad -eq 0 ] && echo "layers: 1 passed, 0 failed" || echo "layers: 0 passed, 1 failed"
exit $bad

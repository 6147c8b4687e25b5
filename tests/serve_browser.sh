#!/usr/bin/env bash
# tendo serve in a real browser (tests/browser/serve.mjs): the demo's data
# (a 12-week diary, its last two weeks of runs from watch files) served on
# a free loopback port, driven at a phone's and a desktop's width.
# puppeteer-core comes from npm, pinned by tests/browser/package-lock.json,
# installed into the build tree (shared with report:browser); screenshots
# stay under BUILD/serve-shots/. Exit 77 (skipped) without node, npm or
# chromium.
# Usage: serve_browser.sh TENDO GEN-DIARY BUILD
set -u
tendo=$(realpath "$1") gen=$(realpath "$2") build=$(realpath "$3")
src=$(cd "$(dirname "$0")" && pwd)
source "$src/browser/setup.sh"
W=$(mktemp -d /tmp/tendo-serve-browser-XXXXXX)
pid=
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$W"' EXIT
cd "$W" || exit 1
export TENDO_NOW=2026-11-24T08:00:00Z TZ=UTC
export TENDO_DB="$W/a.db"
"$tendo" -q init && "$gen" --end 2026-11-24 --weeks 12 --watch-from 2026-11-11 > a.csv &&
  "$(dirname "$gen")/tendo-gen-fit" --out watch --end 2026-11-24 --days 14 2>/dev/null &&
  "$tendo" -q import a.csv watch/run-2026-11-1* || exit 1
cp a.db b.db
# a server each (a copy of the same data), on free ports
TENDO_DB=a.db "$tendo" serve --listen 127.0.0.1:0 > /dev/null 2> phone.err &
pids=$!
TENDO_DB=b.db "$tendo" serve --listen 127.0.0.1:0 > /dev/null 2> desktop.err &
pids="$pids $!"
pid=$pids
port_of() {
  for _ in $(seq 200); do grep -q "serving http" "$1" && break; sleep 0.05; done
  sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$1" | head -1
}
phone=$(port_of phone.err) desktop=$(port_of desktop.err)
[ -n "$phone" ] && [ -n "$desktop" ] || { echo "a server did not start:"; cat phone.err desktop.err; exit 1; }
mkdir -p "$build/serve-shots"
node "$dir/serve.mjs" "http://127.0.0.1:$phone" "http://127.0.0.1:$desktop" \
  "$build/serve-shots" "$W"/watch/run-2026-11-2*
rc=$?
kill -TERM $pids; wait $pids; pid=
[ $rc -eq 0 ] || { echo "server logs:"; tail -30 phone.err desktop.err; }
exit $rc

#!/usr/bin/env bash
# bench/serve.sh BUILD [SOAK_SECONDS] - tendo serve under load, on loopback
# only: wrk (Debian's) with 64 connections against /api/today, then a mix
# of nine reads of /api/today to one check-in write (POST /api/check), each
# a bounded run; requests/s, p50/p99 latency and errors. In the same run
# the peer: `tendo --json today` as a process per request (two at a time on
# two cores), its requests/s and the ratio. With SOAK_SECONDS, the mix runs
# that long and the server's resident memory is sampled every 30 s.
# The demo's data (12 weeks of diary, two of watch files). Not part of
# make check: the figures go to docs/benchmarks.md.
set -euo pipefail
build=$(realpath "${1:-build}")
soak=${2:-0}
dur=${DURATION:-10s}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 1; }
cmake --build "$build" --target tendo tendo-gen-diary tendo-gen-fit >/dev/null
W=$(mktemp -d /tmp/tendo-bench-serve-XXXXXX)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$W"' EXIT
export TENDO_DB="$W/a.db" TENDO_NOW=2026-11-24T08:00:00Z TZ=UTC
"$build/tendo" -q init
"$build/tendo-gen-diary" --end 2026-11-24 --weeks 12 --watch-from 2026-11-11 > "$W/a.csv"
"$build/tendo-gen-fit" --out "$W/watch" --end 2026-11-24 --days 14 2>/dev/null
"$build/tendo" -q import "$W/a.csv" "$W/watch"

"$build/tendo" serve --listen 127.0.0.1:0 > /dev/null 2> "$W/serve.err" &
pid=$!
for _ in $(seq 200); do grep -q "serving http" "$W/serve.err" && break; sleep 0.05; done
port=$(sed -n 's|.*serving http://127.0.0.1:\([0-9]*\)/.*|\1|p' "$W/serve.err" | head -1)
url="http://127.0.0.1:$port"

cat > "$W/mix.lua" <<'LUA'
-- nine reads of today to one check-in (morning 0-3, today)
local n = 0
request = function()
  n = n + 1
  if n % 10 == 0 then
    local body = string.format('{"morning":%d,"stiffness":%d}', n % 4, 5 + n % 10)
    return wrk.format("POST", "/api/check",
                      {["Content-Type"] = "application/json"}, body)
  end
  return wrk.format("GET", "/api/today")
end
LUA

report() { # NAME FILE: requests/s, p50, p99, errors from wrk --latency
  awk -v name="$1" '
    /Requests\/sec/ { rps = $2 }
    /^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
    /Socket errors/ { err = $0 } /Non-2xx/ { non2xx = $NF }
    END { printf "%-28s %10s req/s  p50 %8s  p99 %8s  errors: %s non-2xx: %s\n",
          name, rps, p50, p99, (err ? err : "none"), (non2xx ? non2xx : 0) }' "$2"
}

wrk -t2 -c64 -d"$dur" --latency "$url/api/today" > "$W/today.txt"
report "GET /api/today, 64 conns" "$W/today.txt"
wrk -t2 -c64 -d"$dur" --latency -s "$W/mix.lua" "$url" > "$W/mix.txt"
report "mix 9:1 with check-ins" "$W/mix.txt"

# the peer: a process per request, two at a time for 10 s
n=0; t0=$(date +%s.%N)
end=$(awk "BEGIN { printf \"%.3f\", $t0 + 10 }")
while awk "BEGIN { exit !($(date +%s.%N) < $end) }"; do
  "$build/tendo" --json today > /dev/null & "$build/tendo" --json today > /dev/null
  wait $!
  n=$((n + 2))
done
t1=$(date +%s.%N)
cli=$(awk "BEGIN { printf \"%.1f\", $n / ($t1 - $t0) }")
srv=$(awk '/Requests\/sec/ { print $2 }' "$W/today.txt")
echo "tendo --json today, a process each: $cli req/s; the server: $srv req/s; ratio $(awk "BEGIN { printf \"%.0f\", $srv / $cli }")x"

if [ "$soak" -gt 0 ]; then
  wrk -t2 -c64 -d"${soak}s" --latency -s "$W/mix.lua" "$url" > "$W/soak.txt" &
  w=$!
  for t in $(seq 0 30 "$soak"); do
    echo "soak ${t}s: RSS $(awk '/VmRSS/ { print $2, $3 }' /proc/$pid/status)"
    [ "$t" -lt "$soak" ] && sleep 30
  done
  wait "$w"
  report "soak mix, ${soak}s" "$W/soak.txt"
fi
kill -TERM "$pid"; wait "$pid"; pid=

#!/usr/bin/env bash
# tendo serve, the first part: the real server on a free loopback port,
# /api/today byte for byte the document of `tendo --json today` (one
# truth), / a page that needs no script, the Host header checked (no DNS
# rebinding), unknown paths 404, a strict Content-Security-Policy, errors
# as the CLI's (code name, exit status), one log line per request, and
# SIGTERM stops it cleanly.
source "$(dirname "$0")/lib.sh" "$@"

"$GEN_BIN" --end 2026-11-24 --weeks 8 > diary.csv
run import diary.csv
expect_status 0 "import"

expect_rejected "beyond loopback without TLS" 1 "beyond loopback give --tls-cert and --tls-key" serve --listen 0.0.0.0:8470
expect_rejected "a name, not an address" 1 "--listen needs an IPv4 address" serve --listen localhost:8470
expect_rejected "bad listen" 1 "--listen needs ADDR:PORT" serve --listen nowhere
TENDO_DB="$WORK/none.db" "$TENDO_BIN" serve --listen 127.0.0.1:0 2> none.err
expect_eq "$?" 2 "no database: refused before listening"

"$TENDO_BIN" serve --listen 127.0.0.1:0 2> serve.err &
pid=$!
for _ in $(seq 100); do grep -q "serving http://" serve.err && break; sleep 0.05; done
port=$(sed -n 's|.*http://127.0.0.1:\([0-9]*\)/.*|\1|p' serve.err | head -1)
[ -n "$port" ] && ok || bad "serving" "$(cat serve.err)"

run --json today
printf '%s\n' "$OUT" > cli.json
run --json plan --weeks 3
printf '%s\n' "$OUT" > cli-plan.json
run --json load --weeks 4
printf '%s\n' "$OUT" > cli-load.json
python3 - "$port" <<'PY' > http.out 2>&1
import sys, urllib.request, urllib.error
port = sys.argv[1]
base = f"http://127.0.0.1:{port}"
def get(path, host=None):
    req = urllib.request.Request(base + path, headers={"Host": host} if host else {})
    try:
        r = urllib.request.urlopen(req, timeout=10)
        return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as e:
        return e.code, dict(e.headers), e.read()
st, h, body = get("/api/today")
open("api.json", "wb").write(body)
print("today", st, h.get("Content-Type"), "csp" if "default-src 'none'" in h.get("Content-Security-Policy", "") else "no-csp")
st, h, body = get("/")
open("page.html", "wb").write(body)
print("page", st, h.get("Content-Type"))
st, h, body = get("/api/today", host="evil.example:" + port)
print("host", st, body.decode().strip())
st, h, body = get("/api/plan?weeks=3")
open("api-plan.json", "wb").write(body)
st, h, body = get("/api/load?weeks=4")
open("api-load.json", "wb").write(body)
st, h, body = get("/api/load?weeks=0")
print("weeks0", st, body.decode().strip())
st, h, body = get("/../etc/passwd")
print("traversal", st)
st, h, body = get("/nope")
print("missing", st, body.decode().strip())
PY
grep -q "^today 200 application/json csp$" http.out && ok || bad "api today" "$(cat http.out)"
cmp -s api.json cli.json && ok || bad "one truth" "$(diff api.json cli.json | head -5)"
cmp -s api-plan.json cli-plan.json && ok || bad "one truth: the plan" "$(diff api-plan.json cli-plan.json | head -5)"
cmp -s api-load.json cli-load.json && ok || bad "one truth: the load" "$(diff api-load.json cli-load.json | head -5)"
grep -q '^weeks0 400 {"error":{"code":"TENDO_ERANGE","what":"value out of range","message":"weeks' http.out && ok || bad "bad weeks" "$(grep weeks0 http.out)"
grep -q "^page 200 text/html; charset=utf-8$" http.out && ok || bad "page" "$(cat http.out)"
grep -q 'id="level"' page.html && ok || bad "page level" "$(head -c 300 page.html)"
level=$(json_get cli.json '$.level')
grep -q ">$level</span>" page.html && ok || bad "page shows the level" "$level"
xmllint --noout page.html 2>/dev/null && ok || bad "page well-formed" "xmllint"
# progressive enhancement only: no inline script, the page works without it
grep "<script" page.html | grep -qv '<script src="/static/' && bad "no inline script" "found" || ok
grep -q '^host 421 {"error":{"code":"TENDO_EUSAGE","what":"invalid request","message":"the Host header does not name this server","exit_status":1}}$' http.out && ok || bad "host checked" "$(cat http.out)"
grep -q "^traversal 404$" http.out && ok || bad "traversal" "$(cat http.out)"
grep -q '^missing 404 {"error":{"code":"TENDO_ENOTFOUND"' http.out && ok || bad "404" "$(cat http.out)"

kill -TERM "$pid"
wait "$pid"
expect_eq "$?" 0 "SIGTERM: a clean stop"
grep -q "^GET /api/today 200 " serve.err && ok || bad "log line" "$(cat serve.err)"
grep -q "^GET /nope 404 " serve.err && ok || bad "log 404" "$(cat serve.err)"
grep -q "tendo: stopped (SIGTERM)" serve.err && ok || bad "stopped" "$(cat serve.err)"
sanitizer_check_files serve.err
finish

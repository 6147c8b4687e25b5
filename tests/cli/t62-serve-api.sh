#!/usr/bin/env bash
# tendo serve, the whole of it against the real server: every write of the
# API and the pages (the CLI's documents, one truth after each), the
# calendar feed, the report, imports, and the defences - a foreign Origin
# 403, an oversize body 413, path traversal 404, a slow client cut off
# (tests/cli/serve_api.py); then pairing beyond loopback (401 without or
# with a wrong token, the HttpOnly SameSite cookie), TLS, and kill -9
# during a stream of writes losing nothing that was answered.
source "$(dirname "$0")/lib.sh" "$@"
FIT_BIN="$(dirname "$GEN_BIN")/tendo-gen-fit"

"$GEN_BIN" --end 2026-11-24 --weeks 8 > diary.csv
run import diary.csv
expect_status 0 "import"

wait_port() { # FILE: the port the server says it serves on
  for _ in $(seq 200); do grep -q "serving http" "$1" && break; sleep 0.05; done
  sed -n 's|.*serving https\?://[0-9.]*:\([0-9]*\)/.*|\1|p' "$1" | head -1
}
count_py() { # the ok / FAIL lines of serve_api.py
  while IFS= read -r line; do
    case "$line" in
      ok\ *) ok ;;
      FAIL\ *) failed=$((failed + 1)); echo "$line" ;;
      *) echo "$line" ;;
    esac
  done < "$1"
}

"$TENDO_BIN" serve --listen 127.0.0.1:0 2> serve.err &
pid=$!
port=$(wait_port serve.err)
[ -n "$port" ] && ok || bad "serving" "$(cat serve.err)"
python3 "$TENDO_SRC/tests/cli/serve_api.py" "$port" "$TENDO_BIN" "$WORK" "$FIT_BIN" > py.out 2>&1
expect_eq "$?" 0 "serve_api.py ran to its end"
count_py py.out
grep -c "^ok " py.out | { read -r n; [ "$n" -ge 90 ] && ok || bad "enough checks" "$n"; }
kill -TERM "$pid"; wait "$pid"
expect_eq "$?" 0 "SIGTERM: a clean stop"
grep -q "^POST /api/check 200 " serve.err && ok || bad "log line of a write" "$(tail -3 serve.err)"
grep -q "^POST /api/check 403 " serve.err && ok || bad "log line of a refusal" "$(tail -3 serve.err)"

# ---- beyond loopback: a pairing token, stored hashed --------------------
expect_rejected "plain HTTP refused" 1 "beyond loopback give --tls-cert" serve --listen 0.0.0.0:0
expect_rejected "a certificate without its key" 1 "--tls-cert and --tls-key go together" serve --listen 127.0.0.1:0 --tls-cert x.pem
"$TENDO_BIN" serve --listen 0.0.0.0:0 --allow-plain-http 2> wide.err &
pid=$!
port=$(wait_port wide.err)
token=$(grep -o 'pair?token=[0-9a-f]*' wide.err | head -1 | cut -d= -f2)
[ ${#token} -eq 64 ] && ok || bad "a pairing address printed" "$(cat wide.err)"
hash=$("$TENDO_BIN" config serve_token_sha256)
expect_eq "$hash" "$(printf %s "$token" | sha256sum | cut -c1-64)" "only the token's hash is stored"
sqlite3 "$TENDO_DB" .dump | grep -q "$token" && bad "the token itself is stored" "found" || ok
python3 - "$port" "$token" > pair.out <<'PY'
import http.client, sys
port, token = int(sys.argv[1]), sys.argv[2]
def get(path, headers=None, host=f"127.0.0.1:{port}"):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    h = {"Host": host}; h.update(headers or {})
    c.request("GET", path, headers=h)
    r = c.getresponse(); body = r.read()
    return r.status, {k.lower(): v for k, v in r.getheaders()}, body
print("none", get("/api/today")[0])
print("page", get("/")[0])
print("wrong", get("/api/today", {"Authorization": "Bearer " + "0" * 64})[0])
print("wrongcookie", get("/", {"Cookie": "tendo_token=" + "1" * 64})[0])
print("bearer", get("/api/today", {"Authorization": "Bearer " + token})[0])
st, h, _ = get("/pair?token=" + token)
print("pair", st, h.get("location"), h.get("set-cookie"))
print("badpair", get("/pair?token=" + "2" * 64)[0])
print("cookie", get("/", {"Cookie": "tendo_token=" + token})[0])
print("css", get("/static/tendo.css")[0])
print("name", get("/", {"Cookie": "tendo_token=" + token}, host=f"phone.example:{port}")[0])
print("otherport", get("/", {"Cookie": "tendo_token=" + token}, host=f"127.0.0.1:{port + 1}")[0])
import socket
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(16)]
extra = socket.create_connection(("127.0.0.1", port))
extra.settimeout(5)
try:
    cut = extra.recv(1) == b""      # closed at once
except ConnectionResetError:
    cut = True
except socket.timeout:              # still open after 5 s (idle cut is 10 s)
    cut = False
print("per-ip", "cut" if cut else "kept")
for h in held + [extra]:
    h.close()
PY
grep -q "^none 401$" pair.out && ok || bad "no token: 401" "$(cat pair.out)"
grep -q "^page 401$" pair.out && ok || bad "a page without a token: 401" "$(cat pair.out)"
grep -q "^wrong 401$" pair.out && ok || bad "a wrong token: 401" "$(cat pair.out)"
grep -q "^wrongcookie 401$" pair.out && ok || bad "a wrong cookie: 401" "$(cat pair.out)"
grep -q "^bearer 200$" pair.out && ok || bad "Bearer token: 200" "$(cat pair.out)"
grep -q "^pair 303 / tendo_token=$token; Path=/; HttpOnly; SameSite=Strict; Max-Age=" pair.out && ok || bad "pairing sets the cookie" "$(cat pair.out)"
grep -q "^badpair 401$" pair.out && ok || bad "a wrong pairing address: 401" "$(cat pair.out)"
grep -q "^cookie 200$" pair.out && ok || bad "the cookie: 200" "$(cat pair.out)"
grep -q "^css 200$" pair.out && ok || bad "the style sheet needs no token" "$(cat pair.out)"
grep -q "^name 421$" pair.out && ok || bad "0.0.0.0: a name in Host is 421" "$(cat pair.out)"
grep -q "^otherport 421$" pair.out && ok || bad "0.0.0.0: another port in Host is 421" "$(cat pair.out)"
grep -q "^per-ip cut$" pair.out && ok || bad "a 17th connection from one address is cut" "$(cat pair.out)"
kill -TERM "$pid"; wait "$pid"
# a second start keeps the token; --new-token replaces it
"$TENDO_BIN" serve --listen 0.0.0.0:0 --allow-plain-http 2> wide2.err &
pid=$!
port=$(wait_port wide2.err)
grep -q "pair?token=" wide2.err && bad "the token shown again" "$(cat wide2.err)" || ok
grep -q "devices paired before keep working" wide2.err && ok || bad "says the token is kept" "$(cat wide2.err)"
kill -TERM "$pid"; wait "$pid"
"$TENDO_BIN" serve --listen 0.0.0.0:0 --allow-plain-http --new-token 2> wide3.err &
pid=$!
port=$(wait_port wide3.err)
token3=$(grep -o 'pair?token=[0-9a-f]*' wide3.err | head -1 | cut -d= -f2)
[ ${#token3} -eq 64 ] && [ "$token3" != "$token" ] && ok || bad "a new token" "$(cat wide3.err)"
st=$(python3 -c "
import http.client,sys
c=http.client.HTTPConnection('127.0.0.1',$port,timeout=10)
c.request('GET','/api/today',headers={'Host':'127.0.0.1:$port','Authorization':'Bearer $token'})
print(c.getresponse().status)")
expect_eq "$st" 401 "the old token no longer works"
kill -TERM "$pid"; wait "$pid"

# ---- TLS -------------------------------------------------------------------
if command -v openssl >/dev/null; then
  openssl req -x509 -newkey rsa:2048 -nodes -keyout key.pem -out cert.pem -days 2 \
    -subj "/CN=127.0.0.1" -addext "subjectAltName=IP:127.0.0.1" 2>/dev/null
  "$TENDO_BIN" serve --listen 127.0.0.1:0 --tls-cert cert.pem --tls-key key.pem 2> tls.err &
  pid=$!
  port=$(wait_port tls.err)
  grep -q "serving https://127.0.0.1:" tls.err && ok || bad "serving https" "$(cat tls.err)"
  python3 - "$port" > tls.out 2>&1 <<'PY'
import http.client, ssl, sys
port = int(sys.argv[1])
ctx = ssl.create_default_context(cafile="cert.pem")
c = http.client.HTTPSConnection("127.0.0.1", port, context=ctx, timeout=10)
c.request("GET", "/api/today", headers={"Host": f"127.0.0.1:{port}"})
r = c.getresponse(); r.read()
print("https", r.status, r.getheader("Strict-Transport-Security"))
try:
    p = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    p.request("GET", "/api/today", headers={"Host": f"127.0.0.1:{port}"})
    print("plain", p.getresponse().status)
except Exception as e:
    print("plain refused")
PY
  grep -q "^https 200 max-age=" tls.out && ok || bad "HTTPS answers, verified" "$(cat tls.out)"
  grep -q "^plain refused$" tls.out && ok || bad "plain HTTP to the TLS port" "$(cat tls.out)"
  kill -TERM "$pid"; wait "$pid"
  echo "not a certificate" > bad.pem
  run serve --listen 127.0.0.1:0 --tls-cert bad.pem --tls-key bad.pem
  [ "$STATUS" -ne 0 ] && [[ "$ERR" == *"cannot listen"* ]] && ok || bad "a bad certificate: refused" "$ERR"
else
  echo "openssl not installed: TLS not tested"
fi

# ---- kill -9 during a stream of writes: nothing answered is lost --------
"$TENDO_BIN" serve --listen 127.0.0.1:0 2> k.err &
pid=$!
port=$(wait_port k.err)
python3 - "$port" > writes.out 2>&1 <<'PY' &
import http.client, json, sys
port = int(sys.argv[1])
done = 0
try:
    while True:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        c.request("POST", "/api/session",
                  body=json.dumps({"type": "walk", "minutes": 10 + done % 50,
                                   "notes": f"w{done}"}),
                  headers={"Host": f"127.0.0.1:{port}",
                           "Content-Type": "application/json"})
        r = c.getresponse()
        doc = json.loads(r.read())
        if r.status != 201:
            break
        print(doc["id"], flush=True)
        done += 1
except Exception as e:
    pass
PY
writer=$!
for _ in $(seq 100); do [ "$(wc -l < writes.out)" -ge 40 ] && break; sleep 0.05; done
kill -9 "$pid"
wait "$writer"
wait "$pid" 2>/dev/null
answered=$(grep -c '^[0-9][0-9]*$' writes.out)
[ "$answered" -ge 40 ] && ok || bad "writes before the kill" "$answered"
run --json list --what sessions --days 1
printf '%s\n' "$OUT" > after.json
stored=$(python3 -c "
import json
ids = {s['id'] for s in json.load(open('after.json'))['sessions']}
print(sum(1 for l in open('writes.out') if l.strip().isdigit() and int(l) in ids))")
expect_eq "$stored" "$answered" "every answered write survived kill -9"
expect_eq "$(sqlite3 "$TENDO_DB" 'PRAGMA integrity_check')" ok "the database is whole"

# ---- SIGTERM during a write: the write in progress finishes whole -------
awk 'BEGIN { print "date,type,minutes,notes"
  for (i = 0; i < 60000; i++) printf "2026-10-01,walk,%d,t%d\n", 10 + i % 50, i }' > big.csv
before=$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions")
"$TENDO_BIN" serve --listen 127.0.0.1:0 2> term.err &
pid=$!
port=$(wait_port term.err)
python3 - "$port" "$pid" > term.out 2>&1 <<'PY'
import http.client, os, signal, sys, time
port, pid = int(sys.argv[1]), int(sys.argv[2])
c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
c.request("POST", "/api/import?name=big.csv", body=open("big.csv", "rb").read(),
          headers={"Host": f"127.0.0.1:{port}", "Content-Type": "text/csv"})
time.sleep(0.3)              # the whole body is sent: the import is running
os.kill(pid, signal.SIGTERM)
try:
    r = c.getresponse(); r.read()
    print("answered", r.status)
except Exception as e:
    print("not answered", type(e).__name__)
PY
wait "$pid"
expect_eq "$?" 0 "SIGTERM during an import: a clean stop"
n=$(( $(sqlite3 "$TENDO_DB" "SELECT count(*) FROM sessions") - before ))
{ [ "$n" -eq 60000 ] || { [ "$n" -eq 0 ] && ! grep -q "^answered 200" term.out; }; } && ok ||
  bad "the import in progress: whole or not at all" "$n rows; $(cat term.out)"
echo "SIGTERM during a 60,000-row import: $n rows stored, $(cat term.out)"
sanitizer_check_files serve.err wide.err wide2.err wide3.err tls.err k.err term.err
finish

#!/usr/bin/env python3
"""tests/cli/serve_api.py - the server's API, pages and defences against the
real server (started by t62-serve-api.sh on a free loopback port).

Prints "ok NAME" or "FAIL NAME: detail" per check; the shell script counts
them. Every write is checked against what the CLI says afterwards (one
truth), and with the same write made by the CLI on a copy of the database
where the documents must be equal.

usage: serve_api.py PORT TENDO_BIN WORKDIR GEN_FIT
"""
import http.client
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse

port, tendo, work, gen_fit = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
port = int(port)
db = os.environ["TENDO_DB"]
HOST = f"127.0.0.1:{port}"
ORIGIN = f"http://{HOST}"


def ok(name):
    print("ok", name)


def fail(name, detail):
    print(f"FAIL {name}: {str(detail)[:600]}")


def check(cond, name, detail=""):
    ok(name) if cond else fail(name, detail)


def request(method, path, body=None, headers=None, host=HOST):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
    h = {"Host": host}
    h.update(headers or {})
    if isinstance(body, str):
        body = body.encode()
    c.request(method, path, body=body, headers=h)
    r = c.getresponse()
    data = r.read()
    hdrs = {k.lower(): v for k, v in r.getheaders()}
    c.close()
    return r.status, hdrs, data


def post_json(path, obj, headers=None):
    h = {"Content-Type": "application/json"}
    h.update(headers or {})
    st, hd, data = request("POST", path, json.dumps(obj), h)
    try:
        doc = json.loads(data)
    except ValueError:
        doc = None
    return st, doc, data


def post_form(path, fields, headers=None):
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    h.update(headers or {})
    return request("POST", path, urllib.parse.urlencode(fields, doseq=True), h)


def cli(*args, dbpath=None):
    env = dict(os.environ)
    if dbpath:
        env["TENDO_DB"] = dbpath
    p = subprocess.run([tendo, *args], capture_output=True, env=env,
                       stdin=subprocess.DEVNULL)
    return p.returncode, p.stdout, p.stderr


def cli_json(*args, dbpath=None):
    rc, out, err = cli("--json", *args, dbpath=dbpath)
    return json.loads(out) if rc == 0 else {"rc": rc, "err": err.decode()}


def db_copy(name):
    """a copy of the database as it is now (the server writes with WAL:
    the backup command makes a consistent one)"""
    path = os.path.join(work, name)
    rc, out, err = cli("backup", path)
    assert rc == 0, err
    return path


def xml_ok(data, name):
    path = os.path.join(work, "page.xhtml")
    open(path, "wb").write(data)
    p = subprocess.run(["xmllint", "--noout", path], capture_output=True)
    check(p.returncode == 0, name + " well-formed", p.stderr.decode()[:300])


# ---- writes through the API, each the CLI's document ---------------------

copy = db_copy("a.db")
st, doc, raw = post_json("/api/check", {"morning": 2, "stiffness": 10})
cli_doc = cli_json("check", "--morning", "2", "--stiffness", "10", dbpath=copy)
check(st == 200, "check 200", (st, raw))
check(doc == cli_doc, "check: the CLI's document", (doc, cli_doc))
today_api = json.loads(request("GET", "/api/today")[2])
check(today_api == cli_json("today"), "today after the check: one truth")
check(today_api["level"] == cli_json("today", dbpath=copy)["level"],
      "the same level as the CLI's write gives")
lst = cli_json("list", "--what", "checks", "--days", "1")
check(lst["checks"] and lst["checks"][0]["morning"] == 2 and
      lst["checks"][0]["stiffness_min"] == 10, "the check is stored", lst)

# a run: created (201), listed, edited, deleted
st, doc, raw = post_json("/api/session", {"type": "run", "minutes": 30,
                                          "km": 5.2, "pain": 2, "rpe": 4,
                                          "surface": "trail",
                                          "notes": "phone"})
check(st == 201 and doc and doc["type"] == "run" and doc["minutes"] == 30 and
      doc["distance"] == 5.2 and doc["pain_during"] == 2, "session 201",
      (st, raw))
sid = doc["id"] if doc else 0
st, hd, data = request("GET", "/api/list?days=1&what=sessions")
ids = [s["id"] for s in json.loads(data)["sessions"]]
check(sid in ids, "the run is listed", ids)
st, doc, raw = post_json("/api/session", {"id": sid, "minutes": 35,
                                          "pain": 3})
check(st == 200 and doc and doc["minutes"] == 35 and doc["pain_during"] == 3
      and doc["distance"] == 5.2 and doc["surface"] == "trail",
      "session edited (200), the rest kept", (st, raw))
got = [s for s in cli_json("list", "--what", "sessions", "--days", "1")
       ["sessions"] if s["id"] == sid]
check(got and got[0]["minutes"] == 35, "the edit is stored", got)
st, doc, raw = post_json("/api/delete", {"kind": "session", "id": sid})
check(st == 200 and doc and doc["deleted"][0]["id"] == sid and
      doc["deleted"][0]["kind"] == "session", "delete 200", (st, raw))
got = [s for s in cli_json("list", "--what", "sessions", "--days", "1")
       ["sessions"] if s["id"] == sid]
check(not got, "the run is gone", got)
st, doc, raw = post_json("/api/delete", {"kind": "session", "id": sid})
check(st == 404 and doc["error"]["code"] == "TENDO_ENOTFOUND" and
      doc["error"]["exit_status"] == 2, "deleting it again: 404", (st, raw))

# rehab, wellness, an assessment: each the CLI's document
copy = db_copy("b.db")
st, doc, raw = post_json("/api/rehab", {"exercise": "heel-drop", "sets": 3,
                                        "reps": 15, "pain": 2,
                                        "surface": "step"})
check(st == 201 and doc and doc["sets"] == 3 and doc["reps"] == 15 and
      doc["pain"] == 2, "rehab 201", (st, raw))
st, doc, raw = post_json("/api/wellness", {"sleep_h": 7.5, "stress": 2})
cli_doc = cli_json("wellness", "--sleep", "7.5", "--stress", "2", dbpath=copy)
check(st == 200 and doc == cli_doc, "wellness: the CLI's document",
      (st, raw, cli_doc))
st, doc, raw = post_json("/api/assessment", {"kind": "heel-raise",
                                             "left": 18, "right": 25})
cli_doc = cli_json("assess", "heel-raise", "--left", "18", "--right", "25",
                   dbpath=copy)
for d in (doc, cli_doc):
    if isinstance(d, dict):
        d.pop("id", None)
check(st == 201 and doc == cli_doc and "gate" in doc,
      "assessment: the CLI's document with its gate", (st, raw, cli_doc))
st, doc, raw = post_json("/api/assessment", {"kind": "visa-a",
                                             "answers": "8,8,7,9,8,7,7,21"})
check(st == 201 and doc and doc["score"] == 75, "VISA-A scored", (st, raw))

# ---- errors: the CLI's, with statuses that fit ---------------------------
before = cli("export", "--json")[1]
st, doc, raw = post_json("/api/check", {"morning": 11})
check(st == 422 and doc["error"] == {
    "code": "TENDO_ERANGE", "what": doc["error"]["what"],
    "message": "morning '11' is out of range 0-10", "exit_status": 2},
    "morning 11: 422 with the field named", (st, raw))
st, hd, data = request("POST", "/api/check", "{not json",
                       {"Content-Type": "application/json"})
check(st == 400 and b"TENDO_EINVAL" in data, "not JSON: 400", (st, data))
st, doc, raw = post_json("/api/session", {"minutes": 30})
check(st == 400 and doc["error"]["code"] == "TENDO_EUSAGE" and
      "type" in doc["error"]["message"], "a session without a type: 400",
      (st, raw))
st, doc, raw = post_json("/api/session", {"type": "run", "minutes": 30,
                                          "km": 5, "mi": 3})
check(st == 400, "km and mi: 400", (st, raw))
st, doc, raw = post_json("/api/check", {"morning": [1, 2, {"x": 1}]})
check(st == 400, "a nested value: 400", (st, raw))
st, doc, raw = post_json("/api/check", {"date": "2026-12-01", "morning": 1})
check(st == 422 and "date" in doc["error"]["message"], "a future day: 422",
      (st, raw))
st, doc, raw = post_json("/api/check", {})
check(st == 400, "an empty check: 400", (st, raw))
check(cli("export", "--json")[1] == before, "refused writes wrote nothing")

# ---- red flags: a write that changes today at once ------------------------
st, doc, raw = post_json("/api/check", {"flag": ["night"]})
check(st == 200 and "night" in doc["red_flags"], "a red flag recorded",
      (st, raw))
today_api = json.loads(request("GET", "/api/today")[2])
check(today_api["level"] == "see-clinician", "today says see a clinician",
      today_api["level"])
st, doc, raw = post_json("/api/check", {"flags": "none"})
check(st == 200 and doc["red_flags"] == [], "flags none: taken off (a "
      "correction, kept on record)", (st, raw))

# ---- import: a watch file, again (duplicate), and a bad one --------------
fitdir = os.path.join(work, "fit")
subprocess.run([gen_fit, "--out", fitdir, "--end", "2026-11-24", "--days",
                "14"], check=True, capture_output=True)
fits = sorted(os.listdir(fitdir))
check(len(fits) >= 3, "three watch files to import", fits)
fit = open(os.path.join(fitdir, fits[0]), "rb").read()
st, hd, data = request("POST", "/api/import?name=" + fits[0], fit,
                       {"Content-Type": "application/octet-stream"})
doc = json.loads(data)
check(st == 200 and doc["status"] in ("imported", "duplicate") and
      doc["file"] == fits[0], "import a FIT file", (st, data))
st, hd, data = request("POST", "/api/import?name=" + fits[0], fit,
                       {"Content-Type": "application/octet-stream"})
check(st == 200 and json.loads(data)["status"] == "duplicate",
      "the same file again: duplicate", (st, data))
st, hd, data = request("POST", "/api/import?name=broken.fit",
                       fit[:40] + b"\x00" * 20,
                       {"Content-Type": "application/octet-stream"})
doc = json.loads(data)
check(st == 422 and doc["status"] == "rejected" and doc["error"],
      "a broken file: 422 rejected, with why", (st, data))
st, hd, data = request("POST", "/api/import", fit)
check(st == 400, "import without a name: 400", (st, data))
# a Strava export, as downloaded: row by row, like `tendo import export.zip`
zpath = os.path.join(work, "export.zip")
subprocess.run([os.path.join(os.path.dirname(gen_fit), "tendo-gen-strava"),
                "--out", zpath, "--end", "2026-11-20", "--days", "10",
                "--seconds", "600"], check=True, capture_output=True)
copy = db_copy("z.db")
st, hd, data = request("POST", "/api/import?name=export.zip",
                       open(zpath, "rb").read(),
                       {"Content-Type": "application/zip"})
doc = json.loads(data)
rc, out, err = cli("--json", "import", zpath, dbpath=copy)
lines = [json.loads(l) for l in out.decode().splitlines()]
cli_items = [l for l in lines if "file" in l]
check(st == 200 and doc.get("format") == "strava-export" and
      doc["summary"]["files"] == len(cli_items) and
      [i["status"] for i in doc["items"]] ==
      [i["status"] for i in cli_items] and doc["summary"]["imported"] > 0,
      "a Strava export: the CLI's rows", (st, data[:300], out[:300]))
check(not [f for f in os.listdir(os.path.dirname(db)) if "upload" in f],
      "the upload's file is gone", os.listdir(os.path.dirname(db)))
st, hd, data = request("POST", "/api/import?name=bad.zip", b"PK\x03\x04junk",
                       {"Content-Type": "application/zip"})
check(st == 422 and json.loads(data)["status"] == "rejected",
      "a broken zip: rejected", (st, data[:300]))

# ---- the pages: forms post and redirect, no script needed ----------------
for path in ("/", "/check", "/log", "/plan", "/import"):
    st, hd, data = request("GET", path)
    check(st == 200 and hd["content-type"].startswith("text/html"),
          "page " + path, (st, data[:200]))
    xml_ok(data, "page " + path)
    check(b"<script>" not in data, "page " + path + ": no inline script")
st, hd, data = post_form("/check", {"morning": "3", "stiffness": "15",
                                    "during": ""},
                         {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"})
check(st == 303 and hd.get("location") == "/?saved=check",
      "check-in form: 303 to today", (st, hd))
st, hd, data = request("GET", "/?saved=check")
check(b'id="saved"' in data and b'id="level"' in data,
      "today after the form: saved, with the advice", data[:300])
lst = cli_json("list", "--what", "checks", "--days", "1")
check(lst["checks"][0]["morning"] == 3, "the form's check is stored", lst)
st, hd, data = post_form("/log", {"type": "bike", "minutes": "45",
                                  "rpe": "5", "date": "2026-11-23"},
                         {"Origin": ORIGIN})
check(st == 303 and hd.get("location", "").startswith("/log?saved="),
      "log form: 303", (st, hd))
bike = int(hd.get("location", "=0").split("=")[1])
st, hd, data = request("GET", "/log")
check(f'id="session-{bike}"'.encode() in data, "the log page lists it",
      data[-800:])
st, hd, data = request("GET", f"/log?edit={bike}")
check(st == 200 and b'name="id"' in data and b'value="45"' in data,
      "the edit form is filled in", data[-600:])
st, hd, data = post_form("/delete", {"kind": "session", "id": str(bike)},
                         {"Origin": ORIGIN})
check(st == 303, "delete form: 303", (st, hd))
st, hd, data = request("GET", "/log")
check(f'id="session-{bike}"'.encode() not in data, "gone from the log page")
st, hd, data = post_form("/log", {"what": "wellness", "sleep_h": "6.5",
                                  "stress": "4"}, {"Origin": ORIGIN})
check(st == 303 and hd.get("location") == "/log?saved=wellness",
      "wellness form: 303", (st, hd))
w = cli_json("list", "--what", "wellness", "--days", "1")["wellness"]
check(w and w[0]["sleep_h"] == 6.5 and w[0]["stress"] == 4,
      "the form's wellness is stored", w)
st, hd, data = post_form("/log", {"what": "assessment", "kind": "heel-raise",
                                  "left": "20", "right": "24"},
                         {"Origin": ORIGIN})
check(st == 303 and hd.get("location", "").startswith("/log?saved=test-"),
      "heel-raise form: 303", (st, hd))
a = cli_json("assess", "list", "--weeks", "1")
check(any(x["kind"] == "heel-raise" and x["left"] == 20 for x in
          (a if isinstance(a, list) else a.get("assessments", []))),
      "the form's heel-raise test is stored", a)
st, hd, data = post_form("/check", {"morning": "12"}, {"Origin": ORIGIN})
check(st == 422 and b'id="error"' in data and b"morning" in data,
      "a bad form value: a page saying which field", (st, data[-300:]))

# multipart upload of two files, as the page's form sends it without script
boundary = "----tendoTestBoundary"
parts = []
for name in fits[1:3]:
    parts.append(
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        .encode() + open(os.path.join(fitdir, name), "rb").read() + b"\r\n")
body = b"".join(parts) + f"--{boundary}--\r\n".encode()
st, hd, data = request("POST", "/import", body,
                       {"Content-Type": "multipart/form-data; boundary=" +
                        boundary, "Origin": ORIGIN})
check(st == 200 and data.count(b"<li class=") == 2 and
      fits[1].encode() in data and fits[2].encode() in data,
      "import form: two files, a result each", (st, data[-600:]))

# ---- the plan, its .ics and the calendar feed -----------------------------
st, hd, data = request("GET", "/plan")
check(b'id="plan"' in data and data.count(b"<td class=") >= 7,
      "the plan as a grid", data[:300])
plan = cli_json("plan", "--weeks", "1")
check(plan["days"][0]["date"].encode() in data, "the grid starts today")
st, hd, data = request("GET", "/plan.ics")
check(st == 200 and hd["content-type"].startswith("text/calendar") and
      data.startswith(b"BEGIN:VCALENDAR"), "plan.ics", (st, data[:100]))
st, hd, data = post_form("/calendar/new", {}, {"Origin": ORIGIN})
check(st == 303, "a calendar address made", (st, hd))
st, hd, data = request("GET", "/plan")
m = re.search(rb'/calendar/([0-9a-f]{64})\.ics', data)
check(m is not None, "the plan page shows the feed's address")
secret = m.group(1).decode() if m else "0" * 64
st, hd, feed = request("GET", f"/calendar/{secret}.ics")
check(st == 200 and feed.startswith(b"BEGIN:VCALENDAR"), "the feed answers",
      (st, feed[:100]))
try:
    import icalendar
    cal = icalendar.Calendar.from_ical(feed)
    events = [e for e in cal.walk("VEVENT")]
    check(len(events) >= 7 and str(events[0]["DTSTART"].dt) ==
          plan["days"][0]["date"], "the feed parses: a day per event",
          len(events))
except ImportError:
    ok("icalendar not installed")
cli("check", "--morning", "5")
st, hd, feed2 = request("GET", f"/calendar/{secret}.ics")
uid = re.findall(rb"UID:([^\r]+)", feed)
uid2 = re.findall(rb"UID:([^\r]+)", feed2)
check(st == 200 and uid == uid2, "always current, the same UIDs", (uid[:2],
                                                                    uid2[:2]))
st, hd, data = request("GET", "/calendar/" + "0" * 64 + ".ics")
check(st == 404, "a wrong secret: 404", st)
post_form("/calendar/new", {}, {"Origin": ORIGIN})
st, hd, data = request("GET", f"/calendar/{secret}.ics")
check(st == 404, "a renewed secret: the old address is 404", st)

# ---- the report, live ------------------------------------------------------
st, hd, data = request("GET", "/report?weeks=4")
check(st == 200 and b"<svg" in data and b'id="servebar"' in data,
      "the report, with the way back and its range", (st, data[:100]))
xml_ok(data, "the report page")
st, hd, data = request("GET", "/report?weeks=0")
check(st == 422, "report weeks 0: refused", st)
st, hd, data = request("GET", "/api/report")
check(st == 200 and json.loads(data) == cli_json("load", "--weeks", "12"),
      "the report's data: load of 12 weeks", data[:200])
for path, args in (("/api/rehab", ("rehab",)),
                   ("/api/flags", ("flags",)),
                   ("/api/assess", ("assess",)),
                   ("/api/list", ("list",)),
                   ("/api/rehab?history=1", ("rehab", "--history"))):
    st, hd, data = request("GET", path)
    check(st == 200 and json.loads(data) == cli_json(*args),
          "one truth: " + path, data[:300])

# ---- defences ----------------------------------------------------------------
before = cli("export", "--json")[1]
st, doc, raw = post_json("/api/check", {"morning": 1},
                         {"Origin": "http://evil.example"})
check(st == 403, "a foreign Origin: 403", (st, raw))
st, hd, data = post_form("/check", {"morning": "1"},
                         {"Sec-Fetch-Site": "cross-site"})
check(st == 403, "Sec-Fetch-Site cross-site: 403", (st, data))
st, doc, raw = post_json("/api/check", {"morning": 1},
                         {"Origin": f"http://localhost:{port}"})
check(st == 403, "another name for this server as Origin: 403", st)
big = {"notes": "x" * (70 * 1024), "type": "run", "minutes": 10}
st, doc, raw = post_json("/api/session", big)
check(st == 413, "a 70 KiB body: 413", (st, raw[:200]))
c = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
c.putrequest("POST", "/api/check", skip_host=True)
c.putheader("Host", HOST)
c.putheader("Content-Type", "application/json")
c.putheader("Transfer-Encoding", "chunked")
c.endheaders()
try:
    for _ in range(80):
        chunk = b"x" * 1024
        c.send(b"%x\r\n%s\r\n" % (len(chunk), chunk))
    c.send(b"0\r\n\r\n")
    r = c.getresponse()
    st = r.status
except (BrokenPipeError, ConnectionResetError):
    st = 413  # cut off while sending: what the limit does
check(st == 413, "a chunked body over the limit: 413", st)
c.close()
check(cli("export", "--json")[1] == before, "refused writes: nothing stored")
for path in ("/static/../../etc/passwd", "/static/%2e%2e/%2e%2e/etc/passwd",
             "/static/tendo.css/../../x", "/calendar/../etc/passwd",
             "/../etc/passwd", "/static/", "/static//etc/passwd"):
    st, hd, data = request("GET", path)
    check(st == 404 and b"root:" not in data, "traversal 404: " + path, st)
st, hd, data = request("GET", "/static/tendo.css")
check(st == 200 and hd["content-type"].startswith("text/css"),
      "the style sheet", st)
st, hd, data = request("DELETE", "/api/today")
check(st == 405, "DELETE: 405", st)
st, hd, data = request("GET", "/api/check")
check(st == 405, "GET on a write: 405", st)
st, hd, data = request("GET", "/api/today", host=f"rebound.example:{port}")
check(st == 421, "Host by name: 421", st)
st, hd, data = request("GET", "/api/today", host=f"localhost:{port}")
check(st == 200, "Host localhost on loopback: 200", st)
st, hd, data = request("GET", "/api/today", host=f"127.0.0.1:{port + 1}")
check(st == 421, "Host with another port: 421", st)
for path in ("/", "/api/today", "/static/tendo.js", "/nope"):
    st, hd, data = request("GET", path)
    csp = hd.get("content-security-policy", "")
    check("default-src 'none'" in csp and "frame-ancestors 'none'" in csp and
          hd.get("x-content-type-options") == "nosniff",
          "strict headers: " + path, hd)

# a slow client: headers never finished; the server hangs up on it
s = socket.create_connection(("127.0.0.1", port))
s.sendall(b"GET / HTTP/1.1\r\nHost: " + HOST.encode() + b"\r\nX-Slow: ")
s.settimeout(30)
t0 = time.monotonic()
try:
    got = s.recv(1024)
except (ConnectionResetError, socket.timeout):
    got = b""
waited = time.monotonic() - t0
check(got == b"" and waited < 25, "a slow client is cut off",
      (got[:80], round(waited, 1)))
s.close()
# and the server still answers
check(request("GET", "/api/today")[0] == 200, "still answering")

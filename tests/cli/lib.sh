# tests/cli/lib.sh - a tiny harness for CLI tests through the real binary.
# Usage in a test: source lib.sh "$@"; then `run ARGS...` and the expect_*
# helpers; end with `finish`. Each test gets a fresh folder and database,
# lives on a fixed day (TENDO_NOW), and prints "N passed, M failed".
set -u
TENDO_BIN=$(realpath "$1")
TENDO_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)   # the project
GEN_BIN=${2:+$(realpath "$2")}
WORK=$(mktemp -d /tmp/tendo-cli-XXXXXX)
trap 'rm -rf "$WORK"' EXIT
export TENDO_DB="$WORK/tendo.db"
export TENDO_NOW=2026-11-24T08:00:00Z
export TZ=UTC
unset XDG_DATA_HOME
cd "$WORK" || exit 1
passed=0
failed=0
OUT= ERR= STATUS=

# run ARGS...: runs tendo, keeping stdout, stderr and the exit status.
run() {
  "$TENDO_BIN" "$@" >"$WORK/.out" 2>"$WORK/.err" </dev/null
  STATUS=$?
  OUT=$(cat "$WORK/.out")
  ERR=$(cat "$WORK/.err")
  sanitizer_check
  no_nan_check
}

# No "nan" or "inf" in any output, except where it quotes what was typed
# ('nan' in an error message about it).
no_nan_check() {
  if printf '%s\n%s\n' "$OUT" "$ERR" | sed "s/'[^']*'//g" |
       grep -Eiqw -- '-?nan|-?inf'; then
    bad "no nan" "a 'nan' or 'inf' in the output of: $*"
  fi
}

# run_in INPUT ARGS...: the same with INPUT on standard input.
run_in() {
  local input=$1
  shift
  printf '%s' "$input" | "$TENDO_BIN" "$@" >"$WORK/.out" 2>"$WORK/.err"
  STATUS=$?
  OUT=$(cat "$WORK/.out")
  ERR=$(cat "$WORK/.err")
  sanitizer_check
  no_nan_check
}

# Any sanitizer report fails the test, whatever the command returned.
sanitizer_check() {
  if [[ "$ERR" == *"Sanitizer"* || "$ERR" == *"runtime error:"* ]]; then
    failed=$((failed + 1))
    echo "FAIL (sanitizer): $ERR"
  fi
}

# the same for the stderr files of a program run in the background (a
# server): none may hold a sanitizer's report
sanitizer_check_files() {
  local f
  for f in "$@"; do
    if grep -qE "Sanitizer|runtime error:" "$f" 2>/dev/null; then
      failed=$((failed + 1))
      echo "FAIL (sanitizer in $f): $(grep -m3 -E "Sanitizer|runtime error:" "$f")"
    fi
  done
}

ok() { passed=$((passed + 1)); }
bad() {
  failed=$((failed + 1))
  echo "FAIL ($1): $2"
  echo "  status: $STATUS"
  echo "  stdout: ${OUT:0:600}"
  echo "  stderr: ${ERR:0:600}"
}

expect_status() { [ "$STATUS" -eq "$1" ] && ok || bad "$2" "exit status $STATUS, wanted $1"; }
expect_out() { [[ "$OUT" == *"$1"* ]] && ok || bad "$2" "stdout lacks '$1'"; }
expect_no_out() { [[ "$OUT" != *"$1"* ]] && ok || bad "$2" "stdout has '$1'"; }
expect_err() { [[ "$ERR" == *"$1"* ]] && ok || bad "$2" "stderr lacks '$1'"; }
expect_err_lines() {
  local n
  n=$(printf '%s\n' "$ERR" | grep -c .)
  [ "$n" -eq "$1" ] && ok || bad "$2" "stderr has $n lines, wanted $1"
}
expect_eq() { [ "$1" == "$2" ] && ok || bad "$3" "'$1' != '$2'"; }

# A fingerprint of the whole database, to prove a rejection wrote nothing
# but its ledger row: an import that refuses a file remembers it (status
# 'rejected', so a daily import reports it once); those rows are left out
# here and counted by ledger_rejections, which expect_rejected checks.
db_hash() {
  if [ -f "$TENDO_DB" ]; then
    sqlite3 "$TENDO_DB" .dump |
      grep -v "^INSERT INTO imports VALUES(.*,'rejected','" |
      sha256sum | cut -c1-64
  else
    echo none
  fi
}

ledger_rejections() {
  if [ -f "$TENDO_DB" ]; then
    sqlite3 "$TENDO_DB" "SELECT count(*) FROM imports WHERE status = 'rejected'" 2>/dev/null || echo 0
  else
    echo 0
  fi
}

# json_get FILE PATH: a value out of a JSON document (SQLite's JSON1).
json_get() { sqlite3 :memory: "SELECT json_extract(readfile('$1'), '$2')"; }
json_valid() { sqlite3 :memory: "SELECT json_valid(readfile('$1'))"; }

# expect_rejected NAME STATUS MESSAGE ARGS...: the command fails with that
# status and message on one stderr line, and the database is unchanged.
expect_rejected() {
  local name=$1 status=$2 msg=$3 before after
  shift 3
  local rej_before rej_after
  before=$(db_hash)
  rej_before=$(ledger_rejections)
  run "$@"
  after=$(db_hash)
  rej_after=$(ledger_rejections)
  expect_status "$status" "$name"
  if [ "$rej_after" -lt "$rej_before" ] || [ "$rej_after" -gt $((rej_before + 1)) ]; then
    bad "$name" "the ledger gained $((rej_after - rej_before)) rejections (at most the refused file's one)"
  fi
  expect_err "$msg" "$name"
  # every error is one line (a usage error's hint on the same line)
  expect_err_lines 1 "$name"
  expect_eq "$after" "$before" "$name: database unchanged"
}

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}

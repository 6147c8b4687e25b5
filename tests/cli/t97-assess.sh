#!/usr/bin/env bash
# tendo assess: VISA-A by --answers and by prompts, the heel-raise test with
# the involved side from the check, dorsiflexion, trends, bad answers.
source "$(dirname "$0")/lib.sh" "$@"

run init
run assess
expect_status 0 "no assessments yet"; expect_out "no assessments in the last 26 weeks" "empty trend"

run --date 2026-10-01 assess visa-a --answers 5,6,5,6,4,3,4,10
expect_status 0 "visa-a"; expect_out "VISA-A 2026-10-01: 43/100" "score"
run --json assess visa-a --answers 9,8,8,9,7,8,7,21
expect_status 0 "visa-a json"; echo "$OUT" > v.json
expect_eq "$(json_get v.json '$.score')" 77.0 "total"
expect_eq "$(json_get v.json '$.answers[7]')" 21 "answers kept"

# prompts on stdin with -i style input: a terminal is needed, so script(1)
if command -v script >/dev/null 2>&1; then
  printf '8\n7\n6\n8\n5\n6\nmodified\nsome\n11-20\n' | TENDO_DB="$WORK/tty.db" \
    script -qec "$TENDO_BIN assess visa-a" /dev/null > tty.out 2>&1
  OUT=$(cat tty.out) ERR=
  expect_out "Q5 Pain during or right after 10 single-leg heel raises" "questions in our words"
  expect_out "54/100" "scored from the answers"
  # one mistyped answer is asked again; the other seven stay
  printf '8\n7\n66\n6\n8\n5\n6\nmodifed\nmodified\nsome\n11-20\n' |
    TENDO_DB="$WORK/tty.db" script -qec "$TENDO_BIN assess visa-a" /dev/null > tty.out 2>&1
  OUT=$(cat tty.out) ERR=
  expect_out "answer '66' is out of range 0-10; try again (Enter stops: nothing is stored)" "a bad answer asked again"
  expect_out "answer 'modifed' is not one of" "a bad choice asked again"
  expect_out "54/100" "the same score after two typos"
fi

run check --morning 2 --side right
run --json assess heel-raise --left 25 --right 20
echo "$OUT" > h.json
expect_eq "$(json_get h.json '$.involved')" right "involved side from the check"
expect_eq "$(json_get h.json '$.lsi')" 80.0 "LSI = involved / uninvolved"
run assess heel-raise --left 24 --right 25 --involved right
expect_out "LSI 104 % (right involved)" "--involved wins"
expect_out "(running needs >= 80 %, the goal is >= 90 %)" "the running gate and the programme's LSI goal"
expect_out "return-to-running gate passed: LSI 104 %, 80 % needed" "the gate"
# both sides sore: the LSI compares two sore legs; the count decides
run check --morning 2 --side both
run assess heel-raise --left 12 --right 13
expect_out "both sides are sore: it compares two sore legs" "LSI disowned"
expect_out "gate not yet: 12 raises on the weaker side, 25 needed" "25 raises"
run config age 64
run --json assess heel-raise --left 19 --right 21
echo "$OUT" > g.json
expect_eq "$(json_get g.json '$.gate.by')" raises "judged on the count"
expect_eq "$(json_get g.json '$.gate.need')" 19.0 "19 from 60 years"
expect_eq "$(json_get g.json '$.gate.pass')" 1 "passes"
run config age 9
expect_status 2 "age out of range"
run config age
expect_out "64" "age shown"
run check --morning 2 --side right
run assess dorsiflexion --left 9 --right 12.5
expect_out "difference 3.5 cm (over 2 cm: worth noting)" "dorsiflexion"
run assess
expect_status 0 trends
expect_out "+34 since the first VISA-A in this range" "VISA-A trend"
run --json assess list
echo "$OUT" > l.json
expect_eq "$(json_get l.json '$[1].change')" 34.0 "trend in json"

n_before=$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM assessments")
run assess visa-a --answers 8,7,6,8,5,6,5,10
expect_status 2 "Q7 not a level"; expect_err "VISA-A Q7 '5' is not one of 0, 4, 7, 10" "names the item"
run assess visa-a --answers 8,7,6
expect_status 2 "too few"; expect_err "needs 8 whole numbers" "says what it needs"
run assess visa-a
expect_status 1 "no answers off a terminal"
run assess heel-raise --left 2.5 --right 3
expect_status 2 "whole raises"
run assess dorsiflexion --left 40 --right 10
expect_status 2 "cm range"
run assess squat
expect_status 1 "unknown kind"
run assess visa-a --left 3
expect_status 1 "visa-a takes answers only"
expect_eq "$(sqlite3 "$TENDO_DB" "SELECT count(*) FROM assessments")" "$n_before" "nothing stored by bad input"
run assess --help
expect_out "usage: tendo assess" help
finish

#!/usr/bin/env bash
# The daily check: flags, merging a second entry, prompts, red flags,
# rehab's prescribed dose, wellness.
source "$(dirname "$0")/lib.sh" "$@"

run check --morning 2 --stiffness 10 --side left --location midportion
expect_status 0 "check"; expect_out "check 2026-11-24 recorded: morning 2/10, stiffness 10 min, left, midportion" check
run check --morning 4 --after 3
expect_status 0 "check again"; expect_out "check 2026-11-24 updated: morning 4/10, stiffness 10 min, after 3/10" "check merge"
expect_out "morning was 2, now 4" "says what changed"
run --json check --pop --swelling
expect_status 0 "red flags"; echo "$OUT" > c.json
expect_eq "$(json_get c.json '$.red_flags')" '["pop","swelling"]' "flags stored"
expect_eq "$(json_get c.json '$.morning')" 4 "other values kept"
expect_eq "$(json_get c.json '$.updated')" 1 "updated"
run check --night
expect_err "red flag recorded (pop, swelling, night)" "red flag warning"
run check --flags none
expect_status 0 "clear flags"; expect_out "red flags were: pop, swelling, night" "old flags shown"
run --date 2026-11-23 check --hop-pain 3 --during 5
expect_status 0 "check another day"
run --json list --what checks --from 2026-11-23
echo "$OUT" > l.json
expect_eq "$(json_get l.json '$.checks[0].hop_pain')" 3 "hop pain"
expect_eq "$(json_get l.json '$.checks[1].red_flags')" '[]' "flags cleared"
run check
expect_status 1 "check without values off a terminal"; expect_err "check needs at least one value" "check empty"

# prompts: -i reads answers from stdin; a bad answer is asked again; the
# session pain only for a run of the day logged without it
run --date 2026-11-22 log run --minutes 40 --no-shoe
run_in $'3\n\n2\nx\n1\nright\ninsertion\nnight\n' --date 2026-11-22 check -i
expect_status 0 "interactive"
expect_err "Worst pain during the 40-minute run #1 (0-10)" "asks the run's pain"
expect_err "First-steps pain this morning" "prompt shown"
expect_err "after 'x' is not a whole number" "bad answer explained"
expect_out "check 2026-11-22 recorded: morning 3/10, during 2/10, after 1/10 (pain kept with the day's run #1), right, insertion" "interactive values"
expect_err "red flag recorded (night)" "interactive flags"
run_in $'5\n' --date 2026-11-21 check -i
expect_status 0 "interactive ends early"; expect_out "morning 5/10" "partial answers kept"
# no run that day: no session pain asked; the last side and location are
# offered, and Enter keeps them
run_in $'1\n\n\n\n\n\n' --date 2026-11-25 check -i
expect_status 0 "defaults"
if printf '%s\n' "$ERR" | grep -q "Worst pain during"; then bad "no run, no session pain" "$ERR"; else ok; fi
expect_err "Side (left, right, both) [left]" "the latest check's side offered"
expect_err "Where (midportion, insertion, unsure) [midportion]" "its location offered"
expect_out "check 2026-11-25 recorded: morning 1/10, left, midportion" "Enter keeps them"
# a run with its pain already: not asked again
run --date 2026-11-19 log run --minutes 30 --pain 2 --no-shoe
run_in $'1\n\n\nleft\nmidportion\n\n' --date 2026-11-19 check -i
if printf '%s\n' "$ERR" | grep -q "Worst pain during"; then bad "pain already given" "$ERR"; else ok; fi
expect_out "check 2026-11-19 recorded: morning 1/10, left, midportion" "answers in order"

# on a real terminal (script(1) gives it one) no values means: ask
if command -v script >/dev/null 2>&1; then
  printf '2\n10\n\nleft\n\n\n' | TENDO_DB="$WORK/tty.db" \
    script -qec "$TENDO_BIN check" /dev/null > tty.out 2>&1
  OUT=$(cat tty.out) ERR=
  expect_out "First-steps pain this morning" "terminal prompts"
  expect_out "check 2026-11-24 recorded: morning 2/10, stiffness 10 min, left" "terminal answers"
fi

# rehab: the prescription (shown; logged with --yes), given values, history.
# An open red flag means no loaded rehab.
run check --night
run rehab
expect_status 2 "no rehab with a red flag"; expect_err "no loaded rehab today" "says why"
run check --flags none
run rehab
expect_status 2 "a flag of 11-22 inside the flare that began 11-21 still counts"
run --date 2026-11-22 check --flags none
run rehab
expect_status 0 rehab
expect_out "Today's rehab: stage 1 of 5, two-leg heel raises on the floor" "prescription"
expect_out "[rehab_start]" "why"
expect_out "tendo rehab --yes" "not logged without confirmation"
run --json list --what rehab
expect_eq "$(echo "$OUT" | grep -c heel-raise)" 0 "nothing logged yet"
run rehab --yes
expect_status 0 "rehab --yes"; expect_out "heel-raise 3 x 10, flat, tempo 2-1-2 (today's prescription)" "logged as done"
expect_out "no pain recorded: this session will not count towards the next stage" "asks for the pain"
# on a terminal it asks for the session's pain when none is given
if command -v script >/dev/null 2>&1; then
  printf 'y\n2\n' | TENDO_DB="$WORK/tty.db" \
    script -qec "$TENDO_BIN rehab" /dev/null > tty.out 2>&1
  OUT=$(cat tty.out) ERR=
  expect_out "Worst pain during the session (0-10" "pain prompt"
  expect_out "pain 2/10 (today's prescription)" "pain from the prompt"
fi
run rehab --pain 1
expect_status 0 "pain only"; expect_out "heel-raise 3 x 10, flat, tempo 2-1-2, pain 1/10 (today's prescription)" "prescription with pain"
run rehab --exercise heel-drop --sets 3 --reps 15 --load 5 --pain 2 --surface step --date 2026-11-20
expect_status 0 "rehab values"; expect_out "heel-drop 3 x 15 + 5 kg, step, pain 2/10" "rehab values"
run rehab --exercise isometric --sets 5 --reps 1 --tempo 45-0-0
expect_status 2 "rehab bad tempo"
run rehab --exercise isometric --sets 5 --reps 1
expect_status 0 "other exercise"; expect_out "isometric 5 x 1" "other exercise"
run rehab --exercise seated-raise
expect_status 1 "new exercise needs a dose"
run --json rehab
expect_status 0 "prescription json"; echo "$OUT" > r.json
# the flare that began 11-21 (morning 5, no baseline yet): one load step back
# from the last session before it (isometric is not in the protocol)
expect_eq "$(json_get r.json '$.stage')" 5 "stage of the last session before the flare"
expect_eq "$(json_get r.json '$.load_kg')" 2.5 "one load step back"
expect_eq "$(json_get r.json '$.progress')" regress "regress in a flare"
run rehab --history
expect_status 0 "history"
expect_out "stage 1 two-leg heel raises on the floor, 2 sessions, worst pain 1/10" "history: stage 1"
expect_out "(not in the seed protocol)" "history: other exercises"
run --json rehab --history
echo "$OUT" > h.json
expect_eq "$(json_get h.json '$.stages[0].stage')" 5 "history json: by date"
expect_eq "$(json_get h.json '$.stages[1].sessions')" 2 "history json: sessions"
run rehab --history --sets 2
expect_status 1 "history takes no values"

run wellness --sleep 5.5 --stress 4
expect_status 0 wellness; expect_out "wellness 2026-11-24 recorded: sleep 5.5 h, stress 4/5" wellness
run wellness --fatigue 2
expect_out "updated: sleep 5.5 h, stress 4/5, fatigue 2/5" "wellness merge"
run wellness
expect_status 1 "wellness needs a value"
finish

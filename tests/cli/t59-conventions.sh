#!/usr/bin/env bash
# CLI conventions, as git has them: `tendo help [COMMAND]`, bash completion
# generated from the command table, errors on one line with the hint on
# it, a failed write to stdout is a failure, contradictory or incomplete
# options refused (exit 1, database unchanged), no "nan" anywhere (lib.sh
# checks every command's output for it).
source "$(dirname "$0")/lib.sh" "$@"

# --- help ----------------------------------------------------------------
run help
expect_status 0 "help"
expect_out "Commands:" "help lists the commands"
for cmd in init config import inspect log edit check flags rehab wellness shoe list today plan report assess load export delete backup help completion; do
  run help "$cmd"
  h=$OUT
  expect_status 0 "help $cmd"
  run "$cmd" --help
  expect_eq "$OUT" "$h" "help $cmd is $cmd --help"
  case $h in "usage: tendo $cmd"*) ok ;; *) bad "help $cmd" "does not start with its usage" ;; esac
  grep -qE "^  $cmd " <<<"$(run help; echo "$OUT")" && ok || bad "help lists $cmd" "missing"
done
run help config
expect_out "shoe_retire_km" "config's help lists the settings"
# every command of the table is in the man page and in docs/cli.md
man_text=$(MANWIDTH=200 man -l "$TENDO_SRC/man/tendo.1" 2>/dev/null)
[ -n "$man_text" ] || man_text=$(cat "$TENDO_SRC/man/tendo.1") # no man(1): the source
run help
for cmd in $(printf '%s\n' "$OUT" | sed -n 's/^  \([a-z]*\) .*/\1/p'); do
  grep -qE "^(       |\.BI? \"?|\.BR \"?)$cmd( |\"|$)" <<<"$man_text" && ok || bad "man page" "no entry for $cmd"
  grep -qE "^### \`$cmd( |\`)" "$TENDO_SRC/docs/cli.md" && ok || bad "docs/cli.md" "no section for $cmd"
done
expect_rejected "help for nothing" 1 "no command 'nosuch' (see 'tendo help')" help nosuch
expect_rejected "help for two" 1 "help takes one COMMAND" help log edit
expect_rejected "unknown command" 1 "unknown command 'lgo' (see 'tendo help')" lgo

# --- bash completion --------------------------------------------------------
run completion bash
expect_status 0 "completion"
echo "$OUT" > comp.bash
bash -n comp.bash && ok || bad "completion" "not valid bash"
# complete WORDS...: what the script offers for the last word
complete_words() {
  bash -c 'source ./comp.bash
    COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
    _tendo; printf "%s\n" "${COMPREPLY[@]}"' _ "$@"
}
expect_eq "$(complete_words tendo im)" "import" "commands"
expect_eq "$(complete_words tendo import --fo)" "--force" "a command's options (from its getopt table)"
expect_eq "$(complete_words tendo shoe a)" "add" "subcommands"
expect_eq "$(complete_words tendo shoe add --si)" "--since" "shoe add --since"
expect_eq "$(complete_words tendo log p)" "pool-run" "session types from the library"
expect_eq "$(complete_words tendo delete cl)" "clearance" "record kinds from the library"
expect_eq "$(complete_words tendo config shoe)" "shoe_retire_km" "setting keys from the library"
expect_eq "$(complete_words tendo check --side "")" "$(printf 'left\nright\nboth')" "option values"
expect_eq "$(complete_words tendo rehab --surface d)" "decline" "values from the help text"
expect_eq "$(complete_words tendo --units m)" "mi" "global option values"
expect_eq "$(complete_words tendo help tod)" "today" "help completes commands"
expect_eq "$(complete_words tendo log run --minutes "")" "" "free values: nothing offered"
mkdir -p watch && touch watch/run-1.fit
expect_eq "$(complete_words tendo import watch/r)" "watch/run-1.fit" "import completes files"
expect_rejected "completion for zsh" 1 "only bash completion is made" completion zsh

# --- one-line errors ----------------------------------------------------
run --json init
echo "$OUT" > init.json
schema=$(json_get init.json '$.schema')
grep -q "\`{\"db\":PATH,\"schema\":$schema}\`" "$TENDO_SRC/docs/cli.md" && ok || bad "docs/cli.md" "init's schema is not $schema"
run init
expect_out "(schema v$schema)" "init prints the schema the docs name"
expect_rejected "unknown option" 1 "tendo: unknown option '--kmm' (see 'tendo log --help')" log run --kmm 5
expect_rejected "missing value" 1 "option '--minutes' needs a value" log run --minutes
expect_rejected "bad value" 2 "tendo: --rpe '11' is out of range 0-10" log run --minutes 30 --rpe 11

# --- contradictory or incomplete options ---------------------------------
expect_rejected "km and mi" 1 "the distance is given twice (--km or --mi, once)" log run --minutes 30 --km 5 --mi 3
expect_rejected "minutes twice" 1 "--minutes is given twice" log run --minutes 30 --minutes 40
expect_rejected "shoe and no-shoe" 1 "--shoe and --no-shoe contradict" log run --minutes 30 --shoe X --no-shoe
run log run --minutes 30
expect_rejected "clear and set" 1 "--clear rpe and a new rpe contradict" edit 1 --rpe 5 --clear rpe
expect_rejected "start distance twice" 1 "the starting distance is given twice" shoe add X --start-km 10 --start-mi 3
expect_rejected "heel-raise one side" 1 "heel-raise needs both --left and --right (0 when a side cannot be tested)" assess heel-raise --left 20
expect_rejected "dorsiflexion one side" 1 "dorsiflexion needs both --left and --right" assess dorsiflexion --right 9
expect_rejected "involved for dorsiflexion" 1 "--involved is for heel-raise" assess dorsiflexion --left 9 --right 9 --involved left
run assess heel-raise --left 0 --right 20
expect_status 0 "0 when a side cannot be tested"
expect_out "left 0, right 20" "a side that could not be tested"

# --- a failed write to stdout fails the command --------------------------
if [ -w /dev/full ]; then
  "$TENDO_BIN" list >/dev/full 2>"$WORK/full.err"; st=$?
  expect_eq "$st" 3 "list >/dev/full exits 3"
  expect_eq "$(cat "$WORK/full.err")" "tendo: cannot write the output: No space left on device" "and says why"
  "$TENDO_BIN" --json today >/dev/full 2>"$WORK/full.err"; st=$?
  expect_eq "$st" 3 "today --json >/dev/full exits 3"
  "$TENDO_BIN" export >/dev/full 2>"$WORK/full.err"; st=$?
  expect_eq "$st" 3 "export >/dev/full exits 3"
  "$TENDO_BIN" help >/dev/full 2>/dev/null; st=$?
  expect_eq "$st" 3 "help >/dev/full exits 3"
  run list
  expect_status 0 "list to a file that takes it"
else
  echo "skipping /dev/full: not writable here"
fi
finish

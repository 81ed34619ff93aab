#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault replay --minimize: a failing scheduled run's switches off the
# default order shrink (ddmin) to a list that still fails the same way
# and from which no single switch can go; the interleaving is told in
# source terms; the printed replay line (--sched list:...) fails in one
# run, every time.
. "$srcdir/lib.sh"
plan 13

prog=./race-uaf

"$kfault" race -j2 --runs 40 --seed 1 --sched pct -o "$scratch/r" \
	-- $prog bug >"$scratch/r.out" 2>"$scratch/r.err"
rc=$?
sed 's/^/# /' "$scratch/r.err"
ok "race --sched pct finds the planted bug (exit $rc)" is "$rc" 1
replay=$(grep '^kfault replay ' "$scratch/r.out")
ok "an exact run's replay line makes one attempt" \
	eval 'echo "$replay" | grep -q -- " --runs 1 --sched pct --depth 3 "'
seed=$(echo "$replay" | sed 's/.*--seed \([0-9]*\).*/\1/')
title=$(sed -n 's/^kfault race: \([A-Z].*\)/\1/p' "$scratch/r.err" | head -n 1)

"$kfault" replay --minimize --seed "$seed" --sched pct --depth 3 \
	-o "$scratch/m" -- $prog bug >"$scratch/m.out" 2>"$scratch/m.err"
rc=$?
sed 's/^/# /' "$scratch/m.err" "$scratch/m.out"
ok "replay --minimize: the run fails, exit $rc" is "$rc" 1
ok "... it says how far it shrank the schedule" \
	grep -q '^kfault replay: minimized to [0-9]* switch.* from [0-9]*, in [0-9]* runs$' "$scratch/m.err"
line=$(grep '^kfault replay .* --sched list:' "$scratch/m.out")
list=$(echo "$line" | sed 's/.*--sched list:\([^ ]*\) .*/\1/')
ok "... and prints a replay line with the list ($list)" \
	eval '[ -n "$list" ] && echo "$line" | grep -q -- "--runs 1 "'
ok "the story: who was preempted before which operation, where" \
	grep -q '^  -- switch 1: t[0-9]* is preempted before its [a-z_]*; t[0-9]* runs$' "$scratch/m.out"
ok "... in source terms (race-uaf.c:LINE)" \
	grep -q '^ *[0-9]*  t[0-9]*  *[a-z_]*  *[a-z_]* (race-uaf.c:[0-9]*)$' "$scratch/m.out"
ok "... ending at the failure: $title" \
	eval 'grep -E "^  (<- the report|==)" "$scratch/m.out" | grep -qF -- "$title"'

set -- $(echo "$line" | sed "s/^kfault replay //; s/'//g")
fails=0
for i in 1 2 3 4 5; do
	"$kfault" replay -o "$scratch/p$i" "$@" >/dev/null 2>&1
	[ $? -eq 1 ] && fails=$((fails + 1))
done
ok "the minimized replay line fails once per run, 5 of 5 ($fails)" \
	is "$fails" 5

# 1-minimal: without any one of its switches the run does not fail.
passes=0
n=0
for drop in $(echo "$list" | tr '/' ' '); do
	rest=$(echo "$list" | tr '/' '\n' | grep -vx "$drop" | paste -sd/ -)
	n=$((n + 1))
	"$kfault" replay --seed "$seed" --sched "list:$rest" -o "$scratch/d" \
		-- $prog bug >/dev/null 2>&1 && passes=$((passes + 1))
done
ok "no switch can go: each of the $n lists without one passes ($passes)" \
	is "$passes" "$n"

"$kfault" replay --minimize --seed "$seed" --sched pct -o "$scratch/f" \
	-- $prog fixed >/dev/null 2>"$scratch/f.err"
rc=$?
ok "the fixed program: nothing to minimize, exit $rc" \
	eval '[ $rc = 0 ] && grep -q "did not fail: nothing to minimize" "$scratch/f.err"'

refused() {
	"$kfault" "$@" -o "$scratch/u" -- $prog bug >/dev/null \
		2>"$scratch/u.err"
	rc=$?
	grep -q -- "$want" "$scratch/u.err" && [ $rc = 2 ]
}
want="shrinks a scheduled run" ok "--minimize without --sched" \
	refused replay --minimize --seed 1
want="is not a list of switches" ok "--sched list: with a bad list" \
	refused replay --sched list:t2@5/t3@4

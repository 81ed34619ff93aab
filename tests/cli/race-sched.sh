#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault race --sched: the shim's scheduler runs one thread at a time, so
# a found seed is the whole run: the failed run is exact (every hand-over
# the policy's), and its replay line carries --sched (and PCT's --depth)
# and fails again every time it is run once, 20 times of 20.  The flags
# are refused where they contradict the spec or each other.
. "$srcdir/lib.sh"
plan 15

prog=./race-uaf

# exact FILE: the run of report FILE is exact, no watchdog hand-over
exact() {
	python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["sched"]
print("# sched: %s" % s)
sys.exit(0 if s["exact"] and s["watchdog"] == 0 else 1)' "$1"
}

# replays LINE: how many of 20 runs of the replay LINE, each --runs 1, fail
replays() {
	set -- $(echo "$1" | sed "s/^kfault replay //; s/--runs [0-9]*/--runs 1/; s/'//g")
	fails=0
	for i in $(seq 1 20); do
		"$kfault" replay -o "$scratch/p$i" "$@" >/dev/null 2>&1
		[ $? -eq 1 ] && fails=$((fails + 1))
	done
	echo $fails
}

# The sanitizer's symbolizer off while racing: it sleeps after the
# failure, where the watchdog would hand over and make a run that
# replays look inexact.  The replays run as a user runs them.
ASAN_OPTIONS="$ASAN_OPTIONS:symbolize=0" TSAN_OPTIONS="$TSAN_OPTIONS:symbolize=0" \
	"$kfault" race -j2 --runs 40 --seed 1 --sched random -o "$scratch/r" \
	-- $prog bug >"$scratch/r.out" 2>"$scratch/r.err"
rc=$?
sed 's/^/# /' "$scratch/r.err"
ok "race --sched random: the planted bug is found (exit $rc)" is "$rc" 1
replay=$(grep '^kfault replay ' "$scratch/r.out")
ok "the replay line carries --sched random" \
	eval 'echo "$replay" | grep -q -- " --sched random "'
seed=$(echo "$replay" | sed 's/.*--seed \([0-9]*\).*/\1/')
ok "the failed run: the scheduler's spec, no delay rule" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
sys.exit(0 if "sched=random" in r["spec"] and "delay=" not in r["spec"]
         and r["sched"]["policy"] == "random" and r["delays_total"] == 0
         else 1)' "$scratch/r/race-$seed.json"

ok "... and it is exact" exact "$scratch/r/race-$seed.json"

# The printed command, once per run: the schedule is the seed's.
fails=$(replays "$replay")
ok "replay --runs 1 fails again 20 times of 20 ($fails)" is "$fails" 20

ASAN_OPTIONS="$ASAN_OPTIONS:symbolize=0" TSAN_OPTIONS="$TSAN_OPTIONS:symbolize=0" \
	"$kfault" race -j2 --runs 40 --seed 1 --sched pct -o "$scratch/pct" \
	-- $prog bug >"$scratch/pct.out" 2>"$scratch/pct.err"
rc=$?
sed 's/^/# /' "$scratch/pct.err"
ok "race --sched pct (depth 3 by default) finds it too (exit $rc)" is "$rc" 1
replay=$(grep '^kfault replay ' "$scratch/pct.out")
ok "... its replay line: --sched pct --depth 3" \
	eval 'echo "$replay" | grep -q -- " --sched pct --depth 3 "'
seed=$(echo "$replay" | sed 's/.*--seed \([0-9]*\).*/\1/')
ok "... the failed run is exact" exact "$scratch/pct/race-$seed.json"
fails=$(replays "$replay")
ok "... and its replay, --runs 1, fails 20 times of 20 ($fails)" is "$fails" 20

"$kfault" race -j2 --runs 30 --seed 1 --sched random -o "$scratch/fixed" \
	-- $prog fixed >/dev/null 2>"$scratch/fixed.err"
rc=$?
sed 's/^/# /' "$scratch/fixed.err"
ok "the fixed walk survives 30 schedules (exit $rc)" is "$rc" 0

# usage: each contradiction is refused before anything runs
refused() {
	"$kfault" "$@" -o "$scratch/u" -- $prog fixed >/dev/null \
		2>"$scratch/u.err"
	rc=$?
	[ $rc -eq 2 ] && [ ! -d "$scratch/u" ] &&
		grep -q -- "$want" "$scratch/u.err"
}
want="--depth is PCT's" ok "--depth without --sched pct" \
	refused race --runs 1 --sched random --depth 2
want="is not a policy" ok "--sched fifo" refused race --runs 1 --sched fifo
want="contradict each other" ok "--sched and a delay" \
	refused race --runs 1 --sched pct --delay yield
want="give the scheduler with --sched" ok "sched= in --spec" \
	refused replay 1 --spec sched=random
want="not a depth" ok "replay: --depth 17" \
	refused replay 1 --sched pct --depth 17
done_testing

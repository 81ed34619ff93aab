#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The controlled scheduler (sched=): one thread runs between two sites;
# the same seed gives the same interleaving; kstub's blocking (mutex,
# spinlock, rwsem, completion, grace period, join) and its own threads
# (RCU callbacks, workqueue workers, timers) neither hang a run nor make
# it inexact, blocking outside kstub's sites is broken by the watchdog
# and said; PCT finds a depth-1 ordering bug about as often as its bound
# says; ThreadSanitizer still sees a data race between serialized threads.
. "$srcdir/lib.sh"
plan 25

prog=./shim-sched

run_spec "sched=random,seed=1,report=$tmp/r.json" serial 3 300 1000
kf_is "random: no two threads between the same sites; no update lost" \
	"$(line overlaps) $(line counter)" "0 900"
run_spec "sched=pct:3,seed=1,report=$tmp/r.json" serial 3 300 1000
kf_is "pct:3: the same" "$(line overlaps) $(line counter)" "0 900"
ok "... and the run is exact, every thread scheduled" kf_json "$tmp/r.json" '
r["sched"] == {"policy": "pct", "depth": 3, "steps": r["sched"]["steps"],
"threads": 4, "watchdog": 0, "exact": True,
"exact_steps": r["sched"]["steps"], "switches": r["sched"]["switches"],
"preemptions": r["sched"]["preemptions"]} and r["sched"]["steps"] > 1800'

# The check above can fail: two threads between sites at once, once with
# the scheduler (the watchdog let the second go) and once without.
run_spec "sched=random,seed=1,report=$tmp/r.json" overlap
kf_is "negative control: the check sees a thread run beside another" \
	"$(line overlaps)" "1"
ok "... which only the watchdog allowed: the run is not exact" \
	kf_json "$tmp/r.json" \
	'r["sched"]["watchdog"] >= 1 and not r["sched"]["exact"]'
run_spec "" overlap
kf_is "negative control without a scheduler: the same overlap" \
	"$(line overlaps)" "1"

# Determinism: the order in which the steps ran, ten times per seed.
same_logs() {
	first=
	for i in 1 2 3 4 5 6 7 8 9 10; do
		run_spec "sched=$1,seed=$2,report=$tmp/d$i.json" serial 3 40 100
		log=$(line log)
		kf_json "$tmp/d$i.json" 'r["sched"]["exact"]' || return 1
		[ ${#log} -eq 120 ] || return 1
		[ -z "$first" ] && first=$log
		[ "$log" = "$first" ] || {
			diag "run $i: $log"
			diag "run 1: $first"
			return 1
		}
	done
	diag "sched=$1,seed=$2: $first"
}
ok "random: seed 5 gives the same interleaving 10 of 10 runs" same_logs random 5
ok "pct:3: seed 5 gives the same interleaving 10 of 10 runs" same_logs pct:3 5
distinct=$(for s in 1 2 3 4 5 6; do
	run_spec "sched=random,seed=$s" serial 3 40 100
	line log
done | sort -u | wc -l)
ok "six seeds, six interleavings ($distinct)" test "$distinct" -eq 6

# kstub's blocking is modelled: no hang, no watchdog.
run_spec "sched=random,seed=2,report=$tmp/r.json" locks 3 100
kf_is "mutex, spinlock, rwsem, trylock, completions, grace periods, join, exit" \
	"$out" "mutex 300 spin 300 write 300 read 300 trylock 300 sync 100"
ok "... and the run is exact" kf_json "$tmp/r.json" '
r["sched"]["exact"] and r["sched"]["watchdog"] == 0 and
r["sites"]["mutex_lock"] >= 600 and r["sites"]["synchronize_rcu"] == 100'

# kstub's own threads report their waits (idle, flush, rcu_gp): call_rcu,
# kfree_rcu, two workqueues and a timer leave the run exact.  Before
# they did, the same run was inexact from its first callback on (about
# 120 watchdog hand-overs, exact_steps 4 to 6).
run_spec "sched=random,seed=4,report=$tmp/r.json" services 3 20
kf_is "call_rcu, kfree_rcu, workqueues, a timer: every one ran" \
	"$out" "rcu 60 work 60 timer 1"
ok "... and the run is exact, their waits reported" kf_json "$tmp/r.json" '
r["sched"]["exact"] and r["sched"]["watchdog"] == 0 and
r["sites"]["call_rcu"] == 120 and r["sites"]["rcu_callback"] == 120 and
r["sites"]["work_run"] == 60 and r["sites"]["timer_run"] == 1 and
min(r["sites"][c] for c in ("idle", "flush", "rcu_gp")) > 0'
steps=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["sched"]["steps"])' "$tmp/r.json")
run_spec "sched=random,seed=4,report=$tmp/r.json" services 3 20
ok "... and its seed gives the same run again ($steps steps)" \
	kf_json "$tmp/r.json" "r['sched']['exact'] and r['sched']['steps'] == $steps"
run_spec "sched=pct:3,seed=4,report=$tmp/r.json" services 3 20
ok "pct:3: the same program is exact too" kf_json "$tmp/r.json" '
r["sched"]["exact"] and r["sched"]["watchdog"] == 0'
# Negative control: the timer function waited for with wait_event(), a
# wait kstub does not report, as its threads' waits were not before.
run_spec "sched=random,seed=4,report=$tmp/r.json" services-wait 3 20
ok "negative control: an unreported wait makes the same run inexact" \
	kf_json "$tmp/r.json" '
not r["sched"]["exact"] and r["sched"]["watchdog"] >= 1'

# Blocking kstub cannot see: a pipe read, and a spin, with no site between.
run_spec "sched=random,seed=1,sched_watchdog=5ms,report=$tmp/r.json" pipe
kf_is "a thread blocked in read(2) on a pipe: the run completes" \
	"$out" "read"
ok "... thanks to the watchdog, and the report says not exact" \
	kf_json "$tmp/r.json" '
not r["sched"]["exact"] and r["sched"]["watchdog"] >= 1 and
r["sched"]["exact_steps"] < r["sched"]["steps"]'
ok "... and so does stderr" grep -q "^kfault: sched random: .*not exact" \
	"$tmp/err"

# fork: the child comes out with a scheduler of its own thread.
run_spec "sched=random,seed=3,report=$tmp/f-%p.json" fork 2 50
kf_is "fork: parent and child each run their threads to the end" \
	"$rc $out" "0 child 200
parent 100"
ok "... the child's report: its own threads, exact" sh -c '
	for f in "$1"/f-*.json; do
		python3 -c "
import json, sys
r = json.load(open(sys.argv[1]))
if r[\"forked\"]:
    sys.exit(0 if r[\"sched\"][\"exact\"] and r[\"sched\"][\"threads\"] == 5 else 1)
sys.exit(0)" "$f" || exit 1
	done
	[ $(ls "$1"/f-*.json | wc -l) -eq 2 ]' sh "$tmp"

# PCT, depth 1: the last of 3 workers must run first, and it takes 40
# steps to get there against the others' 2.  PCT at depth 1 finds it when
# that worker has the highest priority: at least 1/n of the runs (n = 4
# threads, the main one included).
hits() {
	h=0
	for s in $(seq 1 60); do
		timeout 120 env KFAULT="sched=$1,seed=$s" LD_PRELOAD="$KFAULT_LIB" \
			"$prog" order 3 40 >/dev/null 2>&1
		[ $? -eq 1 ] && h=$((h + 1))
	done
	echo $h
}
pct=$(hits pct:1)
random=$(hits random)
diag "order bug found in $pct of 60 runs with pct:1 (bound: 1/4, 15), $random with random"
ok "pct:1 finds the depth-1 bug as often as its bound says ($pct of 60)" \
	test "$pct" -ge 8
ok "... more often than the random policy ($random)" test "$pct" -gt "$random"

# ThreadSanitizer still sees a race between threads that never ran at once.
if [ "$KSTUB_SANITIZER" = tsan ]; then
	run_spec "sched=random,seed=1" datarace 200
	ok "TSan reports the planted data race with the scheduler on" \
		grep -q "WARNING: ThreadSanitizer: data race" "$tmp/err"
	run_spec "sched=random,seed=1" datarace-locked 200
	ok "negative control: under a mutex, no race" \
		sh -c '! grep -q "ThreadSanitizer" "$1"' sh "$tmp/err"
else
	skip "ThreadSanitizer's report needs the TSan build"
	skip "ThreadSanitizer's report needs the TSan build"
fi
done_testing

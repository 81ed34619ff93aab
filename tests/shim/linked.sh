#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The shim's own code under ASan+UBSan: shim-alloc-linked carries the
# shim's sources (built with the sanitizers, not preloaded) and goes
# through the paths that parse, record and write: malformed specs, the
# sixteen-rule limit, faults and delays with reports and traces, 20,000
# distinct stacks, threads, fork, verbose output.  Any memory error or
# undefined behaviour stops the program, and the check fails.
. "$srcdir/lib.sh"
[ -x ./shim-alloc-linked ] ||
	plan_skip_all "shim-alloc-linked is built in the ASan build only"
plan 14

# linked SPEC ARGS...: run it (no LD_PRELOAD), status in $rc
linked() {
	KFAULT=$1
	shift
	KFAULT=$KFAULT ./shim-alloc-linked "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if grep -q "Sanitizer" "$tmp/err"; then
		sed 's/^/# /' "$tmp/err" | head -40
		rc=99
		reports=$((reports + 1))
	fi
}
reports=0

sixteen=
i=0
while [ $i -lt 16 ]; do sixteen="${sixteen}fail_nth=1000;"; i=$((i + 1)); done
linked "${sixteen}fail_nth=1" seq 1
ok "seventeen rules: refused (status $rc)" test $rc -eq 125
linked "${sixteen}seed=5;report=$tmp/r16.json" seq 3
ok "sixteen rules and globals: a whole report" \
	kf_json "$tmp/r16.json" 'len(r["rules"]) == 16 and r["seed"] == 5'
linked "fail_nth=$(printf '%0300d' 0)x" seq 1
ok "a long bad value: refused (status $rc)" test $rc -eq 125
linked "stack=beta,fail_nth=2,verbose=2,report=$tmp/s.json" stack 3
ok "a stack filter, verbose=2, report" \
	kf_json "$tmp/s.json" 'r["faults_total"] == 1'
linked "probability=0,record=1,report=$tmp/p.json" paths 1
ok "record=1 with 20,000 stacks" \
	kf_json "$tmp/p.json" 'len(r["stacks"]) == 20000'
rm -f "$tmp/p.json"
linked "class=alloc,probability=50,times=-1,seed=3,trace=$tmp/t.json,report=$tmp/t-r.json" trace
ok "faults, a trace and a report from two threads (status $rc)" \
	kf_json "$tmp/t.json" 'len(r["traceEvents"]) > 100'
linked "class=rcu_callback,delay=yield,report=$tmp/cb.json" kfree-rcu 50
ok "delays at RCU callbacks" kf_json "$tmp/cb.json" 'r["delays_total"] == 50'
linked "delay=pct:3,pct_steps=200,seed=9,report=$tmp/pct.json" threads 50
ok "a PCT schedule over two threads (status $rc)" test $rc -eq 0
linked "fail_nth=2,report=$tmp/f.json" fork 3
ok "fork: parent and child reports (status $rc)" \
	kf_json "$tmp/f.json" 'r["faults_total"] >= 1'
linked "sched=pct:2,seed=4,report=$tmp/sp.json" threads 50
ok "the scheduler runs two threads one at a time (status $rc)" \
	kf_json "$tmp/sp.json" 'r["sched"]["exact"] and r["sched"]["threads"] == 3'
linked "sched=random,seed=2,sched_watchdog=1ms,report=$tmp/sw.json" kfree-rcu 30
ok "... and the RCU callback thread's waits are modelled: exact" \
	kf_json "$tmp/sw.json" '
r["sched"]["exact"] and r["sched"]["watchdog"] == 0 and
r["sites"]["idle"] >= 1 and r["sites"]["rcu_gp"] >= 1'
linked "sched=random,seed=1,fail_nth=2,report=$tmp/sf.json" fork 3
ok "... and a forked child schedules its own threads (status $rc)" \
	test $rc -eq 0
ok "no sanitizer report in any run above ($reports)" test "$reports" -eq 0
# Negative control: the sanitizer is live in this program.
linked "" uaf
ok "negative control: a planted use-after-free is reported" test $rc -eq 99
done_testing

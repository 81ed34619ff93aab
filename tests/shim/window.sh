#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A fault's window: after_fault=1 delays the faulting thread for its next
# fault_window sites, near_fault=1 the other threads while that window is
# open.  shim-alloc window: main's one kmalloc, then 5 lock/unlock pairs
# in each of main and a worker that starts its pairs only after the
# kmalloc (a completion): the counts below do not depend on timing.
. "$srcdir/lib.sh"
plan 7

fault="class=slab,fail_nth=1"
# A fault rule first, then the delay rules, then the globals.
kf_run "$fault;class=lock,after_fault=1,delay=yield;seed=1,report=$tmp/a.json" \
	./shim-alloc window 5
kf_is "the kmalloc fails" "$out" "X"
ok "after_fault=1: main's 15 lock sites after its fault are delayed" \
	kf_json "$tmp/a.json" 'r["delays_total"] == 15 and
		all(d["thread"] == r["faults"][0]["thread"] for d in r["delays"])'
kf_run "$fault;class=lock,after_fault=1,delay=yield;seed=1,fault_window=4,report=$tmp/w.json" \
	./shim-alloc window 5
# its window: the complete() site, then 3 lock sites
ok "fault_window=4: only the faulting thread's next 4 sites" \
	kf_json "$tmp/w.json" 'r["delays_total"] == 3'
kf_run "class=slab,fail_nth=2;class=lock,after_fault=1,delay=yield;seed=1,report=$tmp/n.json" \
	./shim-alloc window 5
ok "negative control: no fault, no after_fault delay" \
	kf_json "$tmp/n.json" 'r["faults_total"] == 0 and r["delays_total"] == 0'

kf_run "$fault;class=lock,near_fault=1,delay=yield;seed=1,fault_window=100000,report=$tmp/o.json" \
	./shim-alloc window 5
ok "near_fault=1: the worker's 15 lock sites, none of main's" \
	kf_json "$tmp/o.json" 'r["delays_total"] == 15 and
		all(d["thread"] != r["faults"][0]["thread"] for d in r["delays"])'
kf_run "class=slab,fail_nth=2;class=lock,near_fault=1,delay=yield;seed=1,report=$tmp/m.json" \
	./shim-alloc window 5
ok "negative control: no fault, no near_fault delay" \
	kf_json "$tmp/m.json" 'r["delays_total"] == 0'

kf_run "class=slab,after_fault=1" ./shim-alloc window 1
ok "after_fault in a fault rule is refused" \
	grep -q "after_fault: only in a delay rule" "$tmp/err"
done_testing

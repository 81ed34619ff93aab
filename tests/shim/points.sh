#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fault points that name the same call in every run, whatever the
# threads' timing: created=J (the thread created J-th; 1 is main) with
# per_thread=1 counts calls within that thread; stack_id=ID (from a
# record=1 report) picks one call stack; thread_name=T one named thread.
. "$srcdir/lib.sh"
plan 5

# The first-created worker's third call, five runs: always that one.
same=yes
i=0
while [ $i -lt 5 ]; do
	kf_run "created=2,per_thread=1,fail_nth=3" ./shim-alloc threads 5
	[ "$out" = "..X..
....." ] || { same=no; diag "run $i: $(echo $out)"; }
	i=$((i + 1))
done
kf_is "created=2,per_thread=1,fail_nth=3: the first worker's 3rd call, 5 of 5 runs" "$same" yes
kf_run "created=1,per_thread=1,fail_nth=1" ./shim-alloc threads 5
kf_is "created=1 is the main thread: no worker call fails" "$out" "$(printf '.....\n.....')"

# stack_id= from a counting run's report: beta's stack, first call.
kf_run "probability=0,record=1,report=$tmp/c.json" ./shim-alloc stack 5
id=$(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
print(r["stacks"][r["calls"][1]["stack"]]["id"])' "$tmp/c.json")
kf_run "stack_id=$id,fail_nth=1" ./shim-alloc stack 5
kf_is "stack_id=$id,fail_nth=1 fails beta's first call" "$out" ".X........"

# thread_name: kstub's RCU callback thread does the frees of kfree_rcu.
kf_run "class=free,thread_name=kstub-rcu-cb,delay=yield,report=$tmp/n.json" \
	./shim-alloc kfree-rcu 10
ok "thread_name=kstub-rcu-cb: its ten frees are delayed" \
	kf_json "$tmp/n.json" 'r["delays_total"] == 10'
kf_run "class=free,thread_name=shim-alloc,delay=yield,report=$tmp/m.json" \
	./shim-alloc kfree-rcu 10
ok "negative control: thread_name=shim-alloc frees nothing there" \
	kf_json "$tmp/m.json" 'r["delays_total"] == 0'
done_testing

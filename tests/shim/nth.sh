#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# fail_nth: exactly the Nth eligible call fails, process-wide or per thread.
. "$srcdir/lib.sh"
plan 10

kf_run "" ./shim-alloc seq 10
kf_is "no spec: nothing fails (control)" "$out" ".........."
kf_run "fail_nth=1" ./shim-alloc seq 10
kf_is "fail_nth=1 fails the first call only" "$out" "X........."
kf_run "fail_nth=3,report=$tmp/r.json" ./shim-alloc seq 10
kf_is "fail_nth=3 fails the third call only" "$out" "..X......."
ok "the report names call 3 and one fault" kf_json "$tmp/r.json" \
	'r["faults_total"] == 1 and r["faults"][0]["call"] == 3 and r["faults"][0]["class"] == "slab" and r["rules"][0]["eligible"] == 10'
kf_run "fail_nth=10" ./shim-alloc seq 10
kf_is "fail_nth=10 fails the last call only" "$out" ".........X"
kf_run "fail_nth=11" ./shim-alloc seq 10
kf_is "fail_nth past the end fails nothing" "$out" ".........."
kf_run "fail_nth=2,per_thread=1" ./shim-alloc threads 5
kf_is "per_thread: the second call of each thread fails" "$out" ".X...
.X..."
kf_run "fail_nth=2" ./shim-alloc threads 5
n=$(printf '%s' "$out" | tr -cd X | wc -c)
kf_is "process-wide: one failure among both threads" "$n" 1
kf_run "thread=2,times=-1" ./shim-alloc threads 4
n=$(printf '%s' "$out" | tr -cd X | wc -c)
kf_is "thread=2: one thread fails all its calls, the other none" "$n" 4
kf_run "fail_nth=3,class=vmalloc" ./shim-alloc seq 10
kf_is "another class's rule leaves slab alone" "$out" ".........."
done_testing

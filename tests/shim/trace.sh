#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# trace=FILE is trace-event JSON: lock holds, RCU sections (balanced B/E
# per thread), allocations, and injected faults.
. "$srcdir/lib.sh"
plan 7

kf_run "trace=$tmp/t.json,fail_nth=5,verbose=0" ./shim-alloc trace
kf_is "the program runs" "$out" "traced"
ok "the trace is valid JSON" kf_json "$tmp/t.json" '"traceEvents" in r'
ok "B/E spans balance on every thread" kf_json "$tmp/t.json" '
all(sum(1 if e["ph"] == "B" else -1 for e in r["traceEvents"] if e.get("tid") == t and e["ph"] in ("B", "E")) == 0
    for t in set(e.get("tid") for e in r["traceEvents"]))
and any(e["ph"] == "B" and e["name"] == "rcu_read_lock" for e in r["traceEvents"])'
ok "lock holds are spans" kf_json "$tmp/t.json" '
len([e for e in r["traceEvents"] if e["ph"] == "X" and e["cat"] == "lock" and e["name"] == "mutex_lock"]) == 100
and len([e for e in r["traceEvents"] if e["ph"] == "X" and e["cat"] == "lock" and e["name"] == "spin_lock"]) == 100
and all(e["dur"] >= 0 for e in r["traceEvents"] if e["ph"] == "X")'
ok "allocations and the fault are marked" kf_json "$tmp/t.json" '
any(e.get("name") == "slab" and e["ph"] == "i" for e in r["traceEvents"])
and len([e for e in r["traceEvents"] if e.get("cat") == "fault"]) == 1'
kf_run "trace=$tmp/s.json,trace_buffer=16,verbose=0" ./shim-alloc trace
ok "trace_buffer bounds each thread; the rest is counted as dropped" kf_json "$tmp/s.json" '
r["otherData"]["kfault_dropped_events"] > 0
and all(len([e for e in r["traceEvents"] if e.get("tid") == t and e["ph"] in ("i", "X", "B")]) <= 16
        for t in set(e.get("tid") for e in r["traceEvents"]))'
kf_run "trace=$tmp/names.json" ./shim-alloc kfree-rcu 5
ok "threads carry their own names: the program's and kstub's callback thread" \
	kf_json "$tmp/names.json" '{e["args"]["name"] for e in r["traceEvents"]
if e.get("name") == "thread_name"} >= {"shim-alloc (1)"} and any(
e["args"]["name"].startswith("kstub-rcu-cb (") for e in r["traceEvents"]
if e.get("name") == "thread_name")'
done_testing

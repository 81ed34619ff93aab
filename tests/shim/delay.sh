#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Delays widen a race window: the planted lost-update race in shim-race
# shows far more often with a delay at mutex_lock than without; a seed
# replays a PCT schedule's change points.
. "$srcdir/lib.sh"
plan 10

kf_run "" ./shim-race 2000
plain=$out
kf_run "class=mutex_lock,delay=sleep:20us-100us,probability=50,seed=7,report=$tmp/r.json" ./shim-race 2000
delayed=$out
diag "lost updates: $plain without delays, $delayed with"
ok "the race shows with delays ($delayed lost updates)" test "$delayed" -ge 100
ok "far more often than without ($plain)" test "$delayed" -gt $((plain * 4 + 20))
ok "the report lists the delays with their stacks" kf_json "$tmp/r.json" '
r["delays_total"] > 100 and r["delays"][0]["class"] == "mutex_lock"
and r["delays"][0]["caller"]["function"] == "worker" and r["delays"][0]["ns"] > 0'
kf_run "class=mutex_lock,delay=pct:3,pct_steps=2000,seed=11,report=$tmp/p1.json" ./shim-race 1000
kf_run "class=mutex_lock,delay=pct:3,pct_steps=2000,seed=11,report=$tmp/p2.json" ./shim-race 1000
ok "PCT: the same seed holds back at the same change points" python3 -c '
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:])
ca = sorted(d["call"] for d in a["delays"]); cb = sorted(d["call"] for d in b["delays"])
sys.exit(0 if ca == cb and len(ca) == 3 else 1)' "$tmp/p1.json" "$tmp/p2.json"
kf_run "class=mutex_lock,delay=yield,times=5,report=$tmp/y.json" ./shim-race 100
ok "times= bounds the delays" kf_json "$tmp/y.json" 'r["delays_total"] == 5'
kf_run "class=mutex_lock,delay=yield,stack=main,report=$tmp/s.json" ./shim-race 50
ok "stack=main: no worker thread has main on its stack, no delay" kf_json "$tmp/s.json" \
	'r["delays_total"] == 0 and r["sites"]["mutex_lock"] == 100'
kf_run "class=mutex_lock|mutex_unlock,delay=yield,caller=worker,times=-1,report=$tmp/c.json" ./shim-race 50
ok "caller=worker: every lock and unlock of the workers is delayed" kf_json "$tmp/c.json" \
	'r["delays_total"] == 200 and set(d["class"] for d in r["delays"]) == {"mutex_lock", "mutex_unlock"}'
kf_run "class=mutex_lock|mutex_unlock,delay=sleep:1us-5us,stack=errno_kept,trace=$tmp/e.json,report=$tmp/e2.json" ./shim-alloc errno 20
kf_is "errno survives delays, unwinding, tracing" "$out" "errno lost 0 times"
kf_run "class=mutex_lock,delay=yield,probability=50,seed=5,report=$tmp/d1.json" ./shim-alloc errno 40
kf_run "class=mutex_lock,delay=yield,probability=50,seed=5,report=$tmp/d2.json" ./shim-alloc errno 40
ok "a seed replays which events are delayed" python3 -c '
import json, sys
a, b = ([d["call"] for d in json.load(open(f))["delays"]] for f in sys.argv[1:])
sys.exit(0 if a == b and 5 < len(a) < 35 else 1)' "$tmp/d1.json" "$tmp/d2.json"

# An RCU callback's delay: the record names code, never kfree_rcu's
# offset, and no frame of the shim itself shows in its stack.
kf_run "class=rcu_callback,delay=yield,report=$tmp/cb.json" ./shim-alloc kfree-rcu 20
ok "rcu_callback delays: callers are code, stacks hold no shim frame" \
	kf_json "$tmp/cb.json" 'r["delays_total"] == 20 and all(
int(d["caller"]["addr"], 16) >= 4096 and
not any("libkfault" in (f["object"] or "") for f in [d["caller"]] + d["backtrace"])
for d in r["delays"])'
done_testing

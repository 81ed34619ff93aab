#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# stack= and caller= filters: only calls from the named function fail;
# __GFP_NOFAIL calls never do.
. "$srcdir/lib.sh"
plan 17

kf_run "times=-1" ./shim-alloc stack 5
kf_is "no filter: every call fails (control)" "$out" "XXXXXXXXXX"
kf_run "stack=alpha,times=-1" ./shim-alloc stack 5
kf_is "stack=alpha: alpha's calls only" "$out" "X.X.X.X.X."
kf_run "stack=beta,times=-1" ./shim-alloc stack 5
kf_is "stack=beta: beta's calls only" "$out" ".X.X.X.X.X"
kf_run "stack=!alpha,times=-1" ./shim-alloc stack 5
kf_is "stack=!alpha: all but alpha's" "$out" ".X.X.X.X.X"
kf_run "caller=alpha,times=-1" ./shim-alloc stack 5
kf_is "caller=alpha: alpha's calls only" "$out" "X.X.X.X.X."
kf_run "stack=beta,fail_nth=2,report=$tmp/r.json" ./shim-alloc stack 5
kf_is "stack=beta,fail_nth=2: beta's second call" "$out" "...X......"
ok "the fault's caller is beta, main on its stack" kf_json "$tmp/r.json" \
	'r["faults"][0]["caller"]["function"] == "beta" and "main" in [f["function"] for f in r["faults"][0]["backtrace"]]'
kf_run "probability=100,times=-1" ./shim-alloc nofail 10
kf_is "__GFP_NOFAIL calls never fail" "$out" ".........."
kf_run "gfp=!__GFP_NOFAIL,probability=100,times=-1" ./shim-alloc seq 4
kf_is "a gfp filter that GFP_KERNEL passes" "$out" "XXXX"
kf_run "gfp=__GFP_ZERO,times=-1" ./shim-alloc stack 5
kf_is "gfp=__GFP_ZERO: beta's kzalloc calls only" "$out" ".X.X.X.X.X"
kf_run "gfp=GFP_KERNEL|!__GFP_ZERO,times=-1" ./shim-alloc stack 5
kf_is "gfp=!__GFP_ZERO: alpha's kmalloc calls only" "$out" "X.X.X.X.X."
kf_run "probability=0,record=1,report=$tmp/c1.json" ./shim-alloc stack 5
ok "record=1 numbers every eligible call, each distinct stack kept once" kf_json "$tmp/c1.json" '
[c["n"] for c in r["calls"]] == list(range(1, 11))
and len(set(c["stack"] for c in r["calls"][0::2])) == 1
and len(set(c["stack"] for c in r["calls"])) == 2 == len(r["stacks"])
and r["stacks_dropped"] == 0 and r["calls_dropped"] == 0
and fn(r["stacks"][r["calls"][1]["stack"]]["backtrace"][0]) == "beta"'
kf_run "probability=0,record=1,report=$tmp/c2.json" ./shim-alloc stack 5
ok "stack ids are the same from run to run" python3 -c '
import json, sys
def ids(f):
    r = json.load(open(f))
    return [r["stacks"][c["stack"]]["id"] for c in r["calls"]]
a, b = (ids(f) for f in sys.argv[1:])
sys.exit(0 if a == b else 1)' "$tmp/c1.json" "$tmp/c2.json"

# No silent caps: 20,000 distinct stacks and 1,000,000 calls, every one
# kept (the shim stopped at 4,096 stacks and 65,536 calls before).
kf_run "probability=0,record=1,report=$tmp/paths.json" ./shim-alloc paths 50
ok "record=1 keeps 20,000 distinct stacks and 1,000,000 calls" kf_json \
	"$tmp/paths.json" 'len(r["calls"]) == 1000000 and r["calls_dropped"] == 0
and r["stacks_dropped"] == 0 and len(set(c["stack"] for c in r["calls"])) == 20000
and r["rules"][0]["eligible"] == 1000000'
rm -f "$tmp/paths.json"
"$KFAULT_BIN" sweep --list -o "$tmp/paths" -- ./shim-alloc paths 1 \
	>"$tmp/points" 2>"$tmp/err"
kf_is "a stack-mode sweep of 20,000 call stacks has 20,000 points" \
	"$(cut -f1 "$tmp/points" | sort -un | wc -l)" 20000

# Past the fixed tables, said, never silent: the records kept (2048) and
# the thread slots (4096).
kf_run "probability=100,times=-1,verbose=0,report=$tmp/many.json" ./shim-alloc paths 1
ok "more faults than records: the totals count all, stderr says so" eval \
	'grep -q "lists the first 2048 faults and delays" "$tmp/err" &&
	kf_json "$tmp/many.json" "r[\"faults_total\"] == 20000 and len(r[\"faults\"]) == 2048"'
kf_run "report=$tmp/spawn.json" ./shim-alloc spawn 420
ok "more threads than slots: said on stderr, counted in the report" eval \
	'grep -q "more than 4096 threads" "$tmp/err" &&
	kf_json "$tmp/spawn.json" "r[\"threads\"] == 4200"'
done_testing

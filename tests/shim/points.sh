#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fault points that name the same call in every run, whatever the
# threads' timing: created=J (the thread created J-th; 1 is main) with
# per_thread=1 counts calls within that thread; stack_id=ID (from a
# record=1 report) picks one call stack; thread_name=T one named thread.
. "$srcdir/lib.sh"
plan 11

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

# kfault sweep on two threads: a point per thread and occurrence
# (t2#3 = the 3rd call of that stack in the thread created 2nd), each
# failing the same call in every run; three sweeps, the same points.
if [ -x "${KFAULT_BIN:-}" ]; then
	for i in 1 2 3; do
		"$KFAULT_BIN" sweep -q -j2 --occurrences 5 -o "$tmp/sw$i" \
			--keep-runs --json "$tmp/sw$i.json" -- ./shim-alloc threads 5 \
			>"$tmp/sw$i.out" 2>"$tmp/sw$i.err"
		echo "rc=$?" >>"$tmp/sw$i.out"
		sed -n 's/.*"point":\([0-9]*\),.*"outcome":"\([a-z]*\)".*"created":\([0-9]*\),"occurrence":\([0-9]*\).*/\1 \2 t\3#\4/p' \
			"$tmp/sw$i.json" | sort -n >"$tmp/sw$i.pts"
	done
	kf_is "sweep: 10 points, t2#1..5 and t3#1..5, every one ok" \
		"$(awk '{ print $3, $2 }' "$tmp/sw1.pts" | sort | tr '\n' ' ')" \
		"t2#1 ok t2#2 ok t2#3 ok t2#4 ok t2#5 ok t3#1 ok t3#2 ok t3#3 ok t3#4 ok t3#5 ok "
	kf_is "sweep: the same point ids name the same calls in 3 sweeps" \
		"$(cat "$tmp/sw2.pts" "$tmp/sw3.pts" | sort -n | uniq | wc -l)" \
		"$(wc -l <"$tmp/sw1.pts")"
	# point 3 is t2#3: the first worker's 3rd call, in its own output
	kf_is "sweep: point t2#3 failed the first worker's 3rd call" \
		"$(cat "$tmp/sw1/point-3.out")" \
		"..X..
....."
	ok "sweep: exit 0, every point ok" grep -q '^rc=0$' "$tmp/sw1.out"
	# libc's frames: named from libc6-dbg's symbols without a line in
	# a sweep (its DWARF is not inflated); symbolize gives the line.
	if [ -d /usr/lib/debug/.build-id ]; then
		sed -n 2p "$tmp/sw1.json" >"$tmp/line1.json"
		ok "sweep: start_thread named, no line; the worker's line kept" \
			kf_json "$tmp/line1.json" '
any(f["function"] == "start_thread" and f["file"] is None for f in r["frames"])
and any(f["function"] == "worker" and f["file"].endswith("alloc.c") and f["line"] > 0 for f in r["frames"])'
		"$KFAULT_BIN" symbolize --json "$tmp/sw1/point-1.json" \
			>"$tmp/p1.sym" 2>&1
		ok "symbolize: the same frame with its line" kf_json "$tmp/p1.sym" \
			'any("pthread_create.c:" in (f.get("source") or "") for f in r["faults"][0]["backtrace"])'
	else
		skip "no separate debug files (libc6-dbg)"
		skip "no separate debug files (libc6-dbg)"
	fi
else
	for i in 1 2 3 4 5 6; do skip "no kfault binary"; done
fi
done_testing

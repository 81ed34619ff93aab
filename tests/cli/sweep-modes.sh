#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The sweep's bookkeeping: nth mode, --list, --shard shares cover every
# point exactly once, --resume after a kill ends with the same result as
# an uninterrupted sweep, --keep-failing, --junit.
. "$srcdir/lib.sh"
plan 17

prog=./planted

# ids FILE: the point ids of a --json file, sorted
ids() {
	points "$1" | awk '{ print $1 }' | sort -n
}

# results FILE: "point outcome site" sorted by point
results() {
	points "$1" | sort -n
}

# nth mode: every eligible call is a point (two widgets, five each)
"$kfault" sweep -q --mode nth -o "$scratch/nth" --json "$scratch/nth.jsonl" \
	-- $prog leak >/dev/null 2>&1
ok "nth mode: one point per eligible call" \
	is "$(points "$scratch/nth.jsonl" | wc -l)" 10
ok "nth mode: both calls at the leaking site are leaks" \
	is "$(count "$scratch/nth.jsonl" leak widget_alloc_stats)" 2

"$kfault" sweep --list -o "$scratch/list" -- $prog none \
	>"$scratch/list.out" 2>/dev/null
# stack mode (a shim that records calls): one point per distinct stack
if grep -q '"calls":' "$scratch/list/count.json"; then
	ok "stack mode: two widgets, five distinct stacks" \
		is "$(wc -l <"$scratch/list.out")" 5
else
	skip "stack mode needs a shim with record=1"
fi
ok "--list prints the points without running them" \
	test "$(wc -l <"$scratch/list.out")" -ge 5 -a ! -e "$scratch/list/point-1.err"

# The whole sweep, then three shards of it.
"$kfault" sweep -q -o "$scratch/full" --json "$scratch/full.jsonl" \
	-- $prog leak >/dev/null 2>&1
ids "$scratch/full.jsonl" >"$scratch/full.ids"
: >"$scratch/shards.ids"
for i in 1 2 3; do
	"$kfault" sweep -q --shard $i/3 -o "$scratch/shard$i" \
		--json "$scratch/shard$i.jsonl" -- $prog leak >/dev/null 2>&1
	ids "$scratch/shard$i.jsonl" >>"$scratch/shards.ids"
done
sort -n "$scratch/shards.ids" >"$scratch/shards.sorted"
ok "shards: at least five points in all" \
	test "$(wc -l <"$scratch/full.ids")" -ge 5
ok "shards: together they run every point exactly once" \
	cmp -s "$scratch/full.ids" "$scratch/shards.sorted"
ok "shards: no point twice" \
	is "$(uniq -d "$scratch/shards.sorted" | wc -l)" 0
cat "$scratch/shard"*.jsonl | sort -n >"$scratch/shards.jsonl"
ok "shards: the same outcomes as the whole sweep" \
	is "$(results "$scratch/shards.jsonl")" "$(results "$scratch/full.jsonl")"

# Resume: the hang point takes three seconds (ample for the others: each
# takes milliseconds, however busy the machine); kill the sweep once it has
# written its first result, then resume from its file.
"$kfault" sweep -q -j1 --timeout 3 -o "$scratch/r" --json "$scratch/r.jsonl" \
	-- $prog hang >/dev/null 2>"$scratch/r.err" &
pid=$!
n=0
while [ "$n" -lt 200 ] && [ "$(points "$scratch/r.jsonl" 2>/dev/null | wc -l)" -lt 1 ]; do
	sleep 0.05
	n=$((n + 1))
done
kill -TERM $pid
wait $pid
rc=$?
diag "killed after $(points "$scratch/r.jsonl" | wc -l) points (exit $rc)"
ok "killed sweep: exits non-zero" test "$rc" -ne 0
"$kfault" sweep -q -j1 --timeout 3 -o "$scratch/r" --resume "$scratch/r.jsonl" \
	-- $prog hang >"$scratch/r.table" 2>&1
rc=$?
"$kfault" sweep -q --timeout 3 -o "$scratch/h" --json "$scratch/h.jsonl" \
	-- $prog hang >/dev/null 2>&1
ok "resumed sweep: exit 1, like the uninterrupted one (got $rc)" is "$rc" 1
ok "resumed sweep: every point once" \
	is "$(ids "$scratch/r.jsonl" | tr '\n' ' ')" \
	"$(ids "$scratch/h.jsonl" | tr '\n' ' ')"
ok "resumed sweep: the same outcomes" \
	is "$(results "$scratch/r.jsonl")" "$(results "$scratch/h.jsonl")"

# The keep-failing pass doubles the points; a clean program handles all.
"$kfault" sweep -q --keep-failing -o "$scratch/keep" \
	--json "$scratch/keep.jsonl" -- $prog none >/dev/null 2>&1
rc=$?
ok "keep-failing: twice the points, all ok (exit $rc)" \
	is "$(count "$scratch/keep.jsonl" ok)" \
	$((2 * $(wc -l <"$scratch/list.out")))
ok "keep-failing: the second pass is marked" \
	grep -q '"persist":true' "$scratch/keep.jsonl"

"$kfault" sweep -q -o "$scratch/ju" --junit "$scratch/ju.xml" \
	-- $prog leak >/dev/null 2>&1
ok "junit: one testcase per point, the leaks as failures" \
	is "$(grep -c '<testcase' "$scratch/ju.xml") $(grep -c '<failure type="leak"' "$scratch/ju.xml")" \
	"$(points "$scratch/full.jsonl" | wc -l) $(count "$scratch/full.jsonl" leak)"
if command -v python3 >/dev/null; then
	ok "every --json line is a JSON object with the documented keys (the first, the header)" \
		python3 -c '
import json, sys
keys = {"point", "outcome", "stack", "exit", "signal", "stderr"}
head = {"kfault_sweep", "program", "program_hash", "argv", "spec", "mode"}
for n, line in enumerate(open(sys.argv[1])):
    assert (head if n == 0 else keys) <= set(json.loads(line)), line
' "$scratch/full.jsonl"
	ok "the JUnit file is well-formed XML" python3 -c '
import sys, xml.etree.ElementTree as et
et.parse(sys.argv[1])' "$scratch/ju.xml"
else
	skip "python3 checks the JSON lines"
	skip "python3 checks the JUnit XML"
fi
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# What a point of kfault sweep -j1 costs, a run of its own each (--exec)
# and in a fork server (--fork), against a bare loop that runs the same
# program once per point with the same spec and report file and nothing
# else (no capture, no timeout, no classification, no counting run):
#
#   for k in 1..N: KFAULT=fail_nth=k KFAULT_REPORT=... LD_PRELOAD=... PROG
#
# The program is farpoints: its points come after a long prefix, which a
# run of its own pays at every point and a fork server once.  The three
# run in turn, ROUNDS times; the best of each counts.  Prints the seconds
# per point and the ratios to the bare loop; asserts nothing.
# Usage: sweep-fork.sh [PROG ARGS...]  (ROUNDS=3; default PROG:
# farpoints 1000000 50)
set -eu
. "$(dirname "$0")/lib.sh"
if [ $# -eq 0 ]; then
	make -s -C "$top_builddir/bench" farpoints >/dev/null
	set -- "$top_builddir/bench/farpoints" 1000000 50
fi
rounds=${ROUNDS:-3}

per() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.4f", (b - a) / n }'; }
least() { awk -v a="$1" -v b="$2" 'BEGIN { print (a == 0 || b < a ? b : a) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# The points: the counting run's eligible calls, as the sweep numbers them.
"$kfault" sweep -q --mode nth --list -o "$out/count" -- "$@" >"$out/points"
n=$(wc -l <"$out/points")
[ "$n" -gt 0 ] || { echo "sweep-fork: no points in $*" >&2; exit 1; }

bare=0 exec=0 fork=0
for r in $(seq "$rounds"); do
	rm -rf "$out/bare"
	mkdir -p "$out/bare"
	t0=$(now)
	k=1
	while [ $k -le "$n" ]; do
		KFAULT=fail_nth=$k KFAULT_REPORT="$out/bare/$k.json" \
			LD_PRELOAD="$lib" "$@" >/dev/null 2>&1 || true
		k=$((k + 1))
	done
	t1=$(now)
	b=$(per "$n" "$t0" "$t1")

	for how in exec fork; do
		rm -rf "$out/$how"
		t0=$(now)
		"$kfault" sweep -q -j1 --$how --mode nth -o "$out/$how" \
			-- "$@" >"$out/$how.table" 2>&1 || true
		t1=$(now)
		eval "$how=\$(least \$$how \$(per $n $t0 $t1))"
		eval "t_$how=\$(per $n $t0 $t1)"
	done
	echo "round $r ($n points): s/point bare $b, sweep --exec $t_exec, sweep --fork $t_fork"
	bare=$(least "$bare" "$b")
done
grep '^-- runs:' "$out/fork.table" | sed 's/^-- runs: /fork run: /'
echo "sweep -j1 per point ($(basename "$1"), $n points, best of $rounds, $(nproc) CPUs): bare loop ${bare}s, --exec ${exec}s ($(ratio "$exec" "$bare")x), --fork ${fork}s ($(ratio "$fork" "$bare")x)"

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault sweep's throughput, points per second, against the plain shell
# loop a user would write: run PROG once per point with the same spec
# (fail_nth=N and a report file) under the preloaded shim, with a timeout.
# The loop classifies nothing; kfault classifies every run.  Prints
# numbers, asserts nothing.  Usage: sweep-throughput.sh [PROG ARGS...]
set -eu
top_builddir=${top_builddir:-$(cd "$(dirname "$0")/.." && pwd)}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
[ -x "$top_builddir/shim/kfault" ] || top_builddir=$(pwd)/..
kfault=$top_builddir/shim/kfault
lib=${KFAULT_LIB:-$top_builddir/shim/.libs/libkfault.so}
if [ $# -eq 0 ]; then
	make -s -C "$top_builddir/examples/shrinker" shrinker-life >/dev/null
	set -- "$top_builddir/examples/shrinker/shrinker-life"
fi
# the default (one slot per CPU), and more: runs that wait for RCU grace
# periods leave CPUs idle, so more slots than CPUs still pay
jobs_list=${JOBS:-"$(nproc) $(($(nproc) * 4))"}
rounds=${ROUNDS:-3}
out=$(mktemp -d /tmp/kfault-bench.XXXXXX)
trap 'rm -rf "$out"' EXIT

now() { date +%s.%N; }
rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }

best_loop=0
for r in $(seq "$rounds"); do
	line="round $r:"
	for jobs in $jobs_list; do
		rm -rf "$out/kf"
		t0=$(now)
		"$kfault" sweep -q -j"$jobs" --mode nth -o "$out/kf" \
			--json "$out/kf.jsonl" -- "$@" >/dev/null 2>&1 || true
		t1=$(now)
		n=$(wc -l <"$out/kf.jsonl")
		kf=$(rate "$n" "$t0" "$t1")
		rm -f "$out/kf.jsonl"
		line="$line kfault sweep -j$jobs $kf points/s,"
		best=$(eval echo "\${best_$jobs:-0}")
		eval "best_$jobs=$(awk -v a="$best" -v b="$kf" 'BEGIN { print (b > a ? b : a) }')"
	done

	rm -rf "$out/loop"
	mkdir -p "$out/loop"
	t0=$(now)
	i=1
	while [ "$i" -le "$n" ]; do
		KFAULT="fail_nth=$i;report=$out/loop/$i.json" LD_PRELOAD=$lib \
			timeout 60 "$@" >"$out/loop/$i.out" 2>"$out/loop/$i.err" || true
		i=$((i + 1))
	done
	t1=$(now)
	loop=$(rate "$n" "$t0" "$t1")
	echo "$line shell loop $loop points/s ($n points)"
	best_loop=$(awk -v a="$best_loop" -v b="$loop" 'BEGIN { print (b > a ? b : a) }')
done
for jobs in $jobs_list; do
	kf=$(eval echo "\$best_$jobs")
	echo "sweep throughput ($(basename "$1"), best of $rounds, $(nproc) CPUs): kfault -j$jobs $kf points/s, shell loop $best_loop points/s: $(awk -v a="$kf" -v b="$best_loop" 'BEGIN { printf "%.2f", a / b }')x"
done

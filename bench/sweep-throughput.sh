#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault sweep's throughput against the same runs made without it, like
# for like: the same points (fail_nth=1..N of the counting run), the same
# spec and report file per run, the same parallelism; a run of its own per
# point (--exec: sweep-fork.sh measures the fork servers).  The baseline is
# xargs -P J starting PROG through env(1) with the shim preloaded, its
# output thrown away: it captures nothing, times nothing out and
# classifies nothing; kfault does all three for every run, and its time
# includes its own counting run, which xargs is spared.  Both sides run in
# the same script, alternating, and the best of ROUNDS counts.  Prints
# ratios (kfault / xargs), asserts nothing.
# Usage: sweep-throughput.sh [PROG ARGS...]  (JOBS="1 2", ROUNDS=3)
set -eu
. "$(dirname "$0")/lib.sh"
if [ $# -eq 0 ]; then
	make -s -C "$top_builddir/examples/shrinker" shrinker-life >/dev/null
	set -- "$top_builddir/examples/shrinker/shrinker-life"
fi
jobs_list=${JOBS:-"1 $(nproc)"}
rounds=${ROUNDS:-3}

rate() { awk -v n="$1" -v a="$2" -v b="$3" 'BEGIN { printf "%.1f", n / (b - a) }'; }
best() { awk -v a="$1" -v b="$2" 'BEGIN { print (b > a ? b : a) }'; }

# The points: the counting run's eligible calls.
"$kfault" sweep -q --mode nth --list -o "$out/count" -- "$@" >"$out/points"
n=$(wc -l <"$out/points")
[ "$n" -gt 0 ] || { echo "sweep-throughput: no points in $*" >&2; exit 1; }

for jobs in $jobs_list; do
	eval "kf_$jobs=0 xa_$jobs=0"
done
for r in $(seq "$rounds"); do
	line="round $r ($n points):"
	for jobs in $jobs_list; do
		rm -rf "$out/kf"
		t0=$(now)
		"$kfault" sweep -q -j"$jobs" --exec --mode nth -o "$out/kf" \
			-- "$@" >/dev/null 2>&1 || true
		t1=$(now)
		kf=$(rate "$n" "$t0" "$t1")

		rm -rf "$out/xa"
		mkdir -p "$out/xa"
		t0=$(now)
		seq 1 "$n" | xargs -P "$jobs" -I{} env KFAULT=fail_nth={} \
			KFAULT_REPORT="$out/xa/{}.json" LD_PRELOAD="$lib" \
			"$@" >/dev/null 2>&1 || true
		t1=$(now)
		xa=$(rate "$n" "$t0" "$t1")
		line="$line -j$jobs kfault $kf, xargs $xa points/s;"
		eval "kf_$jobs=\$(best \$kf_$jobs $kf) xa_$jobs=\$(best \$xa_$jobs $xa)"
	done
	echo "$line"
done
for jobs in $jobs_list; do
	kf=$(eval echo "\$kf_$jobs")
	xa=$(eval echo "\$xa_$jobs")
	echo "sweep throughput ($(basename "$1"), $n points, best of $rounds, $(nproc) CPUs): -j$jobs kfault $kf points/s, xargs -P$jobs $xa points/s: $(awk -v a="$kf" -v b="$xa" 'BEGIN { printf "%.2f", a / b }')x"
done

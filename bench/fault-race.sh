#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# sweep --race against sweep alone and race alone, on the catalog's bugs
# that need an allocation failure and an interleaving at once (B14, B15;
# doc/reproductions.md), with the same budget for each: for 8 first seeds,
#  - sweep --race, K schedules per point: found?  how many schedules the
#    failing point needed (one slot, so schedules run in seed order);
#  - sweep without delays, the same number of runs (K sweeps);
#  - race without a fault, the same number of runs;
#  - the fixed program under sweep --race: any point not ok?
# Prints numbers, asserts nothing.  Meant for the ASan build.
set -eu
. "$(dirname "$0")/lib.sh"
repro=$top_builddir/tests/repro
make -s -C "$repro" teardown teardown-b14 publish publish-b15 >/dev/null
K=${SCHEDULES:-16}
seeds=${SEEDS:-"1 1001 2001 3001 4001 5001 6001 7001"}

# The points of each bug: the allocations of the function whose error
# path it is (every point of the program is swept by the CI test).
b14="teardown-b14 teardown --stack alloc_shrinker_info --occurrences 2"
b15="publish-b15 publish --stack shrinker_alloc"

# median and range of the numbers on stdin
stats() {
	sort -n | awk '{ v[NR] = $1 } END {
		if (!NR) { print "none"; exit }
		m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
		printf "median %s, range %s-%s", m, v[1], v[NR] }'
}

bench() {
	name=$1 bug=$2 fixed=$3
	shift 3
	found=0 clean=0 plain=0 raced=0 secs=0
	: >"$out/needed"
	for s in $seeds; do
		t0=$(date +%s.%N)
		"$kfault" sweep -q -j1 --race --schedules "$K" --seed "$s" \
			--ok-exit 0,3 -o "$out/r" --json "$out/r.json" "$@" \
			-- "$repro/$bug" >"$out/r.txt" 2>&1 || true
		t1=$(date +%s.%N)
		secs=$(awk -v a="$t0" -v b="$t1" -v s="$secs" \
			'BEGIN { print s + b - a }')
		n=$(sed -n 's/.*"seed":\([0-9]*\),"replay".*/\1/p' \
			"$out/r.json" | sort -n | head -1)
		if [ -n "$n" ]; then
			found=$((found + 1))
			echo $((n - s + 1)) >>"$out/needed"
		fi
		points=$(grep -c '"point":' "$out/r.json" || true)
		"$kfault" sweep -q -j2 --race --schedules "$K" --seed "$s" \
			--ok-exit 0,3 -o "$out/f" "$@" -- "$repro/$fixed" \
			>/dev/null 2>&1 && clean=$((clean + 1))
		# the same budget: K plain sweeps; points x K runs of race
		i=0
		while [ $i -lt "$K" ]; do
			if ! "$kfault" sweep -q -j2 --ok-exit 0,3 -o "$out/p" "$@" \
				-- "$repro/$bug" >/dev/null 2>&1; then
				plain=$((plain + 1))
				break
			fi
			i=$((i + 1))
		done
		"$kfault" race -q -j2 --runs $((points * K)) --seed "$s" \
			--ok-exit 0,3 -o "$out/q" -- "$repro/$bug" >/dev/null \
			2>&1 || raced=$((raced + 1))
	done
	nseeds=$(echo $seeds | wc -w)
	echo "$name sweep --race ($K schedules per point, -j1): found in" \
		"$found of $nseeds first seeds; schedules the failing point" \
		"needed: $(stats <"$out/needed"); $(awk -v s="$secs" \
		-v n="$nseeds" 'BEGIN { printf "%.1f", s / n }') s per sweep"
	echo "$name sweep alone, $K sweeps per seed: found in $plain of" \
		"$nseeds seeds"
	echo "$name race alone, $points x $K runs per seed: found in" \
		"$raced of $nseeds seeds"
	echo "$name fixed, sweep --race: clean in $clean of $nseeds seeds"
}

bench B14 $b14
bench B15 $b15

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep's cost per point in the sanitizer builds against the plain
# build, side by side: the same program (shrinker-life), the same kfault
# options, the same parallelism, each build's own kfault, libkfault and
# kstub.  The builds may count different points (a sanitizer build's
# kstub makes other calls), so the ratio is per point.  The best of
# ROUNDS counts.  Prints numbers, asserts nothing.
# Usage: sweep-sanitizers.sh [BUILD_DIR...]  (default: the plain, asan
# and tsan directories beside this build, as scripts/check-all makes
# them; JOBS, ROUNDS=3)
set -eu
. "$(dirname "$0")/lib.sh"
if [ $# -eq 0 ]; then
	for b in plain asan tsan; do
		[ -x "$top_builddir/../$b/shim/kfault" ] &&
			set -- "$@" "$(cd "$top_builddir/../$b" && pwd)"
	done
fi
[ $# -gt 0 ] || set -- "$top_builddir"
jobs=${JOBS:-$(nproc)}
rounds=${ROUNDS:-3}

base=
for dir in "$@"; do
	make -s -C "$dir/examples/shrinker" shrinker-life >/dev/null
	name=$(basename "$dir")
	best=
	for r in $(seq "$rounds"); do
		rm -rf "$out/r"
		t0=$(now)
		"$dir/shim/kfault" sweep -q -j"$jobs" -o "$out/r" \
			--json "$out/r.jsonl" \
			-- "$dir/examples/shrinker/shrinker-life" \
			>/dev/null 2>&1 || true
		t1=$(now)
		n=$(grep -c '"point":' "$out/r.jsonl" || true)
		ms=$(awk -v a="$t0" -v b="$t1" -v n="$n" \
			'BEGIN { printf "%.2f", n ? (b - a) * 1000 / n : 0 }')
		if [ -z "$best" ] || awk -v a="$ms" -v b="$best" \
			'BEGIN { exit !(a < b) }'; then
			best=$ms
		fi
	done
	[ -z "$base" ] && base=$best
	echo "sweep per point ($name build, shrinker-life, $n points, -j$jobs, best of $rounds): $best ms, $(awk -v a="$best" -v b="$base" 'BEGIN { printf "%.2f", a / b }')x the first build"
done

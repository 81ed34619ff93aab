#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep's cost per point against the number of distinct call sites:
# for each N (SCALE_NS, default "100 1000 10000") a generated kstub
# program with N allocating functions, each called once, swept in stack
# mode (N points, a run of its own each: --exec; sweep-fork.sh measures
# the fork servers) with -j JOBS.  Beside each sweep, a bare xargs -P
# JOBS loop makes the same N runs (fail_nth=1..N, the shim preloaded, a
# report each) and nothing else: the program's own runs grow with N (N
# calls each, a bigger binary), and kfault / bare says what kfault adds.
# Small N sweep again until about 2,000 points are timed, so that a
# sweep's start does not weigh more at N=100 than at 10,000.  Prints the
# time per point, its ratio to the smallest N's, the bare loop's, and
# kfault's own peak RSS (its children excluded), side by side in one
# run.  Asserts nothing.
set -eu
. "$(dirname "$0")/lib.sh"
ns=${SCALE_NS:-"100 1000 10000"}
jobs=${JOBS:-$(nproc)}
cc=${CC:-cc}

gen() {
	n=$1
	{
		echo '#include <linux/compiler.h>'
		echo '#include <linux/slab.h>'
		i=0
		while [ "$i" -lt "$n" ]; do
			echo "static noinline void site_$i(void) { kfree(kmalloc(16, GFP_KERNEL)); barrier(); }"
			i=$((i + 1))
		done
		echo 'int main(void) {'
		i=0
		while [ "$i" -lt "$n" ]; do
			echo "	site_$i();"
			i=$((i + 1))
		done
		echo '	return 0; }'
	} >"$out/sites-$n.c"
	"$cc" -O1 -g -fno-optimize-sibling-calls -o "$out/sites-$n" \
		"$out/sites-$n.c" -I"$top_srcdir/kstub/include" \
		-I"$top_builddir" "$top_builddir/kstub/.libs/libkstub.so" \
		-Wl,-rpath,"$top_builddir/kstub/.libs"
}

# seconds and kfault's peak RSS in KiB: "SECS RSS"
measure() {
	python3 - "$@" <<'PY'
import os, resource, subprocess, sys, time
t = time.monotonic()
p = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL,
                     stderr=subprocess.DEVNULL)
_, status, ru = os.wait4(p.pid, 0)
print("%.3f %d" % (time.monotonic() - t, ru.ru_maxrss))
PY
}


base= bare_base=
for n in $ns; do
	gen "$n"
	reps=$(((2000 + n - 1) / n))
	secs=0 rss=0
	for r in $(seq "$reps"); do
		rm -rf "$out/res-$n"
		set -- $(measure "$kfault" sweep -q -j"$jobs" --exec \
			-o "$out/res-$n" -- "$out/sites-$n")
		secs=$(awk -v a="$secs" -v b="$1" 'BEGIN { print a + b }')
		[ "$2" -le "$rss" ] || rss=$2
	done
	mkdir -p "$out/bare-$n"
	t0=$(now)
	for r in $(seq "$reps"); do
		seq 1 "$n" | xargs -P "$jobs" -I{} env KFAULT=fail_nth={} \
			KFAULT_REPORT="$out/bare-$n/{}.json" LD_PRELOAD="$lib" \
			"$out/sites-$n" >/dev/null 2>&1 || true
	done
	t1=$(now)
	pts=$(awk -v s="$secs" -v n="$n" -v r="$reps" \
		'BEGIN { printf "%.3f", s * 1000 / n / r }')
	bare=$(awk -v a="$t0" -v b="$t1" -v n="$n" -v r="$reps" \
		'BEGIN { printf "%.3f", (b - a) * 1000 / n / r }')
	[ -n "$base" ] || base=$pts bare_base=$bare
	echo "sweep scale: N=$n call sites, $n points x $reps, -j$jobs: $pts ms per point ($(awk -v a="$pts" -v b="$base" 'BEGIN { printf "%.2f", a / b }')x N=$(echo $ns | cut -d' ' -f1)); bare loop $bare ms ($(awk -v a="$bare" -v b="$bare_base" 'BEGIN { printf "%.2f", a / b }')x); kfault / bare $(awk -v a="$pts" -v b="$bare" 'BEGIN { printf "%.2f", a / b }'); kfault peak RSS $rss KiB"
done

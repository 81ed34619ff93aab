#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep's cost per point against the number of distinct call sites:
# for each N (SCALE_NS, default "100 1000 10000") a generated kstub
# program with N allocating functions, each called once, swept in stack
# mode (N points, a run of its own each: --exec; sweep-fork.sh measures
# the fork servers) with -j JOBS.  Prints the time per point, its ratio to
# the smallest N's, and kfault's own peak RSS (its children excluded),
# side by side in one run.  Asserts nothing.
set -eu
top_builddir=${top_builddir:-$(cd "$(dirname "$0")/.." && pwd)}
case $top_builddir in /*) ;; *) top_builddir=$(pwd)/$top_builddir ;; esac
top_srcdir=${top_srcdir:-$(cd "$(dirname "$0")/.." && pwd)}
kfault=$top_builddir/shim/kfault
ns=${SCALE_NS:-"100 1000 10000"}
jobs=${JOBS:-$(nproc)}
cc=${CC:-cc}
out=$(mktemp -d /tmp/kfault-scale.XXXXXX)
trap 'rm -rf "$out"' EXIT

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

base=
for n in $ns; do
	gen "$n"
	set -- $(measure "$kfault" sweep -q -j"$jobs" --exec -o "$out/res-$n" \
		-- "$out/sites-$n")
	secs=$1 rss=$2
	pts=$(awk -v s="$secs" -v n="$n" 'BEGIN { printf "%.3f", s * 1000 / n }')
	[ -n "$base" ] || base=$pts
	echo "sweep scale: N=$n call sites, $n points, -j$jobs: $secs s, $pts ms per point ($(awk -v a="$pts" -v b="$base" 'BEGIN { printf "%.2f", a / b }')x N=$(echo $ns | cut -d' ' -f1)), kfault peak RSS $rss KiB"
done

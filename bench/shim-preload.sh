#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# ns per kmalloc+kfree through kstub alone, with libkfault.so preloaded
# but unarmed, armed but not firing, and tracing; and libfiu's POSIX
# preload around malloc+free, to compare the added cost per call.
# Each figure is the best of REPS interleaved runs (each itself the best
# of ten rounds of N pairs), so that a busy machine disturbs it least.
# Run from the build tree's bench/ (make bench) or with BUILD=dir.
# Prints numbers; asserts nothing.
set -eu
build=${BUILD:-$(cd .. && pwd)}
prog=$build/bench/shim-overhead
lib=$build/shim/.libs/libkfault.so
n=${N:-300000}
reps=${REPS:-5}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kfault-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

[ -x "$prog" ] || { echo "shim-preload: build $prog first (make -C bench shim-overhead)"; exit 1; }
[ -f "$lib" ] || { echo "shim-preload: $lib not built"; exit 1; }
fiu=$(command -v fiu-run || true)

# name|what|how to run it (an env prefix and the mode)
configs="kstub|kstub alone|env -u KFAULT|kmalloc
nospec|preloaded, no KFAULT|env -u KFAULT LD_PRELOAD=$lib|kmalloc
unarmed|preloaded, a rule for idr only (slab unarmed)|env KFAULT=class=idr,fail_nth=1 LD_PRELOAD=$lib|kmalloc
armed|armed, not firing (class=slab,probability=0)|env KFAULT=class=slab,probability=0 LD_PRELOAD=$lib|kmalloc
counting|armed, counting (class=slab,fail_nth=10^12)|env KFAULT=class=slab,fail_nth=1000000000000 LD_PRELOAD=$lib|kmalloc
tracing|tracing every event|env KFAULT=trace=$tmp/t.json,trace_buffer=16777216 LD_PRELOAD=$lib|kmalloc
glibc|malloc+free, glibc alone|env|malloc"
if [ -n "$fiu" ]; then
	configs="$configs
fiu|malloc+free, libfiu POSIX preload, nothing enabled|$fiu -x -f ''|malloc
fiuon|malloc+free, libfiu, libc/mm/malloc enabled p=0|$fiu -x -f '' -c 'enable_random name=libc/mm/malloc,probability=0'|malloc"
fi

best() { # best NAME: the lowest figure seen for NAME
	sort -n "$tmp/$1" | head -1
}

r=0
while [ $r -lt "$reps" ]; do
	printf '%s\n' "$configs" | while IFS='|' read -r name what how mode; do
		m=$n
		# tracing keeps every event: fewer pairs, so the trace stays small
		[ "$name" = tracing ] && m=$((n / 10))
		eval "$how \"\$prog\" $mode $m" >>"$tmp/$name"
	done
	r=$((r + 1))
done

base=$(best kstub)
echo "kfault preload benchmark: best of $reps runs x 10 rounds of $n pairs"
printf '%s\n' "$configs" | while IFS='|' read -r name what how mode; do
	ns=$(best "$name")
	case $mode in
	kmalloc) printf '%-52s %7s ns  %5s x kstub\n' "$what" "$ns" \
		"$(echo "$ns $base" | awk '{ printf "%.2f", $1 / $2 }')" ;;
	*) printf '%-52s %7s ns\n' "$what" "$ns" ;;
	esac
done
echo "added cost per call pair:"
for v in nospec unarmed armed counting tracing; do
	printf '  kfault %-10s %7s ns\n' "$v" \
		"$(echo "$(best $v) $base" | awk '{ printf "%.1f", $1 - $2 }')"
done
if [ -n "$fiu" ]; then
	g=$(best glibc)
	for v in fiu fiuon; do
		printf '  libfiu %-10s %7s ns\n' "$v" \
			"$(echo "$(best $v) $g" | awk '{ printf "%.1f", $1 - $2 }')"
	done
fi

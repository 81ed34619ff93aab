#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# make check-upstream: kernel files from the tree configure --with-linux
# names, compiled unmodified against kstub with scripts/kstub-cc, linked
# with a harness of ours, run once clean and swept with kfault sweep.
#
# Each file is copied out of the tree (and compared with it) so that its
# "internal.h"-style includes find our stand-ins in include-private/ and
# not the tree's own private headers; the file's public API header
# (<linux/shrinker.h>, ...) comes from the tree.  Skips (status 77) when
# no tree was given.  Exits 1 when a file that should compile does not,
# or a clean run fails; the sweeps' outcomes are reported, not judged.
#
# The environment the Makefile passes: LINUX, top_srcdir, top_builddir,
# CC, SAN_CFLAGS, SAN_LDFLAGS, LIBTOOL; SWEEP_JOBS, SWEEP_TIMEOUT and
# UPSTREAM (a list of programs to do, default all) may be set by hand.
set -u
LC_ALL=C
export LC_ALL

if [ -z "${LINUX:-}" ]; then
	echo "check-upstream: SKIP: no kernel tree (configure --with-linux=DIR)"
	exit 77
fi
for need in mm/shrinker.c include/linux; do
	if [ ! -r "$LINUX/$need" ]; then
		echo "check-upstream: $LINUX is not a kernel tree (no $need)" >&2
		exit 2
	fi
done

here=$top_srcdir/tests/upstream
out=$PWD/upstream-out
jobs=${SWEEP_JOBS:-2}
timeout=${SWEEP_TIMEOUT:-60}
kstub_cc="$top_srcdir/scripts/kstub-cc --tree $top_srcdir"
kfault=$top_builddir/shim/kfault
KFAULT_LIB=$top_builddir/shim/.libs/libkfault.so
export KFAULT_LIB
# the sanitizers' exit-time sleep would dominate short runs
TSAN_OPTIONS="atexit_sleep_ms=0 suppressions=$top_srcdir/kstub/kstub-tsan.supp ${TSAN_OPTIONS:-}"
export TSAN_OPTIONS

# One program a line: name, the tree's files (a leading + marks the test
# module, built with -DMODULE), the tree's API headers it needs beside it,
# CONFIG_ options, our harness files.  "-" for none.
programs() {
	cat <<'EOF'
llist       lib/llist.c                           -                                         -                 harness-llist.c
lru_cache   lib/lru_cache.c                       linux/lru_cache.h                         -                 harness-lru_cache.c
rhashtable  lib/rhashtable.c,+lib/test_rhashtable.c linux/rhashtable.h,linux/rhashtable-types.h -             harness-module.c
xarray      lib/xarray.c,+lib/test_xarray.c       linux/xarray.h                            -                 harness-module.c,harness-xarray.c
shrinker    mm/shrinker.c                         linux/shrinker.h,trace/events/vmscan.h    CONFIG_MEMCG      harness-shrinker.c
list_lru    mm/list_lru.c                         linux/list_lru.h,linux/shrinker.h         -                 harness-list_lru.c
list_lru-memcg mm/list_lru.c,mm/shrinker.c        linux/list_lru.h,linux/shrinker.h,trace/events/vmscan.h CONFIG_MEMCG harness-list_lru.c
EOF
}

rm -rf "$out"
mkdir -p "$out"
table=$out/table
: >"$table"

# the loop below runs in a subshell: failures leave a file
fail() { : >"$out/failed"; }

row() { printf '%-15s %-24s %-10s %-8s %s\n' "$@" >>"$table"; }
row PROGRAM FILE COMPILES RUN SWEEP

# cflags NAME FILE DEFS: what the tree's files and our harnesses both
# compile with: the tree's API headers, our private stand-ins beside FILE's
# directory, the CONFIG_ options
cflags() {
	printf '%s' "-I $out/$1/api -I $here/include-private/$(dirname "$2") -I $here/include-private"
	for d in $3; do
		printf ' %s' "-D $d=1"
	done
}

# compile NAME FILE DEFS OBJ [MODULE]: 0 compiled, 1 not
compile() {
	name=$1 file=$2 defs=$3 obj=$4 module=${5:-}
	src=$out/$name/src/$file
	mkdir -p "$(dirname "$src")"
	cp "$LINUX/$file" "$src"
	cmp -s "$LINUX/$file" "$src" || return 1
	flags=$(cflags "$name" "$file" "$defs")
	[ -z "$module" ] ||
		flags="$flags -D MODULE -D KBUILD_MODNAME=\"$module\""
	# shellcheck disable=SC2086
	CC=$CC $kstub_cc $flags -o "$obj" "$src" -- $SAN_CFLAGS -g \
		>"$out/$name/$(basename "$file" .c).cc.log" 2>&1
}

programs | while read -r name files apis defs harnesses; do
	case " ${UPSTREAM:-$name} " in *" $name "*) ;; *) continue ;; esac
	mkdir -p "$out/$name/api"
	[ "$apis" = - ] || for h in $(echo "$apis" | tr , ' '); do
		# the tree's own header, or our stand-in for a tree without it
		[ -r "$LINUX/include/$h" ] || continue
		mkdir -p "$out/$name/api/$(dirname "$h")"
		cp "$LINUX/include/$h" "$out/$name/api/$h"
	done
	[ "$defs" = - ] && defs=
	objs= compiled=yes first= args=
	for f in $(echo "$files" | tr , ' '); do
		module=
		case $f in +*) f=${f#+}; module=$(basename "$f" .c); args=$module ;; esac
		[ -n "$first" ] || first=$f
		obj=$out/$name/$(basename "$f" .c).o
		if compile "$name" "$f" "$defs" "$obj" "$module"; then
			row "$name" "$f" yes - -
		else
			row "$name" "$f" no - "see $name/$(basename "$f" .c).cc.log"
			compiled=no
		fi
		objs="$objs $obj"
	done
	if [ "$compiled" = no ]; then
		fail
		continue
	fi
	[ "$harnesses" = - ] && continue
	for h in $(echo "$harnesses" | tr , ' '); do
		obj=$out/$name/${h%.c}.o
		# shellcheck disable=SC2046,SC2086
		if ! compile_harness=$(CC=$CC $kstub_cc \
			$(cflags "$name" "$first" "$defs") -I "$here" \
			-o "$obj" "$here/$h" -- $SAN_CFLAGS -g 2>&1); then
			echo "$compile_harness"
			row "$name" "$h" no - -
			fail
			continue 2
		fi
		objs="$objs $obj"
	done
	prog=$out/$name/$name
	# shellcheck disable=SC2086
	if ! $LIBTOOL --quiet --mode=link $CC $SAN_LDFLAGS -pthread \
		-no-install -o "$prog" $objs "$top_builddir/kstub/libkstub.la" \
		>"$out/$name/link.log" 2>&1; then
		row "$name" "(link)" no - "see $name/link.log"
		fail
		continue
	fi

	# one clean run: exit 0 and no report of kstub's or a sanitizer's
	# shellcheck disable=SC2086
	timeout "$timeout" "$prog" $args >"$out/$name/clean.out" \
		2>"$out/$name/clean.err"
	rc=$?
	if [ $rc -eq 0 ] && ! grep -qE '^(WARNING|BUG|kstub: leak|==[0-9]+==|WARNING: ThreadSanitizer|.*runtime error:)' \
		"$out/$name/clean.err"; then
		run=clean
	else
		run="rc=$rc"
		fail
	fi

	# shellcheck disable=SC2086
	"$kfault" sweep -q -j"$jobs" --timeout "$timeout" --ok-exit 0,3 \
		-o "$out/$name/sweep" --json "$out/$name/sweep.jsonl" \
		-- "$prog" $args >"$out/$name/sweep.txt" 2>&1
	sweep=$(tail -n 1 "$out/$name/sweep.txt")
	row "$name" "(run, sweep)" - "$run" "$sweep"
done
failed=0
[ ! -e "$out/failed" ] || failed=1

echo "check-upstream: kernel tree $LINUX"
cat "$table"
echo "check-upstream: details under $out"
exit "$failed"

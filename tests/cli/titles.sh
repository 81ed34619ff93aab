#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every run that is not ok gets a one-line title in the kernel's words
# (syzkaller's): from kstub's report, the shim's report, and the
# sanitizers' reports, real ones in the ASan and TSan builds and canned
# ones (fake-sanitizer.sh) everywhere; the function named is the first
# outside kstub, libc and the sanitizer runtime.  A sweep groups its
# failures by title.
. "$srcdir/lib.sh"
plan 17

# title FILE POINT: the "title" of a point of a --json FILE
title() {
	sed -n "s/^{\"point\":$2,.*\"title\":\"\\([^\"]*\\)\".*/\\1/p" "$1"
}

# sweep NAME ARGS...: a quiet sweep of ./planted ARGS into $scratch/NAME.*
sweep() {
	name=$1
	shift
	"$kfault" sweep -q -o "$scratch/$name" --json "$scratch/$name.jsonl" \
		--timeout 3 "$@" >"$scratch/$name.table" 2>&1
}

sweep leak -- ./planted leak
ok "leak: the leaked object's allocating function" \
	is "$(title "$scratch/leak.jsonl" 4)" \
	"BUG: memory leak in widget_alloc_table"
ok "leak: the table carries the title under the point" \
	grep -q "^ *BUG: memory leak in widget_alloc_table$" \
	"$scratch/leak.table"
ok "ok points have no title" is "$(title "$scratch/leak.jsonl" 1)" ""

# Two widgets, two leaking calls: two points, one bug.
sweep nth --mode nth -- ./planted leak
ok "nth: 2 points, 1 distinct bug, in the table's summary" \
	grep -q "^10 points (nth mode): 8 ok 2 leak; 2 not ok → 1 distinct bug$" \
	"$scratch/nth.table"
ok "nth: the bug's line names both points" \
	grep -q "^  BUG: memory leak in widget_alloc_table (points [0-9]*, [0-9]*)$" \
	"$scratch/nth.table"

sweep warn -- ./planted warn
ok "warn: WARNING in the function that WARNed" \
	is "$(title "$scratch/warn.jsonl" 3)" "WARNING in widget_alloc_table"

sweep hang -- ./planted hang
ok "hang: no frame of the wait is known, so the fault's place" \
	is "$(title "$scratch/hang.jsonl" 2)" \
	"INFO: task hung after injected slab fault in widget_alloc_name"

sweep exit -- ./planted exit
ok "exit: the status and the fault's place" \
	is "$(title "$scratch/exit.jsonl" 5)" \
	"exit status 3 after injected slab fault in widget_alloc_buf"

sweep crash -- ./planted crash
# The sanitizers report the NULL store itself (the ASan build's UBSan set
# is the kernel's, without nonnull-attribute); the plain build only has
# the signal, and the place the fault was injected.
case $KSTUB_SANITIZER in
asan | tsan)
	want="BUG: kernel NULL pointer dereference in widget_alloc_buf" ;;
*)
	want="BUG: unable to handle page fault after injected slab fault in widget_alloc_buf" ;;
esac
ok "crash: $want" is "$(title "$scratch/crash.jsonl" 5)" "$want"

if [ "$KSTUB_SANITIZER" = asan ]; then
	sweep uaf -- ./planted uaf
	ok "uaf: ASan's report as KASAN's title, the reading function" \
		is "$(title "$scratch/uaf.jsonl" 5)" \
		"KASAN: use-after-free Read in widget_create"
else
	skip "a real use-after-free report needs the ASan build"
fi
if [ "$KSTUB_SANITIZER" = tsan ]; then
	"$kfault" race -j2 --runs 100 --seed 1 -o "$scratch/race" \
		-- ./race-uaf bug >/dev/null 2>"$scratch/race.err"
	sed 's/^/# /' "$scratch/race.err"
	ok "race: TSan's report titled (KCSAN or KASAN words)" \
		grep -Eq "^kfault race: (KCSAN: data-race in [a-z_]+ / [a-z_]+|KASAN: use-after-free (Read|Write) in [a-z_]+)$" \
		"$scratch/race.err"
else
	skip "a real ThreadSanitizer report needs the TSan build"
fi

# canned REPORT [WARNS BUGS]: the title kfault race prints for
# fake-sanitizer.sh REPORT
canned() {
	"$kfault" race --runs 1 --no-delay -o "$scratch/canned-$1" \
		-- sh "$srcdir/fake-sanitizer.sh" "$@" >/dev/null \
		2>"$scratch/canned-$1.err"
	# the line after the failed run's (a sanitizer warning may come first)
	sed -n '/ failed: /{n;s/^kfault race: //p;}' "$scratch/canned-$1.err"
}
ok "TSan data race: both functions, in name order, clone suffix dropped" \
	is "$(canned tsan-race)" "KCSAN: data-race in do_shrink_slab / shrinker_free"
ok "ASan double free: the caller of kfree" \
	is "$(canned asan-double-free)" "KASAN: double-free in shrinker_free"
ok "LeakSanitizer: the first frame outside kstub's inline kzalloc" \
	is "$(canned lsan)" "BUG: memory leak in alloc_shrinker_info"
ok "kstub BUG_ON: kernel BUG in the function" \
	is "$(canned kstub-bug 1 1)" "kernel BUG in shrinker_free"
ok "kstub's hung-task report: INFO: task hung in its caller" \
	is "$(canned kstub-hung 1 0)" "INFO: task hung in shrinker_free"

# Negative control: a clean sweep says nothing of bugs.
sweep none -- ./planted none
ok "negative control: no bugs line when every point is ok" \
	test -s "$scratch/none.table" -a \
	"$(grep -c "distinct bug" "$scratch/none.table")" = 0
done_testing

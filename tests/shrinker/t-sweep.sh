#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# shrinker_alloc() and alloc_shrinker_info() unwind every allocation
# failure: kfault sweep fails each of their fault points in a short
# single-threaded shrinker-stress run, and every run must end clean (no
# leak, no WARN, no crash; exit 3 is a boot-time setup that could not
# allocate, a handled error).  Negative control: the B7 variant, whose
# alloc_shrinker_info() leaks the info when a unit allocation fails, must
# be caught.  The subject does a fixed amount of work (--iterations, one
# thread): the counting run and every point make the same calls however
# busy the machine is (with --seconds, a point that did less work than
# the counting run in the same time was "nondeterministic").
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/shrinker/lib.sh"
bin="$top_builddir/examples/shrinker"

[ -x "$KFAULT_BIN" ] && [ -f "$KFAULT_LIB" ] ||
	plan_skip_all "kfault is not built"
[ "$KSTUB_SANITIZER" = none ] ||
	plan_skip_all "the sweep runs on the plain build"

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# sweep_raw STACK PROG: kfault sweep of PROG's fault points under STACK
sweep_raw() {
	stack=$1
	shift
	"$KFAULT_BIN" sweep -q -j2 --timeout 120 --ok-exit 0,3 \
		-o "$tmp/$stack.$$" --stack "$stack" -- \
		"$@" --threads 1 --iterations 1000
}
# sweep STACK PROG: the same, its output as TAP comments if it fails
sweep() {
	sweep_raw "$@" >"$tmp/out" 2>&1 || { sed 's/^/# /' "$tmp/out"; return 1; }
}

plan 3
ok "every shrinker_alloc fault point unwinds" \
	sweep shrinker_alloc "$bin/shrinker-stress"
ok "every alloc_shrinker_info fault point unwinds" \
	sweep alloc_shrinker_info "$bin/shrinker-stress"
ok "the B7 leak in alloc_shrinker_info is caught" \
	fails_with "1 leak" sweep_raw alloc_shrinker_info "$bin/shrinker-stress-b7"
done_testing

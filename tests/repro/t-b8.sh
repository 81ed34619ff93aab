#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B8: expand_one_shrinker_info() does not zero the new pointer array, and
# the unwind of a failed unit allocation walks its garbage.  Needs memory
# that is not handed out zeroed: ASan fills new blocks, glibc does with
# MALLOC_PERTURB_.  TSan's allocator ignores MALLOC_PERTURB_: the garbage
# is whatever a reused block held, so the TSan build checks only the fixed
# program.
. "$top_srcdir/tests/repro/lib.sh"
MALLOC_PERTURB_=165
export MALLOC_PERTURB_
plan 2
if [ "$KSTUB_SANITIZER" = tsan ]; then
	skip "TSan's allocator ignores MALLOC_PERTURB_: garbage only by chance"
else
	ok "memcg-info-b8: the sweep catches the wild free" \
		sweep_says " [0-9]* ok [0-9]* \(warn\|crash\|sanitizer\)" \
		shrinker_alloc memcg-info-b8
fi
ok "memcg-info: the same sweep is clean" \
	sweep_says "points (stack mode): [0-9]* ok$" shrinker_alloc memcg-info
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B7: alloc_shrinker_info() leaks the new info when a unit allocation
# fails; kfault sweep of the allocations under alloc_shrinker_info finds
# the leak at that point, and nowhere in the fixed code.
. "$top_srcdir/tests/repro/lib.sh"
plan 2
ok "memcg-info-b7: the sweep finds the leak" \
	sweep_says " 1 leak" alloc_shrinker_info memcg-info-b7
ok "memcg-info: the same sweep is clean" \
	sweep_says "points (stack mode): [0-9]* ok$" alloc_shrinker_info memcg-info
done_testing

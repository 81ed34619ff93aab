#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B14: alloc_shrinker_info()'s error path drops the shrinker lock before
# it frees the node-0 info it published; an expansion copies that info
# and frees it after a grace period while the error path frees it too.
# It needs the node-1 allocation to fail (the second call of the stack
# in the onlining thread: --occurrences 2) and the expansion to land on
# the error path.  ASan sees the use-after-free or double free; the plain
# build sees kstub's double-free BUG.
. "$top_srcdir/tests/repro/lib.sh"
fault_race_entry B14 teardown-b14 teardown "plain asan" \
	--stack alloc_shrinker_info --occurrences 2

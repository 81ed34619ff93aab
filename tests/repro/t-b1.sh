#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B1: shrinker_free() kfree()s the shrinker right after unlinking it, as
# v2's shrinker_unregister() did; a lockless walker still stepping off it
# reads freed memory.  Delays after refcount puts hold the walker there.
# Under the controlled scheduler every build sees it (in the plain one
# the walker follows the poisoned list into a crash), and a found seed
# replays exactly.
. "$top_srcdir/tests/repro/lib.sh"
plan 6
race_entry b1 "asan tsan" class=refcount_put,delay=sleep:100us-2ms,probability=30 2 102 201
sched_entry b1 "plain asan tsan" 3 40
done_testing

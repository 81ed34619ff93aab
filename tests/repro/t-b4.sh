#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B4: shrink_slab() drops its reference before re-entering the RCU read
# side; the shrinker can be unlinked and freed after a whole grace period
# before the walker reads its ->list.next.  Delays at rcu_read_lock widen
# exactly that gap.  The delay check below runs in ASan only, where its
# seeds were found (when it was written TSan found it in none of 36 runs;
# bench/sched-detect.sh has since seen TSan report it with the same delay
# spec, 8 of 8 seeds, on a loaded machine).  The controlled scheduler
# finds it in every build (the plain one crashes on the freed shrinker),
# and a found seed replays exactly.
. "$top_srcdir/tests/repro/lib.sh"
plan 6
race_entry b4 asan class=rcu_read_lock,delay=sleep:100us-2ms,probability=30 27 109 220
sched_entry b4 "plain asan tsan" 3 40
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B2: shrinker_free() does not wait for running scans, so the owner frees
# the object a scan is using.  Delays at mutex_lock hold the scan inside
# the owner's callbacks.  The plain build sees it too: the scan WARNs on
# the owner's poison, or crashes.  Under the controlled scheduler every
# build sees it, and a found seed replays exactly.
. "$top_srcdir/tests/repro/lib.sh"
plan 6
race_entry b2 "none asan tsan" class=mutex_lock,delay=sleep:100us-2ms,probability=30 2 102 201
sched_entry b2 "plain asan tsan" 3 40
done_testing

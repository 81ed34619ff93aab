#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B1: shrinker_free() kfree()s the shrinker right after unlinking it, as
# v2's shrinker_unregister() did; a lockless walker still stepping off it
# reads freed memory.  Delays after refcount puts hold the walker there.
. "$top_srcdir/tests/repro/lib.sh"
race_entry b1 "asan tsan" class=refcount_put,delay=sleep:100us-2ms,probability=30 2 102 201

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B15: shrinker_alloc() lists the shrinker before it allocates
# nr_deferred; when that fails, the error path unlinks it and kfree()s
# it with no grace period, under a walker of shrinker_list.  It needs
# the failure and the walker held on the shrinker meanwhile.  ASan sees
# the use-after-free.
. "$top_srcdir/tests/repro/lib.sh"
fault_race_entry B15 publish-b15 publish asan --stack shrinker_alloc

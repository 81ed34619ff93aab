#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B11: memcg reclaim with kmem off skips a slab shrinker but keeps the
# reference it took; shrinker_free() then waits forever.
. "$top_srcdir/tests/repro/lib.sh"
plan 2
ok "nokmem-b11: kfault run sees a hang" run_is 3 nokmem-b11 hang
ok "nokmem: kfault run says ok" run_is 30 nokmem ok
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A shrinker that shrinker_alloc() did not allocate is refused with a WARN.
. "$top_srcdir/tests/repro/lib.sh"
plan 2
ok "not-allocated-warn: kfault run sees the WARN" \
	run_is 30 not-allocated-warn warn
ok "not-allocated: kfault run says ok" run_is 30 not-allocated ok
done_testing

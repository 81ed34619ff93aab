#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B6: a caller frees its shrinker twice.  Under ASan the second
# shrinker_free() is a heap-use-after-free; elsewhere the freed struct
# still looks registered, and the second free waits forever (a hang).
. "$top_srcdir/tests/repro/lib.sh"
plan 2
if [ "$KSTUB_SANITIZER" = asan ]; then
	ok "double-free-b6: kfault run reports the sanitizer's finding" \
		run_is 10 double-free-b6 sanitizer
else
	ok "double-free-b6: kfault run does not pass it" \
		eval '! run_is 3 double-free-b6 ok >/dev/null'
fi
ok "double-free: kfault run says ok" run_is 10 double-free ok
done_testing

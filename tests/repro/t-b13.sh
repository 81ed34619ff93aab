#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B13: a debugfs scan write on a shrinker without scan_objects calls a
# NULL pointer.
. "$top_srcdir/tests/repro/lib.sh"
plan 2
# Under a sanitizer the SIGSEGV becomes its report and an exit status; the
# shim saw the signal, so kfault run still calls it a crash.
ok "debugfs-scan-b13: kfault run sees the crash" \
	run_is 30 debugfs-scan-b13 crash
ok "debugfs-scan: kfault run says ok" run_is 30 debugfs-scan ok
done_testing

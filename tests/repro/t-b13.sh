#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# B13: a debugfs scan write on a shrinker without scan_objects calls a
# NULL pointer.
. "$top_srcdir/tests/repro/lib.sh"
plan 2
if [ "$KSTUB_SANITIZER" != none ]; then
	# A sanitizer turns the SIGSEGV into its report and exit status, which
	# kfault run calls "exit"; the report says what it was.
	ok "debugfs-scan-b13: kfault run sees the sanitizer's SEGV report" \
		eval 'run_is 30 debugfs-scan-b13 exit &&
		grep -q "SEGV on unknown address" "$scratch/debugfs-scan-b13.run"'
else
	ok "debugfs-scan-b13: kfault run sees the crash" \
		run_is 30 debugfs-scan-b13 crash
fi
ok "debugfs-scan: kfault run says ok" run_is 30 debugfs-scan ok
done_testing

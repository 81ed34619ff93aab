#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Negative controls of the contract tests: a test built against a seeded
# bug must fail.  B2: shrinker_free() does not wait for a running scan.
# B11: memcg reclaim with kmem off skips a shrinker but keeps its reference.
# B13: a debugfs "scan" write calls a shrinker's NULL scan_objects: the test
# dies right there, between assertions 7 and 8.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/shrinker/lib.sh"
dir="$top_builddir/tests/shrinker"

plan 3
# Under ASan the scan's use of the freed shrinker may be reported, and end
# the test, before its own assertion prints: the same bug, caught first.
ok "t-free-wait fails against B2 (shrinker_free without the wait)" \
	fails_with "not ok 1 - shrinker_free has not returned while a scan runs|AddressSanitizer: heap-use-after-free" \
	"$dir/t-free-wait-b2"
ok "t-nokmem fails against B11 (the skip keeps its reference)" \
	fails_with "not ok 4 - skipping it left no reference behind" \
	"$dir/t-nokmem-b11"
ok "t-debugfs fails against B13 (scan of a NULL scan_objects)" \
	stops_between "^ok 7 - " "^ok 8 - " "$dir/t-debugfs-b13"
done_testing

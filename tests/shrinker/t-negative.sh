#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Negative controls of the contract tests: a test built against a seeded
# bug must fail.  B2: shrinker_free() does not wait for a running scan.
. "$top_srcdir/tests/lib/tap.sh"
dir="$top_builddir/tests/shrinker"

# fails_with PATTERN CMD...: CMD exits non-zero and says PATTERN
fails_with() {
	pattern=$1
	shift
	out=$("$@" 2>&1) && return 1
	echo "$out" | grep -q -- "$pattern"
}

plan 1
ok "t-free-wait fails against B2 (shrinker_free without the wait)" \
	fails_with "not ok 1 - shrinker_free has not returned while a scan runs" \
	"$dir/t-free-wait-b2"
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Negative controls of the contract tests: a test built against a seeded
# bug must fail.  B2: shrinker_free() does not wait for a running scan.
. "$top_srcdir/tests/lib/tap.sh"
dir="$top_builddir/tests/shrinker"

fails() { ! "$@" >/dev/null 2>&1; }

plan 1
ok "t-free-wait fails against B2 (shrinker_free without the wait)" \
	fails "$dir/t-free-wait-b2"
done_testing

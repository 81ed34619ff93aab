#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Short shrinker-stress runs of the fixed and the v2 variants, and the
# negative controls: a planted leak and a planted WARN must fail the run
# (a fixed number of operations: they must fail for the planted reason
# alone, whatever the machine's speed).  The stress runs themselves run for
# a time, as a stress test does; nothing asserts how much they did.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/shrinker/lib.sh"
bin="$top_builddir/examples/shrinker"

# Sanitizers cost 5-15x: fewer threads, same second.
threads=4
[ "$KSTUB_SANITIZER" = none ] || threads=2


plan 4
ok "shrinker-stress --threads $threads --seconds 1" \
	"$bin/shrinker-stress" --threads $threads --seconds 1 --seed 1
ok "shrinker-stress-v2 --threads $threads --seconds 1" \
	"$bin/shrinker-stress-v2" --threads $threads --seconds 1 --seed 2
ok "a planted leak fails the run" \
	fails_with "FAIL: 1 objects leaked" \
	"$bin/shrinker-stress" --threads 1 --iterations 1000 --plant leak
ok "a planted WARN fails the run" \
	fails_with "FAIL: 1 warn reports" \
	"$bin/shrinker-stress" --threads 1 --iterations 1000 --plant warn
done_testing

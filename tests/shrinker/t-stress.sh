#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Short shrinker-stress runs of the fixed and the v2 variants, and the
# negative controls: a planted leak and a planted WARN must fail the run.
# Every run does a fixed number of operations, so that what it does, and
# so its verdict, does not depend on the machine's speed.
. "$top_srcdir/tests/lib/tap.sh"
. "$top_srcdir/tests/shrinker/lib.sh"
bin="$top_builddir/examples/shrinker"

# Sanitizers cost 5-15x (TSan's 2,000 take about a second): fewer.
threads=4 iterations=20000
[ "$KSTUB_SANITIZER" = none ] || threads=2 iterations=2000


plan 4
ok "shrinker-stress --threads $threads --iterations $iterations" \
	"$bin/shrinker-stress" --threads $threads --iterations $iterations \
	--seed 1
ok "shrinker-stress-v2 --threads $threads --iterations $iterations" \
	"$bin/shrinker-stress-v2" --threads $threads \
	--iterations $iterations --seed 2
ok "a planted leak fails the run" \
	fails_with "FAIL: 1 objects leaked" \
	"$bin/shrinker-stress" --threads 1 --iterations 1000 --plant leak
ok "a planted WARN fails the run" \
	fails_with "FAIL: 1 warn reports" \
	"$bin/shrinker-stress" --threads 1 --iterations 1000 --plant warn
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault race's time to detect the planted lockless-walk use-after-free
# (tests/cli/race-uaf bug): runs until the first failure with the default
# delay schedule, over several starting seeds, against the same loop
# without delays (--no-delay) with a budget of many more runs.  One slot,
# so a run count is exact.  Prints numbers, asserts nothing.
set -eu
. "$(dirname "$0")/lib.sh"
make -s -C "$top_builddir/tests/cli" race-uaf >/dev/null
prog="$top_builddir/tests/cli/race-uaf bug"
trials=${TRIALS:-5}
budget=${BUDGET:-1000}

# runs_to_detect SEED [options]: runs until the first failure, or "none"
runs_to_detect() {
	seed=$1
	shift
	t0=$(date +%s.%N)
	"$kfault" race -j1 --seed "$seed" --runs "$budget" -o "$out/r" "$@" \
		-- $prog >/dev/null 2>"$out/err" || true
	t1=$(date +%s.%N)
	n=$(sed -n 's/.*found after \([0-9]*\) runs.*/\1/p' "$out/err")
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
	echo "${n:-none} $secs"
}

total=0
found=0
for t in $(seq "$trials"); do
	set -- $(runs_to_detect $((t * 1000)))
	echo "with delays, seed $((t * 1000)): $1 runs, $2 s"
	if [ "$1" != none ]; then
		total=$((total + $1))
		found=$((found + 1))
	fi
done
set -- $(runs_to_detect 1 --no-delay)
echo "without delays: ${1} runs (budget $budget), $2 s"
mean=$(awk -v t="$total" -v f="$found" 'BEGIN { printf "%.1f", f ? t / f : 0 }')
if [ "$1" = none ]; then
	echo "race time-to-detect: with delays $mean runs on average ($found of $trials trials found it); without delays not found in $budget runs (> $(awk -v m="$mean" -v b="$budget" 'BEGIN { printf "%.0f", m ? b / m : 0 }')x fewer runs with delays)"
else
	echo "race time-to-detect: with delays $mean runs on average ($found of $trials); without delays $1 runs ($(awk -v m="$mean" -v b="$1" 'BEGIN { printf "%.1f", m ? b / m : 0 }')x)"
fi

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Run every libFuzzer harness for FUZZ_RUNS inputs (default 20000) from a
# fixed seed, starting from the corpus and dictionary in the tree: a
# fixed amount of work, whatever the machine's speed.  Any crash, leak,
# sanitizer report or broken invariant fails the test and leaves the
# input that caused it in the build directory (crash-*, leak-*).
. "$srcdir/../lib/tap.sh"
runs=${FUZZ_RUNS:-20000}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kfault-fuzz.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# harness corpus-name dictionary max-input-length
fuzzers='fuzz-spec spec spec.dict 4200
fuzz-report report report.dict 8192
fuzz-results results results.dict 4096'

plan "$(printf '%s\n' "$fuzzers" | wc -l)"
printf '%s\n' "$fuzzers" | while read -r prog corpus dict max_len; do
	mkdir -p "$tmp/$corpus"
	if ./"$prog" -runs="$runs" -seed=1 -timeout=10 -rss_limit_mb=2048 \
		-max_len="$max_len" -dict="$srcdir/$dict" -print_final_stats=1 \
		"$tmp/$corpus" "$srcdir/corpus/$corpus" >"$tmp/$prog.log" 2>&1
	then
		echo "ok - $prog: $runs inputs, no crash, leak or broken invariant"
		# how far it got: coverage, corpus, speed
		grep -E '(DONE|stat::(number_of_executed_units|average_exec_per_sec|new_units_added|peak_rss_mb))' \
			"$tmp/$prog.log" | sed 's/^/# /'
	else
		echo "not ok - $prog: see below"
		tail -40 "$tmp/$prog.log" | sed 's/^/# /'
	fi
done

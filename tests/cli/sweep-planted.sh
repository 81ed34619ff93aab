#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep over a program with one planted error-path bug reports exactly
# the points at the planted call site with the planted outcome, and every
# other point ok.  The "none" program is the control: all ok, exit 0.
. "$srcdir/lib.sh"
plan 26

prog=./planted

# sweep_planted MODE OUTCOME SITE [kfault options]
sweep_planted() {
	mode=$1 outcome=$2 site=$3
	shift 3
	json="$scratch/$mode.jsonl"
	"$kfault" sweep -q -o "$scratch/$mode" --json "$json" "$@" \
		-- $prog "$mode" >"$scratch/$mode.table" 2>"$scratch/$mode.err"
	rc=$?
	all=$(points "$json" | wc -l)
	at_site=$(count_site "$json" "$site")
	planted=$(count "$json" "$outcome" "$site")
	ok_pts=$(count "$json" ok)
	ok "$mode: exit 1 (got $rc)" is "$rc" 1
	ok "$mode: every point at $site is $outcome ($planted of $at_site)" \
		test "$planted" -ge 1 -a "$planted" -eq "$at_site"
	ok "$mode: every other point is ok ($ok_pts + $planted of $all)" \
		is $((ok_pts + planted)) "$all"
	if [ "$rc" != 1 ] || [ $((ok_pts + planted)) != "$all" ]; then
		cat "$scratch/$mode.table" "$scratch/$mode.err" |
			sed 's/^/# /'
	fi
}

"$kfault" sweep -q -o "$scratch/none" --json "$scratch/none.jsonl" \
	-- $prog none >"$scratch/none.table" 2>&1
rc=$?
all=$(points "$scratch/none.jsonl" | wc -l)
ok "none: exit 0 (got $rc)" is "$rc" 0
ok "none: at least the five allocation points ($all)" test "$all" -ge 5
ok "none: all ok" is "$(count "$scratch/none.jsonl" ok)" "$all"
for f in widget_create widget_alloc_name widget_alloc_table \
	 widget_alloc_stats widget_alloc_buf; do
	[ "$(count_site "$scratch/none.jsonl" $f)" -ge 1 ] ||
		diag "no point at $f"
done

sweep_planted leak leak widget_alloc_stats
# A NULL store is a crash in every build: the ASan build's UBSan set is
# the kernel's (CONFIG_UBSAN), which has no nonnull-attribute check.
sweep_planted crash crash widget_alloc_buf
sweep_planted warn warn widget_alloc_table
sweep_planted hang hang widget_alloc_name --timeout 3
sweep_planted exit exit widget_alloc_buf
"$kfault" sweep -q --ok-exit 0,3 -o "$scratch/okexit" -- $prog exit \
	>/dev/null 2>&1
ok "exit: --ok-exit 0,3 accepts the handled failure's status" is "$?" 0
# flaky: the first run of all (the counting run) allocates once more
rm -f "$scratch/flaky.state"
"$kfault" sweep -q -o "$scratch/flaky" --json "$scratch/flaky.jsonl" \
	-- $prog flaky 2 "$scratch/flaky.state" >"$scratch/flaky.table" 2>&1
rc=$?
if grep -q '"calls":' "$scratch/flaky/count.json"; then
	ok "flaky: exit 1 (got $rc)" is "$rc" 1
	ok "flaky: the moved calls are nondeterministic" \
		test "$(count "$scratch/flaky.jsonl" nondeterministic)" -ge 1
	ok "flaky: the JSON says where the fault really hit" \
		grep -q '"outcome":"nondeterministic".*"fault_stack":\[' \
		"$scratch/flaky.jsonl"
else
	for i in 1 2 3; do
		skip "nondeterminism needs a shim with record=1"
	done
fi

if [ "$KSTUB_SANITIZER" = asan ]; then
	sweep_planted uaf sanitizer widget_alloc_buf
	ok "uaf: ASan's words are in the point's stderr" \
		grep -q "heap-use-after-free" "$scratch"/uaf/point-*.err
else
	for i in 1 2 3 4; do
		skip "the planted use-after-free needs the ASan build"
	done
fi
done_testing

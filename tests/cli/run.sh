#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault run: one run under the shim, its report summarized, PROG's exit
# status passed on; replay's seed-first form.
. "$srcdir/lib.sh"
plan 11

"$kfault" run --fail-nth 4 -- ./planted leak >"$scratch/leak.out" \
	2>"$scratch/leak.err"
rc=$?
if [ "$KSTUB_SANITIZER" = asan ]; then
	# LeakSanitizer sees the leak too and makes the exit status 1
	ok "run: the program's exit status, LSan's (got $rc)" is "$rc" 1
else
	ok "run: the program's exit status (got $rc)" is "$rc" 0
fi
# (under ASan, LSan ends the run before the shim counts leaks)
ok "run: the summary names the outcome" \
	grep -Eq "exited with status $rc: (leak|sanitizer)" "$scratch/leak.err"
ok "run: the summary names the injected fault's place, file:line" \
	grep -q "^kfault: 1 fault injected, the first (slab) in widget_alloc_stats (planted.c:[0-9]*)$" \
	"$scratch/leak.err"
# The shim printed the stack as it injected the fault ("#0 F+0x13"); the
# summary does not print it again (it did, as "    F+0x13").
n=$(grep -c "#0 widget_alloc_stats+\|^ *widget_alloc_stats+" "$scratch/leak.err")
ok "run: the fault's stack is printed once (got $n)" is "$n" 1
# (under ASan, LSan stops the run: run keeps no stderr to read its words)
if [ "$KSTUB_SANITIZER" = asan ]; then
	title="sanitizer report after injected slab fault in widget_alloc_stats"
else
	title="BUG: memory leak in widget_alloc_table"
fi
ok "run: the summary gives the title" \
	grep -q "^kfault: $title$" "$scratch/leak.err"

# --json: stdout is the report alone; the program's stdout goes to stderr
"$kfault" run --json -- ./rebuild >"$scratch/json.out" 2>"$scratch/json.err"
if command -v python3 >/dev/null; then
	python3 -c 'import json, sys; json.load(open(sys.argv[1]))' \
		"$scratch/json.out"
	ok "run --json: stdout parses as JSON while the program prints" \
		test $? = 0
else
	skip "python3 not installed"
fi
ok "run --json: the program's stdout is on stderr" \
	grep -q "^made thing$" "$scratch/json.err"

"$kfault" run --report "$scratch/crash.json" --fail-nth 5 -- ./planted crash \
	>/dev/null 2>&1
rc=$?
if [ "$KSTUB_SANITIZER" != none ]; then
	# UBSan stops the store; TSan's SEGV handler exits 66
	ok "run: a sanitizer's exit status (got $rc)" test "$rc" -ne 0
else
	ok "run: killed by SIGSEGV is 128+11 (got $rc)" is "$rc" 139
fi
ok "run: --report keeps the report" grep -q '"faults_total":1' \
	"$scratch/crash.json"

"$kfault" run -- sh -c 'exit 3' >/dev/null 2>&1
ok "run: any exit status passes through" is "$?" 3

"$kfault" replay 7 -o "$scratch/replay" -- ./planted none >/dev/null 2>&1
ok "replay SEED -- PROG: a clean run exits 0" is "$?" 0
done_testing

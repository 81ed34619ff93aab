#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Paths reach the shim apart from the spec text (KFAULT_REPORT): a
# results directory or TMPDIR with ',', ';' and '#' in its name, which the
# spec language gives a meaning, works like any other.
. "$srcdir/lib.sh"
plan 6

odd="$scratch/res#1,x;y"
"$kfault" sweep -q --keep-runs -o "$odd" --json "$scratch/odd.jsonl" -- ./planted leak \
	>"$scratch/odd.out" 2>"$scratch/odd.err"
rc=$?
ok "sweep -o 'res#1,x;y': exit 1, the planted leak (got $rc)" \
	eval '[ "$rc" = 1 ] && [ "$(count "$scratch/odd.jsonl" leak widget_alloc_stats)" -ge 1 ]' ||
	sed 's/^/# /' "$scratch/odd.err"
ok "sweep -o 'res#1,x;y': the reports are in that directory" \
	test -s "$odd/count.json" -a -s "$odd/point-1.json"
ok "sweep -o 'res#1,x;y': every other point ok" \
	is $(($(count "$scratch/odd.jsonl" ok) + $(count "$scratch/odd.jsonl" leak))) \
	"$(points "$scratch/odd.jsonl" | wc -l)"

mkdir -p "$scratch/tmp#1,x;y"
TMPDIR="$scratch/tmp#1,x;y" "$kfault" run --fail-nth 4 -- ./planted leak \
	>/dev/null 2>"$scratch/run.err"
ok "run with TMPDIR 'tmp#1,x;y': the report is read" \
	grep -Eq "exited with status [0-9]+: (leak|sanitizer)" "$scratch/run.err" ||
	sed 's/^/# /' "$scratch/run.err"
"$kfault" run --report "$scratch/r#1,x;y.json" -- ./planted none \
	>/dev/null 2>"$scratch/report.err"
ok "run --report 'r#1,x;y.json': kept there" \
	grep -q '"kfault_report"' "$scratch/r#1,x;y.json"
"$kfault" replay 7 -o "$odd" -- ./planted none >/dev/null 2>&1
ok "replay -o 'res#1,x;y': a clean run, exit 0" is "$?" 0
done_testing

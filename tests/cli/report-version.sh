#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault reads the shim's report of KFAULT_REPORT_VERSION (1) and only
# its documented keys: a report of another version, without a version,
# or with a key spelled otherwise is refused, loudly and never as "ok".
# fake-report.sh writes the reports, end to end through kfault run/sweep.
. "$srcdir/lib.sh"
plan 11

fake="$srcdir/fake-report.sh"

"$kfault" run -- sh "$fake" 2 >/dev/null 2>"$scratch/v2.err"
rc=$?
ok "version 2: kfault run exits 2, not the program's 0 (got $rc)" \
	is "$rc" 2
ok "version 2: the message names both versions" \
	grep -q ": report version 2, this kfault reads version 1$" \
	"$scratch/v2.err"
ok "version 2: the verdict is unreadable" \
	grep -q "exited with status 0: unreadable - " "$scratch/v2.err"

"$kfault" run -- sh "$fake" none >/dev/null 2>"$scratch/none.err"
rc=$?
ok "no version: kfault run exits 2 (got $rc)" is "$rc" 2
ok "no version: the message says so" \
	grep -q 'no report version ("kfault_report"), this kfault reads version 1' \
	"$scratch/none.err"

"$kfault" run -- sh "$fake" 1 old-keys >/dev/null 2>"$scratch/old.err"
rc=$?
ok "a key the shim never wrote: refused (got $rc)" is "$rc" 2
ok "a key the shim never wrote: the missing one is named" \
	grep -q '"reports_total" should be a number, is missing' \
	"$scratch/old.err"

# Negative controls: the same writer at version 1 is read.
"$kfault" run -- sh "$fake" 1 >/dev/null 2>"$scratch/v1.err"
rc=$?
ok "version 1: read, the program's status (got $rc)" is "$rc" 0
ok "version 1: the verdict is ok" \
	grep -q "exited with status 0: ok$" "$scratch/v1.err"
"$kfault" run -- sh "$fake" 1 leak >/dev/null 2>"$scratch/leak.err"
ok "version 1: its leak counts are read" \
	grep -q "exited with status 0: leak - 3 objects, 48 bytes leaked" \
	"$scratch/leak.err"

"$kfault" sweep -o "$scratch/sweep" -- sh "$fake" 2 >/dev/null \
	2>"$scratch/sweep.err"
rc=$?
ok "version 2: a sweep's clean run fails, exit 2 (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "clean run failed: .*: report version 2, this kfault reads version 1" "$scratch/sweep.err"'
done_testing

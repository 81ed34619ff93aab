#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault reads the shim's report of KFAULT_REPORT_VERSION and only
# its documented keys: a report of another version, without a version,
# or with a key spelled otherwise is refused, loudly and never as "ok".
# fake-report.sh writes the reports, end to end through kfault run/sweep.
. "$srcdir/lib.sh"
plan 12

fake="$srcdir/fake-report.sh"
# The version this kfault reads, from the contract; one it does not.
cur=$(sed -n 's/^#define KFAULT_REPORT_VERSION \([0-9]*\)$/\1/p' \
	"$top_srcdir/shim/kfault-abi.h")
new=$((cur + 1))
old=$((cur - 1))

"$kfault" run -- sh "$fake" $new >/dev/null 2>"$scratch/new.err"
rc=$?
ok "version $new: kfault run exits 2, not the program's 0 (got $rc)" \
	is "$rc" 2
ok "version $new: the message names both versions" \
	grep -q ": report version $new, this kfault reads version $cur$" \
	"$scratch/new.err"
ok "version $new: the verdict is unreadable" \
	grep -q "exited with status 0: unreadable - " "$scratch/new.err"
"$kfault" run -- sh "$fake" $old >/dev/null 2>"$scratch/old.err"
ok "version $old (older): refused, naming both versions" \
	grep -q ": report version $old, this kfault reads version $cur$" \
	"$scratch/old.err"

"$kfault" run -- sh "$fake" none >/dev/null 2>"$scratch/none.err"
rc=$?
ok "no version: kfault run exits 2 (got $rc)" is "$rc" 2
ok "no version: the message says so" \
	grep -q "no report version (\"kfault_report\"), this kfault reads version $cur" \
	"$scratch/none.err"

"$kfault" run -- sh "$fake" $cur old-keys >/dev/null 2>"$scratch/keys.err"
rc=$?
ok "a key the shim never wrote: refused (got $rc)" is "$rc" 2
ok "a key the shim never wrote: the missing one is named" \
	grep -q '"reports_total" should be a number, is missing' \
	"$scratch/keys.err"

# Negative controls: the same writer at the current version is read.
"$kfault" run -- sh "$fake" $cur >/dev/null 2>"$scratch/cur.err"
rc=$?
ok "version $cur: read, the program's status (got $rc)" is "$rc" 0
ok "version $cur: the verdict is ok" \
	grep -q "exited with status 0: ok$" "$scratch/cur.err"
"$kfault" run -- sh "$fake" $cur leak >/dev/null 2>"$scratch/leak.err"
ok "version $cur: its leak counts are read" \
	grep -q "exited with status 0: leak - 3 objects, 48 bytes leaked" \
	"$scratch/leak.err"

"$kfault" sweep -o "$scratch/sweep" -- sh "$fake" $new >/dev/null \
	2>"$scratch/sweep.err"
rc=$?
ok "version $new: a sweep's clean run fails, exit 2 (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "clean run failed: .*: report version $new, this kfault reads version $cur" "$scratch/sweep.err"'
done_testing

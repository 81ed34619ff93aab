#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# No verdict without evidence: a run whose report is missing or empty is
# "noreport", never "ok", and fails the sweep; "is PROG built against
# libkstub?" is said only when the report was never created and nothing
# else explains it.
. "$srcdir/lib.sh"
hostile="$top_builddir/tests/shim/shim-hostile"
[ -x "$hostile" ] || plan_skip_all "no $hostile (make -C tests/shim check)"
plan 14
at="$srcdir/noreport-at.sh"

# kfault run: a program that is not a kstub program
"$kfault" run -- /bin/true >/dev/null 2>"$scratch/true.err"
ok "run /bin/true: noreport, never ok" \
	grep -q "exited with status 0: noreport - no report: .* was never created" \
	"$scratch/true.err"
ok "run /bin/true: asks whether it is built against libkstub" \
	grep -q "is /bin/true built against libkstub?" "$scratch/true.err"

# kfault run: a kstub program that execs /bin/true (an empty report)
"$kfault" run -- "$hostile" exec >/dev/null 2>"$scratch/exec.err"
ok "run hostile exec: noreport, the report is empty" \
	grep -q "noreport - no report: .* is empty" "$scratch/exec.err"
ok "run hostile exec: no libkstub question (it is a kstub program)" \
	eval '! grep -q "built against libkstub" "$scratch/exec.err"'

# a sweep whose clean run leaves no report stops, exit 2
"$kfault" sweep -o "$scratch/strue" -- /bin/true >/dev/null 2>"$scratch/strue.err"
rc=$?
ok "sweep /bin/true: exit 2 (got $rc)" is "$rc" 2
ok "sweep /bin/true: says why, and asks about libkstub" \
	eval 'grep -q "clean run failed: no report" "$scratch/strue.err" &&
		grep -q "built against libkstub" "$scratch/strue.err"'
"$kfault" sweep -o "$scratch/sexec" -- "$hostile" exec >/dev/null \
	2>"$scratch/sexec.err"
rc=$?
ok "sweep hostile exec: exit 2, an empty report (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "clean run failed: no report: .* is empty" "$scratch/sexec.err" &&
		! grep -q "built against libkstub" "$scratch/sexec.err"'

# points without a report: noreport, and the sweep fails.  The subject
# reads its spec when it starts, so its points run with --exec: a fork
# server's points share the start, and the spec it read, with the server.
for how in exec true; do
	"$kfault" sweep --exec -q -o "$scratch/p$how" \
		--json "$scratch/p$how.jsonl" \
		-- sh "$at" 3 $how >/dev/null 2>&1
	rc=$?
	ok "point $how: noreport, every other point ok, exit 1 (got $rc)" \
		eval '[ "$rc" = 1 ] && [ "$(count "$scratch/p$how.jsonl" noreport)" = 1 ] &&
		[ "$(count "$scratch/p$how.jsonl" ok)" = $(($(points "$scratch/p$how.jsonl" | wc -l) - 1)) ]'
done
ok "point exec: the detail says the report is empty" \
	grep -q '"outcome":"noreport","detail":"no report: .*point-[0-9]*.json is empty' \
	"$scratch/pexec.jsonl"
ok "points: no libkstub question (the clean run had a report)" \
	eval '! grep -q "libkstub" "$scratch/pexec.jsonl" "$scratch/ptrue.jsonl"'

# A full disk: the results on a small tmpfs (a private mount namespace,
# so that nothing stays mounted), filled before the point's run ends.
if ! can_mount; then
	skip "a full disk needs root (a tmpfs in a mount namespace)"
	skip "a full disk needs root (a tmpfs in a mount namespace)"
	skip "a full disk needs root (a tmpfs in a mount namespace)"
else
	on_tmpfs "$scratch/full" '
		"$2" sweep --exec -q -j1 -o "$1/res" --json "$3/full.jsonl" \
			-- sh "$4" 3 fill "$1" >/dev/null 2>"$3/full.err"
		echo $? >"$3/full.rc"
		cat /dev/zero >"$1/fill-run" 2>/dev/null
		"$2" run --report "$1/run.json" -- ./planted none \
			>/dev/null 2>"$3/run.err"
	' "$kfault" "$scratch" "$at"
	rc=$(cat "$scratch/full.rc")
	ok "full disk: the sweep fails (exit 1, got $rc)" is "$rc" 1
	ok "full disk: the point that could not write is noreport" \
		test "$(count "$scratch/full.jsonl" noreport)" -ge 1
	ok "full disk: kfault run says noreport, and the shim said why" \
		eval 'grep -q "exited with status 0: noreport" "$scratch/run.err" &&
			grep -q "cannot write the report to .*: ENOSPC" "$scratch/run.err"'
fi
done_testing

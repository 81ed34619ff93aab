#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault sweep --race: every point under K schedules, a point not ok with
# its seed and replay line, the budgets, and its usage errors.  (The
# catalog's B14 and B15, in tests/repro, are the bugs it exists for.)
. "$srcdir/lib.sh"
plan 8

s=$scratch
"$kfault" sweep -q -j2 --race --schedules 3 -o "$s/l" --json "$s/l.json" \
	-- ./planted leak >"$s/l.txt" 2>"$s/l.err"
rc=$?
ok "the planted leak is found under --race (exit $rc)" is "$rc" 1
ok "... every ok point ran its 3 schedules, the leak point says its seed" \
	sh -c "[ \$(grep -c '\"outcome\":\"ok\".*\"schedules\":3' '$s/l.json') = 4 ] &&
		grep -q '\"outcome\":\"leak\".*\"seed\":[1-3],\"replay\":\"kfault replay --seed [1-3] ' '$s/l.json'"
replay=$(sed -n 's/^ *kfault replay //p' "$s/l.txt" | head -n 1)
eval "set -- $replay"
"$kfault" replay -o "$s/r" "$@" >/dev/null 2>&1
ok "the printed replay line fails again (exit $?)" is "$?" 1

"$kfault" sweep -q -j2 --race --schedules 3 -o "$s/n" -- ./planted none \
	>"$s/n.txt" 2>&1
ok "negative control: every schedule of every point ok (exit $?)" is "$?" 0
ok "... and the table says how many schedules" \
	grep -q '^5 points (stack mode, 3 schedules each): 5 ok$' "$s/n.txt"

"$kfault" sweep -q --race --time 0.000001 -o "$s/t" -- ./planted none \
	>/dev/null 2>"$s/t.err"
rc=$?
ok "--time spent before the points ran: not a verdict (exit $rc)" \
	sh -c "[ $rc = 1 ] && grep -q -- '--time 1e-06 spent: 0 of 5 points done' '$s/t.err'"

"$kfault" sweep --schedules 4 -- ./planted none >/dev/null 2>"$s/u1.err"
ok "--schedules without --race is a usage error (exit $?)" \
	sh -c "[ $? = 2 ] && grep -q -- '--schedules: only with --race' '$s/u1.err'"
"$kfault" sweep --race --spec delay=yield -- ./planted none >/dev/null \
	2>"$s/u2.err"
ok "a delay= in --spec under --race is a usage error (exit $?)" \
	sh -c "[ $? = 2 ] && grep -q 'delays from --race-spec' '$s/u2.err'"
done_testing

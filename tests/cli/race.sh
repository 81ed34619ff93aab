#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault race finds the planted lockless-walk use-after-free (the put
# before rcu_read_lock) and prints a replay command that reproduces it;
# the fixed walk survives the same budget.
. "$srcdir/lib.sh"
plan 6

prog=./race-uaf

"$kfault" race -j2 --runs 100 --seed 1 -o "$scratch/bug" -- $prog bug \
	>"$scratch/bug.out" 2>"$scratch/bug.err"
rc=$?
sed 's/^/# /' "$scratch/bug.err"
ok "race: the planted bug is found (exit $rc)" is "$rc" 1
replay=$(grep '^kfault replay ' "$scratch/bug.out")
ok "race: prints the replay command" test -n "$replay"
if [ "$KSTUB_SANITIZER" = asan ]; then
	ok "race: ASan reported the use-after-free" \
		grep -q "heap-use-after-free" "$scratch"/bug/race-*.err
else
	skip "ASan's report needs the ASan build"
fi

# The printed command, with our binary and a few attempts (threads still
# run on their own time; the delay schedule is the seed's).
set -- $(echo "$replay" | sed "s/^kfault replay //; s/'//g")
"$kfault" replay --runs 5 -o "$scratch/replay" "$@" >"$scratch/replay.out" \
	2>"$scratch/replay.err"
rc=$?
sed 's/^/# /' "$scratch/replay.err"
ok "replay: the printed schedule fails again (exit $rc)" is "$rc" 1

"$kfault" race -j2 --runs 30 --seed 1 -o "$scratch/fixed" -- $prog fixed \
	>/dev/null 2>"$scratch/fixed.err"
rc=$?
sed 's/^/# /' "$scratch/fixed.err"
ok "race: the fixed walk survives 30 schedules (exit $rc)" is "$rc" 0

"$kfault" replay --seed 7 -o "$scratch/clean" -- ./planted none >/dev/null 2>&1
ok "replay: a clean run exits 0" is "$?" 0
done_testing

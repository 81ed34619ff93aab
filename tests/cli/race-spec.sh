#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault race keeps the user's rules as written: a fault rule in --spec
# stays a fault rule, and the default delay is a rule of its own.  A spec
# the shim refuses is a usage error, never a found bug with a replay line.
. "$srcdir/lib.sh"
plan 5

# planted crash: widget_alloc_buf's failure is a NULL dereference
"$kfault" race --runs 2 --seed 1 -o "$scratch/f" \
	--spec stack=widget_alloc_buf -- ./planted crash \
	>"$scratch/f.out" 2>"$scratch/f.err"
rc=$?
sed 's/^/# /' "$scratch/f.err"
ok "a fault rule in --spec still fails its call beside the delays (exit $rc)" \
	is "$rc" 1
ok "the replay line keeps the fault rule and the default delay apart" \
	grep -q "^kfault replay .*--spec 'stack=widget_alloc_buf;delay=" \
	"$scratch/f.out"

# fail_nth in a rule with delay=: libkfault refuses that rule
"$kfault" race --runs 3 --seed 1 -o "$scratch/r" \
	--spec class=slab,fail_nth=2 --delay yield -- ./planted none \
	>"$scratch/r.out" 2>"$scratch/r.err"
rc=$?
sed 's/^/# /' "$scratch/r.err"
ok "a refused spec is a usage error (exit $rc)" is "$rc" 2
ok "... with the shim's message and no replay line" \
	sh -c "grep -q 'fail_nth: not allowed in a delay rule' '$scratch/r.err' &&
		! grep -q 'kfault replay' '$scratch/r.out'"
"$kfault" replay 1 -o "$scratch/p" --spec class=slab,fail_nth=2 \
	--delay yield -- ./planted none >/dev/null 2>"$scratch/p.err"
rc=$?
ok "replay: the same spec is a usage error too (exit $rc)" is "$rc" 2
done_testing

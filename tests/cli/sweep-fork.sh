#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep whose points run in fork servers judges every point as a sweep
# that runs each point anew: for every program the tree sweeps, both
# ways, the same points with the same outcomes and titles.  The fork
# servers must fork (a comparison of two exec sweeps proves nothing),
# and where a point's call is made while other threads run (shim-alloc
# phases: a thread allocates while main waits in pthread_join), the
# point runs anew and the table says why: the negative control.
. "$srcdir/lib.sh"

shim=$top_builddir/tests/shim
shrinker=$top_builddir/examples/shrinker
repro=$top_builddir/tests/repro

# verdicts FILE: "point outcome title" of each point of a --json FILE
verdicts() {
	sed -n 's/^{"point":\([0-9]*\),.*"outcome":"\([a-z]*\)",.*"title":"\([^"]*\)".*/\1 \2 \3/p' \
		"$1" | sort -n
}

# forked NAME: how many points the fork servers forked ("-- runs:" line)
forked() {
	sed -n 's/^-- runs: fork servers: \([0-9]*\) forked.*/\1/p' \
		"$scratch/$1-fork.table"
}

# both NAME [sweep options] -- PROG ARGS: sweep PROG with --exec and with
# --fork; $scratch/NAME-{exec,fork}.{jsonl,table,err}
both() {
	name=$1
	shift
	for how in exec fork; do
		[ -z "${state:-}" ] || rm -f "$state"
		"$kfault" sweep -q --$how --keep-runs -o "$scratch/$name-$how" \
			--json "$scratch/$name-$how.jsonl" "$@" \
			>"$scratch/$name-$how.table" 2>"$scratch/$name-$how.err"
		echo $? >"$scratch/$name-$how.rc"
	done
}

# same NAME: both sweeps have points, the same verdicts, the same status
same() {
	verdicts "$scratch/$1-exec.jsonl" >"$scratch/$1-exec.v"
	verdicts "$scratch/$1-fork.jsonl" >"$scratch/$1-fork.v"
	if [ ! -s "$scratch/$1-exec.v" ]; then
		diag "$1: no points"
		sed 's/^/# /' "$scratch/$1-exec.err"
		return 1
	fi
	if ! cmp -s "$scratch/$1-exec.v" "$scratch/$1-fork.v" ||
		! cmp -s "$scratch/$1-exec.rc" "$scratch/$1-fork.rc"; then
		diff "$scratch/$1-exec.v" "$scratch/$1-fork.v" | sed 's/^/# /'
		diag "exit $(cat "$scratch/$1-exec.rc") and $(cat "$scratch/$1-fork.rc")"
		return 1
	fi
}

# same_out NAME: every point's stdout of the fork sweep is the exec one's
# (what the run printed before the fork, then what the child printed)
same_out() {
	for f in "$scratch/$1-exec"/point-*.out; do
		cmp "$f" "$scratch/$1-fork/${f##*/}" || return 1
	done
}

# check NAME [MIN]: the same verdicts, and at least MIN points forked
check() {
	ok "$1: the same verdicts, exec and fork" same "$1"
	[ $# -gt 1 ] || return 0
	n=$(forked "$1")
	ok "$1: the fork servers forked ${n:-none} (at least $2)" \
		test "${n:-0}" -ge "$2"
}

plan 44

# -- planted: every outcome, in both modes --------------------------------
for plant in none leak crash warn exit; do
	both "$plant" -- ./planted "$plant"
	check "$plant" 5
done
both hang --timeout 3 -- ./planted hang
check hang 5
both nth --mode nth -- ./planted leak
check nth 10
both keep --mode nth --keep-failing -- ./planted leak
check keep 20
# flaky: the first run (the counting run) allocates once more
state=$scratch/flaky.state
both flaky -- ./planted flaky 2 "$state"
state=
check flaky 5
if [ "$KSTUB_SANITIZER" = asan ]; then
	both uaf -- ./planted uaf
	check uaf 5
else
	skip "the planted use-after-free needs the ASan build"
	skip "the planted use-after-free needs the ASan build"
fi

# -- the comparison itself can fail: two sweeps that differ ------------------
cp "$scratch/leak-fork.jsonl" "$scratch/cmp-exec.jsonl"
cp "$scratch/none-fork.jsonl" "$scratch/cmp-fork.jsonl"
cp "$scratch/leak-fork.rc" "$scratch/cmp-exec.rc"
cp "$scratch/none-fork.rc" "$scratch/cmp-fork.rc"
ok "negative control: planted leak and planted none do not compare equal" \
	eval '! same cmp >/dev/null'

# -- threads: points made while another thread runs are run anew -----------
if [ -x "$shim/shim-alloc" ]; then
	both phases --mode nth -- "$shim/shim-alloc" phases 4
	check phases 8
	ok "phases: the thread's 4 calls ran anew, said in the table" \
		grep -q "^-- runs: fork servers: 8 forked, 4 run anew (other threads ran at the call)$" \
		"$scratch/phases-fork.table"
	ok "phases: each point's stdout is its exec twin's, byte for byte" \
		same_out phases
	ok "phases: each JSON line says how its point ran" \
		test "$(grep -c '"run":"fork"' "$scratch/phases-fork.jsonl")" = 8 -a \
		"$(grep -c '"run":"exec","run_why":"other threads ran at the call"' \
			"$scratch/phases-fork.jsonl")" = 4
	both phases-stack --occurrences 4 -- "$shim/shim-alloc" phases 4
	check phases-stack 8
	both threads --occurrences 5 -- "$shim/shim-alloc" threads 5
	check threads
	ok "threads: no point forked: a worker's calls, main in pthread_join" \
		grep -q "^-- runs: fork servers: 0 forked, 10 run anew" \
		"$scratch/threads-fork.table"
else
	for i in 1 2 3 4 5 6 7 8 9; do skip "no $shim/shim-alloc"; done
fi

# -- the shrinker example and the bug catalog -------------------------------
both life -- "$shrinker/shrinker-life"
check life 10
both stress --ok-exit 0,3 --stack shrinker_alloc -- \
	"$shrinker/shrinker-stress" --threads 1 --iterations 200
check stress 1
both b7 --ok-exit 0,3 --stack alloc_shrinker_info -- "$repro/memcg-info-b7"
check b7 1
both b8 --ok-exit 0,3 --stack shrinker_alloc -- "$repro/memcg-info-b8"
check b8 1
both memcg --ok-exit 0,3 -- "$repro/memcg-info"
check memcg 5
# a program that a shell forks (not one kfault started itself) serves not
both sh -- sh -c './planted leak; exit $?'
check sh
ok "sh -c: no fork server ran, every point ran anew, said" \
	grep -q "^-- runs: fork servers: 0 forked, 5 run anew (no fork server ran: not a kstub program, or not one kfault started itself)$" \
	"$scratch/sh-fork.table"

# fault knobs in the spec: a fork server cannot run the points, and says so
"$kfault" sweep -q --fork --spec times=-1 -o "$scratch/knob" -- ./planted none \
	>"$scratch/knob.table" 2>"$scratch/knob.err"
ok "--fork with fault knobs in the spec: a run per point, said why" \
	eval 'grep -q "^-- runs: a run per point (not forked: the spec sets times=)$" \
		"$scratch/knob.table" &&
		grep -q "sweep: --fork: the spec sets times=: each point runs anew" \
		"$scratch/knob.err"'
ok "a sweep says how its points ran: fork servers, or a run each" \
	eval 'grep -q "^-- runs: fork servers: " "$scratch/life-fork.table" &&
		grep -q "^-- runs: a run per point$" "$scratch/life-exec.table"'
done_testing

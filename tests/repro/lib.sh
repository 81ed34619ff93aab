# SPDX-License-Identifier: GPL-2.0-only
# Shared by the tests of tests/repro: TAP, the kfault command, a scratch
# directory, and one helper per kind of kfault command.  Each entry runs
# the documented command (doc/reproductions.md) on the buggy program and
# must see the bug, then the same command on the fixed program and must
# see nothing.  REPRO_LONG=1 (make check-repro) gives the full budgets.
. "$top_srcdir/tests/lib/tap.sh"

kfault=$KFAULT_BIN
bin="$top_builddir/tests/repro"
[ -x "$kfault" ] && [ -f "$KFAULT_LIB" ] || plan_skip_all "kfault is not built"
scratch="repro-$(basename "$0" .sh).d"
rm -rf "$scratch"
mkdir -p "$scratch"

# is GOT WANT
is() {
	[ "$1" = "$2" ] || { diag "got '$1', want '$2'"; return 1; }
}

# run_outcome TIMEOUT PROG: the verdict of `kfault run` (ok, warn, crash,
# hang, sanitizer, leak, exit); its output goes to $scratch/PROG.run
run_outcome() {
	out="$scratch/$(basename "$2").run"
	"$kfault" run --timeout "$1" -- "$bin/$2" >"$out" 2>&1
	sed -n 's/^kfault: .* \(exited with status [0-9]*\|killed by [^:]*\): \([a-z]*\).*/\2/p' \
		"$out" | tail -n 1
}

# run_is TIMEOUT PROG WANT: `kfault run` of PROG says WANT
run_is() {
	got=$(run_outcome "$1" "$2")
	is "$got" "$3" || { sed 's/^/# /' "$scratch/$(basename "$2").run" | head -n 40; return 1; }
}

# sweep_says PATTERN STACK PROG: `kfault sweep` over the allocations under
# STACK ends with a summary line matching PATTERN
sweep_says() {
	pattern=$1
	stack=$2
	prog=$3
	out="$scratch/$prog.sweep"
	"$kfault" sweep -q -j2 --timeout 60 --ok-exit 0,3 --stack "$stack" \
		-o "$scratch/$prog.points" -- "$bin/$prog" >"$out" 2>&1
	tail -n 1 "$out" | grep -q -- "$pattern" ||
		{ sed 's/^/# /' "$out" | head -n 40; return 1; }
}

# race_finds PROG SPEC SEEDS...: PROG fails under the delay schedule of
# one of SEEDS (kfault replay, three attempts each: threads still run on
# their own time), or else within a bounded kfault race of 100 runs.
race_finds() {
	prog=$1
	spec=$2
	shift 2
	for seed in "$@"; do
		"$kfault" replay --seed "$seed" --runs 3 --spec "$spec" \
			--timeout 60 -o "$scratch/$prog.replay" -- "$bin/$prog" \
			>/dev/null 2>&1 && continue
		diag "$prog: seed $seed reproduces it"
		return 0
	done
	diag "$prog: no listed seed reproduced it; kfault race from seed 1"
	"$kfault" race -q -j2 --runs 100 --seed 1 --spec "$spec" \
		--timeout 60 -o "$scratch/$prog.race" -- "$bin/$prog" \
		>"$scratch/$prog.race.out" 2>&1 && return 1
	grep '^kfault replay' "$scratch/$prog.race.out" | sed 's/^/# /'
	return 0
}

# race_clean PROG SPEC SEEDS...: every schedule of SEEDS and a short
# kfault race (RUNS runs, 20 by default) pass.
race_clean() {
	prog=$1
	spec=$2
	shift 2
	for seed in "$@"; do
		"$kfault" replay --seed "$seed" --runs 1 --spec "$spec" \
			--timeout 60 -o "$scratch/$prog.replay" -- "$bin/$prog" \
			>"$scratch/$prog.replay.out" 2>&1 ||
			{ sed 's/^/# /' "$scratch/$prog.replay.out" | head -n 40; return 1; }
	done
	"$kfault" race -q -j2 --runs "${RUNS:-20}" --seed 1 --spec "$spec" \
		--timeout 60 -o "$scratch/$prog.race" -- "$bin/$prog" \
		>"$scratch/$prog.race.out" 2>&1 ||
		{ sed 's/^/# /' "$scratch/$prog.race.out" | head -n 40; return 1; }
}

# race_long PROG SPEC: the full budget, kfault race --time 30
race_long() {
	"$kfault" race -q -j2 --time 30 --seed 1 --spec "$2" --timeout 60 \
		-o "$scratch/$1.long" -- "$bin/$1" >"$scratch/$1.long.out" 2>&1
}

# race_entry NAME BUILDS SPEC SEEDS...: two TAP lines for one race of the
# catalog under delay schedules: walk-NAME is caught in the sanitizer
# BUILDS (asan, tsan) that see it, walk is clean under the same schedules
# in every build.
race_entry() {
	name=$1
	builds=$2
	spec=$3
	shift 3
	case " $builds " in
	*" $KSTUB_SANITIZER "*) detects=yes ;;
	*) detects= ;;
	esac
	if [ -n "$REPRO_LONG" ]; then
		if [ -n "$detects" ]; then
			race_long "walk-$name" "$spec"
			ok "walk-$name: kfault race finds it within 30 s" is "$?" 1
		else
			skip "the use-after-free shows only in the builds: $builds"
		fi
		race_long walk "$spec"
		ok "walk: 30 s of the same kfault race find nothing" is "$?" 0
		return
	fi
	if [ -n "$detects" ]; then
		ok "walk-$name: a known seed (or a short race) reproduces it" \
			race_finds "walk-$name" "$spec" "$@"
	else
		skip "the use-after-free shows only in the builds: $builds"
	fi
	if [ "$KSTUB_SANITIZER" = tsan ]; then
		RUNS=5
	fi
	ok "walk: clean under the same seeds and a short race" \
		race_clean walk "$spec" "$@"
}

# The build's name, as the catalog's BUILDS lists say it.
build_name() {
	case "${KSTUB_SANITIZER:-none}" in
	none) echo plain ;;
	*) echo "$KSTUB_SANITIZER" ;;
	esac
}

# fails_of N CMD...: how many of N runs of CMD exit 1 (kfault: found)
fails_of() {
	n=$1
	shift
	f=0
	while [ "$n" -gt 0 ]; do
		"$@" >/dev/null 2>&1
		[ $? -eq 1 ] && f=$((f + 1))
		n=$((n - 1))
	done
	echo $f
}

# sched_entry NAME BUILDS DEPTH RUNS: four TAP lines for one race of the
# catalog under the controlled scheduler (kfault race --sched pct --depth
# DEPTH, RUNS runs from seed 1): in the BUILDS (plain, asan, tsan) that
# see it, walk-NAME fails, the failed run is exact (every hand-over the
# policy's), and its replay line, run once at a time, fails 20 times of
# 20; walk passes that seed and the same race.  The runs are functions of
# their seeds: a budget of runs, no time.
#
# The race runs with the sanitizer's symbolizer off: a report's
# symbolizer sleeps in the kernel after the failure, where the watchdog
# would hand over and the report say "not exact" of a run that replays
# all the same (exact_steps covers the failure).  The replays run as a
# user runs them.
sched_entry() {
	name=$1
	builds=$2
	depth=$3
	runs=$4
	prog=walk-$name
	out="$scratch/$prog.sched"
	case " $builds " in
	*" $(build_name) "*) ;;
	*)
		skip "$prog: under the scheduler it shows only in: $builds"
		skip "no failed run without a finding"
		skip "no replay line without a finding"
		ok "walk: the same kfault race --sched finds nothing" \
			sched_clean "$depth" "$runs"
		return
		;;
	esac
	ASAN_OPTIONS="$ASAN_OPTIONS:symbolize=0" \
		TSAN_OPTIONS="$TSAN_OPTIONS:symbolize=0" \
		"$kfault" race -q -j2 --sched pct --depth "$depth" --runs "$runs" \
		--seed 1 --timeout 60 -o "$out" -- "$bin/$prog" \
		>"$out.out" 2>&1
	rc=$?
	sed 's/^/# /' "$out.out" | head -n 8
	replay=$(sed -n 's/^kfault replay //p' "$out.out" | head -n 1 |
		sed 's/--runs [0-9]*/--runs 1/')
	seed=$(echo "$replay" | sed -n 's/.*--seed \([0-9]*\).*/\1/p')
	if [ $rc -eq 0 ]; then
		skip "$prog: not found in $runs runs of --sched pct --depth $depth from seed 1"
		skip "no failed run without a finding"
		skip "no replay line without a finding"
		ok "walk: the same kfault race --sched finds nothing" \
			sched_clean "$depth" "$runs"
		return
	fi
	ok "$prog: kfault race --sched pct --depth $depth finds it (exit $rc, seed $seed)" \
		is "$rc" 1
	ok "$prog: the failed run is exact" python3 -c '
import json, sys
s = json.load(open(sys.argv[1]))["sched"]
print("# sched: %s" % s)
sys.exit(0 if s["exact"] and s["watchdog"] == 0 else 1)' "$out/race-$seed.json"
	# the printed command, once per run
	eval "set -- $replay"
	fails=$(fails_of 20 "$kfault" replay -o "$out.replay" "$@")
	ok "$prog: kfault replay --seed $seed ... --runs 1 fails 20 times of 20 ($fails)" \
		is "$fails" 20
	ok "walk: seed $seed and the same kfault race --sched find nothing" \
		sched_clean "$depth" "$runs" "$seed"
}

# sched_clean DEPTH RUNS [SEED]: walk passes the replay of SEED and
# kfault race --sched pct --depth DEPTH for RUNS runs from seed 1.
sched_clean() {
	if [ -n "$3" ]; then
		"$kfault" replay --seed "$3" --runs 1 --sched pct --depth "$1" \
			--timeout 60 -o "$scratch/walk.sched-replay" -- "$bin/walk" \
			>"$scratch/walk.sched-replay.out" 2>&1 ||
			{ sed 's/^/# /' "$scratch/walk.sched-replay.out" | head -n 20; return 1; }
	fi
	"$kfault" race -q -j2 --sched pct --depth "$1" --runs "$2" --seed 1 \
		--timeout 60 -o "$scratch/walk.sched" -- "$bin/walk" \
		>"$scratch/walk.sched.out" 2>&1 ||
		{ sed 's/^/# /' "$scratch/walk.sched.out" | head -n 20; return 1; }
}

# fault_race_entry NAME BUG FIXED BUILDS SWEEP-ARGS...: a bug that needs an
# allocation failure and an interleaving at once.  kfault sweep --race
# (16 schedules per point, from seed 1; if not found, from 17, then 33)
# over the allocations SWEEP-ARGS name finds BUG in the builds BUILDS
# (plain, asan, tsan) and prints a replay line that reproduces it; FIXED
# passes the same sweep in every build.  REPRO_LONG=1: every allocation
# of the program is a point.
fault_race_entry() {
	name=$1
	bug=$2
	fixed=$3
	builds=$4
	shift 4
	[ -n "$REPRO_LONG" ] && set --
	plan 3
	build=${KSTUB_SANITIZER:-none}
	[ "$build" = none ] && build=plain
	case " $builds " in
	*" $build "*) detects=yes ;;
	*) detects= ;;
	esac
	"$kfault" sweep -q -j2 --race --seed 1 --ok-exit 0,3 \
		-o "$scratch/$fixed" "$@" -- "$bin/$fixed" \
		>"$scratch/$fixed.out" 2>&1
	rc=$?
	tail -n 3 "$scratch/$fixed.out" | sed 's/^/# /'
	ok "$fixed: sweep --race is clean (exit $rc)" is "$rc" 0
	if [ -z "$detects" ]; then
		skip "$name shows within this budget only in the builds: $builds"
		skip "no replay line without a finding"
		done_testing
	fi
	# a race: on a loaded machine the next 16 schedules, twice at most
	for seed in 1 17 33; do
		"$kfault" sweep -q -j2 --race --seed $seed --ok-exit 0,3 \
			-o "$scratch/$bug" "$@" -- "$bin/$bug" \
			>"$scratch/$bug.out" 2>&1
		rc=$?
		grep -E '^  |points \(' "$scratch/$bug.out" | sed 's/^/# /'
		[ $rc = 0 ] || break
	done
	ok "$bug: sweep --race finds $name, from seed $seed (exit $rc)" \
		is "$rc" 1
	replay=$(sed -n 's/^ *kfault replay //p' "$scratch/$bug.out" | head -n 1)
	# the printed command, with the results in the scratch directory
	eval "set -- $replay"
	"$kfault" replay -o "$scratch/$bug.replay" "$@" \
		>"$scratch/$bug.replay.out" 2>&1
	rc=$?
	sed 's/^/# /' "$scratch/$bug.replay.out" | head -n 5
	ok "$bug: its replay line reproduces it (exit $rc)" is "$rc" 1
	done_testing
}

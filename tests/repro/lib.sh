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

# race_entry NAME BUILDS SPEC SEEDS...: the whole test of one race of the
# catalog: walk-NAME is caught in the sanitizer BUILDS (asan, tsan) that
# see it, walk is clean under the same schedules in every build.
race_entry() {
	name=$1
	builds=$2
	spec=$3
	shift 3
	plan 2
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
		done_testing
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
	done_testing
}

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The controlled scheduler (kfault race --sched) against delay injection
# and plain repetition, on the catalog's races B1, B2, B4 (walk-b1, -b2,
# -b4; doc/reproductions.md) and the planted ones (race-uaf bug; the
# depth-1 ordering bug shim-sched order 3 40; in the TSan build the data
# race shim-sched datarace 200), side by side in one run:
#  1. runs to detect, over first seeds SEEDS (8 by default), one slot so
#     a run count is exact, BUDGET runs per seed ("none" past it), with
#     PCT at depth 1, 2, 3, the random policy, today's delay mode (the
#     spec tests/repro/t-bN.sh uses, else race's default delay rule) and
#     --no-delay;
#  2. PCT's measured per-run probability (failing seeds over runs spent)
#     beside its bound 1/(n*k^(d-1)), n and k from the failing runs'
#     reports (sched.threads, sched.steps);
#  3. wall time per run of the fixed programs under --sched pct --depth 3
#     and --sched random against --no-delay (and the delay mode): the
#     price of serializing;
#  4. the fixed walk and race-uaf under FIXED_RUNS schedules of each
#     policy: failures (any is a false positive or a scheduler bug).
# Usage: sched-detect.sh [BUILDDIR] (or top_builddir=BUILDDIR); knobs:
# BUDGET (200), SEEDS, FIXED_RUNS (1000), SLOW_RUNS (50), TIMEOUT (60 s
# per run), SCHED_STEPS (PCT's sched_steps=; the shim's default if
# unset), PROGS (b1 b2 b4 uaf order, and datarace in a TSan build).
# Prints numbers, asserts nothing.
set -eu
top_builddir=${1:-${top_builddir:-}}
. "$(dirname "$0")/lib.sh"
repro=$top_builddir/tests/repro
cli=$top_builddir/tests/cli
shimt=$top_builddir/tests/shim
make -s -C "$repro" walk walk-b1 walk-b2 walk-b4 >/dev/null
make -s -C "$cli" race-uaf >/dev/null
make -s -C "$shimt" shim-sched >/dev/null
san=$(sed -n 's/^#define KSTUB_SANITIZER "\(.*\)"$/\1/p' \
	"$top_builddir/config.h")
budget=${BUDGET:-200}
seeds=${SEEDS:-"1 1001 2001 3001 4001 5001 6001 7001"}
fixed_runs=${FIXED_RUNS:-1000}
slow_runs=${SLOW_RUNS:-50}
timeout=${TIMEOUT:-60}
sched_steps=${SCHED_STEPS:-}
if [ "$san" = tsan ]; then
	progs=${PROGS:-"b1 b2 b4 uaf order datarace"}
else
	progs=${PROGS:-"b1 b2 b4 uaf order"}
fi
modes="pct:1 pct:2 pct:3 random delay no-delay"
nseeds=$(echo $seeds | wc -w)
start=$(date +%s)

# prog NAME: the program's label, command line and delay spec
prog() {
	case $1 in
	b1)
		label="B1 (walk-b1)" cmd="$repro/walk-b1"
		dspec=class=refcount_put,delay=sleep:100us-2ms,probability=30
		;;
	b2)
		label="B2 (walk-b2)" cmd="$repro/walk-b2"
		dspec=class=mutex_lock,delay=sleep:100us-2ms,probability=30
		;;
	b4)
		label="B4 (walk-b4)" cmd="$repro/walk-b4"
		dspec=class=rcu_read_lock,delay=sleep:100us-2ms,probability=30
		;;
	uaf) label="race-uaf bug" cmd="$cli/race-uaf bug" dspec= ;;
	order) label="shim-sched order 3 40" cmd="$shimt/shim-sched order 3 40" dspec= ;;
	datarace)
		label="shim-sched datarace 200"
		cmd="$shimt/shim-sched datarace 200" dspec=
		;;
	walk) label="walk (fixed)" cmd="$repro/walk" dspec= ;;
	uaf-fixed) label="race-uaf fixed" cmd="$cli/race-uaf fixed" dspec= ;;
	*) echo "sched-detect.sh: no program $1" >&2; exit 2 ;;
	esac
}

# mode_opts MODE: kfault race's options for MODE (words, no spaces in one)
mode_opts() {
	case $1 in
	pct:*)
		echo "--sched pct --depth ${1#pct:}"
		[ -z "$sched_steps" ] || echo "--spec sched_steps=$sched_steps"
		;;
	random) echo "--sched random" ;;
	delay) [ -z "$dspec" ] || echo "--spec $dspec" ;;
	no-delay) echo "--no-delay" ;;
	esac
}

# race SEED RUNS MODE: one kfault race -j1 of $cmd.  Sets n (the run that
# failed, or "none"; "err" on a usage error), secs, runs (runs done),
# steps and threads (of the failing run's report), what (its verdict and
# title).
race() {
	rm -rf "$out/r"
	t0=$(date +%s.%N)
	rc=0
	# shellcheck disable=SC2046
	"$kfault" race -q -j1 --timeout "$timeout" --seed "$1" --runs "$2" \
		-o "$out/r" $(mode_opts "$3") -- $cmd >/dev/null \
		2>"$out/err" || rc=$?
	t1=$(date +%s.%N)
	secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')
	n=$(sed -n 's/.*found after \([0-9]*\) runs.*/\1/p' "$out/err")
	steps='' threads='' what=''
	if [ "$rc" = 2 ] || { [ "$rc" = 1 ] && [ -z "$n" ]; }; then
		n=err runs=0
		sed 's/^/# /' "$out/err" | head -n 5 >&2
		return
	fi
	if [ -z "$n" ]; then
		n=none
		runs=$(sed -n 's/.*race: \([0-9]*\) runs* (seeds.*/\1/p' \
			"$out/err")
		runs=${runs:-$2}
		return
	fi
	runs=$n
	json="$out/r/race-$(($1 + n - 1)).json"
	if [ -f "$json" ]; then
		steps=$(sed -n 's/.*"sched":{[^}]*"steps":\([0-9]*\).*/\1/p' \
			"$json")
		threads=$(sed -n \
			's/.*"sched":{[^}]*"threads":\([0-9]*\).*/\1/p' "$json")
	fi
	what=$(sed -n 's/.* failed: \([a-z]*\).*/\1/p' "$out/err")
	title=$(sed -n '/ failed: /{n;/its stderr is in/d;s/^kfault race: //p;}' \
		"$out/err")
	[ -z "$title" ] || what="$what: $title"
}

# median and range of the run counts on stdin; "none" (past the budget)
# is larger than any number
stats() {
	sed 's/^none$/999999999/; s/^err$/999999999/' | sort -n |
		awk -v b="$budget" '{ v[NR] = $1 + 0 }
		function f(x) { return x >= 999999999 ? "none" : x }
		END {
			lo = v[int((NR + 1) / 2)]
			hi = v[int(NR / 2) + 1]
			m = hi >= 999999999 ? ">" b : (lo + hi) / 2
			printf "%s %s..%s", m, f(v[1]), f(v[NR]) }'
}

# 1. and 2.: runs to detect, per mode, and PCT's probability
detect() {
	prog "$1"
	echo
	echo "== $label, $san build: runs to detect over $nseeds first" \
		"seeds, budget $budget runs each, -j1"
	if [ -n "$dspec" ]; then
		echo "   delay: --spec $dspec (tests/repro/t-$1.sh)"
	else
		echo "   delay: race's default rule (delay=sleep:0-500us,probability=20)"
	fi
	printf '%-9s %5s %7s %11s %10s %8s  %s\n' mode found median range \
		"hits/runs" "s/run" "runs per seed"
	: >"$out/what"
	: >"$out/pct"
	for m in $modes; do
		: >"$out/counts"
		hits=0 total=0 secs_all=0
		for s in $seeds; do
			race "$s" "$budget" "$m"
			echo "$n" >>"$out/counts"
			total=$((total + runs))
			secs_all=$(awk -v a="$secs_all" -v b="$secs" \
				'BEGIN { print a + b }')
			case $n in none | err) continue ;; esac
			hits=$((hits + 1))
			printf '%s\t%s\n' "$m" "$what" >>"$out/what"
			case $m in
			pct:*) echo "${m#pct:} $threads $steps" >>"$out/pct" ;;
			esac
		done
		case $m in
		pct:*) echo "${m#pct:} hits $hits $total" >>"$out/pct" ;;
		esac
		# shellcheck disable=SC2046,SC2183 # stats: median, range
		printf '%-9s %5s %7s %11s %10s %8s  %s\n' "$m" \
			"$hits/$nseeds" $(stats <"$out/counts") "$hits/$total" \
			"$(awk -v s="$secs_all" -v r="$total" \
				'BEGIN { printf "%.3f", r ? s / r : 0 }')" \
			"$(tr '\n' ' ' <"$out/counts")"
	done
	echo "   failures seen (mode, verdict: title, seeds):"
	sort "$out/what" | uniq -c |
		awk '{ c = $1; sub(/^ *[0-9]+ /, ""); print "     " $0 " (" c ")" }'
	echo "   PCT: measured per-run probability (failing seeds / runs" \
		"spent) and its bound 1/(n*k^(d-1)); n, k: the largest" \
		"sched.threads, sched.steps of the failing runs' reports;" \
		"PCT draws its change points among the first" \
		"sched_steps=${sched_steps:-1000}: bound' is the bound with" \
		"k = min(k, sched_steps)"
	printf '   %-5s %10s %10s %4s %6s %12s %12s\n' depth hits/runs \
		measured n k bound "bound'"
	awk -v ss="${sched_steps:-1000}" '
		$2 == "hits" { h[$1] = $3; r[$1] = $4; next }
		{ if ($2 > n[$1]) n[$1] = $2; if ($3 > k[$1]) k[$1] = $3 }
		END {
			for (d = 1; d <= 3; d++) {
				if (!(d in r)) continue
				p = r[d] ? h[d] / r[d] : 0
				if (n[d]) {
					b = 1 / (n[d] * k[d] ^ (d - 1))
					kk = k[d] < ss ? k[d] : ss
					bs = 1 / (n[d] * kk ^ (d - 1))
					printf "   %-5d %10s %10.3g %4d %6d %12.3g %12.3g\n",
						d, h[d] "/" r[d], p, n[d], k[d], b, bs
				} else
					printf "   %-5d %10s %10.3g %4s %6s %12s %12s\n",
						d, h[d] "/" r[d], p, "-", "-", "-", "-"
			}
		}' "$out/pct"
}

# 3.: wall time per run, same program, same seeds, same number of runs
slowdown() {
	prog "$1"
	base=
	line=
	for m in no-delay delay random pct:3; do
		race 1 "$slow_runs" "$m"
		[ "$runs" -gt 0 ] || continue
		per=$(awk -v s="$secs" -v r="$runs" 'BEGIN { print s / r }')
		[ -n "$base" ] || base=$per
		line="$line$(awk -v m="$m" -v p="$per" -v b="$base" -v r="$runs" \
			-v f="$n" 'BEGIN { printf "  %s %.4f s (x%.1f%s)", m, p,
			p / b, f == "none" ? "" : ", failed at run " f }')"
	done
	echo "$label, $slow_runs runs from seed 1, wall time per run:$line"
}

# 4.: FIXED_RUNS schedules of MODE on a fixed program; a failure does not
# end the count: the race goes on from the next seed
clean() {
	prog "$1"
	seed=1 left=$fixed_runs fails=0
	: >"$out/fixed"
	c0=$(date +%s)
	while [ "$left" -gt 0 ]; do
		race "$seed" "$left" "$2"
		case $n in
		none) break ;;
		err) fails=err; break ;;
		esac
		fails=$((fails + 1))
		echo "$((seed + n - 1)) $what" >>"$out/fixed"
		seed=$((seed + n))
		left=$((left - n))
	done
	opts=$(mode_opts "$2" | tr '\n' ' ')
	echo "$label, ${opts% }: $fails failures in" \
		"$fixed_runs runs (seeds 1..$fixed_runs), $(($(date +%s) - c0)) s"
	sed 's/^/    seed /' "$out/fixed" | head -n 10
}

echo "kfault race: the scheduler against delays and repetition," \
	"$san build ($top_builddir), $(nproc) CPUs, load $(cut -d' ' -f1-3 \
	/proc/loadavg)"
echo "seeds: $seeds; budget $budget; fixed runs $fixed_runs; slowdown" \
	"runs $slow_runs; timeout $timeout s"
for p in $progs; do
	detect "$p"
done

echo
echo "== serialized slowdown: the fixed programs (x: against --no-delay)"
slowdown walk
slowdown uaf-fixed

echo
echo "== fixed programs under the scheduler ($fixed_runs schedules each)"
for m in pct:1 pct:2 pct:3 random; do
	clean walk "$m"
	clean uaf-fixed "$m"
done
echo
echo "total: $(($(date +%s) - start)) s"

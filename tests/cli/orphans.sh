#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Nothing a run started outlives it: a child the program left running (a
# shell's `setsid sleep &`, a forked daemon) is gone when kfault returns,
# and a run of a kfault killed with SIGKILL dies with it.
. "$srcdir/lib.sh"
plan 5

# gone PID: PID ends (or is a zombie) within 50 polls of 0.1 s
gone() {
	n=0
	while [ $n -lt 50 ]; do
		state=$(sed 's/.*) \(.\).*/\1/' "/proc/$1/stat" 2>/dev/null) ||
			return 0
		[ "$state" = Z ] && return 0
		sleep 0.1
		n=$((n + 1))
	done
	diag "pid $1 ($(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null)) still runs"
	return 1
}

# Kill what a failed test left behind, so that the suite leaves nothing.
cleanup() {
	for pid in "$@"; do
		[ -n "$pid" ] && kill -9 "$pid" 2>/dev/null
	done
	return 0
}

# -- kfault run: a shell's background child that escaped with setsid --
"$kfault" run -- sh -c "setsid sleep 600 & echo \$! >'$scratch/run.pid'" \
	>/dev/null 2>&1
pid=$(cat "$scratch/run.pid" 2>/dev/null)
ok "run: the setsid child ($pid) is gone when kfault returns" \
	eval 'test -n "$pid" && gone "$pid"'
cleanup "$pid"

# -- kfault sweep: a forked daemon in every run, counting run included --
hostile=$top_builddir/tests/shim/shim-hostile
if [ -x "$hostile" ]; then
	# seconds to sleep, as the daemon's name among the processes here
	secs=$((3000 + $$ % 1000))
	daemons() {
		for f in /proc/[0-9]*/cmdline; do
			tr '\0' ' ' <"$f" 2>/dev/null |
				grep -q "shim-hostile daemon $secs " &&
				echo "${f%/cmdline}" | sed 's,/proc/,,'
		done
	}
	"$kfault" sweep -j2 -o "$scratch/sweep" -- "$hostile" daemon "$secs" \
		>/dev/null 2>"$scratch/sweep.err"
	left=$(daemons)
	for pid in $left; do
		gone "$pid" && left=$(echo "$left" | grep -vx "$pid")
	done
	left=$(echo $left)
	ok "sweep: no daemon of any run is left (left: ${left:-none})" \
		test -z "$left"
	cleanup $left
else
	skip "no $hostile"
fi

# -- but a running program's daemon is its own until that program ends --
# Point 1's daemon is orphaned (the subshell that started it exits) and
# left its group; the other points end while point 1 still needs it.
# The subjects here read their spec when they start: --exec.
cat >"$scratch/owner.sh" <<EOF
#!/bin/sh
case ",\$KFAULT," in
*,fail_nth=1,*)
	(setsid sleep 30 & echo \$! >"$PWD/$scratch/owner.pid")
	sleep 1
	kill -0 "\$(cat "$PWD/$scratch/owner.pid")" || exit 99 ;;
esac
exec ./planted none
EOF
chmod +x "$scratch/owner.sh"
"$kfault" sweep --exec -j2 --json "$scratch/owner.jsonl" \
	-o "$scratch/owner" -- \
	"$scratch/owner.sh" >/dev/null 2>&1
ok "sweep: a daemon outlives the runs that end beside its own" \
	is "$(count "$scratch/owner.jsonl" ok)" 5
cleanup "$(cat "$scratch/owner.pid" 2>/dev/null)"

# -- kill -9 kfault: its runs die with it --
cat >"$scratch/slow.sh" <<EOF
#!/bin/sh
# planted none, except in point runs: say our pid, then sleep
case "\$KFAULT" in
*fail_nth=*) echo \$\$ >"$PWD/$scratch/slow.pid"; exec sleep 600 ;;
esac
exec ./planted none
EOF
chmod +x "$scratch/slow.sh"
"$kfault" sweep --exec -j1 --timeout 300 -o "$scratch/slow" \
	-- "$scratch/slow.sh" \
	>/dev/null 2>&1 &
kfault_pid=$!
n=0
while [ ! -s "$scratch/slow.pid" ] && [ $n -lt 100 ]; do
	sleep 0.1
	n=$((n + 1))
done
pid=$(cat "$scratch/slow.pid" 2>/dev/null)
ok "kill -9: the run started ($pid)" test -n "$pid"
kill -9 "$kfault_pid"
wait "$kfault_pid" 2>/dev/null
ok "kill -9 kfault: its run ($pid) dies with it" \
	eval 'test -n "$pid" && gone "$pid"'
cleanup "$pid"
done_testing

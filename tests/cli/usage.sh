#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Bad usage gives a message and exit status 2; help and version exit 0.
. "$srcdir/lib.sh"
plan 37

# usage_error DESCRIPTION ARGS...: exit 2 and a message on stderr
usage_error() {
	desc=$1
	shift
	"$kfault" "$@" >"$scratch/out" 2>"$scratch/err"
	rc=$?
	ok "$desc: exit 2 (got $rc)" is "$rc" 2
	[ -s "$scratch/err" ] || diag "$desc: nothing on stderr"
}

usage_error "no command"
usage_error "unknown command" frobnicate -- true
usage_error "sweep without a program" sweep
usage_error "unknown option" sweep --no-such-option -- true
usage_error "shard 0/3" sweep --shard 0/3 -- true
usage_error "shard 4/3" sweep --shard 4/3 -- true
usage_error "shard without N" sweep --shard 2 -- true
usage_error "jobs 0" sweep -j 0 -- true
usage_error "bad mode" sweep --mode sideways -- true
usage_error "fault knob in a sweep" sweep --fail-nth 3 -- true
usage_error "--fork and --exec together" sweep --fork --exec -- true
usage_error "replay without a seed" replay -- true
usage_error "race with a bad budget" race --runs none -- true
usage_error "a spec the shim refuses" sweep --spec no_such_key=1 \
	-o "$scratch/refused" -- ./planted none
ok "the shim's own words are shown" grep -q "no_such_key" "$scratch/err"
usage_error "a program that cannot run" sweep -o "$scratch/norun" \
	-- ./no-such-program
KFAULT_LIB=/nonexistent/libkfault.so usage_error "no libkfault.so" \
	sweep -- true

# Every number an option takes: finite, in range, never truncated or
# saturated, and the message names the option.
# bad_number OPTION VALUE [CMD]: exit 2, the option and the value named
bad_number() {
	opt=$1 val=$2
	"$kfault" ${3:-sweep} "$opt" "$val" -o "$scratch/num" -- ./planted none \
		>/dev/null 2>"$scratch/err"
	rc=$?
	ok "${3:-sweep} $opt '$val': exit 2 (got $rc), naming it" \
		eval '[ "$rc" = 2 ] && grep -qF -- "$opt: '"'"'$val'"'"' is" "$scratch/err"'
}
for v in nan inf -1 0 garbage 0x10 "" " 5" 1e999; do
	bad_number --timeout "$v"
done
bad_number --timeout nan run
bad_number --time nan race
bad_number --time -5 race
bad_number --seed -1 replay
bad_number --jobs 99999999999999999999
"$kfault" race --seed 99999999999999999999 --runs 1 -- ./planted none \
	>/dev/null 2>"$scratch/err"
rc=$?
ok "--seed 99999999999999999999: exit 2 (got $rc), out of range" \
	eval '[ "$rc" = 2 ] && grep -q -- "--seed: .99999999999999999999. is out of range" "$scratch/err"'
"$kfault" replay --seed 18446744073709551615 -o "$scratch/max" \
	-- ./planted none >/dev/null 2>&1
ok "--seed 18446744073709551615 (the largest) is taken" is "$?" 0

"$kfault" sweep --shard 9/3 -- true 2>"$scratch/err"
ok "the message names the option" grep -q -- "--shard" "$scratch/err"
ok "--help exits 0" sh -c "'$kfault' --help >/dev/null"
ok "sweep --help exits 0" sh -c "'$kfault' sweep --help >/dev/null"
ok "--version prints the version" sh -c \
	"'$kfault' --version | grep -q '^kfault [0-9]'"
done_testing

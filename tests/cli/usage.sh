#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Bad usage gives a message and exit status 2; help and version exit 0.
. "$srcdir/lib.sh"
plan 20

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
usage_error "replay without a seed" replay -- true
usage_error "race with a bad budget" race --runs none -- true
usage_error "a spec the shim refuses" sweep --spec no_such_key=1 \
	-o "$scratch/refused" -- ./planted none
ok "the shim's own words are shown" grep -q "no_such_key" "$scratch/err"
usage_error "a program that cannot run" sweep -o "$scratch/norun" \
	-- ./no-such-program
KFAULT_LIB=/nonexistent/libkfault.so usage_error "no libkfault.so" \
	sweep -- true

"$kfault" sweep --shard 9/3 -- true 2>"$scratch/err"
ok "the message names the option" grep -q -- "--shard" "$scratch/err"
ok "--help exits 0" sh -c "'$kfault' --help >/dev/null"
ok "sweep --help exits 0" sh -c "'$kfault' sweep --help >/dev/null"
ok "--version prints the version" sh -c \
	"'$kfault' --version | grep -q '^kfault [0-9]'"
done_testing

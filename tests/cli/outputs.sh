#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# An output kfault cannot write is a failure, never exit 0 with the
# results lost: --json and --junit that cannot be written, standard
# output on a full device, and --json on a disk that fills mid-sweep.
. "$srcdir/lib.sh"
plan 7

# fails DESC ARGS...: kfault ARGS exits 2 with a message naming the cause
fails() {
	desc=$1
	shift
	"$kfault" "$@" >"$scratch/out" 2>"$scratch/err"
	rc=$?
	ok "$desc: exit 2 (got $rc), with a message" \
		eval '[ "$rc" = 2 ] && grep -q "kfault: .*\(No space\|Is a directory\)" "$scratch/err"' ||
		sed 's/^/# /' "$scratch/err"
}

fails "sweep --json /dev/full" sweep -q -o "$scratch/a" --json /dev/full \
	-- ./planted none
fails "sweep --junit DIRECTORY" sweep -q -o "$scratch/b" --junit "$scratch" \
	-- ./planted none
"$kfault" sweep -q -o "$scratch/c" -- ./planted none >/dev/full \
	2>"$scratch/err"
rc=$?
ok "sweep, the table to /dev/full: exit 2 (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "cannot write to standard output" "$scratch/err"'
"$kfault" run --json -- ./planted none >/dev/full 2>"$scratch/err"
rc=$?
ok "run --json to /dev/full: exit 2, not the program's 0 (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "cannot write to standard output" "$scratch/err"'
# (/bin/true leaves no report: the first run fails, a replay line is due)
"$kfault" race -q --runs 1 --seed 1 -o "$scratch/r" -- /bin/true \
	>/dev/full 2>"$scratch/err"
rc=$?
ok "race, the replay line to /dev/full: exit 2, not 1 (got $rc)" is "$rc" 2

# A disk that fills during the sweep: the point that fails call 1 fills
# the tmpfs that holds the --json file (root, a private mount namespace);
# twenty points' lines outgrow the page the file already has.  (--exec:
# the subject reads its spec when it starts.)
if ! can_mount; then
	skip "a full disk needs root (a tmpfs in a mount namespace)"
	skip "a full disk needs root (a tmpfs in a mount namespace)"
else
	on_tmpfs "$scratch/full" '
		"$2" sweep --exec -q -j1 --mode nth --keep-failing -o "$1/res" \
			--json "$1/sweep.jsonl" -- sh "$4" 1 fill "$1" \
			>/dev/null 2>"$3/full.err"
		echo $? >"$3/full.rc"
	' "$kfault" "$scratch" "$srcdir/noreport-at.sh"
	rc=$(cat "$scratch/full.rc")
	ok "full disk mid-sweep: exit 2 (got $rc)" is "$rc" 2
	ok "full disk mid-sweep: says the results are incomplete" \
		grep -q "sweep.jsonl: cannot write: No space left on device; the results in it are incomplete" \
		"$scratch/full.err"
fi
done_testing

# SPDX-License-Identifier: GPL-2.0-only
# Helpers for the shim's shell tests: run a program under libkfault with a
# spec, keep its stdout, stderr and status, and ask questions of a JSON
# report or trace.
. "$srcdir/../lib/tap.sh"

if [ ! -f "${KFAULT_LIB:-}" ]; then
	plan_skip_all "libkfault.so not built (KFAULT_LIB=${KFAULT_LIB:-})"
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kfault-test.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# kf_run SPEC CMD [ARGS...]: stdout in $out, stderr in $tmp/err, status $rc
kf_run() {
	kf_spec=$1
	shift
	out=$(KFAULT=$kf_spec LD_PRELOAD=$KFAULT_LIB "$@" 2>"$tmp/err")
	rc=$?
}

# run_spec SPEC ARGS...: $prog under SPEC, with a deadline, so that a
# scheduler bug fails the test rather than hang it
run_spec() {
	spec=$1
	shift
	kf_run "$spec" timeout 120 "$prog" "$@"
}

# line KEY: the rest of the line of $out that starts with "KEY "
line() { printf '%s\n' "$out" | sed -n "s/^$1 //p"; }

# kf_is WHAT GOT WANT: one TAP line comparing two strings
kf_is() {
	if [ "$2" = "$3" ]; then
		ok "$1" true
	else
		ok "$1" false
		diag "got:  '$2'"
		diag "want: '$3'"
		sed 's/^/# stderr: /' "$tmp/err" | head -20
	fi
}

# kf_json FILE EXPR: true when the Python expression EXPR holds for the
# JSON document in FILE (bound to r)
kf_json() {
	python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
# the function of a frame, without a clone suffix such as .constprop.0
fn = lambda f: (f.get("function") or "").split(".")[0]
ok = eval("(" + sys.argv[2] + "\n)")
if not ok:
    print("# json check failed: " + sys.argv[2])
sys.exit(0 if ok else 1)' "$1" "$2"
}

# The sanitizer's own leak check would report the leaks we plant on purpose.
ASAN_OPTIONS="$ASAN_OPTIONS:detect_leaks=0"
export ASAN_OPTIONS

# SPDX-License-Identifier: GPL-2.0-only
# A sanitizer negative control and its correct twin: run "PROG bad", which
# the sanitizer must report (non-zero exit, REGEX in the output), and
# "PROG good", which must be clean.  Skips unless built with SANITIZER.
# usage: sanitizer_control SANITIZER PROG REGEX WHAT-BAD WHAT-GOOD
. "$top_srcdir/tests/lib/tap.sh"

sanitizer_control() {
	san=$1 prog=$2 regex=$3 bad=$4 good=$5
	[ "$KSTUB_SANITIZER" = "$san" ] ||
		plan_skip_all "needs a $san build (--enable-$san)"
	out=${TMPDIR:-/tmp}/$(basename "$prog").$$
	trap 'rm -f "$out".*' EXIT
	plan 4

	"$prog" bad >"$out.bad" 2>&1
	status=$?
	diag "$prog bad: exit $status"
	ok "$bad: non-zero exit" [ "$status" -ne 0 ]
	ok "$bad: reported" grep -Eq "$regex" "$out.bad"
	grep -Eq "$regex" "$out.bad" || cat "$out.bad"

	"$prog" good >"$out.good" 2>&1
	status=$?
	diag "$prog good: exit $status"
	ok "$good: exit 0" [ "$status" -eq 0 ]
	ok "$good: no sanitizer report" sh -c "! grep -Eq 'Sanitizer' '$out.good'"
	[ "$status" -eq 0 ] || cat "$out.good"
	done_testing
}

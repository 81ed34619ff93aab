# SPDX-License-Identifier: GPL-2.0-only
# Shared by the shell tests of tests/shrinker, after tests/lib/tap.sh.

# fails_with PATTERN CMD...: CMD exits non-zero and its output matches
# PATTERN (an extended regex), so a negative control fails for the planted
# reason, not for any reason.
fails_with() {
	pattern=$1
	shift
	out=$("$@" 2>&1) && return 1
	echo "$out" | grep -qE -- "$pattern"
}

# stops_between DONE NOT CMD...: CMD exits non-zero after saying DONE and
# before saying NOT (it died at the planted bug, between two assertions).
stops_between() {
	done_line=$1
	not_line=$2
	shift 2
	out=$("$@" 2>&1) && return 1
	echo "$out" | grep -q -- "$done_line" &&
		! echo "$out" | grep -q -- "$not_line"
}

# SPDX-License-Identifier: GPL-2.0-only
# TAP for shell tests: . "$srcdir/../lib/tap.sh"; plan N; ok CMD...; done_testing
tap_n=0
tap_failed=0
plan() { echo "1..$1"; }
plan_skip_all() { echo "1..0 # SKIP $*"; exit 0; }
diag() { echo "# $*"; }
# ok DESCRIPTION CMD [ARGS...]: passes when CMD exits 0
ok() {
	desc=$1
	shift
	tap_n=$((tap_n + 1))
	if "$@"; then
		echo "ok $tap_n - $desc"
	else
		echo "not ok $tap_n - $desc"
		tap_failed=$((tap_failed + 1))
	fi
}
skip() { tap_n=$((tap_n + 1)); echo "ok $tap_n # SKIP $*"; }
done_testing() { [ "$tap_failed" -eq 0 ]; exit $?; }

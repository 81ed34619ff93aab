# SPDX-License-Identifier: GPL-2.0-only
# Shared by the kfault command's tests: TAP, the command, a scratch
# directory per test, and readers for the command's JSON lines.
. "$srcdir/../lib/tap.sh"

kfault=${KFAULT_BIN:-../../shim/kfault}
test -x "$kfault" || plan_skip_all "no kfault binary at $kfault"
scratch="cli-$(basename "$0" .sh).d"
rm -rf "$scratch"
mkdir -p "$scratch"

# point outcome site-function, one line per point of a --json FILE
points() {
	sed -n 's/^{"point":\([0-9]*\),.*"outcome":"\([a-z]*\)".*"site":"\([^"+]*\).*/\1 \2 \3/p' "$1"
}

# How many points of FILE have outcome $2 (and site function $3 if given)
count() {
	points "$1" | awk -v o="$2" -v s="${3:-}" \
		'$2 == o && (s == "" || $3 == s) { n++ } END { print n + 0 }'
}

# How many points of FILE are at site function $2, whatever the outcome
count_site() {
	points "$1" | awk -v s="$2" '$3 == s { n++ } END { print n + 0 }'
}

# is GOT WANT: for ok's condition
is() {
	[ "$1" = "$2" ] || { diag "got '$1', want '$2'"; return 1; }
}

# can_mount: root, allowed a private mount namespace (for a full disk)
can_mount() {
	[ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null
}

# on_tmpfs DIR SCRIPT ARGS...: sh -c SCRIPT with a 512 KiB tmpfs at DIR,
# in a private mount namespace (nothing stays mounted); in SCRIPT, $1 is
# DIR and ARGS follow.
on_tmpfs() {
	dir=$1 script=$2
	shift 2
	mkdir -p "$dir"
	unshare -m sh -c "mount -t tmpfs -o size=512k kfault-full \"\$1\" || exit 99
$script" sh "$dir" "$@"
}

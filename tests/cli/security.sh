#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# No way in for another user (kfault runs as root in CI): what another
# user plants in a shared directory must not make kfault write anywhere
# else.  Plants as nobody (setpriv), runs kfault as root; skipped when
# the suite does not run as root.
. "$srcdir/lib.sh"
[ "$(id -u)" = 0 ] || plan_skip_all "the attacks need root to attack (run the suite as root)"
command -v setpriv >/dev/null || plan_skip_all "no setpriv to plant files as nobody"
plan 8

# A shared directory like /tmp, and root's files the attacker aims at
shared=$(mktemp -d /tmp/kfault-shared.XXXXXX) || exit 1
trap 'rm -rf "$shared"' EXIT
chmod 1777 "$shared"
mkdir "$shared/root"
for f in a b c d; do
	echo precious >"$shared/root/$f"
done
# as_nobody CMD: run sh -c CMD as nobody, in the shared directory
as_nobody() {
	(cd "$shared" && setpriv --reuid=nobody --regid=nogroup --clear-groups \
		sh -c "$1")
}
intact() {
	for f in a b c d; do
		[ "$(cat "$shared/root/$f")" = precious ] ||
			{ diag "$shared/root/$f was overwritten"; return 1; }
	done
}

# 1. kfault run's report: a symlink at every name it could pick, in a
# TMPDIR writable by all without the sticky bit (in a sticky one, the
# kernel's protected_symlinks may refuse root the link anyway)
chmod 777 "$shared"
# (one process plants them all, so that it does not use the pids up)
if command -v python3 >/dev/null; then
	as_nobody 'exec python3 -c "
import os
for pid in range(os.getpid(), os.getpid() + 3000):
    os.symlink(\"root/a\", \"kfault-run-%d.json\" % pid)
"'
else
	as_nobody '
		pid=$$ i=0
		while [ $i -lt 3000 ]; do
			ln -s root/a "kfault-run-$((pid + i)).json"
			i=$((i + 1))
		done'
fi
TMPDIR=$shared "$kfault" run -- ./planted none >/dev/null 2>"$scratch/run.err"
rc=$?
ok "run with planted symlinks in TMPDIR: the run still works (got $rc)" \
	eval '[ "$rc" = 0 ] && grep -q "exited with status 0: ok" "$scratch/run.err"'
ok "run with planted symlinks in TMPDIR: root's file intact" intact
ok "run: leaves no directory of its own behind" \
	eval '! ls -d "$shared"/kfault-run-*/ 2>/dev/null | grep -q .'
chmod 1777 "$shared"

# 2. a world-writable kfault-results/ with symlinks inside
as_nobody '
	mkdir kfault-results && chmod 777 kfault-results &&
	ln -s ../root/b kfault-results/count.json &&
	ln -s ../root/c kfault-results/count.err &&
	ln -s ../root/d kfault-results/point-1.err'
(cd "$shared" && "$kfault" sweep -q -- "$OLDPWD/planted" none) \
	>/dev/null 2>"$scratch/ww.err"
rc=$?
ok "sweep into another user's world-writable directory: refused (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "results directory kfault-results belongs to uid" "$scratch/ww.err"'
ok "...and root's files intact" intact

# 3. the same, owned by root but writable by all
rm -rf "$shared/kfault-results"
mkdir -m 777 "$shared/kfault-results"
chmod 777 "$shared/kfault-results"
(cd "$shared" && "$kfault" sweep -q -- "$OLDPWD/planted" none) \
	>/dev/null 2>"$scratch/mode.err"
rc=$?
ok "sweep into a world-writable directory of ours: refused (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "is writable by others (mode 0777)" "$scratch/mode.err"'

# 4. symlinks in a directory of ours are removed, never followed
chmod 755 "$shared/kfault-results"
ln -s ../root/b "$shared/kfault-results/count.json"
ln -s ../root/c "$shared/kfault-results/count.err"
ln -s ../root/d "$shared/kfault-results/point-1.err"
# the files a sweep's runs reuse (slot-K.*) and rename (point-N.*)
for f in slot-0.json slot-0.out slot-1.err point-2.json; do
	ln -s ../root/a "$shared/kfault-results/$f"
done
(cd "$shared" && "$kfault" sweep -q --exec -- "$OLDPWD/planted" none) \
	>/dev/null 2>"$scratch/own.err"
rc=$?
ok "sweep over stale symlinks in our directory: works (got $rc)" is "$rc" 0
ok "...and root's files intact" intact
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Every way out of a hostile program leaves a report that tells what
# happened: its own SIGSEGV handler that calls _exit(0), a leak followed
# by _exit/_Exit, _exit from a destructor, a chdir before exit, a full
# disk.  The sanitizers catch a SIGSEGV before any handler of the
# program's, so the handler cases run in the plain build only.
. "$srcdir/lib.sh"
plan 11

for how in sigaction signal; do
	if [ "${KSTUB_SANITIZER:-none}" != none ]; then
		skip "segv-$how: $KSTUB_SANITIZER handles SIGSEGV itself"
		continue
	fi
	kf_run "report=$tmp/$how.json" ./shim-hostile segv-$how
	ok "segv-$how: exits 0, and the report says SIGSEGV" kf_json \
		"$tmp/$how.json" 'r["exit"]["how"] == "signal" and r["exit"]["signal_name"] == "SIGSEGV"'
done

for how in _exit _Exit; do
	kf_run "report=$tmp/$how.json" ./shim-hostile leak-$how
	ok "leak then $how(0): the report counts the leak" kf_json \
		"$tmp/$how.json" 'r["exit"]["how"] == "exit" and r["leaks"]["checked"] and r["leaks"]["objects"] == 1'
done
kf_run "report=$tmp/l.json,leak_exitcode=23" ./shim-hostile leak-_exit
kf_is "leak then _exit(0) with leak_exitcode=23: status 23" "$rc" 23

kf_run "report=$tmp/dtor.json" ./shim-hostile dtor-_exit
kf_is "_exit(3) from a destructor: status 3" "$rc" 3
ok "_exit from a destructor: the report has its status and the leak" \
	kf_json "$tmp/dtor.json" 'r["exit"]["status"] == 3 and r["leaks"]["objects"] == 1'

(cd "$tmp" && KFAULT=report=rel.json LD_PRELOAD=$KFAULT_LIB \
	"$OLDPWD/shim-hostile" chdir 2>/dev/null)
ok "chdir before exit: the relative report= is written where it was asked" \
	kf_json "$tmp/rel.json" 'r["leaks"]["objects"] == 1'

# A report written over a longer file (a sweep reuses its files, and the
# shim writes over them rather than truncating): the report, then nothing.
head -c 200000 /dev/zero | tr '\0' x >"$tmp/over.json"
kf_run "report=$tmp/over.json" ./shim-hostile leak-_exit
ok "a report over a longer file: the report alone, whole" \
	kf_json "$tmp/over.json" 'r["leaks"]["objects"] == 1'

kf_run "report=$tmp/exec.json" ./shim-hostile exec
ok "exec of a program without kstub: the report stays as before main, blank" \
	eval 'test -f "$tmp/exec.json" && [ -z "$(tr -d " \n" <"$tmp/exec.json")" ]'

if [ -w /dev/full ]; then
	kf_run "report=/dev/full" ./shim-hostile ok
	ok "a full disk: stderr says the report could not be written" \
		grep -q "kfault: cannot write the report to '/dev/full': ENOSPC" "$tmp/err"
else
	skip "no writable /dev/full"
fi
done_testing

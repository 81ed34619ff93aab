#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A report is written when the program dies of a signal, and the process
# still dies of it; a forked child writes its own report.
. "$srcdir/lib.sh"
plan 10

kf_run "fail_nth=1,report=$tmp/r.json" ./shim-alloc segv
ok "the program still dies (status $rc)" test "$rc" -ne 0
if [ "$KSTUB_SANITIZER" = none ]; then
	kf_is "killed by SIGSEGV, as without kfault" "$rc" 139
else
	skip "the $KSTUB_SANITIZER runtime reports the SEGV and exits"
fi
ok "the report says SIGSEGV and names the injected fault" kf_json "$tmp/r.json" \
	'r["exit"]["how"] == "signal" and r["exit"]["signal_name"] == "SIGSEGV" and r["faults_total"] == 1 and r["faults"][0]["caller"]["function"] == "segv"'

kf_run "fail_nth=2,report=$tmp/f.json" ./shim-alloc fork 5
kf_is "parent and child each fail their second call" "$out" ".X...
.X..."
child=$(ls "$tmp"/f.json.* 2>/dev/null | head -1)
ok "the child wrote its own report ($child)" test -n "$child"
ok "the parent's report is the parent's" kf_json "$tmp/f.json" \
	'not r["forked"] and r["faults_total"] == 1 and r["exit"]["status"] == 0'
ok "the child's report is the child's" kf_json "${child:-/dev/null}" \
	'r["forked"] and r["faults_total"] == 1 and r["pid"] != json.load(open(sys.argv[1].rsplit(".", 1)[0]))["pid"]'
kf_run "report=$tmp/w.json" ./shim-alloc warn 3
ok "WARN reports are counted by kind, the warn site too" kf_json "$tmp/w.json" \
	'r["reports"]["warn"] == 3 and r["reports_total"] == 3 and r["sites"]["warn"] == 3'
kf_run "leak_stacks=1,report=$tmp/x.json" ./shim-alloc rcu-exit
# main calls the noreturn rcu_exit last: its return address is past main
ok "exit() under rcu_read_lock: the leak check does not wait, and ends" kf_json "$tmp/x.json" \
	'r["leaks"]["checked"] and not r["leaks"]["waited_for_rcu"] and r["leaks"]["objects"] == 1 and r["reports_total"] == 0
and [fn(f) for f in r["leaks"]["sites"][0]["backtrace"][:2]] == ["rcu_exit", "main"]'
if [ "$KSTUB_SANITIZER" = asan ]; then
	kf_run "report=$tmp/u.json" ./shim-alloc uaf
	ok "ASan stops the program; the report says so" kf_json "$tmp/u.json" \
		'r["exit"]["how"] == "sanitizer" and r["sites"]["free"] == 1'
else
	skip "the sanitizer death callback needs an ASan build"
fi
done_testing

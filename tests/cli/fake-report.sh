#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Stands in for a kstub program under kfault: writes, to the path in
# $KFAULT_REPORT, the report libkfault.so would write for a clean run, but
# of report version $1 ("none": without the version key).
#   $2 = leak: 3 objects (48 bytes) still live at exit
#   $2 = old-keys: WARN/BUG counts under "warnings", a spelling the shim
#        never wrote, instead of "reports_total"
# (libkfault.so stays inert in this shell: it is no kstub program.)
report=$KFAULT_REPORT
if [ -z "$report" ]; then
	echo "fake-report: no KFAULT_REPORT" >&2
	exit 99
fi
version="\"kfault_report\":$1,"
[ "$1" = none ] && version=
objects=0 bytes=0 total=reports_total
[ "$2" = leak ] && objects=3 bytes=48
[ "$2" = old-keys ] && total=warnings
cat >"$report" <<JSON
{$version
"pid":$$,"ppid":1,"forked":false,"spec":"","spec_source":"KFAULT","seed":1,
"exit":{"how":"exit","status":0,"signal":null,"signal_name":null},
"rules":[],"sites_collected":false,"sites":{"slab":0},
"faults_total":0,"delays_total":0,"faults":[],"delays":[],
"leaks":{"checked":true,"waited_for_rcu":true,"objects":$objects,
 "bytes":$bytes,"sites_dropped":0,"sites":[]},
"reports":{"warn":0,"bug":0},"$total":0}
JSON

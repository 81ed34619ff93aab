#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Stands in for a program that a sanitizer or kstub stopped: prints the
# report $1 names to stderr, as the real one prints it (frames in
# kstub, libc and the sanitizer runtime included), and exits as it does.
# For titles.sh: every kind of report gets its title in every build.
# With $KFAULT_REPORT set it first writes the shim's report for such a run
# ($2 WARN/BUG reports, $3 of them BUGs).
if [ -n "$KFAULT_REPORT" ]; then
	cat >"$KFAULT_REPORT" <<JSON
{"kfault_report":2,"pid":$$,"ppid":1,"forked":false,"spec":"",
"spec_source":"KFAULT","seed":1,
"exit":{"how":"exit","status":0,"signal":null,"signal_name":null},
"rules":[],"sites_collected":false,"sites":{"slab":0},
"faults_total":0,"delays_total":0,"faults":[],"delays":[],
"leaks":{"checked":true,"waited_for_rcu":true,"objects":0,
 "bytes":0,"sites_dropped":0,"sites":[]},
"reports":{"warn":$((${2:-0} - ${3:-0})),"bug":${3:-0}},"reports_total":${2:-0}}
JSON
fi
case $1 in
tsan-race)
	cat >&2 <<'R'
==================
WARNING: ThreadSanitizer: data race (pid=4242)
  Write of size 8 at 0x7b0c00000010 by thread T2:
    #0 kfree /src/kstub/slab.c:301:3 (libkstub.so.0+0x1234)
    #1 shrinker_free /src/examples/shrinker/mm/shrinker.c:812:2 (shrinker-stress+0x5678)
    #2 worker /src/examples/shrinker/stress.c:80:5 (shrinker-stress+0x9abc)

  Previous read of size 8 at 0x7b0c00000010 by thread T1:
    #0 do_shrink_slab.constprop.0 /src/examples/shrinker/mm/shrinker.c:400:9 (shrinker-stress+0x1111)
    #1 shrink_slab /src/examples/shrinker/mm/shrinker.c:560:3 (shrinker-stress+0x2222)

SUMMARY: ThreadSanitizer: data race /src/kstub/slab.c:301:3 in kfree
==================
R
	exit 66 ;;
asan-double-free)
	cat >&2 <<'R'
=================================================================
==4242==ERROR: AddressSanitizer: attempting double-free on 0x602000000010 in thread T0:
    #0 0x55 in __interceptor_free (/src/build/prog+0xa4f22)
    #1 0x7f in kfree /src/kstub/slab.c:310:3
    #2 0x55 in shrinker_free /src/examples/shrinker/mm/shrinker.c:815:2
    #3 0x55 in main /src/tests/repro/b6.c:40:2
R
	exit 1 ;;
lsan)
	cat >&2 <<'R'
==4242==ERROR: LeakSanitizer: detected memory leaks

Direct leak of 96 byte(s) in 1 object(s) allocated from:
    #0 0x55 in __interceptor_malloc (/src/build/prog+0xa51ce)
    #1 0x7f in obj_alloc /src/kstub/slab.c:238:10
    #2 0x7f in kzalloc /src/kstub/include/linux/slab.h:120:9
    #3 0x55 in alloc_shrinker_info /src/examples/shrinker/mm/shrinker.c:181:13
    #4 0x55 in main /src/examples/shrinker/life.c:50:3

SUMMARY: AddressSanitizer: 96 byte(s) leaked in 1 allocation(s).
R
	exit 23 ;;
kstub-bug)
	cat >&2 <<'R'
------------[ cut here ]------------
BUG: at ../mm/shrinker.c:700 shrinker_free: BUG_ON(!shrinker)
caller: shrinker_free+0x40
PID: 4242 Comm: prog
Call Trace:
 shrinker_free+0x40 (prog)
 main+0x20 (prog)
---[ end trace ]---
R
	kill -ABRT $$ ;;
kstub-hung)
	cat >&2 <<'R'
------------[ cut here ]------------
WARNING: INFO: task prog:4242 blocked for more than 5 seconds in wait_for_completion(0x55)
caller: shrinker_free.part.0+0x9c
PID: 4242 Comm: prog
Call Trace:
 kstub_report+0x90 (libkstub.so.0)
 wait_for_completion+0x77 (libkstub.so.0)
 shrinker_free.part.0+0x9c (prog)
 main+0x20 (prog)
---[ end trace ]---
R
	exit 0 ;;
esac
echo "fake-sanitizer: which report? ($1)" >&2
exit 99

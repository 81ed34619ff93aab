#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# times, interval, space and their order, as the kernel's fault_attr has
# them: fail_nth, probability, times, space, interval, probability roll.
. "$srcdir/lib.sh"
plan 8

kf_run "class=slab" ./shim-alloc seq 10
kf_is "defaults (times=1, probability=100): the first call only" "$out" "X........."
kf_run "times=3" ./shim-alloc seq 10
kf_is "times=3: three failures, then none" "$out" "XXX......."
kf_run "interval=4,times=-1" ./shim-alloc seq 10
kf_is "interval=4: every fourth call" "$out" "...X...X.."
kf_run "interval=4,times=2" ./shim-alloc seq 14
kf_is "interval=4,times=2: two of them" "$out" "...X...X......"
kf_run "space=1000" ./shim-alloc seq 12
kf_is "space=1000 with 100-byte calls: the tenth fails" "$out" ".........X.."
kf_run "space=1000,times=-1" ./shim-alloc seq 12
kf_is "space exhausted: every later call fails" "$out" ".........XXX"
kf_run "space=1000,interval=2,times=-1" ./shim-alloc seq 14
kf_is "space is spent before interval counts" "$out" "..........X.X."
kf_run "fail_nth=2,probability=100,times=2" ./shim-alloc seq 6
kf_is "fail_nth then probability, both spending times" "$out" ".XX..."
done_testing

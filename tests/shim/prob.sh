#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# probability: seeded, so a run replays; other seeds give other runs.
. "$srcdir/lib.sh"
plan 6

kf_run "probability=30,times=-1,seed=42" ./shim-alloc seq 300
a=$out
kf_run "probability=30,times=-1,seed=42" ./shim-alloc seq 300
kf_is "same seed, same failures" "$out" "$a"
n=$(printf '%s' "$a" | tr -cd X | wc -c)
ok "about 30% fail ($n of 300)" test "$n" -ge 50 -a "$n" -le 130
kf_run "probability=30,times=-1,seed=43" ./shim-alloc seq 300
ok "another seed, other failures" test "$out" != "$a"
kf_run "probability=0,times=-1" ./shim-alloc seq 20
kf_is "probability=0 fails nothing" "$out" "...................."
kf_run "probability=100,times=-1" ./shim-alloc seq 20
kf_is "probability=100 fails everything" "$out" "XXXXXXXXXXXXXXXXXXXX"
kf_run "probability=30,times=-1,report=$tmp/r.json" ./shim-alloc seq 50
ok "the report echoes the spec and a seed" kf_json "$tmp/r.json" \
	'r["spec"].startswith("probability=30") and r["seed"] > 0'
done_testing

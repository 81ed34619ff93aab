#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A schedule as its switches: sched_record=1 lists a run's switches off
# the scheduler's default order (the running thread goes on while it can,
# else the first enabled thread), sched=list:... (inline or @FILE) runs
# them again: the same steps in the same order.  sched_log=N keeps the
# steps around every hand-over, each with what its thread was about to
# do and where.
. "$srcdir/lib.sh"
plan 14

prog=./shim-sched
field() {
	python3 -c 'import json, sys
print(json.load(open(sys.argv[1]))["sched"][sys.argv[2]])' "$1" "$2"
}

run_spec "sched=random,seed=5,sched_record=1,report=$tmp/r.json" \
	serial 3 40 100
order=$(line log)
list=$(field "$tmp/r.json" list)
n=$(echo "$list" | tr '/' '\n' | grep -c .)
ok "sched_record=1: the random run's $n switches are listed" kf_json \
	"$tmp/r.json" 'r["sched"]["exact"] and r["sched"]["switches"] == '"$n"' and r["sched"]["switches"] > 20'

run_spec "sched=list:$list,sched_record=1,report=$tmp/l.json" serial 3 40 100
kf_is "sched=list: the same order of steps" "$(line log)" "$order"
kf_is "... and the same switches, recorded again" \
	"$(field "$tmp/l.json" list)" "$list"

echo "$list" | tr '/' '\n' >"$tmp/list"
run_spec "sched=list:@$tmp/list,report=$tmp/f.json" serial 3 40 100
kf_is "sched=list:@FILE (one switch a line): the same order" \
	"$(line log)" "$order"

# The default order: each worker runs to its end before the next starts.
run_spec "sched=list,sched_record=1,report=$tmp/d.json" serial 3 40 100
default=$(line log)
kf_is "sched=list with no switch: the default order" \
	"$(echo "$default" | tr -s 0-9)" "123"
ok "... no switch, no preemption" kf_json "$tmp/d.json" \
	'r["sched"]["switches"] == 0 and r["sched"]["preemptions"] == 0 and r["sched"]["list"] == ""'
# A single switch: at step 5 the third thread (the second worker) runs.
run_spec "sched=list:t3@5,report=$tmp/s.json" serial 3 40 100
kf_is "one switch moves one thread ahead" \
	"$(line log | tr -s 0-9)" "1213"
ok "... and the report counts it as a preemption" kf_json "$tmp/s.json" \
	'r["sched"]["switches"] == 1 and r["sched"]["preemptions"] == 1'
# Negative control: a switch to a thread that never exists changes nothing.
run_spec "sched=list:t9@5,report=$tmp/n.json" serial 3 40 100
kf_is "a switch to no thread: the default order" "$(line log)" "$default"

run_spec "sched=list:t3@5,sched_log=2,report=$tmp/g.json" serial 3 40 100
ok "sched_log=2: each hand-over with the steps on either side, in order" \
	kf_json "$tmp/g.json" '(lambda L: (lambda steps, turns:
    steps == sorted(set(steps)) and 5 in turns and len(turns) >= 4
    and all(s in steps for t in turns for s in range(t - 2, t + 3)
            if 1 <= s <= r["sched"]["steps"])
    and len(steps) < r["sched"]["steps"] / 4)(
  [e["step"] for e in L],
  [L[i]["step"] for i in range(len(L) - 1)
   if L[i]["thread"] != L[i + 1]["thread"]]))(r["sched"]["log"])'
ok "... the preempted step says so, and where its thread was" \
	kf_json "$tmp/g.json" '
[e for e in r["sched"]["log"] if e["preempted"]] ==
[e for e in r["sched"]["log"] if e["step"] == 5] and
all(fn(e["caller"]) == "serial_worker" for e in r["sched"]["log"]
    if e["thread"] > 1 and e["op"] != "thread_exit") and
r["sched"]["log"][0]["op"] == "pthread_join"'

kf_run "sched=list:@$tmp/none" "$prog" serial 3 4 10
ok "a list file that is not there: refused, named" \
	eval '[ $rc = 125 ] && grep -q "sched: cannot read .*none" "$tmp/err"'
kf_run "sched=list:@$tmp" "$prog" serial 3 4 10
ok "a directory: refused" \
	eval '[ $rc = 125 ] && grep -q "is not a regular file" "$tmp/err"'
printf 't2@5\nt3@4\n' >"$tmp/bad"
kf_run "sched=list:@$tmp/bad" "$prog" serial 3 4 10
ok "steps that go down in a file: refused, the file named" \
	eval '[ $rc = 125 ] && grep -q "the steps of a list go up in .*bad" "$tmp/err"'

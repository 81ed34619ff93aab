#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A malformed spec stops the program before main with status 125 and a
# message that names the key and the problem; each case its own message.
. "$srcdir/lib.sh"

# A value longer than any message: the message cuts the value, not the
# reason.
long=$(printf '%0300d' 0 | tr 0 7)
cut=$(printf '%044d' 0 | tr 0 7)

# spec<TAB>what stderr must contain
cases='=5	spec: (none): missing key before
fail_nth	spec: fail_nth: missing '"'"'=value'"'"'
bogus=1	spec: bogus: unknown key
fail_nth=	spec: fail_nth: empty value
fail_nth=abc	spec: fail_nth: '"'"'abc'"'"' is not a number
fail_nth=0	spec: fail_nth: 0 is not between 1 and
times=99999999999999999999999	spec: times: '"'"'99999999999999999999999'"'"' is out of range
probability=101	spec: probability: 101 is not between 0 and 100
probability=1.23456	spec: probability: '"'"'1.23456'"'"' has more than 4 decimals
probability=ten	spec: probability: '"'"'ten'"'"' is not a percentage
interval=0	spec: interval: 0 is not between 1 and
times=-2	spec: times: must be -1 (no limit) or a count
space=10Q	spec: space: '"'"'10Q'"'"' is not a number
class=nosuch	spec: class: unknown site class or group '"'"'nosuch'"'"'
class=mutex_lock	spec: class: mutex_lock is an event class and cannot fail
class=rcu	spec: class: no class that can fail is named
stack=no_such_function_xyz	spec: stack: no function '"'"'no_such_function_xyz'"'"'
stack=!	spec: stack: empty function name
caller=!alpha	spec: caller: '"'"'!'"'"' is only for stack=
gfp=__GFP_BOGUS	spec: gfp: unknown GFP flag '"'"'__GFP_BOGUS'"'"'
gfp=__GFP_IO|!__GFP_IO	spec: gfp: a flag is both required and excluded
delay=nap	spec: delay: unknown mode '"'"'nap'"'"'
delay=sleep:5ms-1ms	spec: delay: range 5ms-1ms is empty
delay=sleep:10xs	spec: delay: unknown time unit '"'"'xs'"'"'
delay=sleep	spec: delay: sleep needs a time or range
delay=pct:0	spec: delay: pct depth must be between 1 and 16
delay=yield,fail_nth=2	spec: fail_nth: not allowed in a delay rule
pct_steps=10	spec: pct_steps: needs delay=pct:DEPTH
per_thread=1	spec: per_thread: only means something with fail_nth
verbose=3	spec: verbose: 3 is not between 0 and 2
thread=0	spec: thread: 0 is not between 1 and 64
leak_exitcode=300	spec: leak_exitcode: 300 is not between 1 and 255
seed=1;seed=2	spec: seed: given twice in the spec
fail_nth=1,fail_nth=2	spec: fail_nth: given twice in rule 1
fail_nth=1,,times=2	spec: (empty): empty item
report=/nonexistent-dir/r.json	spec: report: cannot create
fail_nth=2;times=x	spec: times: '"'"'x'"'"' is not a number (rule 2, item 1)
seed=99999999999999999999	spec: seed: '"'"'99999999999999999999'"'"' is out of range
fail_nth=0x	spec: fail_nth: '"'"'0x'"'"' is not a number
fail_nth=9z	spec: fail_nth: '"'"'9z'"'"' is not a number
delay=sleep:1ms,pct_hold=1ms	spec: pct_hold: only for delay=pct:DEPTH
delay=yield,pct_steps=9	spec: pct_steps: only for delay=pct:DEPTH
delay=pct:1,pct_hold=0	spec: pct_hold: must be more than 0
leak_exitcode=125	spec: leak_exitcode: 125 means the spec was refused
created=65	spec: created: 65 is not between 1 and 64
thread_name=a-name-longer-than-15	spec: thread_name: '"'"'a-name-longer-than-15'"'"' is longer than a thread name
stack_id=0	spec: stack_id: 0 is no stack'"'"'s id
stack_id=xyz	spec: stack_id: '"'"'xyz'"'"' is not a number
leak_stacks=2	spec: leak_stacks: 2 is not between 0 and 1
sched=fifo	spec: sched: unknown policy '"'"'fifo'"'"' (random, pct:DEPTH, list:SWITCHES)
sched=list:t2	spec: sched: '"'"'t2'"'"' is not a switch (tTHREAD@STEP)
sched=list:2@10	spec: sched: '"'"'2@10'"'"' is not a switch (tTHREAD@STEP)
sched=list:t0@10	spec: sched: '"'"'t0@10'"'"' is not a switch (tTHREAD@STEP)
sched=list:t2@10x	spec: sched: '"'"'t2@10x'"'"' is not a switch (tTHREAD@STEP)
sched=list:t2@10/t1@10	spec: sched: step 10 after step 10: the steps of a list go up
sched_record=1	spec: sched_record: needs sched=random, sched=pct:DEPTH or sched=list
sched=list,sched_log=0	spec: sched_log: 0 is not between 1 and 1048576
sched=random:2	spec: sched: random takes no argument
sched=pct	spec: sched: pct needs a depth (pct:DEPTH)
sched=pct:17	spec: sched: pct depth must be between 1 and 16
sched=pct:x	spec: sched: '"'"'x'"'"' is not a number
sched_steps=100	spec: sched_steps: needs sched=random, sched=pct:DEPTH or sched=list
sched_watchdog=5ms	spec: sched_watchdog: needs sched=random, sched=pct:DEPTH or sched=list
sched=random,sched_steps=100	spec: sched_steps: only for sched=pct:DEPTH
sched=pct:4,sched_steps=2	spec: sched: pct depth 4 has 3 change points, more than sched_steps=2
sched=random,sched_watchdog=100us	spec: sched_watchdog: must be at least 1ms
sched=random,sched_watchdog=1h	spec: sched_watchdog: unknown time unit
sched=random;delay=yield	spec: sched: '"'"'delay=yield'"'"' delays threads, and under sched= the scheduler decides who runs: not both
sched=random;sched=pct:2	spec: sched: given twice in the spec
fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1;fail_nth=1	spec: fail_nth: more than 16 rules
fork=0	spec: fork: only fork=1 means something
fork=1	spec: fork: needs fork_points=FILE
fork_points=/nonexistent-points	spec: fork_points: needs a rule with fork=1
fork=1,fail_nth=2,fork_points=/x	spec: fail_nth: not with fork=1
fork=1,probability=5,fork_points=/x	spec: probability: not with fork=1
delay=yield,fork=1	spec: fork: not allowed in a delay rule
fork=1;fork=1;fork_points=/x	spec: fork: in 2 rules
fork=1,fork_points=/x,sched=random	spec: fork_points: not with sched=
fork=1,fork_points=/x;delay=yield	spec: fork_points: '"'"'delay=yield'"'"' delays threads
fork=1,fork_points=/x,record=1	spec: fork_points: not with record=1
fork=1,fork_points=/nonexistent-points	spec: fork_points: cannot read '"'"'/nonexistent-points'"'"'
fail_nth='"$long"'x	spec: fail_nth: '"'$cut...'"' is not a number (rule 1, item 1)'

n=$(printf '%s\n' "$cases" | wc -l)
plan $((n + 19))
printf '%s\n' "$cases" | {
	fail=0
	i=0
	while IFS='	' read -r spec want; do
		i=$((i + 1))
		KFAULT=$spec LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 \
			>"$tmp/out" 2>"$tmp/err"
		rc=$?
		if [ $rc -eq 125 ] && [ ! -s "$tmp/out" ] &&
			grep -qF "kfault: $want" "$tmp/err"; then
			echo "ok $i - '$spec' stops before main: $want"
		else
			echo "not ok $i - '$spec' (status $rc)"
			sed 's/^/# /' "$tmp/err" "$tmp/out"
			fail=1
		fi
	done
	exit $fail
}
sub=$?
tap_n=$n
[ $sub -eq 0 ] || tap_failed=1

# The fork server's points file: its own, and said apart from the spec.
printf 'not a points file\n' >"$tmp/points"
KFAULT=fork=1,fork_points=$tmp/points LD_PRELOAD=$KFAULT_LIB \
	./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "a points file of another kind is refused, with its line" \
	test $rc -eq 125 -a -n "$(grep "fork_points: '$tmp/points', line 1: not a points file of version 1" "$tmp/err")"
printf 'kfault-fork-points 1\ndir /tmp\nlog %s/log\ntimeout 100\nnth 1 x 0\n' \
	"$tmp" >"$tmp/points"
KFAULT_FORK_POINTS=$tmp/points KFAULT=fork=1 LD_PRELOAD=$KFAULT_LIB \
	./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "KFAULT_FORK_POINTS: a point that is not a number is refused" \
	test $rc -eq 125 -a -n "$(grep "line 5: not a number" "$tmp/err")"
KFAULT_FORK_POINTS=$tmp/points KFAULT=fork=1,fork_points=$tmp/points \
	LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "fork_points= and KFAULT_FORK_POINTS together are refused" \
	test $rc -eq 125 -a -n "$(grep "fork_points= is given too" "$tmp/err")"

printf 'probability=x\n' >"$tmp/spec"
KFAULT_SPEC=$tmp/spec LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
ok "KFAULT_SPEC file errors the same way" test $? -eq 125
KFAULT_SPEC=$tmp/none LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
ok "a missing KFAULT_SPEC file stops the program" grep -q "KFAULT_SPEC: cannot read" "$tmp/err"
printf '# two rules, one a comment\nfail_nth=2  # the second\n\nfail_nth=4;verbose=0\n' >"$tmp/spec"
out=$(KFAULT_SPEC=$tmp/spec LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 5 2>"$tmp/err")
kf_is "a spec file with comments and two rules" "$out" ".X.X."
KFAULT="bogus=1,report=$tmp/sh.json" LD_PRELOAD=$KFAULT_LIB sh -c 'exit 7' 2>"$tmp/err"
ok "a program without kstub (sh) ignores the spec" test $? -eq 7 -a ! -e "$tmp/sh.json"

# Numbers are decimal (or 0x hex), never octal: 010 is the tenth call.
kf_run fail_nth=010 ./shim-alloc seq 12
kf_is "fail_nth=010 fails the tenth call" "$out" ".........X.."
kf_run fail_nth=0xa ./shim-alloc seq 12
kf_is "fail_nth=0xa fails the tenth call" "$out" ".........X.."

# In KFAULT a '#' is part of the value; in a spec file it starts a comment.
(cd "$tmp" && KFAULT='report=out#1.json' LD_PRELOAD=$KFAULT_LIB \
	"$OLDPWD/shim-alloc" seq 1 >/dev/null 2>&1)
ok "report=out#1.json in KFAULT writes out#1.json" test -s "$tmp/out#1.json"

# Sixteen rules and then more items: no rule slot past the table (this
# wrote past the config and blanked every frame's object before).
rules=
i=0
while [ $i -lt 15 ]; do rules="${rules}fail_nth=1000;"; i=$((i + 1)); done
kf_run "${rules}fail_nth=2;seed=5;report=$tmp/r16.json" ./shim-alloc seq 3
kf_is "sixteen rules and a global item: the 2nd call fails" "$out" ".X."
ok "sixteen rules: the report names the fault's object" \
	kf_json "$tmp/r16.json" 'r["seed"] == 5 and len(r["rules"]) == 16 and r["faults"][0]["caller"]["object"].endswith("shim-alloc")'

# KFAULT_REPORT: a path apart from the spec, whatever characters it has.
KFAULT=fail_nth=1 KFAULT_REPORT="$tmp/r,1;x#y.json" LD_PRELOAD=$KFAULT_LIB \
	./shim-alloc seq 2 >/dev/null 2>"$tmp/err"
ok "KFAULT_REPORT names the report, commas and all" \
	kf_json "$tmp/r,1;x#y.json" 'r["faults_total"] == 1'
KFAULT="report=$tmp/a.json" KFAULT_REPORT="$tmp/b.json" LD_PRELOAD=$KFAULT_LIB \
	./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "report= and KFAULT_REPORT together are refused" \
	test $rc -eq 125 -a -n "$(grep 'both report= and KFAULT_REPORT' "$tmp/err")"

# KFAULT_SPEC must name a regular file of text, read without blocking.
mkdir "$tmp/dir"
KFAULT_SPEC=$tmp/dir LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "KFAULT_SPEC naming a directory is refused" \
	test $rc -eq 125 -a -n "$(grep 'is not a regular file' "$tmp/err")"
mkfifo "$tmp/fifo"
timeout 10 env KFAULT_SPEC="$tmp/fifo" LD_PRELOAD="$KFAULT_LIB" \
	./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "KFAULT_SPEC naming a FIFO is refused without blocking" \
	test $rc -eq 125 -a -n "$(grep 'is not a regular file' "$tmp/err")"
KFAULT_SPEC=/proc/self/mem LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
ok "KFAULT_SPEC=/proc/self/mem is refused" test $? -eq 125
printf 'fail_nth=1\000x\n' >"$tmp/nul"
KFAULT_SPEC=$tmp/nul LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
rc=$?
ok "a KFAULT_SPEC file with a NUL byte is refused" \
	test $rc -eq 125 -a -n "$(grep 'has a NUL byte' "$tmp/err")"
printf 'fail_nth=1\n' >"$tmp/noread"
chmod 000 "$tmp/noread"
if [ "$(id -u)" -eq 0 ]; then
	skip "an unreadable KFAULT_SPEC file: root reads every file"
else
	KFAULT_SPEC=$tmp/noread LD_PRELOAD=$KFAULT_LIB ./shim-alloc seq 1 >/dev/null 2>"$tmp/err"
	ok "an unreadable KFAULT_SPEC file is refused" test $? -eq 125
fi
done_testing

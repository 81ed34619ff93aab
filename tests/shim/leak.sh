#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The end-to-end case: stack=FUNC,fail_nth=1 fails the allocation made
# under FUNC, the report names it with a backtrace, and the error-path
# leak shows with its allocation stack; the fixed twin leaks nothing.
. "$srcdir/lib.sh"
plan 16

spec="stack=foo_alloc_buf,fail_nth=1,leak_stacks=1,report=$tmp/r.json"
kf_run "report=$tmp/clean.json" ./shim-leak
kf_is "without a fault the buggy program works" "$out" "created"
ok "and leaks nothing" kf_json "$tmp/clean.json" \
	'r["leaks"]["checked"] and r["leaks"]["objects"] == 0'
kf_run "$spec" ./shim-leak
kf_is "the allocation under foo_alloc_buf fails" "$out" "failed"
ok "the report names it with a backtrace" kf_json "$tmp/r.json" '
r["faults_total"] == 1 and r["faults"][0]["caller"]["function"] == "foo_alloc_buf"
and [fn(f) for f in r["faults"][0]["backtrace"]][:3] == ["foo_alloc_buf", "foo_create", "main"]
and r["faults"][0]["caller"]["object"].endswith("shim-leak")'
ok "the leak shows with its bytes and allocation stack" kf_json "$tmp/r.json" '
r["leaks"]["objects"] == 2 and r["leaks"]["bytes"] == 16 + 4
and all(fn(s["caller"]) == "foo_create" and [fn(f) for f in s["backtrace"][:2]] == ["foo_create", "main"] for s in r["leaks"]["sites"])'
ok "stderr names the leak and where it was allocated" grep -q "kfault: leak: .* allocated at foo_create" "$tmp/err"
kf_run "stack=foo_alloc_buf,fail_nth=1,leak_stacks=1" ./shim-leak
ok "without report=, stderr still shows the allocation stacks" \
	test "$(grep -c "^kfault:     #1 main+" "$tmp/err")" -eq 2
kf_is "the fault's stack is printed once, where it happened" \
	"$(grep -c "^kfault:     #0 foo_alloc_buf+" "$tmp/err")" 1
"$KFAULT_BIN" symbolize "$tmp/r.json" >"$tmp/sym" 2>&1
ok "kfault symbolize puts file:line on every frame of the fault's stack" \
	eval 'grep -q "^ foo_alloc_buf (.*/tests/shim/leak.c:[0-9]*)$" "$tmp/sym" &&
	grep -q "^ foo_create (.*/tests/shim/leak.c:[0-9]*)$" "$tmp/sym" &&
	grep -q "^ main (.*/tests/shim/leak.c:[0-9]*)$" "$tmp/sym"'
kf_run "fail_nth=2,report=$tmp/inl.json" ./shim-alloc inline 3
"$KFAULT_BIN" symbolize "$tmp/inl.json" >"$tmp/inl" 2>&1
ok "an inlined call is a frame of its own, then the function it is in" \
	eval 'grep -A1 "^ inline_inner (.*alloc.c:[0-9]*) \[inlined\]$" "$tmp/inl" |
	grep -q "^ inline_outer (.*alloc.c:[0-9]*)$"'
"$KFAULT_BIN" symbolize --json "$tmp/inl.json" >"$tmp/inl.json.sym"
ok "--json: every frame has source and inlined" kf_json "$tmp/inl.json.sym" '
all("source" in f and "inlined" in f for f in r["faults"][0]["backtrace"])
and r["faults"][0]["backtrace"][0]["inlined"][0]["function"] == "inline_inner"
and r["seed"] == json.load(open(sys.argv[1][:-4]))["seed"]'
kf_run "$spec,leak_exitcode=23" ./shim-leak
kf_is "leak_exitcode=23 sets the status when something leaked" "$rc" 23
kf_run "$spec,leak_exitcode=23" ./shim-leak-fixed
ok "the fixed twin fails the same call and leaks nothing" kf_json "$tmp/r.json" \
	'r["faults_total"] == 1 and r["leaks"]["checked"] and r["leaks"]["objects"] == 0 and r["exit"]["status"] == 0'

# Two paths through one allocating function, one leaks: the report names
# the leaking path with leak_stacks=1, on every frame's file:line.
kf_run "leak_stacks=1,report=$tmp/two.json" ./shim-twopaths
ok "leak_stacks=1: the leak's own stack, through path_leaky" kf_json "$tmp/two.json" '
len(r["leaks"]["sites"]) == 1 and r["leaks"]["sites"][0]["objects"] == 1
and [fn(f) for f in r["leaks"]["sites"][0]["backtrace"][:3]] == ["make_node", "path_leaky", "main"]'
"$KFAULT_BIN" symbolize "$tmp/two.json" >"$tmp/two.sym" 2>&1
ok "and file:line on its frames" eval \
	'grep -A3 "^leak: 24 bytes in 1 objects" "$tmp/two.sym" | grep -q "^ path_leaky (.*/tests/shim/twopaths.c:[0-9]*)$"'
kf_run "report=$tmp/two0.json" ./shim-twopaths
ok "without it, the leak names its allocating caller alone (no stack walked)" \
	kf_json "$tmp/two0.json" '[fn(f) for f in r["leaks"]["sites"][0]["backtrace"]] == ["make_node"]'
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The main job: a sweep over the shrinker example (shrinker_alloc,
# shrinker_register and shrinker_free of every kind, memcg-aware included,
# with memcgs coming and going, and the boot of the example itself) lists
# every allocation point and finds every one ok.
. "$srcdir/lib.sh"

json="$scratch/shrinker.jsonl"
"$kfault" sweep -q -o "$scratch/shrinker" --json "$json" \
	-- "$top_builddir/examples/shrinker/shrinker-life" >"$scratch/table" 2>"$scratch/err"
rc=$?
all=$(points "$json" | wc -l)

plan 8
ok "shrinker sweep: exit 0 (got $rc)" is "$rc" 0
ok "shrinker sweep: every point ok ($(count "$json" ok) of $all)" \
	is "$(count "$json" ok)" "$all"
[ "$rc" = 0 ] || sed 's/^/# /' "$scratch/table" "$scratch/err"

# on_stack FUNC: how many points have FUNC on their stack
on_stack() {
	grep -c "\"stack\":\[[^]]*\"$1\"" "$json"
}
ok "shrinker_alloc's allocations are points" test "$(on_stack shrinker_alloc)" -ge 3
ok "shrinker_register's (debugfs) are points" \
	test "$(on_stack shrinker_register)" -ge 1
ok "the memcg-aware path (shrinker_info) is swept" \
	test "$(on_stack alloc_shrinker_info)" -ge 1
ok "the memcg id allocation is swept" \
	grep -q '"class":"idr"' "$json"
ok "memcg creation under the shrinker code is swept" \
	test "$(on_stack kstub_memcg_create)" -ge 1
ok "the example's boot (shrinker_glue_init) is swept too" \
	test "$(on_stack shrinker_glue_init)" -ge 1
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault merge: the shards of one sweep are that sweep (the same table,
# JSON and JUnit as the whole sweep); files of another sweep, a shard
# twice, or a missing shard never pass as a verdict on the whole.
. "$srcdir/lib.sh"
plan 9

s=$scratch
"$kfault" sweep -q -o "$s/w" --json "$s/whole.json" -- ./planted leak \
	>"$s/whole.txt" 2>/dev/null
for i in 1 2 3; do
	"$kfault" sweep -q -o "$s/r$i" --shard $i/3 --json "$s/$i.json" \
		-- ./planted leak >/dev/null 2>&1
done

"$kfault" merge --json "$s/merged.json" --junit "$s/merged.xml" \
	"$s/3.json" "$s/1.json" "$s/2.json" >"$s/merged.txt" 2>"$s/merged.err"
rc=$?
sed 's/^/# /' "$s/merged.err"
ok "three shards: the leak is found (exit $rc)" is "$rc" 1
ok "the merged table has the whole sweep's points and summary" \
	is "$(sed -n 's/ (stack mode.*):/:/p' "$s/merged.txt")" \
	"$(sed -n 's/ (stack mode.*):/:/p' "$s/whole.txt")"
ok "the merged JSON has every point once, in order" \
	is "$(sed -n 's/^{"point":\([0-9]*\),.*"outcome":"\([a-z]*\)".*/\1 \2/p' "$s/merged.json" | tr '\n' ' ')" \
	"$(sed -n 's/^{"point":\([0-9]*\),.*"outcome":"\([a-z]*\)".*/\1 \2/p' "$s/whole.json" | sort -n | tr '\n' ' ')"
ok "the JUnit file has a testcase per point and the one failure" \
	sh -c "[ \$(grep -c '<testcase' '$s/merged.xml') = 5 ] &&
		[ \$(grep -c '<failure' '$s/merged.xml') = 1 ]"

"$kfault" merge "$s/1.json" "$s/3.json" >/dev/null 2>"$s/miss.err"
rc=$?
sed 's/^/# /' "$s/miss.err"
ok "a missing shard: exit 1 even though the points there are ok ($rc)" \
	sh -c "[ $rc = 1 ] && grep -q 'shard 2/3 is missing' '$s/miss.err'"

"$kfault" merge "$s/1.json" "$s/1.json" >/dev/null 2>"$s/twice.err"
rc=$?
ok "a shard given twice is refused (exit $rc)" \
	sh -c "[ $rc = 2 ] && grep -q 'given twice' '$s/twice.err'"

"$kfault" sweep -q -o "$s/o" --shard 2/3 --json "$s/other.json" \
	-- ./planted crash >/dev/null 2>&1
"$kfault" merge "$s/1.json" "$s/other.json" "$s/3.json" >/dev/null \
	2>"$s/other.err"
rc=$?
sed 's/^/# /' "$s/other.err"
ok "another sweep's shard is refused, naming the difference (exit $rc)" \
	sh -c "[ $rc = 2 ] && grep -q \"the command: './planted leak' there, './planted crash' here\" '$s/other.err'"

# a shard cut short by a kill: its last line is half written
head -c -20 "$s/2.json" >"$s/2cut.json"
"$kfault" merge "$s/1.json" "$s/2cut.json" "$s/3.json" >/dev/null \
	2>"$s/cut.err"
rc=$?
sed 's/^/# /' "$s/cut.err"
ok "a shard cut short: its point has no result, exit $rc" \
	sh -c "[ $rc = 1 ] && grep -q 'have no result' '$s/cut.err'"

"$kfault" sweep -q -o "$s/n" --shard 1/3 --json "$s/none1.json" \
	-- ./planted none >/dev/null 2>&1
"$kfault" sweep -q -o "$s/n" --shard 2/3 --json "$s/none2.json" \
	-- ./planted none >/dev/null 2>&1
"$kfault" sweep -q -o "$s/n" --shard 3/3 --json "$s/none3.json" \
	-- ./planted none >/dev/null 2>&1
"$kfault" merge "$s"/none*.json >/dev/null 2>&1
ok "negative control: every shard of a clean program, every point ok (exit $?)" \
	is "$?" 0
done_testing

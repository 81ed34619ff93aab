#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Results belong to the sweep that made them: an earlier sweep's files in
# the results directory are never read as this one's, --resume refuses a
# file another sweep wrote (naming what differs), and a results file with
# a line cut short, a NUL byte or a repeated point is repaired, never
# read as results nor left invalid.
. "$srcdir/lib.sh"
plan 15

# valid FILE: every line a JSON object, each point once
valid() {
	if command -v python3 >/dev/null; then
		python3 -c '
import json, sys
seen = set()
for line in open(sys.argv[1], "rb"):
    j = json.loads(line)
    if "point" in j:
        k = (j["point"], j["nth"], j["persist"])
        assert k not in seen, k
        seen.add(k)
' "$1"
	else
		! tr -d '\n' <"$1" | grep -q "$(printf '\000')" &&
			[ "$(points "$1" | awk '{print $1}' | sort | uniq -d)" = "" ]
	fi
}

# An earlier sweep of another program in the same directory
"$kfault" sweep -q -o "$scratch/d" -- ./planted none >/dev/null 2>&1
"$kfault" sweep -q -o "$scratch/d" -- /bin/true >"$scratch/true.out" \
	2>"$scratch/true.err"
rc=$?
ok "same results directory, another program: exit 2, not 0 (got $rc)" \
	is "$rc" 2
ok "...and none of the earlier program's points" \
	eval '! grep -q widget "$scratch/true.out"'

# A results file and the sweeps that may not resume it
"$kfault" sweep -q -o "$scratch/f" --json "$scratch/f.jsonl" \
	-- ./planted none >/dev/null 2>&1
ok "the results file starts with its header" \
	eval 'head -n 1 "$scratch/f.jsonl" | grep -q "^{\"kfault_sweep\":1,\"program\":\".*planted\",\"program_hash\":\"fnv1a64:"'
cp "$scratch/f.jsonl" "$scratch/f.orig"

# refused DESC WHAT ARGS...: --resume f.jsonl with ARGS is refused, exit 2,
# naming WHAT, and the file is left as it was
refused() {
	desc=$1 what=$2
	shift 2
	"$kfault" sweep -q -o "$scratch/f2" --resume "$scratch/f.jsonl" "$@" \
		>/dev/null 2>"$scratch/refused.err"
	rc=$?
	ok "--resume, $desc: refused, exit 2 (got $rc), naming $what" \
		eval '[ "$rc" = 2 ] && grep -q "written by another sweep: $what" "$scratch/refused.err" &&
			cmp -s "$scratch/f.jsonl" "$scratch/f.orig"' ||
		sed 's/^/# /' "$scratch/refused.err"
}
refused "another argument" "the command" -- ./planted leak
refused "another program" "the command" -- ./race-uaf fixed
refused "another spec" "the spec" --spec class=slab -- ./planted none
refused "another mode" "the mode" --mode nth -- ./planted none
refused "--keep-failing" "--keep-failing" --keep-failing -- ./planted none
# the same path, another binary
cp ./planted "$scratch/prog"
"$kfault" sweep -q -o "$scratch/g" --json "$scratch/g.jsonl" \
	-- "$scratch/prog" none >/dev/null 2>&1
printf 'x' >>"$scratch/prog"
"$kfault" sweep -q -o "$scratch/g" --resume "$scratch/g.jsonl" \
	-- "$scratch/prog" none >/dev/null 2>"$scratch/g.err"
rc=$?
ok "--resume, the same path rebuilt: refused (got $rc), naming the content" \
	eval '[ "$rc" = 2 ] && grep -q "another sweep: the program.s content: fnv1a64:" "$scratch/g.err"'

# No header: not a file this kfault wrote
grep '^{"point"' "$scratch/f.orig" >"$scratch/nohead.jsonl"
"$kfault" sweep -q -o "$scratch/f" --resume "$scratch/nohead.jsonl" \
	-- ./planted none >/dev/null 2>"$scratch/nohead.err"
rc=$?
ok "--resume of a file without a header: refused (got $rc)" \
	eval '[ "$rc" = 2 ] && grep -q "has no header line" "$scratch/nohead.err"'

# A line cut short (a kill while writing), a NUL byte, a repeated point
all=$(points "$scratch/f.orig" | wc -l)
{
	head -n 2 "$scratch/f.orig"
	sed -n 3p "$scratch/f.orig" | sed 's/"outcome"/"out\x00come"/' |
		tr '\001' '\000'
	sed -n 2p "$scratch/f.orig"
	sed -n 4p "$scratch/f.orig" | head -c 40
} >"$scratch/cut.jsonl"
"$kfault" sweep -q -o "$scratch/f" --resume "$scratch/cut.jsonl" \
	-- ./planted none >/dev/null 2>"$scratch/cut.err"
rc=$?
ok "--resume of a damaged file: exit 0 (got $rc)" is "$rc" 0
ok "...says it dropped the broken lines and the repeated one" \
	eval 'grep -q "2 lines cut short or not a result (line 3: .*): dropped from the file" "$scratch/cut.err" &&
		grep -q "1 repeated line: kept once" "$scratch/cut.err"'
ok "...and leaves valid JSON lines, each point once" valid "$scratch/cut.jsonl"
ok "...with every point ($(points "$scratch/cut.jsonl" | wc -l) of $all)" \
	is "$(points "$scratch/cut.jsonl" | wc -l)" "$all"

# A NUL in the middle of a line must not make its start a result
printf '%s\n' "$(head -n 1 "$scratch/f.orig")" >"$scratch/nul.jsonl"
sed -n 2p "$scratch/f.orig" | sed 's/,"detail"/}\x01,"detail"/' |
	tr '\001' '\000' >>"$scratch/nul.jsonl"
"$kfault" sweep -q --keep-runs -o "$scratch/n" --resume "$scratch/nul.jsonl" \
	-- ./planted none >/dev/null 2>&1
ok "a point cut at a NUL byte is run again, not taken" \
	test -e "$scratch/n/point-1.err"
done_testing

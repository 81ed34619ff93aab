#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# A sweep keeps the files of the runs that are evidence: a point not ok
# keeps its stdout, stderr and report under its own name, and its verdict
# names them; an ok point's run wrote into a slot's files, reused by the
# next run, and nothing of it stays (--keep-runs keeps every run's).  An
# earlier sweep's files of an ok point are not left to pass for this
# one's, and no slot file outlives the sweep.
. "$srcdir/lib.sh"
plan 13

# names NAME...: the files of the results directory, sorted, on one line
names() {
	(cd "$1" && ls -A) | sort | tr '\n' ' '
}

# An earlier sweep's files for every point, and slot files left over
mkdir -p "$scratch/d"
for f in point-1 point-2 point-3 point-4 slot-0 slot-1; do
	for e in out err json; do
		echo stale >"$scratch/d/$f.$e"
	done
done
"$kfault" sweep -q --exec -j2 -o "$scratch/d" --json "$scratch/d.jsonl" \
	-- ./planted leak >/dev/null 2>"$scratch/d.err"
rc=$?
ok "planted leak: exit 1, one leak, the rest ok (got $rc)" \
	eval '[ "$rc" = 1 ] && [ "$(count "$scratch/d.jsonl" leak)" = 1 ] &&
		[ "$(count "$scratch/d.jsonl" ok)" = $(($(points "$scratch/d.jsonl" | wc -l) - 1)) ]'
leak=$(points "$scratch/d.jsonl" | awk '$2 == "leak" { print $1 }')
ok "only the leaking point's files stay, with the counting run's" \
	is "$(names "$scratch/d")" \
	"count.err count.json count.out point-$leak.err point-$leak.json point-$leak.out "
ok "...its stderr holds the leak report, its report is a report" \
	eval 'grep -q "leak" "$scratch/d/point-$leak.err" &&
		grep -q "\"kfault_report\"" "$scratch/d/point-$leak.json"'
ok "...and its JSON line names its stderr" \
	grep -q "\"point\":$leak,.*\"stderr\":\"$scratch/d/point-$leak.err\"" \
	"$scratch/d.jsonl"
ok "an ok point's line names no stderr (none is kept)" \
	eval '[ "$(grep -c "\"outcome\":\"ok\".*\"stderr\":\"\"" "$scratch/d.jsonl")" = "$(count "$scratch/d.jsonl" ok)" ]'
ok "the table names the leaking point's stderr" \
	eval '"$kfault" sweep --exec -o "$scratch/d" -- ./planted leak 2>/dev/null |
		grep -q "(.*d/point-$leak.err)"'

# --keep-runs: every run's three files, and each report is the run's own
"$kfault" sweep -q --exec -j2 --keep-runs -o "$scratch/k" \
	--json "$scratch/k.jsonl" -- ./planted leak >/dev/null 2>&1
n=$(points "$scratch/k.jsonl" | wc -l)
ok "--keep-runs: the three files of each of the $n points" \
	is "$(ls "$scratch/k" | grep -c '^point-[0-9]*\.\(out\|err\|json\)$')" \
	$((3 * n))
ok "...no slot file left" eval '! ls "$scratch/k" | grep -q "^slot-"'
ok "...each report is its own point's (fail_nth in its spec)" \
	eval 'for i in $(seq "$n"); do
		grep -q "\"spec\":\"[^\"]*fail_nth=$i[;\"]" "$scratch/k/point-$i.json" ||
			{ diag "point-$i.json"; exit 1; }
	done'
ok "...every JSON line names its point's stderr" \
	is "$(grep -c '"stderr":".*/point-[0-9]*\.err"' "$scratch/k.jsonl")" "$n"

# One slot (-j1): a run with 20 KB of stderr, then the leaking point's
# run with much less in the same files: the kept stderr is its own alone.
nth=$(sed -n "s/^{\"point\":$leak,\"nth\":\([0-9]*\),.*/\1/p" "$scratch/d.jsonl")
cat >"$scratch/loud.sh" <<EOF
case ",\$(printf %s "\$KFAULT" | tr ';' ',')," in
*,fail_nth=$nth,*) ;;
*) yes 'loud stderr of an ok run' | head -c 20000 >&2 ;;
esac
exec ./planted leak
EOF
"$kfault" sweep -q --exec -j1 -o "$scratch/loud" --json "$scratch/loud.jsonl" \
	-- sh "$scratch/loud.sh" >/dev/null 2>&1
ok "-j1, a loud ok run before the leak: the leak's stderr is its own" \
	eval '[ "$leak" -gt 1 ] && [ "$(count "$scratch/loud.jsonl" leak)" = 1 ] &&
		grep -q leak "$scratch/loud/point-$leak.err" &&
		! grep -q "loud stderr" "$scratch/loud/point-$leak.err"'

# One slot (-j1): a run that never starts a kstub program must not be
# judged by the report the run before it left in the slot's file.
"$kfault" sweep -q --exec -j1 -o "$scratch/one" --json "$scratch/one.jsonl" \
	-- sh "$srcdir/noreport-at.sh" 3 true >/dev/null 2>&1
rc=$?
ok "-j1, point 3 runs no kstub program: noreport, exit 1 (got $rc)" \
	eval '[ "$rc" = 1 ] && grep -q "^{\"point\":3,.*\"outcome\":\"noreport\",\"detail\":\"no report: .*one/point-3.json was never created\"" "$scratch/one.jsonl"'
ok "...and every other point ok" \
	is "$(count "$scratch/one.jsonl" ok)" \
	$(($(points "$scratch/one.jsonl" | wc -l) - 1))
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault's memory does not grow with what the program writes: 100 MB of
# stderr, which the classifier scans, the JUnit file quotes and the
# failed clean run's message shows, leave kfault well under 64 MB.
. "$srcdir/lib.sh"
plan 10

big=100000000
limit=65536 # KiB

# under FILE: the KiB ./maxrss wrote to FILE are under $limit
under() {
	kib=$(cat "$1" 2>/dev/null)
	[ -n "$kib" ] && [ "$kib" -lt "$limit" ] ||
		{ diag "max RSS ${kib:-unknown} KiB, want under $limit"; return 1; }
}

# Every run writes $big bytes of a log line to stderr; the counting run
# is ./planted none, point 1 then fails with exit 3, points 2 and 3 end
# with a sanitizer's report: at the very end, without a newline, and
# across the end of kfault's first read (320 + 64 KiB bytes).  The
# others pass.  The subject reads its spec when it starts: --exec.
cat >"$scratch/loud.sh" <<EOF
#!/bin/sh
marker='ERROR: AddressSanitizer: planted-marker'
case ",\$KFAULT," in
*,fail_nth=3,*)
	yes 'a line' | head -c 65846 >&2
	printf '%s on point 3\\n' "\$marker" >&2 ;;
esac
yes 'a line of the program under test, on stderr' | head -c $big >&2
case ",\$KFAULT," in
*,fail_nth=1,*) exit 3 ;;
*,fail_nth=2,*)
	./planted none
	rc=\$?
	printf '%s on point 2' "\$marker" >&2
	exit \$rc ;;
esac
exec ./planted none
EOF
chmod +x "$scratch/loud.sh"

./maxrss "$scratch/run.rss" "$kfault" run -- "$scratch/loud.sh" \
	>/dev/null 2>&1
ok "run: kfault's max RSS stays small" under "$scratch/run.rss"

./maxrss "$scratch/sweep.rss" "$kfault" sweep --exec \
	--junit "$scratch/junit.xml" \
	--json "$scratch/sweep.jsonl" -o "$scratch/sweep" -- \
	"$scratch/loud.sh" >/dev/null 2>"$scratch/sweep.err"
rc=$?
ok "sweep: points 1, 2 and 3 fail, the others pass (exit $rc)" is "$rc" 1
ok "sweep: kfault's max RSS stays small" under "$scratch/sweep.rss"
for n in 2 3; do
	ok "sweep: point $n's report is seen, line and all" grep -q \
		"^{\"point\":$n,.*\"outcome\":\"sanitizer\",\"detail\":\"planted-marker on point $n\"" \
		"$scratch/sweep.jsonl"
done
ok "sweep: the JUnit file quotes the start of point 1's stderr" \
	grep -q '<system-err>a line of the program under test' \
	"$scratch/junit.xml"
ok "sweep: ... and not all of it" \
	test "$(wc -c <"$scratch/junit.xml")" -lt 100000
rm -rf "$scratch/sweep"

# A clean run that fails (no kstub program: no report) shows its stderr.
cat >"$scratch/loud-noreport.sh" <<EOF
#!/bin/sh
echo 'the first line'
yes 'a line of the program under test, on stderr' | head -c $big
echo
echo 'the last line'
EOF
chmod +x "$scratch/loud-noreport.sh"
./maxrss "$scratch/clean.rss" "$kfault" sweep -o "$scratch/clean" -- \
	sh -c "'$scratch/loud-noreport.sh' >&2" >/dev/null 2>"$scratch/clean.err"
ok "failed clean run: kfault's max RSS stays small" under "$scratch/clean.rss"
ok "failed clean run: its stderr's start and end are shown" \
	eval 'grep -q "^the first line" "$scratch/clean.err" &&
		grep -q "^the last line" "$scratch/clean.err"'
ok "failed clean run: ... not all of it" \
	test "$(wc -c <"$scratch/clean.err")" -lt 4000000
rm -rf "$scratch"
done_testing

#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# The sweep's JUnit file is one CI systems can keep history in: a test's
# name is its call stack as functions and source lines, the same when
# the program is rebuilt at -O0 and at -O2 (inlined there); a failure's
# message is the bug's title; a program whose stderr is not UTF-8 (or
# holds control characters and markup) still leaves well-formed XML.
. "$srcdir/lib.sh"
command -v python3 >/dev/null || plan_skip_all "python3 not installed"
[ -n "$CC" ] || plan_skip_all "no \$CC (run through make check)"
plan 9

prog="$PWD/$scratch/thing"
src="$top_srcdir/tests/cli/rebuild.c"
libdir="$top_builddir/kstub/.libs"

# build OPT: rebuild.c into $prog as the test suite builds, at OPT
build() {
	$CC $1 -g -fno-optimize-sibling-calls $SAN_CFLAGS -pthread \
		-I"$top_srcdir/kstub/include" -I"$top_builddir" "$src" \
		-o "$prog" -L"$libdir" -lkstub -Wl,-rpath,"$libdir" \
		2>"$scratch/cc.err"
}

# cases XML: "name|file|line|failure message" per testcase, in file order
cases() {
	python3 -c '
import sys, xml.etree.ElementTree as ET
for tc in ET.parse(sys.argv[1]).getroot().iter("testcase"):
    f = tc.find("failure")
    print("|".join([tc.get("name"), tc.get("file") or "", tc.get("line") or "",
                    f.get("message") if f is not None else ""]))
' "$1"
}

for opt in -O0 -O2; do
	if ! build $opt; then
		sed 's/^/# /' "$scratch/cc.err"
		skip "cannot build rebuild.c at $opt"
		continue
	fi
	"$kfault" sweep -q -o "$scratch/r$opt" --junit "$scratch/junit$opt.xml" \
		-- "$prog" >"$scratch/table$opt" 2>&1
	cases "$scratch/junit$opt.xml" >"$scratch/cases$opt" \
		2>"$scratch/parse$opt.err"
	ok "$opt: the JUnit file parses, invalid UTF-8 in stderr and all" \
		test $? = 0 -a -s "$scratch/cases$opt"
	sed 's/^/# /' "$scratch/parse$opt.err" "$scratch/cases$opt"
done

ok "test names are the same at -O0 and -O2" \
	cmp -s "$scratch/cases-O0" "$scratch/cases-O2"
[ -s "$scratch/cases-O2" ] && diff "$scratch/cases-O0" "$scratch/cases-O2" |
	sed 's/^/# /'
ok "no name holds an offset" test "$(grep -c '+0x' "$scratch/cases-O0")" = 0
ok "names are function (file:line) frames up to main" \
	grep -q '^thing_alloc_table (rebuild.c:[0-9]*) < thing_create (rebuild.c:[0-9]*) < main (rebuild.c:[0-9]*)|' \
	"$scratch/cases-O0"
ok "file and line attributes: the call site" \
	grep -q "^thing_alloc_table .*|/.*/tests/cli/rebuild.c|[0-9][0-9]*|" \
	"$scratch/cases-O0"
ok "the failure's message is the title" \
	grep -q '|BUG: memory leak in thing_create$' "$scratch/cases-O0"

python3 -c '
import sys, xml.etree.ElementTree as ET
err = [e.text for e in ET.parse(sys.argv[1]).getroot().iter("system-err")]
sys.exit(0 if err and "\ufffd" in err[0] and "<bad> &" in err[0] else 1)
' "$scratch/junit-O0.xml"
ok "invalid bytes became U+FFFD, markup kept as text" test $? = 0

# Negative control: the raw bytes are in the point's stderr, so a
# writer that copied them would have made the XML malformed.
ok "negative control: the stderr holds bytes XML cannot" \
	grep -q "$(printf 'thing: \377')" "$scratch"/r-O0/point-*.err
done_testing

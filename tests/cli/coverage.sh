#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# kfault sweep --coverage: the error paths the points ran (lines no clean
# run reaches) and those none did, for a program built with gcc
# --coverage; the HTML report from lcov's genhtml.  covprog.c has two
# error paths a sweep reaches and one (err_bad_name) it cannot.
. "$srcdir/lib.sh"
[ "${KSTUB_SANITIZER:-none}" = none ] ||
	plan_skip_all "gcov counts the plain build's gcc objects"
command -v gcov >/dev/null || plan_skip_all "gcov not installed"
${CC:-cc} --version 2>/dev/null | grep -q "gcc\|GCC" ||
	plan_skip_all "--coverage here is gcc's (CC is ${CC:-cc})"
plan 5

dir=$PWD/$scratch/build
mkdir -p "$dir"
${CC:-cc} --coverage -O0 -g -fno-optimize-sibling-calls \
	-I"$top_srcdir/kstub/include" -I"$top_builddir" \
	-o "$dir/covprog" "$srcdir/covprog.c" \
	"$top_builddir/kstub/.libs/libkstub.so" \
	-Wl,-rpath,"$top_builddir/kstub/.libs"
ok "covprog builds with --coverage" test -x "$dir/covprog"

"$kfault" sweep --coverage -o "$scratch/res" -- "$dir/covprog" \
	>"$scratch/out" 2>"$scratch/err"
sed 's/^/# /' "$scratch/out"
ok "the sweep says which error paths ran" \
	grep -q "^Error paths exercised: [1-9][0-9]* of [1-9][0-9]* lines" "$scratch/out"
ok "the path no fault reaches is named, with its label" \
	grep -q "never reached: covprog.c:[0-9]* (err_bad_name)" "$scratch/out"
ok "the paths the faults reach are not listed as never reached" \
	sh -c "! grep -q '(err_free_name)\|(err_free_foo)' '$scratch/out'"
if command -v genhtml >/dev/null; then
	ok "an HTML report" test -s "$scratch/res/coverage/index.html"
else
	skip "genhtml (Debian package lcov) not installed"
fi
done_testing

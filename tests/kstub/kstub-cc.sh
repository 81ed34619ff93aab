# SPDX-License-Identifier: GPL-2.0-only
# scripts/kstub-cc: a kernel file that compiles is compiled; one that needs
# what kstub lacks gets the missing headers and symbols by name, with the
# lines that use them, and exit status 1, instead of compiler errors.
. "$top_srcdir/tests/lib/tap.sh"

cc=$top_srcdir/scripts/kstub-cc
port=$top_srcdir/tests/kstub/port
obj=$PWD/kstub-cc-test.o

plan 7
out=$(CC=${CC:-cc} "$cc" -I "$port/priv" "$port/trace-user.c" -o "$obj" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
ok "a file with its own trace events compiles" test "$rc" -eq 0 -a -s "$obj"
rm -f "$obj"

out=$(CC=${CC:-cc} "$cc" -I "$port/priv" "$port/needs-more.c" -o "$obj" 2>&1)
rc=$?
echo "$out" | sed 's/^/# /'
has() { echo "$out" | grep -q -- "$1"; }
ok "a file that needs more: exit status 1" test "$rc" -eq 1
ok "the missing header, with its #include line" \
	has "<linux/maple_tree.h>  included at .*needs-more.c:9"
ok "a symbol kstub lacks, where it is used" \
	has "mtree_load  *.*needs-more.c:17"
ok "a missing macro by name" has "DEFINE_MTREE  *.*needs-more.c:13"
ok "a kstub header the file forgot is named" \
	has "<linux/jhash.h> (in kstub; the file does not include it)"
ok "the private header was found through -I (PRIV_SEED not missing)" \
	sh -c '! echo "$1" | grep -q PRIV_SEED' - "$out"
done_testing

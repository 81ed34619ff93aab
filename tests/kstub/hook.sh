# SPDX-License-Identifier: GPL-2.0-only
# The hook interposition proof: a kstub_hook in a separately built module,
# LD_PRELOADed onto a program that has none, replaces libkstub's default
# and decides which allocation fails; without it nothing fails.
#
# The program is run directly (it is linked -no-install), never through a
# libtool wrapper script: the preload would go into the shell too.  In
# ASan builds the ASan runtime is linked statically into the program, so
# the preloaded module (which needs it) finds it there; ASan's "runtime
# does not come first" check concerns only a shared runtime.
. "$top_srcdir/tests/lib/tap.sh"

prog=./hook-prog
lib=$PWD/.libs/hook-preload.so
test -x "$prog" && test -f "$lib" || { echo "Bail out! build hook-prog and hook-preload.la first"; exit 1; }

plan 7
out=$($prog 2>&1)
diag "without the hook:" $out
ok "without the preload all three kmallocs succeed" \
	test "$(echo "$out" | grep -c '^kmalloc [123]: ok$')" -eq 3

out=$(LD_PRELOAD=$lib $prog 2>&1)
echo "$out" | sed 's/^/# /'
ok "with it the 1st kmalloc succeeds" \
	sh -c 'echo "$1" | grep -q "^kmalloc 1: ok$"' - "$out"
ok "the 2nd fails (NULL)" sh -c 'echo "$1" | grep -q "^kmalloc 2: NULL$"' - "$out"
ok "the 3rd succeeds" sh -c 'echo "$1" | grep -q "^kmalloc 3: ok$"' - "$out"
ok "the hook saw exactly 3 slab sites and 2 frees (kfree(NULL) is none)" \
	sh -c 'echo "$1" | grep -q "^hook: slab=3 free=2 "' - "$out"
ok "the failed site's caller is the function that called kmalloc" \
	sh -c 'echo "$1" | grep -q "failed_caller=alloc_three+0x"' - "$out"
ok "the injected failure printed the allocation-failure warning" \
	sh -c 'echo "$1" | grep -q "^kmalloc: allocation failure: 32 bytes, gfp 0xcc0(GFP_KERNEL), caller alloc_three+0x"' - "$out"
done_testing
